/**
 * The workflow buttons of a project (only the actions the server allows for this user and
 * status), with a confirmation dialog; 退回 asks for a comment, general or anchored to fields.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import type { Project } from '../../shared/domain/model';
import { useProjectAction } from '../api/hooks';
import type { FieldComment, ProjectRecord, ProjectStatus, WorkflowAction } from '../api/types';
import { actionLabel, commentFields } from '../lib/labels';

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
  loading,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  project: Project | null;
  loading?: boolean;
  onCancel: () => void;
  onSubmit: (values: ReturnValues) => void;
}) {
  const [form] = Form.useForm<{ comment?: string; comments?: { field?: string; text?: string }[] }>();
  const [error, setError] = useState<string | null>(null);
  const options = project ? commentFields(project) : [];
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
    <Modal
      title="退回修改"
      open={open}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
      okText="退回"
      okButtonProps={{ danger: true, loading, 'data-testid': 'return-confirm' }}
      onOk={() => form.submit()}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
    >
      <Form form={form} layout="vertical" onFinish={finish} preserve={false} data-testid="return-form">
        <Form.Item label="退回意见" name="comment">
          <Input.TextArea rows={3} placeholder="对整个项目的意见" data-testid="return-comment" />
        </Form.Item>
        <Form.List name="comments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'field']} style={{ width: 220, marginBottom: 0 }} rules={[{ required: true, message: '请选择字段' }]}>
                    <Select
                      placeholder="字段"
                      options={options}
                      showSearch={{ optionFilterProp: 'label' }}
                      data-testid="return-field-select"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text']} style={{ width: 320, marginBottom: 0 }} rules={[{ required: true, message: '请填写意见' }]}>
                    <Input.TextArea rows={1} autoSize placeholder="意见" data-testid="return-field-text" />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除" />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="return-add-field">
                添加字段意见
              </Button>
            </>
          )}
        </Form.List>
        {error && (
          <div data-testid="return-error" style={{ color: '#ff4d4f', marginTop: 12 }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}

/**
 * Buttons for the allowed actions. `loadProject` gives the project for the 退回 dialog's field
 * list (the review queue loads it on demand).
 */
export function WorkflowActions({
  target,
  project,
  loadProject,
  onDone,
  size,
}: {
  target: ActionTarget;
  project?: Project;
  loadProject?: () => Promise<Project>;
  onDone?: (record: ProjectRecord) => void;
  size?: 'small' | 'middle';
}) {
  const { message } = App.useApp();
  const mutation = useProjectAction();
  const [confirming, setConfirming] = useState<WorkflowAction | null>(null);
  const [comment, setComment] = useState('');
  const [returning, setReturning] = useState<Project | null>(null);
  const [opening, setOpening] = useState(false);

  const run = async (action: WorkflowAction, extra: { comment?: string; comments?: FieldComment[] } = {}) => {
    const record = await mutation.mutateAsync({ id: target.id, action, version: target.version, ...extra });
    void message.success(`已${actionLabel(action, target.status)}`);
    onDone?.(record);
  };

  const openReturn = async () => {
    if (project) return setReturning(project);
    if (!loadProject) return;
    setOpening(true);
    try {
      setReturning(await loadProject());
    } finally {
      setOpening(false);
    }
  };

  return (
    <>
      <Space wrap>
        {target.allowedActions.map((action) => (
          <Button
            key={action}
            size={size}
            data-testid={`action-${action}`}
            type={action === 'approve' || action === 'submit' || action === 'publish' ? 'primary' : 'default'}
            danger={action === 'return' || action === 'unpublish'}
            loading={(mutation.isPending && mutation.variables?.action === action) || (action === 'return' && opening)}
            onClick={() => {
              if (action === 'return') void openReturn();
              else {
                setComment('');
                setConfirming(action);
              }
            }}
          >
            {actionLabel(action, target.status)}
          </Button>
        ))}
      </Space>
      <Modal
        title={confirming ? `确认${actionLabel(confirming, target.status)}？` : ''}
        open={confirming !== null}
        onCancel={() => setConfirming(null)}
        okText="确定"
        okButtonProps={{ loading: mutation.isPending, 'data-testid': 'action-confirm' }}
        onOk={() => {
          if (!confirming) return;
          void run(confirming, comment.trim() ? { comment: comment.trim() } : {})
            .then(() => setConfirming(null))
            .catch(() => undefined);
        }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          placeholder="说明（可选）"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="action-comment"
        />
      </Modal>
      <ReturnModal
        open={returning !== null}
        project={returning}
        loading={mutation.isPending}
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
