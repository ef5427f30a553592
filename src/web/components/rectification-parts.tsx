/**
 * 整改 pieces other pages use: the status tag (逾期 in red with its days), the "转为整改事项" button
 * for a problem shown on a project's page, its monitoring or its self-evaluation (the bureau
 * only; once made, the button becomes a link to the item), and the workbench card (a department's
 * open items; the bureau's overdue count).
 */
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { SelfEvaluationResult } from '../../shared/api/monitoring';
import {
  RECTIFICATION_SOURCE_LABELS,
  selfEvaluationSourceKey,
  RECTIFICATION_STATUS_LABELS,
  type RectificationDisplayStatus,
  type RectificationSourceKind,
} from '../../shared/domain/rectification';
import { useCreateRectification, useProjectRectifications, useRectifications, useRectificationSummary, type RectificationItem } from '../api/rectification-hooks';
import { useAuth } from '../auth/auth-context';
import { ActionModal, whenValid } from './action-modal';

const COLORS: Record<RectificationDisplayStatus, string> = { pending: 'gold', 'in-progress': 'blue', done: 'cyan', closed: 'green', overdue: 'red' };

/** 待整改 / 整改中 / 已整改 / 已销号, or 逾期 N 天 in red. */
export function RectificationStatusTag({ item }: { item: Pick<RectificationItem, 'displayStatus' | 'daysOverdue' | 'lateDays'> }) {
  const s = item.displayStatus;
  return (
    <Tag color={COLORS[s]} data-testid="rectification-status" data-status={s} icon={s === 'overdue' ? <ExclamationCircleOutlined /> : undefined}>
      {s === 'overdue' ? `逾期 ${item.daysOverdue} 天` : RECTIFICATION_STATUS_LABELS[s]}
      {(s === 'done' || s === 'closed') && item.lateDays > 0 ? `（逾期 ${item.lateDays} 天完成）` : ''}
    </Tag>
  );
}

interface ConvertProps {
  projectId: number;
  sourceKind: RectificationSourceKind;
  sourceKey: string;
  /** What the problem says, shown in the dialog. */
  text: string;
}

/**
 * 转为整改事项 for the bureau (reviewers, admins); a link to the item once the problem is one;
 * nothing for a department's editor before it is.
 */
export function ConvertToRectification({ projectId, sourceKind, sourceKey, text }: ConvertProps) {
  const { user } = useAuth();
  const bureau = user !== null && user.role !== 'editor';
  const items = useProjectRectifications(projectId);
  const [open, setOpen] = useState(false);
  const existing = items.data?.items.find((i) => i.sourceKind === sourceKind && i.sourceKey === sourceKey);
  if (existing) {
    return (
      <Link to={`/rectifications/${existing.id}`} data-testid="rectification-link" data-id={existing.id} onClick={(e) => e.stopPropagation()}>
        <Tag color="purple" style={{ cursor: 'pointer' }}>
          已转为整改事项
        </Tag>
        <RectificationStatusTag item={existing} />
      </Link>
    );
  }
  if (!bureau || !items.data) return null;
  return (
    <>
      <Button
        size="small"
        data-testid="to-rectification"
        data-source-key={sourceKey}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        转为整改事项
      </Button>
      {open && <CreateDialog {...{ projectId, sourceKind, sourceKey, text }} onClose={() => setOpen(false)} />}
    </>
  );
}

function CreateDialog({ projectId, sourceKind, sourceKey, text, onClose }: ConvertProps & { onClose: () => void }) {
  const create = useCreateRectification();
  const [form] = Form.useForm<{ deadline: string; ownerPerson: string; requirement: string }>();
  const submit = () =>
    whenValid(form, (v) =>
      create.mutate(
        { projectId, sourceKind, sourceKey, deadline: v.deadline, ownerPerson: v.ownerPerson || null, requirement: v.requirement || null },
        { onSuccess: onClose },
      ),
    );
  return (
    <ActionModal
      open
      title={`转为整改事项（${RECTIFICATION_SOURCE_LABELS[sourceKind]}）`}
      okText="创建整改事项"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      request={create}
      errorTestId="rectification-create-error"
      okButtonProps={{ 'data-testid': 'rectification-create' }}
      destroyOnHidden
    >
      <div onClick={(e) => e.stopPropagation()}>
        <Typography.Paragraph className="pre-wrap" style={{ background: '#fafafa', padding: 8 }}>
          {text}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ deadline: dayjs().add(30, 'day').format('YYYY-MM-DD'), ownerPerson: '', requirement: '' }}>
          <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请填写整改期限' }]}>
            <Input aria-label="整改期限" type="date" data-testid="rectification-deadline" min={dayjs().format('YYYY-MM-DD')} />
          </Form.Item>
          <Form.Item name="ownerPerson" label="责任人（可选，单位为责任主体）">
            <Input aria-label="姓名、联系电话" maxLength={100} placeholder="姓名、联系电话" data-testid="rectification-owner" />
          </Form.Item>
          <Form.Item name="requirement" label="整改要求（可选）">
            <Input.TextArea aria-label="整改要求（可选）" rows={3} maxLength={4000} data-testid="rectification-requirement" />
          </Form.Item>
        </Form>
      </div>
    </ActionModal>
  );
}

/** The workbench's 整改 card: counts by state (逾期 in red) and the open items, the earliest deadline first. */
export function RectificationWorkbenchCard() {
  const { user } = useAuth();
  const summary = useRectificationSummary();
  // the bureau's: the items reported done, waiting for it to confirm (issue 58)
  const toConfirm = useRectifications({ status: 'done', pageSize: 10 });
  const data = summary.data;
  const editor = user?.role === 'editor';
  const counts: [RectificationDisplayStatus, string][] = [
    ['overdue', '未完成：逾期'],
    ['pending', '未完成：待整改'],
    ['in-progress', '未完成：整改中'],
    ['done', editor ? '已整改待确认' : '待确认销号'],
  ];
  // 未完成 is the three cards before the last; the items reported done are named apart (issue 71: the four cards summed to
  // 5 under "未完成 4")
  const done = data?.counts.done ?? 0;
  const heading = `${editor ? '本单位整改事项' : '整改跟踪'}（未完成 ${data?.openTotal ?? 0}${done > 0 ? `，${editor ? '已整改待确认' : '待确认销号'} ${done}` : ''}）`;
  return (
    <Card
      title={<span data-testid="workbench-rectifications-title">{heading}</span>}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="workbench-rectifications"
      extra={<Link to="/rectifications">全部整改事项</Link>}
    >
      <Row gutter={16} style={{ marginBottom: 8 }}>
        {counts.map(([s, label]) => (
          <Col key={s} xs={12} md={6}>
            <Link to={`/rectifications?status=${s}`} data-testid={`workbench-rectification-${s}`} data-count={data?.counts[s] ?? ''}>
              <Statistic title={label} value={data?.counts[s] ?? '—'} suffix="项" styles={{ content: s === 'overdue' && (data?.counts.overdue ?? 0) > 0 ? { color: '#cf1322' } : {} }} />
            </Link>
          </Col>
        ))}
      </Row>
      {editor && (
        <Table<RectificationItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data?.open ?? []}
          locale={{ emptyText: '没有未完成的整改事项' }}
          onRow={(r) => ({ 'data-testid': 'workbench-rectification-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '问题', dataIndex: 'sourceText', ellipsis: true, render: (t: string, r) => <Link to={`/rectifications/${r.id}`}>{t}</Link> },
            { title: '项目', dataIndex: 'projectName', width: 200, ellipsis: true },
            { title: '整改期限', dataIndex: 'deadline', width: 110 },
            { title: '状态', key: 'status', width: 120, render: (_, r) => <RectificationStatusTag item={r} /> },
          ]}
        />
      )}
      {!editor && (
        <Table<RectificationItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={toConfirm.data?.items ?? []}
          locale={{ emptyText: '没有待确认销号的整改事项' }}
          onRow={(r) => ({ 'data-testid': 'workbench-rectification-confirm-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '待确认销号的问题', dataIndex: 'sourceText', ellipsis: true, render: (t: string, r) => <Link to={`/rectifications/${r.id}`}>{t}</Link> },
            { title: '项目', dataIndex: 'projectName', width: 200, ellipsis: true },
            { title: '单位', dataIndex: 'departmentName', width: 200, ellipsis: true },
          ]}
        />
      )}
    </Card>
  );
}

/**
 * The problems of a saved self-evaluation (an indicator short of its target or far above it,
 * spending under 90%), each one with 转为整改事项 for the bureau; nothing before it is saved.
 */
export function SelfEvaluationProblems({ result }: { result: SelfEvaluationResult }) {
  if (result.updatedAt === null || result.requirements.length === 0) return null;
  return (
    <Card size="small" title={`自评发现的问题（${result.requirements.length}）`} style={{ marginBottom: 16 }} data-testid="self-evaluation-problems">
      {result.requirements.map((r) => {
        const key = selfEvaluationSourceKey(r.code, r.indicatorId);
        return (
          <div key={key} data-testid="self-evaluation-problem" style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Typography.Text>{r.message}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              <ConvertToRectification projectId={result.project.id} sourceKind="self-evaluation" sourceKey={key} text={r.message} />
            </div>
          </div>
        );
      })}
    </Card>
  );
}
