/**
 * The honest generator (issue 68, "The generator, honest"): indicator tables that the reader was not written
 * for. generate.ts draws its header names from the reader's own lists; this one draws every word from
 * honest-content.ts, written from what real forms print and what a person would understand, and never
 * loads the reader's vocabulary. Its tables have:
 *
 * - headers in words of real forms and their synonyms (考核内容, 区域目标值, 目标值（定量）, 分值权重（90分）,
 *   指标解释 …) or in words that name nothing (内容, 栏目, an empty cell), and sometimes two headers swapped;
 * - columns in any order; a label down the left (年度绩效指标, 年度绩效目标(90分)); a form's own tree over the
 *   levels (实施效果指标 over 产出/效益/满意度, 过程管理指标 over 计划/资金/项目管理, the level headers then counted
 *   from the tree's top: 一级指标 over the tree, 二级指标 over 产出指标 …);
 * - levels under the form's names (产出值, 成效指标, 效益值, 数量目标 …), with a form's notes
 *   (`数量指标（必填硬性指标）`), wrapped over two lines;
 * - targets in the shapes the corpus prints (`》95%`, `>=80%`, `10余次`, `约6类`, `10-15项`, `15个区县各类民政保障机构`,
 *   `1：>=95%；2：有所提升`, `全年按月发放，12个月`, `≥25次；100余场；40场`, `12月底前`, `较上年提高`, `100%支持`, `（≥313辆）`,
 *   `≤180元/人.天`, `≤81.5万`, a unit in the name's brackets), joined or split over operator | number | unit;
 * - a value beside the target: last year's actual, the period's target, a later year's, under one header or two.
 *
 * Each table says whether a person could read it (judge): a person who has never seen a header tells the
 * columns apart by what their cells hold (levels, names, values, operators, units, weights, sentences …)
 * and by the headers a person understands. A table is readable when exactly one placing of its columns fits
 * both; two placings that differ in a column that matters (a level, the name, a target) make it unreadable; a
 * header over cells it cannot be over (指标值 over names) makes it one that must be doubted. The reader must
 * read a readable table exactly or doubt it, and doubt or refuse the others (check.ts).
 *
 * A case is built from a spec (HonestSpec: plain data) by a pure function (honestCase), so that a case can be
 * changed and built again: `features` lists what in a spec is not plain (each with the change that makes it
 * plain), which the suite uses to leave out what the reader does not read yet (`exclude`) and
 * scripts/fuzz-honest.ts to find, for a silent misread, the features it needs (minimizeCase).
 */
import fc from 'fast-check';
import type { TargetOperator } from '../../../src/shared/domain/model';
import {
  documentAsText, YEAR, type ExpectedIndicator, type ExpectedTarget, type GenBlock, type GenCell, type GenSlot, type GenTable, type LayoutCase,
  type LayoutFormat,
} from './document';
import {
  ALL_ROLES, COUNT_UNITS, COUNTED_NOUNS, DEADLINE_NAMES, deadlineTexts, FORM_LABELS, GROUP_HEADERS, GROUP_LABELS, HONEST_HEADERS, LEAD_SENTENCES,
  LEVEL_ANNOTATIONS, LEVEL_NAMES, ODD_OPERATORS, OPAQUE_HEADERS, PER_UNITS, PROCESS_GROUPS, QUALITATIVE_CORPUS, RATE_WORDS, rolesOfHeader, TIME_HEADERS,
  TABLE_TITLES, TREE_EFFECT, TREE_PROCESS, type HeaderHow, type HeaderWord, type HonestRole,
} from './honest-content';
import { BASES, DEPARTMENTS, GOALS, poolsOf, PROJECTS, QUALITATIVE_TEXTS, REMARKS, type Level2Pool } from './pools';

const LAYOUT_FORMATS: readonly LayoutFormat[] = ['txt', 'html', 'docx', 'xlsx'];

// ---------------------------------------------------------------------------------------------
// The spec

/** How a joined target is written (TARGET_SHAPES); `plain` is `≥95%`, `95%`, `显著提高`, `12月底前`. */
export type TargetShape =
  | 'plain' | 'oddOperator' | 'doubleOperator' | 'afterOperator' | 'about' | 'yu' | 'range' | 'countedNoun' | 'rateWord' | 'leadSentence'
  | 'several' | 'bracketed' | 'per' | 'unitInName' | 'wan' | 'qualitativeCorpus';

export const TARGET_SHAPES: readonly TargetShape[] = [
  'plain', 'oddOperator', 'doubleOperator', 'afterOperator', 'about', 'yu', 'range', 'countedNoun', 'rateWord', 'leadSentence', 'several', 'bracketed', 'per',
  'unitInName', 'wan', 'qualitativeCorpus',
];

export type TimeKind = 'prior' | 'period' | 'later';
type TimeRole = TimeKind;

export interface HonestIndicator {
  /** The standard level 1 and 2 (null: a level of the form's own that no national level names: 资金管理). */
  level1: string | null;
  level2: string | null;
  /** The form's own level (过程管理指标's 资金管理), for an indicator of its own tree. */
  processLevel: string | null;
  name: string;
  /** A number with its unit and operator; null for a qualitative target or a deadline. */
  quantity: { value: string; unit: string; operator: TargetOperator; word: string | null; decimals: number; integer: boolean } | null;
  /** A deadline's text (a 时效 indicator); null otherwise. */
  deadline: string | null;
  /** The words of a qualitative target. */
  words: string;
  shape: TargetShape;
  /** Draws the shape uses (which odd operator, which noun …). */
  pick: number;
  weight: number;
  basis: string;
  remark: string;
  /** The value beside the target (prior, period, later), as numbers written like the target's. */
  prior: string;
  period: string;
  later: string;
}

export interface HonestSpec {
  framework: 'old' | '2021';
  project: { name: string; wanCents: number; goal: string; department: string };
  /** Index of each form label (0: the plain one). */
  form: { name: number; amount: number; goal: number };
  indicators: HonestIndicator[];
  level2: boolean;
  /** A label down the left: in the indicator rows under an empty header cell, or merged down from the header row. */
  group: null | { label: number; style: 'rows' | 'overHeader' };
  /** The form's own tree: its column's header blank, or the level headers counted from it (一级指标 over the tree). */
  tree: null | { top: number; headers: 'blank' | 'shifted'; process: boolean };
  split: 'joined' | 'operator' | 'valueUnit';
  time: null | { kind: TimeKind; pair: number; first: boolean };
  /** A header over the split target's parts or over the two time columns (index in GROUP_HEADERS). */
  twoRow: number | null;
  soft: { nature: boolean; weight: boolean; basis: boolean; description: boolean; extra: boolean };
  /** Headers drawn otherwise than plain, by role. */
  headers: Partial<Record<HonestRole, HeaderWord>>;
  /** The columns left to right. */
  order: HonestRole[];
  merge: 'merged' | 'repeated';
  /** The form's name for a standard level (index in LEVEL_NAMES) and its note (LEVEL_ANNOTATIONS), by standard name. */
  levels: Record<string, { variant: number; note: number | null }>;
  /** Level-2 cells wrapped over two lines. */
  wrap: boolean;
  /** Two columns' headers the other way round. */
  swapped: null | [HonestRole, HonestRole];
  weightSuffix: boolean;
  /** The points the weights add up to. */
  weightTotal: 100 | 90;
  titlePick: number;
}

// ---------------------------------------------------------------------------------------------
// Features: what in a spec is not plain, each with the change that makes it plain

export interface Feature {
  /** `header:name=考核内容`, `level:产出指标=产出值`, `target:yu`, `column:tree` … */
  key: string;
  /** The key without its word: `header:name`, `level`, `target:yu`. */
  kind: string;
  plain: (s: HonestSpec) => HonestSpec;
}

const clone = (s: HonestSpec): HonestSpec => structuredClone(s);
const edit = (f: (s: HonestSpec) => void) => (s: HonestSpec) => {
  const c = clone(s);
  f(c);
  return c;
};

/** The canonical order of a spec's columns (a form's usual one). */
function canonicalOrder(s: HonestSpec): HonestRole[] {
  const timeRole: HonestRole[] = s.time ? [s.time.kind] : [];
  const targetBlock: HonestRole[] = s.split === 'operator' ? ['operator', 'target', 'unit'] : s.split === 'valueUnit' ? ['target', 'unit'] : ['target'];
  const valueBlock = s.time ? (s.time.first ? [...timeRole, ...targetBlock] : [...targetBlock, ...timeRole]) : targetBlock;
  return [
    ...(s.group ? (['group'] as HonestRole[]) : []),
    ...(s.tree ? (['tree'] as HonestRole[]) : []),
    'level1',
    ...(s.level2 ? (['level2'] as HonestRole[]) : []),
    'name',
    ...valueBlock,
    ...(['nature', 'weight', 'basis', 'description', 'extra'] as const).filter((r) => s.soft[r]),
  ];
}

/** The spec with its order made canonical again after a column came or went. */
function reorder(s: HonestSpec, keepShuffle: boolean): void {
  const canonical = canonicalOrder(s);
  if (!keepShuffle) {
    s.order = canonical;
    return;
  }
  // keep the columns' relative order, the new ones where the canonical order has them
  const kept = s.order.filter((r) => canonical.includes(r));
  for (const r of canonical) if (!kept.includes(r)) kept.splice(Math.min(kept.length, canonical.indexOf(r)), 0, r);
  s.order = blocksTogether(kept, s);
}

/** The split target's parts and the time column side by side, as the spec's block has them. */
function blocksTogether(order: HonestRole[], s: HonestSpec): HonestRole[] {
  const canonical = canonicalOrder(s);
  const block = canonical.filter((r) => ['operator', 'target', 'unit', 'prior', 'period', 'later'].includes(r));
  const at = order.findIndex((r) => block.includes(r));
  const rest = order.filter((r) => !block.includes(r));
  const lead = order.slice(0, at).filter((r) => !block.includes(r)).length;
  return [...rest.slice(0, lead), ...block, ...rest.slice(lead)];
}

export function featuresOf(s: HonestSpec): Feature[] {
  const out: Feature[] = [];
  for (const [role, h] of Object.entries(s.headers) as [HonestRole, HeaderWord][]) {
    const word = h.how === 'opaque' ? `(无名:${h.text || '空'})` : h.text;
    out.push({ key: `header:${role}=${word}`, kind: `header:${role}${h.how === 'opaque' ? ':无名' : ''}`, plain: edit((c) => delete c.headers[role]) });
  }
  if (s.swapped && s.swapped.every((r) => s.order.includes(r))) out.push({ key: `headers-swapped:${s.swapped.join('/')}`, kind: 'headers-swapped', plain: edit((c) => (c.swapped = null)) });
  for (const [std, l] of Object.entries(s.levels)) {
    if (l.variant !== 0) out.push({ key: `level:${std}=${LEVEL_NAMES[std]![l.variant]}`, kind: 'level-name', plain: edit((c) => (c.levels[std]!.variant = 0)) });
    if (l.note !== null) out.push({ key: `level-note:${std}${LEVEL_ANNOTATIONS[l.note]!.trim()}`, kind: 'level-note', plain: edit((c) => (c.levels[std]!.note = null)) });
  }
  if (s.wrap) out.push({ key: 'level-wrapped', kind: 'level-wrapped', plain: edit((c) => (c.wrap = false)) });
  const shapes = new Set(s.indicators.filter((i) => i.shape !== 'plain').map((i) => i.shape));
  for (const shape of shapes) {
    const odd = shape === 'oddOperator' ? [...new Set(s.indicators.filter((i) => i.shape === shape).map((i) => oddOperatorOf(i)[0]))] : [];
    out.push({
      key: `target:${shape}${odd.length > 0 ? `=${odd.join(',')}` : ''}`,
      kind: `target:${shape}`,
      plain: edit((c) => c.indicators.forEach((i) => i.shape === shape && (i.shape = 'plain'))),
    });
  }
  const shuffled = s.order.join() !== canonicalOrder(s).join();
  if (shuffled) out.push({ key: 'order:shuffled', kind: 'order', plain: edit((c) => (c.order = canonicalOrder(c))) });
  if (s.group) out.push({ key: `column:group=${GROUP_LABELS[s.group.label]!.replace(/\n/g, '')}(${s.group.style})`, kind: 'column:group', plain: edit((c) => ((c.group = null), reorder(c, shuffled))) });
  if (s.tree) {
    out.push({ key: `column:tree(${s.tree.headers}${s.tree.process ? ', 过程管理' : ''})`, kind: 'column:tree', plain: edit((c) => ((c.tree = null), (c.indicators = c.indicators.filter((i) => i.processLevel === null)), delete c.headers.tree, reorder(c, shuffled))) });
    if (s.tree.process) out.push({ key: 'tree:process', kind: 'tree:process', plain: edit((c) => ((c.tree!.process = false), (c.indicators = c.indicators.filter((i) => i.processLevel === null)))) });
  }
  if (s.time) out.push({ key: `column:${s.time.kind}`, kind: `column:${s.time.kind}`, plain: edit((c) => ((c.time = null), delete c.headers[s.time!.kind], (c.twoRow = c.split === 'joined' ? null : c.twoRow), reorder(c, shuffled))) });
  if (s.split !== 'joined') out.push({ key: `split:${s.split}`, kind: `split:${s.split}`, plain: edit((c) => ((c.split = 'joined'), delete c.headers.operator, delete c.headers.unit, delete c.headers.target, (c.twoRow = c.time ? c.twoRow : null), reorder(c, shuffled))) });
  if (s.twoRow !== null) out.push({ key: `two-row-header=${GROUP_HEADERS[s.twoRow]}`, kind: 'two-row-header', plain: edit((c) => (c.twoRow = null)) });
  for (const r of ['nature', 'weight', 'basis', 'description', 'extra'] as const) {
    if (s.soft[r]) out.push({ key: `column:${r}`, kind: `column:${r}`, plain: edit((c) => ((c.soft[r] = false), delete c.headers[r], reorder(c, shuffled))) });
  }
  for (const f of ['name', 'amount', 'goal'] as const) {
    if (s.form[f] !== 0) out.push({ key: `form:${f}=${FORM_LABELS[f][s.form[f]]}`, kind: `form:${f}`, plain: edit((c) => (c.form[f] = 0)) });
  }
  return out;
}

/** The spec with the features whose key starts with one of `prefixes` made plain (those the reader does not read yet). */
export function withoutFeatures(s: HonestSpec, prefixes: readonly string[]): HonestSpec {
  let spec = s;
  // a feature made plain can bring another up (a column back in the canonical order): until none is left
  for (let round = 0; round < 100; round++) {
    const hit = featuresOf(spec).find((f) => prefixes.some((p) => f.key.startsWith(p)));
    if (!hit) break;
    spec = hit.plain(spec);
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Writing targets

interface WrittenTarget {
  text: string;
  cls: Cls;
  /** What a person reads (the first), and other readings a person could take as well. */
  expect: ExpectedTarget[];
  /** The indicator's name as written (a unit in brackets after it). */
  name: string;
}

const quantitative = (raw: string, operator: TargetOperator, value: number, unit: string | null): ExpectedTarget => ({ raw, kind: 'quantitative', operator, value, unit });
const qualitative = (raw: string): ExpectedTarget => ({ raw, kind: 'qualitative', operator: null, value: null, unit: null });
const deadlineTarget = (raw: string): ExpectedTarget => ({ raw, kind: 'deadline', operator: null, value: null, unit: null });

function oddOperatorOf(ind: HonestIndicator): readonly [string, readonly TargetOperator[]] {
  const list = ODD_OPERATORS[ind.quantity!.operator];
  return list[ind.pick % list.length]!;
}

/** Which shapes can write an indicator's target (the others fall back to plain). */
export function shapeFits(ind: Pick<HonestIndicator, 'quantity' | 'deadline'>, shape: TargetShape): boolean {
  const q = ind.quantity;
  if (shape === 'plain') return true;
  if (shape === 'qualitativeCorpus') return q === null && ind.deadline === null;
  if (q === null) return false;
  const count = COUNT_UNITS.has(q.unit) && q.integer;
  switch (shape) {
    case 'oddOperator':
      return true;
    case 'doubleOperator':
      return q.operator === '≥' && q.word !== null;
    case 'afterOperator':
      // `3天以内` after a unit of time is a period (a deadline), not the count ≤3 天
      return (q.operator === '≥' || q.operator === '≤') && !/^(年|天|月|日|周|小时)/.test(q.unit);
    case 'about':
    case 'yu':
    case 'range':
      return count;
    case 'countedNoun':
      return q.integer && COUNTED_NOUNS[q.unit] !== undefined;
    case 'rateWord':
      return q.unit === '%';
    case 'leadSentence':
    case 'several':
    case 'bracketed':
      return true;
    case 'per':
      return PER_UNITS[q.unit] !== undefined;
    case 'unitInName':
      return true;
    case 'wan':
      return q.unit === '万元';
  }
}

/** The target as one cell writes it in its shape, with what a person reads from it. */
function joinedTarget(ind: HonestIndicator): WrittenTarget {
  const q = ind.quantity;
  const pick = ind.pick;
  if (q === null) {
    if (ind.deadline !== null) return { text: ind.deadline, cls: 'target', expect: [deadlineTarget(ind.deadline)], name: ind.name };
    const words = ind.shape === 'qualitativeCorpus' ? QUALITATIVE_CORPUS[pick % QUALITATIVE_CORPUS.length]! : ind.words;
    return { text: words, cls: 'qualitative', expect: [qualitative(words)], name: ind.name };
  }
  const v = Number(q.value);
  const op = q.word ?? '';
  const sym = q.word === null ? '=' : q.operator;
  const same = (text: string, operators: readonly TargetOperator[] = [sym], value = v, units: readonly (string | null)[] = [q.unit], name = ind.name): WrittenTarget => ({
    text,
    cls: 'target',
    expect: operators.flatMap((o) => units.map((u) => quantitative(text, o, value, u))),
    name,
  });
  switch (ind.shape) {
    case 'plain':
    case 'qualitativeCorpus':
      return same(`${op}${q.value}${q.unit}`);
    case 'oddOperator': {
      const [written, reads] = oddOperatorOf(ind);
      return same(`${written}${q.value}${q.unit}`, reads);
    }
    case 'doubleOperator':
      return same(`≥${q.value}${q.unit}以上`, ['≥']);
    case 'afterOperator': {
      const words = q.operator === '≥' ? ['以上', '及以上'] : ['以内', '以下'];
      return same(`${q.value}${q.unit}${words[pick % 2]}`, [q.operator]);
    }
    case 'about':
      return same(`约${q.value}${q.unit}`, ['=']);
    case 'yu': {
      const n = Math.max(10, Math.round(v / 10) * 10);
      // `10余次`: more than ten, a floor
      return same(`${n}余${q.unit}`, ['>', '≥'], n);
    }
    case 'range': {
      const hi = v + Math.max(1, Math.round(v / 2));
      return same(`${q.value}-${hi}${q.unit}`, ['≥']);
    }
    case 'countedNoun': {
      const nouns = COUNTED_NOUNS[q.unit]!;
      return same(`${q.value}${q.unit}${nouns[pick % nouns.length]}`, ['=']);
    }
    case 'rateWord':
      return same(`${q.value}%${RATE_WORDS[pick % RATE_WORDS.length]}`, ['=']);
    case 'leadSentence':
      return same(`${LEAD_SENTENCES[pick % LEAD_SENTENCES.length]}，${op}${q.value}${q.unit}`);
    case 'several': {
      // two targets in one cell: no one target is the indicator's, the cell is read as its words
      const text = pick % 2 === 0 ? `1：${op}${q.value}${q.unit}；2：有所提升` : `${op}${q.value}${q.unit}；${Math.max(2, Math.round(v / 3))}余场；40场`;
      return { text, cls: 'target', expect: [qualitative(text)], name: ind.name };
    }
    case 'bracketed':
      return same(`（${sym}${q.value}${q.unit}）`);
    case 'per': {
      const per = PER_UNITS[q.unit]![pick % PER_UNITS[q.unit]!.length]!;
      const unit = per.startsWith('.') ? `${q.unit}${per}` : `${q.unit}/${per}`;
      return same(`${op}${q.value}${unit}`, [sym], v, per.startsWith('.') ? [unit, unit.replace('.', '·')] : [unit]);
    }
    case 'unitInName':
      return { ...same(`${op}${q.value}`), cls: q.word === null ? 'number' : 'target', name: `${ind.name}（${q.unit}）` };
    case 'wan':
      return same(`${op}${q.value}万`, [sym], v, ['万元', '万']);
  }
}

/** The other value beside the target (last year's, the period's, a later year's) as written, and the period's target read. */
function timeValue(ind: HonestIndicator, kind: TimeKind): { text: string; cls: Cls; expect: ExpectedTarget } {
  const q = ind.quantity;
  if (q === null) {
    const text = ind.deadline !== null ? (kind === 'prior' ? '按期完成' : ind.deadline) : kind === 'prior' ? '基本完成' : joinedTarget(ind).text;
    return { text, cls: 'qualitative', expect: ind.deadline !== null && kind !== 'prior' ? deadlineTarget(text) : qualitative(text) };
  }
  // a unit in the name leaves the numbers bare
  const unit = ind.shape === 'unitInName' ? '' : q.unit;
  const value = kind === 'prior' ? ind.prior : kind === 'period' ? ind.period : ind.later;
  const op = kind === 'prior' ? '' : (q.word ?? '');
  const text = `${op}${value}${unit}`;
  return { text, cls: op === '' && unit === '' ? 'number' : 'target', expect: quantitative(text, kind === 'prior' || q.word === null ? '=' : q.operator, Number(value), q.unit) };
}

// ---------------------------------------------------------------------------------------------
// What a person sees in a cell, and where a person places it

/** What a cell is to a person who reads it without its header. */
export type Cls =
  | 'empty' | 'group' | 'tree' | 'level1' | 'level2' | 'name' | 'sentence' | 'target' | 'number' | 'qualitative' | 'operator' | 'unit' | 'nature' | 'weight'
  | 'weightText' | 'basis' | 'remark';

/** The cells a column of each role takes. */
const TAKES: Record<HonestRole, readonly Cls[]> = {
  group: ['group'],
  tree: ['tree'],
  level1: ['level1'],
  level2: ['level2'],
  name: ['name'],
  target: ['target', 'number', 'qualitative'],
  prior: ['target', 'number', 'qualitative'],
  period: ['target', 'number', 'qualitative'],
  later: ['target', 'number', 'qualitative'],
  operator: ['operator'],
  unit: ['unit'],
  nature: ['nature'],
  // bare numbers that add up to the table's 100 or 90 points are weights to a person
  weight: ['weight', 'weightText'],
  basis: ['basis'],
  description: ['sentence'],
  extra: ['remark'],
};

/** Columns whose place changes little: a person's reading differs in nothing that matters when only these differ. */
const SOFT: ReadonlySet<HonestRole> = new Set(['nature', 'weight', 'basis', 'description', 'extra', 'group', 'tree']);

export interface Judgement {
  readable: boolean;
  /** Why a person could not read it (or must doubt it); '' when readable. */
  why: string;
}

/**
 * Whether a person could read a table: each column's possible roles are those that take all its cells and, under
 * a header a person understands, those the header names. A header over cells no role it names takes is a
 * contradiction (to be doubted); otherwise the table is readable when exactly one placing of its columns,
 * each role once (two remark columns may be), has a level 1, a name and a target, counting placings that
 * differ only in soft columns as one.
 */
export function judge(columns: readonly { role: HonestRole; header: HeaderWord; cells: readonly Cls[] }[]): Judgement {
  const options: HonestRole[][] = [];
  const filled: number[] = [];
  for (const [k, c] of columns.entries()) {
    const cells = c.cells.filter((x) => x !== 'empty');
    if (cells.length === 0) continue;
    const byCells = ALL_ROLES.filter((r) => cells.every((x) => TAKES[r].includes(x)));
    const named = rolesOfHeader(c.header);
    const both = byCells.filter((r) => named.includes(r));
    if (both.length === 0) {
      return { readable: false, why: `表头“${c.header.text}”下是${describeCells(cells)}，与表头不符` };
    }
    options.push(both);
    filled.push(k);
  }
  const placings = new Set<string>();
  const at: HonestRole[] = [];
  const walk = (i: number): void => {
    if (placings.size > 1) return;
    if (i === options.length) {
      if (!at.includes('level1') || !at.includes('name') || !at.includes('target')) return;
      placings.add(at.map((r) => (SOFT.has(r) ? 'soft' : r)).join());
      return;
    }
    for (const r of options[i]!) {
      if (r !== 'extra' && at.slice(0, i).includes(r)) continue;
      at[i] = r;
      walk(i + 1);
    }
    at.length = i;
  };
  walk(0);
  if (placings.size === 1) return { readable: true, why: '' };
  if (placings.size === 0) return { readable: false, why: '各列无法对应到一级指标、指标名称和指标值' };
  const ambiguous = filled.filter((_, i) => options[i]!.filter((r) => !SOFT.has(r)).length > 1 || (options[i]!.some((r) => !SOFT.has(r)) && options[i]!.some((r) => SOFT.has(r))));
  return { readable: false, why: `${ambiguous.map((k) => `“${columns[k]!.header.text || '（空）'}”列`).join('、')}可以有不止一种理解` };
}

const CLS_WORDS: Record<Cls, string> = {
  empty: '空白', group: '栏目标签', tree: '指标体系', level1: '一级指标', level2: '二级指标', name: '指标名称', sentence: '说明文字', target: '指标值', number: '数字',
  qualitative: '定性指标值', operator: '运算符', unit: '计量单位', nature: '指标性质', weight: '合计为满分的分值', weightText: '分值', basis: '确定依据', remark: '备注',
};
const describeCells = (cells: readonly Cls[]) => [...new Set(cells)].map((c) => CLS_WORDS[c]).join('、');

// ---------------------------------------------------------------------------------------------
// Building a case from its spec

const compact = (s: string) => s.replace(/\s+/g, '');

/** The header a column goes by: drawn otherwise, or the plain one (the time pair's, the shifted tree's). */
function headerOf(s: HonestSpec, role: HonestRole): HeaderWord {
  const drawn = s.headers[role];
  if (drawn) return drawn;
  return { text: plainHeader(s, role), how: 'plain', of: role };
}

function plainHeader(s: HonestSpec, role: HonestRole): string {
  if (s.time && (role === 'target' || role === s.time.kind)) return TIME_HEADERS[s.time.kind][s.time.pair % TIME_HEADERS[s.time.kind].length]![role === 'target' ? 1 : 0];
  if (s.tree?.headers === 'shifted') {
    const shifted: Partial<Record<HonestRole, string>> = { tree: '一级指标', level1: '二级指标', level2: '三级指标', name: s.level2 ? '四级指标' : '三级指标' };
    if (shifted[role]) return shifted[role]!;
  }
  switch (role) {
    case 'group':
      return s.group?.style === 'overHeader' ? GROUP_LABELS[s.group.label]! : '';
    case 'tree':
      return '';
    case 'target':
      return s.split === 'joined' ? HONEST_HEADERS.target[0]! : s.twoRow !== null ? HONEST_HEADERS.value[0]! : HONEST_HEADERS.target[0]!;
    case 'prior':
    case 'period':
    case 'later':
      return '';
    default:
      return HONEST_HEADERS[role][0]!;
  }
}

/** The form's name for a standard level as a cell writes it. */
function levelText(s: HonestSpec, std: string, level: 1 | 2): string {
  const l = s.levels[std] ?? { variant: 0, note: null };
  const names = LEVEL_NAMES[std] ?? [std];
  const name = names[l.variant % names.length]!;
  const noted = l.note === null ? name : `${name}${LEVEL_ANNOTATIONS[l.note]}`;
  // a narrow level-2 column wraps its name (服务对象满⏎意度指标)
  return s.wrap && level === 2 && name.length >= 5 ? `${noted.slice(0, Math.ceil(name.length / 2))}\n${noted.slice(Math.ceil(name.length / 2))}` : noted;
}

/** The level's name as the form writes it (whitespace and its note aside): what the reading keeps as written. */
function levelWord(s: HonestSpec, std: string): string {
  const l = s.levels[std] ?? { variant: 0, note: null };
  const names = LEVEL_NAMES[std] ?? [std];
  return names[l.variant % names.length]!;
}

interface Row {
  cells: Map<HonestRole, { slot: GenSlot; cls: Cls }>;
}

/** Builds the case: the document, the model a person reads from it, and whether a person could. */
export function honestCase(spec: HonestSpec): LayoutCase & { spec: HonestSpec; features: Feature[] } {
  const s = spec;
  const order = s.order;
  const width = order.length;
  const rows: GenSlot[][] = [];
  const kinds: GenTable['kinds'] = [];
  const push = (row: GenSlot[], kind: GenTable['kinds'][number]) => {
    rows.push(row);
    kinds.push(kind);
  };
  const formRow = (label: string, text: string) => push([{ text: label }, { text, ...(width > 2 ? { colSpan: width - 1 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 2)).fill('h')], 'form');

  // the form
  const wan = `${Math.floor(s.project.wanCents / 100)}.${String(s.project.wanCents % 100).padStart(2, '0')}`;
  formRow(FORM_LABELS.name[s.form.name]!, s.project.name);
  formRow(FORM_LABELS.amount[s.form.amount]!, wan);
  formRow(FORM_LABELS.goal[s.form.goal]!, s.project.goal);

  // the header: one row, or two with a header over the split target's parts or the time columns
  const headers = new Map(order.map((r) => [r, headerOf(s, r)] as const));
  if (s.swapped && s.swapped.every((r) => order.includes(r))) {
    const [a, b] = s.swapped;
    const ha = headers.get(a)!;
    headers.set(a, headers.get(b)!);
    headers.set(b, ha);
  }
  const under = s.twoRow === null ? [] : order.filter((r) => (s.split !== 'joined' ? ['operator', 'target', 'unit'] : ['target', 'prior', 'period', 'later']).includes(r));
  const over = s.twoRow === null ? null : GROUP_HEADERS[s.twoRow % GROUP_HEADERS.length]!;
  const headerRows = over === null ? 1 : 2;
  const inds = s.indicators;
  const groupSpan = headerRows + inds.length;
  const top: GenSlot[] = [];
  const second: GenSlot[] = [];
  order.forEach((r, k) => {
    const h = headers.get(r)!;
    if (r === 'group' && s.group?.style === 'overHeader') {
      top.push({ text: h.text, rowSpan: groupSpan });
      second.push('v');
      return;
    }
    if (over !== null && under.includes(r)) {
      top.push(k === order.indexOf(under[0]!) ? { text: over, ...(under.length > 1 ? { colSpan: under.length } : {}) } : 'h');
      second.push({ text: h.text });
      return;
    }
    top.push({ text: h.text, ...(headerRows > 1 ? { rowSpan: headerRows } : {}) });
    second.push('v');
  });
  push(top, 'header');
  if (headerRows > 1) push(second, 'header');

  // the indicator rows
  const written: Row[] = [];
  const expected: ExpectedIndicator[] = [];
  const longTerm: ExpectedIndicator[] = [];
  const level1Of = (ind: HonestIndicator) => ind.processLevel ?? ind.level1!;
  const treeOf = (ind: HonestIndicator) => (ind.processLevel !== null ? TREE_PROCESS : TREE_EFFECT)[(s.tree?.top ?? 0) % 2]!;
  const runLength = (i: number, same: (a: HonestIndicator, b: HonestIndicator) => boolean) => {
    let n = 0;
    while (i + n < inds.length && same(inds[i + n]!, inds[i]!)) n++;
    return n;
  };
  // the weights add up to the table's points (100, or 90 beside a 执行率 worth 10)
  const weights = pointsOf(inds.map((i) => i.weight), s.weightTotal);
  const timeHeaderPath = (kind: TimeKind) => {
    const h = headers.get(kind)!;
    return over !== null ? `${over}›${compact(h.text)}` : compact(h.text);
  };
  inds.forEach((ind, i) => {
    const row: Row = { cells: new Map() };
    const set = (r: HonestRole, slot: GenSlot, cls: Cls) => row.cells.set(r, { slot, cls });
    const merged = (r: HonestRole, text: string, cls: Cls, same: (a: HonestIndicator, b: HonestIndicator) => boolean) => {
      if (s.merge === 'repeated' || i === 0 || !same(inds[i - 1]!, ind)) {
        const span = s.merge === 'merged' ? runLength(i, same) : 1;
        set(r, { text, ...(span > 1 ? { rowSpan: span } : {}) }, cls);
      } else set(r, 'v', 'empty');
    };
    if (s.group) {
      if (s.group.style === 'overHeader') set('group', 'v', 'empty');
      else if (i === 0) set('group', { text: GROUP_LABELS[s.group.label]!, ...(inds.length > 1 ? { rowSpan: inds.length } : {}) }, 'group');
      else set('group', 'v', 'empty');
    }
    if (s.tree) merged('tree', treeOf(ind), 'tree', (a, b) => (a.processLevel === null) === (b.processLevel === null));
    const l1Text = ind.processLevel ?? levelText(s, ind.level1!, 1);
    merged('level1', l1Text, 'level1', (a, b) => level1Of(a) === level1Of(b));
    if (s.level2) {
      if (ind.level2 === null) set('level2', { text: '' }, 'empty');
      else merged('level2', levelText(s, ind.level2, 2), 'level2', (a, b) => a.level2 === b.level2 && level1Of(a) === level1Of(b));
    }
    let target: WrittenTarget;
    if (s.split === 'joined') {
      target = joinedTarget(ind);
      set('target', { text: target.text }, target.cls);
    } else {
      // split: the number in its column, the operator and the unit in theirs (or the operator before the number)
      const q = ind.quantity;
      const valueUnit = s.split === 'valueUnit';
      if (q === null) {
        const words = ind.deadline ?? ind.words;
        set('target', { text: words }, ind.deadline !== null ? 'target' : 'qualitative');
        target = { text: words, cls: 'qualitative', expect: [ind.deadline !== null ? deadlineTarget(words) : qualitative(words)], name: ind.name };
      } else {
        const op = valueUnit ? (q.word ?? '') : '';
        set('target', { text: `${op}${q.value}` }, op === '' ? 'number' : 'target');
        const raw = `${valueUnit ? (q.word ?? '') : q.word === null ? '' : q.operator}${q.value}${q.unit}`;
        const expect = [quantitative(raw, q.word === null ? '=' : q.operator, Number(q.value), q.unit)];
        // the operator's cell joined as it is written (大于等于 | 10 | 万元: 大于等于10万元, issue 74) reads the same
        if (!valueUnit && q.word !== null && q.word !== q.operator) expect.push(quantitative(`${q.word}${q.value}${q.unit}`, q.operator, Number(q.value), q.unit));
        target = { text: raw, cls: 'target', expect, name: ind.name };
      }
      set('unit', { text: q?.unit ?? '' }, q ? 'unit' : 'empty');
      if (!valueUnit) set('operator', { text: q?.word ?? '' }, q?.word ? 'operator' : 'empty');
    }
    set('name', { text: target.name }, 'name');
    const e: ExpectedIndicator = {
      level1: ind.level1,
      level2: s.level2 || ind.level2 === null ? ind.level2 : null,
      name: target.name,
      target: { ...target.expect[0]!, ...(target.expect.length > 1 ? { alternatives: target.expect.slice(1) } : {}) },
      extras: [],
      level1Word: ind.processLevel ?? levelWord(s, ind.level1!),
      ...(s.level2 && ind.level2 !== null ? { level2Word: levelWord(s, ind.level2) } : {}),
    };
    if (!s.level2) e.level2 = null;
    if (s.time) {
      const t = timeValue(ind, s.time.kind);
      set(s.time.kind, { text: t.text }, t.cls);
      if (s.time.kind === 'period') longTerm.push({ level1: e.level1, level2: e.level2, name: target.name, target: t.expect, extras: [] });
      else e.extras.push({ header: timeHeaderPath(s.time.kind), text: t.text, role: s.time.kind === 'prior' ? 'priorActual' : 'laterTarget' });
    }
    // the soft columns: checked when their header names them (under a header that names nothing, kept as an extra is as good)
    const understood = (r: HonestRole) => headers.get(r)!.how !== 'opaque' && !(s.swapped?.includes(r) && s.swapped.every((x) => order.includes(x)));
    if (s.soft.nature) set('nature', { text: ind.quantity || ind.deadline ? '定量' : '定性' }, 'nature');
    if (s.soft.weight) {
      const w = weights[i]!;
      set('weight', { text: s.weightSuffix ? `${w}分` : String(w) }, s.weightSuffix ? 'weightText' : 'weight');
      if (understood('weight')) e.weight = w;
    }
    if (s.soft.basis) {
      set('basis', { text: ind.basis }, 'basis');
      if (understood('basis')) e.basis = ind.basis;
    }
    if (s.soft.description) {
      const text = ind.quantity ? `${ind.name}达到${ind.quantity.value}${ind.quantity.unit}` : ind.deadline ? `${ind.name}：${ind.deadline}` : `${ind.name}${ind.words}`;
      set('description', { text }, 'sentence');
      if (understood('description')) e.description = text;
    }
    if (s.soft.extra) set('extra', { text: ind.remark }, ind.remark === '' ? 'empty' : 'remark');
    written.push(row);
    expected.push(e);
  });
  for (const row of written) push(order.map((r) => row.cells.get(r)?.slot ?? { text: '' }), 'indicator');

  const judgement = judge(order.map((r) => ({ role: r, header: headers.get(r)!, cells: written.map((w) => w.cells.get(r)?.cls ?? 'empty') })));
  const title = `${s.project.department}${YEAR}年度项目支出绩效目标表`;
  // the table's own title names no project (the corpus's): the form's name row does
  const blocks: GenBlock[] = [{ paragraph: title }, { paragraph: TABLE_TITLES[s.titlePick % TABLE_TITLES.length]! }, { table: { rows, width, kinds, header: null } }];
  const cost2021 = s.framework === '2021' && inds.some((i) => i.level1 === '成本指标');
  const features = featuresOf(s);
  return {
    spec: s,
    features,
    document: { blocks },
    expected: {
      projects: [{ name: s.project.name, code: null, total: s.project.wanCents * 10_000, indicators: expected, longTermIndicators: longTerm, goals: [s.project.goal], longTermGoals: [], budgetLines: [], absent: [] }],
      frameworkVersion: cost2021 ? 'cn-2021' : 'cn-2015',
      year: YEAR,
      yearInferred: false,
    },
    unreadable: judgement.readable ? null : { formats: LAYOUT_FORMATS, project: 0, why: judgement.why },
    choices: describeSpec(s, features, judgement),
  };
}

/** Positive whole points in proportion to the draws, adding up to `total` (the largest remainders rounded up). */
function pointsOf(draws: readonly number[], total: number): number[] {
  const n = draws.length;
  if (n === 0) return [];
  const sum = draws.reduce((a, b) => a + b, 0);
  const spare = total - n;
  const exact = draws.map((d) => (spare * d) / sum);
  const points = exact.map((x) => 1 + Math.floor(x));
  const left = total - points.reduce((a, b) => a + b, 0);
  exact.map((x, k) => ({ k, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r).slice(0, left).forEach(({ k }) => points[k]!++);
  return points;
}

function describeSpec(s: HonestSpec, features: readonly Feature[], j: Judgement): string[] {
  return [
    `columns: ${s.order.map((r) => `${r}=${(headerOf(s, r).text || '（空）').replace(/\n/g, '⏎')}`).join(' | ')}${s.swapped ? ` (headers of ${s.swapped.join(' and ')} swapped)` : ''}`,
    `features: ${features.map((f) => f.key).join('; ') || 'none (a plain table)'}`,
    j.readable ? 'a person can read it' : `a person cannot read it exactly: ${j.why}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// The arbitrary

/** Options: feature key prefixes to leave out (made plain), e.g. `header:name=考核内容`, `target:yu`, `column:tree`. */
export interface HonestOptions {
  exclude?: readonly string[];
}

/** true one time in n. */
const often = (n: number) => fc.integer({ min: 0, max: n - 1 }).map((k) => k === 0);
/** The arbitrary's value one time in n, null otherwise. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 1, arbitrary: arb }, { weight: n - 1, arbitrary: fc.constant<T | null>(null) });

const indicatorArb = (framework: 'old' | '2021'): fc.Arbitrary<HonestIndicator> =>
  fc
    .record({
      pool: fc.constantFrom(...poolsOf(framework)),
      pick: fc.nat(),
      kind: fc.integer({ min: 0, max: 7 }),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      operator: fc.constantFrom<[string | null, TargetOperator]>(['≥', '≥'], ['大于等于', '≥'], ['不低于', '≥'], ['≤', '≤'], ['不超过', '≤'], ['＞', '>'], ['<', '<'], ['=', '='], [null, '='], [null, '='], ['≥', '≥']),
      shape: fc.oneof({ weight: 3, arbitrary: fc.constant<TargetShape>('plain') }, { weight: 1, arbitrary: fc.constantFrom(...TARGET_SHAPES.filter((t) => t !== 'plain')) }),
      words: fc.constantFrom(...QUALITATIVE_TEXTS),
      weight: fc.integer({ min: 1, max: 30 }),
      basis: fc.constantFrom(...BASES),
      remark: fc.constantFrom(...REMARKS),
      month: fc.integer({ min: 3, max: 12 }),
      day: fc.integer({ min: 10, max: 28 }),
    })
    .map((r) => {
      const pool: Level2Pool = r.pool;
      const common = { level1: pool.level1, level2: pool.level2, processLevel: null, pick: r.pick, weight: r.weight, basis: r.basis, remark: r.remark, words: r.words, prior: '', period: '', later: '' };
      if (pool.level2 === '时效指标' && r.kind === 0) {
        const texts = deadlineTexts(r.month, r.day);
        return { ...common, name: DEADLINE_NAMES[r.pick % DEADLINE_NAMES.length]!, quantity: null, deadline: texts[r.pick % texts.length]!, shape: 'plain' as TargetShape };
      }
      const qualitativeRow = pool.qualitative.length > 0 && (r.kind === 1 || pool.quantitative.length === 0);
      if (qualitativeRow) {
        const ind = { ...common, name: pool.qualitative[r.pick % pool.qualitative.length]!, quantity: null, deadline: null, shape: r.shape };
        return { ...ind, shape: shapeFits(ind, r.shape) ? r.shape : 'plain' };
      }
      const q = pool.quantitative[r.pick % pool.quantitative.length]!;
      const scale = 10 ** q.decimals;
      let n = Math.round((q.min + (q.max - q.min) * r.fraction) * scale) / scale;
      // a rate over 100% is no rate
      const operator = q.unit === '%' && n >= 100 && r.operator[1] === '>' ? (['≥', '≥'] as const) : r.operator;
      if (q.unit === '%' && n > 100) n = 100;
      const write = (x: number) => String(Math.round(x * scale) / scale);
      const rate = q.unit === '%';
      const quantity = { value: write(n), unit: q.unit, operator: operator[1], word: operator[0], decimals: q.decimals, integer: q.decimals === 0 };
      const ind = {
        ...common,
        name: q.name,
        quantity,
        deadline: null,
        shape: r.shape,
        prior: write(rate ? Math.max(q.min, n - 2) : Math.max(q.min, n * 0.9)),
        period: write(rate ? n : n * 3),
        later: write(rate ? Math.min(100, n + 1) : n * 1.1),
      };
      return { ...ind, shape: shapeFits(ind, r.shape) ? r.shape : 'plain' };
    });

/** One header, drawn: plain (undefined), a synonym from the role's list, or an opaque word. */
const headerDraw = (list: readonly string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant<null>(null) },
    { weight: 4, arbitrary: fc.constantFrom(...list.slice(1)).map((text) => ({ text, how: 'synonym' as HeaderHow })) },
    { weight: 1, arbitrary: fc.constantFrom(...OPAQUE_HEADERS).map((text) => ({ text, how: 'opaque' as HeaderHow })) },
  );

const LEVEL_STANDARDS = Object.keys(LEVEL_NAMES);

type TimeDraw = null | { how: 'synonym' | 'opaque'; pick: number };
const timeDraw: fc.Arbitrary<TimeDraw> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<TimeDraw>(null) },
  { weight: 3, arbitrary: fc.nat().map((pick) => ({ how: 'synonym' as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ how: 'opaque' as const, pick })) },
);

export function honestSpecArb(): fc.Arbitrary<HonestSpec> {
  return fc.constantFrom<'old' | '2021'>('old', '2021').chain((framework) =>
    fc
      .record({
        indicators: fc.array(indicatorArb(framework), { minLength: 1, maxLength: 8 }),
        project: fc.record({ name: fc.constantFrom(...PROJECTS), wanCents: fc.integer({ min: 100, max: 900_000 }), goal: fc.constantFrom(...GOALS), department: fc.constantFrom(...DEPARTMENTS) }),
        form: fc.record({
          name: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(FORM_LABELS.name.length - 1) }),
          amount: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(FORM_LABELS.amount.length - 1) }),
          goal: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(FORM_LABELS.goal.length - 1) }),
        }),
        level2: fc.integer({ min: 0, max: 3 }).map((k) => k > 0),
        group: oneIn(5, fc.record({ label: fc.nat(GROUP_LABELS.length - 1), style: fc.constantFrom<'rows' | 'overHeader'>('rows', 'overHeader') })),
        tree: oneIn(8, fc.record({ top: fc.nat(1), headers: fc.constantFrom<'blank' | 'shifted'>('blank', 'shifted'), process: fc.boolean() })),
        split: fc.constantFrom<HonestSpec['split']>('joined', 'joined', 'joined', 'operator', 'valueUnit'),
        time: oneIn(5, fc.record({ kind: fc.constantFrom<TimeKind>('prior', 'period', 'later'), pair: fc.nat(), first: fc.boolean() })),
        twoRow: oneIn(2, fc.nat(GROUP_HEADERS.length - 1)),
        soft: fc.record({ nature: often(5), weight: often(3), basis: often(4), description: often(4), extra: often(4) }),
        headerDraws: fc.record({
          level1: headerDraw(HONEST_HEADERS.level1), level2: headerDraw(HONEST_HEADERS.level2), name: headerDraw(HONEST_HEADERS.name), target: headerDraw(HONEST_HEADERS.target),
          value: headerDraw(HONEST_HEADERS.value), operator: headerDraw(HONEST_HEADERS.operator), unit: headerDraw(HONEST_HEADERS.unit), nature: headerDraw(HONEST_HEADERS.nature),
          weight: headerDraw(HONEST_HEADERS.weight), basis: headerDraw(HONEST_HEADERS.basis), description: headerDraw(HONEST_HEADERS.description), extra: headerDraw(HONEST_HEADERS.extra),
          // the time pair's words: its own (plain), another pair's (a synonym), or a word that names nothing
          time: timeDraw,
          timeTarget: timeDraw,
        }),
        shuffle: oneIn(3, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 })),
        merge: fc.constantFrom<'merged' | 'repeated'>('merged', 'repeated'),
        // a form with names of its own for some levels (one in three), with notes after some (one in six)
        formNames: often(3),
        formNotes: often(6),
        levels: fc.array(fc.record({ variant: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(4) }), note: fc.option(fc.nat(LEVEL_ANNOTATIONS.length - 1), { nil: null }) }), { minLength: LEVEL_STANDARDS.length, maxLength: LEVEL_STANDARDS.length }),
        wrap: often(8),
        swapped: oneIn(15, fc.constantFrom<[HonestRole, HonestRole]>(['name', 'target'], ['target', 'weight'], ['name', 'description'], ['level2', 'name'], ['level1', 'name'])),
        weightSuffix: fc.boolean(),
        weightTotal: fc.constantFrom<100 | 90>(100, 90),
        titlePick: fc.nat(),
        processPick: fc.nat(),
      })
      .map((r) => {
        const pools = poolsOf(framework);
        // indicators in a table's order (by level 1, then level 2), one of a name
        const unique = r.indicators.filter((ind, k) => r.indicators.findIndex((o) => o.name === ind.name) === k);
        const poolIndex = (i: HonestIndicator) => pools.findIndex((p) => p.level1 === i.level1 && p.level2 === i.level2);
        const indicators = unique.sort((a, b) => poolIndex(a) - poolIndex(b));
        if (r.tree?.process) {
          const group = PROCESS_GROUPS[r.processPick % PROCESS_GROUPS.length]!;
          for (const p of group.indicators) {
            const percent = /^(\d+)%$/.exec(p.target);
            indicators.push({
              level1: null, level2: null, processLevel: group.level, name: p.name, deadline: null, words: p.target, shape: 'plain', pick: 0,
              quantity: percent ? { value: percent[1]!, unit: '%', operator: '=', word: null, decimals: 0, integer: true } : null,
              weight: 5, basis: BASES[0]!, remark: '', prior: percent ? percent[1]! : '', period: percent ? percent[1]! : '', later: percent ? percent[1]! : '',
            });
          }
        }
        const split = r.split;
        const headers: Partial<Record<HonestRole, HeaderWord>> = {};
        const take = (role: HonestRole, d: { text: string; how: HeaderHow } | null) => {
          if (d !== null) headers[role] = { ...d, of: role };
        };
        take('level1', r.headerDraws.level1);
        if (r.level2) take('level2', r.headerDraws.level2);
        take('name', r.headerDraws.name);
        if (r.time) {
          const pairs = TIME_HEADERS[r.time.kind];
          const word = (d: TimeDraw, side: 0 | 1): { text: string; how: HeaderHow } | null =>
            d === null ? null : d.how === 'opaque' ? { text: OPAQUE_HEADERS[d.pick % OPAQUE_HEADERS.length]!, how: 'opaque' } : { text: pairs[(r.time!.pair + 1 + (d.pick % (pairs.length - 1))) % pairs.length]![side], how: 'synonym' };
          take(r.time.kind, word(r.headerDraws.time, 0));
          take('target', word(r.headerDraws.timeTarget, 1));
        } else take('target', split === 'joined' ? r.headerDraws.target : r.headerDraws.value);
        if (split === 'operator') take('operator', r.headerDraws.operator);
        if (split !== 'joined') take('unit', r.headerDraws.unit);
        for (const role of ['nature', 'weight', 'basis', 'description', 'extra'] as const) if (r.soft[role]) take(role, r.headerDraws[role]);
        const levels: HonestSpec['levels'] = {};
        LEVEL_STANDARDS.forEach((std, k) => {
          const l = r.levels[k]!;
          levels[std] = { variant: r.formNames ? l.variant % LEVEL_NAMES[std]!.length : 0, note: r.formNotes ? l.note : null };
        });
        const spec: HonestSpec = {
          framework,
          project: r.project,
          form: r.form,
          indicators: split === 'joined' ? indicators : indicators.map((i) => ({ ...i, shape: 'plain' })),
          level2: r.level2,
          group: r.group,
          tree: r.tree,
          split,
          time: r.time,
          twoRow: r.twoRow !== null && (split !== 'joined' || r.time !== null) ? r.twoRow : null,
          soft: r.soft,
          headers,
          order: [],
          merge: r.merge,
          levels,
          wrap: r.wrap && r.level2,
          swapped: r.swapped !== null && r.swapped.every((role) => role !== 'weight' || r.soft.weight) && r.swapped.every((role) => role !== 'description' || r.soft.description) && r.swapped.every((role) => role !== 'level2' || r.level2) ? r.swapped : null,
          weightSuffix: r.weightSuffix,
          weightTotal: r.weightTotal,
          titlePick: r.titlePick,
        };
        // levels a table does not use are no feature of it
        const used = new Set(indicators.flatMap((i) => [i.level1, r.level2 ? i.level2 : null]).filter((x): x is string => x !== null));
        for (const std of LEVEL_STANDARDS) if (!used.has(std)) spec.levels[std] = { variant: 0, note: null };
        spec.order = canonicalOrder(spec);
        if (r.shuffle !== null) {
          const lead = spec.order.filter((x) => x === 'group' || x === 'tree');
          const rest = spec.order.filter((x) => x !== 'group' && x !== 'tree');
          const keyed = rest.map((x, k) => ({ x, key: r.shuffle![k % 16]! + k * 1e-9 })).sort((a, b) => a.key - b.key).map((e) => e.x);
          spec.order = blocksTogether([...lead, ...keyed], spec);
        }
        return spec;
      }),
  );
}

/** Honest cases, with the features `exclude` names made plain. */
export function honestCaseArb(options: HonestOptions = {}): fc.Arbitrary<ReturnType<typeof honestCase>> {
  return honestSpecArb().map((spec) => {
    const c = honestCase(options.exclude?.length ? withoutFeatures(spec, options.exclude) : spec);
    return Object.assign(c, { [fc.toStringMethod]: () => `${c.choices.join('\n')}\n${documentAsText(c.document)}` });
  });
}

export type HonestCase = ReturnType<typeof honestCase>;

/** An indicator for a hand-made spec: a quantity (`95`, `%`, `≥`) or words, its level 1 and 2 standard. */
export function handIndicator(level1: string, level2: string, name: string, target: { value: string; unit: string; operator?: TargetOperator; word?: string | null } | string, shape: TargetShape = 'plain'): HonestIndicator {
  const q = typeof target === 'string' ? null : target;
  const operator = q?.operator ?? '=';
  return {
    level1, level2, processLevel: null, name, deadline: null, words: typeof target === 'string' ? target : '', shape, pick: 0, weight: 10, basis: BASES[0]!, remark: '',
    quantity: q === null ? null : { value: q.value, unit: q.unit, operator, word: q.word === undefined ? (operator === '=' ? null : operator) : q.word, decimals: q.value.includes('.') ? q.value.split('.')[1]!.length : 0, integer: !q.value.includes('.') },
    prior: q?.value ?? '', period: q?.value ?? '', later: q?.value ?? '',
  };
}

/** A plain spec (every header plain, the canonical order, no feature) of the indicators, for a hand-made case. */
export function plainSpec(indicators: HonestIndicator[], more: Partial<HonestSpec> = {}): HonestSpec {
  const spec: HonestSpec = {
    framework: 'old', project: { name: '河道保洁管护', wanCents: 3650, goal: GOALS[0]!, department: DEPARTMENTS[0]! }, form: { name: 0, amount: 0, goal: 0 }, indicators, level2: true,
    group: null, tree: null, split: 'joined', time: null, twoRow: null, soft: { nature: false, weight: false, basis: false, description: false, extra: false }, headers: {}, order: [],
    merge: 'merged', levels: {}, wrap: false, swapped: null, weightSuffix: false, weightTotal: 100, titlePick: 0, ...more,
  };
  if (spec.order.length === 0) spec.order = canonicalOrder(spec);
  return spec;
}

/** A table of the case as text (for a report). */
export function caseTable(c: LayoutCase): GenTable {
  return (c.document.blocks.find((b) => 'table' in b) as { table: GenTable }).table;
}

export type { GenCell };
