/**
 * The form profile of a project's table (shared/domain/form-profile.ts), recorded while the table is
 * read: every header field whose label the form has (filled in or not) with the label as written,
 * every indicator column by role with its header as written (the roles readIndicatorHeader gave),
 * the extra columns. And the fields a form has under another name, read into their field:
 *
 * - basis: a filled 绩效标准-type column (BASIS_ALIAS_HEADERS), else a 评(扣)分标准 column in the rows
 *   where it states a standard rather than a scoring rule, else a "（计划标准）" note inside the
 *   description or an 指标解释 column — only when the table has no 指标值确定依据-type column. The
 *   column stays an extra column too (nothing is dropped; the document is shown as written).
 * - money: funding lines of government levels (区级资金, 上级资金, 中央资金 …) are fiscal money: their
 *   sum is 财政资金 when the form has no 财政资金-type field; 自筹/自有/社会 lines likewise 其他资金.
 *   The lines stay as they are; an info diagnostic says how the field was read.
 */
import type { FormColumnRole, FormFieldRole, FormProfile } from '../../../shared/domain/form-profile';
import type { Fen, Project, SourceLocation } from '../../../shared/domain/model';
import { compactLabel } from '../../../shared/domain/text';
import type { IndicatorHeader } from '../../../shared/layout/indicator-columns';
import { BASIS_ALIAS_HEADERS, EXPLANATION_HEADER, FISCAL_LEVEL_LINE, OTHER_SOURCE_LINE, SCORING_HEADER, SCORING_TEXT, STANDARD_NOTE, normalizeLabel } from '../../../shared/layout/labels';
import type { RawIndicator } from './indicators';
import type { Report } from './report';

/** A header field's label as the profile keeps it: as written, whitespace and a leading 其中： taken off. */
export function profileLabel(text: string): string {
  return text.replace(/\s+/g, '').replace(/^其中[:：,，]?/, '').replace(/[:：]+$/, '');
}

export class FormRecorder {
  private readonly fields: FormProfile['fields'] = {};
  private readonly columns: FormProfile['columns'] = {};
  /** The group of the header each column role was taken from: an annual (or ungrouped) header wins over a long-term one. */
  private readonly columnGroups: Partial<Record<FormColumnRole, 'longTerm' | 'annual' | null>> = {};
  private readonly extras: string[] = [];

  /** A header field the form has, under the label as written (the first label seen for it). */
  field(role: FormFieldRole, label: string): void {
    const text = profileLabel(label);
    if (text !== '' && this.fields[role] === undefined) this.fields[role] = text;
  }

  has(role: FormFieldRole): boolean {
    return this.fields[role] !== undefined;
  }

  /** An indicator table's columns, as its header(s) mapped them. */
  table(columns: readonly IndicatorHeader[]): void {
    for (const c of columns) {
      if (c.field === null) {
        if (!c.rowGroup && c.text !== '' && !this.extras.includes(c.text)) this.extras.push(c.text);
        continue;
      }
      const had = this.columnGroups[c.field];
      if (this.columns[c.field] === undefined || (had === 'longTerm' && c.group !== 'longTerm')) {
        this.columns[c.field] = c.text;
        this.columnGroups[c.field] = c.group;
      }
    }
  }

  /** A column role read from another column (绩效标准 as the basis). */
  column(role: FormColumnRole, header: string): void {
    this.columns[role] ??= header;
  }

  profile(name: string): FormProfile {
    return { name, fields: { ...this.fields }, columns: { ...this.columns }, extraColumns: [...this.extras] };
  }
}

/**
 * The basis of the rows of one indicator table that has no basis column, from a column or a note
 * that holds it under another name. Returns the profile's name for the basis column, or null.
 */
export function aliasBasis(rows: readonly RawIndicator[], columns: readonly IndicatorHeader[], tableName: string, report: Report): string | null {
  if (columns.some((c) => c.field === 'basis')) return null;
  const key = (header: string) => compactLabel(header);
  const extraHeaders = columns.filter((c) => c.field === null && !c.rowGroup && c.text !== '').map((c) => c.text);

  // A column that is the basis under another name; a scoring column only where it states a standard.
  const alias = extraHeaders.find((h) => BASIS_ALIAS_HEADERS.includes(key(h))) ?? extraHeaders.find((h) => SCORING_HEADER.test(key(h)));
  if (alias !== undefined) {
    const scoring = !BASIS_ALIAS_HEADERS.includes(key(alias));
    let used = 0;
    for (const r of rows) {
      const cell = r.extras.find((e) => e.header === alias);
      const text = cell?.text.trim() ?? '';
      // a scoring cell states a standard, not a scoring rule, nor a note wholly in brackets (the form's own hint:
      // "（根据指标完成情况设定评（扣）分标准）")
      if (r.basis !== '' || cell === undefined || text === '' || (scoring && (SCORING_TEXT.test(text) || /^[（(].*[)）]$/.test(text)))) continue;
      r.basis = text;
      r.sources.basis = cell.source;
      used++;
    }
    if (used > 0) {
      report('info', 'basis-from-column', `${tableName}没有“指标值确定依据”列，按“${alias}”列读取${used}条指标的确定依据（该列仍按原样保存）`, rows[0]!.source);
      return alias;
    }
  }

  // A "（计划标准）" note inside the description or an explanation column.
  let noteColumn: string | null = null;
  let noteKind: string | null = null;
  let used = 0;
  const descriptionHeader = columns.find((c) => c.field === 'description')?.text ?? null;
  for (const r of rows) {
    if (r.basis !== '') continue;
    const places: { header: string; text: string; source: SourceLocation | undefined }[] = [];
    if (descriptionHeader !== null) places.push({ header: descriptionHeader, text: r.description, source: r.sources.description });
    for (const e of r.extras) if (EXPLANATION_HEADER.test(key(e.header))) places.push({ header: e.header, text: e.text, source: e.source });
    for (const p of places) {
      const m = STANDARD_NOTE.exec(p.text);
      if (m === null) continue;
      const note = m[1]!.trim().replace(/\s+/g, '');
      r.basis = note;
      r.sources.basis = p.source ?? r.source;
      noteColumn ??= p.header;
      noteKind ??= /^(.{1,3}标准)/.exec(note)?.[1] ?? note;
      used++;
      break;
    }
  }
  if (noteColumn === null) return null;
  report('info', 'basis-from-note', `${tableName}没有“指标值确定依据”列，按“${noteColumn}”中注明的“（${noteKind}）”读取${used}条指标的确定依据`, rows[0]!.source);
  return `${noteColumn}（${noteKind}）`;
}

/**
 * 财政资金 and 其他资金 from this year's funding lines when the form has no such field: levels of
 * government are fiscal money, the unit's own and society's are other money. The lines stay.
 */
export function aliasFunds(project: Project, recorder: FormRecorder, tableName: string, report: Report): void {
  const read = (role: 'fiscal' | 'other', pattern: RegExp, name: string) => {
    if (recorder.has(role) || project.budget[role] !== null) return;
    const lines = project.budgetLines.filter((l) => pattern.test(normalizeLabel(l.label).key));
    if (lines.length === 0) return;
    const amounts = lines.map((l) => l.amount).filter((a): a is Fen => a !== null);
    project.budget[role] = amounts.length === 0 ? null : amounts.reduce((a, b) => a + b, 0);
    project.sources[role] = lines[0]!.source;
    const labels = lines.map((l) => normalizeLabel(l.label).key);
    recorder.field(role, labels.join('、'));
    const how = lines.length === 1 ? `“${labels[0]}”` : `${labels.map((l) => `“${l}”`).join('、')}之和`;
    report('info', `${role}-from-lines`, `${tableName}没有“${name}”栏，按${how}读作${name}（原资金来源行仍保留）`, lines[0]!.source);
  };
  read('fiscal', FISCAL_LEVEL_LINE, '财政资金');
  read('other', OTHER_SOURCE_LINE, '其他资金');
}
