/**
 * 整改: the items a user may see — a department's editor its own, the bureau all — filtered by
 * state (逾期 included), department and source, overdue ones flagged in red with their days; and
 * one item: the problem as it read, the requirement, deadline and owner, the timeline, the
 * evidence (notes and files to download), and what the user may do now — the department records
 * progress (a note, files) and reports it done; the bureau confirms it closed or sends it back
 * with a reason, and may move the deadline (with a reason).
 */
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Switch, Table, Tag, Timeline, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_SOURCE_LABELS,
  RECTIFICATION_SOURCE_KINDS,
  RECTIFICATION_STATUS_LABELS,
  type RectificationAction,
  type RectificationDisplayStatus,
  type RectificationSourceKind,
} from '../../shared/domain/rectification';
import { errorMessage } from '../api/client';
import { useDepartments } from '../api/hooks';
import {
  evidenceUrl,
  rectificationsXlsxUrl,
  useEditRectification,
  useRectification,
  useRectificationAction,
  useRectifications,
  useUploadEvidence,
  useWithdrawRectification,
  type RectificationDetail,
  type RectificationItem,
} from '../api/rectification-hooks';
import { useAuth } from '../auth/auth-context';
import { ActionModal, whenValid } from '../components/action-modal';
import { QueryState } from '../components/page-state';
import { RectificationStatusTag } from '../components/rectification-parts';
import { formatDateTime } from '../lib/format';

const STATUS_FILTERS: RectificationDisplayStatus[] = ['overdue', 'pending', 'in-progress', 'done', 'closed'];
const MB = 1024 * 1024;

export function RectificationListPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const bureau = user?.role !== 'editor';
  const status = (params.get('status') || undefined) as RectificationDisplayStatus | undefined;
  const departmentId = params.get('departmentId') ? Number(params.get('departmentId')) : undefined;
  const sourceKind = (params.get('sourceKind') || undefined) as RectificationSourceKind | undefined;
  const open = params.get('open') === 'true';
  const page = Number(params.get('page') ?? '1') || 1;
  const query = { status, departmentId, sourceKind, open: open || undefined };
  const list = useRectifications({ ...query, page, pageSize: 20 });
  const departments = useDepartments();
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
    next.delete('page');
    setParams(next, { replace: true });
  };
  return (
    <div data-testid="rectification-list-page">
      <Typography.Title level={3} className="page-title">
        整改
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {bureau ? '审核发现、监控偏差、自评问题的整改跟踪：逾期的以红色标出。' : '本单位需要整改的问题：请按期整改，记录进展并上传证明材料，完成后报告已整改。'}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="状态"
          allowClear
          placeholder="状态"
          style={{ width: 130 }}
          value={status}
          data-testid="filter-rectification-status"
          options={STATUS_FILTERS.map((s) => ({ value: s, label: RECTIFICATION_STATUS_LABELS[s] }))}
          onChange={(v: string | undefined) => set('status', v)}
        />
        {bureau && (
          <Select aria-label="单位"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="单位"
            style={{ width: 260 }}
            value={departmentId}
            data-testid="filter-rectification-department"
            options={(departments.data?.items ?? []).filter((d, i, all) => all.findIndex((x) => x.id === d.id) === i).map((d) => ({ value: d.id, label: d.name }))}
            onChange={(v: number | undefined) => set('departmentId', v === undefined ? undefined : String(v))}
          />
        )}
        <Select aria-label="来源"
          allowClear
          placeholder="来源"
          style={{ width: 130 }}
          value={sourceKind}
          options={RECTIFICATION_SOURCE_KINDS.map((k) => ({ value: k, label: RECTIFICATION_SOURCE_LABELS[k] }))}
          onChange={(v: string | undefined) => set('sourceKind', v)}
        />
        <Space>
          <Switch aria-label="只看未完成" checked={open} onChange={(v) => set('open', v ? 'true' : undefined)} data-testid="filter-rectification-open" />
          只看未完成
        </Space>
        {list.data && <Typography.Text type="secondary">今天 {list.data.today}</Typography.Text>}
        <Button icon={<DownloadOutlined />} href={rectificationsXlsxUrl(query)} disabled={(list.data?.total ?? 0) === 0} data-testid="rectification-export">
          导出 Excel
        </Button>
      </Space>
      <Table<RectificationItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '没有整改事项' }}
        rowClassName={(r) => (r.displayStatus === 'overdue' ? 'row-overdue' : '')}
        onRow={(r) => ({ 'data-testid': 'rectification-row', 'data-id': r.id, 'data-status': r.displayStatus }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setParams((prev) => ({ ...Object.fromEntries(prev), page: String(p) })) }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70 },
          { title: '问题', dataIndex: 'sourceText', ellipsis: true, render: (t: string, r) => <Link to={`/rectifications/${r.id}`} data-testid="rectification-open">{t}</Link> },
          { title: '来源', dataIndex: 'sourceKind', width: 90, render: (k: RectificationSourceKind) => RECTIFICATION_SOURCE_LABELS[k] },
          ...(bureau ? [{ title: '单位', dataIndex: 'departmentName', width: 180, ellipsis: true }] : []),
          { title: '项目', dataIndex: 'projectName', width: 180, ellipsis: true, render: (n: string, r: RectificationItem) => <Link to={`/projects/${r.projectId}`}>{n}</Link> },
          { title: '整改期限', dataIndex: 'deadline', width: 110 },
          { title: '状态', key: 'status', width: 150, render: (_, r) => <RectificationStatusTag item={r} /> },
        ]}
      />
    </div>
  );
}

const EVENT_COLORS: Record<string, string> = { create: 'gray', progress: 'blue', submit: 'cyan', confirm: 'green', reopen: 'orange', edit: 'purple' };
const EVENT_LABELS: Record<string, string> = { ...RECTIFICATION_ACTION_LABELS, create: '创建整改事项' };

function ItemTimeline({ item }: { item: RectificationDetail }) {
  return (
    <Timeline
      data-testid="rectification-timeline"
      items={item.events.map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.kind] ?? 'gray',
        title: formatDateTime(e.at),
        content: (
          <div data-testid="rectification-event" data-kind={e.kind}>
            <div>
              <b>{e.actor}</b>：{EVENT_LABELS[e.kind] ?? e.kind}
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? `（${RECTIFICATION_STATUS_LABELS[e.fromStatus]} → ${RECTIFICATION_STATUS_LABELS[e.toStatus]}）` : ''}
            </div>
            {e.note && <div className="pre-wrap">{e.note}</div>}
            {e.files.length > 0 && (
              <div style={{ color: '#555' }}>
                <PaperClipOutlined /> {e.files.join('、')}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

/** The department's progress: a note and files (one upload), or a note alone. */
function ProgressForm({ item }: { item: RectificationDetail }) {
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const upload = useUploadEvidence(item.id);
  const act = useRectificationAction(item.id);
  const error = upload.error ?? act.error;
  const save = () => {
    const done = () => {
      setNote('');
      setFiles([]);
    };
    if (files.length > 0) upload.mutate({ files: files.map((f) => f.originFileObj as File), note }, { onSuccess: done });
    else act.mutate({ action: 'progress', note }, { onSuccess: done });
  };
  return (
    <Card size="small" title="记录整改进展" style={{ marginBottom: 16 }} data-testid="rectification-progress">
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 8 }} data-testid="rectification-error" />}
      <Input.TextArea aria-label="整改进展、采取的措施" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="整改进展、采取的措施" data-testid="rectification-note" />
      <Upload
        multiple
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) => setFiles(fileList.slice(0, 5))}
        accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.txt,.csv"
      >
        <Button icon={<UploadOutlined />} style={{ marginTop: 8 }} data-testid="rectification-choose-files">
          选择证明材料
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
        可上传 PDF、图片、Office 文档、纯文本，每个不超过 {10} MB，每次最多 5 个。
      </Typography.Paragraph>
      <Button type="primary" loading={upload.isPending || act.isPending} disabled={note.trim() === '' && files.length === 0} onClick={save} data-testid="rectification-save-progress">
        {files.length > 0 ? '上传并记录进展' : '记录进展'}
      </Button>
    </Card>
  );
}

/** An action that asks for a note (report done: what was done; reopen: why). */
function NoteAction({ item, action, required, danger }: { item: RectificationDetail; action: RectificationAction; required: boolean; danger?: boolean }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const act = useRectificationAction(item.id);
  return (
    <>
      <Button type={danger ? 'default' : 'primary'} danger={danger} onClick={() => setOpen(true)} data-testid={`rectification-${action}`}>
        {RECTIFICATION_ACTION_LABELS[action]}
      </Button>
      <ActionModal
        open={open}
        title={RECTIFICATION_ACTION_LABELS[action]}
        okText="确定"
        cancelText="取消"
        request={act}
        errorTestId={`rectification-${action}-error`}
        okButtonProps={{ disabled: required && note.trim() === '', 'data-testid': `rectification-${action}-confirm` }}
        onCancel={() => setOpen(false)}
        onOk={() => act.mutate({ action, note }, { onSuccess: () => setOpen(false) })}
        destroyOnHidden
      >
        <Input.TextArea aria-label="说明"
          rows={4}
          maxLength={4000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid={`rectification-${action}-note`}
          placeholder={action === 'reopen' ? '退回理由（必填）' : action === 'submit' ? '整改完成情况（没有上传证明材料时必填）' : '意见（可选）'}
        />
      </ActionModal>
    </>
  );
}

/** 撤销: the bureau removes an item made by mistake, with a reason, and goes back to the list. */
function WithdrawAction({ item }: { item: RectificationDetail }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useWithdrawRectification(item.id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="rectification-withdraw">
        撤销
      </Button>
      <ActionModal
        open={open}
        title="撤销整改事项"
        okText="撤销"
        cancelText="取消"
        request={withdraw}
        errorTestId="rectification-withdraw-error"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', 'data-testid': 'rectification-withdraw-confirm' }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          withdraw.mutate(reason, {
            onSuccess: () => {
              void message.success(`已撤销整改事项：${item.sourceText.slice(0, 30)}`);
              navigate('/rectifications', { replace: true });
            },
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph>误建的事项撤销后不再列出，撤销记入审计日志；该问题可重新转为整改事项。</Typography.Paragraph>
        <Input.TextArea
          aria-label="撤销理由"
          rows={3}
          maxLength={4000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="rectification-withdraw-reason"
          placeholder="撤销理由（必填）"
        />
      </ActionModal>
    </>
  );
}

/** The bureau moves the deadline or changes the owner and requirement. */
function EditForm({ item }: { item: RectificationDetail }) {
  const [open, setOpen] = useState(false);
  const edit = useEditRectification(item.id);
  const [form] = Form.useForm<{ deadline: string; ownerPerson: string; requirement: string; reason: string }>();
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="rectification-edit">
        调整期限或要求
      </Button>
      <ActionModal
        open={open}
        title="调整整改期限、责任人或要求"
        okText="保存"
        cancelText="取消"
        request={edit}
        errorTestId="rectification-edit-error"
        okButtonProps={{ 'data-testid': 'rectification-edit-save' }}
        onCancel={() => setOpen(false)}
        onOk={() => whenValid(form, (v) => edit.mutate({ ...v, ownerPerson: v.ownerPerson || null, requirement: v.requirement || null, reason: v.reason || null }, { onSuccess: () => setOpen(false) }))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ deadline: item.deadline, ownerPerson: item.ownerPerson ?? '', requirement: item.requirement ?? '', reason: '' }}>
          <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请填写整改期限' }]}>
            <Input aria-label="整改期限" type="date" />
          </Form.Item>
          <Form.Item name="ownerPerson" label="责任人">
            <Input aria-label="责任人" maxLength={100} />
          </Form.Item>
          <Form.Item name="requirement" label="整改要求">
            <Input.TextArea aria-label="整改要求" rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="reason" label="调整理由（调整期限时必填）">
            <Input.TextArea aria-label="调整理由（调整期限时必填）" rows={2} maxLength={4000} />
          </Form.Item>
        </Form>
      </ActionModal>
    </>
  );
}

function ItemView({ item }: { item: RectificationDetail }) {
  const [confirming, setConfirming] = useState(false);
  const confirm = useRectificationAction(item.id);
  return (
    <div data-testid="rectification-page" data-id={item.id} data-status={item.status} data-display-status={item.displayStatus}>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/rectifications">整改</Link> }, { title: `整改事项（${item.projectName}）` }]} />
      <Card style={{ marginBottom: 16 }}>
        <Space align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            整改事项（{item.projectName}）
          </Typography.Title>
          <RectificationStatusTag item={item} />
          <Tag>{RECTIFICATION_SOURCE_LABELS[item.sourceKind]}</Tag>
        </Space>
        {item.displayStatus === 'overdue' && <Alert type="error" showIcon title={`已超过整改期限 ${item.daysOverdue} 天`} style={{ marginBottom: 12 }} data-testid="rectification-overdue" />}
        {item.status === 'done' && <Alert type="info" showIcon title="单位已报告整改完成，等待财政局确认销号。" style={{ marginBottom: 12 }} />}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'problem', label: '问题', span: 2, children: <span className="pre-wrap" data-testid="rectification-problem">{item.sourceText}</span> },
            ...(item.requirement ? [{ key: 'req', label: '整改要求', span: 2, children: <span className="pre-wrap">{item.requirement}</span> }] : []),
            { key: 'dept', label: '责任单位', children: item.departmentName },
            { key: 'person', label: '责任人', children: item.ownerPerson ?? '—' },
            { key: 'project', label: '项目', children: <Link to={`/projects/${item.projectId}`}>{item.projectName}</Link> },
            { key: 'year', label: '年度', children: item.year ?? '—' },
            {
              key: 'deadline',
              label: '整改期限',
              children: (
                <span data-testid="rectification-deadline-shown">
                  {item.deadline}
                  {item.daysLeft !== null && item.daysLeft >= 0 ? `（还有 ${item.daysLeft} 天）` : ''}
                </span>
              ),
            },
            { key: 'created', label: '创建', children: `${item.createdBy} ${formatDateTime(item.createdAt)}` },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {item.allowedActions.includes('submit') && <NoteAction item={item} action="submit" required={item.fileCount === 0} />}
          {item.allowedActions.includes('confirm') && (
            <Button type="primary" loading={confirm.isPending} onClick={() => setConfirming(true)} data-testid="rectification-confirm">
              确认销号
            </Button>
          )}
          {item.allowedActions.includes('reopen') && <NoteAction item={item} action="reopen" required danger />}
          {item.canEdit && <EditForm item={item} />}
          {item.canWithdraw && <WithdrawAction item={item} />}
        </Space>
        <ActionModal
          open={confirming}
          title="确认销号"
          okText="确认销号"
          cancelText="取消"
          request={confirm}
          errorTestId="rectification-confirm-error"
          okButtonProps={{ 'data-testid': 'rectification-confirm-ok' }}
          onCancel={() => setConfirming(false)}
          onOk={() => confirm.mutate({ action: 'confirm', note: null }, { onSuccess: () => setConfirming(false) })}
        >
          确认该事项整改到位并销号？销号后不能再修改。
        </ActionModal>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {item.canUpload && <ProgressForm item={item} />}
          <Card size="small" title="整改过程">
            <ItemTimeline item={item} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={`证明材料（${item.files.length}）`} data-testid="rectification-files">
            {item.files.length === 0 && <Typography.Text type="secondary">尚未上传</Typography.Text>}
            {item.files.map((f) => (
              <div key={f.id} data-testid="rectification-file" style={{ padding: '4px 0' }}>
                <a href={evidenceUrl(item.id, f.id)} download={f.name}>
                  <PaperClipOutlined /> {f.name}
                </a>
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                  {f.size >= MB ? `${(f.size / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(f.size / 1024))} KB`} · {f.uploadedBy} {formatDateTime(f.uploadedAt)}
                </Typography.Text>
              </div>
            ))}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

export function RectificationPage() {
  const id = Number(useParams().id);
  const query = useRectification(id);
  return (
    <QueryState query={query} notFound="整改事项不存在，或您没有权限查看。">
      {(item) => <ItemView item={item} />}
    </QueryState>
  );
}
