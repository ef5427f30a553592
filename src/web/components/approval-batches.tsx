/**
 * 批复下达 (issue 33): the finance bureau issues a department's approved (已审核) projects with a
 * 文号 and date, in one batch, then downloads its official notice (.docx). The dialog
 * (IssueBatchDialog) is opened from the department's page, where the batches are listed, and from
 * the review queue once a department is chosen; it preselects the department's approved projects of
 * the year, lists the projects the ex-ante gate holds (still 已提交) with the reason, shows its
 * request working and keeps a refusal (a 文号 already used) inside it, and offers the notice once
 * the batch is issued.
 */
import { DownloadOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, List, Result, Select, Table } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/api-context';
import { useInvalidateProjects } from '../api/hooks';
import type { ApprovalBatch, ApprovalBatchBody, ApprovalBatchList, ProjectListItem, ProjectRecord } from '../api/types';
import { ActionModal } from './action-modal';
import { Money } from './tags';

/** Today in China as YYYY-MM-DD (the date a notice is usually dated). */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The notice of a batch (.docx). */
export const batchNoticeHref = (id: number) => `/api/approval-batches/${id}/notice.docx`;

export function DepartmentApprovalBatches({
  departmentId,
  year,
  projects,
  mayIssue,
}: {
  departmentId: number;
  year: number | null;
  projects: readonly ProjectListItem[];
  /** The user is a finance reviewer (only they issue). */
  mayIssue: boolean;
}) {
  const api = useApi();
  const [opened, setOpened] = useState(0);
  const [open, setOpen] = useState(false);
  const batches = useQuery({
    queryKey: ['approval-batches', departmentId, year],
    queryFn: () => api.get<ApprovalBatchList>('/api/approval-batches', { departmentId, ...(year !== null ? { year } : {}) }),
  });
  const approved = projects.filter((p) => p.status === 'approved');
  const items = batches.data?.items ?? [];
  if (year === null) return null;
  // the dialog stays mounted while its card comes and goes (the issued batch shows in it until closed)
  const dialog = <IssueBatchDialog key={opened} open={open} onClose={() => setOpen(false)} departmentId={departmentId} year={year} projects={projects} />;
  if (items.length === 0 && !(mayIssue && approved.length > 0)) return dialog;
  return (
    <>
      <Card
        title="预算及绩效目标批复"
        size="small"
        style={{ marginBottom: 16 }}
        data-testid="approval-batches"
        extra={
          mayIssue && approved.length > 0 ? (
            <Button
              type="primary"
              icon={<FileDoneOutlined />}
              data-testid="open-issue"
              onClick={() => {
                setOpened((n) => n + 1);
                setOpen(true);
              }}
            >
              批复下达（{approved.length}）
            </Button>
          ) : null
        }
      >
        <Table<ApprovalBatch>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          loading={batches.isLoading}
          locale={{ emptyText: '尚未批复' }}
          data-testid="approval-batch-list"
          onRow={(b) => ({ 'data-testid': 'approval-batch', 'data-id': b.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '文号', dataIndex: 'docNumber' },
            { title: '批复日期', dataIndex: 'issuedOn', width: 120 },
            { title: '项目数', key: 'n', width: 80, render: (_, b) => b.projects.length },
            { title: '预算合计', key: 'sum', align: 'right', width: 160, render: (_, b) => <Money fen={b.projects.reduce((s, p) => s + (p.budgetFen ?? 0), 0)} /> },
            {
              title: '批复通知',
              key: 'doc',
              width: 120,
              render: (_, b) => (
                <Button size="small" icon={<DownloadOutlined />} href={batchNoticeHref(b.id)} data-testid="batch-notice">
                  下载
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {dialog}
    </>
  );
}

/**
 * The 批复下达 dialog for one department: `projects` are the department's projects as the page knows
 * them (any status; the approved ones are offered, the submitted ones are checked against the
 * ex-ante gate); `year` fixes the budget year, else the dialog offers the years of the approved
 * projects. Mount it afresh for each opening (a new `key`).
 */
export function IssueBatchDialog({
  open,
  onClose,
  departmentId,
  year: fixedYear,
  projects,
}: {
  open: boolean;
  onClose: () => void;
  departmentId: number;
  year: number | null;
  projects: readonly ProjectListItem[];
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProjects();
  const [form] = Form.useForm<{ docNumber: string; issuedOn: string; projectIds: number[] }>();
  const years = [...new Set(projects.filter((p) => p.status === 'approved' && p.year !== null).map((p) => p.year!))].sort((a, b) => b - a);
  const [year, setYear] = useState<number | null>(fixedYear ?? years[0] ?? null);
  const approved = projects.filter((p) => p.status === 'approved' && p.year === year);
  const submitted = projects.filter((p) => p.status === 'submitted' && p.year === year);
  // the gate of each project still waiting for approval: those held are named, with the reason
  const records = useQueries({
    queries: submitted.map((p) => ({ queryKey: ['project', p.id], queryFn: () => api.get<ProjectRecord>(`/api/projects/${p.id}`), enabled: open, staleTime: 0 })),
  });
  const held = submitted.flatMap((p, i) => {
    const gate = records[i]?.data?.gate;
    return gate?.held === true ? [{ project: p, reason: gate.reason ?? '事前绩效评估未通过' }] : [];
  });
  const [issued, setIssued] = useState<ApprovalBatch | null>(null);
  const issue = useMutation({
    mutationFn: (body: ApprovalBatchBody) => api.send<ApprovalBatch>('POST', '/api/approval-batches', body),
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: ['approval-batches'] });
      // the issued projects' records (a project page read before shows 已审核 otherwise)
      for (const p of batch.projects) void queryClient.invalidateQueries({ queryKey: ['project', p.id] });
      invalidate();
      setIssued(batch);
    },
  });
  return (
    <ActionModal
      title="批复下达"
      open={open}
      request={issue}
      errorTestId="issue-error"
      okText={issued ? '完成' : '批复下达'}
      okButtonProps={{ 'data-testid': issued ? 'issue-done' : 'issue-confirm', disabled: !issued && (year === null || approved.length === 0) }}
      cancelButtonProps={issued ? { style: { display: 'none' } } : {}}
      onOk={() => (issued ? onClose() : form.submit())}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {issued ? (
        <Result
          status="success"
          data-testid="issue-result"
          title={`已批复下达 ${issued.projects.length} 个项目`}
          subTitle={`${issued.docNumber}，${issued.issuedOn}`}
          extra={
            <Button type="primary" icon={<DownloadOutlined />} href={batchNoticeHref(issued.id)} data-testid="issued-notice">
              下载批复通知（.docx）
            </Button>
          }
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          data-testid="issue-form"
          initialValues={{ docNumber: '', issuedOn: chinaToday(), projectIds: approved.map((p) => p.id) }}
          onFinish={(v) => year !== null && issue.mutate({ departmentId, year, docNumber: v.docNumber.trim(), issuedOn: v.issuedOn, projectIds: v.projectIds })}
        >
          {fixedYear === null && years.length > 1 && (
            <Form.Item label="预算年度">
              <Select<number>
                aria-label="预算年度"
                data-testid="issue-year"
                value={year ?? undefined}
                options={years.map((y) => ({ value: y, label: `${y}年度` }))}
                onChange={(y) => {
                  setYear(y);
                  form.setFieldValue(
                    'projectIds',
                    projects.filter((p) => p.status === 'approved' && p.year === y).map((p) => p.id),
                  );
                }}
              />
            </Form.Item>
          )}
          <Form.Item label="文号" name="docNumber" rules={[{ required: true, whitespace: true, message: '请填写批复文号' }]}>
            <Input placeholder="如：路南财预〔2025〕12号" data-testid="issue-doc-number" />
          </Form.Item>
          <Form.Item label="批复日期" name="issuedOn" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请填写日期（YYYY-MM-DD）' }]}>
            <Input type="date" data-testid="issue-date" />
          </Form.Item>
          <Form.Item
            label={`批复的项目（${year === null ? '' : `${year}年度`}已审核）`}
            name="projectIds"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个项目' }]}
            extra={approved.length === 0 ? '该单位本年度没有已审核、待批复的项目' : undefined}
          >
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="issue-projects">
              {approved.map((p) => (
                <Checkbox key={p.id} value={p.id} data-testid="issue-project">
                  {p.name}（<Money fen={p.budgetTotalFen} />）
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          {held.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="issue-gate-held"
              title={`事前绩效评估前置：以下 ${held.length} 个项目尚不能审核通过，不在本次批复中`}
              description={
                <List
                  size="small"
                  dataSource={held}
                  renderItem={(h) => (
                    <List.Item data-testid="issue-held-project" data-id={h.project.id}>
                      {h.reason}
                    </List.Item>
                  )}
                />
              }
            />
          )}
        </Form>
      )}
    </ActionModal>
  );
}
