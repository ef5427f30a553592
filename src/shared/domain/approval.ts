/**
 * 审批与公开 (issue 33): what a region sets for a budget year about approving and publishing
 * targets, and the ex-ante gate (事前绩效评估前置).
 *
 * - The gate: a new project (no counterpart in the year before), or one whose budget changed by
 *   more than the threshold against last year's, cannot be approved (审核通过) until its
 *   事前绩效评估 is approved with the conclusion 予以支持 or 部分支持; with 部分支持 the approval
 *   names the parts supported (the assessment's conclusion reason).
 * - Publication after 批复: when the region says so, a project is published (公开) only once the
 *   bureau has issued (批复/下达) its targets with its budget.
 *
 * Settings are per region (a six-digit division code; a region without its own setting for the year
 * uses its nearest ancestor's) and budget year; the threshold is integer per-mille (200 = 20%) so
 * that the comparison with money in fen is exact. Pure.
 */
import { CONCLUSION_LABELS, EX_ANTE_STATUS_LABELS, type ExAnteConclusion, type ExAnteStatus } from './ex-ante';

export interface ApprovalSettings {
  /** The ex-ante gate is on: held projects cannot be approved. */
  exAnteGate: boolean;
  /** A budget change of more than this (per-mille of last year's budget) needs the assessment. */
  budgetChangePerMille: number;
  /** Publication (公开) only after 批复. */
  publishRequiresIssue: boolean;
}

/** Off by default: a region turns the gate and the 批复-before-publication rule on for a year. */
export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = { exAnteGate: false, budgetChangePerMille: 200, publishRequiresIssue: false };

/** The highest threshold a region may set (1000%: ten times last year's budget). */
export const MAX_BUDGET_CHANGE_PER_MILLE = 10_000;

/** "20%", "12.5%" from per-mille. */
export function formatPerMille(perMille: number): string {
  return `${Math.floor(perMille / 10)}${perMille % 10 === 0 ? '' : `.${perMille % 10}`}%`;
}

/**
 * The settings that apply to a region for a year: its own row of that year, else its nearest
 * ancestor's (`chain`: the region's code first, then its ancestors'), else the defaults.
 * @example effectiveApprovalSettings(['130202', '130200', '130000'], new Map([['130000', s]])) // s
 */
export function effectiveApprovalSettings(chain: readonly string[], own: ReadonlyMap<string, ApprovalSettings>): ApprovalSettings {
  for (const code of chain) {
    const s = own.get(code);
    if (s !== undefined) return s;
  }
  return DEFAULT_APPROVAL_SETTINGS;
}

/** Why a project needs the assessment before approval, or null when it does not. */
export function exAnteGateNeed(project: { budgetFen: number | null }, lastYear: { budgetFen: number | null } | undefined, budgetChangePerMille: number): string | null {
  if (lastYear === undefined) return '新增项目（上年度无同一项目）';
  const before = lastYear.budgetFen;
  const now = project.budgetFen;
  if (before === null || now === null || before <= 0) return null;
  // |now − before| / before > perMille / 1000, exactly in BigInt.
  const diff = BigInt(Math.abs(now - before));
  if (diff * 1000n <= BigInt(budgetChangePerMille) * BigInt(before)) return null;
  return `预算较上年${now >= before ? '增加' : '减少'}超过${formatPerMille(budgetChangePerMille)}`;
}

/** The assessment as the gate sees it. */
export interface GateAssessment {
  status: ExAnteStatus;
  /** The conclusion that stands. */
  conclusion: ExAnteConclusion;
  conclusionReason: string | null;
}

export interface ExAnteGateResult {
  /** The project cannot be approved now. */
  held: boolean;
  /** Why the project needs the assessment (new, budget change); null: it does not. With the gate off it is said, not held (issue 71). */
  need: string | null;
  /** For people: why it is held, or what the approval rests on; null when the gate does not apply. */
  reason: string | null;
  /** The assessment's conclusion when it is approved. */
  conclusion: ExAnteConclusion | null;
  /** 部分支持: the parts supported (the conclusion's reason), named in the approval. */
  parts: string | null;
}

/**
 * Whether a project may be approved under the ex-ante gate.
 * @example exAnteGate({ name: '甲', budgetFen: 100 }, undefined, undefined, { ...DEFAULT_APPROVAL_SETTINGS, exAnteGate: true }).held // true
 */
export function exAnteGate(
  project: { name: string; budgetFen: number | null },
  lastYear: { budgetFen: number | null } | undefined,
  assessment: GateAssessment | undefined,
  settings: ApprovalSettings,
): ExAnteGateResult {
  const free: ExAnteGateResult = { held: false, need: null, reason: null, conclusion: null, parts: null };
  // An assessment that concluded 不予支持 is never passed without a word (issue 58): with the gate on it holds
  // any project, needed or not; with it off, the approval says so before the click.
  const rejected = assessment?.status === 'approved' && assessment.conclusion === 'reject';
  const rejectedText = `事前绩效评估结论为“${CONCLUSION_LABELS.reject}”`;
  const need = exAnteGateNeed(project, lastYear, settings.budgetChangePerMille);
  if (!settings.exAnteGate) {
    if (rejected) return { ...free, need, reason: `${rejectedText}（本地区本年度未开启事前绩效评估把关，审核通过前请核实）`, conclusion: 'reject' };
    // a project that needs the assessment and has none that supports it: said, though nothing holds it (issue 71)
    const supported = assessment?.status === 'approved' && (assessment.conclusion === 'support' || assessment.conclusion === 'partial');
    if (need === null || supported) return free;
    const missing = assessment === undefined ? '尚未进行事前绩效评估' : `事前绩效评估当前为“${EX_ANTE_STATUS_LABELS[assessment.status]}”，尚未审核`;
    return { ...free, need, reason: `本地区本年度未开启事前绩效评估把关，不影响审核通过；但项目“${project.name}”为${need}，${missing}，审核通过前请核实` };
  }
  if (need === null) return rejected ? { held: true, need: null, reason: `项目“${project.name}”的${rejectedText}，不能审核通过`, conclusion: 'reject', parts: null } : free;
  const rule = '须先完成事前绩效评估且结论为“予以支持”或“部分支持”，才能审核通过';
  const held = (why: string): ExAnteGateResult => ({
    held: true,
    need,
    reason: `项目“${project.name}”为${need}，${why}，${rule}`,
    conclusion: assessment?.status === 'approved' ? assessment.conclusion : null,
    parts: null,
  });
  if (assessment === undefined) return held('尚未进行事前绩效评估');
  if (assessment.status !== 'approved') return held(`事前绩效评估当前为“${EX_ANTE_STATUS_LABELS[assessment.status]}”，尚未审核`);
  if (assessment.conclusion === 'reject') return held(`事前绩效评估结论为“${CONCLUSION_LABELS.reject}”`);
  const parts = assessment.conclusion === 'partial' ? (assessment.conclusionReason?.trim() || null) : null;
  return {
    held: false,
    need,
    reason: `事前绩效评估结论为“${CONCLUSION_LABELS[assessment.conclusion]}”${parts !== null ? `，支持的部分：${parts}` : ''}`,
    conclusion: assessment.conclusion,
    parts,
  };
}
