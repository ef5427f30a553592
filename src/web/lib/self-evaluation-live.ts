/**
 * The self-evaluation form (绩效自评) and its live score. The form keeps what the user types (text,
 * so "9.2" stays "9.2"); `liveEvaluation` scores it with the shared pure evaluateProject exactly as
 * the server's buildSelfEvaluationResult calls it (same indicators in the same order, the target
 * parsed from its text, the project's settings by year and region, 全年预算数 defaulting to the
 * budget in force at the year's end — an approved 目标调整's, else the 年初预算数); `formToInput` builds the PUT body, with money typed in 万元 turned into fen
 * digit by digit.
 */
import type { Fen } from '../../shared/domain/model';
import { evaluateProject, type IndicatorActual, type SelfEvaluationResult as LiveResult } from '../../shared/domain/self-evaluation';
import { selectSelfEvaluationConfig, type AchievementGrade, type SelfEvaluationConfig } from '../../shared/domain/self-evaluation-config';
import { parseTargetValue } from '../../shared/domain/target-value';
import { parseEnteredNumber } from '../../shared/domain/entered-number';
import { codePrefixRegion as regionOf } from '../../shared/domain/region';
import type { SelfEvaluationInput, SelfEvaluationResult } from '../../shared/api/monitoring';
import { wanInputText } from './format';
import { parseSpentWan } from './monitoring';

export type { LiveResult };

export interface IndicatorFormLine {
  indicatorId: number;
  /** Set weight (kept as stored; null shares the category's points). */
  weight: number | null;
  /** Quantitative targets: the actual value as typed. */
  valueText: string;
  /** Qualitative and deadline targets: the grade and the percent inside its band. */
  grade: AchievementGrade | null;
  percent: number | null;
  deviationCause: string;
  improvement: string;
}

export interface SelfEvaluationForm {
  /** 全年预算数 in 万元 as typed; blank: the budget in force at the year's end (an approved 目标调整's, else the initial). */
  adjustedBudgetText: string;
  /** 全年执行数 in 万元 as typed. */
  spentText: string;
  executionExplanation: string;
  goalAchievement: string;
  indicators: IndicatorFormLine[];
}

/** The form filled with what the server stored (blank for a first evaluation). */
export function formFromResult(r: SelfEvaluationResult): SelfEvaluationForm {
  // A blank answer (never saved) says spent 0: show an empty field rather than a 0 nobody typed.
  const saved = r.updatedAt !== null || r.funds.spentFen !== 0;
  return {
    adjustedBudgetText: r.funds.adjustedBudgetGiven ? wanInputText(r.funds.adjustedBudgetFen) : '',
    spentText: saved ? wanInputText(r.funds.spentFen) : '',
    executionExplanation: r.executionExplanation ?? '',
    goalAchievement: r.goalAchievement ?? '',
    indicators: r.indicators.map((i) => ({
      indicatorId: i.indicatorId,
      weight: i.weightGiven ? i.weight : null,
      valueText: i.actual?.kind === 'value' ? String(i.actual.value) : '',
      grade: i.actual?.kind === 'graded' ? i.actual.grade : null,
      percent: i.actual?.kind === 'graded' ? i.actual.percent : null,
      deviationCause: i.deviationCause ?? '',
      improvement: i.improvement ?? '',
    })),
  };
}

/**
 * An entered number as the server reads it (shared/domain/entered-number.ts): full-width digits,
 * thousands separators, the target's own unit or one of its kind (converted) after the number;
 * blank is null; anything else is not a number.
 * @example enteredNumber('１,234.5人', '人') // { ok: true, text: '1234.5' }
 */
export function enteredNumber(value: string, unit: string | null): { ok: true; text: string | null } | { ok: false; message: string } {
  return parseEnteredNumber(value, unit);
}

/** The region (division code) of a project code, as the server chooses settings by: 13020225P… → 130202. */
export { regionOf };

/** The settings the server scores this project with (the same selection by year and region). */
export function configOf(r: Pick<SelfEvaluationResult, 'project'>): SelfEvaluationConfig {
  return selectSelfEvaluationConfig(r.project.year, regionOf(r.project.code));
}

export interface LiveEvaluation {
  result: LiveResult;
  /** Per indicator (same order as the result's): the actual as scored, or why it cannot be read. */
  valueErrors: (string | null)[];
  /** 全年预算数 as used (typed, else the budget in force), and the spent fen (0 while invalid). */
  adjustedBudgetFen: Fen | null;
  spentFen: Fen;
  moneyErrors: { adjustedBudget: string | null; spent: string | null };
}

/** Scores the form as the server would score it once saved. */
export function liveEvaluation(r: SelfEvaluationResult, form: SelfEvaluationForm, config: SelfEvaluationConfig = configOf(r)): LiveEvaluation {
  const adjusted = parseSpentWan(form.adjustedBudgetText, false);
  const spent = parseSpentWan(form.spentText, false);
  // blank: the 全年预算 in force at the year's end, as the server takes it — an approved 目标调整's budget, not the
  // 年初预算数 (issue 71: the screen computed 94.29% on the old budget while the server saved 72.37% on the new)
  const adjustedBudgetFen = adjusted.ok && adjusted.fen !== null ? adjusted.fen : r.project.budgetTotalFen;
  const spentFen = spent.ok ? (spent.fen ?? 0) : 0;
  const lines = new Map(form.indicators.map((l) => [l.indicatorId, l]));
  const valueErrors: (string | null)[] = [];
  const inputs = r.indicators.map((ind) => {
    const target = parseTargetValue(ind.target);
    const line = lines.get(ind.indicatorId);
    let actual: IndicatorActual | null = null;
    let error: string | null = null;
    if (line) {
      if (ind.graded) {
        if (line.grade !== null && line.percent !== null) actual = { kind: 'graded', grade: line.grade, percent: line.percent };
      } else {
        const n = enteredNumber(line.valueText, target.unit);
        if (!n.ok) error = n.message;
        else if (n.text !== null) actual = { kind: 'value', value: Number(n.text) };
      }
    }
    valueErrors.push(error);
    return {
      indicator: { level1: ind.level1, level2: ind.level2, level1Raw: ind.level1 ?? '', name: ind.name, target },
      weight: line?.weight ?? null,
      actual,
      deviationCause: line?.deviationCause ?? null,
      improvement: line?.improvement ?? null,
    };
  });
  const result = evaluateProject(
    { adjustedBudgetFen, spentFen, executionExplanation: form.executionExplanation, indicators: inputs },
    config,
  );
  return {
    result,
    valueErrors,
    adjustedBudgetFen,
    spentFen,
    moneyErrors: { adjustedBudget: adjusted.ok ? null : adjusted.message, spent: spent.ok ? null : spent.message },
  };
}

/** The PUT body of the form, or the fields that cannot be sent as typed. */
export function formToInput(
  r: SelfEvaluationResult,
  form: SelfEvaluationForm,
): { ok: true; input: SelfEvaluationInput } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const spent = parseSpentWan(form.spentText, true);
  if (!spent.ok) errors.push({ path: 'spentFen', message: `全年执行数：${spent.message}` });
  const adjusted = parseSpentWan(form.adjustedBudgetText, false);
  if (!adjusted.ok) errors.push({ path: 'adjustedBudgetFen', message: `全年预算数：${adjusted.message}` });
  const byId = new Map(r.indicators.map((i) => [i.indicatorId, i]));
  const indicators = form.indicators.map((line, index) => {
    const ind = byId.get(line.indicatorId);
    let actual: SelfEvaluationInput['indicators'][number]['actual'] = null;
    if (ind?.graded) {
      if (line.grade !== null) actual = { kind: 'graded', grade: line.grade, percent: line.percent ?? NaN };
      if (line.grade !== null && line.percent === null) errors.push({ path: `indicators.${index}.actual.percent`, message: '请填写得分比例' });
    } else if (ind) {
      const n = enteredNumber(line.valueText, parseTargetValue(ind.target).unit);
      if (!n.ok) errors.push({ path: `indicators.${index}.actual.value`, message: `实际完成值${n.message}` });
      else if (n.text !== null) actual = { kind: 'value', value: n.text };
    }
    const text = (s: string) => (s.trim() === '' ? null : s.trim());
    return {
      indicatorId: line.indicatorId,
      weight: line.weight,
      actual,
      deviationCause: text(line.deviationCause),
      improvement: text(line.improvement),
    };
  });
  if (errors.length > 0 || !spent.ok || !adjusted.ok) return { ok: false, errors };
  return {
    ok: true,
    input: {
      adjustedBudgetFen: adjusted.fen,
      spentFen: spent.fen!,
      executionExplanation: form.executionExplanation.trim() || null,
      goalAchievement: form.goalAchievement.trim() || null,
      indicators,
    },
  };
}
