/**
 * The real 自评表 of ../shared/fixtures/self-evaluations against their hand-written truth (truth.json, described in that
 * folder's README), field by field: what a test asserts and what the report of the share read right counts.
 *
 * The fields of a table: year, 项目名称, 实施单位, 主管部门, the six of the 年度资金总额 row (年初预算数, 全年预算数, 全年执行数,
 * 分值, 执行率, 得分), eight per indicator (一级, 二级, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因), 总分 and the
 * grade. An indicator row the reader gives that the truth does not have (a template's placeholder read as an
 * indicator) counts as eight wrong fields; one it misses, as eight too.
 *
 * Comparison: texts as written, trimmed; a cell's line breaks are not text (the truth writes them as "\n", a reader
 * joins the lines); category cells (一级/二级指标) with their white space removed, as the reader keeps them, and the
 * 一级指标 cell with the points it states (产出指标(50分)); amounts and figures by value; 执行率 as written with its %.
 */
import { resolve } from 'node:path';
import type { SubmittedIndicator, SubmittedSelfEvaluation } from '../../src/shared/domain/submitted-self-evaluation';
import { tidyCjkSpaces, toHalfWidth } from '../../src/shared/domain/text';

export const REAL_SELF_EVALUATIONS_DIR = resolve(process.cwd(), '../shared/fixtures/self-evaluations');

/** [一级, 二级, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因] as the truth writes them. */
export type TruthIndicator = [string | null, string, string, string | null, string | null, number | null, number | null, string | null];

export interface SelfEvaluationTruth {
  year: number;
  project: string;
  unit: string;
  department: string | null;
  money_unit: '元' | '万元';
  funds: { budget_start: number | null; budget_full: number | null; executed: number | null; points: number | null; rate: string | null; score: number | null };
  indicators: TruthIndicator[];
  total: number | null;
  grade: string | null;
}

export interface TruthComparison {
  fields: number;
  right: number;
  /** Each wrong field in words: where, what the truth says, what was read. */
  wrong: string[];
}

const compact = (s: string | null | undefined) => toHalfWidth(s ?? '').replace(/\s+/g, '');
const asWritten = (s: string | null | undefined) => (s ?? '').replace(/\n/g, '').trim();

/** The 一级指标 cell as the reader gives it back: its category and the points it states. */
function level1Cell(i: SubmittedIndicator): string {
  return `${i.level1}${i.level1Points != null ? `(${i.level1Points}分)` : ''}`;
}

/**
 * `pdf`: spaces beside Chinese characters are no text (a PDF has none to give: "1.1 完成…" prints as "1.1完成…"), as
 * test/support/pdf-print.ts compares the other documents.
 */
export function compareWithTruth(se: SubmittedSelfEvaluation, t: SelfEvaluationTruth, opts: { pdf?: boolean } = {}): TruthComparison {
  const text = (s: string | null | undefined) => (opts.pdf ? tidyCjkSpaces(asWritten(s)) : asWritten(s));
  const wrong: string[] = [];
  let fields = 0;
  let bad = 0;
  const check = (where: string, want: unknown, got: unknown, same: boolean) => {
    fields++;
    if (same) return;
    bad++;
    wrong.push(`${where}: 应为 ${JSON.stringify(want)}，读到 ${JSON.stringify(got)}`);
  };
  /** A whole row missed or read in excess: its eight fields wrong. */
  const row = (words: string) => {
    fields += 8;
    bad += 8;
    wrong.push(words);
  };
  const eqText = (where: string, want: string | null, got: string | null | undefined) => check(where, want, got, text(want) === text(got));
  const eqNumber = (where: string, want: number | null, got: number | null | undefined) => check(where, want, got, (want ?? null) === (got ?? null));

  eqNumber('年度', t.year, se.year);
  eqText('项目名称', t.project, se.project);
  eqText('实施单位', t.unit, se.unit);
  eqText('主管部门', t.department, se.department);
  const amount = (a: { text: string } | null) => (a === null ? null : Number(a.text));
  eqNumber('年初预算数', t.funds.budget_start, amount(se.funds.budgetStart));
  eqNumber('全年预算数', t.funds.budget_full, amount(se.funds.budgetFull));
  eqNumber('全年执行数', t.funds.executed, amount(se.funds.executed));
  eqNumber('资金分值', t.funds.points, se.funds.points?.value);
  eqText('执行率', t.funds.rate, se.funds.rate === null ? null : `${se.funds.rate.text}%`);
  eqNumber('资金得分', t.funds.score, se.funds.score?.value);

  // the indicators in order: each of the truth's with the next read one of its name (rows read in between are extra)
  const read = se.indicators;
  let next = 0;
  for (const [k, want] of t.indicators.entries()) {
    const [level1, level2, name, target, actual, points, score, deviation] = want;
    let at = read.findIndex((i, j) => j >= next && text(i.name) === text(name));
    if (at < 0 && next < read.length && !t.indicators.slice(k + 1).some((w) => text(w[2]) === text(read[next]!.name))) at = next;
    const where = `指标${k + 1}“${name}”`;
    if (at < 0) {
      row(`${where}: 未读到`);
      continue;
    }
    for (let j = next; j < at; j++) row(`多读的指标“${read[j]!.name}”`);
    next = at + 1;
    const got = read[at]!;
    check(`${where} 一级指标`, level1, level1Cell(got), compact(level1) === compact(level1Cell(got)));
    check(`${where} 二级指标`, level2, got.level2, compact(level2) === compact(got.level2));
    eqText(`${where} 三级指标`, name, got.name);
    eqText(`${where} 年度指标值`, target, got.target);
    eqText(`${where} 实际完成值`, actual, got.actual);
    eqNumber(`${where} 分值`, points, got.points?.value);
    eqNumber(`${where} 得分`, score, got.score?.value);
    eqText(`${where} 偏差原因`, deviation, got.deviation);
  }
  for (let j = next; j < read.length; j++) row(`多读的指标“${read[j]!.name}”`);
  eqNumber('总分', t.total, se.total?.value);
  eqText('自评等级', t.grade, se.grade);
  return { fields, right: fields - bad, wrong };
}
