/**
 * A submitted 项目支出绩效自评表 (issue 59), as read from a unit's document: what the unit wrote,
 * every value with the cell it came from, nothing recomputed. The 复核 (self-evaluation-review.ts)
 * checks it; `jixiao parse --json` prints it (selfEvaluationJson).
 *
 * Exactness: amounts are kept as the decimal text the table wrote in its own unit (commas dropped,
 * "2400000.00" 元) and as integer fen; points and scores are small decimals kept as written
 * (`text`) beside their number, so a check can compare them in hundredths without binary noise.
 *
 * Pure: no I/O.
 */
import type { Fen, SourceLocation } from './model';
import type { MoneyUnit } from './money';
import type { Reading } from './reading';

/** An amount as the table wrote it: the decimal text in the table's unit, and its integer fen. */
export interface SubmittedAmount {
  text: string;
  fen: Fen;
}

/** A number of points, a score or a percent as written ("12.5", "97.20%"), and its value. */
export interface SubmittedFigure {
  text: string;
  value: number;
}

export interface SubmittedFunds {
  /** 年初预算数 */
  budgetStart: SubmittedAmount | null;
  /** 全年预算数 (the adjusted budget the rate is measured against) */
  budgetFull: SubmittedAmount | null;
  /** 全年执行数 */
  executed: SubmittedAmount | null;
  /** 分值 of the funds (10 nationally) */
  points: SubmittedFigure | null;
  /** 执行率, in percent (97.2 for "97.20%") */
  rate: SubmittedFigure | null;
  /** 得分 */
  score: SubmittedFigure | null;
}

export interface SubmittedIndicator {
  /** The first-level category without its points ("产出指标" of "产出指标(50分)"). */
  level1: string;
  level2: string;
  name: string;
  /** 年度指标值 as written. */
  target: string;
  /** 实际完成值 as written; null when empty. */
  actual: string | null;
  /** 分值 */
  points: SubmittedFigure | null;
  /** 得分 */
  score: SubmittedFigure | null;
  /** 偏差原因分析（及改进措施）; null when empty. */
  deviation: string | null;
  /** 改进措施 when the table has a column of its own for it; undefined when it has none. */
  measures?: string | null;
  sources: Partial<Record<'level1' | 'level2' | 'name' | 'target' | 'actual' | 'points' | 'score' | 'deviation' | 'measures', SourceLocation>>;
}

/** Where each field of the table came from: `project`, `unit`, `funds.budgetFull`, `total`, `grade` … */
export type SubmittedSources = Partial<Record<string, SourceLocation>>;

export interface SubmittedSelfEvaluation {
  /** 项目名称 */
  project: string | null;
  /** 项目编码, when the table gives one. */
  code: string | null;
  /** 实施单位 (else the 主管部门). */
  unit: string | null;
  /** 主管部门 */
  department: string | null;
  /** The year evaluated (（2025年度）). */
  year: number | null;
  /** The unit the table's amounts are written in. */
  amountUnit: MoneyUnit;
  funds: SubmittedFunds;
  /** 年度总体目标: 预期目标 and 实际完成情况. */
  goals: { expected: string | null; actual: string | null };
  /** The points written in category cells: 产出指标(50分). */
  categoryPoints: { level1: string; points: number; source: SourceLocation }[];
  indicators: SubmittedIndicator[];
  /** 总分: the 得分 of the total row. */
  total: SubmittedFigure | null;
  /** The 分值 of the total row (100). */
  totalPoints: SubmittedFigure | null;
  /** 自评等级 as written (优/良/中/差), null when the table gives none. */
  grade: string | null;
  sources: SubmittedSources;
  /** The table's title, and where it starts. */
  title: string;
  source: SourceLocation;
  reading: Reading;
}

const figure = (f: SubmittedFigure | null) => (f === null ? null : f.value);
const ref = (s: SourceLocation | null | undefined) => (s ? { line: s.line, ...(s.ref ? { ref: s.ref } : {}) } : null);

/**
 * The JSON of one submitted self-evaluation (`jixiao parse --json`: a document's `selfEvaluations`):
 * `selfEvaluation` with the fields (amounts as the table's decimal text in `amountUnit`,
 * rate in percent), then where each value was read (`sources`) and the reading's doubts.
 */
export function selfEvaluationJson(se: SubmittedSelfEvaluation) {
  const sources: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(se.sources)) sources[key] = ref(s);
  se.indicators.forEach((i, k) => {
    for (const [key, s] of Object.entries(i.sources)) sources[`indicators[${k}].${key}`] = ref(s);
  });
  return {
    title: se.title,
    line: se.source.line,
    selfEvaluation: {
      project: se.project,
      unit: se.unit,
      year: se.year,
      funds: {
        budgetStart: se.funds.budgetStart?.text ?? null,
        budgetFull: se.funds.budgetFull?.text ?? null,
        executed: se.funds.executed?.text ?? null,
        points: figure(se.funds.points),
        rate: figure(se.funds.rate),
        score: figure(se.funds.score),
      },
      indicators: se.indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.target,
        actual: i.actual,
        points: figure(i.points),
        score: figure(i.score),
        deviation: i.deviation,
        ...(i.measures !== undefined ? { measures: i.measures } : {}),
      })),
      total: figure(se.total),
      grade: se.grade,
      code: se.code,
      department: se.department,
      amountUnit: se.amountUnit,
      totalPoints: figure(se.totalPoints),
      categoryPoints: se.categoryPoints.map((c) => ({ level1: c.level1, points: c.points })),
      goals: se.goals,
    },
    sources,
    reading: se.reading,
  };
}
