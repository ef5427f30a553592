/**
 * 编辑: every field of a project's targets. The indicator list adds, removes and reorders rows,
 * picks categories from the framework and shows how each 指标值 is read; the review runs in the
 * browser on every pause in typing with the server's own rules, pinned to the fields. Saving
 * sends the version it started from: a stale one is refused by the server, with a reload offer.
 */
import { ArrowDownOutlined, ArrowUpOutlined, CommentOutlined, DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Affix,
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Collapse,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useBlocker, useNavigate, useParams } from 'react-router-dom';
import { normalizeCategories, type IndicatorFramework } from '../../shared/domain/framework';
import { CHECKPOINTS, type ParsedDocument } from '../../shared/domain/model';
import { anchorOf, CHECKPOINT_LABELS, indicatorAnchor } from '../../shared/domain/official-table';
import type { Finding } from '../../shared/review/types';
import { ApiError } from '../api/client';
import { useProject, useProjectAction, useSaveProject } from '../api/hooks';
import { useCarryOverInfo } from '../api/carry-over-hooks';
import { PreviousYearLine, previousOfRows } from '../components/carry-over';
import type { PreviousIndicator } from '../../shared/domain/carry-over';
import { Money } from '../components/tags';
import type { ProjectRecord, ReviewComment } from '../api/types';
import { returnRounds } from '../lib/returns';
import { FindingList } from '../components/finding-list';
import { ConfirmActionModal } from '../components/workflow-actions';
import { requestState } from '../components/action-modal';
import { groupByAnchor, OfficialTable } from '../components/official-table';
import { QueryState } from '../components/page-state';
import { ScoreTag, StatusTag } from '../components/tags';
import { TargetParse } from '../components/target-parse';
import { projectInputSchema } from '../../shared/api/projects';
import { editorInput, editorStateOf, move, newRowKey, normalizeInput, type EditorState, type IndicatorRow } from '../lib/editor-state';
import { SEVERITY_LABELS } from '../lib/labels';
import { frameworkOf, liveReview } from '../lib/live-review';
import { useDebounced } from '../lib/use-debounced';
import { SuggestionsCard } from '../components/suggestions-card';
import { insertSuggestion, placeInCategory } from '../lib/suggestions';

const LIVE_DELAY_MS = 300;

/** What the form would save, as a string: unequal to the saved one means unsaved changes. */
const inputKey = (state: EditorState) => JSON.stringify(normalizeInput(editorInput(state).input));

/** The schema's refusals by field anchor ("name", "indicator:2.name", "budget.total" …). */
function schemaErrors(input: unknown): Record<string, string> {
  const result = projectInputSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const [head, index, field] = issue.path;
    const anchor =
      head === 'indicators' && typeof index === 'number'
        ? `indicator:${index}.${String(field ?? 'name')}`
        : head === 'budget'
          ? `budget.${String(index)}`
          : String(head ?? '');
    out[anchor] ??= issue.message;
  }
  return out;
}

/** The findings of one field, as small coloured tags with the message on hover. */
function FieldFindings({ findings }: { findings: readonly Finding[] | undefined }) {
  if (!findings || findings.length === 0) return null;
  return (
    <Space size={2} wrap className="field-findings" data-testid="field-findings">
      {findings.map((f, i) => (
        <Tooltip key={i} title={`${f.message}　建议：${f.suggestion}`}>
          <Tag color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'blue'} style={{ cursor: 'help' }}>
            {SEVERITY_LABELS[f.severity]}：{f.message.length > 24 ? `${f.message.slice(0, 24)}…` : f.message}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** The reviewer's comments of the last return on one field (退回意见), under it. */
function FieldComments({ comments }: { comments: readonly ReviewComment[] | undefined }) {
  if (!comments || comments.length === 0) return null;
  return (
    <div className="field-comments">
      {comments.map((c) => (
        <div key={c.id} className="field-comment" data-testid="field-comment" data-field={c.field}>
          <CommentOutlined /> 退回意见（{c.author}）：{c.text}
        </div>
      ))}
    </div>
  );
}

/** A labelled input with its findings, the reviewer's comments and its validation error below. */
function Field({ label, error, findings, comments, children }: { label: ReactNode; error?: string; findings?: readonly Finding[]; comments?: readonly ReviewComment[]; children: ReactNode }) {
  return (
    <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error} style={{ marginBottom: 12 }}>
      {children}
      <FieldFindings findings={findings} />
      <FieldComments comments={comments} />
    </Form.Item>
  );
}

/** Options of a category picker: the framework's names, plus the stored text when it is not one of them. */
function categoryOptions(names: readonly string[], current: string): { value: string; label: string }[] {
  const options = names.map((n) => ({ value: n, label: n }));
  if (current !== '' && !names.includes(current)) options.unshift({ value: current, label: `${current}（非标准）` });
  return options;
}

function IndicatorEditor({
  row,
  index,
  count,
  framework,
  findingsAt,
  errors,
  onChange,
  onMove,
  onRemove,
  previous,
  commentsAt,
}: {
  /** The last return's comments by field (as the API names them; indicator rows by their saved index). */
  commentsAt: Map<string, ReviewComment[]>;
  /** Last year's indicator this row continues (a carried-over project); undefined for any other project. */
  previous?: { indicator: PreviousIndicator | null; year: number };
  row: IndicatorRow;
  index: number;
  count: number;
  framework: IndicatorFramework;
  findingsAt: Map<string, Finding[]>;
  errors: Record<string, string>;
  onChange: (patch: Partial<IndicatorRow>) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const norm = normalizeCategories(framework, row.level1Raw, row.level2Raw);
  const level1Names = framework.level1.map((l) => l.name);
  const parent = framework.level1.find((l) => l.name === norm.level1);
  const level2Names = (parent ? parent.level2 : framework.level1.flatMap((l) => l.level2)).map((l) => l.name);
  const at = (column: Parameters<typeof indicatorAnchor>[1]) => findingsAt.get(indicatorAnchor(index, column));
  const err = (column: Parameters<typeof indicatorAnchor>[1]) => errors[indicatorAnchor(index, column)];
  // the comments were written on the rows as saved: a row finds its own by where it came from
  const said = (column?: string) => (row.origin === null ? undefined : commentsAt.get(`indicator:${row.origin}${column ? `.${column}` : ''}`));
  const rowFindings = [...(at('level1') ?? []), ...(at('level2') ?? []), ...(at('name') ?? []), ...(at('description') ?? []), ...(at('target') ?? []), ...(at('basis') ?? [])];
  const worst = rowFindings.some((f) => f.severity === 'error') ? 'error' : rowFindings.length > 0 ? 'warning' : null;
  return (
    <Card
      size="small"
      className="indicator-card"
      data-testid="indicator-editor"
      data-index={index}
      style={worst ? { borderColor: worst === 'error' ? '#ffa39e' : '#ffd591' } : undefined}
      title={
        <Space>
          <span>指标 {index + 1}</span>
          {rowFindings.length > 0 && <Tag color={worst === 'error' ? 'red' : 'orange'}>{rowFindings.length} 条发现</Tag>}
        </Space>
      }
      extra={
        <Space size={4}>
          <Tooltip title="上移">
            <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} data-testid="indicator-up" aria-label="上移" />
          </Tooltip>
          <Tooltip title="下移">
            <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(1)} data-testid="indicator-down" aria-label="下移" />
          </Tooltip>
          <Tooltip title="删除">
            <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} data-testid="indicator-remove" aria-label="删除" />
          </Tooltip>
        </Space>
      }
    >
      {previous && <PreviousYearLine previous={previous.indicator} year={previous.year} index={index} />}
      <FieldComments comments={said()} />
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Field label="一级指标" error={err('level1')} findings={at('level1')} comments={said('level1')}>
            <Select aria-label="一级指标"
              data-testid={`level1-select-${index}`}
              value={row.level1Raw || undefined}
              placeholder="选择一级指标"
              options={categoryOptions(level1Names, row.level1Raw)}
              onChange={(v: string) => {
                // a 二级 that is not under the new 一级 is not kept: its own 二级 are offered (the only one taken)
                const under = framework.level1.find((l) => l.name === v)?.level2 ?? [];
                const keep = normalizeCategories(framework, v, row.level2Raw);
                const fits = keep.level2 !== null && under.some((l) => l.name === keep.level2);
                onChange({ level1Raw: v, level2Raw: fits ? row.level2Raw : under.length === 1 ? under[0]!.name : '' });
              }}
            />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="二级指标" error={err('level2')} findings={at('level2')} comments={said('level2')}>
            <Select aria-label="二级指标"
              data-testid={`level2-select-${index}`}
              value={row.level2Raw || undefined}
              placeholder="选择二级指标"
              options={categoryOptions(level2Names, row.level2Raw)}
              onChange={(v: string) => onChange({ level2Raw: v })}
            />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="三级指标" error={err('name')} findings={at('name')} comments={said('indicatorName')}>
            <Input aria-label="三级指标" data-testid={`indicator-name-${index}`} value={row.name} onChange={(e) => onChange({ name: e.target.value })} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="指标值" error={err('target')} findings={at('target')} comments={said('target')}>
            <Input aria-label="指标值"
              data-testid={`target-input-${index}`}
              value={row.targetRaw}
              placeholder="如 ≥95%、≤10万元、2025年12月底前"
              onChange={(e) => onChange({ targetRaw: e.target.value })}
            />
            <TargetParse raw={row.targetRaw} testId={`target-parse-${index}`} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="绩效指标描述" error={err('description')} findings={at('description')} comments={said('description')}>
            <Input.TextArea aria-label="绩效指标描述"
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={row.description}
              onChange={(e) => onChange({ description: e.target.value })}
              data-testid={`indicator-description-${index}`}
            />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="指标值确定依据" error={err('basis')} findings={at('basis')} comments={said('basis')}>
            <Input.TextArea aria-label="指标值确定依据"
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={row.basis}
              placeholder="计划标准、行业标准、历史标准、预算支出标准…"
              onChange={(e) => onChange({ basis: e.target.value })}
              data-testid={`indicator-basis-${index}`}
            />
          </Field>
        </Col>
      </Row>
    </Card>
  );
}

/** `context`: the record's document (sent with every editable record). */
function Editor({ record, context }: { record: ProjectRecord; context: ParsedDocument }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const save = useSaveProject(record.id);
  const act = useProjectAction();
  const project = useProject(record.id);
  const [state, setState] = useState<EditorState>(() => editorStateOf(record.project));
  const [version, setVersion] = useState(record.version);
  const [confirmingSubmit, setConfirmingSubmit] = useState(false);
  const [baseline, setBaseline] = useState(() => inputKey(editorStateOf(record.project)));
  const framework = useMemo(() => frameworkOf(context), [context]);
  // A project started from last year's: last year's target and actual value beside each row.
  const basis = useCarryOverInfo(record.id, record.version).data?.basis ?? null;
  const previous = useMemo(() => previousOfRows(state.indicators, basis), [state.indicators, basis]);

  const converted = useMemo(() => editorInput(state), [state]);
  // The server's own checks (the shared schema): what it would refuse, shown before sending.
  const errors = useMemo(() => ({ ...schemaErrors(converted.input), ...converted.errors }), [converted]);
  const dirty = inputKey(state) !== baseline;
  const debounced = useDebounced(converted.input, LIVE_DELAY_MS);
  const live = useMemo(
    () => liveReview(context, record.projectIndex, normalizeInput(debounced)),
    [context, record.projectIndex, debounced],
  );
  // a field whose input cannot be read says so; the review's "未填写" of the blank it was read as would only mislead
  const shownFindings = useMemo(
    () => live.findings.filter((f) => !(f.category === 'missing' && errors[anchorOf(f)] !== undefined)),
    [live.findings, errors],
  );
  const findingsAt = useMemo(() => groupByAnchor(shownFindings, anchorOf), [shownFindings]);
  const pending = debounced !== converted.input;
  // the last return's comments (退回意见), each at its field
  const lastReturn = useMemo(() => (record.status === 'returned' ? (returnRounds(record).rounds[0] ?? null) : null), [record]);
  const commentsAt = useMemo(() => {
    const map = new Map<string, ReviewComment[]>();
    for (const c of lastReturn?.comments ?? []) map.set(c.field, [...(map.get(c.field) ?? []), c]);
    return map;
  }, [lastReturn]);
  const said = (field: string) => commentsAt.get(field);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers ask only with a returnValue
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // leaving the editor inside the app (a link, the menu, 返回, the browser's back) asks first while changes are unsaved
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  // Asked once per navigation held back, known by its location: a second link clicked right after 留在此页 can be held
  // back before this page has drawn the first one let go (no dialog moving out to wait for: less motion), and a flag
  // reset only on that drawing stayed set — the link then did nothing and said nothing (issue 38).
  const askedAbout = useRef<unknown>(undefined);
  useEffect(() => {
    if (blocker.state !== 'blocked' || askedAbout.current === blocker.location) return;
    askedAbout.current = blocker.location;
    modal.confirm({
      title: '有未保存的修改',
      content: <span data-testid="leave-message">离开此页将丢失未保存的修改。确定离开吗？</span>,
      okText: '放弃修改并离开',
      cancelText: '留在此页',
      okButtonProps: { danger: true, 'data-testid': 'leave-confirm' },
      cancelButtonProps: { 'data-testid': 'leave-cancel' },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);

  const reset = (r: ProjectRecord) => {
    const next = editorStateOf(r.project);
    setState(next);
    setVersion(r.version);
    setBaseline(inputKey(next));
  };

  const set = (patch: Partial<EditorState>) => setState((s) => ({ ...s, ...patch }));
  const setRow = (index: number, patch: Partial<IndicatorRow>) => {
    const recategorized = 'level1Raw' in patch || 'level2Raw' in patch;
    const rows = state.indicators.map((r, i) => (i === index ? { ...r, ...patch } : r));
    // a new row goes into its category group, in the framework's order (as the official table lists it),
    // once its 二级 is chosen (a 一级 alone would move it before its 二级 is picked)
    if (recategorized && rows[index]?.origin === null && rows[index].level2Raw.trim() !== '') {
      const placed = placeInCategory(rows, index, framework);
      setState((s) => ({ ...s, indicators: placed.rows }));
      if (placed.index !== index) {
        setTimeout(() => document.querySelector(`[data-testid="indicator-editor"][data-index="${placed.index}"]`)?.scrollIntoView({ block: 'center' }), 0);
      }
      return;
    }
    setState((s) => ({ ...s, indicators: s.indicators.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
  };

  const doSave = async (): Promise<ProjectRecord | null> => {
    const problems = Object.values(errors);
    if (problems.length > 0) {
      void message.error(`请先改正：${problems[0]}`);
      return null;
    }
    try {
      const saved = await save.mutateAsync({ version, project: converted.input });
      reset(saved);
      void message.success(`已保存（版本 ${saved.version}）`);
      return saved;
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'stale-version' || e.status === 409)) {
        modal.confirm({
          title: e.code === 'stale-version' ? '保存冲突：项目已被他人修改' : '不能保存',
          content: <div data-testid="stale-message">{e.message}</div>,
          okText: '重新加载',
          cancelText: '留在此页',
          okButtonProps: { 'data-testid': 'reload-project' },
          onOk: async () => {
            const fresh = await project.refetch();
            if (fresh.data) reset(fresh.data);
            if (fresh.data && !fresh.data.editable) navigate(`/projects/${record.id}`);
          },
        });
      } else {
        const issues = e instanceof ApiError && e.issues.length > 0 ? `：${e.issues.map((i) => i.message).join('；')}` : '';
        void message.error(`${e instanceof Error ? e.message : '保存失败'}${issues}`);
      }
      return null;
    }
  };

  /** Saves when needed, then submits; false when the submit failed (its dialog stays open, saying why). */
  const doSubmit = async (comment = ''): Promise<boolean> => {
    let v = version;
    if (dirty) {
      const saved = await doSave();
      // the save's own message or stale-version dialog says why
      if (!saved) return true;
      v = saved.version;
    }
    try {
      await act.mutateAsync({ id: record.id, action: 'submit', version: v, ...(comment ? { comment } : {}) });
      void message.success('已提交审核');
      navigate(`/projects/${record.id}`);
      return true;
    } catch {
      return false;
    }
  };

  const canSubmit = record.allowedActions.includes('submit');
  const openErrors = useMemo(() => shownFindings.filter((f) => f.severity === 'error'), [shownFindings]);
  const at = (anchor: string) => findingsAt.get(anchor);

  return (
    <div data-testid="project-editor" data-version={version}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/projects">项目</Link> },
          { title: <Link to={`/projects/${record.id}`}>{record.project.name || '（未命名）'}</Link> },
          { title: '编辑' },
        ]}
      />
      <Space align="center" style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          编辑绩效目标
        </Typography.Title>
        <StatusTag status={record.status} />
        <Typography.Text type="secondary">
          {record.department.name} · 版本 {version}
        </Typography.Text>
        {dirty && <Tag color="gold" data-testid="dirty-tag">有未保存的修改</Tag>}
      </Space>
      {lastReturn && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="editor-return-banner"
          title={`第 ${lastReturn.round} 次退回（${lastReturn.event.actor}）：${lastReturn.event.comment ?? '见各字段的意见'}`}
          description={lastReturn.comments.length > 0 ? `另有 ${lastReturn.comments.length} 条意见标在对应字段下方。` : undefined}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Form layout="vertical" component="div">
            <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Field label="项目编码" error={errors.code} findings={at('code')} comments={said('code')}>
                    <Input aria-label="项目编码" data-testid="field-code" value={state.code} onChange={(e) => set({ code: e.target.value })} />
                  </Field>
                </Col>
                <Col xs={24} md={14}>
                  <Field label="项目名称" error={errors.name} findings={at('name')} comments={said('name')}>
                    <Input aria-label="项目名称" data-testid="field-name" value={state.name} onChange={(e) => set({ name: e.target.value })} />
                  </Field>
                </Col>
              </Row>
            </Card>
            <Card title="预算规模及资金用途（万元）" size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                {(
                  [
                    ['total', '预算数'],
                    ['fiscal', '其中：财政资金'],
                    ['other', '其他资金'],
                  ] as const
                ).map(([key, label]) => (
                  <Col xs={24} md={8} key={key}>
                    <Field label={label} error={errors[`budget.${key}`]} findings={at(`budget.${key}`)} comments={said(`budget.${key}`)}>
                      <Input aria-label={`${label}（万元）`} data-testid={`field-budget-${key}`} suffix="万元" inputMode="decimal" value={state[key]} onChange={(e) => set({ [key]: e.target.value })} />
                    </Field>
                  </Col>
                ))}
              </Row>
              {basis && (
                <Typography.Paragraph type="secondary" data-testid="previous-budget" style={{ marginTop: -4 }}>
                  上年（{basis.source.year}年）预算数 <Money fen={basis.source.budget.total} unit={basis.source.amountUnit} />，其中财政资金{' '}
                  <Money fen={basis.source.budget.fiscal} unit={basis.source.amountUnit} />；本年预算数请按本年安排填写。
                </Typography.Paragraph>
              )}
              <Field label="资金用途（项目概况）" error={errors.purpose} findings={at('purpose')} comments={said('purpose')}>
                <Input.TextArea aria-label="资金用途（项目概况）" data-testid="field-purpose" autoSize={{ minRows: 2, maxRows: 8 }} value={state.purpose} onChange={(e) => set({ purpose: e.target.value })} />
              </Field>
            </Card>
            <Card
              title="资金支出计划（累计）"
              size="small"
              style={{ marginBottom: 16 }}
              extra={
                <Radio.Group
                  size="small"
                  value={state.planMode}
                  onChange={(e) => set({ planMode: e.target.value as EditorState['planMode'], plan: { '03': '', '06': '', '10': '', '12': '' } })}
                  options={[
                    { value: 'percent', label: '按百分比' },
                    { value: 'amount', label: '按金额（万元）' },
                  ]}
                  data-testid="plan-mode"
                />
              }
            >
              <FieldFindings findings={at('spendingPlan')} />
              <FieldComments comments={said('spendingPlan')} />
              <Row gutter={12}>
                {CHECKPOINTS.map((c) => (
                  <Col xs={12} md={6} key={c}>
                    <Field label={CHECKPOINT_LABELS[c]} error={errors[`spendingPlan.${c}`]} findings={at(`spendingPlan.${c}`)} comments={said(`spendingPlan.${c}`)}>
                      <Input aria-label={`资金支出计划 ${CHECKPOINT_LABELS[c]}`}
                        data-testid={`field-plan-${c}`}
                        suffix={state.planMode === 'percent' ? '%' : '万元'}
                        inputMode="decimal"
                        value={state.plan[c]}
                        onChange={(e) => set({ plan: { ...state.plan, [c]: e.target.value } })}
                      />
                    </Field>
                  </Col>
                ))}
              </Row>
            </Card>
            <Card title="年度绩效目标" size="small" style={{ marginBottom: 16 }}>
              <FieldFindings findings={at('goals')} />
              <FieldComments comments={said('goals')} />
              {state.goals.map((goal, i) => (
                <Space.Compact key={i} style={{ width: '100%', marginBottom: 8 }}>
                  <Input.TextArea aria-label={`年度绩效目标 ${i + 1}`}
                    data-testid={`field-goal-${i}`}
                    autoSize={{ minRows: 1, maxRows: 6 }}
                    value={goal}
                    placeholder={`目标 ${i + 1}`}
                    onChange={(e) => set({ goals: state.goals.map((g, k) => (k === i ? e.target.value : g)) })}
                  />
                  <Button icon={<DeleteOutlined />} aria-label="删除目标" onClick={() => set({ goals: state.goals.filter((_, k) => k !== i) })} />
                </Space.Compact>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => set({ goals: [...state.goals, ''] })} data-testid="add-goal">
                添加目标
              </Button>
            </Card>
            <Card title={`绩效指标（${state.indicators.length}）`} size="small" style={{ marginBottom: 16 }}>
              <FieldFindings findings={at('indicators')} />
              <FieldComments comments={said('indicators')} />
              {state.indicators.map((row, i) => (
                <IndicatorEditor
                  key={row.key}
                  row={row}
                  index={i}
                  count={state.indicators.length}
                  framework={framework}
                  findingsAt={findingsAt}
                  errors={errors}
                  onChange={(patch) => setRow(i, patch)}
                  onMove={(delta) => set({ indicators: move(state.indicators, i, delta) })}
                  onRemove={() => set({ indicators: state.indicators.filter((_, k) => k !== i) })}
                  commentsAt={commentsAt}
                  previous={previous && basis?.source.year != null ? { indicator: previous[i] ?? null, year: basis.source.year } : undefined}
                />
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                data-testid="add-indicator"
                onClick={() => {
                  const last = state.indicators.at(-1);
                  const row: IndicatorRow = {
                    key: newRowKey(),
                    level1Raw: last?.level1Raw ?? framework.level1[0]?.name ?? '',
                    level2Raw: last?.level2Raw ?? framework.level1[0]?.level2[0]?.name ?? '',
                    origin: null,
                    name: '',
                    description: '',
                    targetRaw: '',
                    basis: '',
                  };
                  set({ indicators: [...state.indicators, row] });
                }}
              >
                添加指标
              </Button>
            </Card>
            <SuggestionsCard
              projectId={record.id}
              rows={state.indicators}
              onInsert={(s) => {
                const { rows, index, basisLeftOut } = insertSuggestion(state.indicators, s, framework, record.year);
                set({ indicators: rows });
                void message.success(
                  `已将“${s.name}”插入${s.level2 ?? '指标'}（第 ${index + 1} 行），请核实指标值${basisLeftOut === null ? '' : `；同类项目的确定依据“${basisLeftOut}”写的是本项目以后的年度，未填入，请按本项目填写`}`,
                );
                setTimeout(() => document.querySelector(`[data-testid="indicator-editor"][data-index="${index}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 0);
              }}
            />
          </Form>
          <Collapse
            items={[
              {
                key: 'preview',
                label: '表格预览（按保存后的样式）',
                children: <OfficialTable project={live.project} findings={live.findings} />,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Affix offsetTop={12}>
            <Card size="small" data-testid="live-panel">
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                <Statistic title="实时质量分" value={live.score ? live.score.score : '—'} data-testid="live-score" />
                <div style={{ paddingTop: 24 }}>
                  <ScoreTag score={live.score?.score} grade={live.score?.grade} />
                </div>
              </Space>
              <Space wrap style={{ margin: '12px 0' }}>
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => void doSave()} disabled={!dirty} data-testid="save-project">
                  保存
                </Button>
                {canSubmit && (
                  <Button icon={<SendOutlined />} loading={act.isPending} onClick={() => setConfirmingSubmit(true)} data-testid="submit-project">
                    {dirty ? '保存并提交' : '提交审核'}
                  </Button>
                )}
                <Button onClick={() => navigate(`/projects/${record.id}`)}>返回</Button>
              </Space>
              {Object.keys(errors).length > 0 && (
                <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`有 ${Object.keys(errors).length} 处输入需要改正`} />
              )}
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                实时审核发现（{shownFindings.length}）{pending && <Typography.Text type="secondary"> 审核中…</Typography.Text>}
              </Typography.Title>
              <div style={{ maxHeight: '60vh', overflowY: 'auto' }}>
                <FindingList
                  findings={shownFindings}
                  project={live.project}
                  testId="live-findings"
                  empty="没有发现问题"
                  onSelect={(anchor) => {
                    const m = /^indicator:(\d+)\./.exec(anchor);
                    const target = m ? document.querySelector(`[data-testid="indicator-editor"][data-index="${m[1]}"]`) : null;
                    target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
                  }}
                />
              </div>
            </Card>
          </Affix>
        </Col>
      </Row>
      <ConfirmActionModal
        action={confirmingSubmit ? 'submit' : null}
        status={record.status}
        errors={{ project: live.project, findings: openErrors }}
        request={requestState(act, { isPending: save.isPending, error: null })}
        onCancel={() => setConfirmingSubmit(false)}
        onConfirm={(comment) => {
          void doSubmit(comment).then((close) => close && setConfirmingSubmit(false));
        }}
      />
    </div>
  );
}

export function ProjectEditPage() {
  const id = Number(useParams().id);
  const query = useProject(id);
  return (
    <QueryState query={query} notFound="项目不存在，或您没有权限查看。">
      {(record) =>
        record.editable && record.context !== null ? (
          <Editor key={record.id} record={record} context={record.context} />
        ) : (
          <Alert
            data-testid="not-editable"
            type="warning"
            showIcon
            title="此项目当前不能修改"
            description={
              <span>
                只有草稿或退回的项目可以修改（已提交的项目在退回前不能修改）。<Link to={`/projects/${id}`}>返回项目</Link>
              </span>
            }
          />
        )
      }
    </QueryState>
  );
}
