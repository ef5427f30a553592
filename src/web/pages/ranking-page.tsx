/**
 * 自评排名 (/self-evaluations): the region's departments ranked by their projects' average
 * self-evaluation score (bar chart and table), the grade distribution and the best projects; a
 * department opens its projects' scores (/self-evaluations/departments/:id), and a project its
 * self-evaluation. An editor goes straight to its own department.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { DepartmentSelfEvaluationSummary, RegionSelfEvaluationRanking } from '../../shared/api/monitoring';
import { downloads, useDepartmentSelfEvaluations, useSelfEvaluationRanking } from '../api/monitoring-hooks';
import { useAuth } from '../auth/auth-context';
import { nameYAxis } from '../lib/chart-labels';
import { EChart, type EChartsCoreOption } from '../components/echart';
import { Wan, YearSelect } from '../components/monitoring-parts';
import { EmptyState, QueryState } from '../components/page-state';
import { ScoreTag } from '../components/tags';
import { formatPercent } from '../lib/format';
import { gradeTotals, rankingSeries, GRADES, GRADE_COLORS } from '../lib/ranking';
import { useDepartmentOptions } from '../lib/use-departments';

export function useYear() {
  const [params, setParams] = useSearchParams();
  const { years } = useDepartmentOptions();
  const p = params.get('year');
  const year = p && /^\d{4}$/.test(p) ? Number(p) : (years[0] ?? null);
  return { year, years, setYear: (y: number) => setParams({ year: String(y) }, { replace: true }) };
}

export function GradePie({ counts, testId }: { counts: Record<string, number>; testId: string }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: GRADES.map((g) => ({ name: g, value: counts[g] ?? 0, itemStyle: { color: GRADE_COLORS[g] } })),
          label: { formatter: '{b}：{c}' },
        },
      ],
    }),
    [counts],
  );
  return <EChart option={option} height={260} testId={testId} />;
}

function RankingView({ data }: { data: RegionSelfEvaluationRanking }) {
  const navigate = useNavigate();
  const series = useMemo(() => rankingSeries(data.departments), [data]);
  const grades = useMemo(() => gradeTotals(data.departments), [data]);
  const evaluated = data.departments.reduce((n, d) => n + d.evaluatedCount, 0);
  const total = data.departments.reduce((n, d) => n + d.projectCount, 0);
  const link = (id: number) => `/self-evaluations/departments/${id}?year=${data.year}`;
  const option = useMemo<EChartsCoreOption>(() => {
    const y = nameYAxis(series.names);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: y.left, right: 40, top: 16, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 100, name: '平均分' },
      yAxis: y.axis,
      series: [
        {
          type: 'bar',
          name: '平均自评得分',
          data: series.values.map((v, i) => ({ value: v, itemStyle: { color: series.colors[i] } })),
          label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '' : p.value.toFixed(2)) },
        },
      ],
    };
  }, [series]);
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已自评 / 项目数" value={`${evaluated} / ${total}`} data-testid="stat-evaluated" />
          </Card>
        </Col>
        {GRADES.map((g) => (
          <Col xs={6} md={4} key={g}>
            <Card size="small">
              <Statistic title={`${g}（项目）`} value={grades[g]} styles={{ content: { color: GRADE_COLORS[g] } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" title="各部门平均自评得分（点击柱形查看部门）" style={{ marginBottom: 16 }}>
            {series.names.length === 0 ? (
              <EmptyState />
            ) : (
              <EChart
                option={option}
                height={Math.max(240, series.names.length * 36 + 60)}
                testId="chart-ranking"
                onClick={(e) => {
                  const id = e.dataIndex !== undefined ? series.ids[e.dataIndex] : undefined;
                  if (id !== undefined) navigate(link(id));
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="等级分布（优/良/中/差）" style={{ marginBottom: 16 }}>
            <GradePie counts={grades} testId="chart-grade-distribution" />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="部门排名" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          data-testid="ranking-table"
          rowKey={(d) => d.department.id}
          dataSource={data.departments}
          pagination={false}
          onRow={(d) => ({ 'data-testid': 'ranking-row', 'data-department': d.department.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
            { title: '部门', key: 'name', render: (_, d) => <Link to={link(d.department.id)} data-testid="ranking-department-link">{d.department.name}</Link> },
            { title: '平均分', dataIndex: 'averageTotal', width: 100, align: 'right', render: (v: number | null) => <span data-testid="ranking-average">{v === null ? '—' : v.toFixed(2)}</span> },
            {
              title: '已自评',
              key: 'evaluated',
              width: 160,
              render: (_, d) => (
                <Space size={4}>
                  <span>
                    {d.evaluatedCount} / {d.projectCount}
                  </span>
                  <Progress size="small" style={{ width: 60, margin: 0 }} showInfo={false} aria-label="已自评比例" percent={d.projectCount ? (d.evaluatedCount * 100) / d.projectCount : 0} />
                </Space>
              ),
            },
            {
              title: '等级分布',
              key: 'grades',
              render: (_, d) => (
                <Space size={2} wrap>
                  {GRADES.map((g) => (
                    <Tag key={g} color={d.gradeCounts[g] > 0 ? GRADE_COLORS[g] : undefined}>
                      {g} {d.gradeCounts[g]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`项目得分排名（前 ${Math.min(20, data.projects.length)}）`}>
        <Table
          size="small"
          data-testid="project-ranking-table"
          rowKey="projectId"
          dataSource={data.projects.slice(0, 20)}
          pagination={false}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 60 },
            { title: '项目', key: 'name', render: (_, p) => <Link to={`/projects/${p.projectId}/self-evaluation`}>{p.name}</Link> },
            { title: '部门', key: 'dept', render: (_, p) => (p.departmentId !== null ? <Link to={link(p.departmentId)}>{p.departmentName}</Link> : '—') },
            { title: '得分', key: 'total', width: 110, render: (_, p) => <ScoreTag score={p.total} grade={p.grade} /> },
          ]}
        />
      </Card>
    </>
  );
}

export function RankingPage() {
  const { user } = useAuth();
  const { year, years, setYear } = useYear();
  const query = useSelfEvaluationRanking(year, user?.role !== 'editor');
  if (user?.role === 'editor') {
    if (user.departmentId === null) return <EmptyState description="当前账号未关联单位" />;
    return <Navigate to={`/self-evaluations/departments/${user.departmentId}`} replace />;
  }
  return (
    <div data-testid="ranking-page">
      <Space align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          绩效自评排名
        </Typography.Title>
        <YearSelect value={year} years={years} onChange={setYear} />
      </Space>
      {year === null ? <EmptyState /> : <QueryState query={query}>{(data) => <RankingView data={data} />}</QueryState>}
    </div>
  );
}

function DepartmentScores({ data }: { data: DepartmentSelfEvaluationSummary }) {
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={5}>
          <Card size="small">
            <Statistic title="平均自评得分" value={data.averageTotal === null ? '—' : data.averageTotal.toFixed(2)} data-testid="stat-average" />
          </Card>
        </Col>
        <Col xs={12} md={5}>
          <Card size="small">
            <Statistic title="已自评 / 项目数" value={`${data.evaluatedCount} / ${data.projectCount}`} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="说明完整" value={data.completeCount} />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card size="small" title="等级分布" styles={{ body: { padding: 0 } }}>
            <GradePie counts={data.gradeCounts} testId="chart-department-grades" />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title="各项目自评得分"
        extra={
          <Button size="small" icon={<DownloadOutlined />} href={downloads.departmentSelfEvaluation(data.department.id, data.year)} data-testid="download-department-self-evaluation">
            下载汇总（.xlsx）
          </Button>
        }
      >
        <Table
          size="small"
          data-testid="department-scores-table"
          rowKey="projectId"
          dataSource={[...data.projects].sort((a, b) => (b.total ?? -1) - (a.total ?? -1))}
          pagination={false}
          onRow={(p) => ({ 'data-testid': 'department-score-row', 'data-project': p.projectId }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '项目编码', dataIndex: 'code', width: 200, render: (c: string | null) => c ?? '—' },
            { title: '项目', key: 'name', render: (_, p) => <Link to={`/projects/${p.projectId}/self-evaluation`} data-testid="department-score-link">{p.name}</Link> },
            { title: '预算', dataIndex: 'budgetFen', width: 130, align: 'right', render: (f: number | null) => <Wan fen={f} /> },
            { title: '执行率', dataIndex: 'executionRatePercent', width: 90, align: 'right', render: (v: number | null) => formatPercent(v) },
            { title: '得分', key: 'total', width: 110, render: (_, p) => (p.evaluated ? <ScoreTag score={p.total} grade={p.grade} /> : <Tag>未自评</Tag>) },
            { title: '说明', key: 'complete', width: 90, render: (_, p) => (!p.evaluated ? '—' : p.complete ? <Tag color="green">完整</Tag> : <Tag color="orange">待完善</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}

export function DepartmentSelfEvaluationPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const { year, years, setYear } = useYear();
  const query = useDepartmentSelfEvaluations(id, year);
  const name = query.data?.department.name ?? '部门';
  return (
    <div data-testid="department-self-evaluation-page" data-id={id}>
      {user?.role !== 'editor' && (
        <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to={`/self-evaluations${year ? `?year=${year}` : ''}`}>绩效自评排名</Link> }, { title: name }]} />
      )}
      <Space align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {name} · 绩效自评
        </Typography.Title>
        <YearSelect value={year} years={years} onChange={setYear} />
      </Space>
      {year === null ? <EmptyState /> : <QueryState query={query} notFound="部门不存在，或您没有权限查看。">{(data) => <DepartmentScores data={data} />}</QueryState>}
    </div>
  );
}
