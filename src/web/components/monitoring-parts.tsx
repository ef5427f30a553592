/** Pieces of the monitoring screens: lights, light counts, the spending curve, the behind-projects table, the year and round pickers. */
import { Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { BehindProject } from '../../shared/api/monitoring';
import { formatPercent, formatRatio } from '../lib/format';
import {
  explanations,
  LIGHT_COLORS,
  LIGHT_LABELS,
  LIGHT_TAG_COLORS,
  monthEndLabel,
  type CurvePoint,
  type Light,
  type LightCountsLike,
} from '../lib/monitoring';
import { EChart, type EChartsCoreOption } from './echart';
import { Money } from './tags';
import { monitoringGlossary, selectMonitoringConfig } from '../../shared/domain/monitoring-config';

/**
 * 图例与口径: what each light and figure of the monitoring screens means, with the thresholds of the
 * year's settings (monitoringGlossary), so nobody has to guess what a 蓝灯 or a 进度比 of 71.05 is.
 */
export function MonitoringLegend({ year }: { year: number | null }) {
  const terms = useMemo(() => monitoringGlossary(selectMonitoringConfig(year)), [year]);
  return (
    <details className="monitoring-legend" data-testid="monitoring-legend" open>
      <summary>图例与口径</summary>
      <dl>
        {terms.map((t) => (
          <div key={t.term} data-term={t.term}>
            <dt>{t.light ? <Tag color={LIGHT_TAG_COLORS[t.light]}>{t.term}</Tag> : <Typography.Text strong>{t.term}</Typography.Text>}</dt>
            <dd>{t.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** An amount in 万元 with two decimals (rounded exactly on fen). */
/** An amount in 万元 with two decimals; one with more digits says it is rounded and gives the exact amount (Money, issue 58). */
export function Wan({ fen }: { fen: number | null | undefined }) {
  return <Money fen={fen} />;
}

export function LightTag({ light, testId = 'light-tag' }: { light: Light | null | undefined; testId?: string }) {
  if (!light) return <Tag data-testid={testId} data-light="none">未判定</Tag>;
  return (
    <Tag data-testid={testId} data-light={light} color={LIGHT_TAG_COLORS[light]}>
      {LIGHT_LABELS[light]}
    </Tag>
  );
}

/** "红灯 2 黄灯 3 …" for a set of lights. */
export function LightCounts({ counts, testId }: { counts: LightCountsLike; testId?: string }) {
  const order: Light[] = ['red', 'yellow', 'blue', 'green'];
  return (
    <Space size={4} wrap data-testid={testId}>
      {order.map((l) => (
        <Tag key={l} color={LIGHT_TAG_COLORS[l]} data-light={l} data-count={counts[l]}>
          {LIGHT_LABELS[l]} {counts[l]}
        </Tag>
      ))}
      {counts.none > 0 && (
        <Tooltip title="未填报或无法判定">
          <Tag data-light="none" data-count={counts.none}>
            未判定 {counts.none}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** The plan-vs-actual chart: the plan by day (line) and the actual at each round (points). */
export function SpendingCurve({ plan, actual, testId, height = 300 }: { plan: CurvePoint[]; actual: CurvePoint[]; testId?: string; height?: number }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPercent(v) : String(v)) },
      legend: { top: 0 },
      grid: { left: 50, right: 24, top: 36, bottom: 30 },
      // Ticks fall on the first of a month, which is the end of the month before: labelled as the
      // checkpoints are named (6月底, 8月底), so a round of 6月底 does not sit under "7月".
      xAxis: { type: 'time', axisLabel: { formatter: monthEndLabel } },
      yAxis: { type: 'value', name: '累计 %', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10) },
      series: [
        { type: 'line', name: '计划进度', showSymbol: false, data: plan, lineStyle: { color: '#1677ff', width: 2 }, itemStyle: { color: '#1677ff' } },
        {
          type: 'line',
          name: '实际执行',
          data: actual,
          symbolSize: 9,
          lineStyle: { color: '#a61b29', width: 2 },
          itemStyle: { color: '#a61b29' },
          label: { show: true, formatter: (p: { value: CurvePoint }) => formatPercent(p.value[1]), position: 'top' },
        },
      ],
    }),
    [plan, actual],
  );
  return (
    <>
      <EChart option={option} height={height} testId={testId} />
      {/* the chart's points in words: what a screen reader reads, and what a person can compare with the tables */}
      {actual.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }} data-testid={testId === undefined ? undefined : `${testId}-points`}>
          实际执行：{actual.map(([day, percent]) => `${day} ${formatPercent(percent)}`).join('；')}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** Why a behind project is behind: each yellow/red entry with its cause and measure, or 未说明原因. */
export function Explanations({ project }: { project: BehindProject }) {
  const lines = explanations(project);
  if (lines.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid="behind-explanations">
      {lines.map((l, i) => (
        <div key={i} style={{ marginBottom: 4 }} data-testid="behind-explanation" data-explained={l.cause !== null && l.measure !== null}>
          <Tag color={l.light ? LIGHT_TAG_COLORS[l.light] : undefined} style={{ marginRight: 4 }}>
            {l.subject}
          </Tag>
          {l.cause === null ? (
            <Tag color="red" data-testid="no-cause">
              未说明原因
            </Tag>
          ) : (
            <span>原因：{l.cause}</span>
          )}
          {l.measure === null ? (
            l.cause !== null && (
              <Tag color="orange" style={{ marginLeft: 4 }}>
                未填写措施
              </Tag>
            )
          ) : (
            <span style={{ color: '#555' }}>；措施：{l.measure}</span>
          )}
        </div>
      ))}
    </div>
  );
}

/** The projects behind plan: by how much and why. */
export function BehindTable({ projects, showDepartment, asOf, testId = 'behind-table' }: { projects: BehindProject[]; showDepartment: boolean; asOf: string; testId?: string }) {
  return (
    <Table<BehindProject>
      size="small"
      data-testid={testId}
      rowKey="projectId"
      dataSource={projects}
      pagination={projects.length > 15 ? { pageSize: 15, size: 'small' } : false}
      scroll={{ x: 1100 }}
      onRow={(p) => ({ 'data-testid': 'behind-row', 'data-project': p.projectId }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '项目',
          key: 'name',
          width: 220,
          render: (_, p) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/projects/${p.projectId}/monitoring?asOf=${asOf}`} data-testid="behind-project-link">
                {p.name}
              </Link>
              <Space size={4}>
                {p.keyMonitoring && (
                  <Tag color="magenta" data-testid="key-monitoring">
                    重点监控
                  </Tag>
                )}
                {!p.complete && <Tag color="red">说明不完整</Tag>}
              </Space>
            </Space>
          ),
        },
        ...(showDepartment
          ? [
              {
                title: '部门',
                key: 'dept',
                width: 150,
                render: (_: unknown, p: BehindProject) =>
                  p.departmentId !== null ? <Link to={`/monitoring/departments/${p.departmentId}?asOf=${asOf}`}>{p.departmentName}</Link> : '—',
              },
            ]
          : []),
        { title: '预算（万元）', dataIndex: 'budgetFen', width: 120, align: 'right' as const, render: (f: number | null) => <Wan fen={f} /> },
        { title: '执行率', dataIndex: 'actualPercent', width: 80, align: 'right' as const, render: (v: number | null) => formatPercent(v) },
        { title: '序时/计划进度', dataIndex: 'planPercent', width: 100, align: 'right' as const, render: (v: number | null) => formatPercent(v) },
        { title: '进度比（%）', dataIndex: 'ratio', width: 90, align: 'right' as const, render: (v: number | null) => formatRatio(v) },
        {
          title: '落后金额（万元）',
          dataIndex: 'gapFen',
          width: 120,
          align: 'right' as const,
          render: (f: number | null) => (f !== null && f > 0 ? <Wan fen={f} /> : '—'),
        },
        { title: '支出', dataIndex: 'spendingLight', width: 70, render: (l: Light | null) => <LightTag light={l} /> },
        { title: '综合', dataIndex: 'worstLight', width: 70, render: (l: Light | null) => <LightTag light={l} /> },
        { title: '原因与措施', key: 'why', render: (_, p) => <Explanations project={p} /> },
      ]}
    />
  );
}

export function YearSelect({ value, years, onChange }: { value: number | null; years: number[]; onChange: (y: number) => void }) {
  return (
    <Select aria-label="年度"
      data-testid="year-select"
      style={{ width: 110 }}
      placeholder="年度"
      value={value ?? undefined}
      options={years.map((y) => ({ value: y, label: `${y}年` }))}
      onChange={onChange}
    />
  );
}

export function RoundSelect({
  value,
  rounds,
  onChange,
  withDepartments = false,
}: {
  value: string | null;
  rounds: { asOf: string; projectCount?: number; departmentCount?: number }[];
  onChange: (asOf: string) => void;
  /** Each round with how many departments reported it too (a region's rounds). */
  withDepartments?: boolean;
}) {
  return (
    <Select aria-label="监控轮次（截至日期）"
      data-testid="round-select"
      style={{ width: withDepartments ? 330 : 270, maxWidth: '100%' }}
      placeholder="监控轮次（截至日期）"
      value={value ?? undefined}
      notFoundContent="暂无监控数据"
      options={rounds.map((r) => ({
        value: r.asOf,
        label: `截至 ${r.asOf}${r.projectCount !== undefined ? `（${withDepartments && r.departmentCount !== undefined ? `${r.departmentCount} 个部门、` : ''}${r.projectCount} 个项目）` : ''}`,
      }))}
      onChange={onChange}
    />
  );
}

export { LIGHT_COLORS };
