/**
 * 工作台: the landing page, "what needs me now" for the signed-in role, each count and list linking
 * straight to the work.
 * - A department's editor: its projects by status; the returned ones with the reviewer's reason;
 *   the drafts to finish, the longest untouched first.
 * - A 主管部门 (supervisor): its units' projects waiting for it (待主管部门审核), with batch 转报财政 and 退回.
 * - A 财政业务科室 (section): its departments' projects waiting for it (待业务科室审核), with batch 转报绩效科
 *   and 退回 (a comment required).
 * - The bureau (reviewer, admin): the review queue, oldest submission first, with how long each has
 *   waited; the approved projects waiting to be published; both with batch actions (审核通过, 退回,
 *   公开) under one confirmation that lists what will happen (batch-actions.tsx).
 */
import { Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useProjects, useStatusCounts } from '../api/hooks';
import { AdjustmentWorkbenchCard } from '../components/adjustment-parts';
import type { ProjectListItem, ProjectStatus, SessionUser, WorkflowAction } from '../api/types';
import { useAuth } from '../auth/auth-context';
import { BatchActionModal } from '../components/batch-actions';
import { actionStartsFrom, currentSelection } from '../lib/batch';
import { RectificationWorkbenchCard } from '../components/rectification-parts';
import { ExAnteWorkbenchLine } from '../components/ex-ante-parts';
import { StageTasksCard } from '../components/stage-parts';
import { Money, ScoreTag, StatusTag } from '../components/tags';
import { formatDateTime } from '../lib/format';
import { actionLabel, STATUS_LABELS } from '../lib/labels';
import { PROJECT_STATUSES } from '../../shared/domain/workflow';

const LIST_SIZE = 20;

/** The projects of `status` (one or several), the longest untouched first. */
function useOldest(status: ProjectStatus | readonly ProjectStatus[]) {
  return useProjects({ status: typeof status === 'string' ? status : [...status], sort: 'updated', order: 'asc', pageSize: LIST_SIZE });
}

/** "3 天" since the last change. */
function waited(at: string): string {
  const days = dayjs().diff(dayjs(at), 'day');
  return days < 1 ? '不到 1 天' : `${days} 天`;
}

/**
 * The projects by status (issue 58): the role's own statuses always, every other status its projects
 * are in besides, and the total — the cards add up to it.
 */
function StatusCards({ statuses }: { statuses: readonly ProjectStatus[] }) {
  const counts = useStatusCounts().data;
  const shown = PROJECT_STATUSES.filter((s) => statuses.includes(s) || (counts?.counts[s] ?? 0) > 0);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="workbench-counts" data-total={counts?.total ?? ''}>
      {shown.map((s) => (
        <Col key={s} xs={12} md={6} xl={4}>
          <Link to={`/projects?status=${s}`} data-testid={`workbench-count-${s}`} data-count={counts?.counts[s] ?? ''}>
            <Card size="small" hoverable>
              <Statistic title={STATUS_LABELS[s]} value={counts?.counts[s] ?? '—'} suffix="个项目" />
            </Card>
          </Link>
        </Col>
      ))}
      <Col xs={12} md={6} xl={4}>
        <Link to="/projects" data-testid="workbench-count-total" data-count={counts?.total ?? ''}>
          <Card size="small" hoverable>
            <Statistic title="合计" value={counts?.total ?? '—'} suffix="个项目" />
          </Card>
        </Link>
      </Col>
    </Row>
  );
}

const nameColumn: ColumnsType<ProjectListItem>[number] = {
  title: '项目',
  dataIndex: 'name',
  render: (name: string, r) => (
    <Link to={`/projects/${r.id}`} data-testid="workbench-project-link">
      {name || '（未命名）'}
    </Link>
  ),
};

/** A department editor's workbench. */
function EditorWorkbench() {
  const returned = useOldest('returned');
  const drafts = useOldest('draft');
  const returnedItems = returned.data?.items ?? [];
  return (
    <>
      <StatusCards statuses={['draft', 'returned', 'submitted', 'approved']} />
      <AdjustmentWorkbenchCard role="editor" />
      <RectificationWorkbenchCard />
      <Card title={`退回待修改（${returned.data?.total ?? 0}）`} size="small" style={{ marginBottom: 16 }} data-testid="workbench-returned">
        <Table<ProjectListItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={returnedItems}
          locale={{ emptyText: '没有退回的项目' }}
          onRow={(r) => ({ 'data-testid': 'workbench-returned-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            nameColumn,
            {
              title: '退回理由',
              key: 'reason',
              // The list gives each returned project's last return: no request per project.
              render: (_, r) => {
                const reason = r.lastReturn;
                if (!reason) return <Typography.Text type="secondary">…</Typography.Text>;
                return (
                  <div data-testid="workbench-return-reason">
                    {reason.comment ?? '（见字段批注）'}
                    {reason.fieldComments > 0 && <Tag style={{ marginLeft: 8 }}>{reason.fieldComments} 处字段批注</Tag>}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {reason.actor} {formatDateTime(reason.at)}
                      </Typography.Text>
                    </div>
                  </div>
                );
              },
            },
            {
              title: '',
              key: 'go',
              width: 90,
              render: (_, r) => (
                <Link to={`/projects/${r.id}/edit`}>
                  <Button size="small" type="primary">
                    修改
                  </Button>
                </Link>
              ),
            },
          ]}
        />
      </Card>
      <Card title={`待完成的草稿（${drafts.data?.total ?? 0}）`} size="small" data-testid="workbench-drafts">
        <Table<ProjectListItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={drafts.data?.items ?? []}
          locale={{ emptyText: '没有草稿' }}
          columns={[
            nameColumn,
            { title: '质量分', key: 'score', width: 120, render: (_, r) => <ScoreTag score={r.qualityScore} grade={r.qualityGrade} /> },
            { title: '审核发现', dataIndex: 'findingCount', width: 90, align: 'right' },
            { title: '最后修改', dataIndex: 'updatedAt', width: 170, render: (at: string) => formatDateTime(at) },
          ]}
        />
      </Card>
    </>
  );
}

/** A list of a workbench with its batch actions (the finance bureau's, a 主管部门's, a business section's). */
function BatchList({ status, title, actions, testId }: { status: ProjectStatus | readonly ProjectStatus[]; title: string; actions: WorkflowAction[]; testId: string }) {
  const list = useOldest(status);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const [action, setAction] = useState<WorkflowAction | null>(null);
  const items = list.data?.items ?? [];
  // the selection as the list stands now: a project acted on (here or elsewhere) drops out of it
  const selected = currentSelection(selectedIds, items);
  // the batch dialog keeps the rows it was opened with while it is open
  const [batchItems, setBatchItems] = useState<ProjectListItem[]>([]);
  return (
    <Card
      title={`${title}（${list.data?.total ?? 0}）`}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={testId}
      extra={
        <Space>
          {actions.map((a) => {
            const applicable = selected.filter((p) => actionStartsFrom(a, p.status));
            return (
              <Button
                key={a}
                size="small"
                type={a === 'return' ? 'default' : 'primary'}
                danger={a === 'return'}
                disabled={applicable.length === 0}
                onClick={() => {
                  setBatchItems(applicable);
                  setAction(a);
                }}
                data-testid={`batch-${a}`}
                data-count={applicable.length}
              >
                批量{a === 'return' ? '退回' : actionLabel(a, typeof status === 'string' ? status : status[0]!)}（{applicable.length}）
              </Button>
            );
          })}
        </Space>
      }
    >
      <Table<ProjectListItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: '没有项目' }}
        rowSelection={{ selectedRowKeys: selected.map((p) => p.id), onChange: (keys) => setSelectedIds(keys.map(Number)) }}
        onRow={(r) => ({ 'data-testid': `${testId}-row`, 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          nameColumn,
          { title: '单位', dataIndex: 'departmentName', ellipsis: true },
          { title: '预算', dataIndex: 'budgetTotalFen', align: 'right', width: 150, render: (f: number | null) => <Money fen={f} /> },
          { title: '质量分', key: 'score', width: 110, render: (_, r) => <ScoreTag score={r.qualityScore} grade={r.qualityGrade} /> },
          { title: '已等待', dataIndex: 'updatedAt', width: 100, render: (at: string) => <span title={formatDateTime(at)}>{waited(at)}</span> },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: ProjectStatus) => <StatusTag status={s} /> },
        ]}
      />
      {list.data && list.data.total > items.length && (
        <Link to={`/projects?${(typeof status === 'string' ? [status] : status).map((s) => `status=${s}`).join('&')}&sort=updated&order=asc`} style={{ display: 'inline-block', marginTop: 8 }}>
          查看全部 {list.data.total} 个
        </Link>
      )}
      <BatchActionModal
        action={action}
        items={batchItems}
        onClose={(done) => {
          setAction(null);
          // after a batch, nothing stays selected: the rows it did left the list, the others are to look at anew
          if (done) setSelectedIds([]);
        }}
      />
    </Card>
  );
}

/** The bureau's workbench (reviewer, admin). */
function BureauWorkbench() {
  return (
    <>
      <StatusCards statuses={['submitted', 'approved', 'returned', 'published']} />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="workbench-progress">
        <Space wrap>
          <Typography.Text strong>年度工作进度</Typography.Text>
          <Typography.Text type="secondary">开启目标申报、监控、自评、整改阶段并设定截止日期，查看各单位完成情况、催办逾期单位</Typography.Text>
          <Link to="/progress" data-testid="workbench-progress-link">
            进度
          </Link>
        </Space>
      </Card>
      <BatchList status="submitted" title="待审核（最早提交在前）" actions={['approve', 'return']} testId="workbench-queue" />
      <AdjustmentWorkbenchCard role="reviewer" />
      {/* 批复下达 does not take a project out of publishing (issue 58): the issued wait to be published too */}
      <BatchList status={['approved', 'issued']} title="已审核、已批复待公开" actions={['publish']} testId="workbench-to-publish" />
      <RectificationWorkbenchCard />
    </>
  );
}

/**
 * A 主管部门's workbench (supervisor, levels of review): its units' submissions waiting for it, with
 * 转报财政 and 退回; what it forwarded and what the finance bureau has done with its units' projects.
 */
function SupervisorWorkbench() {
  return (
    <>
      <StatusCards statuses={['unit_submitted', 'submitted', 'returned', 'approved']} />
      <BatchList status="unit_submitted" title="待主管部门审核（最早提交在前）" actions={['forward', 'return']} testId="workbench-supervisor-queue" />
    </>
  );
}

/**
 * A business section's workbench (财政业务科室, levels of review): its departments' submissions waiting
 * for it, with 转报绩效科 and 退回; what it forwarded and what the performance section has done since.
 */
function SectionWorkbench() {
  return (
    <>
      <StatusCards statuses={['section_submitted', 'submitted', 'returned', 'approved']} />
      <BatchList status="section_submitted" title="待业务科室审核（最早报送在前）" actions={['forward', 'return']} testId="workbench-section-queue" />
    </>
  );
}

/** The line under the title: whose work this is. */
function workbenchSubtitle(user: SessionUser): string {
  if (user.role === 'editor') return `${user.departmentName ?? '本单位'}：需要您处理的项目`;
  if (user.role === 'supervisor') return `${user.departmentName ?? '本主管部门'}：所属二级单位提交的项目，审核后转报财政或退回`;
  if (user.role === 'section') return `${user.regionName ?? ''}财政部门${user.sectionName ?? '业务科室'}：归口单位报送的项目，审核后转报绩效科或退回`;
  return '需要财政局处理的项目：待审核、待公开';
}

export function WorkbenchPage() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <div data-testid="workbench-page" data-role={user.role}>
      <Typography.Title level={3} className="page-title">
        工作台
      </Typography.Title>
      <Typography.Paragraph type="secondary">{workbenchSubtitle(user)}</Typography.Paragraph>
      {(user.role === 'editor' || user.role === 'supervisor') && <StageTasksCard />}
      {user.role !== 'supervisor' && user.role !== 'section' && <ExAnteWorkbenchLine role={user.role === 'editor' ? 'editor' : 'reviewer'} />}
      {user.role === 'editor' ? <EditorWorkbench /> : user.role === 'supervisor' ? <SupervisorWorkbench /> : user.role === 'section' ? <SectionWorkbench /> : <BureauWorkbench />}
    </div>
  );
}
