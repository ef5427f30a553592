/**
 * 结果运用 (/results): 绩效评价结果应用情况 of a year — how many projects each grade and each
 * consequence has, the amounts (压减 and the others) and the departments, as charts; the decision
 * table with each project's grade, problems, the suggested and the decided consequence. A reviewer
 * opens a project's results sheet, accepts the suggestion or overrides it with a reason, and exports
 * the report (.xlsx). An editor sees its own department's results, read-only.
 */
import { DownloadOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { Alert, Button, Card, Col, Descriptions, Drawer, Form, Input, InputNumber, List, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ResultsReport, ResultsRow, ResultsSheet } from '../../shared/api/results';
import { formatWan2 } from '../../shared/domain/money';
import { CONSEQUENCES, type Consequence } from '../../shared/domain/results-use';
import { errorMessage } from '../api/client';
import { resultsDownloads, useDecideResults, useProjectResults, useResultsReport } from '../api/results-hooks';
import { useAuth } from '../auth/auth-context';
import { EChart, type EChartsCoreOption } from '../components/echart';
import { Wan, YearSelect } from '../components/monitoring-parts';
import { ConsequenceTag } from '../components/results-parts';
import { ActionModal, whenValid } from '../components/action-modal';
import { EmptyState, QueryState } from '../components/page-state';
import { ScoreTag } from '../components/tags';
import { formatDateTime, formatPercent } from '../lib/format';
import { GradePie, useYear } from './ranking-page';
import { useDepartmentOptions } from '../lib/use-departments';

const CHART_COLORS: Record<Consequence, string> = { 优先保障: '#52c41a', 保持: '#1677ff', 调整: '#fa8c16', 压减: '#fa541c', 取消: '#f5222d' };

/** 压减 · 70.00%（84.00 万元） */
function Planned({ consequence, percent, amountFen, testId }: { consequence: Consequence; percent: number; amountFen: number | null; testId: string }) {
  return (
    <Space size={2} wrap data-testid={testId}>
      <ConsequenceTag consequence={consequence} />
      <span>{formatPercent(percent)}</span>
      {amountFen !== null && <span style={{ color: '#666' }}>（{formatWan2(amountFen)} 万元）</span>}
    </Space>
  );
}

function DecisionCell({ row }: { row: ResultsRow }) {
  const d = row.decision;
  if (d === null) return row.suggestion === null ? <span style={{ color: 'rgba(0, 0, 0, 0.6)' }}>—</span> : <Tag data-testid="decision-pending">待确定</Tag>;
  return (
    <Space direction="vertical" size={0}>
      <Planned consequence={d.consequence} percent={d.percent} amountFen={d.amountFen} testId="decision" />
      <Space size={2}>
        {d.overridden ? <Tag color="purple" data-testid="decision-overridden">调整建议</Tag> : <Tag>采纳建议</Tag>}
        {d.stale && (
          <Tooltip title="决定后自评结果或规则已变化，建议与当时不同">
            <Tag color="warning">待复核</Tag>
          </Tooltip>
        )}
      </Space>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// Deciding

function OverrideModal({ sheet, open, onClose }: { sheet: ResultsSheet; open: boolean; onClose: () => void }) {
  const decide = useDecideResults(sheet.project.id);
  const [form] = Form.useForm<{ consequence: Consequence; percent: number; reason: string }>();
  const suggested = sheet.suggestion!;
  return (
    <ActionModal
      title={`调整结果运用：${sheet.project.name}`}
      request={decide}
      errorTestId="override-error"
      open={open}
      onCancel={onClose}
      okText="保存调整"
      okButtonProps={{ 'data-testid': 'override-submit' } as ButtonProps}
      onOk={() =>
        whenValid(form, (v) =>
          decide.mutate({ action: 'override', consequence: v.consequence, percent: v.percent, reason: v.reason ?? '' }, { onSuccess: onClose }),
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        系统建议：{suggested.consequence}，下年预算为本年的 {formatPercent(suggested.percent)}。调整须说明理由，理由将记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ consequence: suggested.consequence, percent: suggested.percent }}>
        <Form.Item name="consequence" label="结果运用方式" rules={[{ required: true, message: '请选择结果运用方式' }]}>
          <Select aria-label="结果运用方式" data-testid="override-consequence" options={CONSEQUENCES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="percent" label="下年预算占本年预算的比例（%）" rules={[{ required: true, message: '请填写比例' }]}>
          <InputNumber aria-label="下年预算占本年预算的比例（%）" data-testid="override-percent" min={0} max={200} step={5} precision={2} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}>
          <Input.TextArea aria-label="调整理由" data-testid="override-reason" rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

function SheetDrawer({ projectId, onClose }: { projectId: number | null; onClose: () => void }) {
  const query = useProjectResults(projectId);
  const decide = useDecideResults(projectId ?? 0);
  const [overriding, setOverriding] = useState(false);
  return (
    <Drawer open={projectId !== null} onClose={onClose} width={760} title={query.data?.project.name ?? '结果运用表'} data-testid="results-sheet">
      {projectId !== null && (
        <QueryState query={query} notFound="项目不存在，或您没有权限查看。">
          {(sheet) => (
            <div data-testid="results-sheet-body" data-project={sheet.project.id}>
              <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
                <Descriptions.Item label="部门">{sheet.project.departmentName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="自评">{sheet.grade === null ? '未自评' : <ScoreTag score={sheet.total} grade={sheet.grade} />}</Descriptions.Item>
                <Descriptions.Item label="本年预算">
                  <Wan fen={sheet.budgetFen} />
                </Descriptions.Item>
                <Descriptions.Item label="执行率">{formatPercent(sheet.executionRatePercent)}</Descriptions.Item>
                <Descriptions.Item label="依据" span={2}>
                  <Space>
                    <Link to={`/projects/${sheet.project.id}/self-evaluation`} data-testid="sheet-self-evaluation-link">
                      绩效自评表
                    </Link>
                    {sheet.monitoringAsOf !== null && <Link to={`/projects/${sheet.project.id}/monitoring`}>运行监控（{sheet.monitoringAsOf}）</Link>}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label="系统建议" span={2}>
                  {sheet.suggestion === null ? (
                    '—'
                  ) : (
                    <Space direction="vertical" size={2}>
                      <Planned {...sheet.suggestion} testId="sheet-suggestion" />
                      {sheet.suggestion.rules.map((r, i) => (
                        <Typography.Text key={i} type={i === 0 ? undefined : 'secondary'}>
                          {i === 0 ? '依据' : '另有'}：{r.because} → {r.consequence} {formatPercent(r.percent)}
                        </Typography.Text>
                      ))}
                    </Space>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="财政确定" span={2}>
                  {sheet.decision === null ? (
                    '待确定'
                  ) : (
                    <Space direction="vertical" size={2}>
                      <DecisionCell row={sheet} />
                      {sheet.decision.reason && <Typography.Text data-testid="sheet-reason">理由：{sheet.decision.reason}</Typography.Text>}
                      <Typography.Text type="secondary">
                        {sheet.decision.decidedBy} · {formatDateTime(sheet.decision.decidedAt)}
                      </Typography.Text>
                    </Space>
                  )}
                </Descriptions.Item>
              </Descriptions>
              {sheet.canDecide && (
                <Space style={{ marginBottom: 16 }}>
                  <Button type="primary" data-testid="accept-suggestion" loading={decide.isPending} onClick={() => decide.mutate({ action: 'accept' })}>
                    采纳建议
                  </Button>
                  <Button data-testid="override-suggestion" onClick={() => setOverriding(true)}>
                    调整…
                  </Button>
                  {decide.error && <Typography.Text type="danger">{errorMessage(decide.error)}</Typography.Text>}
                </Space>
              )}
              {!sheet.canDecide && sheet.suggestion !== null && !sheet.evaluationComplete && (
                <Alert type="info" showIcon style={{ marginBottom: 16 }} message="绩效自评尚未完成，完成后财政部门才能确定结果运用" />
              )}
              <Card size="small" title={`发现的问题（${sheet.problems.length}）`} style={{ marginBottom: 16 }}>
                {sheet.problems.length === 0 ? (
                  <EmptyState description="未发现问题" />
                ) : (
                  <List size="small" data-testid="sheet-problems" dataSource={sheet.problems} renderItem={(p) => <List.Item>{p.message}</List.Item>} />
                )}
              </Card>
              <Card size="small" title={`偏差及原因（${sheet.deviations.length}）`}>
                <Table
                  size="small"
                  data-testid="sheet-deviations"
                  rowKey={(_, i) => String(i)}
                  dataSource={sheet.deviations}
                  pagination={false}
                  columns={[
                    { title: '来源', dataIndex: 'source', width: 60 },
                    { title: '事项', dataIndex: 'item', width: 140 },
                    { title: '偏差', dataIndex: 'detail' },
                    { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? <Tag color="red">未说明</Tag> },
                    { title: '措施', dataIndex: 'measure', render: (m: string | null) => m ?? '—' },
                  ]}
                />
              </Card>
              {sheet.suggestion !== null && <OverrideModal sheet={sheet} open={overriding} onClose={() => setOverriding(false)} />}
            </div>
          )}
        </QueryState>
      )}
    </Drawer>
  );
}

// ---------------------------------------------------------------------------------------------
// The report

function ConsequenceChart({ report }: { report: ResultsReport }) {
  const option = useMemo<EChartsCoreOption>(() => {
    const t = report.totals.byConsequence;
    const wan = (fen: number) => Number(formatWan2(fen).replace(/,/g, '')); // the chart's number: the two decimals pages show
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 50 },
      xAxis: { type: 'category', data: CONSEQUENCES.map((c) => `${c}（${t[c].count}项）`) },
      yAxis: { type: 'value', name: '万元' },
      series: [
        { type: 'bar', name: '本年预算', data: CONSEQUENCES.map((c) => wan(t[c].budgetFen)), itemStyle: { color: '#bfbfbf' } },
        { type: 'bar', name: '下年安排', data: CONSEQUENCES.map((c) => ({ value: wan(t[c].nextYearFen), itemStyle: { color: CHART_COLORS[c] } })) },
      ],
    };
  }, [report]);
  return <EChart option={option} height={280} testId="chart-results-consequences" />;
}

function DepartmentChart({ report }: { report: ResultsReport }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 180, right: 20, top: 10, bottom: 40 },
      xAxis: { type: 'value', name: '项目数', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: report.departments.map((d) => d.department.name), axisLabel: { width: 170, overflow: 'truncate' } },
      series: CONSEQUENCES.map((c) => ({ type: 'bar', stack: 'all', name: c, data: report.departments.map((d) => d.totals.byConsequence[c].count), itemStyle: { color: CHART_COLORS[c] } })),
    }),
    [report],
  );
  return <EChart option={option} height={Math.max(220, report.departments.length * 32 + 70)} testId="chart-results-departments" />;
}

function ReportView({ report, onOpen }: { report: ResultsReport; onOpen: (id: number) => void }) {
  const t = report.totals;
  const region = report.department === null;
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {[
          ['已自评 / 项目数', `${t.evaluatedCount} / ${t.projectCount}`, 'stat-results-evaluated'],
          ['财政已确定', `${t.decidedCount}`, 'stat-results-decided'],
          ['其中调整建议', `${t.overriddenCount}`, 'stat-results-overridden'],
          ['压减金额（万元）', formatWan2(t.byConsequence.压减.budgetFen - t.byConsequence.压减.nextYearFen), 'stat-results-cut'],
          ['下年增减（万元）', formatWan2(t.changeFen), 'stat-results-change'],
        ].map(([title, value, testId]) => (
          <Col xs={12} md={4} key={testId}>
            <Card size="small">
              <Statistic title={title} value={value} data-testid={testId} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title="自评等级分布" style={{ marginBottom: 16 }}>
            <GradePie counts={t.gradeCounts} testId="chart-results-grades" />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title="按结果运用方式：项目数与下年预算安排" style={{ marginBottom: 16 }}>
            <ConsequenceChart report={report} />
          </Card>
        </Col>
      </Row>
      {region && report.departments.length > 0 && (
        <Card size="small" title="各部门结果运用" style={{ marginBottom: 16 }}>
          <DepartmentChart report={report} />
        </Card>
      )}
      <Card size="small" title="项目结果运用">
        <Table
          size="small"
          data-testid="results-table"
          rowKey={(r) => r.project.id}
          dataSource={report.projects}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(r) => ({ 'data-testid': 'results-row', 'data-project': r.project.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            ...(region ? [{ title: '部门', key: 'department', width: 180, render: (_: unknown, r: ResultsRow) => r.project.departmentName ?? '—' }] : []),
            {
              title: '项目',
              key: 'name',
              render: (_, r) => (
                <Typography.Link data-testid="results-project-link" onClick={() => onOpen(r.project.id)}>
                  {r.project.name}
                </Typography.Link>
              ),
            },
            { title: '自评', key: 'grade', width: 100, render: (_, r) => (r.grade === null ? <Tag>未自评</Tag> : <ScoreTag score={r.total} grade={r.grade} />) },
            { title: '执行率', dataIndex: 'executionRatePercent', width: 80, align: 'right', render: (v: number | null) => formatPercent(v) },
            {
              title: '问题',
              key: 'problems',
              width: 70,
              align: 'right',
              render: (_, r) =>
                r.problems.length === 0 ? (
                  0
                ) : (
                  <Tooltip title={r.problems.map((p) => p.message).join('；')}>
                    <Tag color="orange">{r.problems.length}</Tag>
                  </Tooltip>
                ),
            },
            { title: '系统建议', key: 'suggestion', width: 210, render: (_, r) => (r.suggestion === null ? '—' : <Planned {...r.suggestion} testId="suggestion" />) },
            { title: '财政确定', key: 'decision', width: 230, render: (_, r) => <DecisionCell row={r} /> },
          ]}
        />
      </Card>
    </>
  );
}

export function ResultsPage() {
  const { user } = useAuth();
  const { year, years, setYear } = useYear();
  const editor = user?.role === 'editor';
  // a 主管部门 (levels of review) reads its own and its units' results, one department at a time; a 财政业务科室 its departments'
  const supervisor = user?.role === 'supervisor' || user?.role === 'section';
  const supervised = useDepartmentOptions();
  const [chosen, setChosen] = useState<number | null>(null);
  const supervisedId = chosen ?? supervised.departments.find((d) => d.value === user?.departmentId)?.value ?? supervised.departments[0]?.value ?? null;
  const departmentId = editor ? (user?.departmentId ?? null) : supervisor ? supervisedId : null;
  const query = useResultsReport((editor || supervisor) && departmentId === null ? null : year, departmentId);
  const [open, setOpen] = useState<number | null>(null);
  if (editor && departmentId === null) return <EmptyState description="当前账号未关联单位" />;
  const name = query.data?.department?.name;
  const download = (format: 'xlsx' | 'docx') =>
    year === null ? undefined : departmentId === null ? resultsDownloads.region(year, format) : resultsDownloads.department(departmentId, year, format);
  return (
    <div data-testid="results-page">
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {name ? `${name} · ` : ''}绩效评价结果应用情况
        </Typography.Title>
        <YearSelect value={year} years={years} onChange={setYear} />
        {supervisor && (
          <Select<number>
            aria-label="单位"
            data-testid="results-department"
            style={{ width: 280 }}
            showSearch
            optionFilterProp="label"
            value={supervisedId ?? undefined}
            options={supervised.departments}
            onChange={setChosen}
          />
        )}
        <Button icon={<DownloadOutlined />} href={download('xlsx')} disabled={year === null} data-testid="download-results">
          导出 Excel
        </Button>
        <Button icon={<DownloadOutlined />} href={download('docx')} disabled={year === null} data-testid="download-results-docx">
          导出 Word 报告
        </Button>
      </Space>
      {editor && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="结果运用由财政部门确定，本单位只能查看。" />}
      {supervisor && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={user?.role === 'section' ? '结果运用由绩效科确定，业务科室只能查看归口单位的情况。' : '结果运用由财政部门确定，主管部门只能查看本部门及所属单位的情况。'}
          data-testid="results-read-only"
        />
      )}
      {year === null ? <EmptyState /> : <QueryState query={query}>{(report) => <ReportView report={report} onOpen={setOpen} />}</QueryState>}
      <SheetDrawer projectId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
