/**
 * The public pages (no login): published departments and projects, searchable; a department's
 * part one with its published projects; a project's official table, printable. Nothing internal
 * (status, findings, scores) is shown. Lists are plain HTML tables (components/plain): the public
 * pages load none of antd's Table, Card, Tabs, Breadcrumb, Select or Input code (issue 34, point 7).
 */
import { PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { usePublicDepartment, usePublicDepartments, usePublicProject, usePublicProjects } from '../api/hooks';
import { PublicDepartmentResults, PublicProjectResults } from '../components/results-parts';
import type { PublicDepartmentItem, PublicProjectDetail, PublicProjectItem } from '../api/types';
import { DepartmentGoals } from '../components/department-goals';
import { DepartmentTargetsTable, OfficialTable } from '../components/official-table';
import { ErrorState, QueryState } from '../components/page-state';
import { Crumbs, Pager, Panel, PlainTable, PlainTabs } from '../components/plain';
import { Money } from '../components/tags';
import { AdjustedNote } from '../components/adjusted-note';
import { formatWan2 } from '../../shared/domain/money';
import { chinaToday } from '../../shared/domain/rectification';

const yearOf = (s: string | null) => (s && /^\d+$/.test(s) ? Number(s) : null);

/** A year to show: the browser's own select (light, and a phone's native picker). */
function YearSelect({ years, value, onChange, testId, allowAll = false }: { years: readonly number[]; value: number | null; onChange: (year: number | null) => void; testId: string; allowAll?: boolean }) {
  return (
    <select className="plain-select" aria-label="年度" data-testid={testId} value={value ?? ''} onChange={(e) => onChange(yearOf(e.target.value))}>
      {(allowAll || value === null) && <option value="">全部年度</option>}
      {years.map((y) => (
        <option key={y} value={y}>
          {y}年
        </option>
      ))}
    </select>
  );
}

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
      <div className="filter-bar plain-filter-bar">
        {/* A plain GET form too: on the page the server drew, a search sent before the app runs loads its results. */}
        <form
          role="search"
          className="plain-search"
          data-testid="public-search"
          action="/public"
          method="get"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: text.trim() });
          }}
        >
          <input
            type="search"
            name="q"
            className="plain-input"
            aria-label="搜索部门或项目名称、编码"
            placeholder="搜索部门或项目名称、编码"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              // Clearing the box (its ✕) shows everything again, as antd's allowClear did.
              if (e.target.value === '' && q !== '') update({ q: null });
            }}
          />
          <button type="submit" className="plain-button plain-button-primary" aria-label="搜索">
            <SearchOutlined />
          </button>
        </form>
        <YearSelect testId="public-year" years={years} value={year} onChange={(y) => update({ year: y === null ? null : String(y) })} allowAll />
      </div>
      <PlainTabs
        label="公开内容"
        active={tab}
        onChange={(k) => update({ tab: k })}
        items={[
          {
            key: 'departments',
            label: `部门${departments.data ? `（${departments.data.items.length}）` : ''}`,
            children: departments.isError ? (
              <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />
            ) : (
              <PlainTable<PublicDepartmentItem>
                testId="public-departments"
                rowTestId="public-department-row"
                caption="公开的部门"
                rowKey={(d) => `${d.id}-${d.year}`}
                loading={departments.isFetching}
                rows={departments.data?.items ?? []}
                empty={departments.isPending ? '加载中…' : '暂无公开的部门绩效目标'}
                columns={[
                  {
                    key: 'name',
                    title: '部门',
                    render: (d) => <Link to={`/public/departments/${d.id}${d.year ? `?year=${d.year}` : ''}`}>{d.name}</Link>,
                  },
                  { key: 'year', title: '年度', width: 72, render: (d) => d.year ?? '—' },
                  // No sideways scrolling: on a phone the name wraps beside the year and budget, the count goes.
                  { key: 'count', title: '公开项目数', width: 110, align: 'right', hideBelow: 576, render: (d) => d.projectCount },
                  { key: 'budget', title: '预算合计', align: 'right', render: (d) => <Money fen={d.budgetTotalFen} /> },
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
              <>
                <PlainTable<PublicProjectItem>
                  testId="public-projects"
                  rowTestId="public-project-row"
                  caption="公开的项目"
                  rowKey={(p) => p.id}
                  loading={projects.isFetching}
                  rows={projects.data?.items ?? []}
                  empty={projects.isPending ? '加载中…' : '暂无公开的项目'}
                  columns={[
                    // On a phone the name, year and budget fit the screen: the code and the department go.
                    { key: 'code', title: '项目编码', width: 190, hideBelow: 768, render: (p) => p.code ?? '—' },
                    { key: 'name', title: '项目名称', render: (p) => <Link to={`/public/projects/${p.id}`}>{p.name}</Link> },
                    { key: 'department', title: '部门', hideBelow: 768, render: (p) => p.departmentName },
                    { key: 'year', title: '年度', width: 72, render: (p) => p.year ?? '—' },
                    { key: 'budget', title: '预算', align: 'right', render: (p) => <Money fen={p.budgetTotalFen} /> },
                  ]}
                />
                <Pager page={page} pageSize={20} total={projects.data?.total ?? 0} onChange={(p) => update({ page: String(p) })} testId="public-projects-pager" />
              </>
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
          <Crumbs items={[<Link to="/public">公开</Link>, d.department.name]} />
          <Space align="center" style={{ marginBottom: 16 }} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {d.department.name}
              {d.year ? ` ${d.year}年` : ''}部门预算绩效目标
            </Typography.Title>
            {d.years.length > 1 && <YearSelect testId="public-department-year" years={d.years} value={d.year} onChange={(y) => y !== null && setParams({ year: String(y) })} />}
          </Space>
          <DepartmentGoals goals={d.goals} />
          {d.departmentTargets && (
            <Panel title="部门整体支出绩效目标">
              <DepartmentTargetsTable targets={d.departmentTargets} />
            </Panel>
          )}
          <Panel title={`第二部分　预算项目绩效目标（${d.projects.length}）`}>
            <PlainTable<PublicProjectItem>
              testId="public-department-projects"
              caption="部门公开的预算项目"
              rowKey={(p) => p.id}
              size="small"
              rows={d.projects}
              empty="没有公开的项目"
              columns={[
                { key: 'i', title: '序号', width: 52, render: (_, i) => i + 1 },
                { key: 'code', title: '项目编码', width: 190, hideBelow: 576, render: (p) => p.code ?? '—' },
                { key: 'name', title: '项目名称', render: (p) => <Link to={`/public/projects/${p.id}`}>{p.name}</Link> },
                { key: 'budget', title: '预算', align: 'right', render: (p) => <Money fen={p.budgetTotalFen} /> },
              ]}
              footer={
                <tr>
                  <td colSpan={2} className="plain-hide-below-576">
                    <b>合计</b>
                  </td>
                  <td className="plain-show-below-576">
                    <b>合计</b>
                  </td>
                  <td />
                  <td style={{ textAlign: 'right' }}>
                    <b>
                      <Money fen={d.budgetTotalFen} />
                    </b>
                  </td>
                </tr>
              }
            />
          </Panel>
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
          <Crumbs
            className="no-print"
            items={[
              <Link to="/public">公开</Link>,
              <Link to={`/public/departments/${p.department.id}${p.year ? `?year=${p.year}` : ''}`}>{p.department.name}</Link>,
              p.project.name,
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
          <PublicProjectResults projectId={p.id} />
          <OfficialTable
            project={p.project}
            printable
            before={p.adjusted ? <AdjustedNote adjusted={p.adjusted} approval={false} /> : undefined}
            after={p.adjustment ? <PublicAdjustment adjustment={p.adjustment} /> : undefined}
          />
        </div>
      )}
    </QueryState>
  );
}

/**
 * 目标调整 (issues 33, 58): the table above is the version in force; below it, printed with it, what
 * changed — each changed or added indicator with its note, each removed one — and every adjustment
 * with its date, reason and budget (the history).
 */
function PublicAdjustment({ adjustment }: { adjustment: NonNullable<PublicProjectDetail['adjustment']> }) {
  const changed = adjustment.rows.filter((r) => r.note !== null);
  return (
    <div className="official-notes" data-testid="public-adjustment">
      <div className="official-subtitle">绩效目标调整情况</div>
      <ol>
        {changed.map((r) => (
          <li key={r.key} data-testid="adjustment-note">
            {r.name}（现指标值：{r.target}）：{r.note}
          </li>
        ))}
        {adjustment.removed.map((r) => (
          <li key={`removed-${r.name}`} data-testid="adjustment-note">
            {r.name}：{r.note}
          </li>
        ))}
        {adjustment.history.map((h) => (
          <li key={`v${h.version}`} data-testid="adjustment-history">
            第 {h.version} 版：{chineseDate(h.effectiveOn)}起执行{h.approvedAt ? `（${chineseDate(chinaToday(new Date(h.approvedAt)))}审核通过）` : ''}，调整理由：{h.reason}
            {h.budgetFen !== null ? `；全年预算 ${formatWan2(h.budgetFen)} 万元` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
