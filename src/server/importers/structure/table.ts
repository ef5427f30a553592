/**
 * A table's structure (issue 53), the one stage every reader of a table consumes (project forms,
 * department-wide tables, lists of projects): its cells → its headers (their rows and column paths,
 * header.ts) → the columns' roles → each row's kind → the reading (parse/), each step adding its
 * doubts. Nothing here reads a value; it says what each row is:
 *
 * - `header`: a header's rows (group markers, the header row, rows splitting it), also a header repeated;
 * - `indicator`: a row under an indicator header (an indicator, or a row that only carries a category:
 *   the reader says `category` once it has read it);
 * - `form`: a label and its value, or a row continuing one (money, the plan, goals): before an
 *   indicator header, or after the indicator rows where a row starts a part of the form again;
 * - `signOff`: an office's opinion, a seal, a date, a signature or a contact (填表人, 联系电话, 审核意见);
 * - `note`: a note under the table (注：, 说明：);
 * - `blank`.
 *
 * What starts a part of the form again depends on the form (a project's labels or a department's): the
 * reader says (`startsFormPart`).
 */
import { isFormNote, isNonDataLabel } from '../../../shared/layout/labels';
import type { RowKind } from '../../../shared/domain/table-grid';
import type { RowBlock } from '../blocks';
import { isBlankRow, place } from '../parse/grid';
import { headerRowAt, isIndicatorHeader, isSubHeaderRow, readHeaderBlock, readTemplateHeader, type HeaderBlock } from './header';
import { categoryLevelOf, type TemplateOffer } from '../../../shared/domain/form-template';
import { headerAt, offersFor, templateRowKind, templatesIn, type PreparedTemplate, type TemplateSet } from './template';

export interface TableStructure {
  rows: readonly RowBlock[];
  kinds: RowKind[];
  /** The indicator headers, in order. */
  headers: HeaderBlock[];
  /** For each row, the header (index into `headers`) whose indicator rows it belongs to; -1 for a row of the form. */
  blockOf: Int32Array;
  /** The form template the table is read with (its header found in the rows exactly, issue 54); null for none. */
  template: PreparedTemplate | null;
  /** Templates whose header is like the table's, offered (never applied) when none matched. */
  offers: TemplateOffer[];
  /**
   * Category rows the table's template names (issue 71: 表样 row kinds level1/level2), by row index: the row's text is
   * the 一级 or 二级指标 of the indicator rows under it (parse/indicators.ts). Absent when the template names none.
   */
  categoryLevels?: ReadonlyMap<number, 'level1' | 'level2'>;
}

export interface StructureOptions {
  /** Whether a row under indicator rows starts a part of the form again (a project's 项目名称, 资金, 绩效目标 …), with the table's template's labels. */
  startsFormPart: (row: RowBlock, template: PreparedTemplate | null) => boolean;
  /** The year the table's title or a year line gives: it decides between bare years in a header. */
  year: number | null;
  /** The form templates in force (structure/template.ts): one whose header the rows hold is applied, ones like it offered. */
  templates?: TemplateSet | null;
  /**
   * Without it, the year said elsewhere (the table's project code, the document's title): asked only of a header
   * with bare years that nothing else decides (issue 53).
   */
  yearElsewhere?: () => number | null;
}

/** The kind of a row that is neither a header nor a blank one, when it is a sign-off or a note; null otherwise. */
function footKind(row: RowBlock): 'signOff' | 'note' | null {
  // asked of every row: a loop, no closure
  for (const p of place(row)) {
    if (p.text === '') continue;
    if (isNonDataLabel(p.text)) return 'signOff';
    return isFormNote(p.text) ? 'note' : null;
  }
  return null;
}

/** The structure of a table's rows. */
export function analyzeTable(rows: readonly RowBlock[], options: StructureOptions): TableStructure {
  const kinds = new Array<RowKind>(rows.length);
  const blockOf = new Int32Array(rows.length).fill(-1);
  const headers: HeaderBlock[] = [];
  const set = options.templates ?? null;
  const template = set === null ? null : (templatesIn(set, rows)[0] ?? null);
  let current = -1; // the header whose indicator rows are being walked
  let categoryLevels: Map<number, 'level1' | 'level2'> | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (isBlankRow(row)) {
      kinds[i] = 'blank';
      blockOf[i] = current;
      continue;
    }
    if (template !== null) {
      // the template's header, wherever it stands (again on a new page: the same table's)
      if (headerAt(template, rows, i)) {
        const again = current >= 0 && headers[current]!.template === template;
        if (!again) {
          headers.push(readTemplateHeader(rows, i, template, options.year));
          current = headers.length - 1;
        }
        const to = i + template.keys.length;
        for (; i < to; i++) {
          kinds[i] = 'header';
          blockOf[i] = current;
        }
        i--;
        continue;
      }
      const said = templateRowKind(template, row);
      // a category row by the template (issue 71): within the indicator rows, its text their 一级 or 二级指标
      const level = categoryLevelOf(said);
      if (level !== null && current >= 0) {
        kinds[i] = 'category';
        blockOf[i] = current;
        (categoryLevels ??= new Map()).set(i, level);
        continue;
      }
      if (said === 'signOff' || said === 'note' || (said === 'indicator' && current >= 0)) {
        kinds[i] = said;
        blockOf[i] = current;
        continue;
      }
      if (said === 'form') {
        current = -1;
        kinds[i] = 'form';
        continue;
      }
    }
    const at = headerRowAt(rows, i);
    if (at >= 0) {
      const block = current >= 0 ? headers[current]! : null;
      if (block !== null && at === i && isIndicatorHeader(row) && place(row).map((p) => p.text).join('|') === block.signature) {
        // the header repeated (a new page): its rows under it too
        kinds[i] = 'header';
        blockOf[i] = current;
        while (rows[i + 1] && isSubHeaderRow(rows[i + 1]!)) {
          kinds[++i] = 'header';
          blockOf[i] = current;
        }
        continue;
      }
      const next = readHeaderBlock(rows, at, options.year, options.yearElsewhere);
      headers.push(next);
      current = headers.length - 1;
      for (let k = next.from; k < next.to; k++) {
        kinds[k] = 'header';
        blockOf[k] = current;
      }
      i = next.to - 1;
      continue;
    }
    const foot = footKind(row);
    if (foot !== null) {
      kinds[i] = foot;
      blockOf[i] = current;
      continue;
    }
    if (current >= 0 && !options.startsFormPart(row, template)) {
      kinds[i] = 'indicator';
      blockOf[i] = current;
      continue;
    }
    current = -1;
    kinds[i] = 'form';
  }
  return { rows, kinds, headers, blockOf, template, offers: set !== null && template === null ? offersFor(set, rows) : [], ...(categoryLevels === undefined ? {} : { categoryLevels }) };
}

/**
 * The end of the indicator table that starts with headers[block]: the first row of the form after it
 * (or the end of the rows). Headers met on the way (a header repeated, or changed) are the same table's.
 */
export function indicatorRegionEnd(structure: TableStructure, block: number): number {
  const { blockOf } = structure;
  let i = structure.headers[block]!.from;
  while (i < blockOf.length && blockOf[i]! >= 0) i++;
  return i;
}
