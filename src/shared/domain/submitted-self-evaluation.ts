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
import { getFramework, level1Of, normalizeCategories } from './framework';
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
  /**
   * The rows under the 年度资金总额 row that break it down (其中：本年财政拨款, 上年结转资金, 其他资金; 基本支出 …), in table
   * order, each with its amounts as written and their cells; absent in tables stored before they were kept (issue 70).
   */
  parts?: SubmittedFundsPart[];
}

/** One 其中 row of the funds block: its label as written and its amounts (null where the cell is empty or a dash). */
export interface SubmittedFundsPart {
  label: string;
  budgetStart: SubmittedAmount | null;
  budgetFull: SubmittedAmount | null;
  executed: SubmittedAmount | null;
  sources: Partial<Record<'label' | 'budgetStart' | 'budgetFull' | 'executed', SourceLocation>>;
}

export interface SubmittedIndicator {
  /** The first-level category without its points ("产出指标" of "产出指标(50分)"). */
  level1: string;
  /** The points its 一级指标 cell states (50 of "产出指标(50分)"); null or absent when it states none. */
  level1Points?: number | null;
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
  /** The points its 二级指标 cell states (数量指标(20分)); absent when it states none. */
  level2Points?: number | null;
  /** 指标性质 when the table has that column and it says more than an operator (正向, 反向, 定性 …); absent otherwise. */
  nature?: string | null;
  /**
   * A row that belongs to another one (`index` into the table's indicators): a sub-item whose points add up with its
   * siblings' to the parent's ('sub': 1.1, 1.2 under 1.), or a 其中 breakdown with no points of its own ('breakdown').
   * Absent for an indicator of its own. A part is not counted in the sums: its parent is.
   */
  partOf?: { index: number; kind: 'sub' | 'breakdown' };
  /** Cells of the columns nothing checks (指标值设置依据, 上年完成值, 赋分规则, 佐证资料, 完成率 …), by header: kept as written. */
  extras?: { header: string; text: string }[];
  sources: Partial<Record<'level1' | 'level2' | 'name' | 'target' | 'actual' | 'points' | 'score' | 'deviation' | 'measures', SourceLocation>>;
}

/** Where each field of the table came from: `project`, `unit`, `funds.budgetFull`, `total`, `grade` … */
export type SubmittedSources = Partial<Record<string, SourceLocation>>;

export interface SubmittedSelfEvaluation {
  /**
   * A project's table, or a department's (部门整体支出绩效自评表: its 部门（单位）名称 is the unit and the department, no
   * 项目名称); absent in tables stored before issue 70: a project's.
   */
  kind?: 'project' | 'department';
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

/**
 * The standard 一级指标 an indicator counts under: its 一级指标 cell read against the frameworks (2015, then 2021),
 * else the one its 二级指标 belongs to (a cell that states only points, "(50分)"); null when neither tells.
 * @example categoryOf("", "社会效益 指标") // "效益指标"
 */
export function categoryOf(level1: string, level2: string): string | null {
  const frameworks = [getFramework('cn-2015')!, getFramework('cn-2021')!];
  for (const fw of frameworks) {
    const n = normalizeCategories(fw, level1, level2);
    if (n.level1 !== null) return n.level1;
  }
  for (const fw of frameworks) {
    const parent = level1Of(fw, level2);
    if (parent !== null) return parent;
  }
  return null;
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
  se.funds.parts?.forEach((p, k) => {
    for (const [key, s] of Object.entries(p.sources)) sources[`funds.parts[${k}].${key}`] = ref(s);
  });
  return {
    title: se.title,
    line: se.source.line,
    selfEvaluation: {
      ...(se.kind === 'department' ? { kind: se.kind } : {}),
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
        ...(i.level1Points != null ? { level1Points: i.level1Points } : {}),
        ...(i.level2Points != null ? { level2Points: i.level2Points } : {}),
        ...(i.nature != null ? { nature: i.nature } : {}),
        ...(i.partOf !== undefined ? { partOf: i.partOf } : {}),
        ...(i.extras !== undefined ? { extras: i.extras } : {}),
      })),
      total: figure(se.total),
      grade: se.grade,
      code: se.code,
      department: se.department,
      amountUnit: se.amountUnit,
      totalPoints: figure(se.totalPoints),
      categoryPoints: se.categoryPoints.map((c) => ({ level1: c.level1, points: c.points })),
      goals: se.goals,
      ...(se.funds.parts?.length ? { fundsParts: se.funds.parts.map((p) => ({ label: p.label, budgetStart: p.budgetStart?.text ?? null, budgetFull: p.budgetFull?.text ?? null, executed: p.executed?.text ?? null })) } : {}),
    },
    sources,
    reading: se.reading,
  };
}
