/**
 * 进度 (issue 33): the finance bureau's stages of a year for its region — 目标申报, each monitoring
 * round, 绩效自评, 整改 — with their deadlines; per stage how many departments have done it, are
 * on it, have not started, are late; the per-department table with 催办 per row and 催办全部逾期单位.
 */
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Typography, message } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { OpenStageBody, StageDepartment, StageView } from '../../shared/api/stages';
import { STAGE_KIND_LABELS, STAGE_KINDS, STAGE_STATE_LABELS, STAGE_STATES, type StageKind } from '../../shared/domain/stages';
import { errorMessage } from '../api/client';
import { useEditStage, useOpenStage, useRemind, useStage, useStages } from '../api/stage-hooks';
import { useAuth } from '../auth/auth-context';
import { ActionModal } from '../components/action-modal';
import { ErrorState, Loading } from '../components/page-state';
import { StageStateTag } from '../components/stage-parts';
import { formatDateTime } from '../lib/format';

function OpenStageModal({ open, year, onClose }: { open: boolean; year: number; onClose: (id?: number) => void }) {
  const [form] = Form.useForm<OpenStageBody>();
  const request = useOpenStage();
  const kind = Form.useWatch('kind', form) as StageKind | undefined;
  return (
    <ActionModal
      open={open}
      title="开启工作阶段"
      request={request}
      okText="开启"
      okButtonProps={{ 'data-testid': 'open-stage-confirm' }}
      errorTestId="open-stage-error"
      onCancel={() => onClose()}
      onOk={() =>
        void form.validateFields().then((values) =>
          request.mutate(
            { ...values, year, roundAsOf: values.kind === 'monitoring' ? values.roundAsOf : null, label: values.label || null },
            {
              onSuccess: (detail) => {
                form.resetFields();
                onClose(detail.stage.id);
              },
            },
          ),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'declaration' }} data-testid="open-stage-form">
        <Typography.Paragraph type="secondary">{year} 年度；适用于本区划及下级区划的单位。</Typography.Paragraph>
        <Form.Item name="kind" label="阶段" rules={[{ required: true }]}>
          <Select data-testid="stage-kind" options={STAGE_KINDS.map((k) => ({ value: k, label: STAGE_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind === 'monitoring' && (
          <Form.Item name="roundAsOf" label="监控时点（执行数截至日期）" rules={[{ required: true, message: '请填写监控时点' }]}>
            <Input type="date" data-testid="stage-round" />
          </Form.Item>
        )}
        <Form.Item name="label" label="名称（可选，如“6月底”）">
          <Input maxLength={40} data-testid="stage-label" />
        </Form.Item>
        <Form.Item name="opensOn" label="开始日期" rules={[{ required: true, message: '请填写开始日期' }]}>
          <Input type="date" data-testid="stage-opens" />
        </Form.Item>
        <Form.Item name="dueOn" label="截止日期" rules={[{ required: true, message: '请填写截止日期' }]}>
          <Input type="date" data-testid="stage-due" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

type RemindTarget = { stage: StageView; department: StageDepartment | null };

function RemindModal({ target, onClose }: { target: RemindTarget | null; onClose: () => void }) {
  const request = useRemind();
  return (
    <ActionModal
      open={target !== null}
      title="催办"
      request={request}
      okText="发送催办通知"
      okButtonProps={{ 'data-testid': 'remind-confirm' }}
      errorTestId="remind-error"
      onCancel={onClose}
      onOk={() =>
        target &&
        request.mutate(
          { id: target.stage.id, body: target.department ? { departmentId: target.department.departmentId } : { allOverdue: true } },
          {
            onSuccess: (r) => {
              void message.success(`已催办 ${r.departments} 个单位，发出 ${r.notifications} 条通知`);
              onClose();
            },
          },
        )
      }
      destroyOnHidden
    >
      {target && (
        <Typography.Paragraph>
          {target.department
            ? `提醒“${target.department.name}”尽快完成${target.stage.title}（截止 ${target.stage.dueOn}）。通知发给该单位的填报账号（${target.department.recipients} 个，含其主管部门的审核账号）。`
            : `提醒全部逾期未完成${target.stage.title}的单位（${target.stage.counts.overdue} 个）。`}
          通知只在本系统内显示，并记入审计日志。
        </Typography.Paragraph>
      )}
    </ActionModal>
  );
}

function StageCounts({ stage }: { stage: StageView }) {
  return (
    <Row gutter={16} data-testid="stage-counts">
      {STAGE_STATES.map((s) => (
        <Col key={s} xs={12} md={6}>
          <Statistic title={STAGE_STATE_LABELS[s]} value={stage.counts[s]} valueStyle={{ color: s === 'overdue' && stage.counts[s] > 0 ? '#cf1322' : undefined }} data-testid={`stage-count-${s}`} />
        </Col>
      ))}
    </Row>
  );
}

function StageDetailCard({ id }: { id: number }) {
  const detail = useStage(id);
  const edit = useEditStage();
  const [remind, setRemind] = useState<RemindTarget | null>(null);
  if (detail.isLoading) return <Loading />;
  if (detail.error || !detail.data) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { stage, departments } = detail.data;
  const closed = stage.closedAt !== null;
  return (
    <Card
      size="small"
      title={`${stage.title}：各单位进度`}
      data-testid="stage-detail"
      data-stage-id={stage.id}
      extra={
        <Space>
          <Button danger disabled={closed || stage.counts.overdue === 0} onClick={() => setRemind({ stage, department: null })} data-testid="remind-all">
            催办全部逾期单位（{stage.counts.overdue}）
          </Button>
          {stage.mine && (
            <Button loading={edit.isPending} onClick={() => edit.mutate({ id: stage.id, closed: !closed })} data-testid="stage-close">
              {closed ? '重新开启' : '关闭阶段'}
            </Button>
          )}
        </Space>
      }
    >
      {edit.error != null && <Alert type="error" showIcon message={errorMessage(edit.error)} style={{ marginBottom: 8 }} />}
      <StageCounts stage={stage} />
      <Table<StageDepartment>
        rowKey="departmentId"
        size="small"
        style={{ marginTop: 16 }}
        dataSource={departments}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': 'stage-department', 'data-department-id': r.departmentId, 'data-state': r.state }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '单位', dataIndex: 'name', ellipsis: true },
          { title: '状态', dataIndex: 'state', width: 90, render: (_, r) => <StageStateTag state={r.state} />, filters: STAGE_STATES.map((s) => ({ text: STAGE_STATE_LABELS[s], value: s })), onFilter: (v, r) => r.state === v },
          { title: stage.kind === 'rectification' ? '已完成/整改事项' : '已完成/项目', key: 'done', width: 120, render: (_, r) => `${r.done}/${r.total}` },
          { title: '期限', dataIndex: 'deadlineText', width: 110, render: (t: string | null, r) => (t ? <Typography.Text type={r.state === 'overdue' ? 'danger' : undefined}>{t}</Typography.Text> : '—') },
          { title: '最近催办', dataIndex: 'lastRemindedAt', width: 150, render: (at: string | null) => (at ? formatDateTime(at) : '—') },
          {
            title: '操作',
            key: 'remind',
            width: 90,
            render: (_, r) => (
              <Button size="small" disabled={closed || r.state === 'done'} onClick={() => setRemind({ stage, department: r })} data-testid="remind-one">
                催办
              </Button>
            ),
          },
        ]}
      />
      <RemindModal target={remind} onClose={() => setRemind(null)} />
    </Card>
  );
}

export function ProgressPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date().getFullYear();
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });
  const [opening, setOpening] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const stages = useStages(year);
  const items = stages.data?.items ?? [];
  const current = selected !== null && items.some((s) => s.id === selected) ? selected : (items[0]?.id ?? null);
  return (
    <div data-testid="progress-page">
      <Typography.Title level={3} className="page-title">
        进度
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {user?.regionName ?? '全部区划'}：年度工作阶段及截止日期，各单位完成情况；完成与否由各单位实际填报的数据判断。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <span>年度</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="progress-year" />
        <Button type="primary" onClick={() => setOpening(true)} data-testid="open-stage">
          开启阶段
        </Button>
      </Space>
      {stages.error ? (
        <ErrorState error={stages.error} onRetry={() => void stages.refetch()} />
      ) : (
        <Table<StageView>
          rowKey="id"
          size="small"
          loading={stages.isLoading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: '本年度尚未开启阶段' }}
          style={{ marginBottom: 16 }}
          rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' }, 'data-testid': 'stage-row', 'data-stage-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '阶段', dataIndex: 'title' },
            { title: '区划', dataIndex: 'regionName', width: 110, render: (n: string | null) => n ?? '全部' },
            { title: '开始', dataIndex: 'opensOn', width: 110 },
            { title: '截止', dataIndex: 'dueOn', width: 110 },
            {
              title: '剩余',
              dataIndex: 'daysLeft',
              width: 100,
              render: (d: number, r) => (r.closedAt ? '已关闭' : d >= 0 ? `${d} 天` : <Typography.Text type="danger">已过 {-d} 天</Typography.Text>),
            },
            {
              title: '单位进度',
              key: 'counts',
              render: (_, r) => (
                <Space size={4} wrap>
                  {STAGE_STATES.map((s) => (
                    <Typography.Text key={s} style={{ color: s === 'overdue' && r.counts[s] > 0 ? '#cf1322' : undefined }}>
                      {STAGE_STATE_LABELS[s]} {r.counts[s]}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      {current !== null && <StageDetailCard id={current} />}
      <OpenStageModal
        open={opening}
        year={year}
        onClose={(id) => {
          setOpening(false);
          if (id !== undefined) setSelected(id);
        }}
      />
    </div>
  );
}

