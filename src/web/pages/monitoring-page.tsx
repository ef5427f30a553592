/**
 * 监控 (双监控): the region's monitoring dashboard for a year and round — lights by colour, warnings
 * by department, a department's plan-vs-actual spending curve, the projects behind plan with their
 * causes and measures, key monitoring — and a department's own view (/monitoring/departments/:id),
 * which is what an editor sees. A second tab imports execution data from the department template.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Redirect } from '../components/redirect';
import type { DepartmentMonitoringSummary, MonitoringProjectRow, RegionMonitoringSummary } from '../../shared/api/monitoring';
import {
  downloads,
  useDepartmentMonitoring,
  useDepartmentMonitoringRounds,
  useRegionMonitoring,
  useRounds,
} from '../api/monitoring-hooks';
import { useAuth } from '../auth/auth-context';
import { nameXAxis } from '../lib/chart-labels';
import { EChart, type EChartsCoreOption } from '../components/echart';
import { ExecutionImportPanel } from '../components/execution-import';
import { BehindTable, LightCounts, LightTag, MonitoringLegend, RoundSelect, SpendingCurve, Wan, YearSelect } from '../components/monitoring-parts';
import { EmptyState, ErrorState, Loading, QueryState } from '../components/page-state';
import { formatPercent, formatRatio, formatWanYuan2 } from '../lib/format';
import { coveringRound, roundNote, sameProjectsCurve, warningSeries, weightedPlanCurve } from '../lib/monitoring';
import { useDepartmentOptions } from '../lib/use-departments';

type Totals = RegionMonitoringSummary['totals'];

/**
 * Year and round from the address (defaults: the newest year, and the latest round that covers the scope — the most
 * departments of a region, the most projects of a department —, issue 71), and what to say of the round shown.
 */
function useYearAndRound(departmentId?: number | null) {
  const [params, setParams] = useSearchParams();
  const { years, loading } = useDepartmentOptions();
  const yearParam = params.get('year');
  const year = yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : (years[0] ?? null);
  const rounds = useRounds(year, departmentId);
  const list = useMemo(() => [...(rounds.data?.rounds ?? [])].sort((a, b) => b.asOf.localeCompare(a.asOf)), [rounds.data]);
  const scope = departmentId === undefined || departmentId === null ? 'region' : 'department';
  const covering = coveringRound(list, scope === 'region' ? 'departmentCount' : 'projectCount');
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && list.some((r) => r.asOf === asOfParam) ? asOfParam : (covering?.asOf ?? (asOfParam || null));
  const shown = list.find((r) => r.asOf === asOf);
  const note = shown === undefined ? null : roundNote(shown, list, scope);
  const set = (patch: { year?: number; asOf?: string }) => {
    const next = new URLSearchParams(params);
    if (patch.year !== undefined) {
      next.set('year', String(patch.year));
      next.delete('asOf');
    }
    if (patch.asOf !== undefined) next.set('asOf', patch.asOf);
    setParams(next, { replace: true });
  };
  return { year, years, asOf, rounds: list, note, roundsQuery: rounds, loading: loading || rounds.isPending, set };
}

/** "12", or "共 42874 个，列出最严重的 200 个" when the region's list is cut (REGION_LIST_LIMIT). */
const listed = (shown: number, total: number) => (shown < total ? `共 ${total} 个，列出最严重的 ${shown} 个` : `${total}`);

function TotalsCards({ totals }: { totals: Totals }) {
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title="已填报 / 项目数" value={`${totals.reportedCount} / ${totals.projectCount}`} data-testid="stat-reported" />
        </Card>
      </Col>
      <Col xs={12} md={5}>
        <Card size="small">
          <Statistic title="已填报项目预算（万元）" value={formatWanYuan2(totals.reportedBudgetFen)} />
        </Card>
      </Col>
      <Col xs={12} md={5}>
        <Card size="small">
          <Statistic title="累计支出（万元）" value={formatWanYuan2(totals.spentTotalFen)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title="预算执行率" value={formatPercent(totals.executionRatePercent)} data-testid="stat-rate" />
        </Card>
      </Col>
      <Col xs={12} md={3}>
        <Card size="small">
          <Statistic title="进度落后项目" value={totals.behindCount} styles={{ content: { color: totals.behindCount > 0 ? '#cf1322' : undefined } }} data-testid="stat-behind" />
        </Card>
      </Col>
      <Col xs={12} md={3}>
        <Card size="small">
          <Statistic title="重点监控 / 未说明" value={`${totals.keyMonitoringCount} / ${totals.incompleteCount}`} data-testid="stat-key" />
        </Card>
      </Col>
    </Row>
  );
}

function LightsCard({ totals }: { totals: Totals }) {
  return (
    <Card size="small" title="预警灯（按颜色）" style={{ marginBottom: 16 }} data-testid="lights-card">
      <Space orientation="vertical">
        <Space wrap>
          <Typography.Text strong style={{ width: 90, display: 'inline-block' }}>
            预算执行进度
          </Typography.Text>
          <LightCounts counts={totals.spendingLights} testId="spending-lights" />
        </Space>
        <Space wrap>
          <Typography.Text strong style={{ width: 90, display: 'inline-block' }}>
            绩效目标进度
          </Typography.Text>
          <LightCounts counts={totals.indicatorLights} testId="indicator-lights" />
        </Space>
      </Space>
    </Card>
  );
}

/** A round at a glance: the totals, the lights and the causes, with the view's own chart on the right. */
function RoundSummary({ totals, year, children }: { totals: Totals; year: number; children: ReactNode }) {
  return (
    <>
      <TotalsCards totals={totals} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <LightsCard totals={totals} />
          <MonitoringLegend year={year} />
          <Card size="small" title="黄灯、红灯的偏差原因" style={{ marginBottom: 16 }}>
            <CausesChart totals={totals} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {children}
        </Col>
      </Row>
    </>
  );
}

function CausesChart({ totals }: { totals: Totals }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 30 },
      xAxis: { type: 'category', data: totals.causeCounts.map((c) => c.cause), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, name: '条' },
      series: [
        {
          type: 'bar',
          name: '黄/红灯条目',
          data: totals.causeCounts.map((c) => ({ value: c.count, itemStyle: { color: c.cause === '未说明' ? '#f5222d' : '#fa8c16' } })),
        },
      ],
    }),
    [totals],
  );
  if (totals.causeCounts.length === 0) return <EmptyState description="没有黄灯或红灯" />;
  return <EChart option={option} height={260} testId="chart-causes" />;
}

/**
 * A department's plan-vs-actual curve: the budget-weighted plan of the projects reported in the
 * round (by day) against the department's execution rate at each round.
 */
function DepartmentCurve({ departmentId, year, rounds, projects }: { departmentId: number; year: number; rounds: string[]; projects: readonly MonitoringProjectRow[] }) {
  const summaries = useDepartmentMonitoringRounds(departmentId, year, rounds);
  const pending = summaries.some((s) => s.isPending);
  // every round over the projects of the round shown (issue 71): a round only some of them reported is left out, and said
  const curve = useMemo(
    () => sameProjectsCurve(projects, summaries.flatMap((s) => (s.data ? [{ asOf: s.data.asOf, projects: s.data.projects }] : []))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [projects, summaries.map((s) => s.dataUpdatedAt).join()],
  );
  const plan = useMemo(
    () => weightedPlanCurve(projects.filter((p) => p.reported).map((p) => ({ budgetFen: p.budgetFen, plan: p.spendingPlan })), year),
    [projects, year],
  );
  if (pending) return <Loading />;
  if (plan.length === 0 && curve.points.length === 0) return <EmptyState description="没有可绘制的数据" />;
  const of = projects.filter((p) => p.reported).length;
  return (
    <>
      <SpendingCurve plan={plan} actual={curve.points} testId="department-curve" />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }} data-testid="department-curve-scope">
        计划与实际均按本轮已填报的 {of} 个项目计算
        {curve.partial.length > 0 && (
          <span data-testid="department-curve-partial">
            ；{curve.partial.map((r) => `截至 ${r.asOf} 只有 ${r.of} 个项目中的 ${r.reported} 个填报`).join('，')}，未画入曲线
          </span>
        )}
        。
      </Typography.Paragraph>
    </>
  );
}

function RegionView({ data, year, asOf, rounds }: { data: RegionMonitoringSummary; year: number; asOf: string; rounds: string[] }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const departments = data.departments;
  const chart = useMemo(() => warningSeries(departments), [departments]);
  const warningsOption = useMemo<EChartsCoreOption>(() => {
    const x = nameXAxis(chart.names);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: x.bottom },
      xAxis: x.axis,
      yAxis: { type: 'value', minInterval: 1, name: '条' },
      series: chart.series.map((s) => ({ type: 'bar', stack: 'lights', name: s.name, data: s.data, itemStyle: { color: s.color } })),
    };
  }, [chart]);
  const curveParam = Number(params.get('dept'));
  const defaultDept = [...departments].sort((a, b) => b.totals.behindCount - a.totals.behindCount)[0]?.department.id ?? null;
  const curveDept = departments.some((d) => d.department.id === curveParam) ? curveParam : defaultDept;
  const deptSummary = useDepartmentMonitoring(curveDept, year, asOf);
  const link = (id: number) => `/monitoring/departments/${id}?year=${year}&asOf=${asOf}`;

  return (
    <>
      <RoundSummary totals={data.totals} year={data.year}>
        <Card size="small" title="各部门预警（按颜色，点击柱形查看部门）" style={{ marginBottom: 16 }}>
          {departments.length === 0 ? (
            <EmptyState />
          ) : (
            <EChart
              option={warningsOption}
              height={400}
              testId="chart-warnings"
              onClick={(e) => {
                const id = e.dataIndex !== undefined ? chart.ids[e.dataIndex] : undefined;
                if (id !== undefined) navigate(link(id));
              }}
            />
          )}
        </Card>
      </RoundSummary>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <Space wrap>
            <span>部门支出进度：计划与实际</span>
            <Select aria-label="部门"
              data-testid="curve-department"
              size="small"
              style={{ width: 260 }}
              value={curveDept ?? undefined}
              options={departments.map((d) => ({ value: d.department.id, label: d.department.name }))}
              onChange={(id: number) => {
                const next = new URLSearchParams(params);
                next.set('dept', String(id));
                setParams(next, { replace: true });
              }}
            />
          </Space>
        }
      >
        {curveDept !== null && deptSummary.data ? (
          <DepartmentCurve departmentId={curveDept} year={year} rounds={rounds} projects={deptSummary.data.projects} />
        ) : (
          <Loading />
        )}
      </Card>
      <Card size="small" title={`进度落后项目（${listed(data.behind.length, data.totals.behindCount)}）：落后多少、为什么`} style={{ marginBottom: 16 }}>
        {data.behind.length === 0 ? <EmptyState description="没有进度落后的项目" /> : <BehindTable projects={data.behind} showDepartment asOf={asOf} />}
      </Card>
      <Card size="small" title={`重点监控项目（${listed(data.keyMonitoring.length, data.totals.keyMonitoringCount)}）`} style={{ marginBottom: 16 }}>
        {data.keyMonitoring.length === 0 ? (
          <EmptyState description="没有重点监控项目" />
        ) : (
          <BehindTable projects={data.keyMonitoring} showDepartment asOf={asOf} testId="key-table" />
        )}
      </Card>
      <Card size="small" title="各部门">
        <Table
          size="small"
          data-testid="department-table"
          rowKey={(d) => d.department.id}
          dataSource={departments}
          pagination={false}
          columns={[
            { title: '部门', key: 'name', render: (_, d) => <Link to={link(d.department.id)}>{d.department.name}</Link> },
            { title: '已填报/项目', key: 'reported', width: 100, render: (_, d) => `${d.totals.reportedCount} / ${d.totals.projectCount}` },
            { title: '执行率', key: 'rate', width: 90, align: 'right', render: (_, d) => formatPercent(d.totals.executionRatePercent) },
            { title: '支出进度', key: 'sl', render: (_, d) => <LightCounts counts={d.totals.spendingLights} /> },
            { title: '指标进度', key: 'il', render: (_, d) => <LightCounts counts={d.totals.indicatorLights} /> },
            { title: '落后（个）', key: 'behind', width: 80, align: 'right', render: (_, d) => d.totals.behindCount },
            { title: '重点监控', key: 'key', width: 80, align: 'right', render: (_, d) => d.totals.keyMonitoringCount },
            { title: '未说明', key: 'inc', width: 70, align: 'right', render: (_, d) => d.totals.incompleteCount },
          ]}
        />
      </Card>
    </>
  );
}

function DepartmentView({ data, year, asOf, rounds }: { data: DepartmentMonitoringSummary; year: number; asOf: string; rounds: string[] }) {
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} href={downloads.departmentMonitoring(data.department.id, year, asOf)} data-testid="download-department-monitoring">
          下载监控汇总表（.xlsx）
        </Button>
        <Button icon={<DownloadOutlined />} href={downloads.executionTemplate(data.department.id, year, asOf)} data-testid="download-template">
          下载执行数据填报模板
        </Button>
      </Space>
      <RoundSummary totals={data.totals} year={data.year}>
        <Card size="small" title="支出进度：计划与实际" style={{ marginBottom: 16 }}>
          <DepartmentCurve departmentId={data.department.id} year={year} rounds={rounds} projects={data.projects} />
        </Card>
      </RoundSummary>
      <Card size="small" title={`进度落后项目（${listed(data.behind.length, data.totals.behindCount)}）：落后多少、为什么`} style={{ marginBottom: 16 }}>
        {data.behind.length === 0 ? <EmptyState description="没有进度落后的项目" /> : <BehindTable projects={data.behind} showDepartment={false} asOf={asOf} />}
      </Card>
      {data.keyMonitoring.length > 0 && (
        <Card size="small" title={`重点监控项目（${listed(data.keyMonitoring.length, data.totals.keyMonitoringCount)}）`} style={{ marginBottom: 16 }}>
          <BehindTable projects={data.keyMonitoring} showDepartment={false} asOf={asOf} testId="key-table" />
        </Card>
      )}
      {data.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="missing-projects"
          title={`${data.missing.length} 个项目本轮未填报执行数据`}
          description={
            <Space wrap size={4}>
              {data.missing.map((m) => (
                <Link key={m.projectId} to={`/projects/${m.projectId}/monitoring?asOf=${asOf}`}>
                  <Tag>{m.name}</Tag>
                </Link>
              ))}
            </Space>
          }
        />
      )}
      <Card size="small" title="全部项目">
        <Table
          size="small"
          data-testid="project-monitoring-table"
          rowKey="projectId"
          dataSource={data.projects}
          pagination={data.projects.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: '项目',
              key: 'name',
              render: (_, p) => (
                <Space size={4} wrap>
                  <Link to={`/projects/${p.projectId}/monitoring?asOf=${asOf}`}>{p.name}</Link>
                  {p.keyMonitoring && <Tag color="magenta">重点监控</Tag>}
                </Space>
              ),
            },
            { title: '预算（万元）', dataIndex: 'budgetFen', width: 120, align: 'right', render: (f: number | null) => <Wan fen={f} /> },
            { title: '累计支出（万元）', dataIndex: 'spentFen', width: 130, align: 'right', render: (f: number | null, p) => (p.reported ? <Wan fen={f} /> : <Tag>未填报</Tag>) },
            { title: '执行率', dataIndex: 'actualPercent', width: 80, align: 'right', render: (v: number | null) => formatPercent(v) },
            { title: '计划进度', dataIndex: 'planPercent', width: 80, align: 'right', render: (v: number | null) => formatPercent(v) },
            { title: '进度比（%）', dataIndex: 'ratio', width: 90, align: 'right', render: (v: number | null) => formatRatio(v) },
            { title: '支出', dataIndex: 'spendingLight', width: 70, render: (l) => (l ? <LightTag light={l} /> : '—') },
            { title: '指标', key: 'il', render: (_, p) => <LightCounts counts={p.indicatorLights} /> },
            { title: '说明', key: 'complete', width: 80, render: (_, p) => (!p.reported ? '—' : p.complete ? <Tag color="green">完整</Tag> : <Tag color="red">未说明</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}

function Pickers({ state, region }: { state: ReturnType<typeof useYearAndRound>; region: boolean }) {
  return (
    <>
      <YearSelect value={state.year} years={state.years} onChange={(y) => state.set({ year: y })} />
      <RoundSelect value={state.asOf} rounds={state.rounds} withDepartments={region} onChange={(a) => state.set({ asOf: a })} />
    </>
  );
}

/** The year and round pickers, then the view of the chosen round — or why there is none. */
function RoundGate({ state, region, children }: { state: ReturnType<typeof useYearAndRound>; region: boolean; children: (year: number, asOf: string) => ReactNode }) {
  return (
    <>
      <Space style={{ marginBottom: state.note ? 8 : 16 }} wrap>
        <Pickers state={state} region={region} />
      </Space>
      {/* which round is shown, and how much of the scope reported it (issue 71) */}
      {state.note && !state.loading && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }} data-testid="round-note">
          {state.note}
        </Typography.Paragraph>
      )}
      {state.loading ? (
        <Loading />
      ) : state.roundsQuery.isError ? (
        <ErrorState error={state.roundsQuery.error} onRetry={() => void state.roundsQuery.refetch()} notFound="部门不存在，或您没有权限查看。" />
      ) : state.rounds.length === 0 || state.asOf === null || state.year === null ? (
        <EmptyState description="该年度还没有监控数据" />
      ) : (
        children(state.year, state.asOf)
      )}
    </>
  );
}

function RegionOverview() {
  const state = useYearAndRound();
  const query = useRegionMonitoring(state.year, state.asOf, state.rounds.length > 0);
  const rounds = useMemo(() => state.rounds.map((r) => r.asOf), [state.rounds]);
  return (
    <RoundGate state={state} region>
      {(year, asOf) => <QueryState query={query}>{(data) => <RegionView data={data} year={year} asOf={asOf} rounds={rounds} />}</QueryState>}
    </RoundGate>
  );
}

export function MonitoringPage() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  if (user?.role === 'editor') {
    if (user.departmentId === null) return <EmptyState description="当前账号未关联单位" />;
    const tab = params.get('tab');
    return <Redirect to={`/monitoring/departments/${user.departmentId}${tab ? `?tab=${tab}` : ''}`} replace />;
  }
  // a 主管部门 (levels of review): its own and its units' monitoring, read-only, one department at a time; a 财政业务科室 its departments'
  if (user?.role === 'supervisor') return <MonitoringShell title="运行监控（主管部门及所属单位）" overview={<SupervisedDepartments title="主管部门及所属单位（只读）" />} readOnly />;
  if (user?.role === 'section') return <MonitoringShell title={`运行监控（${user.sectionName ?? '业务科室'}归口单位）`} overview={<SupervisedDepartments title="归口单位（只读）" />} readOnly />;
  return <MonitoringShell title="运行监控（双监控）" overview={<RegionOverview />} />;
}

/** A level reviewer's departments (a supervisor's 主管部门 and units, a section's departments), each linking to its monitoring. */
function SupervisedDepartments({ title }: { title: string }) {
  const { departments, loading } = useDepartmentOptions();
  if (loading) return <Loading />;
  if (departments.length === 0) return <EmptyState description="没有可查看的单位" />;
  return (
    <Card size="small" title={title}>
      <Space orientation="vertical">
        {departments.map((d) => (
          <Link key={d.value} to={`/monitoring/departments/${d.value}`} data-testid="supervised-department" data-id={d.value}>
            {d.label}
          </Link>
        ))}
      </Space>
    </Card>
  );
}

function MonitoringShell({ title, overview, breadcrumb, readOnly = false }: { title: string; overview: React.ReactNode; breadcrumb?: React.ReactNode; readOnly?: boolean }) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'import' && !readOnly ? 'import' : 'overview';
  return (
    <div data-testid="monitoring-page">
      {breadcrumb}
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          if (k === 'import') next.set('tab', 'import');
          else next.delete('tab');
          setParams(next, { replace: true });
        }}
        items={[
          { key: 'overview', label: '监控概览', children: overview },
          // an import writes execution data: not a 主管部门's (it reads its units' monitoring)
          ...(readOnly ? [] : [{ key: 'import', label: '执行数据导入', children: <ExecutionImportPanel /> }]),
        ]}
      />
    </div>
  );
}

function DepartmentOverview({ id }: { id: number }) {
  const state = useYearAndRound(id);
  const query = useDepartmentMonitoring(state.rounds.length > 0 ? id : null, state.year, state.asOf);
  const rounds = useMemo(() => state.rounds.map((r) => r.asOf), [state.rounds]);
  return (
    <RoundGate state={state} region={false}>
      {(year, asOf) => (
        <QueryState query={query} notFound="部门不存在，或您没有权限查看。">
          {(data) => <DepartmentView data={data} year={year} asOf={asOf} rounds={rounds} />}
        </QueryState>
      )}
    </RoundGate>
  );
}

export function DepartmentMonitoringPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const { departments } = useDepartmentOptions();
  const name = departments.find((d) => d.value === id)?.label ?? '单位';
  const crumbs =
    user?.role === 'editor' ? undefined : (
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/monitoring">运行监控</Link> }, { title: name }]} />
    );
  return <MonitoringShell title={`${name} · 运行监控`} overview={<DepartmentOverview id={id} />} breadcrumb={crumbs} readOnly={user?.role === 'supervisor' || user?.role === 'section'} />;
}
