/**
 * A scan's reading measured against the text layer's reading of the same print, field by field (issue 56, issue 69):
 * the public content (documentContentJson) of both as leaves, the target's parts derived from its text left out (its
 * text is the field). A field that differs is wrong; a wrong field is doubted when a doubt of the scan's reading
 * (other than the whole table's ocr-scanned) stands at its cell: the same cell reference, or the same line. Shared by
 * test/importers/ocr-scans.test.ts and scripts/scan-fixtures.ts (the whole measurement).
 */
import { documentContentJson } from '../../src/shared/domain/document-content';
import type { ParsedDocument, Project, SourceLocation } from '../../src/shared/domain/model';
import type { Doubt } from '../../src/shared/domain/reading';

/** The target's parts read from its text: its text (raw) is the field. */
const DERIVED = /\.target\.(kind|operator|value|valueText|unit|deadline|start|words|standard)(\.|$)/;

/** The leaves of a JSON value by their paths (`projects[0].indicators[2].target.raw`), derived parts left out. */
export function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path === '' ? k : `${path}.${k}`, out);
  else if (!DERIVED.test(path)) out.set(path, value);
  return out;
}

/** How many lines a section of text (a narrative section, an item of part one) may run to when nothing follows it. */
const LAST_SECTION_LINES = 40;

/**
 * The lines of the text outside the tables a field of it was read from: a narrative section, an item of part one (its
 * heading's line up to the next section's or item's), or null when the field is no such text.
 */
function textSpan(doc: ParsedDocument, path: string): { from: number; to: number } | null {
  const span = (list: readonly { source: SourceLocation }[], i: number, after?: number) => {
    const from = list[i]?.source.line;
    if (from === undefined) return null;
    return { from, to: list[i + 1]?.source.line ?? after ?? from + LAST_SECTION_LINES };
  };
  const narrative = /^projects\[(\d+)\]\.narrative\[(\d+)\]/.exec(path);
  if (narrative) return span(doc.projects[Number(narrative[1])]?.narrative ?? [], Number(narrative[2]));
  const g = doc.departmentGoals;
  const first = (list: readonly { source: SourceLocation }[]) => list[0]?.source.line;
  if (path.startsWith('departmentGoals.overall') && g.overallSource) return { from: g.overallSource.line, to: first(g.subGoals) ?? first(g.measures) ?? g.overallSource.line + LAST_SECTION_LINES };
  const item = /^departmentGoals\.(subGoals|measures)\[(\d+)\]/.exec(path);
  if (item) return span(g[item[1] as 'subGoals'], Number(item[2]), item[1] === 'subGoals' ? first(g.measures) : undefined);
  return null;
}

/**
 * Where a field of the public content was read from, in the document's model (its cell). `exact`: its own cell only,
 * not the label's or the item's its cell falls back to (a spending plan's checkpoint without a source: its row's label).
 */
export function sourceOf(doc: ParsedDocument, path: string, exact = false): SourceLocation | undefined {
  const d = /^departmentTargets\.(.*)$/.exec(path);
  if (d && doc.departmentTargets) {
    const t = doc.departmentTargets;
    const ind = /^indicators\[(\d+)\]\.(\w+)/.exec(d[1]!);
    if (ind) return indicatorSource(t.indicators[Number(ind[1])], ind[2]!);
    const key = d[1]!.split(/[.[]/)[0]!;
    return (t.sources as Record<string, SourceLocation | undefined>)[key] ?? t.source;
  }
  if (/^department\./.test(path)) return doc.department?.source;
  const m = /^projects\[(\d+)\]\.(.*)$/.exec(path);
  const p: Project | undefined = m ? doc.projects[Number(m[1])] : undefined;
  if (p === undefined) return undefined;
  const rest = m![2]!;
  const ind = /^(indicators|longTermIndicators)\[(\d+)\]\.(\w+)/.exec(rest);
  if (ind) return indicatorSource(p[ind[1] as 'indicators'][Number(ind[2])], ind[3]!);
  const plan = /^spendingPlan\[(\d+)\]/.exec(rest);
  if (plan) return p.spendingPlan[Number(plan[1])]?.source ?? (exact ? undefined : p.sources.spendingPlan);
  const field = /^fields\[(\d+)\]/.exec(rest);
  if (field) return p.fields[Number(field[1])]?.source;
  const key = rest.split(/[.[]/)[0]!;
  const sources = p.sources as Record<string, SourceLocation | undefined>;
  return sources[key] ?? (key === 'budget' ? sources[rest.split('.')[1] ?? ''] : undefined);
}

function indicatorSource(indicator: Project['indicators'][number] | undefined, key: string): SourceLocation | undefined {
  const field = key === 'level1' || key === 'level1Raw' ? 'level1' : key === 'level2' || key === 'level2Raw' ? 'level2' : key;
  return (indicator?.sources as Record<string, SourceLocation | undefined> | undefined)?.[field] ?? indicator?.source;
}

/** A cell's reference without its column: `第2页 表1 行5`. */
const rowOf = (s: SourceLocation | undefined) => (s?.ref ? /^第\d+页 表\d+ 行\d+/.exec(s.ref)?.[0] : undefined);

export interface Measure {
  fields: number;
  exact: number;
  /** The wrong fields' paths, each with what the text read and what the scan read. */
  wrong: { path: string; expected: unknown; actual: unknown }[];
  /** Wrong fields without a doubt at their cell. */
  undoubted: string[];
}

/** The doubts of the scan's reading that may stand at a field: its table's, or the text's outside the tables. */
function doubtsFor(scan: ParsedDocument, path: string): Doubt[] {
  const project = /^projects\[(\d+)\]/.exec(path);
  // the document's own fields (its department, read from a table's unit line or the text) by any table's doubts
  const tables = [...scan.projects, ...(scan.departmentTargets ? [scan.departmentTargets] : [])];
  const own = project
    ? (scan.projects[Number(project[1])]?.reading?.doubts ?? [])
    : path.startsWith('departmentTargets')
      ? (scan.departmentTargets?.reading?.doubts ?? [])
      : tables.flatMap((t) => t.reading?.doubts ?? []);
  return [...own, ...(scan.textReading?.doubts ?? [])].filter((d) => d.code !== 'ocr-scanned');
}

/**
 * Whether a doubt stands at a field's cell: the cell's reference (`第2页 表1 行5 列3`) or, when the source is the
 * scan's own (`scanLine`; a field the scan lost is placed by the text's cell), its line in the scan's reading. `row` also takes a doubt anywhere in the cell's row (the suite's older, looser measure).
 */
function doubtedAt(doubts: readonly Doubt[], source: SourceLocation | undefined, row: boolean, scanLine: boolean): boolean {
  if (source === undefined) return false;
  const rowRef = rowOf(source);
  return doubts.some(
    (d) =>
      (scanLine && d.where.line === source.line) ||
      (source.ref !== undefined && d.where.ref === source.ref) ||
      (row && rowRef !== undefined && (d.where.ref === rowRef || d.where.ref?.startsWith(`${rowRef} `) === true)),
  );
}

/**
 * The scan's reading against the text's, field by field. `at: 'row'` counts a doubt in the field's row as doubting it;
 * a field the scan did not read at all (null, or missing) is always doubted by a doubt in its row.
 */
export function measure(text: ParsedDocument, scan: ParsedDocument, at: 'cell' | 'row' = 'cell'): Measure {
  const expected = leaves(JSON.parse(documentContentJson(text)), '', new Map());
  const actual = leaves(JSON.parse(documentContentJson(scan)), '', new Map());
  const wrong = [...expected].filter(([path, v]) => actual.get(path) !== v).map(([path, v]) => ({ path, expected: v, actual: actual.get(path) }));
  const undoubted = wrong
    .filter(({ path, actual: got }) => {
      const doubts = doubtsFor(scan, path);
      // a field of the text outside the tables: a doubt on one of its lines
      const span = textSpan(scan, path);
      if (span !== null && doubts.some((d) => d.where.line >= span.from && d.where.line < span.to)) return false;
      // the scan's own cell for the field; a field the scan has not placed (a value lost, a row lost) at the text's cell
      const own = sourceOf(scan, path, true);
      const source = own ?? sourceOf(text, path, true) ?? sourceOf(scan, path);
      // a value the scan did not read at all (its label misread: 其中：当年财 for 其中：当年财政资金) is doubted by a doubt in its row
      const lost = got === undefined || got === null;
      return !doubtedAt(doubts, source, at === 'row' || lost, own !== undefined || source === sourceOf(scan, path));
    })
    .map(({ path }) => path);
  return { fields: expected.size, exact: expected.size - wrong.length, wrong, undoubted };
}

export const share = (m: Measure) => m.exact / m.fields;

/** One line: `name: 80/85 fields exact (94.1%), 5 wrong, 0 of them not doubted`. */
export const measureLine = (name: string, m: Measure) =>
  `${name}: ${m.exact}/${m.fields} fields exact (${(share(m) * 100).toFixed(1)}%), ${m.wrong.length} wrong, ${m.undoubted.length} of them not doubted${m.undoubted.length ? `: ${m.undoubted.join(', ')}` : ''}`;
