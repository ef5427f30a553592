/**
 * A reading compared with a hand truth field by field (issue 68): the truth schema of
 * ../shared/fixtures/other-provinces/README.md (truth.json), used by the real tables of other provinces and by
 * the hand truths of corpus documents (test/documents/corpus-truth). Every field the truth gives counts once:
 * a project's name, its year's amount (元), its implementing unit when given, and per indicator its level 1, its
 * level 2, its name, its target as written and its number (value and unit, or no number); a department-wide
 * table's amount, its amounts and texts, and its indicators. A project is matched by its name (else the next one
 * in order), indicators by an alignment of their names, so that one row missed costs that row and not every row
 * after it. Returns the count and each difference in words.
 */
import type { DepartmentTargets, Indicator, ParsedDocument, Project } from '../../src/shared/domain/model';

export type TruthIndicator = [string, string[], string, string, [number, string] | null | 'not-number', string?];
export interface TruthProject {
  name: string;
  /** 元; null where the table states no amount. */
  budget: number | null;
  unit?: string | null;
  indicators: TruthIndicator[];
}
export interface TruthDocument {
  year: number;
  department: string[];
  code?: string;
  note?: string;
  basis_all?: string;
  projects?: TruthProject[];
  whole?: { budget: number; strings: string[]; amounts: number[]; indicators: TruthIndicator[] };
  tables?: { project: number; whole: number; empty: number };
}

export interface FieldScore {
  fields: number;
  right: number;
  /** Each wrong field: where, what the truth says, what was read. */
  wrong: string[];
  /** Tables read that the truth does not name (a phantom, or a table the truth leaves out). */
  extra: string[];
}

/** Texts compared as a careful reader compares them: spaces and the width of brackets and punctuation aside. */
export const sameText = (a: string, b: string): boolean => norm(a) === norm(b);
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[“”]/g, '"');

/** The similarity of two names, 0..1 (shared characters over the longer). */
function likeness(a: string, b: string): number {
  const x = norm(a);
  const y = norm(b);
  if (x === y) return 1;
  if (x === '' || y === '') return 0;
  const counts = new Map<string, number>();
  for (const c of x) counts.set(c, (counts.get(c) ?? 0) + 1);
  let shared = 0;
  for (const c of y) {
    const n = counts.get(c) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(c, n - 1);
    }
  }
  return shared / Math.max(x.length, y.length);
}

/** The truth's indicators aligned with those read (a longest common subsequence on names alike): pairs of indexes. */
function align(want: readonly TruthIndicator[], got: readonly Indicator[]): [number, number][] {
  const n = want.length;
  const m = got.length;
  const score = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const l = likeness(want[i]![2], got[j]!.name);
      const take = l >= 0.6 ? score[i + 1]![j + 1]! + l : -1;
      score[i]![j] = Math.max(take, score[i + 1]![j]!, score[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const l = likeness(want[i]![2], got[j]!.name);
    if (l >= 0.6 && Math.abs(score[i]![j]! - (score[i + 1]![j + 1]! + l)) < 1e-9) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (score[i + 1]![j]! >= score[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function scoreIndicators(want: readonly TruthIndicator[], got: readonly Indicator[], where: string, s: FieldScore): void {
  const pairs = align(want, got);
  const matched = new Set(pairs.map(([i]) => i));
  want.forEach((w, i) => {
    if (matched.has(i)) return;
    s.fields += 5;
    s.wrong.push(`${where}：指标“${w[2]}”（${w[3]}）未读到（5 个字段）`);
  });
  for (const [i, j] of pairs) {
    const [level1, level2s, name, target, number] = want[i]!;
    const g = got[j]!;
    const at = `${where}[${name}]`;
    const field = (ok: boolean, what: string, wanted: string, read: string) => {
      s.fields++;
      if (ok) s.right++;
      else s.wrong.push(`${at} ${what}：应为“${wanted}”，读作“${read}”`);
    };
    field(g.level1 === level1, '一级指标', level1, g.level1 ?? `(${g.level1Raw})`);
    field(g.level2 !== null && level2s.includes(g.level2), '二级指标', level2s.join('/'), g.level2 ?? `(${g.level2Raw})`);
    field(sameText(g.name, name), '三级指标', name, g.name);
    field(sameText(g.target.raw, target), '指标值', target, g.target.raw);
    let numberOk: boolean;
    let wanted: string;
    if (number === 'not-number') {
      numberOk = g.target.kind !== 'quantitative';
      wanted = '不是数值';
    } else if (number === null) {
      numberOk = /\d/.test(target) || g.target.value === null;
      wanted = '无数值';
    } else {
      numberOk = g.target.value === number[0] && new RegExp(`^(${number[1]})$`).test(g.target.unit ?? '');
      wanted = `${number[0]} ${number[1]}`;
    }
    field(numberOk, '数值', wanted, `${g.target.value ?? '—'} ${g.target.unit ?? ''}（${g.target.kind}）`);
  }
}

function scoreProject(want: TruthProject, got: Project | undefined, s: FieldScore): void {
  if (got === undefined) {
    const n = 2 + (want.unit ? 1 : 0) + want.indicators.length * 5;
    s.fields += n;
    s.wrong.push(`项目“${want.name}”未读到（${n} 个字段）`);
    return;
  }
  const field = (ok: boolean, what: string, wanted: string, read: string) => {
    s.fields++;
    if (ok) s.right++;
    else s.wrong.push(`项目“${want.name}” ${what}：应为“${wanted}”，读作“${read}”`);
  };
  field(sameText(got.name, want.name), '项目名称', want.name, got.name);
  field(got.budget.total === (want.budget === null ? null : want.budget * 100), '年度金额（元）', String(want.budget ?? '—'), got.budget.total === null ? '—' : String(got.budget.total / 100));
  if (want.unit) {
    const units = [got.department?.name, ...got.fields.filter((f) => f.key === 'implementer').map((f) => f.value)];
    field(units.some((u) => u !== undefined && sameText(u, want.unit!)), '实施单位', want.unit, units.filter(Boolean).join('/'));
  }
  scoreIndicators(want.indicators, got.indicators.length > 0 ? got.indicators : got.longTermIndicators, `项目“${want.name}”`, s);
}

function scoreWhole(want: NonNullable<TruthDocument['whole']>, got: DepartmentTargets | null, s: FieldScore): void {
  if (got === null) {
    const n = 1 + want.amounts.length + want.strings.length + want.indicators.length * 5;
    s.fields += n;
    s.wrong.push(`部门整体表未读到（${n} 个字段）`);
    return;
  }
  const field = (ok: boolean, what: string) => {
    s.fields++;
    if (ok) s.right++;
    else s.wrong.push(`部门整体表 ${what}`);
  };
  field(got.budget.total === want.budget * 100, `资金总额：应为 ${want.budget}，读作 ${got.budget.total === null ? '—' : got.budget.total / 100}`);
  const amounts = [got.budget.total, got.budget.project, got.budget.basic, ...got.duties.map((d) => d.amount)].map((a) => (a === null ? null : a / 100));
  for (const a of want.amounts) field(amounts.includes(a), `金额 ${a} 未读到`);
  const json = norm(JSON.stringify(got));
  for (const t of want.strings) field(json.includes(norm(t)), `文字“${t}”未读到`);
  scoreIndicators(want.indicators, got.indicators, '部门整体表', s);
}

/** A document's reading against its truth. */
export function scoreDocument(doc: ParsedDocument | null, truth: TruthDocument): FieldScore {
  const s: FieldScore = { fields: 0, right: 0, wrong: [], extra: [] };
  const projects = doc?.projects ?? [];
  const used = new Set<number>();
  let cursor = 0;
  for (const want of truth.projects ?? []) {
    let k = projects.findIndex((p, i) => !used.has(i) && sameText(p.name, want.name));
    if (k < 0) {
      // the next unused table in order, when its name is alike (a name read a little off)
      while (cursor < projects.length && used.has(cursor)) cursor++;
      if (cursor < projects.length && likeness(projects[cursor]!.name, want.name) >= 0.5) k = cursor;
    }
    if (k >= 0) {
      used.add(k);
      cursor = Math.max(cursor, k + 1);
    }
    scoreProject(want, k >= 0 ? projects[k] : undefined, s);
  }
  projects.forEach((p, i) => {
    if (!used.has(i) && (truth.projects?.length ?? 0) > 0) s.extra.push(`第 ${p.source.line} 行的项目表“${p.name || p.title}”不在真值中`);
  });
  if (truth.whole) scoreWhole(truth.whole, doc?.departmentTargets ?? null, s);
  return s;
}
