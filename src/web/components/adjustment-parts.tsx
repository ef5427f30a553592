/**
 * 目标调整 on the project page (issue 33): the 调整记录 card — the versions of the targets (date,
 * reason, budget, who asked and who approved), the requests with the reviewer's 通过 / 退回, the
 * department's 申请调整 (a form over the rows in force: targets and names edited, rows added and
 * removed, the reason, the effective date, the budget after the adjustment in 万元), and two
 * versions side by side (changed values highlighted, added and removed rows marked).
 */
import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { AdjustmentBody, AdjustmentView, ProjectAdjustments, TargetVersionView } from '../../shared/api/target-adjustment';
import { formatWan2, parseAmountInput } from '../../shared/domain/money';
import { adjustmentChanges } from '../../shared/domain/target-adjustment';
import { useAdjustmentRequests, useDecideAdjustment, useProjectAdjustments, useRequestAdjustment, useVersionComparison } from '../api/adjustment-hooks';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../lib/format';
import { usePhone } from '../lib/use-phone';

const STATUS: Record<AdjustmentView['status'], { text: string; color: string }> = {
  pending: { text: '待审核', color: 'processing' },
  approved: { text: '已通过', color: 'success' },
  returned: { text: '已退回', color: 'warning' },
};

const money = (fen: number | null) => (fen === null ? '—' : `${formatWan2(fen)} 万元`);

type EditRow = AdjustmentBody['rows'][number];

function RequestForm({ data, onClose }: { data: ProjectAdjustments; onClose: () => void }) {
  const latest = data.versions[data.versions.length - 1]!;
  const [rows, setRows] = useState<EditRow[]>(() => latest.rows.map((r) => ({ key: r.key, level1: r.level1, level2: r.level2, name: r.name, target: r.target })));
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [budget, setBudget] = useState(latest.budgetFen === null ? '' : formatWan2(latest.budgetFen).replace(/,/g, ''));
  const [added, setAdded] = useState(0);
  const send = useRequestAdjustment(data.projectId);
  const phone = usePhone();
  const budgetInput = budget.trim() === '' ? null : parseAmountInput(budget, '万元');
  const budgetError = budgetInput !== null && !budgetInput.ok ? budgetInput.reason : null;
  const set = (i: number, patch: Partial<EditRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const nextKey = () => {
    const used = new Set(data.versions.flatMap((v) => v.rows.map((r) => r.key)));
    let k = added + 1;
    while (used.has(`n${k}`) || rows.some((r) => r.key === `n${k}`)) k++;
    setAdded(k);
    return `n${k}`;
  };
  const submit = () => {
    const budgetFen = budgetInput === null || !budgetInput.ok ? null : budgetInput.fen;
    // an unchanged budget (or none given) is sent as null: no change
    send.mutate({ reason, effectiveOn, rows, budgetFen: budgetFen === latest.budgetFen ? null : budgetFen }, { onSuccess: onClose });
  };
  return (
    <Modal
      open
      width={960}
      title="申请目标调整"
      okText="提交申请"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: send.isPending, disabled: budgetError !== null, 'data-testid': 'adjustment-submit' } as never}
      data-testid="adjustment-form"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {send.error && <Alert type="error" showIcon data-testid="adjustment-error" title={(send.error as Error).message} />}
        {phone ? (
          // a phone (issue 71): each row a block, its 指标值 in view, where the table's fifth column was off the screen
          <Space orientation="vertical" style={{ width: '100%' }} size={8}>
            {rows.map((r, i) => (
              <Card key={r.key} size="small" data-testid="adjust-row-card">
                <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                  <Space.Compact style={{ width: '100%' }}>
                    <Input size="small" aria-label={`第${i + 1}行一级指标`} placeholder="一级指标" value={r.level1 ?? ''} onChange={(e) => set(i, { level1: e.target.value })} />
                    <Input size="small" aria-label={`第${i + 1}行二级指标`} placeholder="二级指标" value={r.level2 ?? ''} onChange={(e) => set(i, { level2: e.target.value })} />
                  </Space.Compact>
                  <Input size="small" aria-label={`第${i + 1}行指标名称`} placeholder="三级指标" value={r.name} onChange={(e) => set(i, { name: e.target.value })} />
                  <Space.Compact style={{ width: '100%' }}>
                    <Input size="small" aria-label={`指标值：${r.name}`} placeholder="指标值" data-testid={`adjust-target-${i}`} value={r.target} onChange={(e) => set(i, { target: e.target.value })} />
                    <Button size="small" danger onClick={() => setRows((rs) => rs.filter((_x, j) => j !== i))}>
                      删除
                    </Button>
                  </Space.Compact>
                </Space>
              </Card>
            ))}
          </Space>
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            columns={[
              { title: '一级指标', dataIndex: 'level1', width: 110, render: (v: string | null, _r, i) => <Input size="small" aria-label={`第${i + 1}行一级指标`} value={v ?? ''} onChange={(e) => set(i, { level1: e.target.value })} /> },
              { title: '二级指标', dataIndex: 'level2', width: 140, render: (v: string | null, _r, i) => <Input size="small" aria-label={`第${i + 1}行二级指标`} value={v ?? ''} onChange={(e) => set(i, { level2: e.target.value })} /> },
              { title: '三级指标', dataIndex: 'name', render: (v: string, _r, i) => <Input size="small" aria-label={`第${i + 1}行指标名称`} value={v} onChange={(e) => set(i, { name: e.target.value })} /> },
              {
                title: '指标值',
                dataIndex: 'target',
                width: 180,
                render: (v: string, r, i) => <Input size="small" aria-label={`指标值：${r.name}`} data-testid={`adjust-target-${i}`} value={v} onChange={(e) => set(i, { target: e.target.value })} />,
              },
              { title: '', width: 60, render: (_v, _r, i) => <Button size="small" type="link" danger onClick={() => setRows((rs) => rs.filter((_x, j) => j !== i))}>删除</Button> },
            ]}
          />
        )}
        <Button size="small" onClick={() => setRows((rs) => [...rs, { key: nextKey(), level1: '产出指标', level2: '数量指标', name: '', target: '' }])}>
          新增指标
        </Button>
        <Space wrap>
          <span>生效日期</span>
          <Input type="date" aria-label="生效日期" data-testid="adjustment-date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} style={{ width: 170 }} />
          <span>调整后预算（万元）</span>
          <Input aria-label="调整后预算（万元）" value={budget} onChange={(e) => setBudget(e.target.value)} style={{ width: 160 }} status={budgetError ? 'error' : undefined} />
          {budgetError && <Typography.Text type="danger">{budgetError}</Typography.Text>}
        </Space>
        <Input.TextArea aria-label="调整理由" data-testid="adjustment-reason" placeholder="调整理由（必填）" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Space>
    </Modal>
  );
}

/** What a pending request changes against the version in force, a line per field (issue 71: approved blind). */
function ChangeLines({ lines, testId }: { lines: readonly string[]; testId?: string }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }} data-testid={testId}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function Decide({ request, inForce }: { request: AdjustmentView; inForce: TargetVersionView }) {
  const decide = useDecideAdjustment();
  const [returning, setReturning] = useState(false);
  const [approving, setApproving] = useState(false);
  const [comment, setComment] = useState('');
  const lines = adjustmentChanges(inForce.rows, request.rows, inForce.budgetFen, request.budgetFen);
  return (
    <Space wrap>
      {/* 通过 asks first, with every change in view (issue 71) */}
      <Button type="primary" size="small" data-testid="adjustment-approve" loading={decide.isPending} onClick={() => setApproving(true)}>
        通过
      </Button>
      <Modal
        open={approving}
        title="通过这项目标调整申请？"
        okText="通过"
        cancelText="取消"
        confirmLoading={decide.isPending}
        okButtonProps={{ 'data-testid': 'adjustment-confirm-ok' } as never}
        onCancel={() => setApproving(false)}
        onOk={() => decide.mutate({ id: request.id, decision: 'approve', comment: null }, { onSuccess: () => setApproving(false) })}
      >
        <Typography.Paragraph>
          通过后，以下调整成为第 {inForce.version + 1} 版绩效目标，自 {request.effectiveOn} 起执行（此后各轮监控和年度自评按新目标衡量），项目页、公开页、导出均显示新目标：
        </Typography.Paragraph>
        <ChangeLines lines={lines} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          调整理由：{request.reason}
        </Typography.Paragraph>
      </Modal>
      <Button size="small" data-testid="adjustment-return" onClick={() => setReturning(true)}>
        退回
      </Button>
      {decide.error && <Typography.Text type="danger">{(decide.error as Error).message}</Typography.Text>}
      <Modal
        open={returning}
        title="退回目标调整申请"
        okText="退回"
        cancelText="取消"
        onCancel={() => setReturning(false)}
        onOk={() => decide.mutate({ id: request.id, decision: 'return', comment }, { onSuccess: () => setReturning(false) })}
      >
        <Input.TextArea aria-label="退回意见" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="退回意见（必填）" />
      </Modal>
    </Space>
  );
}

const CHANGE: Record<string, { text: string; color: string } | null> = {
  same: null,
  changed: { text: '调整', color: 'orange' },
  added: { text: '新增', color: 'green' },
  removed: { text: '删除', color: 'red' },
};

function Compare({ projectId, versions }: { projectId: number; versions: TargetVersionView[] }) {
  const last = versions[versions.length - 1]!.version;
  const [from, setFrom] = useState(Math.max(1, last - 1));
  const [to, setTo] = useState(last);
  const comparison = useVersionComparison(projectId, from, to, versions.length > 1);
  const options = versions.map((v) => ({ value: v.version, label: `第 ${v.version} 版${v.effectiveOn ? `（${v.effectiveOn} 起）` : '（原批复）'}` }));
  const cell = (side: 'before' | 'after', field: 'name' | 'target') => (_: unknown, r: NonNullable<typeof comparison.data>['rows'][number]) => {
    const row = r[side];
    if (row === null) return <Typography.Text type="secondary">—</Typography.Text>;
    const changed = r.change === 'changed' && r.fields.includes(field);
    return <span className={changed ? 'adjustment-changed' : undefined} style={changed ? { background: '#fff1b8', padding: '0 2px' } : undefined}>{row[field]}</span>;
  };
  return (
    <div data-testid="adjustment-compare">
      <Space wrap style={{ marginBottom: 8 }}>
        <span>对比</span>
        <Select aria-label="对比的前一版本" value={from} options={options} onChange={setFrom} style={{ width: 220 }} />
        <span>与</span>
        <Select aria-label="对比的后一版本" value={to} options={options} onChange={setTo} style={{ width: 220 }} />
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        loading={comparison.isLoading}
        dataSource={comparison.data?.rows ?? []}
        rowClassName={(r) => `adjustment-row-${r.change}`}
        columns={[
          { title: '变化', width: 70, render: (_v, r) => (CHANGE[r.change] ? <Tag color={CHANGE[r.change]!.color}>{CHANGE[r.change]!.text}</Tag> : null) },
          { title: '二级指标', width: 130, render: (_v, r) => (r.after ?? r.before)?.level2 ?? '' },
          { title: `三级指标（第 ${from} 版）`, render: cell('before', 'name') },
          { title: `指标值（第 ${from} 版）`, render: cell('before', 'target') },
          { title: `三级指标（第 ${to} 版）`, render: cell('after', 'name') },
          { title: `指标值（第 ${to} 版）`, render: cell('after', 'target') },
        ]}
      />
    </div>
  );
}

/** The 调整记录 card of a project page. */
export function AdjustmentCard({ projectId }: { projectId: number }) {
  const query = useProjectAdjustments(projectId);
  const [asking, setAsking] = useState(false);
  const data = query.data;
  const requests = useMemo(() => [...(data?.requests ?? [])].reverse(), [data]);
  if (data === undefined) return null;
  const inForce = data.versions[data.versions.length - 1]!;
  const shown = data.versions.length > 1 || data.requests.length > 0 || data.canRequest;
  if (!shown) return null;
  return (
    <Card
      title="调整记录"
      size="small"
      className="no-print"
      style={{ marginTop: 16 }}
      data-testid="adjustment-card"
      extra={
        data.canRequest && (
          <Button type="primary" size="small" data-testid="request-adjustment" onClick={() => setAsking(true)}>
            申请调整
          </Button>
        )
      }
    >
      {data.cannotRequest && data.requests.some((r) => r.status === 'pending') && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={data.cannotRequest} />}
      <Typography.Title level={5}>绩效目标版本（现行：第 {data.inForce} 版）</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="version"
        dataSource={data.versions}
        data-testid="adjustment-versions"
        columns={[
          {
            title: '版本',
            dataIndex: 'version',
            width: 110,
            render: (v: number) => (
              <span>
                {`第 ${v} 版 `}
                {v === data.inForce ? <Tag color="green">现行</Tag> : <Tag>历史</Tag>}
              </span>
            ),
          },
          { title: '生效日期', dataIndex: 'effectiveOn', width: 110, render: (v: string | null) => v ?? '原批复' },
          { title: '调整理由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          { title: '全年预算', dataIndex: 'budgetFen', width: 140, render: money },
          { title: '申请人', dataIndex: 'requestedBy', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '审核人', width: 180, render: (_v, r) => (r.approvedBy ? `${r.approvedBy} ${formatDateTime(r.approvedAt!)}` : '—') },
        ]}
      />
      {requests.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            调整申请
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={requests}
            data-testid="adjustment-requests"
            columns={[
              { title: '状态', dataIndex: 'status', width: 80, render: (s: AdjustmentView['status']) => <Tag color={STATUS[s].color}>{STATUS[s].text}</Tag> },
              { title: '生效日期', dataIndex: 'effectiveOn', width: 110 },
              { title: '调整理由', dataIndex: 'reason' },
              { title: '调整后预算', dataIndex: 'budgetFen', width: 130, render: (v: number | null) => (v === null ? '不变' : money(v)) },
              { title: '申请', width: 170, render: (_v, r) => `${r.requestedBy} ${formatDateTime(r.requestedAt)}` },
              {
                title: '审核',
                width: 220,
                render: (_v, r) =>
                  r.status === 'pending' ? (data.canDecide ? <Decide request={r} inForce={inForce} /> : '待财政部门审核') : `${r.decidedBy ?? ''}${r.comment ? `：${r.comment}` : ''}`,
              },
            ]}
          />
          {/* what each pending request changes, old → new, in view before anyone decides (issue 71) */}
          {requests
            .filter((r) => r.status === 'pending')
            .map((r) => (
              <Alert
                key={r.id}
                type="info"
                style={{ marginTop: 8 }}
                title={`待审核申请的调整内容（自 ${r.effectiveOn} 起，与现行第 ${inForce.version} 版相比）`}
                description={<ChangeLines lines={adjustmentChanges(inForce.rows, r.rows, inForce.budgetFen, r.budgetFen)} testId="adjustment-changes" />}
              />
            ))}
        </>
      )}
      {data.versions.length > 1 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            版本对比
          </Typography.Title>
          <Compare projectId={projectId} versions={data.versions} />
        </>
      )}
      {asking && <RequestForm data={data} onClose={() => setAsking(false)} />}
    </Card>
  );
}

/**
 * 目标调整 on the 工作台 (issue 58): the bureau's requests waiting for its decision, oldest first; a unit's
 * requests waiting for the bureau and those returned to it (not asked again), with the comment.
 */
export function AdjustmentWorkbenchCard({ role }: { role: 'reviewer' | 'editor' }) {
  const pending = useAdjustmentRequests('pending');
  const returned = useAdjustmentRequests('returned');
  const items = [...(pending.data?.items ?? []), ...(role === 'editor' ? (returned.data?.items ?? []) : [])];
  // a unit sees the card only when it has a request under way or returned; the bureau always (its queue)
  if (role === 'editor' && items.length === 0) return null;
  return (
    <Card
      title={role === 'reviewer' ? `目标调整申请待审核（${pending.data?.items.length ?? 0}）` : `本单位的目标调整申请（${items.length}）`}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="workbench-adjustments"
    >
      <Table<AdjustmentView>
        size="small"
        rowKey="id"
        pagination={false}
        loading={pending.isLoading}
        dataSource={items}
        locale={{ emptyText: '没有待审核的目标调整申请' }}
        onRow={(r) => ({ 'data-testid': 'workbench-adjustment-row', 'data-project-id': r.projectId, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '项目', dataIndex: 'projectName', render: (name: string, r) => <Link to={`/projects/${r.projectId}`}>{name}</Link> },
          ...(role === 'reviewer' ? [{ title: '单位', dataIndex: 'departmentName', ellipsis: true }] : []),
          { title: '状态', dataIndex: 'status', width: 90, render: (s: AdjustmentView['status']) => <Tag color={STATUS[s].color}>{s === 'pending' && role === 'editor' ? '待财政审核' : STATUS[s].text}</Tag> },
          { title: '生效日期', dataIndex: 'effectiveOn', width: 110 },
          {
            title: role === 'reviewer' ? '调整理由' : '调整理由 / 退回意见',
            key: 'reason',
            render: (_v, r) => (r.status === 'returned' ? `退回意见：${r.comment ?? ''}` : r.reason),
          },
          { title: '申请', width: 170, render: (_v, r) => `${r.requestedBy} ${formatDateTime(r.requestedAt)}` },
        ]}
      />
    </Card>
  );
}
