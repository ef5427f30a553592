/**
 * A budget disclosure's list of projects with their amounts (issue 68): the 项目支出预算情况表, 项目支出表,
 * 部门综合预算专项业务经费支出表 … among its budget tables. The disclosure states its projects twice, here with
 * their money and in the target tables; the parser checks the one against the other (crossCheckList).
 *
 * A list is a table titled so (a budget table, segment kind 'other') whose header names the project column
 * (项目名称, 单位（项目）名称 …) and an amount column (合计, 项目金额, 金额 …), in the unit its caption or its
 * header states. Its rows: the 合计 row is the total; a row whose amount is the sum of the rows right under it
 * (a unit, a kind of project: 通用项目, 专用项目) is a subtotal, left out; every other row with a name and an
 * amount is a listed project. A note under it that projects were left out (部分具体项目信息公开时予以剔除) is kept:
 * then the rows need not add up to the total.
 */
import type { ListedProject, ParsedDocument, Project, ProjectListing, SourceLocation } from '../../../shared/domain/model';
import { formatWan2, type MoneyUnit } from '../../../shared/domain/money';
import { compactLabel, toHalfWidth } from '../../../shared/domain/text';
import type { RowBlock } from '../blocks';
import { place, type Placed } from './grid';
import { readAmount } from './forms';
import type { Segment } from './segment';
import type { DoubtSink } from '../structure/doubts';

/** A budget table that lists projects: its title names project spending or special funds, not targets. */
const LIST_TITLE = /(项目支出|专项业务经费|专项经费|项目经费|项目资金)(预算)?(情况|明细|安排)?(支出)?(预算)?表/;
const NOT_LIST_TITLE = /绩效|政府采购|三公|结转|基本支出/;

/** The header of the project column, and of the amount column. */
const NAME_HEADER = /^(单位[(（]?项目[)）]?名称|项目名称|预算项目名称|项目支出名称|二级项目名称|项目|专项名称|项目\(单位\)名称)$/;
const AMOUNT_HEADER = /^(合计|项目金额|金额|预算数|预算金额|小计|总计|本年预算|本年预算数|年度预算|预算资金|项目预算)(\((万元|元)\))?$/;
const CODE_HEADER = /(编码|代码)$/;
const TOTAL_ROW = /^(合计|总计|合\s*计|总\s*计)$/;
/** A note that the list leaves projects out. */
export const OMISSION_NOTE = /(予以剔除|不予公开|未予公开|不公开|涉密)/;

export function isListTitle(title: string): boolean {
  const t = compactLabel(title);
  return LIST_TITLE.test(t) && !NOT_LIST_TITLE.test(t);
}

const cellText = (p: Placed) => compactLabel(toHalfWidth(p.text));

/** The header row (within the first rows) with a name column and an amount column: their grid starts. */
function findHeader(rows: readonly RowBlock[]): { at: number; name: number; amount: number; code: number | null; unit: MoneyUnit | null } | null {
  for (let i = 0; i < Math.min(rows.length, 5); i++) {
    const cells = place(rows[i]!);
    const name = cells.find((p) => NAME_HEADER.test(cellText(p)));
    if (name === undefined) continue;
    // the amount column: the first to the right of the name whose header (or the header under it) names an amount
    const under = rows[i + 1] ? place(rows[i + 1]!) : [];
    let amount: Placed | undefined = cells.find((p) => p.start > name.start && AMOUNT_HEADER.test(cellText(p)));
    amount ??= under.find((p) => p.start > name.start && AMOUNT_HEADER.test(cellText(p)));
    if (amount === undefined) continue;
    const code = cells.find((p) => p.start < name.start && CODE_HEADER.test(cellText(p)));
    const unit = (/\((万元|元)\)/.exec(cellText(amount))?.[1] ?? null) as MoneyUnit | null;
    return { at: i, name: name.start, amount: amount.start, code: code?.start ?? null, unit };
  }
  return null;
}

/** The unit a row over the header states beside the unit's name ("部门（单位）：某局 | 单位：万元"). */
function unitOverHeader(rows: readonly RowBlock[]): MoneyUnit | null {
  for (const row of rows) {
    for (const p of place(row)) {
      const m = /(?:金额)?单位[:：]\s*(万元|元)$/.exec(toHalfWidth(p.text).replace(/\s+/g, ''));
      if (m) return m[1] as MoneyUnit;
    }
  }
  return null;
}

/** The cell of a row that starts at grid column `col` (or covers it). */
const cellAt = (cells: readonly Placed[], col: number) => cells.find((p) => p.start <= col && col < p.end);

interface Entry extends ListedProject {
  code: string | null;
}

/**
 * The project list a budget table holds, or null when it is none. `unitOf`: the unit its caption gave (Segment.unit);
 * `notes`: the paragraphs right after it, where a note on projects left out stands.
 */
export function readBudgetList(seg: Segment, notes: readonly { text: string; source: SourceLocation }[]): ProjectListing | null {
  if (!isListTitle(seg.title)) return null;
  const header = findHeader(seg.rows);
  if (header === null) return null;
  const unit = header.unit ?? seg.unit ?? unitOverHeader(seg.rows.slice(0, header.at));
  if (unit === null) return null;
  const entries: Entry[] = [];
  let total: number | null = null;
  for (const row of seg.rows.slice(header.at + 1)) {
    const cells = place(row);
    const nameCell = cellAt(cells, header.name);
    const amountCell = cellAt(cells, header.amount);
    if (nameCell === undefined || amountCell === undefined || amountCell === nameCell) continue;
    const name = nameCell.text.replace(/\s*\n\s*/g, '').trim();
    // a name column whose cell also covers the code column's (a 合计 row spanning them)
    const amount = readAmount(amountCell.text, unit);
    if (!amount.ok || amount.fen === null) continue;
    const code = header.code === null ? null : (cellAt(cells, header.code)?.text.trim() || null);
    if (TOTAL_ROW.test(compactLabel(name)) || (name === '' && code !== null && TOTAL_ROW.test(compactLabel(code)))) {
      total ??= amount.fen;
      continue;
    }
    if (name === '' || AMOUNT_HEADER.test(compactLabel(name)) || NAME_HEADER.test(compactLabel(name))) continue;
    entries.push({ name, code, amount: amount.fen, source: amountCell.cell.sources[0] ?? row.source });
  }
  if (entries.length === 0) return null;
  const projects = entries.filter((_, k) => !isSubtotal(entries, k));
  const note = notes.find((n) => OMISSION_NOTE.test(n.text));
  return { title: seg.title, amountUnit: unit, projects, total, omissionNote: note?.text ?? null, source: seg.source };
}

/** Whether entries[k] is the sum of the entries right under it (a unit's, a kind's subtotal). */
function isSubtotal(entries: readonly Entry[], k: number): boolean {
  const own = entries[k]!.amount;
  if (own === null || own === 0) return false;
  let sum = 0;
  for (let j = k + 1; j < entries.length; j++) {
    sum += entries[j]!.amount ?? 0;
    if (sum === own) return true;
    if (sum > own) return false;
  }
  return false;
}

/** A name as the list and a target table's heading are compared: no spaces, one width, a leading project code off. */
export function listName(name: string): string {
  return toHalfWidth(name)
    .replace(/\s+/g, '')
    .replace(/^[A-Za-z0-9-]{6,}[_\-—、.]?/, '')
    .replace(/[“”"'‘’]/g, '');
}

const CARRIED = /^(.*?)[(（](上年)?结转[)）]$/;

/**
 * Each project read from the target tables against the list: its amount equal to the listed one (with the rows the
 * list gives for its 结转 money added), within the rounding of a table written in 万元 with two decimals. A project
 * the list names with another amount is doubted (both figures, and a factor of 10,000 named as a unit read wrong);
 * one the list does not name is left as it is. Returns how many matched.
 */
export function crossCheckList(doc: Pick<ParsedDocument, 'projects'>, list: ProjectListing, doubtOf: (p: Project) => DoubtSink): { matched: number; mismatched: number } {
  const byName = new Map<string, number>();
  for (const l of list.projects) {
    if (l.amount === null) continue;
    const carried = CARRIED.exec(listName(l.name));
    const key = carried ? carried[1]! : listName(l.name);
    byName.set(key, (byName.get(key) ?? 0) + l.amount);
  }
  const exact = new Map<string, number>();
  for (const l of list.projects) if (l.amount !== null) exact.set(listName(l.name), l.amount);
  let matched = 0;
  let mismatched = 0;
  for (const p of doc.projects) {
    const total = p.budget.total;
    const key = listName(p.name);
    const listed = [exact.get(key), byName.get(key)].filter((a): a is number => a !== undefined);
    if (total === null || listed.length === 0) continue;
    const rounding = p.amountUnit === '万元' || list.amountUnit === '万元' ? 5_000 : 0;
    if (listed.some((a) => Math.abs(a - total) <= rounding)) {
      matched++;
      continue;
    }
    mismatched++;
    const figures = `绩效目标表为 ${formatWan2(total)} 万元，“${list.title}”列为 ${formatWan2(listed[0]!)} 万元`;
    // ten thousand times the other, within the rounding of two decimals of 万元 (50 元) on either side
    const unitWrong = listed.some((a) => Math.abs(a - total * 10_000) <= 5_000 * 10_000 || Math.abs(a * 10_000 - total) <= 5_000 * 10_000);
    doubtOf(p)(
      'list-amount-mismatch',
      unitWrong ? `项目“${p.name}”的金额与项目清单相差一万倍（${figures}）：金额单位可能读错` : `项目“${p.name}”的金额与项目清单不一致（${figures}）`,
      p.sources.total ?? p.source,
    );
  }
  return { matched, mismatched };
}
