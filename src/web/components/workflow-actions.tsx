/**
 * The workflow buttons of a project (only the actions the server allows for this user and
 * status), with a confirmation dialog; 退回 asks for a comment, general or anchored to fields.
 * 提交, 审核通过 and 公开 are guarded: while the project's review still has 错误 findings the
 * dialog lists them and asks for the reason to go on, which is kept as the action's comment.
 */
import { DeleteOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import type { Project } from '../../shared/domain/model';
import { useProjectAction } from '../api/hooks';
import { errorMessage } from '../api/client';
import type { FieldComment, FindingView, ProjectGate, ProjectRecord, ProjectStatus, WorkflowAction } from '../api/types';
import { actionDoneLabel, actionLabel, anchorLabel, commentFields } from '../lib/labels';
import { anchorOf } from '../../shared/domain/official-table';
import { ActionModal, type RequestState } from './action-modal';
import { commentsFromFindings } from '../lib/returns';

/** Actions that put a project before others (the bureau, the public): not taken over open errors without a reason. */
const GUARDED: readonly WorkflowAction[] = ['submit', 'forward', 'approve', 'publish'];

/** What the dialogs need of a project: its content (the 退回 dialog's fields) and its findings (the guard). */
export interface ActionSubject {
  project: Project;
  findings: readonly FindingView[];
  /** The ex-ante gate of approval (issue 33), as the server computed it for this user; absent when it cannot approve. */
  gate?: ProjectGate | undefined;
}

export interface ActionTarget {
  id: number;
  version: number;
  status: ProjectStatus;
  allowedActions: readonly WorkflowAction[];
}

interface ReturnValues {
  comment: string;
  comments: FieldComment[];
}

/** The dialog of 退回: a general comment and comments on fields of the project. */
export function ReturnModal({
  open,
  project,
  findings = [],
  request,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  project: Project | null;
  /** The project's review findings: 由审核意见生成 turns them into comments, to edit before sending. */
  findings?: readonly FindingView[];
  /** The return request: its progress on the OK button, its failure above it. */
  request: RequestState;
  onCancel: () => void;
  onSubmit: (values: ReturnValues) => void;
}) {
  const [form] = Form.useForm<{ comment?: string; comments?: { field?: string; text?: string }[] }>();
  const [error, setError] = useState<string | null>(null);
  const options = project ? commentFields(project) : [];
  const fromFindings = () => {
    const { comments, general } = commentsFromFindings(findings);
    const kept = (form.getFieldValue('comments') ?? []).filter((c: { field?: string; text?: string }) => c.field || c.text?.trim());
    const comment = [form.getFieldValue('comment') ?? '', ...general].map((t: string) => t.trim()).filter(Boolean).join('\n');
    form.setFieldsValue({ comment, comments: [...kept, ...comments] });
    setError(null);
  };
  const finish = (values: { comment?: string; comments?: { field?: string; text?: string }[] }) => {
    const comments = (values.comments ?? [])
      .filter((c): c is { field: string; text: string } => Boolean(c.field) && Boolean(c.text?.trim()))
      .map((c) => ({ field: c.field, text: c.text.trim() }));
    const comment = (values.comment ?? '').trim();
    if (comment === '' && comments.length === 0) {
      setError('请填写退回意见，或至少对一个字段提出意见');
      return;
    }
    setError(null);
    onSubmit({ comment, comments });
  };
  return (
    <ActionModal
      title="退回修改"
      open={open}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
      okText="退回"
      request={request}
      errorTestId="return-request-error"
      okButtonProps={{ danger: true, 'data-testid': 'return-confirm' }}
      onOk={() => form.submit()}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
    >
      <Form form={form} layout="vertical" onFinish={finish} preserve={false} data-testid="return-form">
        <Form.Item label="退回意见" name="comment">
          <Input.TextArea aria-label="对整个项目的意见" rows={3} placeholder="对整个项目的意见" data-testid="return-comment" />
        </Form.Item>
        <Form.List name="comments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'field']} style={{ width: 220, marginBottom: 0 }} rules={[{ required: true, message: '请选择字段' }]}>
                    <Select aria-label="字段"
                      placeholder="字段"
                      options={options.map((o) => ({ ...o, title: o.label }))}
                      popupMatchSelectWidth={false}
                      styles={{ popup: { root: { maxWidth: 560 } } }}
                      showSearch={{ optionFilterProp: 'label' }}
                      data-testid="return-field-select"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text']} style={{ width: 320, marginBottom: 0 }} rules={[{ required: true, message: '请填写意见' }]}>
                    <Input.TextArea aria-label="意见" rows={1} autoSize placeholder="意见" data-testid="return-field-text" />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除" />
                </Space>
              ))}
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="return-add-field">
                  添加字段意见
                </Button>
                <Tooltip title={findings.length === 0 ? '没有审核发现' : `把 ${findings.length} 条审核发现逐条转为对应字段的意见，发送前可修改或删除`}>
                  <Button icon={<FileTextOutlined />} onClick={fromFindings} disabled={findings.length === 0} data-testid="return-from-findings">
                    由审核意见生成（{findings.length}）
                  </Button>
                </Tooltip>
              </Space>
            </>
          )}
        </Form.List>
        {error && (
          <div data-testid="return-error" style={{ color: '#ff4d4f', marginTop: 12 }}>
            {error}
          </div>
        )}
      </Form>
    </ActionModal>
  );
}

/**
 * The confirmation of an action. With `errors` (the project's open 错误 findings, for a guarded
 * action) it lists them and the reason to go on is required; otherwise a comment is optional.
 */
export function ConfirmActionModal({
  action,
  status,
  errors,
  note,
  gate,
  request,
  onCancel,
  onConfirm,
}: {
  action: WorkflowAction | null;
  status: ProjectStatus;
  errors: { project: Project; findings: readonly FindingView[] } | null;
  /** The ex-ante gate (审核通过 only): a held project is not approved, and the dialog says why. */
  gate?: ProjectGate | null | undefined;
  /** A note this action needs whatever the findings (e.g. resubmitting unchanged), as its prompt. */
  note?: string | undefined;
  /** The action's request: its progress on the OK button, its failure above it. */
  request: RequestState;
  onCancel: () => void;
  onConfirm: (comment: string) => void;
}) {
  const [comment, setComment] = useState('');
  const label = action ? actionLabel(action, status) : '';
  const hasErrors = errors !== null && errors.findings.length > 0;
  const reasonNeeded = hasErrors || note !== undefined;
  const held = action === 'approve' && gate?.held === true;
  return (
    <ActionModal
      title={action ? `确认${label}？` : ''}
      request={request}
      errorTestId="action-error"
      open={action !== null}
      onCancel={onCancel}
      okText={reasonNeeded ? '仍然继续' : '确定'}
      okButtonProps={{ disabled: held || (reasonNeeded && comment.trim() === ''), danger: reasonNeeded, 'data-testid': 'action-confirm' }}
      onOk={() => onConfirm(comment.trim())}
      afterClose={() => setComment('')}
      destroyOnHidden
    >
      {note !== undefined && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="action-note-needed" title={note} />}
      {held && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="action-gate-held" title="事前绩效评估前置：暂不能审核通过" description={gate?.reason} />}
      {action === 'approve' && !held && gate?.reason && (
        <Alert type={gate.conclusion === 'partial' || gate.conclusion === 'reject' ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="action-gate-basis" title={gate.reason} />
      )}
      {hasErrors && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="action-open-errors"
          data-count={errors.findings.length}
          title={`审核发现还有 ${errors.findings.length} 条“错误”未改正`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.findings.map((f, i) => (
                <li key={`${f.rule}-${i}`} data-testid="action-open-error">
                  {f.projectIndex !== null && `${anchorLabel(anchorOf(f), errors.project)}：`}
                  {f.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {/* a project the gate holds cannot be approved whatever is written: no reason box (issue 71) */}
      {!held && (
        <Input.TextArea aria-label="说明"
          rows={3}
          placeholder={
            hasErrors ? `请说明在这些问题未改正时仍要${label}的理由（必填，记入流程和审计日志）` : note !== undefined ? '说明（必填，记入流程和审计日志）' : '说明（可选）'
          }
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="action-comment"
        />
      )}
    </ActionModal>
  );
}

/**
 * Buttons for the allowed actions. `loadProject` gives the project for the 退回 dialog's field
 * list (the review queue loads it on demand).
 */
export function WorkflowActions({
  target,
  subject,
  loadSubject,
  onDone,
  size,
  notes = {},
}: {
  target: ActionTarget;
  subject?: ActionSubject;
  loadSubject?: () => Promise<ActionSubject>;
  onDone?: (record: ProjectRecord) => void;
  size?: 'small' | 'middle';
  /** Actions that need a note before they go, with its prompt; such an action is not the primary button. */
  notes?: Partial<Record<WorkflowAction, string>>;
}) {
  const { message } = App.useApp();
  const mutation = useProjectAction();
  const [confirming, setConfirming] = useState<WorkflowAction | null>(null);
  const [returning, setReturning] = useState<ActionSubject | null>(null);
  const [errors, setErrors] = useState<{ project: Project; findings: readonly FindingView[] } | null>(null);
  const [gate, setGate] = useState<ProjectGate | null>(null);
  const [opening, setOpening] = useState<WorkflowAction | null>(null);

  /** The project and its findings: given, or loaded (the review queue loads them on demand). */
  const load = async (action: WorkflowAction): Promise<ActionSubject | null> => {
    if (subject) return subject;
    if (!loadSubject) return null;
    setOpening(action);
    try {
      return await loadSubject();
    } finally {
      setOpening(null);
    }
  };

  const run = async (action: WorkflowAction, extra: { comment?: string; comments?: FieldComment[] } = {}) => {
    const record = await mutation.mutateAsync({ id: target.id, action, version: target.version, ...extra });
    void message.success(actionDoneLabel(action, target.status));
    onDone?.(record);
  };

  const open = async (action: WorkflowAction) => {
    const loaded = await load(action);
    if (action === 'return') {
      if (loaded) setReturning(loaded);
      return;
    }
    setErrors(loaded && GUARDED.includes(action) ? { project: loaded.project, findings: loaded.findings.filter((f) => f.severity === 'error') } : null);
    setGate(loaded?.gate ?? null);
    setConfirming(action);
  };

  return (
    <>
      <Space wrap>
        {target.allowedActions.map((action) => (
          <Button
            key={action}
            size={size}
            data-testid={`action-${action}`}
            type={(action === 'approve' || action === 'submit' || action === 'forward' || action === 'publish') && notes[action] === undefined ? 'primary' : 'default'}
            danger={action === 'return' || action === 'unpublish'}
            loading={(mutation.isPending && mutation.variables?.action === action) || opening === action}
            // the project could not be loaded for its dialog: say so (the dialog cannot open without it)
            onClick={() => void open(action).catch((e: unknown) => void message.error(errorMessage(e)))}
          >
            {actionLabel(action, target.status)}
          </Button>
        ))}
      </Space>
      <ConfirmActionModal
        action={confirming}
        status={target.status}
        errors={errors}
        gate={gate}
        note={confirming ? notes[confirming] : undefined}
        request={mutation}
        onCancel={() => setConfirming(null)}
        onConfirm={(comment) => {
          if (!confirming) return;
          void run(confirming, comment ? { comment } : {})
            .then(() => setConfirming(null))
            .catch(() => undefined);
        }}
      />
      <ReturnModal
        open={returning !== null}
        project={returning?.project ?? null}
        findings={returning?.findings ?? []}
        request={mutation}
        onCancel={() => setReturning(null)}
        onSubmit={(values) => {
          void run('return', { ...(values.comment ? { comment: values.comment } : {}), comments: values.comments })
            .then(() => setReturning(null))
            .catch(() => undefined);
        }}
      />
    </>
  );
}
