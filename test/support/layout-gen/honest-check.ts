/**
 * Honest cases (honest.ts) read back and judged (check.ts), counted, and each silent misread made minimal:
 * what scripts/fuzz-honest.ts reports and test/importers/layout-honest.property.test.ts asserts.
 *
 * Outcomes, worst last: `exact` (a readable table read exactly, certain); `doubtedUnreadable` (a table a
 * person could not read, doubted); `falseDoubt` (read exactly, yet doubted); `doubtedMisread` (read wrongly,
 * doubted: not silent); `silentUnreadable` (a table a person could not read, marked certain); `silentMisread`
 * (read wrongly and marked certain: the failure that must never happen).
 *
 * A silent case is made minimal by taking out what it does not need to fail the same way: its indicators one by
 * one, then its features (a header word, a level's name, a target's shape, a column, the order …) made plain
 * one by one, as long as it stays silent with the same first difference. What is left names the kind of the
 * misread: the features it needs and the field that goes wrong.
 */
import type { ParsedDocument } from '../../../src/shared/domain/model';
import { checkCase, type CheckResult, type Verdict } from './check';
import type { LayoutFormat } from './document';
import { honestCase, type HonestCase, type HonestSpec } from './honest';

export type Outcome = 'exact' | 'doubtedUnreadable' | 'falseDoubt' | 'doubtedMisread' | 'silentUnreadable' | 'silentMisread';

export const OUTCOME_RANK: Record<Outcome, number> = { exact: 0, doubtedUnreadable: 1, falseDoubt: 2, doubtedMisread: 3, silentUnreadable: 4, silentMisread: 5 };

export const isSilent = (o: Outcome) => o === 'silentMisread' || o === 'silentUnreadable';

export function outcomeOf(c: HonestCase, verdict: Verdict): Outcome {
  const unreadable = c.unreadable !== null;
  switch (verdict) {
    case 'pass':
      return unreadable ? 'doubtedUnreadable' : 'exact';
    case 'false-doubt':
      return 'falseDoubt';
    case 'misread-doubted':
      return 'doubtedMisread';
    case 'misread-certain':
      return 'silentMisread';
    case 'unreadable-certain':
      return 'silentUnreadable';
  }
}

export interface Judged {
  outcome: Outcome;
  /** The rendering that gave the outcome (the worst one's). */
  result: CheckResult;
}

/** Reads the case in each format; the worst outcome. */
export async function judgeCase(c: HonestCase, formats: readonly LayoutFormat[]): Promise<Judged> {
  let worst: Judged | null = null;
  for (const format of formats) {
    const result = await checkCase(c, format);
    const outcome = outcomeOf(c, result.verdict);
    if (worst === null || OUTCOME_RANK[outcome] > OUTCOME_RANK[worst.outcome]) worst = { outcome, result };
  }
  return worst!;
}

/** A difference's field, its indexes generalised: `projects[0].indicators[2].target.unit: …` → `indicators[i].target.unit`. */
export function fieldOf(mismatch: string): string {
  if (mismatch.startsWith('unreadable (')) return 'a table a person cannot read, marked certain';
  if (mismatch.startsWith('error diagnostic ')) return mismatch.replace(/^error diagnostic (\S+):.*$/, 'error diagnostic $1');
  if (mismatch.startsWith('the reader threw')) return 'the reader threw';
  const path = mismatch.split(':')[0]!;
  return path.replace(/^projects\[\d+\]\.?/, '').replace(/\[\d+\]/g, '[i]') || path;
}

/** The first difference's field (the one a minimal case must keep). */
export const leadingField = (j: Judged) => fieldOf(j.result.mismatches[0] ?? '');

export interface Minimal {
  spec: HonestSpec;
  case: HonestCase;
  judged: Judged;
  /** The kind: the features the misread needs (their kinds) and the field that goes wrong. */
  kind: string;
  /** The features the misread needs, with their words. */
  needs: string[];
  checks: number;
}

/**
 * Makes a silent case minimal in one format: fewer indicators, then fewer features, while it stays silent with the
 * same first difference. `budget` caps the readings it may do.
 */
export async function minimizeCase(c: HonestCase, format: LayoutFormat, budget = 80): Promise<Minimal> {
  let checks = 0;
  const first = await judgeCase(c, [format]);
  checks++;
  const field = leadingField(first);
  const still = async (spec: HonestSpec): Promise<{ c: HonestCase; j: Judged } | null> => {
    if (checks >= budget) return null;
    checks++;
    const next = honestCase(spec);
    const j = await judgeCase(next, [format]);
    return isSilent(j.outcome) && leadingField(j) === field ? { c: next, j } : null;
  };
  let best = { c, j: first };
  // fewer indicators (one at least)
  for (let i = best.c.spec.indicators.length - 1; i >= 0 && best.c.spec.indicators.length > 1; i--) {
    const spec = structuredClone(best.c.spec);
    spec.indicators.splice(i, 1);
    const r = await still(spec);
    if (r) best = r;
  }
  // fewer features, until none can go
  for (let changed = true; changed && checks < budget; ) {
    changed = false;
    for (const f of best.c.features) {
      const r = await still(f.plain(best.c.spec));
      if (r) {
        best = r;
        changed = true;
        break;
      }
    }
  }
  const needs = best.c.features.map((f) => f.key);
  const kinds = [...new Set(best.c.features.map((f) => f.kind))].sort();
  return { spec: best.c.spec, case: best.c, judged: best.j, kind: `${kinds.join(' + ') || '（无特征：普通表格）'} → ${field}`, needs, checks };
}

/** The reading of a document's indicators as lines (what was read). */
export function readingLines(doc: ParsedDocument | undefined): string[] {
  if (!doc) return ['(no reading)'];
  const out: string[] = [];
  for (const p of doc.projects) {
    out.push(`project “${p.name}” ${p.budget.total ?? '?'} fen, ${p.reading?.certain === false ? `doubted: ${p.reading.doubts.map((d) => d.code).join(', ')}` : 'certain'}`);
    for (const i of p.indicators) {
      out.push(`  ${i.level1 ?? `null(${i.level1Raw})`} / ${i.level2 ?? `null(${i.level2Raw})`} / ${i.name} / ${i.target.raw} [${i.target.kind} ${i.target.operator ?? ''} ${i.target.value ?? ''} ${i.target.unit ?? ''}]${i.weight != null ? ` w=${i.weight}` : ''}${i.extras.length ? ` extras: ${i.extras.map((e) => `${e.header}=${e.text}${e.role ? `(${e.role})` : ''}`).join(', ')}` : ''}`);
    }
    for (const i of p.longTermIndicators) out.push(`  (period) ${i.name} / ${i.target.raw}`);
  }
  for (const d of doc.diagnostics.filter((x) => x.severity === 'error')) out.push(`  error ${d.code}: ${d.message}`);
  return out;
}

/** What should have been read, as lines. */
export function expectedLines(c: HonestCase): string[] {
  const p = c.expected.projects[0]!;
  return [
    `project “${p.name}” ${p.total} fen`,
    ...p.indicators.map(
      (i) =>
        `  ${i.level1 ?? 'null'}${i.level1Word && i.level1Word !== i.level1 ? `(${i.level1Word})` : ''} / ${i.level2 ?? 'null'}${i.level2Word && i.level2Word !== i.level2 ? `(${i.level2Word})` : ''} / ${i.name} / ${i.target.raw} [${i.target.kind} ${i.target.operator ?? ''} ${i.target.value ?? ''} ${i.target.unit ?? ''}]${i.target.alternatives?.length ? ` or ${i.target.alternatives.map((a) => `[${a.operator ?? ''} ${a.value ?? ''} ${a.unit ?? ''}]`).join(' ')}` : ''}${i.weight != null ? ` w=${i.weight}` : ''}${i.extras.length ? ` extras: ${i.extras.map((e) => `${e.header}=${e.text}(${e.role})`).join(', ')}` : ''}`,
    ),
    ...p.longTermIndicators.map((i) => `  (period) ${i.name} / ${i.target.raw}`),
  ];
}
