/**
 * From what the editor sends (ProjectInput) to the domain Project, and back. Pure and shared:
 * the server stores exactly what this returns, and the browser's editor runs it on every
 * keystroke to show how a target was parsed and to review the project live with the same rules.
 *
 * What is re-derived: target values (the shared target-value parser), categories (normalised
 * against the document's framework, as the importer does), the other half of each spending-plan
 * checkpoint (percent ↔ amount, from the total). What is kept: the source location of every value
 * that did not change, so a reviewer can still be shown its place in the imported file; a value
 * typed in the editor has no place there.
 */
import { level1Of, normalizeCategories, type IndicatorFramework } from '../domain/framework';
import { CHECKPOINTS, type Indicator, type IndicatorField, type Project, type SpendingCheckpoint, type SourceLocation } from '../domain/model';
import { amountOfPercent, percentHundredths } from '../domain/money';
import { parseTargetValue } from '../domain/target-value';
import type { ProjectInputParsed } from './projects';

/** The location given to an indicator row entered in the editor: line 0, no place in the file. */
export const EDITOR_SOURCE: SourceLocation = { line: 0 };

type IndicatorRowInput = ProjectInputParsed['indicators'][number];

/** The editor's view of a stored project: the fields it can change, as text and fen. */
export function projectToInput(project: Project): ProjectInputParsed {
  return {
    code: project.code,
    name: project.name,
    budget: { ...project.budget },
    purpose: project.purpose,
    spendingPlan: project.spendingPlan.map((c) => ({ checkpoint: c.checkpoint, percent: c.percent, amount: c.amount })),
    goals: [...project.goals],
    indicators: project.indicators.map((ind, i) => ({ ...indicatorToInput(ind), origin: i })),
  };
}

/** One indicator row as the editor shows it (the raw cells). */
export function indicatorToInput(ind: Indicator): Omit<IndicatorRowInput, 'origin'> {
  return {
    level1Raw: ind.level1Raw,
    level2Raw: ind.level2Raw,
    name: ind.name,
    description: ind.description,
    targetRaw: ind.target.raw,
    basis: ind.basis,
  };
}

/** The standard categories of an indicator row, as the importer resolves them (without its diagnostics). */
export function resolveCategories(fw: IndicatorFramework, level1Raw: string, level2Raw: string, level1Inherited = false): { level1: string | null; level2: string | null } {
  const norm = normalizeCategories(fw, level1Raw, level2Raw);
  let level1 = norm.level1;
  if (norm.level2UnderOtherLevel1 && (level1Inherited || level1 === null)) level1 = norm.level2UnderOtherLevel1;
  else if (level1 === null && norm.level2 !== null && level1Raw === '') level1 = level1Of(fw, norm.level2);
  return { level1, level2: norm.level2 };
}

/**
 * The project after an edit: `previous` (as stored) with the input applied. Fields the editor
 * does not change (part, sequence, year, department, amount unit) are kept; the title follows a
 * renamed project when it contained the old name.
 */
export function applyProjectInput(previous: Project, input: ProjectInputParsed, fw: IndicatorFramework): Project {
  const sources: Project['sources'] = { ...previous.sources };
  const keep = (field: keyof Project['sources'], same: boolean) => {
    if (!same) delete sources[field];
  };
  keep('code', input.code === previous.code);
  keep('name', input.name === previous.name);
  keep('total', input.budget.total === previous.budget.total);
  keep('fiscal', input.budget.fiscal === previous.budget.fiscal);
  keep('other', input.budget.other === previous.budget.other);
  keep('purpose', input.purpose === previous.purpose);
  keep('goals', sameList(input.goals, previous.goals));

  const spendingPlan = applySpendingPlan(previous, input);
  keep('spendingPlan', spendingPlan.every((c) => sameGiven(c, previous.spendingPlan.find((p) => p.checkpoint === c.checkpoint))));

  const title =
    input.name !== previous.name && previous.name !== '' && previous.title.includes(previous.name)
      ? previous.title.replace(previous.name, input.name)
      : previous.title;
  if (title !== previous.title) delete sources.title;

  return {
    ...previous,
    title,
    code: input.code,
    name: input.name,
    budget: { ...input.budget },
    purpose: input.purpose,
    spendingPlan,
    goals: [...input.goals],
    indicators: applyIndicators(previous.indicators, input.indicators, fw),
    sources,
  };
}

/**
 * The four checkpoints in order. A value given as an amount stays an amount when the stored
 * checkpoint was given as one (or when no percent is given); otherwise the percent is what was
 * given. The other half is derived from the budget total, exactly (integer fen, hundredths).
 */
function applySpendingPlan(previous: Project, input: ProjectInputParsed): SpendingCheckpoint[] {
  const total = input.budget.total;
  return CHECKPOINTS.map((checkpoint): SpendingCheckpoint => {
    const before = previous.spendingPlan.find((c) => c.checkpoint === checkpoint) ?? null;
    const entry = input.spendingPlan.find((c) => c.checkpoint === checkpoint) ?? { checkpoint, percent: null, amount: null };
    let next: SpendingCheckpoint;
    if (entry.amount !== null && (entry.percent === null || before?.given === 'amount')) {
      const hundredths = percentHundredths(entry.amount, total);
      next = { checkpoint, percent: hundredths === null ? null : hundredths / 100, amount: entry.amount, given: 'amount', source: null };
    } else if (entry.percent !== null) {
      const hundredths = Math.round(entry.percent * 100);
      next = { checkpoint, percent: entry.percent, amount: total === null ? null : amountOfPercent(total, hundredths), given: 'percent', source: null };
    } else {
      next = { checkpoint, percent: null, amount: null, given: null, source: null };
    }
    // The cell keeps its place in the file when what was given there did not change.
    return before !== null && sameGiven(next, before) ? { ...next, source: before.source } : next;
  });
}

function applyIndicators(previous: readonly Indicator[], rows: readonly IndicatorRowInput[], fw: IndicatorFramework): Indicator[] {
  const origins = matchOrigins(previous, rows);
  return rows.map((row, i) => {
    const origin = origins[i] === null ? undefined : previous[origins[i]!];
    const sources: Indicator['sources'] = { ...(origin?.sources ?? {}) };
    const keep = (field: IndicatorField, same: boolean) => {
      if (!same) delete sources[field];
    };
    keep('level1', origin?.level1Raw === row.level1Raw);
    keep('level2', origin?.level2Raw === row.level2Raw);
    keep('name', origin?.name === row.name);
    keep('description', origin?.description === row.description);
    keep('target', origin?.target.raw === row.targetRaw);
    // the cells a split target was joined from (issue 37) go with it
    for (const part of ['operator', 'value', 'unit', 'nature'] as const) keep(part, origin?.target.raw === row.targetRaw);
    keep('basis', origin?.basis === row.basis);
    // An inherited (merged) category cell stays inherited only while its text is unchanged.
    const level1Inherited = origin !== undefined && origin.level1Inherited && origin.level1Raw === row.level1Raw;
    const level2Inherited = origin !== undefined && origin.level2Inherited && origin.level2Raw === row.level2Raw;
    const { level1, level2 } = resolveCategories(fw, row.level1Raw, row.level2Raw, level1Inherited);
    return {
      level1,
      level2,
      level1Raw: row.level1Raw,
      level2Raw: row.level2Raw,
      level1Inherited,
      level2Inherited,
      name: row.name,
      description: row.description,
      target: origin !== undefined && origin.target.raw === row.targetRaw ? origin.target : parseTargetValue(row.targetRaw),
      basis: row.basis,
      source: origin?.source ?? EDITOR_SOURCE,
      sources,
      // The editor does not show columns the model does not know: a row keeps the ones it was edited from.
      extras: origin?.extras ?? [],
      // Nor weights and nature (issue 37): kept from the row edited from; a category's weight while its cell is unchanged.
      ...(origin?.weight !== undefined ? { weight: origin.weight } : {}),
      ...(origin?.level1Weight !== undefined && origin.level1Raw === row.level1Raw ? { level1Weight: origin.level1Weight } : {}),
      ...(origin?.level2Weight !== undefined && origin.level2Raw === row.level2Raw ? { level2Weight: origin.level2Weight } : {}),
      ...(origin?.nature !== undefined ? { nature: origin.nature } : {}),
    };
  });
}

/**
 * For each input row, the index of the stored indicator it was edited from, or null for a new
 * row. An explicit `origin` wins (each used once); other rows take an unused stored row with the
 * same cells, then the unused stored row at the same position.
 */
export function matchOrigins(previous: readonly Indicator[], rows: readonly IndicatorRowInput[]): (number | null)[] {
  const used = new Set<number>();
  const out: (number | null)[] = rows.map((row) => {
    const o = row.origin;
    if (o === undefined || o === null || o >= previous.length || used.has(o)) return null;
    used.add(o);
    return o;
  });
  const key = (r: Omit<IndicatorRowInput, 'origin'>) =>
    JSON.stringify([r.level1Raw, r.level2Raw, r.name, r.description, r.targetRaw, r.basis]);
  const byKey = new Map<string, number[]>();
  previous.forEach((ind, i) => {
    if (used.has(i)) return;
    const k = key(indicatorToInput(ind));
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  rows.forEach((row, i) => {
    if (out[i] !== null || row.origin !== undefined) return;
    const candidates = (byKey.get(key(row)) ?? []).filter((j) => !used.has(j));
    if (candidates.length > 0) {
      out[i] = candidates[0]!;
      used.add(candidates[0]!);
    }
  });
  rows.forEach((row, i) => {
    if (out[i] !== null || row.origin !== undefined) return;
    if (i < previous.length && !used.has(i)) {
      out[i] = i;
      used.add(i);
    }
  });
  return out;
}

/** The same value was given at a checkpoint (the derived half may differ with the total). */
function sameGiven(a: SpendingCheckpoint, b: SpendingCheckpoint | undefined): boolean {
  if (b === undefined || a.given !== b.given) return false;
  return a.given === 'amount' ? a.amount === b.amount : a.given === 'percent' ? a.percent === b.percent : true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
