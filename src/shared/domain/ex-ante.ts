/**
 * 事前绩效评估 (ex-ante performance assessment), as the national opinion on full budget performance
 * management (中发〔2018〕34号) asks for new projects and for projects whose scope or money changes
 * a lot, and as local rules (财政部门事前绩效评估管理办法) spell it out: five dimensions —
 * 立项必要性, 投入经济性, 绩效目标合理性, 实施方案可行性, 筹资合规性 — each with criteria and points,
 * a total of 100, and a conclusion (予以支持 / 部分支持 / 不予支持) with reasons.
 *
 * Pure: the criteria set, the scoring, the conclusion rule, the checks, which projects need an
 * assessment and the pre-fill from the review's findings. Everything a place may set differently
 * (criteria, points, thresholds, the budget-change share, the pre-fill's deductions) is data in
 * ExAnteConfig, chosen per region and year by selectExAnteConfig. Points are kept as integer
 * tenths (22.5 points → 225) so that every sum is exact.
 */
import type { Finding, FindingCategory, FindingField } from '../review/types';
import { selectConfig, type ConfigAssignment } from './config-assignments';
import { ACTION_LABELS, allowedActions, canEditProject, checkTransition, TRANSITIONS, type TransitionRefusal, type WorkflowActor } from './workflow';

// ---------------------------------------------------------------------------------------------
// The criteria set

export type ExAnteDimensionId = 'necessity' | 'economy' | 'targets' | 'feasibility' | 'funding';

export interface ExAnteCriterion {
  /** Stable id, stored with each score ("necessity.policy"). */
  id: string;
  name: string;
  /** What the assessor checks. */
  description: string;
  /** Full points in tenths (8 points → 80). */
  maxTenths: number;
  /** 否决项: scored 0, the conclusion is 不予支持 whatever the total. */
  veto?: boolean;
}

export interface ExAnteDimension {
  id: ExAnteDimensionId;
  name: string;
  criteria: ExAnteCriterion[];
}

export type ExAnteConclusion = 'support' | 'partial' | 'reject';

export const EX_ANTE_CONCLUSIONS: readonly ExAnteConclusion[] = ['support', 'partial', 'reject'];

export const CONCLUSION_LABELS: Record<ExAnteConclusion, string> = {
  support: '予以支持',
  partial: '部分支持',
  reject: '不予支持',
};

/** Where a review finding's deduction goes: the first rule that matches the finding. */
export interface PrefillRule {
  criterionId: string;
  categories: readonly FindingCategory[];
  /** Only findings about these fields (any field when absent). */
  fields?: readonly (FindingField | null)[];
}

export interface ExAnteConfig {
  id: string;
  dimensions: ExAnteDimension[];
  /** Points are given in steps of this many tenths (5: half points). */
  stepTenths: number;
  /** Total (tenths) from which the rule says 予以支持, and from which 部分支持; below: 不予支持. */
  supportFromTenths: number;
  partialFromTenths: number;
  /** A dimension scored 0 in total forces 不予支持. */
  zeroDimensionRejects: boolean;
  /** A project whose budget changed by more than this percent of last year's needs an assessment. */
  budgetChangePercent: number;
  /** The pre-fill: tenths deducted per finding of each severity, and where each finding goes. */
  prefillDeductionTenths: { error: number; warning: number; info: number };
  prefillRules: readonly PrefillRule[];
  /** At most this many findings are quoted in a pre-filled reason. */
  prefillQuoted: number;
}

const c = (id: string, name: string, description: string, points: number, veto = false): ExAnteCriterion => ({
  id,
  name,
  description,
  maxTenths: points * 10,
  ...(veto ? { veto: true } : {}),
});

/**
 * The default criteria: 立项必要性 25, 投入经济性 20, 绩效目标合理性 20, 实施方案可行性 20,
 * 筹资合规性 15, as the common local measures weigh them. Policy fit, non-duplication and the
 * legality of the funding source are 否决项.
 */
export const DEFAULT_EX_ANTE_DIMENSIONS: ExAnteDimension[] = [
  {
    id: 'necessity',
    name: '立项必要性',
    criteria: [
      c('necessity.policy', '政策相关性', '项目符合国家、省、市相关政策和经济社会发展规划，有明确的政策依据', 8, true),
      c('necessity.mandate', '职能相关性', '项目与部门（单位）职能、年度工作计划和中长期规划密切相关', 7),
      c('necessity.demand', '需求迫切性', '项目针对现实需求或问题，受益对象明确，实施的必要性和紧迫性充分', 6),
      c('necessity.overlap', '非重复性', '项目与本部门或其他部门已有项目、资金不重复、不交叉', 4, true),
    ],
  },
  {
    id: 'economy',
    name: '投入经济性',
    criteria: [
      c('economy.cost', '成本测算合理性', '预算测算依据充分，执行支出标准，单价、数量与市场价格相符', 8),
      c('economy.budget', '预算编制规范性', '预算明细完整，支出内容与实施内容匹配，无虚列、多列', 6),
      c('economy.resources', '资源利用充分性', '充分利用现有资产、设施和人员，不重复购置，成本控制措施明确', 6),
    ],
  },
  {
    id: 'targets',
    name: '绩效目标合理性',
    criteria: [
      c('targets.clarity', '目标明确性', '绩效目标明确、具体，与项目实施内容和预算相匹配', 6),
      c('targets.completeness', '指标完整性', '产出、效益、满意度等指标齐全，分类规范，无重复照抄', 5),
      c('targets.measurable', '指标可衡量性', '指标细化、量化，指标值有计量单位和比较方式，可考核', 5),
      c('targets.values', '指标值合理性', '指标值与预算规模、支出计划相匹配，确定依据充分', 4),
    ],
  },
  {
    id: 'feasibility',
    name: '实施方案可行性',
    criteria: [
      c('feasibility.content', '实施内容明确性', '实施内容、范围和方式明确，技术路线可行', 6),
      c('feasibility.organisation', '组织管理健全性', '组织机构、责任分工、管理制度健全，具备实施条件', 5),
      c('feasibility.schedule', '进度安排合理性', '实施计划和资金支出计划合理可行', 5),
      c('feasibility.risk', '风险可控性', '识别了实施风险并有应对措施', 4),
    ],
  },
  {
    id: 'funding',
    name: '筹资合规性',
    criteria: [
      c('funding.source', '资金来源合规性', '属于财政支出范围，资金来源明确、合法合规', 6, true),
      c('funding.mode', '投入方式适当性', '财政投入方式（直接支出、补助、贴息、购买服务等）恰当', 5),
      c('funding.other', '其他资金落实', '自筹、社会资金等其他资金来源可靠、落实到位，筹资风险可控', 4),
    ],
  },
];

export const DEFAULT_EX_ANTE_CONFIG: ExAnteConfig = {
  id: 'default-2025',
  dimensions: DEFAULT_EX_ANTE_DIMENSIONS,
  stepTenths: 5,
  supportFromTenths: 800,
  partialFromTenths: 600,
  zeroDimensionRejects: true,
  budgetChangePercent: 20,
  prefillDeductionTenths: { error: 20, warning: 10, info: 0 },
  prefillRules: [
    { criterionId: 'targets.clarity', categories: ['missing'], fields: ['goals', 'purpose'] },
    { criterionId: 'targets.clarity', categories: ['mismatch'] },
    { criterionId: 'targets.completeness', categories: ['missing', 'taxonomy', 'duplicate'] },
    { criterionId: 'targets.measurable', categories: ['vague', 'unit'] },
    { criterionId: 'targets.values', categories: ['budget', 'schedule'] },
  ],
  prefillQuoted: 3,
};

/** Overrides per region and years (none built in: a place adds its own). */
export const EX_ANTE_CONFIG_ASSIGNMENTS: readonly ConfigAssignment<ExAnteConfig>[] = [];

/**
 * The settings for a region (division-code prefix) and budget year.
 * @example selectExAnteConfig(2025, '130202').supportFromTenths // 800
 */
export function selectExAnteConfig(
  year: number | null,
  region?: string | null,
  assignments: readonly ConfigAssignment<ExAnteConfig>[] = EX_ANTE_CONFIG_ASSIGNMENTS,
): ExAnteConfig {
  return selectConfig(DEFAULT_EX_ANTE_CONFIG, assignments, year, region);
}

export function allCriteria(config: ExAnteConfig): (ExAnteCriterion & { dimension: ExAnteDimensionId })[] {
  return config.dimensions.flatMap((d) => d.criteria.map((k) => ({ ...k, dimension: d.id })));
}

/** "22.5" from 225 tenths; "8" from 80. */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const a = Math.abs(tenths);
  return `${sign}${Math.floor(a / 10)}${a % 10 === 0 ? '' : `.${a % 10}`}`;
}

export interface ExAnteConfigIssue {
  code: 'total' | 'criterion.points' | 'criterion.duplicate' | 'thresholds' | 'prefill.criterion';
  message: string;
}

/**
 * Checks a criteria set: unique ids, points on the step, a total of 100, thresholds in order.
 * @example validateExAnteConfig(DEFAULT_EX_ANTE_CONFIG) // []
 */
export function validateExAnteConfig(config: ExAnteConfig): ExAnteConfigIssue[] {
  const issues: ExAnteConfigIssue[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const k of allCriteria(config)) {
    if (seen.has(k.id)) issues.push({ code: 'criterion.duplicate', message: `评估要点“${k.id}”重复` });
    seen.add(k.id);
    if (!Number.isInteger(k.maxTenths) || k.maxTenths <= 0 || k.maxTenths % config.stepTenths !== 0) {
      issues.push({ code: 'criterion.points', message: `评估要点“${k.name}”的分值${k.maxTenths / 10}无效` });
    }
    total += k.maxTenths;
  }
  if (total !== 1000) issues.push({ code: 'total', message: `各评估要点分值合计为${formatTenths(total)}，应为100` });
  if (!(config.partialFromTenths >= 0 && config.partialFromTenths <= config.supportFromTenths && config.supportFromTenths <= 1000)) {
    issues.push({ code: 'thresholds', message: '结论分数线须满足 0 ≤ 部分支持 ≤ 予以支持 ≤ 100' });
  }
  for (const r of config.prefillRules) {
    if (!seen.has(r.criterionId)) issues.push({ code: 'prefill.criterion', message: `预填规则指向不存在的评估要点“${r.criterionId}”` });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** One criterion as the assessor gave it: points in tenths (null: not yet scored) and the reason. */
export interface ExAnteScoreInput {
  criterionId: string;
  scoreTenths: number | null;
  reason: string | null;
}

export interface ExAnteInput {
  scores: readonly ExAnteScoreInput[];
  /** The assessor's conclusion; null: the rule's. It may be stricter than the rule, never more favourable. */
  conclusion: ExAnteConclusion | null;
  conclusionReason: string | null;
}

/** Something that keeps the assessment from being submitted (a missing score or reason). */
export interface ExAnteIssue {
  code: 'score.missing' | 'reason.missing' | 'conclusion-reason.missing' | 'conclusion.too-favourable';
  /** The criterion, or null for the conclusion. */
  criterionId: string | null;
  message: string;
}

export interface ScoredCriterion extends ExAnteCriterion {
  scoreTenths: number | null;
  reason: string | null;
}

export interface ScoredDimension {
  id: ExAnteDimensionId;
  name: string;
  maxTenths: number;
  /** Sum of the scored criteria. */
  scoreTenths: number;
  criteria: ScoredCriterion[];
}

export interface ExAnteScore {
  dimensions: ScoredDimension[];
  totalTenths: number;
  /** Whether every criterion is scored. */
  scored: boolean;
  /** What the rule concludes from the points (thresholds, vetoes, a dimension at 0). */
  ruleConclusion: ExAnteConclusion;
  /** Why the rule concludes 不予支持 whatever the total (veto criteria, dimensions at 0). */
  rejectedBy: string[];
  /** The conclusion that stands: the assessor's when given and allowed, else the rule's. */
  conclusion: ExAnteConclusion;
  issues: ExAnteIssue[];
  /** Ready to submit: every criterion scored, every deduction and the conclusion explained. */
  complete: boolean;
}

const RANK: Record<ExAnteConclusion, number> = { support: 2, partial: 1, reject: 0 };

/**
 * Scores an assessment: dimension sums, the total, the rule's conclusion and what is missing.
 * Scores are assumed checked (checkExAnteInput): on the step, within 0..max. Pure.
 * @example scoreExAnte({ scores: fullMarks, conclusion: null, conclusionReason: '…' }).ruleConclusion // 'support'
 */
export function scoreExAnte(input: ExAnteInput, config: ExAnteConfig): ExAnteScore {
  const given = new Map(input.scores.map((s) => [s.criterionId, s]));
  const issues: ExAnteIssue[] = [];
  const rejectedBy: string[] = [];
  let total = 0;
  let scored = true;
  const dimensions = config.dimensions.map((d): ScoredDimension => {
    let sum = 0;
    let allScored = true;
    const criteria = d.criteria.map((k): ScoredCriterion => {
      const s = given.get(k.id);
      const scoreTenths = s?.scoreTenths ?? null;
      const reason = s?.reason?.trim() ? s.reason.trim() : null;
      if (scoreTenths === null) {
        allScored = false;
        issues.push({ code: 'score.missing', criterionId: k.id, message: `“${d.name} — ${k.name}”尚未评分` });
      } else {
        sum += scoreTenths;
        if (scoreTenths < k.maxTenths && reason === null) {
          issues.push({ code: 'reason.missing', criterionId: k.id, message: `“${d.name} — ${k.name}”扣分${formatTenths(k.maxTenths - scoreTenths)}分，须说明扣分理由` });
        }
        if (k.veto && scoreTenths === 0) rejectedBy.push(`否决项“${k.name}”得0分`);
      }
      return { ...k, scoreTenths, reason };
    });
    const maxTenths = d.criteria.reduce((a, k) => a + k.maxTenths, 0);
    if (config.zeroDimensionRejects && allScored && maxTenths > 0 && sum === 0) rejectedBy.push(`“${d.name}”得0分`);
    if (!allScored) scored = false;
    total += sum;
    return { id: d.id, name: d.name, maxTenths, scoreTenths: sum, criteria };
  });
  const ruleConclusion: ExAnteConclusion =
    rejectedBy.length > 0 ? 'reject' : total >= config.supportFromTenths ? 'support' : total >= config.partialFromTenths ? 'partial' : 'reject';
  let conclusion = ruleConclusion;
  if (input.conclusion !== null) {
    if (RANK[input.conclusion] > RANK[ruleConclusion]) {
      issues.push({
        code: 'conclusion.too-favourable',
        criterionId: null,
        message: `得分${formatTenths(total)}分${rejectedBy.length > 0 ? `（${rejectedBy.join('；')}）` : ''}，按评分规则结论为“${CONCLUSION_LABELS[ruleConclusion]}”，不能选择“${CONCLUSION_LABELS[input.conclusion]}”`,
      });
    } else conclusion = input.conclusion;
  }
  if (!input.conclusionReason?.trim()) {
    issues.push({ code: 'conclusion-reason.missing', criterionId: null, message: '须填写评估结论的理由' });
  }
  return { dimensions, totalTenths: total, scored, ruleConclusion, rejectedBy, conclusion, issues, complete: issues.length === 0 };
}

// ---------------------------------------------------------------------------------------------
// Checking what a caller sends

export interface ExAnteDraftScore {
  criterionId: unknown;
  /** Points as a number (22.5), or null / absent for not yet scored. */
  points?: unknown;
  reason?: unknown;
}

export interface ExAnteDraft {
  scores: readonly ExAnteDraftScore[];
  conclusion?: unknown;
  conclusionReason?: unknown;
}

export const EX_ANTE_MAX_TEXT = 2000;

/**
 * The input as stored values, or every problem with its path ("scores.3.points"). Not every
 * criterion has to be scored yet (a draft); what is given must be right: a known criterion once,
 * points on the step within 0..max, texts within bounds. Pure.
 */
export function checkExAnteInput(
  draft: ExAnteDraft,
  config: ExAnteConfig,
): { ok: true; input: ExAnteInput } | { ok: false; issues: { path: string; message: string }[] } {
  const issues: { path: string; message: string }[] = [];
  const criteria = new Map(allCriteria(config).map((k) => [k.id, k]));
  const seen = new Set<string>();
  const scores: ExAnteScoreInput[] = [];
  const text = (path: string, value: unknown, label: string): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') {
      issues.push({ path, message: `${label}应为文字` });
      return null;
    }
    const t = value.trim();
    if (t.length > EX_ANTE_MAX_TEXT) issues.push({ path, message: `${label}最多 ${EX_ANTE_MAX_TEXT} 个字符` });
    return t === '' ? null : t;
  };
  (Array.isArray(draft?.scores) ? draft.scores : []).forEach((s, i) => {
    const at = (f: string) => `scores.${i}.${f}`;
    const id = s?.criterionId;
    const k = typeof id === 'string' ? criteria.get(id) : undefined;
    if (k === undefined) {
      issues.push({ path: at('criterionId'), message: `评估要点“${String(id)}”不在评估指标体系（${config.id}）中` });
      return;
    }
    if (seen.has(k.id)) {
      issues.push({ path: at('criterionId'), message: `评估要点“${k.name}”重复填写` });
      return;
    }
    seen.add(k.id);
    let scoreTenths: number | null = null;
    const p = s.points;
    if (p !== null && p !== undefined) {
      const step = formatTenths(config.stepTenths);
      if (typeof p !== 'number' || !Number.isFinite(p)) issues.push({ path: at('points'), message: `“${k.name}”的得分应为数值` });
      else if (Math.round(p * 10) / 10 !== p || Math.round(p * 10) % config.stepTenths !== 0) {
        issues.push({ path: at('points'), message: `“${k.name}”的得分${p}须为${step}分的整数倍` });
      } else if (p < 0 || p * 10 > k.maxTenths) {
        issues.push({ path: at('points'), message: `“${k.name}”的得分${p}应在 0–${formatTenths(k.maxTenths)} 分之间` });
      } else scoreTenths = Math.round(p * 10);
    }
    scores.push({ criterionId: k.id, scoreTenths, reason: text(at('reason'), s.reason, `“${k.name}”的理由`) });
  });
  if (!Array.isArray(draft?.scores)) issues.push({ path: 'scores', message: '评分应为列表' });
  let conclusion: ExAnteConclusion | null = null;
  if (draft?.conclusion !== null && draft?.conclusion !== undefined) {
    if (EX_ANTE_CONCLUSIONS.includes(draft.conclusion as ExAnteConclusion)) conclusion = draft.conclusion as ExAnteConclusion;
    else issues.push({ path: 'conclusion', message: `评估结论应为 ${EX_ANTE_CONCLUSIONS.map((x) => `${x}（${CONCLUSION_LABELS[x]}）`).join('、')} 之一` });
  }
  const conclusionReason = text('conclusionReason', draft?.conclusionReason, '结论理由');
  if (issues.length > 0) return { ok: false, issues };
  // In the criteria set's order.
  const order = allCriteria(config).map((k) => k.id);
  scores.sort((a, b) => order.indexOf(a.criterionId) - order.indexOf(b.criterionId));
  return { ok: true, input: { scores, conclusion, conclusionReason } };
}

// ---------------------------------------------------------------------------------------------
// Which projects need an assessment

export type ExAnteNeedReason = 'new' | 'budget-change';

export interface ExAnteNeed {
  needed: boolean;
  reason: ExAnteNeedReason | null;
  /** Last year's budget (fen) of the same project, when there is one. */
  previousBudgetFen: number | null;
  /** The change against last year in hundredths of a percent (2550 → 25.50%), when both budgets are known. */
  changeHundredths: number | null;
  /** For people: "新增项目（上年度无同名项目）", "预算较上年增加 25.50%". */
  label: string | null;
}

/**
 * Whether a project needs an ex-ante assessment: it is new (no project of the same department with
 * the same name or code in the previous budget year — `previous` undefined), or its budget changed
 * by more than the configured share against that project. Pure; exact in fen.
 * @example exAnteNeed({ budgetFen: 1_200_000 }, { budgetFen: 1_000_000 }, DEFAULT_EX_ANTE_CONFIG).changeHundredths // 2000 → not needed (not more than 20%)
 */
export function exAnteNeed(project: { budgetFen: number | null }, previous: { budgetFen: number | null } | undefined, config: ExAnteConfig): ExAnteNeed {
  if (previous === undefined) {
    return { needed: true, reason: 'new', previousBudgetFen: null, changeHundredths: null, label: '新增项目（上年度无同一项目）' };
  }
  const before = previous.budgetFen;
  const now = project.budgetFen;
  if (before === null || now === null || before <= 0) {
    return { needed: false, reason: null, previousBudgetFen: before, changeHundredths: null, label: null };
  }
  // |now − before| / before in hundredths of a percent, rounded half up, in BigInt (exact).
  const diff = BigInt(Math.abs(now - before)) * 10_000n;
  const b = BigInt(before);
  const abs = Number((diff * 2n + b) / (2n * b));
  const changeHundredths = now >= before ? abs : -abs;
  // "More than X%": compare exactly, not the rounded figure.
  const needed = BigInt(Math.abs(now - before)) * 100n > BigInt(Math.round(config.budgetChangePercent * 100)) * b / 100n;
  const pct = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
  return {
    needed,
    reason: needed ? 'budget-change' : null,
    previousBudgetFen: before,
    changeHundredths,
    label: needed ? `预算较上年${now >= before ? '增加' : '减少'} ${pct}` : null,
  };
}

/** The key that identifies "the same project" across years within a department: the name, spaces removed. */
export function projectNameKey(name: string): string {
  return name.replace(/\s+/g, '');
}

/**
 * A project code without its year (13020225P008911100023 → 130202··P008911100023), so that the same
 * project's code of another year matches; null when the code has no year in it.
 */
export function projectCodeKey(code: string | null): string | null {
  const m = /^(\d{6})\d{2}([A-Z].*)$/.exec(code ?? '');
  return m ? `${m[1]}|${m[2]}` : null;
}

// ---------------------------------------------------------------------------------------------
// Pre-fill from the review's findings

export interface PrefilledScore {
  criterionId: string;
  scoreTenths: number;
  reason: string | null;
  /** The findings it was derived from (their rule ids). */
  rules: string[];
}

/**
 * Suggested scores of the 绩效目标合理性 criteria from the review's stored findings on the
 * project's target table: each finding deducts by its severity from the criterion its category
 * maps to (never below 0), and the reason quotes the first findings. A criterion without findings
 * gets full points and no reason. The other dimensions are left to the assessor. Pure.
 */
export function prefillFromFindings(findings: readonly Finding[], config: ExAnteConfig): PrefilledScore[] {
  const dimension = config.dimensions.find((d) => d.id === 'targets');
  if (dimension === undefined) return [];
  const byCriterion = new Map<string, Finding[]>();
  for (const f of findings) {
    const rule = config.prefillRules.find((r) => r.categories.includes(f.category) && (r.fields === undefined || r.fields.includes(f.field)));
    if (rule === undefined) continue;
    const list = byCriterion.get(rule.criterionId) ?? [];
    list.push(f);
    byCriterion.set(rule.criterionId, list);
  }
  return dimension.criteria.map((k) => {
    const list = byCriterion.get(k.id) ?? [];
    const deduction = list.reduce((sum, f) => sum + config.prefillDeductionTenths[f.severity], 0);
    // On the step, never below 0.
    const raw = Math.max(0, k.maxTenths - deduction);
    const scoreTenths = raw - (raw % config.stepTenths);
    const quoted = list.slice(0, config.prefillQuoted).map((f) => f.message.replace(/[。.；;]+$/, ''));
    const more = list.length > quoted.length ? `等${list.length}处问题` : '';
    const reason = scoreTenths < k.maxTenths ? `审核发现：${quoted.join('；')}${more}。` : null;
    return { criterionId: k.id, scoreTenths, reason, rules: [...new Set(list.map((f) => f.rule))] };
  });
}

// ---------------------------------------------------------------------------------------------
// Workflow: as the target table's (shared/domain/workflow.ts)

/** 草稿 draft, 已提交 submitted, 退回 returned, 已审核 approved. */
export type ExAnteStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export const EX_ANTE_STATUSES: readonly ExAnteStatus[] = ['draft', 'submitted', 'returned', 'approved'];

export const EX_ANTE_STATUS_LABELS: Record<ExAnteStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  approved: '已审核',
};

export type ExAnteAction = 'submit' | 'return' | 'approve';

export const EX_ANTE_ACTIONS: readonly ExAnteAction[] = ['submit', 'return', 'approve'];

/**
 * Who may do what: the target table's rules (TRANSITIONS of workflow.ts) for submit, return and
 * approve — the department's editor writes and submits, a reviewer
 * returns with a reason or approves; an approved assessment is final.
 */
export function exAnteAllowedActions(status: ExAnteStatus, actor: WorkflowActor, departmentId: number | null): ExAnteAction[] {
  return allowedActions(status, actor, departmentId).filter((a): a is ExAnteAction => (EX_ANTE_ACTIONS as readonly string[]).includes(a));
}

/** Whether the actor may create or change the assessment's content (draft or returned; editor of the department). */
export function canEditExAnte(status: ExAnteStatus, actor: WorkflowActor, departmentId: number | null): boolean {
  return canEditProject(status, actor, departmentId);
}

/** Why an action is refused (403 role or department, 409 status), or null. */
export function checkExAnteTransition(action: ExAnteAction, status: ExAnteStatus, actor: WorkflowActor, departmentId: number | null): TransitionRefusal | null {
  const refusal = checkTransition(action, status, actor, departmentId);
  if (refusal?.status === 409) {
    return { ...refusal, message: `事前绩效评估当前状态为“${EX_ANTE_STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”` };
  }
  return refusal;
}

export { ACTION_LABELS as EX_ANTE_ACTION_LABELS, TRANSITIONS as EX_ANTE_TRANSITIONS };
