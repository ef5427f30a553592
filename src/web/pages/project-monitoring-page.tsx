/**
 * 项目运行监控 (/projects/:id/monitoring?asOf=): the project's monitoring table for a round —
 * spending against the plan to date, each indicator's progress, lights, causes and measures — its
 * plan-vs-actual spending curve, the .xlsx download, and the entry form of a round, which shows the
 * server's 400 issues next to the fields.
 */
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { IndicatorProgress, MonitoringTable } from '../../shared/api/monitoring';
import { ApiError, errorMessage } from '../api/client';
import { useProject } from '../api/hooks';
import { useProjectAdjustments } from '../api/adjustment-hooks';
import { versionInForce } from '../../shared/domain/target-adjustment';
import { useAuth } from '../auth/auth-context';
import {
  downloads,
  useDeleteExecutionRecord,
  useExecutionRecords,
  useProjectMonitoring,
  useSaveExecutionRecord,
  useSelfEvaluation,
  type ExecutionRecord,
} from '../api/monitoring-hooks';
import { LightTag, MonitoringLegend, RoundSelect, SpendingCurve, Wan } from '../components/monitoring-parts';
import { ConvertToRectification } from '../components/rectification-parts';
import { deviationSourceKey } from '../../shared/domain/rectification';
import { EmptyState, ErrorState, Loading } from '../components/page-state';
import { formatDateTime, formatPercent, formatRatio } from '../lib/format';
import { executionFormFrom, executionFormToInput, nextRoundDate, type ExecutionForm } from '../lib/execution-form';
import { actualCurve, DEVIATION_CAUSES, issuesByField, isWarning, LIKELIHOODS, otherIssues, parseSpentWan, planCurve } from '../lib/monitoring';
import { formatFigure } from '../../shared/domain/money';
import { parseTargetValue } from '../../shared/domain/target-value';

/** The unit of an indicator's annual target ("≥95%" → "%"), '' when it has none. */
function targetUnit(target: string): string {
  return parseTargetValue(target).unit ?? '';
}

/** A value typed as a bare number ("67") with the target's unit ("67人次"): every number with its unit (issue 34). */
function withUnit(value: string | null, target: string): string {
  if (value === null) return '—';
  return /^\d+(\.\d+)?$/.test(value.trim()) ? `${value.trim()}${targetUnit(target)}` : value;
}

const KIND_LABELS: Record<IndicatorProgress['kind'], string> = { cumulative: '累计型', level: '水平/比率型', ceiling: '上限型', qualitative: '定性/时限' };
const METHOD_LABELS: Record<IndicatorProgress['method'], string> = { cumulative: '按序时累计', projection: '按全年预计', likelihood: '按完成可能性', none: '—' };

interface IndicatorRef {
  indicatorId: number;
  name: string;
  target: string;
  level1: string | null;
  level2: string | null;
}

function Issues({ issues }: { issues: { code: string; message: string }[] }) {
  if (issues.length === 0) return null;
  return (
    <div data-testid="entry-issues">
      {issues.map((i) => (
        <Typography.Text key={i.code + i.message} type="danger" style={{ display: 'block', fontSize: 12 }}>
          {i.message}
        </Typography.Text>
      ))}
    </div>
  );
}

function SpendingCard({ table }: { table: MonitoringTable }) {
  const s = table.spending;
  return (
    <Card
      size="small"
      title="预算执行进度"
      style={{ marginBottom: 16 }}
      data-testid="spending-card"
      extra={isWarning(s.light) ? <ConvertToRectification projectId={table.project.id} sourceKind="deviation" sourceKey={deviationSourceKey(table.asOf, null)} text={`截至 ${table.asOf} 预算执行率 ${formatPercent(s.actualPercent)}，序时进度 ${formatPercent(s.planPercent)}`} /> : null}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'budget', label: '年度预算（万元）', children: <Wan fen={s.budgetFen} /> },
          { key: 'spent', label: '累计支出（万元）', children: <Wan fen={s.spentFen} /> },
          { key: 'rate', label: '预算执行率', children: <span data-testid="actual-percent">{formatPercent(s.actualPercent)}</span> },
          { key: 'plan', label: '序时/计划进度', children: <span data-testid="plan-percent">{formatPercent(s.planPercent)}</span> },
          { key: 'planAmount', label: '计划应支出（万元）', children: <Wan fen={s.planAmountFen} /> },
          { key: 'gap', label: '落后金额（万元）', children: s.gapFen !== null && s.gapFen > 0 ? <Wan fen={s.gapFen} /> : '—' },
          { key: 'ratio', label: '进度比（%）', children: <span data-testid="spending-ratio">{formatRatio(s.ratio)}</span> },
          { key: 'light', label: '预警', children: <LightTag light={s.light} testId="spending-light" /> },
          { key: 'cause', label: '偏差原因', children: s.cause ? `${s.cause}${s.causeNote ? `：${s.causeNote}` : ''}` : isWarning(s.light) ? <Tag color="red">未说明原因</Tag> : '—' },
          { key: 'measure', label: '纠偏措施', span: 3, children: s.measure ?? (isWarning(s.light) ? <Tag color="red">未填写</Tag> : '—') },
        ]}
      />
      <Issues issues={s.issues} />
    </Card>
  );
}

function IndicatorTable({ table }: { table: MonitoringTable }) {
  return (
    <Table<IndicatorProgress>
      size="small"
      data-testid="indicator-progress-table"
      rowKey="indicatorId"
      dataSource={table.indicators}
      pagination={false}
      scroll={{ x: 1300 }}
      onRow={(r) => ({ 'data-testid': 'indicator-progress-row', 'data-light': r.light ?? 'none' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: '一级', dataIndex: 'level1', width: 80, render: (v: string | null) => v ?? '—' },
        { title: '二级', dataIndex: 'level2', width: 90, render: (v: string | null) => v ?? '—' },
        { title: '三级指标', dataIndex: 'name', width: 160 },
        { title: '年度指标值', dataIndex: 'target', width: 110 },
        { title: '类型', dataIndex: 'kind', width: 90, render: (k: IndicatorProgress['kind']) => KIND_LABELS[k] },
        { title: '截至目前完成值', dataIndex: 'valueToDate', width: 110, render: (v: string | null, r) => withUnit(v, r.target) },
        {
          title: '序时应完成 / 进度比（%）',
          key: 'ratio',
          width: 130,
          render: (_, r) => (r.expected === null ? '—' : `${formatFigure(r.expected, targetUnit(r.target))} / ${formatRatio(r.ratio)}`),
        },
        { title: '全年预计完成值', dataIndex: 'projected', width: 110, render: (v: string | null, r) => (v === null ? '—' : `${withUnit(v, r.target)}${r.projectedPercent !== null ? `（${formatPercent(r.projectedPercent)}）` : ''}`) },
        { title: '完成可能性', dataIndex: 'likelihood', width: 90, render: (v: string | null) => v ?? '—' },
        { title: '预警', dataIndex: 'light', width: 90, render: (l: IndicatorProgress['light'], r) => <Space orientation="vertical" size={0}><LightTag light={l} /><Typography.Text type="secondary" style={{ fontSize: 11 }}>{METHOD_LABELS[r.method]}</Typography.Text></Space> },
        {
          title: '偏差原因 / 纠偏措施',
          key: 'why',
          render: (_, r) => (
            <div>
              {r.cause ? <div>原因：{r.cause}{r.causeNote ? `：${r.causeNote}` : ''}</div> : isWarning(r.light) ? <Tag color="red">未说明原因</Tag> : null}
              {r.measure ? <div style={{ color: '#555' }}>措施：{r.measure}</div> : null}
              <Issues issues={r.issues} />
              {isWarning(r.light) && <ConvertToRectification projectId={table.project.id} sourceKind="deviation" sourceKey={deviationSourceKey(table.asOf, r.indicatorId)} text={`截至 ${table.asOf} 指标“${r.name}”（${r.target}）`} />}
            </div>
          ),
        },
      ]}
    />
  );
}

/** The indicators a round measures on a date: those of the version of the targets in force then (目标调整), and which. */
interface TargetsOn {
  indicators: IndicatorRef[];
  /** "第 2 版绩效目标（2025-09-01 起执行）" when an adjustment is in force on the date; null for the approved targets. */
  version: string | null;
}

/** The entry form of one round, with the server's issues by field. */
function EntryForm({
  projectId,
  targetsOn,
  initial,
  fixedDate,
  existingDates,
  year,
  onSaved,
  onBehalfOf,
}: {
  projectId: number;
  /** The indicators measured on the round's date (issue 71: a new round listed targets an adjustment had replaced). */
  targetsOn: (date: string) => TargetsOn;
  /** Lines for every indicator of every version (those in force on the date are shown and sent). */
  initial: ExecutionForm;
  fixedDate: boolean;
  /** Dates that already have a round: a new round on one of them replaces it. */
  existingDates: string[];
  year: number | null;
  onSaved: (asOf: string) => void;
  /** The department whose record a reviewer or admin is editing (null for the department's own editor). */
  onBehalfOf: string | null;
}) {
  const { message } = App.useApp();
  const [form, setForm] = useState<ExecutionForm>(initial);
  const [serverIssues, setServerIssues] = useState<Map<string, string[]>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const save = useSaveExecutionRecord(projectId);
  const spentCheck = form.spentText.trim() === '' ? null : parseSpentWan(form.spentText);
  const set = (patch: Partial<ExecutionForm>) => setForm((f) => ({ ...f, ...patch }));
  const setLine = (indicatorId: number, patch: Partial<ExecutionForm['indicators'][number]>) =>
    setForm((f) => ({ ...f, indicators: f.indicators.map((l) => (l.indicatorId === indicatorId ? { ...l, ...patch } : l)) }));
  // the rows measured on the round's date: shown, and sent in this order (the server's issues name them by it)
  const targets = targetsOn(form.asOf);
  const indicators = targets.indicators;
  const lineOf = (indicatorId: number) => form.indicators.find((l) => l.indicatorId === indicatorId)!;
  const help = (path: string) => serverIssues.get(path)?.join('；');
  const status = (path: string) => (serverIssues.has(path) ? ('error' as const) : undefined);
  const shownPaths = (path: string) =>
    ['asOf', 'spentFen', 'spendingCause', 'spendingCauseNote', 'spendingMeasure', 'note'].includes(path) ||
    /^indicators\.\d+\.(valueToDate|projected|likelihood|cause|causeNote|measure)$/.test(path);
  const general = otherIssues(serverIssues, shownPaths);
  // After a refused save, bring the first field in error (or the message) into view.
  useEffect(() => {
    if (serverIssues.size === 0 && failure === null) return;
    const el = document.querySelector('[data-testid="execution-form"] .ant-form-item-has-error') ?? document.querySelector('[data-testid="execution-form-error"]');
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [serverIssues, failure]);

  const submit = () => {
    setFailure(null);
    const built = executionFormToInput({ ...form, indicators: indicators.map((ind) => lineOf(ind.indicatorId)) });
    if (!built.ok) {
      setServerIssues(issuesByField(built.errors));
      return;
    }
    save.mutate(built.input, {
      onSuccess: (r) => {
        setServerIssues(new Map());
        void message.success(r.saveStatus === 'unchanged' ? '内容无变化' : '已保存');
        onSaved(built.input.asOf);
      },
      onError: (e) => {
        setFailure(errorMessage(e));
        setServerIssues(issuesByField(e instanceof ApiError ? e.issues : []));
      },
    });
  };

  return (
    <Form layout="vertical" data-testid="execution-form" onFinish={submit}>
      {onBehalfOf !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="on-behalf-warning"
          message={`这是“${onBehalfOf}”填报的执行情况：您以财政部门身份修改，保存后记录上将标注“财政部门代为修改”，并记入操作日志。`}
        />
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="execution-form-error" description={general.length > 0 ? general.map((g) => <div key={g}>{g}</div>) : undefined} />}
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item
            label="截至日期"
            required
            validateStatus={status('asOf') ?? (!fixedDate && existingDates.includes(form.asOf) ? 'warning' : undefined)}
            help={help('asOf') ?? (!fixedDate && existingDates.includes(form.asOf) ? '该日期已有执行记录，保存将替换它' : undefined)}
          >
            <DatePicker aria-label="截至日期"
              data-testid="entry-asof"
              style={{ width: '100%' }}
              disabled={fixedDate}
              value={form.asOf ? dayjs(form.asOf) : null}
              allowClear={false}
              disabledDate={(d) => year !== null && d.year() !== year}
              onChange={(d) => set({ asOf: d ? d.format('YYYY-MM-DD') : '' })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            label="累计支出（万元）"
            required
            validateStatus={status('spentFen') ?? (spentCheck && !spentCheck.ok ? 'error' : undefined)}
            help={help('spentFen') ?? (spentCheck && !spentCheck.ok ? spentCheck.message : undefined)}
          >
            <Input aria-label="累计支出（万元）" data-testid="entry-spent" value={form.spentText} suffix="万元" inputMode="decimal" onChange={(e) => set({ spentText: e.target.value })} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="支出偏差原因" validateStatus={status('spendingCause')} help={help('spendingCause')}>
            <Select aria-label="支出偏差原因"
              data-testid="entry-spending-cause"
              allowClear
              value={form.spendingCause ?? undefined}
              options={DEVIATION_CAUSES.map((c) => ({ value: c, label: c }))}
              onChange={(v?: string) => set({ spendingCause: v ?? null })}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="原因说明" validateStatus={status('spendingCauseNote')} help={help('spendingCauseNote')}>
            <Input.TextArea aria-label="原因说明" data-testid="entry-spending-note" autoSize={{ minRows: 1, maxRows: 4 }} value={form.spendingCauseNote} onChange={(e) => set({ spendingCauseNote: e.target.value })} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="纠偏措施" validateStatus={status('spendingMeasure')} help={help('spendingMeasure')}>
            <Input.TextArea aria-label="纠偏措施" data-testid="entry-spending-measure" autoSize={{ minRows: 1, maxRows: 4 }} value={form.spendingMeasure} onChange={(e) => set({ spendingMeasure: e.target.value })} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>绩效指标完成情况</Typography.Title>
      {targets.version !== null && (
        <Typography.Paragraph type="secondary" data-testid="entry-version-note">
          截至 {form.asOf} 按{targets.version}填报（目标调整审核通过后的指标值）。
        </Typography.Paragraph>
      )}
      {indicators.map((ind, i) => {
        const line = lineOf(ind.indicatorId);
        const p = (f: string) => `indicators.${i}.${f}`;
        return (
          <Card key={ind.indicatorId} size="small" style={{ marginBottom: 8 }} data-testid="entry-indicator" data-indicator={ind.indicatorId}>
            <Typography.Text strong>
              {ind.name}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {[ind.level1, ind.level2].filter(Boolean).join(' / ')} · 年度指标值 {ind.target || '—'}
            </Typography.Text>
            <Row gutter={8} style={{ marginTop: 8 }}>
              <Col xs={24} sm={12} md={6}>
                <Form.Item label="截至目前完成值" validateStatus={status(p('valueToDate'))} help={help(p('valueToDate'))} style={{ marginBottom: 8 }}>
                  <Input aria-label="截至目前完成值" data-testid="entry-value" value={line.valueToDate} onChange={(e) => setLine(ind.indicatorId, { valueToDate: e.target.value })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={6}>
                <Form.Item label="全年预计完成值" validateStatus={status(p('projected'))} help={help(p('projected'))} style={{ marginBottom: 8 }}>
                  <Input aria-label="全年预计完成值" data-testid="entry-projected" value={line.projected} onChange={(e) => setLine(ind.indicatorId, { projected: e.target.value })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={6}>
                <Form.Item label="完成可能性" validateStatus={status(p('likelihood'))} help={help(p('likelihood'))} style={{ marginBottom: 8 }}>
                  <Select aria-label="完成可能性" data-testid="entry-likelihood" allowClear value={line.likelihood ?? undefined} options={LIKELIHOODS.map((c) => ({ value: c, label: c }))} onChange={(v?: string) => setLine(ind.indicatorId, { likelihood: v ?? null })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={6}>
                <Form.Item label="偏差原因" validateStatus={status(p('cause'))} help={help(p('cause'))} style={{ marginBottom: 8 }}>
                  <Select aria-label="偏差原因" data-testid="entry-cause" allowClear value={line.cause ?? undefined} options={DEVIATION_CAUSES.map((c) => ({ value: c, label: c }))} onChange={(v?: string) => setLine(ind.indicatorId, { cause: v ?? null })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label="原因说明" validateStatus={status(p('causeNote'))} help={help(p('causeNote'))} style={{ marginBottom: 0 }}>
                  <Input aria-label="原因说明" data-testid="entry-cause-note" value={line.causeNote} onChange={(e) => setLine(ind.indicatorId, { causeNote: e.target.value })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label="纠偏措施" validateStatus={status(p('measure'))} help={help(p('measure'))} style={{ marginBottom: 0 }}>
                  <Input aria-label="纠偏措施" data-testid="entry-measure" value={line.measure} onChange={(e) => setLine(ind.indicatorId, { measure: e.target.value })} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        );
      })}
      <Form.Item label="备注" style={{ marginTop: 8 }}>
        <Input.TextArea aria-label="备注" data-testid="entry-note" autoSize={{ minRows: 1, maxRows: 4 }} value={form.note} onChange={(e) => set({ note: e.target.value })} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="entry-save">
        保存本轮执行情况
      </Button>
    </Form>
  );
}

export function ProjectMonitoringPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const asOfParam = params.get('asOf');
  const project = useProject(id);
  const records = useExecutionRecords(id);
  const hasRecords = (records.data?.records.length ?? 0) > 0;
  const asOf = asOfParam && records.data?.records.some((r) => r.asOf === asOfParam) ? asOfParam : (records.data?.records[0]?.asOf ?? null);
  const table = useProjectMonitoring(hasRecords ? id : NaN, asOf);
  const selfEval = useSelfEvaluation(id);
  const del = useDeleteExecutionRecord(id);
  const [editing, setEditing] = useState<{ asOf: string; stored: ExecutionRecord | null } | null>(null);
  const { user } = useAuth();

  const year = project.data?.year ?? records.data?.project.year ?? null;
  const plan = useMemo(
    () => (project.data && year !== null ? planCurve(project.data.project.spendingPlan, project.data.project.budget.total, year) : []),
    [project.data, year],
  );
  const actual = useMemo(
    // each round of the budget in force on its date (目标调整): as the table of that round measures it
    () => actualCurve(records.data?.records ?? []),
    [records.data],
  );
  const indicators: IndicatorRef[] = useMemo(
    () => table.data?.indicators ?? selfEval.data?.indicators.map((i) => ({ indicatorId: i.indicatorId, name: i.name, target: i.target, level1: i.level1, level2: i.level2 })) ?? [],
    [table.data, selfEval.data],
  );
  // the versions of the targets (目标调整): a round measures those in force on its date (issue 71)
  const adjustments = useProjectAdjustments(id);
  const targetsOn = useMemo(() => {
    const versions = adjustments.data?.versions ?? [];
    return (date: string): TargetsOn => {
      if (versions.length <= 1) return { indicators, version: null };
      const v = versionInForce(versions, date || '9999-12-31');
      return {
        indicators: v.rows.flatMap((r) => (r.indicatorId === null ? [] : [{ indicatorId: r.indicatorId, name: r.name, target: r.target, level1: r.level1, level2: r.level2 }])),
        version: v.version === 1 ? null : `第 ${v.version} 版绩效目标（${v.effectiveOn} 起执行）`,
      };
    };
  }, [adjustments.data, indicators]);
  const everyIndicator = useMemo(
    () => [...new Set([...indicators.map((i) => i.indicatorId), ...(adjustments.data?.versions ?? []).flatMap((v) => v.rows.flatMap((r) => (r.indicatorId === null ? [] : [r.indicatorId])))])],
    [adjustments.data, indicators],
  );

  if (records.isPending || project.isPending || adjustments.isPending) return <Loading />;
  if (records.isError) return <ErrorState error={records.error} onRetry={() => void records.refetch()} notFound="项目不存在，或您没有权限查看。" />;
  const list = records.data;
  const name = list.project.name;
  const defaultNewDate = nextRoundDate(year, list.records.map((r) => r.asOf));
  const open = (date: string, stored: ExecutionRecord | null) => setEditing({ asOf: date, stored });
  const current = list.records.find((r) => r.asOf === asOf) ?? null;

  return (
    <div data-testid="project-monitoring-page" data-id={id}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/projects">项目</Link> },
          ...(list.project.departmentId !== null
            ? [{ title: <Link to={`/monitoring/departments/${list.project.departmentId}${year ? `?year=${year}` : ''}`}>{list.project.departmentName}</Link> }]
            : []),
          { title: <Link to={`/projects/${id}`}>{name}</Link> },
          { title: '运行监控' },
        ]}
      />
      <Card style={{ marginBottom: 16 }}>
        <Space align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
            {name}
          </Typography.Title>
          <Typography.Text type="secondary">绩效运行监控表</Typography.Text>
          {table.data?.keyMonitoring && (
            <Tag color="magenta" data-testid="key-monitoring">
              重点监控
            </Tag>
          )}
          {table.data && <LightTag light={table.data.worstLight} testId="worst-light" />}
        </Space>
        {!list.monitored && list.unmonitoredReason && <Alert type="info" showIcon title={list.unmonitoredReason} style={{ marginBottom: 12 }} />}
        <Space wrap>
          <RoundSelect value={asOf} rounds={list.records.map((r) => ({ asOf: r.asOf }))} onChange={(a) => setParams({ asOf: a }, { replace: true })} />
          {hasRecords && asOf && (
            <Button icon={<DownloadOutlined />} href={downloads.projectMonitoring(id, asOf)} data-testid="download-project-monitoring">
              下载监控表（.xlsx）
            </Button>
          )}
          {list.monitored && current && (
            <Button icon={<EditOutlined />} onClick={() => open(current.asOf, current)} data-testid="edit-round">
              修改本轮
            </Button>
          )}
          {list.monitored && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open(defaultNewDate, null)} data-testid="new-round">
              填报新一轮
            </Button>
          )}
          {list.monitored && current && (
            <Popconfirm
              title={`删除截至 ${current.asOf} 的执行记录？`}
              description={
                <span data-testid="execution-delete-explain" style={{ display: 'inline-block', maxWidth: 320 }}>
                  这一轮填报的执行数、指标完成值和偏差原因将一并删除，监控汇总随之更新；删除记入审计日志，不能恢复，需要时可重新填报这一轮。
                </span>
              }
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消" onOpenChange={(open) => open && del.reset()} onConfirm={() => del.mutate(current.asOf, { onSuccess: () => setParams({}, { replace: true }) })}>
              <Button danger icon={<DeleteOutlined />} loading={del.isPending} data-testid="execution-delete">
                删除本轮
              </Button>
            </Popconfirm>
          )}
          {del.error != null && (
            <Typography.Text type="danger" data-testid="execution-delete-error">
              {errorMessage(del.error)}
            </Typography.Text>
          )}
          <Link to={`/projects/${id}/self-evaluation`}>绩效自评 →</Link>
        </Space>
        {current && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            填报：{current.updatedBy} {formatDateTime(current.updatedAt)}
            {current.updatedOnBehalf && (
              <Tag color="orange" style={{ marginLeft: 8 }} data-testid="on-behalf-mark">
                财政部门代为修改
              </Tag>
            )}
          </Typography.Paragraph>
        )}
      </Card>
      {!hasRecords ? (
        <EmptyState description="尚未登记执行情况" />
      ) : table.isPending ? (
        <Loading />
      ) : table.isError ? (
        <ErrorState error={table.error} onRetry={() => void table.refetch()} />
      ) : (
        <>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <SpendingCard table={table.data} />
              <MonitoringLegend year={table.data.project.year} />
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title="支出进度：计划与实际" style={{ marginBottom: 16 }}>
                {plan.length === 0 && actual.length === 0 ? <EmptyState description="没有支出计划或预算" /> : <SpendingCurve plan={plan} actual={actual} height={260} testId="project-curve" />}
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={
              <Space>
                <span>绩效目标完成进度</span>
                {!table.data.complete && <Tag color="red">有黄灯/红灯未说明原因或措施</Tag>}
              </Space>
            }
          >
            <IndicatorTable table={table.data} />
          </Card>
        </>
      )}
      <Drawer
        open={editing !== null}
        size={880}
        title={editing?.stored ? `修改截至 ${editing.asOf} 的执行情况` : '填报执行情况'}
        onClose={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && (
          <EntryForm
            key={`${editing.asOf}-${editing.stored?.updatedAt ?? 'new'}`}
            projectId={id}
            targetsOn={targetsOn}
            initial={executionFormFrom(everyIndicator, editing.asOf, editing.stored)}
            fixedDate={editing.stored !== null}
            existingDates={list.records.map((r) => r.asOf)}
            year={year}
            onBehalfOf={user?.role === 'editor' ? null : (list.project.departmentName ?? '本单位')}
            onSaved={(a) => {
              setEditing(null);
              setParams({ asOf: a }, { replace: true });
            }}
          />
        )}
      </Drawer>
    </div>
  );
}
