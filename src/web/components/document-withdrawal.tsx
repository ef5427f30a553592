/**
 * 撤回导入 on the screens (issue 54): the button beside a stored document on the department page, for
 * the account that imported it and the region's 绩效科. Its dialog says what the withdrawal removes
 * and restores (the server's plan, GET /api/documents/:id), asks for the reason, and sends it; the
 * server decides again and may refuse (someone worked on the projects meanwhile): the refusal stays
 * in the dialog. A document the account may not withdraw shows no button; one it may not withdraw
 * now (history, worked on) shows the button disabled, its reason beside it.
 */
import { RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { MAX_WITHDRAW_REASON, withdrawalEffectLines } from '../../shared/domain/document-withdrawal';
import { useDocument, useWithdrawDocument, type DocumentDetail } from '../api/document-hooks';
import { useAuth } from '../auth/auth-context';
import { formatDateTime } from '../lib/format';
import { ActionModal, whenValid } from './action-modal';

/** The roles that may withdraw a document at all (shared/domain/document-withdrawal.ts mayWithdraw). */
const WITHDRAWING_ROLES: readonly string[] = ['editor', 'reviewer'];

export function WithdrawDocumentButton({ documentId }: { documentId: number }) {
  const { user } = useAuth();
  const query = useDocument(documentId, user !== null && WITHDRAWING_ROLES.includes(user.role));
  const [open, setOpen] = useState(false);
  const doc = query.data;
  if (doc === undefined || doc.withdrawal.blocker?.code === 'not-allowed') return null;
  const button = (
    <Button size="small" danger icon={<RollbackOutlined />} disabled={!doc.withdrawal.canWithdraw} data-testid="withdraw-document" data-document-id={documentId} onClick={() => setOpen(true)}>
      撤回导入
    </Button>
  );
  return (
    <>
      {doc.withdrawal.blocker === null ? (
        button
      ) : (
        <Tooltip title={doc.withdrawal.blocker.message}>
          <span data-testid="withdraw-blocked" title={doc.withdrawal.blocker.message}>
            {button}
          </span>
        </Tooltip>
      )}
      {open && <WithdrawDialog doc={doc} onClose={() => setOpen(false)} />}
    </>
  );
}

function WithdrawDialog({ doc, onClose }: { doc: DocumentDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const withdraw = useWithdrawDocument(doc.id);
  const [form] = Form.useForm<{ reason: string }>();
  const lines = withdrawalEffectLines({ fileName: doc.fileName, ...doc.withdrawal }, formatDateTime);
  const submit = () =>
    whenValid(form, (v) =>
      withdraw.mutate(v.reason, {
        onSuccess: (done) => {
          onClose();
          void message.success(`已撤回导入“${done.fileName}”：删除 ${done.projects} 个项目`);
          if (done.next === null) {
            navigate('/departments');
            return;
          }
          navigate(`/departments/${done.next.departmentId}${done.next.year === null ? '' : `?year=${done.next.year}`}`);
          // the department stays: its page (maybe this very one) is asked for again
          void queryClient.invalidateQueries({ queryKey: ['department', done.next.departmentId] });
        },
      }),
    );
  return (
    <ActionModal
      open
      title="撤回导入"
      okText="确认撤回"
      cancelText="取消"
      okButtonProps={{ danger: true, 'data-testid': 'withdraw-confirm' }}
      onOk={submit}
      onCancel={onClose}
      request={withdraw}
      errorTestId="withdraw-error"
      destroyOnHidden
    >
      <Typography.Paragraph>
        文件“{doc.fileName}”由 {doc.importedBy ?? '（未记录）'} 于 {formatDateTime(doc.importedAt)} 导入。撤回后将：
      </Typography.Paragraph>
      <ul data-testid="withdraw-effects">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <Typography.Paragraph type="warning">删除的内容不能恢复；撤回及其理由记入审计日志。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ reason: '' }}>
        <Form.Item
          name="reason"
          label="撤回理由"
          rules={[
            { required: true, whitespace: true, message: '请说明撤回理由' },
            { max: MAX_WITHDRAW_REASON, message: `撤回理由最多 ${MAX_WITHDRAW_REASON} 个字` },
          ]}
        >
          <Input.TextArea aria-label="撤回理由" rows={3} maxLength={MAX_WITHDRAW_REASON} showCount placeholder="如：选错了文件、单位编码写错" data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
