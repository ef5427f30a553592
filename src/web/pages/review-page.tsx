/**
 * 审核队列: the projects waiting for this account's level, oldest first, with their findings summary:
 * the finance bureau's 已提交 (approve or return from the list), a 主管部门's 待主管部门审核 of its
 * units (转报财政 or return), a business section's 待业务科室审核 of its departments (转报绩效科 or return). With a department chosen, the finance bureau issues (批复下达) its
 * approved projects from here (issue 33: the dialog of the department's page).
 */
import { useQueryClient } from '@tanstack/react-query';
import { FileDoneOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { allowedActions, NO_LEVELS, type ProjectStatus, type ReviewLevels, type WorkflowAction } from '../../shared/domain/workflow';
import { useApi } from '../api/api-context';
import { useProjects } from '../api/hooks';
import type { ProjectListItem, ProjectRecord } from '../api/types';
import { useAuth } from '../auth/auth-context';
import { IssueBatchDialog } from '../components/approval-batches';
import { ErrorState } from '../components/page-state';
import { CategoryTags, Money, ScoreTag } from '../components/tags';
import { WorkflowActions } from '../components/workflow-actions';
import { formatDateTime } from '../lib/format';
import { useDepartmentOptions } from '../lib/use-departments';
import { usePhone } from '../lib/use-phone';

export function ReviewPage() {
  const { user } = useAuth();
  const api = useApi();
  const queryClient = useQueryClient();
  const { departments } = useDepartmentOptions();
  const [department, setDepartment] = useState<number | null>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const supervisor = user?.role === 'supervisor';
  const section = user?.role === 'section';
  const status: ProjectStatus = supervisor ? 'unit_submitted' : section ? 'section_submitted' : 'submitted';
  const actions: readonly WorkflowAction[] = supervisor || section ? ['forward', 'return'] : ['approve', 'return'];
  // a supervisor's list holds its own 主管部门's projects and its units': a unit's 主管部门 is the supervisor's;
  // a section's list holds its departments' only
  const levelsOf = (departmentId: number | null): ReviewLevels =>
    supervisor && departmentId !== user.departmentId
      ? { supervisorDepartmentId: user.departmentId, supervisorLevel: true }
      : section
        ? { supervisorDepartmentId: null, supervisorLevel: false, sectionId: user.sectionId ?? null, sectionLevel: true }
        : NO_LEVELS;
  const levelTitle = supervisor ? '（主管部门）' : section ? `（${user.sectionName ?? '业务科室'}）` : '';
  const waitingFor = supervisor ? '待主管部门审核' : section ? '待业务科室审核' : '待审核';
  const query = useProjects({ status, sort: 'updated', order: 'asc', department, ...page });
  // 批复下达 (the finance bureau): the chosen department's approved projects, and those still waiting
  // (the dialog names the ones the ex-ante gate holds)
  const mayIssue = user?.role === 'reviewer';
  const forIssue = useProjects({ status: 'approved,submitted', department, sort: 'updated', order: 'asc', page: 1, pageSize: 100 }, mayIssue && department !== null);
  // not the previous department's list while the chosen one's loads
  const issueItems = forIssue.isPlaceholderData ? undefined : forIssue.data?.items;
  const approvedCount = (issueItems ?? []).filter((p) => p.status === 'approved').length;
  const [issuing, setIssuing] = useState(0);
  const [issueOpen, setIssueOpen] = useState(false);

  // fetched afresh for each dialog (staleTime 0): it decides on the project as it is now (its ex-ante gate may have
  // changed on another page a moment ago)
  const loadSubject = (id: number) => () =>
    queryClient.fetchQuery({ queryKey: ['project', id], queryFn: () => api.get<ProjectRecord>(`/api/projects/${id}`), staleTime: 0 }).then((r) => ({ project: r.project, findings: r.findings, gate: r.gate }));

  const actionsOf = (r: ProjectListItem) =>
    user ? (
      <WorkflowActions
        size="small"
        target={{ ...r, allowedActions: allowedActions(r.status, user, r.departmentId, levelsOf(r.departmentId)).filter((a) => actions.includes(a)) }}
        loadSubject={loadSubject(r.id)}
      />
    ) : null;
  // a phone (issue 71): each project a block — name, department, budget, findings — with its 转报/审核通过 and 退回 under it,
  // where the table put them off the screen
  const phone = usePhone();
  const phoneColumns = [
    {
      title: '待审核项目',
      key: 'project',
      render: (_: unknown, r: ProjectListItem) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="review-card">
          <Link to={`/projects/${r.id}`} data-testid="project-link">
            {r.name || '（未命名）'}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code ?? ''} · {r.departmentName}
          </Typography.Text>
          <Space size={8} wrap>
            <Money fen={r.budgetTotalFen} />
            <ScoreTag score={r.qualityScore} grade={r.qualityGrade} />
            <span>
              审核发现 <span data-testid="finding-count">{r.findingCount}</span>
            </span>
            <CategoryTags categories={r.categories} />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            提交于 {formatDateTime(r.updatedAt)}
          </Typography.Text>
          {actionsOf(r)}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="review-page">
      <Typography.Title level={3} className="page-title">
        审核队列{levelTitle}
      </Typography.Title>
      <Card size="small" className="filter-bar">
        <Space wrap>
          <Select aria-label="部门"
            data-testid="filter-department"
            placeholder="全部部门"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 260, maxWidth: '100%' }}
            options={departments}
            value={department ?? undefined}
            onChange={(v?: number) => {
              setDepartment(v ?? null);
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
          <Typography.Text type="secondary">共 {query.data?.total ?? '…'} 个项目{waitingFor}</Typography.Text>
          {mayIssue && (
            <Button
              icon={<FileDoneOutlined />}
              data-testid="review-open-issue"
              disabled={department === null || issueItems === undefined || approvedCount === 0}
              title={department === null ? '请先选择部门' : approvedCount === 0 ? '该部门没有已审核、待批复的项目' : undefined}
              onClick={() => {
                setIssuing((n) => n + 1);
                setIssueOpen(true);
              }}
            >
              批复下达{department !== null && issueItems !== undefined ? `（${approvedCount}）` : ''}
            </Button>
          )}
          {/* why 批复下达 cannot be pressed, said beside it (a disabled button shows no tooltip): issue 58 */}
          {mayIssue && (department === null || (issueItems !== undefined && approvedCount === 0)) && (
            <Typography.Text type="secondary" data-testid="review-issue-hint">
              {department === null ? '批复下达按单位进行：请先在左侧选择单位' : '该单位没有已审核、待批复的项目'}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {mayIssue && department !== null && (
        <IssueBatchDialog key={issuing} open={issueOpen} onClose={() => setIssueOpen(false)} departmentId={department} year={null} projects={issueItems ?? []} />
      )}
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ProjectListItem>
          data-testid="review-table"
          className={phone ? 'phone-blocks' : undefined}
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: query.isPending ? '加载中…' : '没有待审核的项目' }}
          onRow={(r) => ({ 'data-testid': 'review-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }),
            showTotal: (t) => `共 ${t} 个`,
          }}
          scroll={phone ? undefined : { x: 1100 }}
          columns={phone ? phoneColumns : [
            {
              title: '项目',
              dataIndex: 'name',
              render: (n: string, r) => (
                <div>
                  <Link to={`/projects/${r.id}`} data-testid="project-link">
                    {n || '（未命名）'}
                  </Link>
                  <div style={{ color: 'rgba(0, 0, 0, 0.6)', fontSize: 12 }}>{r.code ?? ''}</div>
                </div>
              ),
            },
            { title: '部门', dataIndex: 'departmentName', width: 200 },
            { title: '预算', dataIndex: 'budgetTotalFen', align: 'right', width: 150, render: (f: number | null) => <Money fen={f} /> },
            { title: '提交时间', dataIndex: 'updatedAt', width: 140, render: formatDateTime },
            { title: '质量分', dataIndex: 'qualityScore', width: 100, render: (s: number | null, r) => <ScoreTag score={s} grade={r.qualityGrade} /> },
            {
              title: '审核发现',
              key: 'findings',
              width: 220,
              render: (_, r) => (
                <Space size={2} wrap>
                  <span data-testid="finding-count">{r.findingCount}</span>
                  <CategoryTags categories={r.categories} />
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 190,
              render: (_, r) => actionsOf(r),
            },
          ]}
        />
      )}
    </div>
  );
}
