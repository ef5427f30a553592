/**
 * duplicate — the same indicator repeated inside a project, or boilerplate rows pasted across the
 * projects of one department (相关性: indicators that are not the project's own do not measure it).
 */
import type { Indicator, Project } from '../../domain/model';
import { formatWan } from '../../domain/money';
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

export const DUPLICATE_RULES: Rule[] = [repeatedInProject, boilerplate, templateTable, sameTableOtherBudget, copiedFromOther];
