/**
 * 批复下达 on a department's page (issue 33): the finance bureau issues the department's approved
 * (已审核) projects with a 文号 and date, in one batch; the batches, each with its official notice
 * (.docx). The dialog shows its request working and keeps a refusal (a 文号 already used) inside it.
 */
import { DownloadOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/api-context';
import { useInvalidateProjects } from '../api/hooks';
import type { ApprovalBatch, ApprovalBatchBody, ApprovalBatchList, ProjectListItem } from '../api/types';
import { ActionModal } from './action-modal';
import { Money } from './tags';

/** Today in China as YYYY-MM-DD (the date a notice is usually dated). */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

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
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProjects();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ docNumber: string; issuedOn: string; projectIds: number[] }>();
  const batches = useQuery({
    queryKey: ['approval-batches', departmentId, year],
    queryFn: () => api.get<ApprovalBatchList>('/api/approval-batches', { departmentId, ...(year !== null ? { year } : {}) }),
  });
  const issue = useMutation({
    mutationFn: (body: ApprovalBatchBody) => api.send<ApprovalBatch>('POST', '/api/approval-batches', body),
    onSuccess: (batch) => {
      void message.success(`已批复下达 ${batch.projects.length} 个项目（${batch.docNumber}）`);
      void queryClient.invalidateQueries({ queryKey: ['approval-batches'] });
      invalidate();
      setOpen(false);
    },
  });
  const approved = projects.filter((p) => p.status === 'approved');
  const items = batches.data?.items ?? [];
  if (year === null || (items.length === 0 && !(mayIssue && approved.length > 0))) return null;
  return (
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
              issue.reset();
              form.setFieldsValue({ docNumber: '', issuedOn: chinaToday(), projectIds: approved.map((p) => p.id) });
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
              <Button size="small" icon={<DownloadOutlined />} href={`/api/approval-batches/${b.id}/notice.docx`} data-testid="batch-notice">
                下载
              </Button>
            ),
          },
        ]}
      />
      <ActionModal
        title="批复下达"
        open={open}
        request={issue}
        errorTestId="issue-error"
        okText="批复下达"
        okButtonProps={{ 'data-testid': 'issue-confirm' }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={640}
      >
        <Form
          form={form}
          layout="vertical"
          data-testid="issue-form"
          onFinish={(v) => issue.mutate({ departmentId, year, docNumber: v.docNumber.trim(), issuedOn: v.issuedOn, projectIds: v.projectIds })}
        >
          <Form.Item label="文号" name="docNumber" rules={[{ required: true, whitespace: true, message: '请填写批复文号' }]}>
            <Input placeholder="如：路南财预〔2025〕12号" data-testid="issue-doc-number" />
          </Form.Item>
          <Form.Item label="批复日期" name="issuedOn" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请填写日期（YYYY-MM-DD）' }]}>
            <Input type="date" data-testid="issue-date" />
          </Form.Item>
          <Form.Item label="批复的项目（已审核）" name="projectIds" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个项目' }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="issue-projects">
              {approved.map((p) => (
                <Checkbox key={p.id} value={p.id} data-testid="issue-project">
                  {p.name}（<Money fen={p.budgetTotalFen} />）
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </ActionModal>
    </Card>
  );
}
