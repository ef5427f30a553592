/**
 * The public pages (no login): published departments and projects, searchable; a department's
 * part one with its published projects; a project's official table, printable. Nothing internal
 * (status, findings, scores) is shown.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { usePublicDepartment, usePublicDepartments, usePublicProject, usePublicProjects } from '../api/hooks';
import { PublicDepartmentResults, PublicProjectResults } from '../components/results-parts';
import type { PublicDepartmentItem, PublicProjectDetail, PublicProjectItem } from '../api/types';
import { DepartmentGoals } from '../components/department-goals';
import { DepartmentTargetsTable, OfficialTable } from '../components/official-table';
import { ErrorState, QueryState } from '../components/page-state';
import { Money } from '../components/tags';

const yearOf = (s: string | null) => (s && /^\d+$/.test(s) ? Number(s) : null);

export function PublicHomePage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const year = yearOf(params.get('year'));
  const asked = params.get('tab');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const departments = usePublicDepartments(q, year);
  const allDepartments = usePublicDepartments('', null);
  const projects = usePublicProjects({ q, year, page, pageSize: 20 });
  // A search lands on the tab that has results: the departments' unless it found none and the
  // projects' did (a tab the visitor chose stays chosen).
  const tab: 'departments' | 'projects' =
    asked === 'projects' || asked === 'departments'
      ? asked
      : q !== '' && departments.data?.items.length === 0 && (projects.data?.total ?? 0) > 0
        ? 'projects'
        : 'departments';
  const years = useMemo(
    () => [...new Set((allDepartments.data?.items ?? []).map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => b - a),
    [allDepartments.data],
  );

  const update = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in change)) next.delete('page');
    // A new search or year: the tab follows the results again.
    if ('q' in change || 'year' in change) next.delete('tab');
    setParams(next);
  };

  return (
    <div data-testid="public-home">
      <Typography.Title level={3} className="page-title">
        预算绩效目标公开
      </Typography.Title>
      <Card size="small" className="filter-bar">
        <Space wrap>
          <Input.Search aria-label="搜索部门或项目名称、编码"
            data-testid="public-search"
            placeholder="搜索部门或项目名称、编码"
            allowClear
            style={{ width: 300 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
          />
          <Select aria-label="年度"
            data-testid="public-year"
            placeholder="全部年度"
            allowClear
            style={{ width: 120 }}
            value={year ?? undefined}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(v?: number) => update({ year: v ? String(v) : null })}
          />
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'projects' ? 'projects' : 'departments' })}
        items={[
          {
            key: 'departments',
            label: `部门${departments.data ? `（${departments.data.items.length}）` : ''}`,
            children: departments.isError ? (
              <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />
            ) : (
              <Table<PublicDepartmentItem>
                data-testid="public-departments"
                rowKey={(d) => `${d.id}-${d.year}`}
                loading={departments.isFetching}
                dataSource={departments.data?.items ?? []}
                locale={{ emptyText: departments.isPending ? '加载中…' : '暂无公开的部门绩效目标' }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                onRow={() => ({ 'data-testid': 'public-department-row' }) as HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: '部门',
                    dataIndex: 'name',
                    render: (n: string, d) => <Link to={`/public/departments/${d.id}${d.year ? `?year=${d.year}` : ''}`}>{n}</Link>,
                  },
                  { title: '年度', dataIndex: 'year', width: 80 },
                  // No sideways scrolling: on a phone the name wraps beside the year and budget, the count goes.
                  { title: '公开项目数', dataIndex: 'projectCount', width: 110, align: 'right', responsive: ['sm'] },
                  { title: '预算合计', dataIndex: 'budgetTotalFen', align: 'right', render: (f: number) => <Money fen={f} /> },
                ]}
              />
            ),
          },
          {
            key: 'projects',
            label: `项目${projects.data ? `（${projects.data.total}）` : ''}`,
            children: projects.isError ? (
              <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
            ) : (
              <Table<PublicProjectItem>
                data-testid="public-projects"
                rowKey="id"
                loading={projects.isFetching}
                dataSource={projects.data?.items ?? []}
                locale={{ emptyText: projects.isPending ? '加载中…' : '暂无公开的项目' }}
                onRow={() => ({ 'data-testid': 'public-project-row' }) as HTMLAttributes<HTMLElement>}
                pagination={{
                  current: page,
                  pageSize: 20,
                  total: projects.data?.total ?? 0,
                  showSizeChanger: false,
                  onChange: (p) => update({ page: String(p) }),
                }}
                columns={[
                  // On a phone the name, year and budget fit the screen: the code and the department go.
                  { title: '项目编码', dataIndex: 'code', width: 190, responsive: ['md'], render: (c: string | null) => c ?? '—' },
                  { title: '项目名称', dataIndex: 'name', render: (n: string, p) => <Link to={`/public/projects/${p.id}`}>{n}</Link> },
                  { title: '部门', dataIndex: 'departmentName', responsive: ['md'] },
                  { title: '年度', dataIndex: 'year', width: 72 },
                  { title: '预算', dataIndex: 'budgetTotalFen', align: 'right', render: (f: number | null) => <Money fen={f} /> },
                ]}
              />
            ),
          },
        ]}
      />
    </div>
  );
}

export function PublicDepartmentPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const query = usePublicDepartment(id, yearOf(params.get('year')));
  return (
    <QueryState query={query} notFound="该部门没有公开的绩效目标。">
      {(d) => (
        <div data-testid="public-department">
          <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/public">公开</Link> }, { title: d.department.name }]} />
          <Space align="center" style={{ marginBottom: 16 }} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {d.department.name}
              {d.year ? ` ${d.year}年` : ''}部门预算绩效目标
            </Typography.Title>
            {d.years.length > 1 && (
              <Select aria-label="年度"
                data-testid="public-department-year"
                style={{ width: 110 }}
                value={d.year ?? undefined}
                options={d.years.map((y) => ({ value: y, label: `${y}年` }))}
                onChange={(y: number) => setParams({ year: String(y) })}
              />
            )}
          </Space>
          <DepartmentGoals goals={d.goals} />
          {d.departmentTargets && (
            <Card title="部门整体支出绩效目标" size="small" style={{ marginBottom: 16 }}>
              <DepartmentTargetsTable targets={d.departmentTargets} />
            </Card>
          )}
          <Card title={`第二部分　预算项目绩效目标（${d.projects.length}）`} size="small">
            <Table<PublicProjectItem>
              data-testid="public-department-projects"
              scroll={{ x: 'max-content' }}
              rowKey="id"
              size="small"
              dataSource={d.projects}
              pagination={false}
              locale={{ emptyText: '没有公开的项目' }}
              columns={[
                { title: '序号', key: 'i', width: 60, render: (_, __, i) => i + 1 },
                { title: '项目编码', dataIndex: 'code', width: 190, render: (c: string | null) => c ?? '—' },
                { title: '项目名称', dataIndex: 'name', render: (n: string, p) => <Link to={`/public/projects/${p.id}`}>{n}</Link> },
                { title: '预算', dataIndex: 'budgetTotalFen', align: 'right', render: (f: number | null) => <Money fen={f} /> },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <b>合计</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <b>
                      <Money fen={d.budgetTotalFen} />
                    </b>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
          <PublicDepartmentResults departmentId={d.department.id} year={d.year} />
        </div>
      )}
    </QueryState>
  );
}

/** "2025年3月5日" from "2025-03-05". */
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function PublicProjectPage() {
  const id = Number(useParams().id);
  const query = usePublicProject(id);
  return (
    <QueryState query={query} notFound="该项目未公开或不存在。">
      {(p) => (
        <div data-testid="public-project">
          <Breadcrumb
            className="no-print"
            style={{ marginBottom: 12 }}
            items={[
              { title: <Link to="/public">公开</Link> },
              { title: <Link to={`/public/departments/${p.department.id}${p.year ? `?year=${p.year}` : ''}`}>{p.department.name}</Link> },
              { title: p.project.name },
            ]}
          />
          <Space className="no-print" style={{ marginBottom: 12 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {p.project.name}
              {p.year !== null && (
                <span className="public-project-year" data-testid="public-project-year">
                  {' '}
                  {p.year}年
                </span>
              )}
            </Typography.Title>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
              打印
            </Button>
          </Space>
          {p.issue && (
            <Typography.Paragraph data-testid="public-issue">
              批复文号：{p.issue.docNumber}　批复日期：{chineseDate(p.issue.issuedOn)}
            </Typography.Paragraph>
          )}
          {p.adjustment && <PublicAdjustment adjustment={p.adjustment} />}
          <PublicProjectResults projectId={p.id} />
          <OfficialTable project={p.project} printable />
        </div>
      )}
    </QueryState>
  );
}

/** 目标调整 (issue 33): the targets in force after an approved adjustment, each changed row with its note, and the reason. */
function PublicAdjustment({ adjustment }: { adjustment: NonNullable<PublicProjectDetail['adjustment']> }) {
  return (
    <Card size="small" title={`调整后的绩效指标（第 ${adjustment.version} 版，${chineseDate(adjustment.effectiveOn)}起执行）`} style={{ marginBottom: 16 }} data-testid="public-adjustment">
      {adjustment.history.map((h) => (
        <Typography.Paragraph key={h.version} style={{ marginBottom: 4 }}>
          {chineseDate(h.effectiveOn)}调整理由：{h.reason}
        </Typography.Paragraph>
      ))}
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={adjustment.rows}
        columns={[
          { title: '一级指标', dataIndex: 'level1', width: 110 },
          { title: '二级指标', dataIndex: 'level2', width: 140 },
          { title: '三级指标', dataIndex: 'name' },
          { title: '指标值', dataIndex: 'target', width: 160, render: (v: string, r) => (r.change === 'same' ? v : <Typography.Text strong>{v}</Typography.Text>) },
          { title: '说明', dataIndex: 'note', render: (v: string | null) => (v === null ? '' : <span data-testid="adjustment-note">{v}</span>) },
        ]}
      />
      {adjustment.removed.map((r) => (
        <Typography.Paragraph key={r.name} type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
          {r.name}：{r.note}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
