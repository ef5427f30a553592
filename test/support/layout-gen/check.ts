/**
 * Reads a generated document back through the real import path (parseDocumentsBytes, what `jixiao
 * parse` calls), compares it field by field with the case's expected model, and judges the reading's
 * certainty against it. Four outcomes besides a pass, each told apart in a failure's message:
 *
 * - `misread-certain`: a table read wrongly and marked certain (the worst: nothing tells the person);
 * - `misread-doubted`: a readable case not read exactly, its table marked uncertain (not silent, but
 *   a readable table must be read);
 * - `false-doubt`: a readable case read exactly, yet marked uncertain;
 * - `unreadable-certain`: a case a careful person could not read exactly (LayoutCase.unreadable) whose
 *   table the reader marked certain.
 */
import { DocumentReadError } from '../../../src/server/importers/errors';
import { parseDocumentsBytes } from '../../../src/server/importers/read-document';
import type { Indicator, ParsedDocument } from '../../../src/shared/domain/model';
import { documentAsText, type ExpectedDocument, type ExpectedIndicator, type LayoutCase, type LayoutFormat } from './generate';
import { renderDocument, renderText } from './render';

export type Verdict = 'pass' | 'misread-certain' | 'misread-doubted' | 'false-doubt' | 'unreadable-certain';

const VERDICT_WORDS: Record<Exclude<Verdict, 'pass'>, string> = {
  'misread-certain': 'MISREAD AS CERTAIN: read otherwise than written, and no doubt said',
  'misread-doubted': 'a readable case not read exactly (its table doubted, but a readable table must be read)',
  'false-doubt': 'a false doubt: read exactly, yet marked uncertain',
  'unreadable-certain': 'an unreadable case marked certain',
};

type Diff = (path: string, want: unknown, got: unknown) => void;

/** Every difference between the parsed document and the expected one, as `path: expected …, got …`. */
export function compareDocument(doc: ParsedDocument, expected: ExpectedDocument): string[] {
  const out: string[] = [];
  const diff: Diff = (path, want, got) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  for (const d of doc.diagnostics) if (d.severity === 'error') out.push(`error diagnostic ${d.code}: ${d.message}`);
  diff('frameworkVersion', expected.frameworkVersion, doc.frameworkVersion);
  diff('year', expected.year, doc.year);
  diff('yearInferred', expected.yearInferred, doc.yearInferred === true);
  diff('projects.length', expected.projects.length, doc.projects.length);
  expected.projects.forEach((e, k) => {
    const p = doc.projects[k];
    if (!p) return;
    const at = `projects[${k}]`;
    diff(`${at}.name`, e.name, p.name);
    diff(`${at}.code`, e.code, p.code);
    diff(`${at}.budget.total (fen)`, e.total, p.budget.total);
    diff(`${at}.budgetLines`, e.budgetLines, p.budgetLines.map((l) => [l.label, l.amount]));
    diff(`${at}.goals`, e.goals, p.goals);
    diff(`${at}.longTermGoals`, e.longTermGoals, p.longTermGoals);
    if (e.department !== undefined) diff(`${at}.department`, e.department, p.department?.name);
    const json = JSON.stringify(p);
    for (const text of e.absent) if (json.includes(text)) out.push(`${at}: “${text}” (a contact, an opinion) is in the reading`);
    diff(`${at}.indicators.length`, e.indicators.length, p.indicators.length);
    e.indicators.forEach((ei, i) => {
      const gi = p.indicators[i];
      if (gi) compareIndicator(`${at}.indicators[${i}]`, ei, gi, diff);
    });
    diff(`${at}.longTermIndicators.length`, e.longTermIndicators.length, p.longTermIndicators.length);
    e.longTermIndicators.forEach((ei, i) => {
      const gi = p.longTermIndicators[i];
      if (gi) compareIndicator(`${at}.longTermIndicators[${i}]`, ei, gi, diff, true);
    });
  });
  return out;
}

const compact = (s: string) => s.replace(/\s+/g, '');

function compareIndicator(at: string, e: ExpectedIndicator, g: Indicator, diff: Diff, brief = false): void {
  diff(`${at}.level1`, e.level1, g.level1);
  diff(`${at}.level2`, e.level2, g.level2);
  // a form's own word for a level (产出值 for 产出指标) is kept as written (a note after it may go)
  const kept = (word: string | undefined, standard: string | null, raw: string) => word === undefined || word === standard || compact(raw).includes(compact(word));
  if (!kept(e.level1Word, e.level1, g.level1Raw)) diff(`${at}.level1Raw (the form's word)`, e.level1Word, g.level1Raw);
  if (!kept(e.level2Word, e.level2, g.level2Raw)) diff(`${at}.level2Raw (the form's word)`, e.level2Word, g.level2Raw);
  diff(`${at}.name`, e.name, g.name);
  // the target as a person reads it, or another reading a person could take as well
  const readings = [e.target, ...(e.target.alternatives ?? [])];
  const got = { raw: g.target.raw, kind: g.target.kind, operator: g.target.operator, value: g.target.value, unit: g.target.unit };
  const same = readings.find((t) => t.raw === got.raw && t.kind === got.kind && t.operator === got.operator && t.value === got.value && t.unit === got.unit);
  const t = same ?? e.target;
  diff(`${at}.target.raw`, t.raw, g.target.raw);
  diff(`${at}.target.kind`, t.kind, g.target.kind);
  diff(`${at}.target.operator`, t.operator, g.target.operator);
  diff(`${at}.target.value`, t.value, g.target.value);
  diff(`${at}.target.unit`, t.unit, g.target.unit);
  if (brief) return;
  diff(`${at}.extras (by role)`, e.extras, g.extras.filter((x) => x.role !== undefined).map((x) => ({ header: x.header, text: x.text, role: x.role })));
  if (e.description !== undefined) diff(`${at}.description`, e.description, g.description);
  if (e.basis !== undefined) diff(`${at}.basis`, e.basis, g.basis);
  if (e.weight !== undefined) diff(`${at}.weight`, e.weight, g.weight);
  diff(`${at}.level1Weight`, e.level1Weight, g.level1Weight);
  diff(`${at}.level2Weight`, e.level2Weight, g.level2Weight);
}

export interface CheckResult {
  format: LayoutFormat;
  verdict: Verdict;
  mismatches: string[];
  /** The doubts the reader said, as `table: code message`. */
  doubts: string[];
  /** The reading (when the reader gave one document). */
  read?: ParsedDocument;
}

/** Each table's doubts, as lines. */
function doubtsOf(doc: ParsedDocument): string[] {
  return [
    ...doc.projects.flatMap((p, k) => (p.reading?.doubts ?? []).map((d) => `projects[${k}] ${d.code}: ${d.message}`)),
    ...(doc.departmentTargets?.reading?.doubts ?? []).map((d) => `departmentTargets ${d.code}: ${d.message}`),
  ];
}

/**
 * Renders the case in the format, parses it back, compares and judges. A reader that throws is a
 * misread (unless the case expects the document refused, and the refusal says what it must).
 */
export async function checkCase(c: LayoutCase, format: LayoutFormat): Promise<CheckResult> {
  const bytes = await renderDocument(c.document, format);
  const result = (verdict: Verdict, mismatches: string[], doubts: string[] = []): CheckResult => ({ format, verdict, mismatches, doubts });
  let docs: ParsedDocument[];
  try {
    docs = await parseDocumentsBytes(bytes, `layout-case.${format}`);
  } catch (e) {
    const refusal = c.expected.refusal;
    if (refusal !== undefined && e instanceof DocumentReadError) {
      const line = e.toOneLine();
      const missing = refusal.filter((part) => !line.includes(part));
      return missing.length === 0 ? result('pass', []) : result('misread-certain', [`the refusal “${line}” does not say ${missing.map((m) => `“${m}”`).join(', ')}`]);
    }
    return result('misread-certain', [`the reader threw: ${(e as Error).message}`]);
  }
  if (c.expected.refusal !== undefined) return result('misread-certain', [`read ${docs.length} document(s) with ${docs.flatMap((d) => d.projects).length} project(s); expected the document refused as holding no target table`]);
  if (docs.length !== 1) return result('misread-certain', [`${docs.length} documents, expected 1`]);
  const doc = docs[0]!;
  const doubts = doubtsOf(doc);
  const judged = (r: CheckResult): CheckResult => ({ ...r, read: doc });
  const certain = (k: number) => doc.projects[k]?.reading?.certain !== false;
  const allCertain = doc.projects.every((p) => p.reading?.certain !== false) && doc.departmentTargets?.reading?.certain !== false;
  const mismatches = compareDocument(doc, c.expected);
  const unreadable = c.unreadable !== null && c.unreadable.formats.includes(format) ? c.unreadable : null;
  if (unreadable !== null) {
    // the table that cannot be read must say so (any table, when the reader did not find as many)
    const said = doc.projects.length === c.expected.projects.length ? !certain(unreadable.project) : !allCertain;
    return judged(said ? result('pass', [], doubts) : result('unreadable-certain', [`unreadable (${unreadable.why}), yet the table of project ${unreadable.project + 1} is marked certain`, ...mismatches], doubts));
  }
  if (mismatches.length === 0) return judged(allCertain ? result('pass', [], doubts) : result('false-doubt', [], doubts));
  // a misread is silent when the table it is in is marked certain (a document-wide one: when every table is)
  const silent = mismatches.some((m) => {
    const k = /^projects\[(\d+)\]/.exec(m);
    return k ? certain(Number(k[1])) : allCertain;
  });
  return judged(result(silent ? 'misread-certain' : 'misread-doubted', mismatches, doubts));
}

/** A failure's message: the kind of failure, the format, the differences, the doubts, the case's choices and the document as text. */
export function describeFailure(c: LayoutCase, result: CheckResult): string {
  const verdict = result.verdict === 'pass' ? 'pass' : VERDICT_WORDS[result.verdict];
  return [
    `${verdict} — the ${result.format} rendering:`,
    ...result.mismatches.slice(0, 20).map((m) => `  ${m}`),
    ...(result.mismatches.length > 20 ? [`  … ${result.mismatches.length - 20} more`] : []),
    ...(result.doubts.length > 0 ? ['doubts said:', ...result.doubts.map((d) => `  ${d}`)] : []),
    ...(c.unreadable !== null ? [`unreadable in ${c.unreadable.formats.join(', ')}: ${c.unreadable.why}`] : []),
    'choices:',
    ...c.choices.map((s) => `  ${s}`),
    'document:',
    documentAsText(c.document),
    '(as .txt:)',
    renderText(c.document),
  ].join('\n');
}

/** Checks the case in each format; throws an Error with describeFailure's message at the first that fails. */
export async function assertCaseReads(c: LayoutCase, formats: readonly LayoutFormat[]): Promise<void> {
  for (const format of formats) {
    const result = await checkCase(c, format);
    if (result.verdict !== 'pass') throw new Error(describeFailure(c, result));
  }
}
