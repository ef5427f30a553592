/**
 * The goals (绩效目标) as a reviewer reads them first (issue 30 §3): a goal must say what the year's money buys.
 *
 * - duplicate.annual-goal-copies-long-term: the annual goal is (nearly) the long-term goal.
 * - vague.goal-without-result: a goal that is only "保障工作正常开展" and the like; the same one pasted into many
 *   projects is one document finding instead (duplicate.copied-goal-without-result).
 * - missing.goal-not-measured: a goal's quantity ("完成征地200亩") that no indicator of the project speaks of.
 * - vague.goals-without-number: a large project whose goals have no number at all.
 *
 * Template text left in the goals is missing.template-text's (a goal with a template phrase is left to it here).
 * Every reading of a goal is made once per distinct text (memo.ts); the rules run per project, never per row.
 */
import type { Indicator, Project } from '../../domain/model';
import { formOf } from '../../domain/form-profile';
import { formatWan } from '../../domain/money';
import { toHalfWidth } from '../../domain/text';
import type { ReviewConfig } from '../config';
import { perConfig, perReview, perString, perText, sharedText } from '../memo';
import { projectCalled, templatePhraseOf } from '../readings';
import { isDepartmentTargets, NO_HITS, type DocumentRule, type ProjectRule, type ReviewContext, type Rule, type RuleHit } from '../types';
import { unitFamily } from '../units';

// ---------------------------------------------------------------------------------------------
// Reading a goal
// ---------------------------------------------------------------------------------------------

const quote = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** A goal as quoted in a message: as written, on one line, cut at `max` characters. */
const shown = (goal: string, max = 40) => quote(goal.replace(/\s+/g, ' ').trim(), max);

/** Numbering left at the start of a goal ("1.", "（一）", "目标1：", "一是"). */
const NUMBERING = /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）](?!\d)|[①-⑳]|目标\d+[:：]?|[一二三四五六七八九十]是)/;

/** A goal as compared: half width, no white space, no numbering, no edge punctuation. */
function cleanGoal(goal: string, _config: ReviewConfig): string {
  return toHalfWidth(goal)
    .replace(/\s+/g, '')
    .replace(NUMBERING, '')
    .replace(/^[,，、;；:：。.!！?？]+|[,，、;；:：。.!！?？]+$/g, '');
}


/** Years and year ranges ("2025年", "2025-2027年", "2025年度"): a date, not a quantity. */
const YEARS = /(?:19|20)\d{2}(?:[-—–~至到](?:19|20)?\d{2})?年度?/g;

/**
 * Whether a clause only says that work goes on: "[lead] [generic object] [adverb] verb" ("保障单位正常运转",
 * "确保各项工作顺利进行", "推动工作开展"). Without an adverb, a lead and a generic object are needed. Or only that a
 * generic level improves: "提升服务水平", "进一步提高工作效率" (config.goals.noResult.improve, generalLevels).
 */
function isFillerClause(clause: string, config: ReviewConfig): boolean {
  const { leads, adverbs, verbs, genericHeads, improve, generalLevels } = config.goals.noResult;
  let s = clause.replace(/^(?:为了|为|以)/, '');
  // "提升服务水平", "进一步提高工作效率": a generic level improved, with no object and no measure
  const general = s.replace(/^(?:进一步|不断|切实|全面|持续)/, '');
  const up = improve.find((v) => general.startsWith(v));
  if (up !== undefined && generalLevels.includes(general.slice(up.length).replace(/^(?:整体|各项|全面)/, ''))) return true;
  if (config.goals.noResult.duties.some((d) => s.startsWith(d))) return true;
  const lead = leads.find((l) => s.startsWith(l));
  if (lead !== undefined) s = s.slice(lead.length);
  s = s.replace(/到位$/, '');
  const verb = verbs.find((v) => s.endsWith(v));
  if (verb === undefined) return false;
  s = s.slice(0, -verb.length);
  const adverb = adverbs.find((a) => s.endsWith(a));
  if (adverb !== undefined) s = s.slice(0, -adverb.length);
  s = s.replace(/的$/, '');
  if (s.length > 20) return false;
  const generic = s !== '' && genericHeads.some((h) => s.endsWith(h));
  return adverb !== undefined ? s === '' || generic : lead !== undefined && generic;
}

/**
 * Whether a goal states no result: it has no number, and each of its clauses only says that work goes on
 * (isFillerClause) or by what means ("通过发放经费"), at least one the former. "通过发放经费，保障单位正常运转" states
 * none; "保证队员的生活开销，确保工作队工作有序开展" states one (the first clause), and is left alone.
 */
export function statesNoResult(goal: string, config: ReviewConfig): boolean {
  const t = cleanGoal(goal, config);
  if (t === '' || /\d/.test(t) || templatePhraseOf(goal, config) !== null) return false;
  let filler = 0;
  for (const clause of t.split(/[,，;；。!！?？]+/)) {
    if (clause === '') continue;
    if (isFillerClause(clause, config)) filler++;
    else if (!config.goals.noResult.means.some((m) => clause.startsWith(m))) return false;
  }
  return filler > 0;
}

/** Chinese numerals before a unit ("三场", "两个"): a number written in words. Built once per settings. */
const chineseQuantity = perConfig((config) => {
  const units = [...config.unitFamilies.count, ...config.unitFamilies.measure, ...config.unitFamilies.percent, ...config.unitFamilies.money]
    .sort((a, b) => b.length - a.length)
    .map(escape);
  return new RegExp(`[一二两三四五六七八九十百千万]+(?:${units.join('|')})|百分之`);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Whether a goal has a number other than a year (digits, or a Chinese numeral before a unit). */
function hasNumber(goal: string, config: ReviewConfig): boolean {
  const t = toHalfWidth(goal).replace(YEARS, '');
  return /\d/.test(t) || chineseQuantity(config).test(t);
}

/** A goal's clauses: half width, white space and numbering removed, split at punctuation and at the numbers of its items. */
function clausesOf(goal: string): string[] {
  return toHalfWidth(goal)
    .replace(/\s+/g, '')
    .replace(/(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）](?!\d)|[①-⑳]|目标\d+[:：]?)/g, '；')
    .split(/[,，;；。!！?？:：]+/)
    .filter((c) => c !== '');
}

/** How a goal reads as a statement of duties: its clauses, those that begin with a duty verb, and whether one says "履行…职责". */
interface DutyReading {
  clauses: number;
  duty: number;
  /** A clause "履行…职责", "承担…职能" (config.goals.duties.leads … words). */
  stated: boolean;
}

function dutiesIn(goal: string, config: ReviewConfig): DutyReading {
  const { verbs, leads, words } = config.goals.duties;
  const clauses = clausesOf(goal);
  let duty = 0;
  let stated = false;
  for (const clause of clauses) {
    if (verbs.some((v) => clause.startsWith(v))) duty++;
    for (const lead of leads) {
      const at = clause.indexOf(lead);
      if (at < 0) continue;
      const rest = clause.slice(at + lead.length, at + lead.length + 22);
      if (words.some((w) => rest.includes(w))) stated = true;
    }
  }
  return { clauses: clauses.length, duty, stated };
}

/** The numbers of a goal's items ("1.", "2、", "（3）") taken out: they number the goals, they are no figure of them. */
const ITEM_NUMBERS = /(?:^|(?<=[；;。，,\s]))(?:\d+[、.．)）](?!\d)|[（(]\d+[)）])/g;

/** Whether a goal has a figure (hasNumber), the numbers of its items not counted. */
function hasFigure(goal: string, config: ReviewConfig): boolean {
  return hasNumber(toHalfWidth(goal).replace(ITEM_NUMBERS, ''), config);
}

/** Whether a project's goals, none with a figure, restate the unit's duties (vague.goal-restates-duties). */
function restatesDuties(goals: readonly GoalText[], config: ReviewConfig): boolean {
  let clauses = 0;
  let duty = 0;
  for (const g of goals) {
    if (g.blank) continue;
    if (g.figure || g.template) return false;
    const d = g.duties;
    if (d.stated) return true;
    clauses += d.clauses;
    duty += d.duty;
  }
  return duty >= 2 && duty >= clauses * config.goals.duties.minShare;
}

/** A verb of work done followed by 了 ("完成了", "得到了"), never 为了; built once per settings. */
const doneWithLe = perConfig((config) => new RegExp(`(?:${config.goals.pastSummary.done.map(escape).join('|')})了`, 'g'));

/**
 * Whether a goal with no number reads as a report of work done (config.goals.pastSummary): "圆满完成了年度低保资金发放工作，
 * 困难群众基本生活得到了有效保障" or "我中心已按时足额发放特困人员基本生活费", not "确保按时足额发放" (an aim).
 */
export function statesPastSummary(goal: string, config: ReviewConfig): boolean {
  if (hasFigure(goal, config)) return false;
  const t = toHalfWidth(goal).replace(/\s+/g, '').replace(NUMBERING, '');
  const { firstPerson, aims } = config.goals.pastSummary;
  if (aims.some((a) => t.startsWith(a))) return false;
  const marks = (t.match(doneWithLe(config)) ?? []).length + (t.match(/已(?:经)?(?=[\p{Script=Han}])/gu) ?? []).length;
  if (marks >= 2) return true;
  return marks >= 1 && (t.includes('圆满完成') || firstPerson.some((w) => t.includes(w)));
}

/**
 * What the goal rules read of one goal, each reading made on first use and kept, once per distinct text (a
 * department's goals repeat: one lookup per goal and rule, then fields).
 */
class GoalText {
  private _clean: string | null = null;
  private _shown: string | null = null;
  private _template: boolean | null = null;
  private _number: boolean | null = null;
  private _figure: boolean | null = null;
  private _noResult: boolean | null = null;
  private _quantities: GoalQuantity[] | null = null;
  private _duties: DutyReading | null = null;
  private _past: boolean | null = null;

  constructor(
    readonly text: string,
    private readonly config: ReviewConfig,
  ) {}

  /** Blank (only white space). */
  get blank(): boolean {
    return this.clean === '' && this.text.trim() === '';
  }

  /** cleanGoal: half width, no white space, numbering or edge punctuation. */
  get clean(): string {
    return (this._clean ??= cleanGoal(this.text, this.config));
  }

  /** As quoted in a message (40 characters at most). */
  get shown(): string {
    return (this._shown ??= shown(this.text));
  }

  /** Whether it holds a template phrase (missing.template-text's). */
  get template(): boolean {
    return (this._template ??= templatePhraseOf(this.text, this.config) !== null);
  }

  /** Whether it has a number other than a year. */
  get number(): boolean {
    return (this._number ??= hasNumber(this.text, this.config));
  }

  /** Whether it has a figure: a number other than a year or the number of an item (hasFigure). */
  get figure(): boolean {
    return (this._figure ??= hasFigure(this.text, this.config));
  }

  /** statesNoResult. */
  get noResult(): boolean {
    return (this._noResult ??= statesNoResult(this.text, this.config));
  }

  /** Its counts and measures (goalQuantities). */
  get quantities(): GoalQuantity[] {
    return (this._quantities ??= goalQuantities(this.text, this.config));
  }

  /** Its clauses and how many restate a duty (dutiesIn). */
  get duties(): DutyReading {
    return (this._duties ??= dutiesIn(this.text, this.config));
  }

  /** Whether it reads as a report of work done (statesPastSummary). */
  get pastSummary(): boolean {
    return (this._past ??= statesPastSummary(this.text, this.config));
  }
}

/** A goal's readings, once per distinct text and settings (bounded: memo.ts). */
const goalText = perText((text, config) => new GoalText(text, config));

/**
 * A project's goals' readings, in order, once per review: the goal rules each read every goal of every project, and a
 * lookup by text per goal and rule cost more than the readings (issue 55).
 */
function goalTextsOf(project: Project, ctx: ReviewContext): readonly GoalText[] {
  const byProject = goalTextsRead(ctx);
  let out = byProject.get(project);
  if (out === undefined) byProject.set(project, (out = project.goals.map((g) => goalText(g, ctx.config))));
  return out;
}

const goalTextsRead = perReview(() => new Map<Project, readonly GoalText[]>());

// ---------------------------------------------------------------------------------------------
// duplicate.annual-goal-copies-long-term
// ---------------------------------------------------------------------------------------------

/** Goals as compared with each other: numbering, years, period words and punctuation removed; the other numbers apart. */
function comparable(goals: readonly string[], config: ReviewConfig): { text: string; numbers: string } {
  let t = goals.map((g) => goalText(g, config).clean).join('');
  t = t.replace(YEARS, '');
  for (const w of config.goals.periodWords) t = t.split(w).join('');
  const numbers = (t.match(/\d+(?:\.\d+)?/g) ?? []).map(Number).sort((a, b) => a - b).join(',');
  return { text: t.replace(/[^\p{Script=Han}A-Za-z0-9%]/gu, ''), numbers };
}

/** The Dice coefficient of the two texts' character pairs (as multisets): 1 for the same text, 0 for nothing shared. */
export function pairSimilarity(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i++) {
    const p = a.slice(i, i + 2);
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const p = b.slice(i, i + 2);
    const n = counts.get(p) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(p, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** A form's label for a field as people read it: its bracketed note ("（2025—2027年）") and a colon removed; `fallback` when the form has none. */
export function fieldName(label: string | undefined, fallback: string): string {
  const name = label?.replace(/[（(][^）)]*[）)]|[:：\s]/g, '') ?? '';
  return name === '' ? fallback : name;
}

const annualCopiesLongTerm: ProjectRule = {
  id: 'duplicate.annual-goal-copies-long-term',
  category: 'duplicate',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  departmentTargets: true,
  title: '年度目标照抄中长期目标',
  description:
    '表中分列中长期（总体）目标和年度目标时，年度目标应写明本年度完成中长期目标中的哪一部分、做到多少。两者相同或几乎相同，等于没有年度目标，' +
    '年底无法按年度考核。比较时去掉编号、年份（“2025年”“2025-2027年”）、“本年度”“项目期内”等期间词和标点；两者文字相同，' +
    '或字符二元组的 Dice 相似度不低于 0.85（可设置：只多“进一步”几个字、分句调换顺序的约为 0.95，写明“第一阶段任务”“一期建设”的约为 0.7–0.8，不报告）即报告。' +
    '两者写了不同的数量（中长期“征地600亩”、年度“征地200亩”）是分年度的目标，不报告。部门整体支出绩效目标表的年度目标与其中期目标（同表的“中期目标”栏）同样比较。',
  examples: {
    triggers: {
      description: '中长期目标“2025-2027年建成社区服务中心3个，居民满意度达到90%以上”，年度目标“2025年建成社区服务中心3个，居民满意度达到90%以上”',
      patch: {
        project: {
          longTermGoals: ['2025-2027年建成社区服务中心3个，居民满意度达到90%以上'],
          goals: ['2025年建成社区服务中心3个，居民满意度达到90%以上'],
        },
      },
    },
    passes: {
      description: '中长期目标“2025-2027年建成社区服务中心3个”，年度目标“2025年完成1个社区服务中心主体建设，开展社区服务活动12场”',
      patch: {
        project: {
          longTermGoals: ['2025-2027年建成社区服务中心3个，居民满意度达到90%以上'],
          goals: ['2025年完成1个社区服务中心主体建设，开展社区服务活动12场', '居民满意度达到90%以上'],
        },
      },
    },
  },
  check(project, { config }) {
    if (project.longTermGoals.length === 0 || project.goals.length === 0) return NO_HITS;
    const annual = comparable(project.goals, config);
    const longTerm = comparable(project.longTermGoals, config);
    if (annual.text.length < 6 || longTerm.text.length < 6 || annual.numbers !== longTerm.numbers) return NO_HITS;
    const same = annual.text === longTerm.text;
    const similarity = same ? 1 : pairSimilarity(annual.text, longTerm.text);
    if (similarity < config.goals.longTermSimilarity) return NO_HITS;
    const annualText = shown(project.goals.join('；'), 60);
    const longTermText = shown(project.longTermGoals.join('；'), 60);
    // the overall goal by the form's own name for it (中长期目标, 实施期目标, 项目总目标 …)
    const longTermName = fieldName(formOf(project).fields.longTermGoals, '中长期目标');
    // a department's whole-budget table: its 年度目标 against its 中期目标
    const annualName = isDepartmentTargets(project) ? '年度目标' : '年度绩效目标';
    const whose = isDepartmentTargets(project) ? '' : `${projectCalled(project)}的`;
    return [
      {
        field: 'goals',
        source: project.sources.goals ?? project.source,
        message: same
          ? `${whose}${annualName}与${longTermName}相同（“${annualText}”），没有写明本年度要完成的部分`
          : `${whose}${annualName}“${annualText}”与${longTermName}“${longTermText}”基本相同（相似度${Math.round(similarity * 100)}%），没有写明本年度要完成的部分`,
        suggestion: `按本年度预算和实施计划单独写年度目标：本年度完成中长期目标中的哪些任务、各做到多少（如中长期“三年建成3个”，年度写“${project.year ?? '本'}年建成1个”），与年度指标一一对应。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// vague.goal-without-result and duplicate.copied-goal-without-result
// ---------------------------------------------------------------------------------------------

/** The document's no-result goals (cleaned) and the projects that have each, in document order: once per review. */
const noResultGoalsOf = perReview((ctx: ReviewContext): Map<string, number[]> => {
  const { doc } = ctx;
  const found = new Map<string, number[]>();
  for (let p = 0; p < doc.projects.length; p++) {
    for (const g of goalTextsOf(doc.projects[p]!, ctx)) {
      if (!g.noResult) continue;
      const key = g.clean;
      const projects = found.get(key);
      if (projects === undefined) found.set(key, [p]);
      else if (projects[projects.length - 1] !== p) projects.push(p);
    }
  }
  return found;
});

/** An output indicator with a count or measure to quote in a suggestion ("社区居委会干部补贴发放人数≥120人"); null when none. */
function quantityExample(project: Project, config: ReviewConfig): string | null {
  for (const i of project.indicators) {
    if (i.target.kind !== 'quantitative' || i.target.unit === null || !i.name) continue;
    const family = unitFamily(i.target.unit, config);
    if (family === 'count' || family === 'measure') return `${i.name}${i.target.raw}`;
  }
  return null;
}

const NO_RESULT_SUGGESTION = '写明本年度要完成的具体任务和预期效果：做什么、为谁、做多少、何时完成';

const goalWithoutResult: ProjectRule = {
  id: 'vague.goal-without-result',
  category: 'vague',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  title: '绩效目标没有写明结果',
  description:
    '绩效目标应写明资金投入后要完成什么、达到什么效果。只有“保障工作正常开展”“确保单位正常运转”“保障各项工作顺利进行”“推动工作开展”这类说法的目标' +
    '（每个分句都只是“保障/确保/推动……（工作、单位、业务等）正常/顺利/有序开展（运转、进行）”或“通过……”，且没有数字）没有任何可核对的结果。' +
    '项目的目标全是这类说法时为警告；只有其中一条是时为提示。同一条这样的目标照抄在本文档3个及以上项目中时，不逐项报告，' +
    '而由 duplicate.copied-goal-without-result 合并为一条。“确保工资管理信息系统正常运转”（有具体对象）、“保证队员生活开销，确保工作有序开展”（有一个分句写了结果）不报告。',
  examples: {
    triggers: { description: '绩效目标只有一条“保障社区居委会工作正常开展”', patch: { project: { goals: ['保障社区居委会工作正常开展'] } } },
    passes: {
      description: '绩效目标“确保社区服务中心信息系统全年正常运行”“全年开展社区服务活动12场”',
      patch: { project: { goals: ['确保社区服务中心信息系统全年正常运行', '全年开展社区服务活动12场'] } },
    },
  },
  check(project, ctx) {
    const { config } = ctx;
    // most goals state something: no index looked up for a project none of whose goals is a no-result goal
    let own: GoalText[] | null = null;
    let counted = 0;
    let blank = 0;
    for (const goal of goalTextsOf(project, ctx)) {
      if (!goal.noResult) {
        if (goal.blank) blank++;
        continue;
      }
      counted++;
      const copies = noResultGoalsOf(ctx).get(goal.clean)?.length ?? 0;
      if (copies < config.goals.copiedMinProjects) (own ??= []).push(goal);
    }
    if (own === null) return NO_HITS;
    const all = counted === project.goals.length - blank;
    const listed = own.map((g) => `“${g.shown}”`).join('、');
    const example = quantityExample(project, config);
    return [
      {
        field: 'goals',
        source: project.sources.goals ?? project.source,
        severity: all ? 'warning' : 'info',
        message: goalWithoutResultWords(
          all
            ? `${projectCalled(project)}的绩效目标${listed}只说明工作正常开展，没有写明要完成什么、达到什么效果`
            : `${projectCalled(project)}的绩效目标${listed}只说明工作正常开展，没有写明结果`,
        ),
        suggestion: goalWithoutResultWords(`${NO_RESULT_SUGGESTION}${example === null ? '' : `，可把指标中的产出写进目标（如“${example}”）`}；删去只说“正常开展”“正常运转”的话。`),
      },
    ];
  },
};

/** The rule's words, one string per distinct text: the same projects have the same goals year after year. */
const goalWithoutResultWords = sharedText();

const copiedGoalWithoutResult: DocumentRule = {
  id: 'duplicate.copied-goal-without-result',
  category: 'duplicate',
  severity: 'warning',
  criterion: '完整性',
  scope: 'document',
  title: '多个项目照抄同一条没有结果的目标',
  description:
    '同一条只说“保障工作正常开展”“确保单位正常运转”之类、没有写明结果的绩效目标（见 vague.goal-without-result），照抄在本文档3个及以上项目中（可设置）：' +
    '各项目没有写出自己的目标。合并为一条文档级问题，列出这些项目，不再逐项目报告。',
  examples: {
    triggers: {
      description: '三个项目的绩效目标都是“确保单位正常运转”',
      patch: { project: { goals: ['确保单位正常运转'] }, copies: 2, copyNames: ['办公设备购置', '物业管理服务'] },
    },
    passes: {
      description: '三个项目的绩效目标都是“全年开展社区服务活动12场”（写明了结果，照抄另由其他规则判断）',
      patch: { copies: 2, copyNames: ['办公设备购置', '物业管理服务'] },
    },
  },
  check(ctx) {
    const { doc, config } = ctx;
    let hits: RuleHit[] | null = null;
    // goals copied into the same projects together ("保障工作正常开展。" and "确保各项任务圆满完成。") are one copy
    const byProjects = new Map<string, { projects: number[]; goals: string[] }>();
    for (const [goal, projects] of noResultGoalsOf(ctx)) {
      if (projects.length < config.goals.copiedMinProjects) continue;
      const key = projects.join(',');
      const group = byProjects.get(key);
      if (group === undefined) byProjects.set(key, { projects, goals: [goal] });
      else group.goals.push(goal);
    }
    for (const { projects, goals } of byProjects.values()) {
      const first = doc.projects[projects[0]!]!;
      const written = goals.map((goal) => first.goals.find((g) => goalText(g, config).clean === goal) ?? goal).join('”“');
      const names = [...new Set(projects.map((p) => doc.projects[p]!.name))].slice(0, 8).map((n) => `“${n}”`).join('、');
      (hits ??= []).push({
        field: 'goals',
        source: first.sources.goals ?? first.source,
        projects: [...new Set(projects)],
        message: `${projects.length}个项目的绩效目标都写作“${shown(written)}”，没有写明各自要完成什么：${names}${projects.length > 8 ? '等' : ''}`,
        suggestion: `逐个项目改写绩效目标，${NO_RESULT_SUGGESTION}（如“全年为N名人员按月足额发放补贴”“完成N项设备购置并于N月底前投入使用”）。`,
      });
    }
    return hits ?? NO_HITS;
  },
};

// ---------------------------------------------------------------------------------------------
// missing.goal-not-measured
// ---------------------------------------------------------------------------------------------

/** A count or measure in a goal, the words of its clause that say what it counts, and the clause. */
interface GoalQuantity {
  value: string;
  unit: string;
  clause: string;
  /** The clause's words with the number, leads, verbs and common words taken out ("征地"); '' when none are left. */
  object: string;
  /** Two-character pieces of `object`'s words. */
  pieces: string[];
  /** The unit in brackets, as an indicator's name or description may give it ("（亩）", "(亩)"). */
  brackets: [string, string];
}

/** A number followed by a count or measure unit, longest unit first (built once per settings). */
const quantityPattern = perConfig((config) => {
  const units = [...config.unitFamilies.count, ...config.unitFamilies.measure].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`(?<![\\d.第])(\\d+(?:\\.\\d+)?)(${units.join('|')})`, 'g');
});

/** Words taken out of a clause before its object is read: the leads, adverbs and verbs of a goal, the common pieces, bounds. Longest first. */
const notObjectWords = perConfig((config) => {
  const { leads, adverbs, verbs, means } = config.goals.noResult;
  const words = [...leads, ...adverbs, ...verbs, ...means, ...config.goals.commonPieces, ...config.goals.periodWords, '不少于', '不低于', '超过', '以上', '以内', '左右', '约', '达', '共', '为', '对', '给', '向', '将', '把', '了', '的', '等'];
  return new RegExp([...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
});

const CLAUSE_END = /[,，;；。:：!！?？]/;

/** The counts and measures of a goal with what each is about; read once per text. */
function goalQuantities(goal: string, config: ReviewConfig): GoalQuantity[] {
  const t = toHalfWidth(goal).replace(/\s+/g, '');
  const pattern = quantityPattern(config);
  let out: GoalQuantity[] | null = null;
  for (const m of t.matchAll(pattern)) {
    let start = m.index;
    while (start > 0 && !CLAUSE_END.test(t[start - 1]!)) start--;
    let end = m.index + m[0].length;
    while (end < t.length && !CLAUSE_END.test(t[end]!)) end++;
    const clause = t.slice(start, end);
    const rest = (t.slice(start, m.index) + ' ' + t.slice(m.index + m[0].length, end))
      .replace(YEARS, ' ')
      .replace(/\d+(?:\.\d+)?\S?/g, ' ')
      .replace(notObjectWords(config), ' ');
    const words = rest.split(/[^\p{Script=Han}]+/u).filter((w) => w.length >= 2);
    const common = config.goals.commonPieces;
    const pieces: string[] = [];
    for (const w of words) for (let i = 0; i + 2 <= w.length; i++) if (!common.includes(w.slice(i, i + 2))) pieces.push(w.slice(i, i + 2));
    (out ??= []).push({ value: m[1]!, unit: m[2]!, clause, object: words.join(''), pieces, brackets: [`（${m[2]!}）`, `(${m[2]!})`] });
  }
  return out ?? NO_QUANTITIES;
}

const NO_QUANTITIES: GoalQuantity[] = [];

/** Whether a quantitative target is in `unit` ("200亩", "≥5公里/年" for 公里). */
function inUnit(indicator: Indicator, unit: string): boolean {
  const u = indicator.target.kind === 'quantitative' ? indicator.target.unit : null;
  return u !== null && (u === unit || u.startsWith(`${unit}/`));
}

/**
 * Whether some indicator of the project speaks of a goal's quantity: one in the same unit (a different number is
 * mismatch.goal-vs-indicator's), one that names the unit in brackets ("征地面积（亩）"), or one whose name, description or
 * value shares a two-character piece with what the quantity counts.
 */
function measured(q: GoalQuantity, indicators: readonly Indicator[], config: ReviewConfig): boolean {
  const unit = config.goals.unitAliases[q.unit] ?? q.unit;
  const counting = countWordsFor(config).get(unit);
  for (const i of indicators) {
    if (inUnit(i, q.unit) || (unit !== q.unit && inUnit(i, unit)) || speaksOf(i.name, q) || speaksOf(i.description, q) || speaksOf(i.target.raw, q)) return true;
    // a count named in words ("工资发放人数" counts 人): its bare number may be the goal's
    if (counting !== undefined && counting.some((w) => i.name.includes(w) || (i.description ?? '').includes(w))) return true;
  }
  return false;
}

/** The words of config.unitHints.byWord by the unit they hint ("人" ← "人数", "人员"), once per settings. */
const countWordsFor = perConfig((config) => {
  const words = new Map<string, string[]>();
  for (const [word, unit] of config.unitHints.byWord) (words.get(unit) ?? words.set(unit, []).get(unit)!).push(word);
  return words;
});

/** Whether a cell names the quantity's unit in brackets or shares a piece of its object (no string made: this reads each row). */
function speaksOf(cell: string | null, q: GoalQuantity): boolean {
  if (!cell) return false;
  if (cell.includes(q.brackets[0]) || cell.includes(q.brackets[1])) return true;
  for (const p of q.pieces) if (cell.includes(p)) return true;
  return false;
}

const goalNotMeasured: ProjectRule = {
  id: 'missing.goal-not-measured',
  category: 'missing',
  severity: 'warning',
  criterion: '相关性',
  scope: 'project',
  title: '年度目标没有相应的绩效指标',
  description:
    '绩效指标是对年度目标的细化：目标中写了带单位的数量（“完成征地200亩”“培训村干部300人”），就应有指标衡量它。' +
    '只在目标有明确的对象时判断：数字带计数或计量单位，且分句中除去“完成”“开展”“全年”等常用词后还有说明对象的词（“征地”）；' +
    '本项目（年度及中长期）指标中没有同一单位的指标值、没有在括号中注明该单位的、没有名称写明这种计数的（“人数”对“人”），名称、描述和指标值也都不含该对象的任何两个相连的字时，才报告。' +
    '数量不同而指标相关的见 mismatch.goal-vs-indicator。宁可漏报，不误报。',
  examples: {
    triggers: {
      description: '绩效目标“完成道路征地200亩”，指标只有“开展活动场次”等，没有一条说到征地或亩',
      patch: { project: { goals: ['全年开展社区服务活动12场', '完成道路征地200亩'] } },
    },
    passes: {
      description: '绩效目标“完成道路征地200亩”，数量指标“土地征收面积”指标值“≥200亩”',
      patch: {
        project: { goals: ['全年开展社区服务活动12场', '完成道路征地200亩'] },
        indicators: [{ level1: '', level2: '数量指标', name: '土地征收面积', description: '年度完成的土地征收面积', target: '≥200亩', basis: '计划标准' }],
      },
    },
  },
  check(project, ctx) {
    if (project.indicators.length === 0) return NO_HITS; // missing.indicators
    const { config } = ctx;
    let hits: RuleHit[] | null = null;
    for (const goal of goalTextsOf(project, ctx)) {
      const quantities = goal.quantities;
      if (quantities.length === 0 || goal.template) continue;
      for (const q of quantities) {
        if (q.pieces.length === 0) continue; // no object that can be told
        if (measured(q, project.indicators, config) || measured(q, project.longTermIndicators, config)) continue;
        const named = project.indicators.slice(0, 3).map((i) => `“${i.name || '（无名称）'}”`).join('、');
        (hits ??= []).push({
          field: 'goals',
          source: project.sources.goals ?? project.source,
          message: `${projectCalled(project)}的绩效目标“${goal.shown}”中的“${quote(q.clause, 24)}”没有相应的绩效指标（指标只有${named}${project.indicators.length > 3 ? '等' : ''}，都不涉及“${q.object}”）`,
          suggestion: `补充衡量这一目标的指标，如数量指标“${q.object}${unitFamily(q.unit, config) === 'measure' ? '面积（长度）' : '数量'}”指标值“≥${q.value}${q.unit}”；若该项任务不由本项目资金完成，从目标中删去。`,
        });
      }
    }
    return hits ?? NO_HITS;
  },
};

// ---------------------------------------------------------------------------------------------
// vague.goals-without-number
// ---------------------------------------------------------------------------------------------

const goalsWithoutNumber: ProjectRule = {
  id: 'vague.goals-without-number',
  category: 'vague',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  title: '大额项目的绩效目标没有任何数字',
  description:
    '预算数不低于100万元（可按地区设置）的项目，绩效目标应当量化：写明完成多少、覆盖多少、达到什么比例。目标中没有任何数字（年份不算；“三场”“两个”等汉字数量算）时，' +
    '年底无法对照目标核对完成情况，也看不出资金与目标是否匹配。目标全是“保障工作正常开展”之类时由 vague.goal-without-result 报告，这里不重复；留有表样说明的目标见 missing.template-text。',
  examples: {
    triggers: {
      description: '预算数 150.00 万元，绩效目标“丰富社区居民文化生活”“提升居民满意度”',
      patch: { project: { total: '150.00', fiscal: '150.00', goals: ['丰富社区居民文化生活', '提升居民满意度'] }, indicators: [{ at: 3, target: '≤150万元' }] },
    },
    passes: {
      description: '预算数 80.00 万元（低于100万元），绩效目标“丰富社区居民文化生活”“提升居民满意度”',
      patch: { project: { total: '80.00', fiscal: '80.00', goals: ['丰富社区居民文化生活', '提升居民满意度'] }, indicators: [{ at: 3, target: '≤80万元' }] },
    },
  },
  check(project, ctx) {
    const { config } = ctx;
    const total = project.budget.total;
    if (total === null || total < config.goals.numberFromFen) return NO_HITS;
    let given = 0;
    let toldElsewhere = 0;
    const goals = goalTextsOf(project, ctx);
    for (const goal of goals) {
      if (goal.number || goal.template) return NO_HITS;
      if (goal.blank) continue;
      given++;
      if (goal.noResult || goal.pastSummary) toldElsewhere++;
    }
    // missing.goals; vague.goal-without-result, vague.goal-past-summary; vague.goal-restates-duties (one defect, one finding)
    if (given === 0 || toldElsewhere === given || restatesDuties(goals, config)) return NO_HITS;
    // the first three goals quoted, only for a project that has the finding (most goals have a number)
    let listed = '';
    let quoted = 0;
    for (const goal of goals) {
      if (goal.blank) continue;
      listed += `${listed === '' ? '' : '、'}“${goal.shown}”`;
      if (++quoted === 3) break;
    }
    const example = quantityExample(project, config);
    return [
      {
        field: 'goals',
        source: project.sources.goals ?? project.source,
        message: `${projectCalled(project)}预算${formatWan(total)}万元，绩效目标${listed}${given > 3 ? '等' : ''}没有任何数量、比例或金额，年底无法对照目标核对`,
        suggestion: goalsWithoutNumberSuggestion(example ?? ''),
      },
    ];
  },
};

/** The rule's suggestion once per example quoted ('' for none): its messages quote each project's goals, its suggestions repeat. */
const goalsWithoutNumberSuggestion = perString(
  (example) => `把本年度的主要产出和效果量化写进目标（完成多少、覆盖多少人、达到什么比例、何时完成）${example === '' ? '' : `，如“${example}”`}，并与数量、质量、时效指标对应。`,
);

// ---------------------------------------------------------------------------------------------
// vague.goal-restates-duties, vague.goal-past-summary
// ---------------------------------------------------------------------------------------------

const goalRestatesDuties: ProjectRule = {
  id: 'vague.goal-restates-duties',
  category: 'vague',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  departmentTargets: true,
  title: '绩效目标照抄单位职责',
  description:
    '绩效目标应写明本年度用这笔钱要完成什么、达到什么效果；单位的职责（“贯彻执行……法律法规和方针政策”“负责……工作”“承担……”“履行……职责”）是常年的分工，不是目标，' +
    '年底无从核对。目标没有任何数字，且有一个分句是“履行/承担/行使……职责（职能）”，或至少两个、三分之二以上的分句以“贯彻执行、拟订、负责、承担、指导、监督”等职责用语开头（可设置）时报告；' +
    '部门整体支出绩效目标表的年度目标同样检查。只说“保障工作正常开展”的由 vague.goal-without-result 报告；大额项目的无数字目标不再由 vague.goals-without-number 重复报告。' +
    '评分上限为“良”（目标照抄职责是审核首先退回的问题）。',
  examples: {
    triggers: {
      description: '绩效目标“履行社区服务管理职责，维护社区和谐稳定”',
      patch: { project: { goals: ['履行社区服务管理职责，维护社区和谐稳定'] } },
    },
    passes: {
      description: '绩效目标“履行社区服务管理职责，全年开展社区服务活动12场”（写明了本年度的结果）',
      patch: { project: { goals: ['履行社区服务管理职责，全年开展社区服务活动12场'] } },
    },
  },
  check(project, ctx) {
    const goals = goalTextsOf(project, ctx);
    if (!restatesDuties(goals, ctx.config)) return NO_HITS;
    const department = isDepartmentTargets(project);
    // goals that only say work goes on are vague.goal-without-result's (not run on the department-wide table)
    if (!department && goals.every((g) => g.blank || g.noResult)) return NO_HITS;
    const listed = goals
      .filter((g) => !g.blank)
      .slice(0, 2)
      .map((g) => `“${g.shown}”`)
      .join('、');
    const whose = department ? '部门的年度目标' : `${projectCalled(project)}的绩效目标`;
    return [
      {
        field: 'goals',
        source: project.sources.goals ?? project.source,
        message: `${whose}${listed}${goals.length > 2 ? '等' : ''}照抄了单位职责，没有写明本年度要完成什么、达到什么效果`,
        suggestion: `${NO_RESULT_SUGGESTION}；职责写在部门职能中，不作为绩效目标。`,
      },
    ];
  },
};

const goalPastSummary: ProjectRule = {
  id: 'vague.goal-past-summary',
  category: 'vague',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  departmentTargets: true,
  title: '绩效目标写成了工作总结',
  description:
    '绩效目标是预算年度要达到的结果，应在年初写明做多少、达到什么程度。写成已完成工作的总结（“圆满完成了……工作，……得到了有效保障”“我中心已按时足额发放……”），' +
    '又没有任何数字的，是把上年的总结抄作目标，年底无从核对。判断：目标没有数字，且有两处“完成了、得到了……”或“已……”，或有一处并有“我局、我中心”等汇报口吻或“圆满完成”（可设置）；' +
    '以“确保、力争、计划”开头的是目标，不报告。评分上限为“良”。',
  examples: {
    triggers: {
      description: '绩效目标“圆满完成了全年社区服务工作，居民生活得到了有效改善”',
      patch: { project: { goals: ['圆满完成了全年社区服务工作，居民生活得到了有效改善'] } },
    },
    passes: { description: '绩效目标“确保全年社区服务工作圆满完成，开展社区服务活动12场”', patch: { project: { goals: ['确保全年社区服务工作圆满完成，开展社区服务活动12场'] } } },
  },
  check(project, ctx) {
    const past = goalTextsOf(project, ctx).filter((g) => !g.blank && g.pastSummary);
    if (past.length === 0) return NO_HITS;
    const whose = isDepartmentTargets(project) ? '部门的年度目标' : `${projectCalled(project)}的绩效目标`;
    return [
      {
        field: 'goals',
        source: project.sources.goals ?? project.source,
        message: `${whose}${past.map((g) => `“${g.shown}”`).join('、')}是已完成工作的总结，没有写明本年度要达到的结果和数量`,
        suggestion: `${NO_RESULT_SUGGESTION}，用“确保……”“全年完成……”写本年度的目标，并写明数量、比例或时限。`,
      },
    ];
  },
};

const partOneGoalWithoutResult: DocumentRule = {
  id: 'vague.part-one-goal-without-result',
  category: 'vague',
  severity: 'warning',
  criterion: '完整性',
  scope: 'document',
  title: '部门整体绩效目标没有写明结果',
  description:
    '第一部分的总体绩效目标或某个分项目标只说“确保各项工作顺利进行”“保障机关正常运转”“确保资金及时拨付”，或只重述部门职责（“负责……工作”），' +
    '没有一个数字、没有一个可核对的结果（判断方法同 vague.goal-without-result）：部门这一年要做成什么没有写出来。总体目标和每个分项目标各报告一次；工作保障措施是措施，不是目标，不检查。',
  examples: {
    triggers: { description: '总体绩效目标为“确保各项工作顺利进行，保障机关正常运转。”', patch: { departmentGoals: { overall: '确保各项工作顺利进行，保障机关正常运转。' } } },
    passes: { description: '总体绩效目标“全年开展社区服务活动12场，确保各项工作顺利进行。”', patch: { departmentGoals: { overall: '全年开展社区服务活动12场，确保各项工作顺利进行。' } } },
  },
  check({ doc, config }) {
    const g = doc.departmentGoals;
    let hits: RuleHit[] | null = null;
    const add = (text: string, where: string, source: RuleHit['source']) =>
      (hits ??= []).push({
        field: 'departmentGoals',
        source,
        message: `第一部分${where}“${shown(text, 40)}”只说明工作正常开展或重述职责，没有写明这一年要完成什么、达到什么效果`,
        suggestion: `${NO_RESULT_SUGGESTION}，与第二部分各项目的绩效目标和指标相衔接。`,
      });
    if (g.overall && partOneStatesNoResult(g.overall, config)) add(g.overall, '总体绩效目标', g.overallSource);
    for (const item of g.subGoals) {
      const body = item.goalText ?? item.text;
      if (body && partOneStatesNoResult(body, config)) add(body, `分项目标“${item.numbering ?? ''}${quote(item.title, 24)}”`, item.source);
    }
    return hits ?? NO_HITS;
  },
};

/**
 * statesNoResult of a part-one goal, its lines read as one text: once per distinct goal and settings. A department's
 * documents repeat their part one year after year, and the reading (clean, split, every clause against the word
 * lists) was most of this rule's time; keyed by the goal as the document has it (its hash kept with the string),
 * not by the joined copy made for each call.
 */
const partOneStatesNoResult = perText((goal, config) => statesNoResult(goal.replace(/\n/g, '，'), config));

export const GOAL_RULES: Rule[] = [annualCopiesLongTerm, goalWithoutResult, copiedGoalWithoutResult, partOneGoalWithoutResult, goalNotMeasured, goalsWithoutNumber, goalRestatesDuties, goalPastSummary];
