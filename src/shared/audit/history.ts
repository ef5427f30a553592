/**
 * The change history (修改记录) as a person reads it (issue 34): an audit entry becomes its action
 * in Chinese and one row per changed field, the field by its Chinese label, the value before and
 * after in words (amounts in 万元 with two decimals, percentages with two, statuses by name, lists
 * as numbered lines), and a long text's change as a character diff. Never a key, a JSON text or an
 * amount in fen: a field this table does not name is shown as 其他字段 and flagged (`unlabelled`),
 * which the tests refuse. Pure: the web page and the server's xlsx export both use it.
 */
import { CHECKPOINT_LABELS } from '../domain/official-table';
import { allCriteria, CONCLUSION_LABELS, DEFAULT_EX_ANTE_CONFIG, EX_ANTE_STATUS_LABELS } from '../domain/ex-ante';
import type { Checkpoint } from '../domain/model';
import { formatPercentText, formatWanText } from '../domain/money';
import { RECTIFICATION_SOURCE_LABELS, RECTIFICATION_STATUS_LABELS } from '../domain/rectification';
import { PROJECT_STATUSES, STATUS_LABELS } from '../domain/workflow';
import { ROLE_NAMES, type Role } from '../domain/duties';
import { REVIEW_LEVEL_LABELS } from '../domain/review-levels';
import { POLICY_FIELD_NAMES, POLICY_FIELDS, policyValueText, type PolicyField } from '../domain/security-policy';
import { STAGE_KIND_LABELS, STAGE_STATE_LABELS } from '../domain/stages';
import { auditActionLabel } from './actions';
import { diffText, type DiffPart } from './text-diff';

export interface HistoryRow {
  /** The field's Chinese label ("预算数", "指标“培训人次”·实际完成值"); 其他字段 for one not in the table. */
  field: string;
  /** The value before in words; '' when the entry records no earlier value (a comment, a new record). */
  before: string;
  after: string;
  /** A long text's change, character by character; null for a short or one-sided value. */
  diff: DiffPart[] | null;
  /** The field is not in the label table (shown as 其他字段): a test fails for it. */
  unlabelled?: true;
}

export interface HistoryEntry {
  at: string;
  /** "张三（zhangsan）", or the process's name. */
  actor: string;
  action: string;
  actionLabel: string;
  rows: HistoryRow[];
}

/** Names of what a detail refers to by id: a project's indicators (execution records, self-evaluation). */
export interface HistoryNames {
  indicator?: (id: string) => string | undefined;
}

/** Who made an entry: "张三（zhangsan）"; the name alone when it is the username (a process) or none is known. */
export function historyActorName(entry: { actor: string; actorUsername: string | null }): string {
  return entry.actorUsername === null || entry.actorUsername === entry.actor ? entry.actor : `${entry.actor}（${entry.actorUsername}）`;
}

/**
 * Who wrote an entry of the whole audit log, for the auditor (issue 72): a process — its name recorded without an
 * account, `system`, the command line, the demo data — marked as one ("系统进程：system"), a person by name and username;
 * an entry older than accounts in the log (both unknown) by its name alone.
 */
export function auditActorName(entry: { actor: string; actorUsername: string | null; actorUserId: number | null }): string {
  const process = (entry.actorUserId === null || entry.actorUserId === 0) && entry.actorUsername !== null;
  return process ? `系统进程：${entry.actor}` : historyActorName(entry);
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a field's value reads. */
type Kind =
  | 'text'
  | 'money'
  | 'percent'
  | 'points'
  | 'count'
  | 'bool'
  | 'date'
  | 'time'
  | 'codeKind'
  | 'policy'
  | 'projectStatus'
  | 'exAnteStatus'
  | 'rectificationStatus'
  | 'conclusion'
  | 'source'
  | 'plan'
  | 'goals'
  | 'indicatorRows'
  | 'list'
  | 'reviewLevels'
  | 'role'
  | 'actualKind'
  | 'stageKind'
  | 'adjustmentChanges'
  | 'departments'
  | 'statusCounts'
  | 'perMille';

interface FieldSpec {
  label: string;
  kind?: Kind;
  /** Its parts are named without it ("预算数", not "预算·预算数"). */
  flat?: true;
  /** The log's bookkeeping for this action (a row id, a hash): not shown. */
  hidden?: true;
}

/** A field the history does not show: an id that names nothing to a person, a file's hash (issue 58). */
const HIDE: FieldSpec = { label: '', hidden: true };

/** A self-evaluation result under `key` (issue 71): its total, grade and the version of the targets it was scored on. */
function scoredResult(key: string, label: string): Record<string, FieldSpec> {
  return {
    [key]: { label },
    [`${key}.total`]: { label: '自评得分', kind: 'points' },
    [`${key}.grade`]: { label: '自评等级' },
    [`${key}.version`]: { label: '评分所依绩效目标版本', kind: 'count' },
  };
}

/**
 * The fields, by path: `budget.total`; `*` stands for an id (an indicator's, a criterion's). A
 * path of an action scope ("execution.", "self-evaluation.") wins over the common one.
 */
const COMMON: Record<string, FieldSpec> = {
  code: { label: '项目编码' },
  name: { label: '项目名称' },
  purpose: { label: '资金用途（项目概况）' },
  budget: { label: '预算', flat: true },
  'budget.total': { label: '预算数', kind: 'money' },
  'budget.fiscal': { label: '财政资金', kind: 'money' },
  'budget.other': { label: '其他资金', kind: 'money' },
  spendingPlan: { label: '资金支出计划', kind: 'plan' },
  goals: { label: '年度绩效目标', kind: 'goals' },
  indicators: { label: '绩效指标', kind: 'indicatorRows' },
  status: { label: '状态', kind: 'projectStatus' },
  comment: { label: '意见' },
  comments: { label: '逐项意见' },
};

const SCOPED: Record<string, Record<string, FieldSpec>> = {
  // issue 58: every action's fields in words; ids that name nothing to a person are not shown (the entry's subject names the object)
  'department.create': { code: { label: '单位编码' }, name: { label: '单位名称' }, regionCode: { label: '所属区划代码' } },
  'department.rename': { code: { label: '单位编码' }, from: { label: '原名称' }, to: { label: '新名称' } },
  'department.assignCode': { name: { label: '单位名称' }, code: { label: '单位编码' } },
  'department.parent': { name: { label: '单位名称' }, from: HIDE, to: HIDE, fromName: { label: '原主管部门' }, parentName: { label: '主管部门' } },
  'department.section': { name: { label: '单位名称' }, from: HIDE, to: HIDE, fromName: { label: '原归口科室' }, sectionName: { label: '归口业务科室' } },
  'section.create': { regionCode: { label: '区划代码' }, regionName: { label: '区划' }, name: { label: '科室名称' } },
  'section.rename': { regionCode: { label: '区划代码' }, from: { label: '原名称' }, to: { label: '新名称' } },
  'section.delete': { regionCode: { label: '区划代码' }, name: { label: '科室名称' } },
  'region.reviewLevels': { code: { label: '区划代码' }, name: { label: '区划' }, from: { label: '原审核层级', kind: 'reviewLevels' }, to: { label: '审核层级', kind: 'reviewLevels' }, fromYear: { label: '自预算年度', kind: 'count' } },
  'region.approvalSettings': {
    code: { label: '区划代码' },
    year: { label: '预算年度', kind: 'count' },
    from: { label: '原设置' },
    to: { label: '新设置' },
    'from.exAnteGate': { label: '事前绩效评估把关', kind: 'bool' },
    'to.exAnteGate': { label: '事前绩效评估把关', kind: 'bool' },
    'from.budgetChangePerMille': { label: '预算变动须评估的幅度', kind: 'perMille' },
    'to.budgetChangePerMille': { label: '预算变动须评估的幅度', kind: 'perMille' },
    'from.publishRequiresIssue': { label: '公开须先批复', kind: 'bool' },
    'to.publishRequiresIssue': { label: '公开须先批复', kind: 'bool' },
  },
  'approval.issue': { batchId: HIDE, docNumber: { label: '批复文号' }, issuedOn: { label: '批复日期', kind: 'date' } },
  'adjustment.request': {
    adjustmentId: HIDE,
    effectiveOn: { label: '生效日期', kind: 'date' },
    reason: { label: '调整理由' },
    changes: { label: '调整内容', kind: 'adjustmentChanges' },
    budget: { label: '全年预算', flat: true },
    'budget.before': { label: '调整前全年预算', kind: 'money' },
    'budget.after': { label: '调整后全年预算', kind: 'money' },
  },
  adjustment: { adjustmentId: HIDE, effectiveOn: { label: '生效日期', kind: 'date' }, version: { label: '绩效目标版本', kind: 'count' } },
  'document.import': {
    file: { label: '文件名' },
    sha256: HIDE,
    year: { label: '年度', kind: 'count' },
    departmentId: HIDE,
    projects: { label: '项目数', kind: 'count' },
    indicators: { label: '绩效指标数', kind: 'count' },
    diagnostics: { label: '读取提示数', kind: 'count' },
    replaces: HIDE,
    scope: { label: '文件范围' },
    carryOverFrom: HIDE,
  },
  'document.supersede': { supersededBy: HIDE, file: { label: '被替换的文件' }, sha256: HIDE },
  stage: {
    title: { label: '工作阶段' },
    regionCode: { label: '区划代码' },
    year: { label: '年度', kind: 'count' },
    kind: { label: '阶段类型', kind: 'stageKind' },
    roundAsOf: { label: '监控截至日期', kind: 'date' },
    label: { label: '阶段名称' },
    opensOn: { label: '开始日期', kind: 'date' },
    dueOn: { label: '截止日期', kind: 'date' },
    'label.from': { label: '原名称' },
    'label.to': { label: '新名称' },
    'opensOn.from': { label: '原开始日期', kind: 'date' },
    'opensOn.to': { label: '新开始日期', kind: 'date' },
    'dueOn.from': { label: '原截止日期', kind: 'date' },
    'dueOn.to': { label: '新截止日期', kind: 'date' },
    departments: { label: '催办的单位', kind: 'departments' },
    notifications: { label: '发出通知数', kind: 'count' },
  },
  generate: {
    projects: { label: '项目数', kind: 'count' },
    seed: { label: '随机种子', kind: 'count' },
    year: { label: '年度', kind: 'count' },
    years: { label: '年数', kind: 'count' },
    statuses: { label: '各状态项目数', kind: 'statusCounts' },
  },
  project: {
    exAnte: { label: '事前绩效评估' },
    'exAnte.conclusion': { label: '评估结论', kind: 'conclusion' },
    'exAnte.parts': { label: '支持的部分' },
    level: { label: '审核层级' },
    note: { label: '说明' },
  },
  'region.import': {
    added: { label: '新增区划数', kind: 'count' },
    updated: { label: '更新区划数', kind: 'count' },
    unchanged: { label: '未变区划数', kind: 'count' },
    total: { label: '文件中的区划数', kind: 'count' },
  },
  'department.region': {
    name: { label: '单位名称' },
    from: { label: '原所属区划' },
    to: { label: '所属区划' },
  },
  // a document's import, its replacement by a later version, its withdrawal (撤回导入, issue 54)
  document: {
    file: { label: '文件名' },
    sha256: { label: '文件摘要（SHA-256）' },
    year: { label: '年度', kind: 'count' },
    departmentId: { label: '单位编号', kind: 'count' },
    department: { label: '单位' },
    projects: { label: '项目数', kind: 'count' },
    indicators: { label: '指标数', kind: 'count' },
    diagnostics: { label: '诊断信息数', kind: 'count' },
    replaces: { label: '替换的文件编号', kind: 'list' },
    replacedStatuses: { label: '被替换项目的状态' },
    ...Object.fromEntries(PROJECT_STATUSES.map((s) => [`replacedStatuses.${s}`, { label: `${STATUS_LABELS[s]}项目数`, kind: 'count' as const }])),
    replacedBy: { label: '替换人的角色', kind: 'role' },
    supersededBy: { label: '替换它的文件编号', kind: 'count' },
    reason: { label: '撤回理由' },
    importedAt: { label: '导入时间', kind: 'time' },
    importedBy: { label: '导入人' },
    restored: { label: '恢复为现行版本的文件编号', kind: 'list' },
    keptAsHistory: { label: '仍为历史版本的文件编号', kind: 'list' },
    removedDepartment: { label: '删除的新建单位' },
    'removedDepartment.id': { label: '单位编号', kind: 'count' },
    'removedDepartment.code': { label: '单位编码' },
    'removedDepartment.name': { label: '单位名称' },
    // the 自评表 matched to its projects, matched to none since (issue 72)
    unlinkedSelfEvaluations: { label: '解除项目关联的自评表', kind: 'list' },
  },
  'project.carryOver': {
    sourceProjectId: HIDE,
    sourceName: { label: '上年项目' },
    sourceYear: { label: '上年年度', kind: 'count' },
    year: { label: '编制年度', kind: 'count' },
    indicators: { label: '沿用的绩效指标数', kind: 'count' },
    withActual: { label: '附上年实际值的指标数', kind: 'count' },
    yearsMoved: { label: '年份改为下年的处数', kind: 'count' },
  },
  'results.decide': {
    consequence: { label: '结果运用' },
    percent: { label: '下年预算安排比例', kind: 'percent' },
    amountFen: { label: '下年预算安排金额', kind: 'money' },
    overridden: { label: '调整了系统建议', kind: 'bool' },
    reason: { label: '调整理由' },
    suggestion: { label: '系统建议' },
    'suggestion.consequence': { label: '结果运用' },
    'suggestion.percent': { label: '下年预算安排比例', kind: 'percent' },
    'suggestion.amountFen': { label: '下年预算安排金额', kind: 'money' },
    basis: { label: '依据' },
    'basis.grade': { label: '自评等级' },
    'basis.total': { label: '自评得分', kind: 'points' },
  },
  'submitted-self-evaluation.import': {
    file: { label: '来源文件' },
    table: { label: '文件中的第几张自评表', kind: 'count' },
    project: { label: '项目名称' },
    unit: { label: '实施单位' },
    year: { label: '年度', kind: 'count' },
    matchedProjectId: { label: '对应系统内项目编号', kind: 'count' },
    selfScore: { label: '自评得分', kind: 'points' },
    recomputed: { label: '复核计算得分', kind: 'points' },
    findings: { label: '问题数', kind: 'count' },
    replaced: { label: '替换此前导入的自评表', kind: 'bool' },
  },
  'submitted-self-evaluation.conclude': {
    project: { label: '项目名称' },
    conclusion: { label: '复核结论' },
    score: { label: '复核后得分', kind: 'points' },
    comment: { label: '复核说明' },
  },
  // issue 71: a published self-evaluation kept when an approved adjustment would re-score it, and the re-score accepted
  'self-evaluation.keep': { adjustmentId: HIDE, ...scoredResult('published', '保留的公开结果'), ...scoredResult('rescored', '按新目标重新评分') },
  'self-evaluation.rescore-accept': { ...scoredResult('before', '原公开结果'), ...scoredResult('after', '重新评分结果') },
  'self-evaluation.save': {
    total: { label: '自评得分', kind: 'points' },
    grade: { label: '自评等级' },
    adjustedBudgetFen: { label: '全年预算数', kind: 'money' },
    spentFen: { label: '全年执行数', kind: 'money' },
    executionExplanation: { label: '预算执行情况说明' },
    goalAchievement: { label: '总体绩效目标完成情况' },
    indicators: { label: '绩效指标' },
    'indicators.*': { label: '指标' },
    'indicators.*.weight': { label: '分值', kind: 'points' },
    'indicators.*.actualKind': { label: '实际值填报方式', kind: 'actualKind' },
    'indicators.*.actualText': { label: '实际完成值' },
    'indicators.*.grade': { label: '完成等级' },
    'indicators.*.percent': { label: '完成程度', kind: 'percent' },
    'indicators.*.deviationCause': { label: '偏差原因' },
    'indicators.*.improvement': { label: '改进措施' },
  },
  execution: {
    asOf: { label: '截至日期', kind: 'date' },
    replaced: { label: '覆盖同期已填报的数据', kind: 'bool' },
    onBehalf: { label: '由财政代为填报', kind: 'bool' },
    spentFen: { label: '累计支出', kind: 'money' },
    spendingCause: { label: '支出偏差原因' },
    spendingCauseNote: { label: '支出偏差原因说明' },
    spendingMeasure: { label: '支出纠偏措施' },
    note: { label: '备注' },
    indicators: { label: '绩效指标' },
    'indicators.*': { label: '指标' },
    'indicators.*.valueToDate': { label: '截至目前完成值' },
    'indicators.*.projected': { label: '全年预计完成值' },
    'indicators.*.likelihood': { label: '完成可能性' },
    'indicators.*.cause': { label: '偏差原因' },
    'indicators.*.causeNote': { label: '偏差原因说明' },
    'indicators.*.measure': { label: '纠偏措施' },
  },
  'ex-ante': {
    totalPoints: { label: '评估总分', kind: 'points' },
    conclusion: { label: '评估结论', kind: 'conclusion' },
    conclusionReason: { label: '结论理由' },
    findings: { label: '审核发现的问题数', kind: 'count' },
    prefilled: { label: '按审核结果预填的评分', kind: 'list' },
    copiedFrom: { label: '沿用的评估' },
    'copiedFrom.projectId': HIDE,
    'copiedFrom.assessmentId': HIDE,
    'copiedFrom.status': { label: '状态', kind: 'exAnteStatus' },
    status: { label: '评估状态', kind: 'exAnteStatus' },
    scores: { label: '评分' },
    'scores.*': { label: '评估要点' },
    'scores.*.points': { label: '得分', kind: 'points' },
    'scores.*.reason': { label: '评分理由' },
  },
  rectification: {
    projectId: HIDE,
    departmentId: HIDE,
    sourceKind: { label: '问题来源', kind: 'source' },
    sourceKey: HIDE,
    sourceText: { label: '问题描述' },
    requirement: { label: '整改要求' },
    deadline: { label: '整改期限', kind: 'date' },
    ownerPerson: { label: '责任人' },
    changes: { label: '修改内容' },
    'changes.deadline': { label: '整改期限', kind: 'date' },
    'changes.ownerPerson': { label: '责任人' },
    'changes.requirement': { label: '整改要求' },
    reason: { label: '理由' },
    from: { label: '原状态', kind: 'rectificationStatus' },
    to: { label: '新状态', kind: 'rectificationStatus' },
    note: { label: '说明' },
    item: { label: '撤销的事项' },
    'item.projectId': HIDE,
    'item.departmentId': HIDE,
    'item.sourceKind': { label: '问题来源', kind: 'source' },
    'item.sourceKey': HIDE,
    'item.sourceText': { label: '问题描述' },
    'item.requirement': { label: '整改要求' },
    files: { label: '证明材料', kind: 'list' },
  },
  // accounts (issue 57): names, roles with what they need, one-time codes, locks
  user: {
    username: { label: '用户名' },
    displayName: { label: '姓名' },
    disabled: { label: '停用', kind: 'bool' },
    role: { label: '角色', kind: 'role' },
    department: { label: '所属单位' },
    region: { label: '所属区划' },
    section: { label: '业务科室' },
    // an early entry's ids are left out (issue 58): its names, where it has them, say the same
    departmentId: HIDE,
    departmentName: { label: '所属单位' },
    regionCode: { label: '区划代码' },
    sectionId: HIDE,
    sectionName: { label: '业务科室' },
    passwordChanged: { label: '修改了密码', kind: 'bool' },
    mustChangePassword: { label: '须在下次登录时修改密码', kind: 'bool' },
    codeKind: { label: '一次性密码', kind: 'codeKind' },
    codeExpiresAt: { label: '一次性密码有效至', kind: 'time' },
    lockedUntil: { label: '锁定至', kind: 'time' },
    failures: { label: '连续登录失败次数', kind: 'count' },
    // the auditor's disabling asked and consented (issue 72)
    requestedBy: { label: '申请人（安全管理员）' },
    requestedAt: { label: '申请时间', kind: 'time' },
    // a login limit reached (issue 72)
    address: { label: '登录地址' },
    rule: { label: '限制规则' },
    attempts: { label: '失败登录次数', kind: 'count' },
    until: { label: '限制至', kind: 'time' },
  },
  // form templates (表样, issue 54)
  'form-template': {
    name: { label: '表样名称' },
    region: { label: '所属区划' },
    header: { label: '指标表头' },
    source: { label: '来源' },
    from: { label: '原名称' },
    to: { label: '新名称' },
    replacedBy: { label: '被新表样替换' },
  },
  security: Object.fromEntries(POLICY_FIELD_NAMES.map((f) => [f, { label: POLICY_FIELDS[f].label, kind: 'policy' }])),
  'migration.boundsRepair': {
    table: { label: '数据表' },
    column: { label: '字段' },
    value: { label: '超出范围的值' },
  },
};

/** Keys that are the log's bookkeeping, not a change a person made (a version counter, a row id, a settings id). */
const HIDDEN = new Set(['version', 'evaluationId', 'assessmentId', 'recordId', 'configId']);

/** The scope of an action's own fields: "execution.save" → "execution", "results.decide" itself. */
function scopeOf(action: string): Record<string, FieldSpec> | undefined {
  return SCOPED[action] ?? SCOPED[action.slice(0, action.indexOf('.'))];
}

function specOf(action: string, path: readonly string[]): FieldSpec | undefined {
  const exact = path.join('.');
  const pattern = path.map((p, i) => (i > 0 && /^[\w.-]+$/.test(p) && isIdSegment(path, i) ? '*' : p)).join('.');
  const scope = scopeOf(action);
  return scope?.[exact] ?? scope?.[pattern] ?? COMMON[exact] ?? COMMON[pattern];
}

/** A segment that is an id under a keyed map (indicators.<id>, scores.<criterion>). */
function isIdSegment(path: readonly string[], i: number): boolean {
  return i === 1 && (path[0] === 'indicators' || path[0] === 'scores');
}

const CRITERIA = new Map(allCriteria(DEFAULT_EX_ANTE_CONFIG).map((c) => [c.id, c.name]));

/** The label of an id segment: the indicator's or criterion's name. */
function idLabel(path: readonly string[], names: HistoryNames): string {
  const id = path[1]!;
  if (path[0] === 'scores') return `评估要点“${CRITERIA.get(id) ?? id}”`;
  const name = names.indicator?.(id);
  return name === undefined ? '指标（名称未记录）' : `指标“${name}”`;
}

function planText(plan: unknown): string {
  if (!Array.isArray(plan)) return plain(plan);
  const parts = plan.filter(isRecord).map((c) => {
    const label = CHECKPOINT_LABELS[c.checkpoint as Checkpoint] ?? '支出进度';
    const value = c.given === 'amount' && typeof c.amount === 'number' ? formatWanText(c.amount) : typeof c.percent === 'number' ? formatPercentText(c.percent) : '（空）';
    return `${label} ${value}`;
  });
  return parts.length === 0 ? '（空）' : parts.join('；');
}

function indicatorText(row: unknown): string {
  if (!isRecord(row)) return '（无）';
  const cell = (v: unknown) => (typeof v === 'string' && v !== '' ? v : '—');
  const parts = [[row.level1Raw, row.level2Raw, row.name].map(cell).join(' / '), `指标值：${cell(row.targetRaw)}`];
  if (typeof row.description === 'string' && row.description !== '') parts.push(`描述：${row.description}`);
  if (typeof row.basis === 'string' && row.basis !== '') parts.push(`依据：${row.basis}`);
  return parts.join('；');
}

/** A value without a kind: its words, an object's values in order (never its keys, never JSON). */
function plain(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || value === '') return '（空）';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v, i) => `${i + 1}. ${plain(v)}`).join('\n');
  if (isRecord(value)) {
    const parts = Object.entries(value)
      .filter(([k]) => !HIDDEN.has(k) && k !== 'id' && k !== 'mediaType')
      .map(([k, v]) => (k === 'points' && typeof v === 'number' ? `${v} 分` : k === 'size' && typeof v === 'number' ? `${Math.max(1, Math.round(v / 1024))} KB` : k === 'criterionId' ? (CRITERIA.get(String(v)) ?? String(v)) : plain(v)))
      .filter((s) => s !== '' && s !== '（空）');
    return parts.length === 0 ? '（空）' : parts.join('，');
  }
  return String(value);
}

/** How an adjustment request's rows changed, a line each (adjustment.request's `changes`). */
function adjustmentChangesText(value: unknown): string {
  if (!Array.isArray(value)) return plain(value);
  const lines = value.filter(isRecord).map((c) => {
    const name = plain(c.name);
    if (c.change === 'added') return `新增：${name}（指标值 ${plain(c.after)}）`;
    if (c.change === 'removed') return `取消：${name}（原指标值 ${plain(c.before)}）`;
    return `调整：${name}（${plain(c.before)} → ${plain(c.after)}）`;
  });
  return lines.length === 0 ? '（无）' : lines.join('\n');
}

const ACTUAL_KINDS: Record<string, string> = { value: '填写实际完成值', graded: '按完成等级评定' };

/** "2026-03-01T06:05:00.000Z" → "2026-03-01 14:05" in China's time (UTC+8, no summer time). */
export function chinaTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function valueText(value: unknown, kind: Kind | undefined, key = ''): string {
  if (value === undefined) return '';
  if (value === null) return kind === 'reviewLevels' ? '沿用上级设置' : '（空）';
  switch (kind) {
    case 'time':
      return typeof value === 'string' ? chinaTime(value) : plain(value);
    case 'role':
      return ROLE_NAMES[value as Role] ?? plain(value);
    case 'codeKind':
      return value === 'create' ? '新账号' : value === 'reset' ? '重置（忘记密码）' : plain(value);
    case 'policy':
      return typeof value === 'number' && key in POLICY_FIELDS ? policyValueText(key as PolicyField, value) : plain(value);
    case 'money':
      // an amount in fen; an early entry's in 万元 as text ("474.34")
      return typeof value === 'number' ? formatWanText(value) : typeof value === 'string' && /^-?[\d,]+\.\d{2}$/.test(value) ? `${value} 万元` : plain(value);
    case 'perMille':
      return typeof value === 'number' ? `${formatPercentText(value / 10)}` : plain(value);
    case 'reviewLevels':
      return REVIEW_LEVEL_LABELS[value as keyof typeof REVIEW_LEVEL_LABELS] ?? plain(value);
    case 'actualKind':
      return ACTUAL_KINDS[String(value)] ?? plain(value);
    case 'stageKind':
      return STAGE_KIND_LABELS[value as keyof typeof STAGE_KIND_LABELS] ?? plain(value);
    case 'adjustmentChanges':
      return adjustmentChangesText(value);
    case 'departments':
      return Array.isArray(value)
        ? value
            .filter(isRecord)
            .map((d) => `${plain(d.name)}（${STAGE_STATE_LABELS[d.state as keyof typeof STAGE_STATE_LABELS] ?? plain(d.state)}，通知 ${plain(d.accounts)} 个账号）`)
            .join('；')
        : plain(value);
    case 'statusCounts':
      return isRecord(value)
        ? Object.entries(value)
            .map(([k, n]) => `${STATUS_LABELS[k as keyof typeof STATUS_LABELS] ?? '其他状态'} ${plain(n)} 个`)
            .join('；')
        : plain(value);
    case 'percent':
      return typeof value === 'number' ? formatPercentText(value) : plain(value);
    case 'points':
      return typeof value === 'number' ? `${formatPercentText(value).slice(0, -1)} 分` : plain(value);
    case 'bool':
      return value === true ? '是' : value === false ? '否' : plain(value);
    case 'projectStatus':
      return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? plain(value);
    case 'exAnteStatus':
      return EX_ANTE_STATUS_LABELS[value as keyof typeof EX_ANTE_STATUS_LABELS] ?? plain(value);
    case 'rectificationStatus':
      return RECTIFICATION_STATUS_LABELS[value as keyof typeof RECTIFICATION_STATUS_LABELS] ?? plain(value);
    case 'conclusion':
      return CONCLUSION_LABELS[value as keyof typeof CONCLUSION_LABELS] ?? plain(value);
    case 'source':
      return RECTIFICATION_SOURCE_LABELS[value as keyof typeof RECTIFICATION_SOURCE_LABELS] ?? plain(value);
    case 'plan':
      return planText(value);
    case 'goals':
      return Array.isArray(value) ? (value.length === 0 ? '（无）' : value.map((g, i) => `${i + 1}. ${plain(g)}`).join('\n')) : plain(value);
    default:
      return plain(value);
  }
}

/** Texts this long on both sides get a character diff. */
const DIFF_FROM = 12;

function row(field: string, before: string, after: string, unlabelled = false): HistoryRow {
  const diff = before.length >= DIFF_FROM && after.length >= DIFF_FROM && before !== after && !before.startsWith('（') && !after.startsWith('（') ? diffText(before, after) : null;
  return unlabelled ? { field, before, after, diff, unlabelled: true } : { field, before, after, diff };
}

/** The rows of one field (and, for a nested one, its parts), before and after. */
function fieldRows(action: string, path: readonly string[], before: unknown, after: unknown, names: HistoryNames, prefix: string): HistoryRow[] {
  const key = path[path.length - 1]!;
  if (HIDDEN.has(key) && path.length === 1) return [];
  const spec = specOf(action, path);
  if (spec?.hidden) return [];
  const label = isIdSegment(path, path.length - 1) ? idLabel(path, names) : spec?.label;
  if (label === undefined) return [row(prefix === '' ? '其他字段' : `${prefix}·其他字段`, valueText(before, undefined), valueText(after, undefined), true)];
  const field = prefix === '' ? label : `${prefix}·${label}`;
  if (spec?.kind === 'indicatorRows') {
    const b = Array.isArray(before) ? before : [];
    const a = Array.isArray(after) ? after : [];
    const rows: HistoryRow[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (JSON.stringify(b[i]) === JSON.stringify(a[i])) continue;
      rows.push(row(`绩效指标第${i + 1}行`, i < b.length ? indicatorText(b[i]) : '（无）', i < a.length ? indicatorText(a[i]) : '（删除）'));
    }
    return rows;
  }
  if (path[path.length - 1] === 'comments' && Array.isArray(after)) {
    return after.filter(isRecord).map((c) => row(`意见·${commentFieldLabel(String(c.field))}`, '', plain(c.text)));
  }
  const nested = (isRecord(before) || before === null || before === undefined) && (isRecord(after) || after === null || after === undefined) && (isRecord(before) || isRecord(after));
  if (nested && spec?.kind === undefined) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((k) =>
      fieldRows(action, [...path, k], before === undefined ? undefined : isRecord(before) ? b[k] : null, after === undefined ? undefined : isRecord(after) ? a[k] : null, names, spec?.flat ? prefix : field),
    );
  }
  return [row(field, valueText(before, spec?.kind, key), valueText(after, spec?.kind, key))];
}

const COMMENT_FIELDS: Record<string, string> = {
  name: '项目名称',
  code: '项目编码',
  'budget.total': '预算数',
  'budget.fiscal': '财政资金',
  'budget.other': '其他资金',
  spendingPlan: '资金支出计划',
  purpose: '资金用途（项目概况）',
  goals: '年度绩效目标',
  indicators: '绩效指标',
};
const COMMENT_COLUMNS: Record<string, string> = { indicatorName: '三级指标', name: '三级指标', target: '指标值', level1: '一级指标', level2: '二级指标', description: '绩效指标描述', basis: '指标值确定依据' };

/** A comment's field ("indicator:2.target" → 指标3·指标值). */
function commentFieldLabel(field: string): string {
  const ind = /^indicator:(\d+)(?:\.(\w+))?$/.exec(field);
  if (ind) return `指标${Number(ind[1]) + 1}${ind[2] ? `·${COMMENT_COLUMNS[ind[2]] ?? '其他栏'}` : ''}`;
  const plan = /^spendingPlan\.(\d\d)$/.exec(field);
  if (plan) return `资金支出计划·${CHECKPOINT_LABELS[plan[1] as Checkpoint] ?? '支出进度'}`;
  return COMMENT_FIELDS[field] ?? '其他字段';
}

/** The rows of an entry's detail: its changed fields (before → after), then what else it records. */
export function historyRows(action: string, detail: unknown, names: HistoryNames = {}): HistoryRow[] {
  if (!isRecord(detail)) return detail == null ? [] : [row('说明', '', plain(detail))];
  const rows: HistoryRow[] = [];
  if (action === 'results.decide') {
    // The decision's fields are the entry's own; `before` holds the earlier decision's.
    const earlier = isRecord(detail.before) ? detail.before : null;
    for (const k of ['consequence', 'percent', 'amountFen', 'overridden', 'reason']) {
      if (!(k in detail)) continue;
      const b = earlier === null ? undefined : earlier[k];
      if (earlier !== null && JSON.stringify(b) === JSON.stringify(detail[k])) continue;
      rows.push(...fieldRows(action, [k], b, detail[k], names, ''));
    }
    for (const k of Object.keys(detail)) {
      if (['consequence', 'percent', 'amountFen', 'overridden', 'reason', 'before'].includes(k)) continue;
      rows.push(...fieldRows(action, [k], undefined, detail[k], names, ''));
    }
    return rows;
  }
  if (action === 'migration.boundsRepair') {
    for (const k of Object.keys(detail)) if (k !== 'before' && k !== 'after') rows.push(...fieldRows(action, [k], undefined, detail[k], names, ''));
    rows.push(row('超出范围的值', plain(detail.before), plain(detail.after)));
    return rows;
  }
  const pair = isRecord(detail.before) || isRecord(detail.after);
  if (pair) {
    const before = isRecord(detail.before) ? detail.before : null;
    const after = isRecord(detail.after) ? detail.after : null;
    for (const key of [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]) {
      rows.push(...fieldRows(action, [key], before === null ? undefined : before[key], after === null ? (action === 'execution.delete' ? '（删除）' : null) : after[key], names, ''));
    }
  }
  for (const key of Object.keys(detail)) {
    if (pair && (key === 'before' || key === 'after')) continue;
    rows.push(...fieldRows(action, [key], undefined, detail[key], names, ''));
  }
  return rows;
}

/** An audit entry as the history shows it. */
export function historyEntry(entry: { at: string; actor: string; actorUsername: string | null; action: string; detail: unknown }, names: HistoryNames = {}): HistoryEntry {
  return { at: entry.at, actor: historyActorName(entry), action: entry.action, actionLabel: auditActionLabel(entry.action), rows: historyRows(entry.action, entry.detail, names) };
}
