/**
 * 统计: budgets and projects by department (by region when a year has many departments),
 * findings by category, quality scores. Clicking a department's bar opens the projects list
 * filtered to it; a region's bar, the projects whose codes start with the region's six digits.
 */
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useDashboard } from '../api/hooks';
import type { DashboardData } from '../api/types';
import { nameXAxis } from '../lib/chart-labels';
import { EChart, type ChartTable, type EChartsCoreOption } from '../components/echart';
import { EmptyState, QueryState } from '../components/page-state';
import { formatWanYuan2 } from '../lib/format';
import { CATEGORY_LABELS, STATUSES, STATUS_LABELS } from '../lib/labels';

const STATUS_CHART_COLORS: Record<string, string> = {
  draft: '#bfbfbf',
  unit_submitted: '#69b1ff',
  section_submitted: '#4096ff',
  submitted: '#1677ff',
  returned: '#fa8c16',
  approved: '#52c41a',
  issued: '#13c2c2',
  published: '#722ed1',
};

/** 万元 as a chart number with two decimals, cut from the text pages show (the chart needs a number). */
const wanNumber = (fen: number) => Number(formatWanYuan2(fen).replace(/,/g, ''));


type Group = DashboardData['groups'][number];

function Charts({ data, onGroup }: { data: DashboardData; onGroup: (group: Group) => void }) {
  const depts = data.groups;
  const unit = data.groupBy === 'region' ? '各区划' : '各部门';
  const names = depts.map((d) => d.name);
  const options = useMemo(() => {
    const x = nameXAxis(names);
    const budget: EChartsCoreOption = {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v} 万元` },
      grid: { left: 70, right: 16, top: 24, bottom: x.bottom },
      xAxis: x.axis,
      yAxis: { type: 'value', name: '万元' },
      series: [{ type: 'bar', name: '预算', data: depts.map((d) => wanNumber(d.budgetTotalFen)), itemStyle: { color: '#a61b29' } }],
    };
    const status: EChartsCoreOption = {
      tooltip: { trigger: 'axis' },
      // one line that pages (eight statuses wrapped over the axis's name); every status is in the line under the chart
      legend: { top: 0, type: 'scroll' },
      grid: { left: 50, right: 16, top: 36, bottom: x.bottom },
      xAxis: x.axis,
      yAxis: { type: 'value', name: '项目数', minInterval: 1 },
      series: STATUSES.map((s) => ({
        type: 'bar',
        stack: 'status',
        name: STATUS_LABELS[s],
        itemStyle: { color: STATUS_CHART_COLORS[s] },
        data: depts.map((d) => d.statusCounts[s] ?? 0),
      })),
    };
    const categories: EChartsCoreOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 16, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: data.findingsByCategory.map((c) => CATEGORY_LABELS[c.category] ?? c.category) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: '问题数', data: data.findingsByCategory.map((c) => c.findings), itemStyle: { color: '#fa541c' } },
        { type: 'bar', name: '涉及项目数', data: data.findingsByCategory.map((c) => c.projects), itemStyle: { color: '#faad14' } },
      ],
    };
    const histogram: EChartsCoreOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 16, top: 24, bottom: 30 },
      xAxis: { type: 'category', data: data.scoreHistogram.map((b) => `${b.from}–${b.to}`), name: '分' },
      yAxis: { type: 'value', name: '项目数', minInterval: 1 },
      series: [{ type: 'bar', name: '项目数', barCategoryGap: '5%', data: data.scoreHistogram.map((b) => b.count), itemStyle: { color: '#13c2c2' } }],
    };
    const grades: EChartsCoreOption = {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: data.gradeCounts.map((g) => ({ name: g.grade, value: g.count })),
          label: { formatter: '{b}：{c}' },
        },
      ],
    };
    const avg: EChartsCoreOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 16, top: 24, bottom: x.bottom },
      xAxis: x.axis,
      yAxis: { type: 'value', min: 0, max: 100, name: '平均分' },
      series: [{ type: 'bar', name: '平均质量分', data: depts.map((d) => d.avgScore), itemStyle: { color: '#2f54eb' } }],
    };
    // the status bars' figures, a row per department (or region) and a column per status: a screen reader's reading
    const statusTable: ChartTable = {
      caption: `${unit}项目数（按状态）`,
      columns: [data.groupBy === 'region' ? '区划' : '部门', ...STATUSES.map((s) => STATUS_LABELS[s])],
      rows: depts.map((d) => ({ name: d.name, values: STATUSES.map((s) => d.statusCounts[s] ?? 0) })),
    };
    return { budget, status, statusTable, categories, histogram, grades, avg };
  }, [data, depts, names, unit]);
  // every status the year's projects are in, adding up to its 项目数 (issue 71: the levels of review were missing)
  const statusLine = STATUSES.filter((s) => (data.statusCounts[s] ?? 0) > 0)
    .map((s) => `${STATUS_LABELS[s]} ${data.statusCounts[s]}`)
    .join('，');
  const waiting = { supervisor: data.statusCounts.unit_submitted ?? 0, section: data.statusCounts.section_submitted ?? 0, bureau: data.statusCounts.submitted ?? 0 };

  const clickDepartment = (e: { dataIndex?: number; componentType?: string }) => {
    const d = e.dataIndex !== undefined ? depts[e.dataIndex] : undefined;
    if (d) onGroup(d);
  };

  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="部门数" value={data.totals.departments} data-testid="stat-departments" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="项目数" value={data.totals.projects} data-testid="stat-projects" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="预算合计（万元）" value={formatWanYuan2(data.totals.budgetTotalFen)} data-testid="stat-budget" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            {/* waiting at every level of review, each named (issue 71) */}
            <Statistic title="待审核项目（各级）" value={waiting.supervisor + waiting.section + waiting.bureau} data-testid="stat-submitted" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="stat-submitted-levels">
              主管部门 {waiting.supervisor} · 业务科室 {waiting.section} · 绩效科 {waiting.bureau}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {data.groupBy === 'region' && depts.length > 0 && (
        <Card
          title={depts.some((g) => g.code !== null && g.code.endsWith('00')) ? '各市汇总（点击市查看其区县）' : '各区划汇总（点击区划查看项目）'}
          size="small"
          style={{ marginBottom: 16 }}
          data-testid="dashboard-regions"
        >
          <Table<DashboardData['groups'][number]>
            rowKey={(g) => g.code ?? g.name}
            size="small"
            pagination={false}
            dataSource={depts}
            scroll={{ x: 'max-content' }}
            onRow={(g) => ({ 'data-testid': 'dashboard-region-row', 'data-code': g.code ?? '', 'data-projects': g.projectCount, 'data-approved': g.statusCounts.approved }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: '区划',
                dataIndex: 'name',
                render: (name: string, g) => (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onGroup(g)}>
                    {name}
                  </Button>
                ),
              },
              { title: '单位数', dataIndex: 'departmentCount', align: 'right', width: 80 },
              { title: '项目数', dataIndex: 'projectCount', align: 'right', width: 80 },
              // every status, so that a row's columns add up to its 项目数 (issue 58)
              ...STATUSES.map((s) => ({
                title: STATUS_LABELS[s],
                key: s,
                align: 'right' as const,
                width: 96,
                render: (_: unknown, g: DashboardData['groups'][number]) => <span data-testid={`dashboard-region-${s}`}>{g.statusCounts[s] ?? 0}</span>,
              })),
              { title: '预算合计（万元）', dataIndex: 'budgetTotalFen', align: 'right', width: 150, render: (f: number) => formatWanYuan2(f) },
            ]}
          />
        </Card>
      )}
      {depts.length === 0 ? (
        <EmptyState description="该年度没有数据" />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card title={`${unit}预算（点击柱形查看项目）`} size="small" style={{ marginBottom: 16 }}>
              <EChart option={options.budget} onClick={clickDepartment} testId="chart-budget" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={`${unit}项目数（按状态）`} size="small" style={{ marginBottom: 16 }}>
              <EChart option={options.status} onClick={clickDepartment} testId="chart-status" table={options.statusTable} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="status-total-line">
                共 {data.totals.projects} 个项目：{statusLine || '—'}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="审核发现（按类别）" size="small" style={{ marginBottom: 16 }}>
              <EChart option={options.categories} testId="chart-categories" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="质量分分布" size="small" style={{ marginBottom: 16 }}>
              <EChart option={options.histogram} testId="chart-histogram" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={`${unit}平均质量分`} size="small" style={{ marginBottom: 16 }}>
              <EChart option={options.avg} onClick={clickDepartment} testId="chart-avg-score" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="审核结论建议（优/良/中/差）" size="small" style={{ marginBottom: 16 }}>
              <EChart option={options.grades} testId="chart-grades" />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const yearParam = params.get('year');
  const year = yearParam && /^\d+$/.test(yearParam) ? Number(yearParam) : null;
  const regionParam = params.get('region');
  const region = regionParam && /^\d{6}$/.test(regionParam) ? regionParam : null;
  const query = useDashboard(year, region);
  const at = (next: { year?: number | null; region?: string | null }) => {
    const y = next.year === undefined ? year : next.year;
    const r = next.region === undefined ? region : next.region;
    setParams({ ...(y !== null ? { year: String(y) } : {}), ...(r !== null ? { region: r } : {}) });
  };
  return (
    <div data-testid="dashboard-page">
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          统计{query.data?.region ? `：${query.data.region.name}` : ''}
        </Typography.Title>
        {query.data?.parentRegion && (
          <Button size="small" data-testid="dashboard-up" onClick={() => at({ region: query.data!.parentRegion!.code })}>
            返回{query.data.parentRegion.name}
          </Button>
        )}
        <Select aria-label="年度"
          data-testid="dashboard-year"
          style={{ width: 120 }}
          placeholder="年度"
          value={query.data?.year ?? year ?? undefined}
          options={(query.data?.years ?? []).map((y) => ({ value: y, label: `${y}年` }))}
          onChange={(y: number) => at({ year: y })}
        />
      </Space>
      <QueryState query={query}>
        {(data) => (
          <Charts
            data={data}
            onGroup={(g) => {
              const year = data.year !== null ? `&year=${data.year}` : '';
              if (g.departmentId !== null) navigate(`/projects?department=${g.departmentId}${year}`);
              // a city: one click below, its districts (issue 58); a district: its projects
              else if (g.code !== null && g.code.endsWith('00') && g.code !== data.region?.code) at({ region: g.code });
              else if (g.code !== null) navigate(`/projects?q=${encodeURIComponent(g.code)}${year}`);
            }}
          />
        )}
      </QueryState>
    </div>
  );
}
