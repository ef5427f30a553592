/**
 * duplicate — the same indicator repeated inside a project, or boilerplate rows pasted across the
 * projects of one department (相关性: indicators that are not the project's own do not measure it).
 */
import type { Fen, Indicator, Project } from '../../domain/model';
import { formatWan } from '../../domain/money';
import type { ReviewConfig } from '../config';
import { unitFamily } from '../units';
import { isCost, targetAmount } from './budget';
import { compact, normCell } from '../cells';
import { perPair, perReview } from '../memo';
import { matchName } from './mismatch';
import { NO_HITS, type DocumentRule, type ProjectRule, type ReviewContext, type Rule, type RuleHit } from '../types';
import type { CellText, RowFacts } from '../facts';
import { projectCalled } from '../readings';

/** A cell reduced for comparison: half-width, no whitespace, no trailing punctuation. */
const norm = (s: string | null) => normCell(s ?? '');

const quote = (s: string, max = 30) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** Texts that differ, quoted: shortened only when the shortened quotes still differ. */
function distinctQuotes(texts: string[]): string {
  const short = texts.map((t) => quote(t));
  const shown = new Set(short).size === new Set(texts).size ? short : texts;
  return shown.map((t) => `“${t}”`).join('、');
}

const repeatedInProject: ProjectRule = {
  id: 'duplicate.indicator-in-project',
  category: 'duplicate',
  severity: 'warning',
  criterion: '相关性',
  scope: 'project',
  title: '项目内指标重复',
  description:
    '同一项目的指标表中，同一个三级指标（名称相同）出现了不止一次。完全相同的行是重复填写；名称相同而描述或指标值不同，' +
    '则同一指标有两个口径或两个目标值，年底无法评价。每组重复报告一次，定位在第二次出现的行。',
  examples: {
    triggers: {
      description: '指标“开展活动场次”出现两次（“≥12场”“≥10场”）',
      patch: { indicators: [{ level1: '产出指标', level2: '数量指标', name: '开展活动场次', description: '全年开展社区服务活动的场次', target: '≥10场', basis: '计划标准' }] },
    },
    passes: {
      description: '另加一个名称不同的数量指标“培训居民人次”',
      patch: { indicators: [{ level1: '产出指标', level2: '数量指标', name: '培训居民人次', description: '参加社区培训的居民人次', target: '≥100人次', basis: '计划标准' }] },
    },
  },
  check(project, _ctx, facts) {
    if (!hasRepeatedName(facts)) return NO_HITS;
    const groups = new Map<string, number[]>();
    project.indicators.forEach((_indicator, i) => {
      const key = facts[i]!.normName;
      if (key === '') return;
      const rows = groups.get(key);
      if (rows === undefined) groups.set(key, [i]);
      else rows.push(i);
    });
    const hits: RuleHit[] = [];
    for (const rows of groups.values()) {
      if (rows.length < 2) continue;
      const first = project.indicators[rows[0]!]!;
      const second = project.indicators[rows[1]!]!;
      const identical = rows.every((r) => {
        const x = project.indicators[r]!;
        return norm(x.description) === norm(first.description) && norm(x.target.raw) === norm(first.target.raw);
      });
      const sameDescription = rows.every((r) => norm(project.indicators[r]!.description) === norm(first.description));
      const positions = rows.map((r) => `第${r + 1}个`).join('、');
      const values = rows.map((r) => `“${project.indicators[r]!.target.raw}”`).join('、');
      // what differs, quoted: the values when they differ, else the descriptions (never two equal quotes side by side)
      const sameValue = rows.every((r) => norm(project.indicators[r]!.target.raw) === norm(first.target.raw));
      const difference = sameValue
        ? `指标值相同（“${first.target.raw}”），描述不同（${distinctQuotes(rows.map((r) => project.indicators[r]!.description ?? '（空）'))}）`
        : `指标值不同（${values}）`;
      hits.push({
        field: 'indicatorName',
        source: second.sources.name ?? second.source,
        indicatorIndex: rows[1]!,
        message: identical
          ? `指标“${first.name}”在本项目中重复出现${rows.length}次（${positions}指标），名称、描述和指标值完全相同`
          : `指标“${first.name}”在本项目中出现${rows.length}次（${positions}指标），${difference}`,
        // two rows with other descriptions are other indicators: they are told apart, never merged
        suggestion: identical
          ? '删除重复的行；若本意是考核不同的内容，改用能区分的名称和描述。'
          : sameDescription
            ? `同一指标只保留一行，确定唯一的指标值（现为${values}）。`
            : '名称相同而描述不同，是不同的指标：在名称中写明各自衡量的对象或范围，使每个名称只对应一个指标。',
      });
    }
    return hits;
  },
};

/**
 * Whether two named rows of a table have the same normalised name: most tables have none, and are answered without
 * a map and a list per name. A table has a handful of rows; a long one (a hostile document) is answered by a set.
 */
function hasRepeatedName(rows: readonly RowFacts[]): boolean {
  if (rows.length > 32) {
    const seen = new Set<string>();
    for (const row of rows) {
      const name = row.normName;
      if (name === '') continue;
      if (seen.has(name)) return true;
      seen.add(name);
    }
    return false;
  }
  for (let i = 1; i < rows.length; i++) {
    const name = rows[i]!.normName;
    if (name === '') continue;
    for (let j = 0; j < i; j++) if (rows[j]!.normName === name) return true;
  }
  return false;
}

/**
 * Numbers for normalised cells, kept from one review to the next: a department's documents repeat the same cells
 * (the bench's corpus has some 400 distinct cells in 22,000 rows), so a review finds its cells numbered already
 * and builds no map of texts of its own (a map per review, grown entry by entry, was the larger part of this
 * index's garbage, issue 18). Bounded as the per-text caches (memo.ts), but started afresh only between reviews,
 * so the numbers one review reads never change under it.
 */
const TEXT_NUMBERS_LIMIT = 10_000;
let textNumbers = new Map<string, number>();
/** Which numbering `textNumbers` is (counted up when it starts afresh): a cell's number is kept with its numbering. */
let numbering = 0;

/**
 * The number of a cell's normalised text, kept on the cell's readings (CellText.normNumber) for as long as the
 * numbering lasts: a row's three cells are numbered without a lookup by text in every review after the first.
 */
function cellNumber(cell: CellText): number {
  if (cell.normNumber !== null && cell.normNumber.numbering === numbering) return cell.normNumber.id;
  const id = textNumber(cell.norm);
  cell.normNumber = { numbering, id };
  return id;
}

function textNumber(t: string): number {
  let id = textNumbers.get(t);
  if (id === undefined) textNumbers.set(t, (id = textNumbers.size));
  return id;
}

/**
 * Numbers for pairs of numbers, per review, counted from 0 in order of first appearance, with no key strings built:
 * `stride` is above any number paired, so a pair's key `a * stride + b` is one exact number per pair.
 */
class PairNumbering {
  private readonly pairs = new Map<number, number>();

  constructor(private readonly stride: number) {}

  pair(a: number, b: number): number {
    const key = a * this.stride + b;
    let id = this.pairs.get(key);
    if (id === undefined) this.pairs.set(key, (id = this.pairs.size));
    return id;
  }

  /** How many pairs are numbered. */
  get size(): number {
    return this.pairs.size;
  }
}

/**
 * The document's rows as the duplicate rules compare them, built once per review and shared by the rules. A row
 * repeats another when its name, description and target (normalised) are the same: such rows get the same id.
 *
 * Rows are numbered through the document (project after project, `first[p] + k` for project p's row k), and what is
 * known by id is kept in flat lists of numbers sized once: a review of a hundred rows used to make some hundred small
 * lists and objects here (a list per project and per id, grown one push at a time), about a tenth of the review's
 * garbage (issue 18). The projects of an id are one run of a shared list (`projectsOf`).
 */
class RowIndex {
  /** Where each project's rows start in `ids` and `nameIds`, and (last) the number of rows. */
  readonly first: number[];
  /** The id of what each row says (name, description, target); ids are counted from 0 in order of first appearance. */
  readonly ids: number[];
  /** The id of each named row's name and description (normalised); -1 for an unnamed row. */
  readonly nameIds: number[];
  /** By row id: the first row saying it, for a named row's id; null for an unnamed row's id (or an id not used). */
  readonly firstIndicator: (Indicator | null)[];
  /** The projects (ascending, each once) where a named row appears, by its id: see projectsOf. */
  readonly copies: Runs;
  /** The projects (ascending, each once) where a named row's name and description appear, by that id. */
  readonly holders: Runs;
  /** How many row ids there are. */
  readonly idCount: number;

  constructor(rows: readonly (readonly RowFacts[])[]) {
    let rowCount = 0;
    for (const r of rows) rowCount += r.length;
    this.first = numbers(rows.length + 1, 0);
    this.ids = numbers(rowCount, 0);
    this.nameIds = numbers(rowCount, 0);
    if (textNumbers.size > TEXT_NUMBERS_LIMIT) {
      textNumbers = new Map();
      numbering++;
    }
    // a row's id: its name and description's id, then its target's under that pair. This review adds at most three
    // texts per row to the numbers, and has fewer pairs than rows: one stride above all of them serves both.
    const stride = textNumbers.size + 3 * rowCount + 1;
    const nameNumbers = new PairNumbering(stride);
    const rowNumbers = new PairNumbering(stride);
    const firstIndicator: (Indicator | null)[] = new Array(rowCount).fill(null);
    let at = 0;
    for (let p = 0; p < rows.length; p++) {
      this.first[p] = at;
      for (const facts of rows[p]!) {
        const name = facts.normName;
        const nameId = nameNumbers.pair(cellNumber(facts.nameCell), cellNumber(facts.descriptionCell));
        const id = rowNumbers.pair(nameId, cellNumber(facts.targetCell));
        this.ids[at] = id;
        this.nameIds[at] = name === '' ? -1 : nameId;
        if (name !== '' && firstIndicator[id] === null) firstIndicator[id] = facts.indicator;
        at++;
      }
    }
    this.first[rows.length] = at;
    this.firstIndicator = firstIndicator;
    this.idCount = rowNumbers.size;
    // the runs count named rows only (an unnamed row's id has none)
    this.copies = new Runs(this.first, this.ids, this.nameIds, rowNumbers.size);
    this.holders = new Runs(this.first, this.nameIds, this.nameIds, nameNumbers.size);
  }

  /** Whether project p's row k has a name. */
  named(p: number, k: number): boolean {
    return this.nameIds[this.first[p]! + k]! >= 0;
  }

  /** The id of project p's row k. */
  id(p: number, k: number): number {
    return this.ids[this.first[p]! + k]!;
  }
}

/**
 * For each id, the projects (ascending, each once) whose named rows have it: the runs of one list, id by id (counted,
 * then filled: two passes over the rows, two lists of numbers).
 */
class Runs {
  /** Id i's projects are projects[start[i]] … projects[start[i + 1] - 1]. */
  private readonly start: number[];
  private readonly projects: number[];

  /** `keyOf[row]`: each row's id; `nameIds[row]` < 0 marks an unnamed row, which is left out. */
  constructor(first: readonly number[], keyOf: readonly number[], nameIds: readonly number[], ids: number) {
    const projectCount = first.length - 1;
    const start = numbers(ids + 1, 0);
    const last = numbers(ids, -1); // the last project counted for each id
    for (let p = 0; p < projectCount; p++) {
      for (let r = first[p]!; r < first[p + 1]!; r++) {
        if (nameIds[r]! < 0 || last[keyOf[r]!] === p) continue;
        last[keyOf[r]!] = p;
        start[keyOf[r]! + 1]!++;
      }
    }
    for (let i = 0; i < ids; i++) start[i + 1]! += start[i]!;
    const projects = numbers(start[ids]!, 0);
    const filled = start.slice(0, ids); // where the next project of each id goes
    last.fill(-1);
    for (let p = 0; p < projectCount; p++) {
      for (let r = first[p]!; r < first[p + 1]!; r++) {
        if (nameIds[r]! < 0 || last[keyOf[r]!] === p) continue;
        last[keyOf[r]!] = p;
        projects[filled[keyOf[r]!]!++] = p;
      }
    }
    this.start = start;
    this.projects = projects;
  }

  /** How many projects id i appears in. */
  count(i: number): number {
    return this.start[i + 1]! - this.start[i]!;
  }

  /** Id i's projects, ascending (a new list: read where a finding is made). */
  list(i: number): number[] {
    return this.projects.slice(this.start[i]!, this.start[i + 1]!);
  }

  /** The first of id i's projects that passes `test`, else undefined. */
  find(i: number, test: (project: number) => boolean): number | undefined {
    for (let j = this.start[i]!; j < this.start[i + 1]!; j++) if (test(this.projects[j]!)) return this.projects[j]!;
    return undefined;
  }
}

/**
 * A list of `n` numbers, each `value`: a plain list of small numbers (a typed array, an array buffer and its view made
 * for each of the eight lists of every review, cost more to make than the reads of them saved: issue 55).
 */
function numbers(n: number, value: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(value);
  return out;
}

const rowIndex = perReview(({ rows }: ReviewContext) => new RowIndex(rows));

/** Table numbers of projects as "表2、3、5", grouped by part. */
function tableList(projects: Project[], indexes: number[]): string {
  const byPart = new Map<string, number[]>();
  for (const i of indexes) {
    const p = projects[i]!;
    const label = p.part === 'public' ? '第三部分表' : '表';
    byPart.set(label, [...(byPart.get(label) ?? []), p.sequence]);
  }
  return [...byPart].map(([label, seqs]) => `${label}${seqs.join('、')}`).join('；');
}

const boilerplate: DocumentRule = {
  id: 'duplicate.boilerplate-row',
  category: 'duplicate',
  severity: 'warning',
  criterion: '相关性',
  scope: 'document',
  title: '指标行在多个项目间照抄',
  description:
    '同一行指标（名称、描述、指标值都相同）原样出现在本部门的许多项目中（不少于设定的项目数和项目占比），' +
    '说明指标是套用的模板，没有针对各项目的具体产出和效果设定，无法衡量各项目的目标。每个照抄的行只报告一次（列出涉及的项目），' +
    '不逐个项目重复报告。满意度指标行各项目相同较常见，报为提示（info），其他报为警告。',
  examples: {
    triggers: {
      description: '同一张指标表原样出现在6个项目中（每行报告一次）',
      patch: { copies: 5 },
    },
    passes: {
      description: '同一张指标表出现在4个项目中（少于5个）',
      patch: { copies: 3 },
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const { minProjects, minShare, infoLevel1 } = config.boilerplate;
    const total = doc.projects.length;
    const hits: RuleHit[] = [];
    const index = rowIndex(ctx);
    for (let id = 0; id < index.idCount; id++) {
      const indicator = index.firstIndicator[id]!;
      if (indicator === null) continue; // an unnamed row's id
      const n = index.copies.count(id);
      if (n < minProjects || n / total < minShare) continue;
      const projects = index.copies.list(id);
      const desc = indicator.description && norm(indicator.description) !== norm(indicator.name) ? `、描述“${quote(indicator.description)}”` : '';
      const names = projects.slice(0, 3).map((i) => `“${doc.projects[i]!.name}”`).join('、');
      hits.push({
        field: 'indicatorName',
        source: indicator.sources.name ?? indicator.source,
        projectIndex: null,
        severity: indicator.level1 !== null && infoLevel1.includes(indicator.level1) ? 'info' : undefined,
        message:
          `指标“${quote(indicator.name)}”（${indicator.level1 ?? indicator.level1Raw}${desc}、指标值“${indicator.target.raw}”）` +
          `原样出现在${total}个项目中的${n}个：${tableList(doc.projects, projects)}（${names}${n > 3 ? '等' : ''}）`,
        suggestion: '按各项目的具体产出、效果和服务对象分别设定指标：名称和描述写明本项目做什么、对谁，指标值按本项目的计划测算。',
      });
    }
    return hits;
  },
};

const templateTable: DocumentRule = {
  id: 'duplicate.template-table',
  category: 'duplicate',
  severity: 'warning',
  criterion: '相关性',
  scope: 'document',
  title: '指标表由照抄的模板行组成',
  description:
    '一个项目的指标表大部分（默认不少于三分之二，且至少两行）是本部门许多项目（默认不少于5个）原样重复的行（名称、描述、指标值都相同），' +
    '说明这张表是套用的模板，没有针对本项目设定目标。每个项目报告一次，列出照抄的行；照抄模板的表评分上限为“中”。单独一行的照抄见 duplicate.boilerplate-row。',
  examples: {
    triggers: {
      description: '同一张指标表原样出现在6个项目中（每个项目报告一次）',
      patch: { copies: 5 },
    },
    passes: {
      description: '同一张指标表出现在4个项目中（少于5个）',
      patch: { copies: 3 },
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const { minProjects, minShareOfRows } = config.templateTable;
    const index = rowIndex(ctx);
    const copiesOf = (p: number, k: number) => index.copies.count(index.id(p, k));
    const hits: RuleHit[] = [];
    for (let p = 0; p < doc.projects.length; p++) {
      const project = doc.projects[p]!;
      const rows = project.indicators;
      // counted first: most tables are not templates, and are answered without a list (issue 18)
      let count = 0;
      for (let k = 0; k < rows.length; k++) if (index.named(p, k) && copiesOf(p, k) >= minProjects) count++;
      if (count < 2 || count < rows.length * minShareOfRows) continue;
      const copiedAt: number[] = [];
      for (let k = 0; k < rows.length; k++) if (index.named(p, k) && copiesOf(p, k) >= minProjects) copiedAt.push(k);
      const copied = copiedAt.map((k) => rows[k]!);
      const most = Math.max(...copiedAt.map((k) => copiesOf(p, k)));
      hits.push({
        field: 'indicators',
        source: copied[0]!.source,
        projectIndex: p,
        message:
          `${projectCalled(project)}的${rows.length}行指标中有${copied.length}行是本部门多个项目（最多${most}个）原样重复的模板行：` +
          copied.slice(0, 4).map((i) => `“${quote(i.name)}”“${i.target.raw}”`).join('、') + (copied.length > 4 ? '等' : ''),
        suggestion: '按本项目的资金用途和绩效目标重新设定指标：数量写明做多少（带单位），质量、时效、成本各有可核对的目标，效益写明对谁产生什么效果。',
      });
    }
    return hits;
  },
};

const MAX_COPIES_COMPARED = 10;

/**
 * A row's compact name and description as one text, once per pair (a copied row is compared in each project that has
 * it): compact works cell by cell (width, whitespace), so the two compact cells make the compact text.
 */
const compactText = perPair((compactName, compactDescription) => compactName + compactDescription);

/**
 * Whether `text` contains any two-character piece of `name` (a project's own name: the row speaks of it). Compared
 * code unit by code unit, without cutting each piece out as a string (issue 18).
 */
function sharesPiece(name: string, text: string): boolean {
  for (let k = 0; k + 1 < name.length; k++) {
    const first = name.charCodeAt(k);
    const second = name.charCodeAt(k + 1);
    for (let j = 0; j + 1 < text.length; j++) if (text.charCodeAt(j) === first && text.charCodeAt(j + 1) === second) return true;
  }
  return false;
}


const copiedFromOther: DocumentRule = {
  id: 'duplicate.copied-from-other-project',
  category: 'duplicate',
  severity: 'warning',
  criterion: '相关性',
  scope: 'document',
  title: '指标照抄自另一个项目',
  description:
    '一行指标（名称、描述相同）同时出现在另一个项目中，其文字写的是那个项目的内容（含有那个项目的名称，如“社区服务”），而与本项目的名称毫不相干：' +
    '这行指标是从别的项目复制过来的，衡量的不是本项目。只比较在少数项目（至多10个）中出现的行，更常见的是模板行（duplicate.boilerplate-row）；项目名称去掉“经费”“项目”等后缀后不少于4个字才比较。',
  examples: {
    triggers: {
      description: '项目“老年食堂补贴”的指标与“社区服务项目”相同，写着“全年开展社区服务活动的场次”',
      patch: { copies: 1, copyNames: ['老年食堂补贴'] },
    },
    passes: {
      description: '项目“社区服务中心运营”的指标与“社区服务项目”相同（都是社区服务的内容）',
      patch: { copies: 1, copyNames: ['社区服务中心运营'] },
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const names = doc.projects.map((p) => matchName(p.name, config));
    const index = rowIndex(ctx);
    const hits: RuleHit[] = [];
    // plain loops, no closure per project or row (issue 18)
    for (let a = 0; a < doc.projects.length; a++) {
      const project = doc.projects[a]!;
      for (let i = 0; i < project.indicators.length; i++) {
        const nameId = index.nameIds[index.first[a]! + i]!;
        const holders = nameId < 0 ? 0 : index.holders.count(nameId);
        if (holders < 2 || holders > MAX_COPIES_COMPARED) continue;
        const row = ctx.rows[a]![i]!;
        const text = compactText(row.compactName, row.compactDescription, config);
        if (sharesPiece(names[a]!, text)) continue;
        const from = index.holders.find(nameId, (b) => b !== a && names[b]!.length >= 4 && text.includes(names[b]!));
        if (from === undefined) continue;
        const indicator = project.indicators[i]!;
        hits.push({
          field: 'indicatorName',
          source: indicator.sources.name ?? indicator.source,
          projectIndex: a,
          indicatorIndex: i,
          message: `${projectCalled(project)}的指标“${quote(indicator.name)}”与${projectCalled(doc.projects[from]!)}的相同，写的是“${names[from]}”的内容`,
          suggestion: `按本项目（${project.name}）的产出和对象重写这行指标；若确是同一项工作，说明两个项目的分工。`,
        });
      }
    }
    return hits;
  },
};

const wanText = (fen: number) => `${formatWan(fen)}万元`;

const sameTableOtherBudget: DocumentRule = {
  id: 'duplicate.same-table-other-budget',
  category: 'duplicate',
  severity: 'warning',
  criterion: '适当性',
  scope: 'document',
  title: '预算相差悬殊的项目用同一张指标表',
  description:
    '几个项目的指标表除成本指标外完全相同（名称、描述、指标值），而最大的预算是最小的设定倍数（默认10倍）以上：同样的产出和效果配了相差悬殊的资金，' +
    '至少其中一些项目的目标与资金不匹配（适当性）。每组相同的表报告一次，列出各项目及其预算。',
  examples: {
    triggers: {
      description: '两个项目的指标表相同，预算分别为10.00万元和100.00万元',
      patch: { copies: 1, copyTotal: '100.00' },
    },
    passes: {
      description: '两个项目的指标表相同，预算分别为10.00万元和50.00万元（5倍）',
      patch: { copies: 1, copyTotal: '50.00' },
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    const index = rowIndex(ctx);
    const groups = new Map<string, number[]>();
    doc.projects.forEach((project, p) => {
      // the ids of the rows other than cost rows (a plain loop: no array per row)
      const rows: number[] = [];
      let unique = false; // a named row no other project has: no other table can be the same (its group would be of one)
      project.indicators.forEach((i, k) => {
        if (!(i.level2 !== null && config.costCategories.includes(i.level2)) && !(i.level1 !== null && config.costCategories.includes(i.level1))) {
          rows.push(index.id(p, k));
          if (index.named(p, k) && index.copies.count(index.id(p, k)) < 2) unique = true;
        }
      });
      if (unique || rows.length < 2 || project.budget.total === null || project.budget.total <= 0) return;
      const key = rows.sort((a, b) => a - b).join(',');
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(p);
    });
    const hits: RuleHit[] = [];
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const budgets = members.map((p) => doc.projects[p]!.budget.total!);
      const min = Math.min(...budgets);
      const max = Math.max(...budgets);
      if (max < min * config.sameTable.budgetRatio) continue;
      const listed = members.slice(0, 5).map((p) => `“${doc.projects[p]!.name}”（${wanText(doc.projects[p]!.budget.total!)}）`).join('、');
      hits.push({
        field: 'indicators',
        source: doc.projects[members[0]!]!.indicators[0]?.source ?? doc.projects[members[0]!]!.source,
        projectIndex: null,
        message: `${tableList(doc.projects, members)}的${members.length}个项目指标表除成本指标外完全相同，预算却从${wanText(min)}到${wanText(max)}（相差${Math.floor(max / min)}倍）：${listed}${members.length > 5 ? '等' : ''}`,
        suggestion: '按各项目的资金规模分别测算产出数量、质量和效果目标；预算大的项目应有相应更多或更高的目标。',
      });
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------------------------
// What a table says again instead of saying something (issue 73)
// ---------------------------------------------------------------------------------------------

/** Whether an amount is the budget, written to its last digit (≤800万元 for 800.00万元; 14.68 for 14.682: a rounding). */
function isTheBudget(amount: Fen, total: Fen): boolean {
  return Math.abs(amount - total) <= Math.max(total * 0.005, 0);
}

/**
 * Whether a cost row's name names only the whole cost (项目总成本, 成本控制, 控制在预算成本内, 支出金额不超过, the project's own name
 * and 总成本): config.costRestatement's words and the project's name taken out, nothing is left.
 */
const namesOnlyTheTotal = perPair((name: string, projectName: string, config: ReviewConfig): boolean => {
  let t = compact(name).replace(/[（(][^（）()]*[)）]/g, '').replace(/(?:19|20)\d{2}年度?/g, '');
  const own = compact(projectName).replace(/^(?:19|20)\d{2}年度?/, '');
  for (const piece of [own, own.replace(/^实施/, ''), ...ownPieces(own)]) if (piece.length >= 2) t = t.split(piece).join('');
  for (const w of config.costRestatement.words) t = t.split(w).join('');
  // what is left is words of the project's name (“购置” of 设备购置更新, “调查” of 1%人口抽样调查): the project's cost again
  return t === '' || (t.length >= 2 && own.includes(t));
});

/** A project's name less a last word of money (城乡医疗救助中央补助资金 → 城乡医疗救助中央补助, 城乡医疗救助): pieces a cost name may repeat. */
function ownPieces(own: string): string[] {
  const out: string[] = [];
  const bare = own.replace(/(?:专项资金|补助资金|资金|经费|费用|项目)$/, '');
  if (bare !== own) out.push(bare);
  const core = bare.replace(/(?:中央|省级|市级|县级|区级)?(?:补助|补贴)$/, '');
  if (core !== bare) out.push(core);
  return out;
}

const costRestatesBudget: ProjectRule = {
  id: 'duplicate.cost-restates-budget',
  category: 'duplicate',
  severity: 'warning',
  criterion: '适当性',
  scope: 'project',
  title: '成本指标只是重复预算数',
  description:
    '成本指标应说明钱花在哪里、单位成本多少（“单座桥梁检测费用 ≤1.5万元/座”“人均培训成本 ≤1500元”），审核据此判断预算是否合理。' +
    '表中唯一的成本信息是“项目总成本 ≤800万元”“成本控制 ≤预算数”这样一条与预算数相同的总额，名称也只说是总成本（去掉“项目”“总”“成本”“控制”“不超过”“预算”和项目名称后什么也不剩，或只剩项目名称中的词，如“设备购置更新”的“购置费用”）时，' +
    '它只重复了预算数，没有说明任何成本。表中另有单位成本或分项成本的不报告；成本指标名称写明花在什么上的（“志愿活动支出”）不报告。' +
    '不影响评级（预算数本身没有错），扣分同一般警告。',
  examples: {
    triggers: { description: '预算数 10.00 万元，唯一的成本指标“项目总成本”指标值“≤10万元”', patch: { indicators: [{ at: 3, name: '项目总成本', description: '项目总成本', target: '≤10万元' }] } },
    passes: { description: '成本指标“活动经费支出”指标值“≤10万元”（名称写明花在什么上）', patch: {} },
  },
  check(project, { config }) {
    const total = project.budget.total;
    if (total === null || total <= 0) return NO_HITS;
    let only: Indicator | null = null;
    for (const indicator of project.indicators) {
      if (!isCost(indicator, config)) continue;
      const amount = targetAmount(indicator);
      if (amount === null) {
        // a unit cost (万元/个, 元/人) or another money figure tells something of the cost: no restatement alone
        if (indicator.target.kind === 'quantitative' && indicator.target.unit !== null && unitFamily(indicator.target.unit, config) === 'money') return NO_HITS;
        continue;
      }
      if (!isTheBudget(amount, total) || only !== null) return NO_HITS;
      only = indicator;
    }
    if (only === null || !namesOnlyTheTotal(only.name, project.name, config)) return NO_HITS;
    return [
      {
        field: 'target',
        indicatorIndex: project.indicators.indexOf(only),
        source: only.sources.target ?? only.source,
        message: `成本指标“${only.name.trim()}”的指标值“${only.target.raw}”只是重复预算数${formatWan(total)}万元，没有说明成本构成或单位成本`,
        suggestion: '按预算测算写明主要成本：单位成本（如“≤2万元/个”“≤120元/人·天”）或主要分项的金额（如“设备购置费 ≤30万元”），与数量指标对应。',
      },
    ];
  },
};

/** Header words of a further column that explains each row (指标解释, 指标说明, 设定依据, 备注, 绩效标准). */
const EXPLAINING_COLUMN = /解释|说明|依据|描述|备注|标准/;
/** Header words of a column whose every row may say the same (a score rule, a weight): not an explanation. */
const SCORE_COLUMN = /分|权重|性质|方向|单位|类型/;

/**
 * The column whose every row says the same words, and those words: the description, the basis, or a further column
 * (指标解释, 备注 …); at least `minRows` rows. A basis that names a standard (计划标准) or an outcome (年底实际情况: missing.basis-is-outcome)
 * is not one, nor a column of scores.
 */
function sameWordsEveryRow(indicators: readonly Indicator[], config: ReviewConfig): { column: string; text: string } | null {
  if (indicators.length < config.sameWordsMinRows) return null;
  const first = indicators[0]!;
  const candidates: [column: string, read: (i: Indicator) => string | null][] = [
    ['绩效指标描述', (i) => i.description],
    ['指标值确定依据', (i) => i.basis],
    // a further column that explains the rows; not one without a header (a form's own label column: "绩效指标" down the table)
    ...first.extras.filter((e) => EXPLAINING_COLUMN.test(e.header) && !SCORE_COLUMN.test(e.header)).map((e): [string, (i: Indicator) => string | null] => [e.header, (i) => i.extras.find((x) => x.header === e.header)?.text ?? null]),
  ];
  for (const [column, read] of candidates) {
    const text = read(first);
    if (text === null) continue;
    const same = norm(text);
    if (same.length < 3 || isStandardBasis(same, config) || config.basisOutcomes.some((w) => same.includes(w))) continue;
    if (indicators.every((i) => norm(read(i)) === same)) return { column, text: text.trim() };
  }
  return null;
}

/** Whether a text names a basis standard (计划标准, 行业标准 …): a basis column that says 计划标准 on every row says something. */
function isStandardBasis(text: string, config: ReviewConfig): boolean {
  return Object.entries(config.basisStandards).some(([name, words]) => text === name || words.includes(text));
}

const sameWordsEveryRowRule: ProjectRule = {
  id: 'duplicate.same-words-every-row',
  category: 'duplicate',
  severity: 'warning',
  criterion: '相关性',
  scope: 'project',
  departmentTargets: true,
  title: '每行指标写着同一句话',
  description:
    '指标值确定依据、指标描述或指标解释一栏，表中每一行（至少4行）都写着同一句话（“该指标值数据合理”“详见实施方案”）：这一栏没有说明任何一个指标，' +
    '审核无法判断指标值从何而来。写的是依据的类别（“计划标准”“历史标准”）或由 missing.basis-is-outcome 报告的“年底实际情况”的不算；评分、权重一栏不检查。评分上限为“良”。',
  examples: {
    triggers: {
      description: '六行指标的指标值确定依据都是“该指标值数据合理”',
      patch: { indicators: Array.from({ length: 6 }, (_, at) => ({ at, basis: '该指标值数据合理' })) },
    },
    passes: { description: '六行指标的指标值确定依据都是“计划标准”（依据的类别）', patch: { indicators: Array.from({ length: 6 }, (_, at) => ({ at, basis: '计划标准' })) } },
  },
  check(project, { config }) {
    const found = sameWordsEveryRow(project.indicators, config);
    if (found === null) return NO_HITS;
    const first = project.indicators[0]!;
    return [
      {
        field: found.column === '绩效指标描述' ? 'description' : 'basis',
        source: first.sources[found.column === '绩效指标描述' ? 'description' : 'basis'] ?? first.source,
        message: `${projectCalled(project)}的${project.indicators.length}行指标，“${found.column}”一栏每行都写“${quote(found.text)}”，没有说明任何一个指标`,
        suggestion: `逐行写明${found.column === '绩效指标描述' ? '每个指标衡量什么' : '每个指标值的来源：计划、历史数据、行业或政策标准、预算测算（如“按2025年实际完成1.2万人次测算”）'}。`,
      },
    ];
  },
};

const annualTargetsCopyLongTerm: ProjectRule = {
  id: 'duplicate.annual-targets-copy-long-term',
  category: 'duplicate',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  title: '年度指标值照抄中长期指标值',
  description:
    '表中分列中期（中长期）指标和年度指标时，年度指标值应是本年度要完成的部分。每一行（至少3行）的年度指标值都与中期指标值相同，' +
    '且其中有数量、实物量或金额（比率、满意度各年相同是常态，只有这些时不报告）：年度目标照抄了多年的目标，或多年的目标就是一年的，年底无法按年度考核。评分上限为“良”。',
  examples: {
    triggers: {
      description: '中期与年度指标值完全相同（“≥12场”“≥95%”“2025年12月底前”“≤10万元”“≥600人次”“≥90%”）',
      patch: { project: { longTermTargets: ['≥12场', '≥95%', '2025年12月底前', '≤10万元', '≥600人次', '≥90%'] } },
    },
    passes: {
      description: '中期指标值是三年的（“≥36场”“≥1800人次”“≤30万元”），年度是一年的',
      patch: { project: { longTermTargets: ['≥36场', '≥95%', '2027年12月底前', '≤30万元', '≥1800人次', '≥90%'] } },
    },
  },
  check(project, { config }) {
    const long = project.longTermIndicators;
    const annual = project.indicators;
    if (long.length < 3 || annual.length < 3) return NO_HITS;
    let pairs = 0;
    let quantities = 0;
    for (let i = 0; i < annual.length; i++) {
      const a = annual[i]!;
      const l = long.find((x) => norm(x.name) === norm(a.name)) ?? (long.length === annual.length ? long[i]! : undefined);
      if (l === undefined || norm(l.target.raw) === '' || norm(l.target.raw) !== norm(a.target.raw)) return NO_HITS;
      pairs++;
      const family = a.target.kind === 'quantitative' ? unitFamily(a.target.unit, config) : null;
      if (family === 'count' || family === 'measure' || family === 'money') quantities++;
    }
    if (pairs < 3 || quantities === 0) return NO_HITS;
    const example = annual.find((a) => a.target.kind === 'quantitative' && ['count', 'measure', 'money'].includes(unitFamily(a.target.unit, config) ?? ''))!;
    return [
      {
        field: 'indicators',
        source: annual[0]!.source,
        message: `${projectCalled(project)}的${pairs}行年度指标值与中期指标值完全相同（如“${example.name.trim()} ${example.target.raw}”），没有写明本年度要完成的部分`,
        suggestion: `按本年度预算和实施计划分解年度指标值：中期“${example.target.raw}”中本年度完成多少（如三年的一年写三分之一），与年度目标对应。`,
      },
    ];
  },
};

export const DUPLICATE_RULES: Rule[] = [
  repeatedInProject,
  boilerplate,
  templateTable,
  sameTableOtherBudget,
  copiedFromOther,
  costRestatesBudget,
  sameWordsEveryRowRule,
  annualTargetsCopyLongTerm,
];
