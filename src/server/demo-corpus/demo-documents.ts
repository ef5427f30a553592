/**
 * The demo's documents: each fixture's department again, for the demo year, with its own content.
 *
 * A finance bureau's reviewer knows its departments: the demo must not invent units with random
 * codes (importing a real document would then name one unit under two codes) nor give a
 * department projects that belong to another. So each generated document is one fixture's
 * department (its code and name), its own 第一部分 read from the start, and a sample of its own
 * projects — each name once, with its own purpose, goals and indicators — with the budget within
 * a tenth of the fixture's, and the project code's two year digits set to the demo year. Years
 * written in the texts move with the document ("2022年" in a 2022 fixture reads "2025年" in the
 * 2025 demo). The writer's format variations (generate-corpus.ts) still apply, so the demo goes
 * through the importer as any department's document would.
 */
import type { Fen } from '../../shared/domain/model';
import { generateDocument, Rng, writePart1, type GeneratedDocument, type Harvest, type OwnProject, type ProjectSample, type SourceDocument } from './generate-corpus';

export interface DemoCorpusOptions {
  seed: number;
  year: number;
  /** Projects per department, inclusive; fewer when the department's fixture has fewer. */
  minProjects: number;
  maxProjects: number;
}

/**
 * Every year written in a text ("2022年", "2022-2024年") moved by `delta` years.
 * @example shiftYears('2022年底前完成，2021—2023年规划', 3) // '2025年底前完成，2024—2026年规划'
 */
export function shiftYears(text: string, delta: number): string {
  if (delta === 0) return text;
  return text.replace(/(?<![\d.])(20\d\d)(?=\s*(?:年|[-—－~～至]\s*20\d\d\s*年))/g, (y) => String(Number(y) + delta));
}

/** A project code "13020222P…" with its two year digits (after the six-digit region) set to `year`. */
export function recodeYear(code: string | null, year: number): string | null {
  if (code === null || !/^\d{8}P/.test(code)) return code;
  return `${code.slice(0, 6)}${String(year % 100).padStart(2, '0')}${code.slice(8)}`;
}

function shiftSource(source: SourceDocument, delta: number): SourceDocument {
  const t = (s: string) => shiftYears(s, delta);
  const tn = (s: string | null) => (s === null ? null : t(s));
  const goal = (g: SourceDocument['subGoals'][number]) => ({ ...g, title: t(g.title), text: tn(g.text), goalText: tn(g.goalText), indicatorText: tn(g.indicatorText) });
  const project = (p: ProjectSample): ProjectSample => ({
    ...p,
    name: t(p.name),
    purpose: tn(p.purpose),
    goals: p.goals.map(t),
    indicators: p.indicators.map((i) => ({ ...i, name: t(i.name), description: tn(i.description), target: t(i.target), basis: tn(i.basis) })),
  });
  return { ...source, overall: source.overall.map(t), subGoals: source.subGoals.map(goal), measures: source.measures.map(goal), projects: source.projects.map(project) };
}

/** Hundredths of 万元 within ±10% of the fixture's budget (its median project's when it gave none). */
function budgetNear(rng: Rng, total: Fen | null, fallback: Fen): number {
  const hundredths = Math.max(1, Math.round(Number(total ?? fallback) / 10_000));
  return Math.max(1, Math.round(hundredths * (0.9 + rng.next() * 0.2)));
}

function median(values: readonly Fen[]): Fen {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor(sorted.length / 2)] ?? (1_000_000 as Fen);
}

/** One document per fixture department that has a code and projects, in fixture order; deterministic. */
export function generateDemoCorpus(harvest: Harvest, opts: DemoCorpusOptions): GeneratedDocument[] {
  const rng = new Rng(opts.seed);
  const out: GeneratedDocument[] = [];
  const seen = new Set<string>();
  for (const fixture of harvest.sources) {
    const code = fixture.department.code;
    if (code === null || seen.has(code) || fixture.projects.length === 0) continue;
    seen.add(code);
    const source = shiftSource(fixture, fixture.year === null ? 0 : opts.year - fixture.year);
    // Each name once: a department does not publish two tables of one project.
    const byName = new Map<string, ProjectSample>();
    for (const p of source.projects) if (!byName.has(p.name)) byName.set(p.name, p);
    const unique = [...byName.values()];
    const wanted = Math.min(unique.length, rng.int(opts.minProjects, opts.maxProjects));
    const chosen = new Set(rng.sample(unique, wanted));
    const fallback = median(unique.flatMap((p) => (p.budget.total === null ? [] : [p.budget.total])));
    const projects: OwnProject[] = unique
      .filter((p) => chosen.has(p))
      .map((p) => ({ source: p, totalHundredths: budgetNear(rng, p.budget.total, fallback), code: recodeYear(p.code, opts.year) }));
    const region = projects.find((p) => p.code !== null)?.code?.slice(0, 6) ?? '130000';
    out.push(
      generateDocument(
        rng,
        harvest,
        { region, deptCode: code, deptName: fixture.department.name, year: opts.year, tables: projects.length, file: `${code}_${opts.year}.txt`, projects, part1: writePart1(rng, harvest, source) },
        0,
      ),
    );
  }
  return out;
}

/**
 * A budget unit's code (预算单位编码) is its 主管部门's three digits and a serial, …001 being the
 * 主管部门 itself (本级): the codes of a 主管部门's units are the next serials of its three digits,
 * skipping those in use (the fixtures' departments' codes). Null when all 999 are taken.
 * @example unitCodes('763001', 2, new Set(['763001'])) // ['763002', '763003']
 */
export function unitCodes(parentCode: string, count: number, used: ReadonlySet<string>): (string | null)[] {
  const prefix = parentCode.slice(0, 3);
  const out: (string | null)[] = [];
  let serial = 1;
  for (let i = 0; i < count; i++) {
    let code: string | null = null;
    while (code === null && ++serial <= 999) {
      const candidate = `${prefix}${String(serial).padStart(3, '0')}`;
      if (!used.has(candidate)) code = candidate;
    }
    out.push(code);
  }
  return out;
}

export interface DemoUnitOptions extends DemoCorpusOptions {
  /** The units' names (the fixtures give a 主管部门 no units of its own). */
  names: readonly string[];
}

/**
 * Documents of units (二级单位) under `parent`, one of the demo's 主管部门 (a generated document of a
 * fixture department): each unit named as asked, coded after its 主管部门 (unitCodes), of the
 * parent's region, with minProjects–maxProjects tables drawn from the harvest by the corpus
 * generator (its projects are the generator's, not a fixture department's own). Deterministic for
 * a seed; the other demo documents do not change with it (a generator of its own).
 */
export function generateDemoUnits(harvest: Harvest, parent: GeneratedDocument, used: ReadonlySet<string>, opts: DemoUnitOptions): GeneratedDocument[] {
  const rng = new Rng(opts.seed + 1);
  const region = parent.projects.find((p) => p.code !== null)?.code?.slice(0, 6) ?? '130000';
  const codes = unitCodes(parent.department.code, opts.names.length, used);
  const out: GeneratedDocument[] = [];
  let serial = 0;
  for (const [i, name] of opts.names.entries()) {
    const code = codes[i];
    if (code === null || code === undefined) continue;
    const tables = rng.int(opts.minProjects, opts.maxProjects);
    const doc = generateDocument(rng, harvest, { region, deptCode: code, deptName: name, year: opts.year, tables, file: `${code}_${opts.year}.txt` }, serial);
    serial += doc.projects.length;
    out.push(doc);
  }
  return out;
}
