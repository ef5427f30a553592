/**
 * 事前绩效评估 in the browser.
 * - /ex-ante: the assessments of a year by status (counts, 退回 reasons), and the projects that need
 *   one and have none; editors see their department's, reviewers and admins all.
 * - /projects/:id/ex-ante: one project's assessment: creating it (绩效目标合理性 pre-filled from the
 *   review), the criteria of the five dimensions with points (0.5 steps) and reasons, the total
 *   and the rule's conclusion computed LIVE by the shared scorer, the conclusion and its reason,
 *   save, submit, 退回 with a reason, 审核通过, the history and the .docx report.
 */
import { CheckOutlined, DownloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Input, InputNumber, Row, Segmented, Select, Space, Statistic, Table, Tag, Timeline, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { ExAnteAssessmentView, ExAnteListItem, ExAnteSaveBody, ExAnteView } from '../../shared/api/ex-ante';
import {
  CONCLUSION_LABELS,
  DEFAULT_EX_ANTE_CONFIG,
  EX_ANTE_STATUS_LABELS,
  EX_ANTE_STATUSES,
  formatTenths,
  scoreExAnte,
  type ExAnteConclusion,
  type ExAnteConfig,
  type ExAnteStatus,
} from '../../shared/domain/ex-ante';
import { ApiError, errorMessage } from '../api/client';
import { exAnteDocxUrl, useCreateExAnte, useExAnte, useExAnteAction, useExAnteList, useSaveExAnte } from '../api/ex-ante-hooks';
import { ConclusionTag, ExAnteStatusTag, NeedTag } from '../components/ex-ante-parts';
import { EmptyState, QueryState } from '../components/page-state';
import { Money } from '../components/tags';
import { ActionModal } from '../components/action-modal';
import { formatDateTime } from '../lib/format';
import { useDepartmentOptions } from '../lib/use-departments';

// ---------------------------------------------------------------------------------------------
// The list

type ItemColumns = NonNullable<TableProps<ExAnteListItem>['columns']>;

/** A table of projects of the list (the assessments, the pending ones). */
function ItemTable({ testId, items, empty, columns, onRow }: { testId: string; items: ExAnteListItem[]; empty: string; columns: ItemColumns; onRow?: TableProps<ExAnteListItem>['onRow'] }) {
  return (
    <Table<ExAnteListItem>
      data-testid={testId}
      rowKey="projectId"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState description={empty} /> }}
      columns={columns}
      {...(onRow ? { onRow } : {})}
    />
  );
}

export function ExAnteListPage() {
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : null;
  const status = (EX_ANTE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as ExAnteStatus) : null;
  const departmentId = params.get('departmentId') ? Number(params.get('departmentId')) : null;
  const query = useExAnteList(year, status, departmentId);
  const { departments, years } = useDepartmentOptions();
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };
  const columns: ItemColumns = [
    { title: '单位', dataIndex: 'departmentName', key: 'department', width: 200 },
    {
      title: '项目',
      key: 'name',
      render: (_: unknown, i: ExAnteListItem) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/projects/${i.projectId}/ex-ante`} data-testid="ex-ante-project-link">
            {i.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.code ?? ''}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '预算', key: 'budget', align: 'right' as const, render: (_: unknown, i: ExAnteListItem) => <Money fen={i.budgetFen} /> },
    { title: '评估原因', key: 'need', render: (_: unknown, i: ExAnteListItem) => <NeedTag need={i.need} /> },
  ];
  return (
    <div data-testid="ex-ante-list-page">
      <QueryState query={query}>
        {(list) => (
          <>
            <Card style={{ marginBottom: 16 }}>
              <Space wrap align="center">
                <Typography.Title level={3} style={{ margin: 0 }}>
                  事前绩效评估
                </Typography.Title>
                <Select
                  data-testid="ex-ante-year"
                  aria-label="预算年度"
                  style={{ width: 100 }}
                  value={list.year ?? undefined}
                  options={years.map((y) => ({ value: y, label: `${y}年` }))}
                  onChange={(v: number) => set({ year: String(v) })}
                />
                {departments.length > 1 && (
                  <Select
                    data-testid="ex-ante-department"
                    aria-label="单位"
                    placeholder="全部单位"
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    style={{ width: 260 }}
                    options={departments}
                    value={departmentId ?? undefined}
                    onChange={(v?: number) => set({ departmentId: v === undefined ? null : String(v) })}
                  />
                )}
                <Segmented
                  data-testid="ex-ante-status-filter"
                  value={status ?? 'all'}
                  onChange={(v) => set({ status: v === 'all' ? null : String(v) })}
                  options={[
                    { value: 'all', label: `全部（${list.counts.draft + list.counts.submitted + list.counts.returned + list.counts.approved}）` },
                    ...EX_ANTE_STATUSES.map((s) => ({ value: s, label: `${EX_ANTE_STATUS_LABELS[s]}（${list.counts[s]}）` })),
                  ]}
                />
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="ex-ante-counts">
                新增项目和预算较上年变动较大的项目须进行事前绩效评估：本年度需评估 {list.counts.needed} 个，其中尚未填写 {list.counts.neededWithout} 个。
              </Typography.Paragraph>
            </Card>
            <Card title="评估" size="small" style={{ marginBottom: 16 }}>
              <ItemTable
                testId="ex-ante-table"
                items={list.items}
                empty="没有符合条件的事前绩效评估"
                onRow={(i) => ({ 'data-testid': 'ex-ante-row', 'data-project': i.projectId, 'data-status': i.status }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  ...columns,
                  { title: '状态', key: 'status', render: (_: unknown, i) => <ExAnteStatusTag status={i.status} /> },
                  { title: '总分', key: 'total', align: 'right' as const, render: (_: unknown, i) => (i.totalPoints === null ? '—' : formatTenths(Math.round(i.totalPoints * 10))) },
                  { title: '结论', key: 'conclusion', render: (_: unknown, i) => <ConclusionTag conclusion={i.conclusion} /> },
                  {
                    title: '更新',
                    key: 'updated',
                    render: (_: unknown, i) => (
                      <Space orientation="vertical" size={0}>
                        <span>{i.updatedBy}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(i.updatedAt)}
                        </Typography.Text>
                        {i.returnComment && (
                          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="ex-ante-return-comment">
                            退回理由：{i.returnComment}
                          </Typography.Text>
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
            </Card>
            <Card title={`需评估、尚未填写（${list.pending.length}）`} size="small">
              <ItemTable testId="ex-ante-pending" items={list.pending} empty="需评估的项目都已填写" columns={columns} />
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// One project's assessment

interface Form {
  scores: Record<string, { points: number | null; reason: string }>;
  conclusion: ExAnteConclusion | null;
  conclusionReason: string;
}

function formOf(a: ExAnteAssessmentView): Form {
  return {
    scores: Object.fromEntries(a.dimensions.flatMap((d) => d.criteria.map((k) => [k.id, { points: k.points, reason: k.reason ?? '' }]))),
    conclusion: a.chosenConclusion,
    conclusionReason: a.conclusionReason ?? '',
  };
}

function bodyOf(a: ExAnteAssessmentView, form: Form): ExAnteSaveBody {
  return {
    version: a.version,
    scores: Object.entries(form.scores).map(([criterionId, s]) => ({ criterionId, points: s.points, reason: s.reason.trim() === '' ? null : s.reason })),
    conclusion: form.conclusion,
    conclusionReason: form.conclusionReason.trim() === '' ? null : form.conclusionReason,
  };
}

/** The settings the server scored with, as far as the view says (criteria, points, thresholds). */
function configOf(view: ExAnteView, a: ExAnteAssessmentView): ExAnteConfig {
  return {
    ...DEFAULT_EX_ANTE_CONFIG,
    id: view.configId,
    dimensions: a.dimensions.map((d) => ({
      id: d.id as ExAnteConfig['dimensions'][number]['id'],
      name: d.name,
      criteria: d.criteria.map((k) => ({ id: k.id, name: k.name, description: k.description, maxTenths: Math.round(k.maxPoints * 10), ...(k.veto ? { veto: true } : {}) })),
    })),
    supportFromTenths: Math.round(view.thresholds.supportFromPoints * 10),
    partialFromTenths: Math.round(view.thresholds.partialFromPoints * 10),
  };
}

const pts = (tenths: number) => formatTenths(tenths);

function Assessment({ view, a }: { view: ExAnteView; a: ExAnteAssessmentView }) {
  const { message } = App.useApp();
  const [form, setForm] = useState<Form>(() => formOf(a));
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [returnReason, setReturnReason] = useState('');
  const save = useSaveExAnte(view.project.id);
  const act = useExAnteAction(view.project.id);
  const config = useMemo(() => configOf(view, a), [view, a]);
  const live = useMemo(
    () =>
      scoreExAnte(
        {
          scores: Object.entries(form.scores).map(([criterionId, s]) => ({ criterionId, scoreTenths: s.points === null ? null : Math.round(s.points * 10), reason: s.reason })),
          conclusion: form.conclusion,
          conclusionReason: form.conclusionReason,
        },
        config,
      ),
    [form, config],
  );
  const editable = view.canEdit;
  const setScore = (id: string, patch: Partial<Form['scores'][string]>) => {
    setForm((f) => ({ ...f, scores: { ...f.scores, [id]: { ...f.scores[id]!, ...patch } } }));
    setDirty(true);
  };
  const fail = (e: unknown) => {
    setFailure(errorMessage(e));
    const byPath = new Map<string, string>();
    for (const i of e instanceof ApiError ? e.issues : []) {
      const path = Array.isArray(i.path) ? i.path.join('.') : i.path;
      // "scores.3.points" names the input's index; "scores.<criterion>" the criterion itself.
      const m = /^scores\.(\d+)\./.exec(path);
      const id = m ? Object.keys(form.scores)[Number(m[1])] : path.startsWith('scores.') ? path.slice(7) : path;
      if (id) byPath.set(id, [byPath.get(id), i.message].filter(Boolean).join('；'));
    }
    setIssues(byPath);
  };
  const onSave = () => {
    setFailure(null);
    save.mutate(bodyOf(a, form), {
      onSuccess: (v) => {
        setDirty(false);
        setIssues(new Map());
        void message.success(`已保存：${v.assessment!.totalPoints} 分`);
      },
      onError: fail,
    });
  };
  const onAction = (action: 'submit' | 'return' | 'approve', comment?: string) => {
    setFailure(null);
    act.mutate(
      { action, version: a.version, ...(comment !== undefined ? { comment } : {}) },
      {
        onSuccess: (v) => {
          setIssues(new Map());
          setReturning(false);
          setReturnReason('');
          void message.success(`已${action === 'submit' ? '提交' : action === 'return' ? '退回' : '审核通过'}（${EX_ANTE_STATUS_LABELS[v.assessment!.status]}）`);
        },
        onError: fail,
      },
    );
  };
  const lastReturn = [...a.events].reverse().find((e) => e.toStatus === 'returned');

  return (
    <div data-testid="ex-ante-assessment" data-status={a.status} data-version={a.version}>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={16} align="middle">
          <Col xs={24} md={9}>
            <Space orientation="vertical" size={4}>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
                {view.project.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {view.project.code ?? ''} {view.project.departmentName} · {view.project.year ?? ''}年 · 预算 <Money fen={view.project.budgetFen} />
              </Typography.Text>
              <Space wrap>
                <ExAnteStatusTag status={a.status} />
                <NeedTag need={view.need} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.updatedBy} {formatDateTime(a.updatedAt)}
                </Typography.Text>
              </Space>
            </Space>
          </Col>
          <Col xs={12} md={3}>
            <Statistic title="实时总分" value={pts(live.totalTenths)} styles={{ content: { color: '#a61b29' } }} data-testid="ex-ante-live-total" />
          </Col>
          <Col xs={12} md={4}>
            <div style={{ color: 'rgba(0,0,0,0.65)', marginBottom: 4 }}>评分规则结论</div>
            <span data-testid="ex-ante-live-rule">
              <ConclusionTag conclusion={live.ruleConclusion} />
            </span>
          </Col>
          <Col xs={24} md={8}>
            <Space wrap>
              {editable && (
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={onSave} data-testid="ex-ante-save">
                  保存
                </Button>
              )}
              {view.actions.includes('submit') && (
                <Button icon={<SendOutlined />} disabled={dirty} loading={act.isPending} onClick={() => onAction('submit')} data-testid="ex-ante-submit">
                  {a.status === 'returned' ? '重新提交' : '提交'}
                </Button>
              )}
              {view.actions.includes('return') && (
                <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="ex-ante-return">
                  退回
                </Button>
              )}
              {view.actions.includes('approve') && (
                <Button type="primary" icon={<CheckOutlined />} loading={act.isPending} onClick={() => onAction('approve')} data-testid="ex-ante-approve">
                  审核通过
                </Button>
              )}
              <Button icon={<DownloadOutlined />} href={exAnteDocxUrl(view.project.id)} data-testid="ex-ante-docx">
                导出报告（.docx）
              </Button>
              {dirty && <Tag color="orange">有未保存的修改{view.actions.includes('submit') ? '，保存后才能提交' : ''}</Tag>}
            </Space>
          </Col>
        </Row>
        {a.status === 'returned' && lastReturn && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="ex-ante-returned" title={`${lastReturn.actor}退回：${lastReturn.comment ?? ''}`} />
        )}
        {failure && <Alert type="error" showIcon style={{ marginTop: 12 }} data-testid="ex-ante-error" title={failure} />}
      </Card>

      {live.dimensions.map((d) => (
        <Card
          key={d.id}
          size="small"
          style={{ marginBottom: 16 }}
          data-testid="ex-ante-dimension"
          data-dimension={d.id}
          title={`${d.name}（${pts(d.scoreTenths)} / ${pts(d.maxTenths)} 分）`}
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.criteria}
            onRow={(k) => ({ 'data-testid': 'ex-ante-criterion', 'data-criterion': k.id }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: '评估要点',
                key: 'name',
                width: '32%',
                render: (_: unknown, k) => (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {k.name} {k.veto && <Tag color="red">否决项</Tag>}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {k.description}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: '分值', key: 'max', width: 60, align: 'right' as const, render: (_: unknown, k) => pts(k.maxTenths) },
              {
                title: '得分',
                key: 'points',
                width: 110,
                render: (_: unknown, k) =>
                  editable ? (
                    <InputNumber
                      data-testid="ex-ante-points"
                      aria-label={`${k.name}得分`}
                      min={0}
                      max={k.maxTenths / 10}
                      step={config.stepTenths / 10}
                      value={form.scores[k.id]?.points ?? null}
                      status={issues.has(k.id) ? 'error' : undefined}
                      onChange={(v) => setScore(k.id, { points: v === null ? null : Number(v) })}
                      style={{ width: 90 }}
                    />
                  ) : (
                    <span data-testid="ex-ante-points-text">{k.scoreTenths === null ? '—' : pts(k.scoreTenths)}</span>
                  ),
              },
              {
                title: '评分理由（扣分须说明）',
                key: 'reason',
                render: (_: unknown, k) => {
                  const original = a.dimensions.find((x) => x.id === d.id)?.criteria.find((x) => x.id === k.id);
                  const needsReason = k.scoreTenths !== null && k.scoreTenths < k.maxTenths && (form.scores[k.id]?.reason ?? '').trim() === '';
                  return (
                    <>
                      {editable ? (
                        <Input.TextArea
                          data-testid="ex-ante-reason"
                          aria-label={`${k.name}评分理由`}
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          placeholder={needsReason ? '扣分须说明理由' : '理由'}
                          status={issues.has(k.id) ? 'error' : needsReason ? 'warning' : undefined}
                          value={form.scores[k.id]?.reason ?? ''}
                          onChange={(e) => setScore(k.id, { reason: e.target.value })}
                        />
                      ) : (
                        <span>{k.reason ?? ''}</span>
                      )}
                      {original?.suggestedPoints != null && (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="ex-ante-suggestion">
                          审核预填建议：{original.suggestedPoints} 分
                          {original.suggestedReason === null ? '（未发现问题）' : original.suggestedReason === (form.scores[k.id]?.reason ?? '') ? '（理由见上）' : `，${original.suggestedReason}`}
                        </Typography.Text>
                      )}
                      {issues.has(k.id) && (
                        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="field-error">
                          {issues.get(k.id)}
                        </Typography.Text>
                      )}
                    </>
                  );
                },
              },
            ]}
          />
        </Card>
      ))}

      <Card size="small" title="评估结论" style={{ marginBottom: 16 }} data-testid="ex-ante-conclusion-card">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="ex-ante-rule-text">
            总分 {pts(live.totalTenths)} 分，按评分规则（{view.thresholds.supportFromPoints} 分及以上予以支持，{view.thresholds.partialFromPoints} 分及以上部分支持，否决项或任一维度得 0 分不予支持）结论为“
            {CONCLUSION_LABELS[live.ruleConclusion]}”{live.rejectedBy.length > 0 ? `：${live.rejectedBy.join('；')}` : ''}。
          </Typography.Text>
          {editable ? (
            <>
              <Select<ExAnteConclusion | 'rule'>
                data-testid="ex-ante-conclusion-select"
                aria-label="评估结论"
                style={{ width: 260 }}
                value={form.conclusion ?? 'rule'}
                onChange={(v) => {
                  setForm((f) => ({ ...f, conclusion: v === 'rule' ? null : v }));
                  setDirty(true);
                }}
                options={[
                  { value: 'rule', label: `按评分规则（${CONCLUSION_LABELS[live.ruleConclusion]}）` },
                  ...(['support', 'partial', 'reject'] as const).map((c) => ({ value: c, label: CONCLUSION_LABELS[c] })),
                ]}
              />
              <Input.TextArea
                data-testid="ex-ante-conclusion-reason"
                aria-label="结论理由"
                autoSize={{ minRows: 2, maxRows: 6 }}
                placeholder="结论理由（必填）"
                value={form.conclusionReason}
                status={issues.has('conclusionReason') || issues.has('conclusion') ? 'error' : undefined}
                onChange={(e) => {
                  setForm((f) => ({ ...f, conclusionReason: e.target.value }));
                  setDirty(true);
                }}
              />
            </>
          ) : (
            <Typography.Paragraph style={{ margin: 0 }}>
              结论：<ConclusionTag conclusion={a.conclusion} /> 理由：{a.conclusionReason ?? '（未填写）'}
            </Typography.Paragraph>
          )}
          {live.issues.length > 0 && (
            <div data-testid="ex-ante-issues">
              {live.issues.map((i) => (
                <Typography.Text key={`${i.code}-${i.criterionId ?? ''}`} type="warning" style={{ display: 'block', fontSize: 12 }}>
                  ⚠ {i.message}
                </Typography.Text>
              ))}
            </div>
          )}
        </Space>
      </Card>

      <Card size="small" title="审核记录">
        {a.events.length === 0 ? (
          <EmptyState description="尚未提交审核" />
        ) : (
          <Timeline
            data-testid="ex-ante-events"
            items={a.events.map((e) => ({
              color: e.toStatus === 'returned' ? 'red' : e.toStatus === 'approved' ? 'green' : 'blue',
              content: (
                <span data-testid="ex-ante-event">
                  {formatDateTime(e.at)} {e.actor}：{EX_ANTE_STATUS_LABELS[e.fromStatus as ExAnteStatus]} → {EX_ANTE_STATUS_LABELS[e.toStatus as ExAnteStatus]}
                  {e.comment ? `（${e.comment}）` : ''}
                </span>
              ),
            }))}
          />
        )}
      </Card>

      <ActionModal
        title="退回事前绩效评估"
        open={returning}
        okText="退回"
        request={act}
        errorTestId="ex-ante-return-error"
        okButtonProps={{ danger: true, disabled: returnReason.trim() === '', ...({ 'data-testid': 'ex-ante-return-confirm' } as Record<string, string>) }}
        cancelText="取消"
        onCancel={() => setReturning(false)}
        onOk={() => onAction('return', returnReason)}
      >
        <Input.TextArea data-testid="ex-ante-return-reason" aria-label="退回理由" autoSize={{ minRows: 3 }} placeholder="退回理由（必填）" value={returnReason} onChange={(e) => setReturnReason(e.target.value)} />
      </ActionModal>
    </div>
  );
}

function NoAssessment({ view }: { view: ExAnteView }) {
  const { message } = App.useApp();
  const create = useCreateExAnte(view.project.id);
  return (
    <Card data-testid="ex-ante-none">
      <Space orientation="vertical">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
          {view.project.name}
        </Typography.Title>
        <Space wrap>
          <NeedTag need={view.need} />
          <Typography.Text type="secondary">{view.need.needed ? view.need.label : '该项目不属于新增或预算变动较大的项目，可按需进行事前绩效评估。'}</Typography.Text>
        </Space>
        <Typography.Text>尚未填写事前绩效评估。</Typography.Text>
        {view.earlierVersion && (
          <Alert
            type="info"
            showIcon
            data-testid="ex-ante-earlier"
            title={`该项目的上一版本（文档已被新导入版本替换）有事前绩效评估：${EX_ANTE_STATUS_LABELS[view.earlierVersion.status]}，${view.earlierVersion.totalPoints} 分，${CONCLUSION_LABELS[view.earlierVersion.conclusion]}。新建时沿用其评分、理由和结论（作为草稿），可修改后重新提交。`}
          />
        )}
        {view.canCreate && (
          <Button
            type="primary"
            data-testid="ex-ante-create"
            loading={create.isPending}
            onClick={() => create.mutate(undefined, { onError: (e) => void message.error(errorMessage(e)) })}
          >
            {view.earlierVersion ? '新建事前绩效评估（沿用上一版本）' : '新建事前绩效评估（按审核发现预填“绩效目标合理性”）'}
          </Button>
        )}
      </Space>
    </Card>
  );
}

export function ExAnteEditPage() {
  const id = Number(useParams().id);
  const query = useExAnte(id);
  return (
    <div data-testid="ex-ante-page" data-id={id}>
      <QueryState query={query} notFound="项目不存在，或您没有权限查看。">
        {(view) => (
          <>
            <Breadcrumb
              style={{ marginBottom: 12 }}
              items={[
                { title: <Link to={`/ex-ante${view.project.year ? `?year=${view.project.year}` : ''}`}>事前评估</Link> },
                { title: <Link to={`/projects/${id}`}>{view.project.name}</Link> },
                { title: '事前绩效评估' },
              ]}
            />
            {view.assessment === null ? (
              <NoAssessment view={view} />
            ) : (
              <Assessment key={`${view.assessment.id}-${view.assessment.version}`} view={view} a={view.assessment} />
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
