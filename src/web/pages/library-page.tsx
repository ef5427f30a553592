/**
 * 指标库: the indicators of all current documents, grouped (same category, same name up to
 * numbering, punctuation and synonyms), searchable by any part of a name (Chinese without
 * spaces) and by category. An entry opens in a drawer: its targets' distribution per unit (an
 * ECharts bar chart with the quartiles marked) and the projects behind it that the user may see.
 */
import { Card, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useLibrary, useLibraryEntry, type LibraryEntryDetail, type LibraryEntryJson, type LibraryExample } from '../api/library-hooks';
import { EChart, type EChartsCoreOption } from '../components/echart';
import { ErrorState, Loading } from '../components/page-state';
import { StatusTag } from '../components/tags';
import { useDebounced } from '../lib/use-debounced';
import { formatFigure } from '../../shared/domain/money';

const PAGE_SIZE = 20;

/** "95%（居中的一半 90–98，12 个）" or 定性: the quartiles in words a finance officer uses. */
function targetSummary(e: LibraryEntryJson): string {
  if (e.target === null) return '定性指标';
  const unit = e.units[0] ?? '';
  return `${formatFigure(e.target.median, unit)}（居中的一半 ${formatFigure(e.target.p25, unit)}–${formatFigure(e.target.p75, unit)}，${e.target.count} 个）`;
}

function unitLabel(unit: string): string {
  return unit === '' ? '（无单位）' : unit;
}

function distributionOption(values: LibraryEntryDetail['values'][number]): EChartsCoreOption {
  const t = values.target;
  const unit = values.unit;
  return {
    tooltip: { trigger: 'axis', formatter: (p: { value: [number, number] }[]) => `${formatFigure(p[0]!.value[0], unit)}：${p[0]!.value[1]} 个项目` },
    grid: { left: 50, right: 24, top: 36, bottom: 36 },
    xAxis: { type: 'value', name: unit, scale: true },
    yAxis: { type: 'value', name: '项目数', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: '指标值',
        barMaxWidth: 24,
        itemStyle: { color: '#a61b29' },
        data: values.values.map((v) => [v.value, v.count]),
        // The lines carry no labels: three labels over close values overlapped. The values are
        // written out under the chart (QuartileCaption), the lines named for the tooltip.
        markLine: {
          symbol: 'none',
          silent: false,
          label: { show: false },
          tooltip: { formatter: '{b}' },
          data: [
            { name: `下四分位数 ${formatFigure(t.p25, unit)}（四分之一的项目低于此值）`, xAxis: t.p25, lineStyle: { color: '#8c8c8c', type: 'dashed' } },
            { name: `中位数 ${formatFigure(t.median, unit)}`, xAxis: t.median, lineStyle: { color: '#1677ff' } },
            { name: `上四分位数 ${formatFigure(t.p75, unit)}（四分之一的项目高于此值）`, xAxis: t.p75, lineStyle: { color: '#8c8c8c', type: 'dashed' } },
          ],
        },
      },
    ],
  };
}

function ProjectsTable({ projects, testId }: { projects: LibraryExample[]; testId: string }) {
  return (
    <Table<LibraryExample>
      size="small"
      data-testid={testId}
      rowKey="projectId"
      dataSource={projects}
      pagination={projects.length > 10 ? { pageSize: 10 } : false}
      onRow={() => ({ 'data-testid': 'library-project-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '项目', dataIndex: 'project', render: (name: string, p) => <Link to={`/projects/${p.projectId}`}>{name}</Link> },
        { title: '单位', dataIndex: 'department', render: (d: string | null) => d ?? '—' },
        { title: '年度', dataIndex: 'year', width: 70, render: (y: number | null) => y ?? '—' },
        { title: '指标值', dataIndex: 'target', width: 120 },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: LibraryExample['status']) => <StatusTag status={s} /> },
      ]}
    />
  );
}

function EntryDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const query = useLibraryEntry(id);
  const detail = query.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size={760} title={detail?.entry.name ?? '指标'} data-testid="library-entry">
      {query.isError ? (
        <ErrorState error={query.error} notFound="指标库中没有这个指标（数据可能已经更新）" />
      ) : detail === undefined ? (
        <Loading />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="一级指标">{detail.entry.level1 ?? '（未归类）'}</Descriptions.Item>
            <Descriptions.Item label="二级指标">{detail.entry.level2 ?? '（未归类）'}</Descriptions.Item>
            <Descriptions.Item label="使用项目">{detail.entry.projects}</Descriptions.Item>
            <Descriptions.Item label="单位 / 年度">
              {detail.entry.departments} 个单位，{detail.entry.years} 个年度
            </Descriptions.Item>
            <Descriptions.Item label="常见写法" span={2}>
              {detail.entry.names.slice(0, 8).map((n) => (
                <Tag key={n}>{n}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="常用依据" span={2}>
              {detail.entry.bases.join('；') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="典型指标值" span={2}>
              <span data-testid="library-typical-target">{detail.entry.typicalTarget ?? '定性指标'}</span>
            </Descriptions.Item>
          </Descriptions>
          {detail.values.map((v) => (
            <Card key={v.unit} size="small" title={`指标值分布：${unitLabel(v.unit)}（${v.target.count} 个，中位数 ${formatFigure(v.target.median, v.unit)}）`}>
              <EChart option={distributionOption(v)} height={220} testId="library-chart" />
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }} data-testid="library-quartiles">
                中位数 {formatFigure(v.target.median, v.unit)}（蓝线）：一半项目高于、一半低于此值；居中的一半项目在 {formatFigure(v.target.p25, v.unit)} 至{' '}
                {formatFigure(v.target.p75, v.unit)} 之间（虚线：下四分位数和上四分位数）。
              </Typography.Paragraph>
            </Card>
          ))}
          <Typography.Title level={5} style={{ margin: 0 }}>
            使用该指标的项目
            {detail.hiddenProjects > 0 && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                （另有 {detail.hiddenProjects} 个未公开项目，只计入统计）
              </Typography.Text>
            )}
          </Typography.Title>
          <ProjectsTable projects={detail.projects} testId="library-projects" />
        </Space>
      )}
    </Drawer>
  );
}

export function LibraryPage() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('search') ?? '');
  const search = useDebounced(text.trim(), 250);
  const level1 = params.get('level1');
  const level2 = params.get('level2');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [open, setOpen] = useState<string | null>(null);
  const query = useLibrary({ search, level1, level2, page, pageSize: PAGE_SIZE });
  const categories = query.data?.categories ?? [];
  const level2Options = useMemo(
    () => (level1 === null ? categories.flatMap((c) => c.level2) : (categories.find((c) => c.level1 === level1)?.level2 ?? [])),
    [categories, level1],
  );

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <div>
      <Typography.Title level={3} className="page-title">
        指标库
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        各单位现行绩效目标中的同一指标（同一类别、名称相同或为同义写法）合为一条：使用的项目、单位和年度数，计量单位，指标值的分布，常用依据。
      </Typography.Paragraph>
      <Card size="small" className="filter-bar">
        <Space wrap>
          <Input.Search aria-label="指标名称"
            data-testid="library-search"
            allowClear
            placeholder="指标名称，如 满意度、及时率"
            style={{ width: 280 }}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              update({ search: e.target.value.trim() || null });
            }}
          />
          <Select aria-label="一级指标"
            data-testid="library-level1"
            allowClear
            placeholder="一级指标"
            style={{ width: 160 }}
            value={level1 ?? undefined}
            options={categories.map((c) => ({ value: c.level1, label: c.level1 }))}
            onChange={(v?: string) => update({ level1: v ?? null, level2: null })}
          />
          <Select aria-label="二级指标"
            data-testid="library-level2"
            allowClear
            placeholder="二级指标"
            style={{ width: 200 }}
            value={level2 ?? undefined}
            options={[...new Set(level2Options)].map((c) => ({ value: c, label: c }))}
            onChange={(v?: string) => update({ level2: v ?? null })}
          />
        </Space>
      </Card>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<LibraryEntryJson>
          data-testid="library-table"
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: query.isPending ? '加载中…' : '没有符合条件的指标' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: query.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 个指标`,
            onChange: (p) => update({ page: String(p) }),
          }}
          onRow={(e) => ({ 'data-testid': 'library-row', onClick: () => setOpen(e.id), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: '指标',
              dataIndex: 'name',
              render: (name: string, e) => (
                <a data-testid="library-entry-link" onClick={() => setOpen(e.id)}>
                  {name}
                </a>
              ),
            },
            { title: '一级 / 二级指标', render: (_: unknown, e) => `${e.level1 ?? '（未归类）'} / ${e.level2 ?? '（未归类）'}` },
            { title: '项目', dataIndex: 'projects', width: 70, align: 'right' },
            { title: '单位', dataIndex: 'departments', width: 70, align: 'right' },
            { title: '年度', dataIndex: 'years', width: 70, align: 'right' },
            { title: '计量单位', dataIndex: 'units', width: 120, render: (u: string[]) => u.map(unitLabel).join(' ') || '—' },
            { title: '指标值（中位数）', render: (_: unknown, e) => targetSummary(e) },
          ]}
        />
      )}
      <EntryDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
