/**
 * What the rules read of a row's cells, and the row's facts (facts.ts) read once per review: the counted level 1,
 * whether a category needs a number, a target's text and grade, a money target in fen, what a name or description
 * measures, an outcome given as a basis, a template phrase, the normalised categories. It lives below both the rules
 * and facts.ts, so that neither imports the other's values.
 */
import { level1Of, normalizeCategories as normalizeEach, type IndicatorFramework, type NormalizedCategories } from '../domain/framework';
import type { Indicator, ParsedDocument, Project, TargetValue } from '../domain/model';
import { toFen } from '../domain/money';
import { compactLabel } from '../domain/text';
import { compact, normalizeCell } from './cells';
import type { ReviewConfig } from './config';
import { perConfig, perPair, perString, perText } from './memo';

/** The settings a reading depends on (a ReviewContext has both). */
export interface ReadingSettings {
  framework: IndicatorFramework;
  config: ReviewConfig;
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

/**
 * normalizeCategories, once per framework and pair of cells: every rule here reads every row's categories, and a
 * document writes the same few pairs. The result is shared: never changed.
 */
export function normalizeCategories(fw: IndicatorFramework, level1Raw: string, level2Raw: string): NormalizedCategories {
  let known = categoriesOf.get(fw);
  if (known === undefined) categoriesOf.set(fw, (known = new Map()));
  let byLevel2 = known.get(level1Raw);
  if (byLevel2 === undefined) {
    if (known.size >= 10_000) known.clear();
    known.set(level1Raw, (byLevel2 = new Map()));
  }
  let found = byLevel2.get(level2Raw);
  if (found === undefined) {
    found = normalizeEach(fw, level1Raw, level2Raw);
    if (byLevel2.size < 10_000) byLevel2.set(level2Raw, found);
  }
  return found;
}

/** Per framework: level-1 cell → level-2 cell → the normalised pair. */
const categoriesOf = new WeakMap<IndicatorFramework, Map<string, Map<string, NormalizedCategories>>>();


/**
 * A row whose level-2 cell is blank and whose name is only a level-2 category (“数量指标”, “社会效益”): forms with no
 * 二级指标 column that write the category in the 指标名称 column (指标类型 | 指标名称 | 指标值). The category is there,
 * the indicator is not named; `level2` is the category the name writes, null otherwise.
 */
export function nameIsLevel2(indicator: Pick<Indicator, 'level2' | 'name'>, level2: string): boolean {
  if (indicator.level2 !== null) return false;
  const name = compact(indicator.name);
  return name !== '' && (name === level2 || `${name}指标` === level2);
}

/** The first-level category an indicator counts for: its level 2's own parent when known (a misplaced row is taxonomy's). */
export function countedLevel1(indicator: Indicator, ctx: ReadingSettings): string | null {
  return (indicator.level2 !== null ? level1Of(ctx.framework, indicator.level2) : null) ?? indicator.level1;
}

export function isSatisfaction(indicator: Indicator, ctx: ReadingSettings): boolean {
  return countedLevel1(indicator, ctx) === ctx.config.satisfaction.level1;
}

/** A name that is a group of people alone (“公租房住户”, “受益群众”, “服务对象”): under 满意度 it is their satisfaction. */
const PEOPLE_ALONE = /(?:住户|群众|居民|市民|村民|农户|公众|对象|人员|人群|群体|学生|家长|患者|病人|职工|干部|游客|读者|老人|企业|单位|用户|客户|代表)$/;

/**
 * Whether a satisfaction row measures satisfaction: its name or description says 满意, 认可度 … (config.satisfactionWords),
 * or its name is a group of people alone. Once per pair.
 */
export const speaksOfSatisfaction = perPair(
  (name, description, config) => config.satisfactionWords.some((w) => `${name}${description}`.includes(w)) || PEOPLE_ALONE.test(compactLabel(name)),
);

/** Whether the category needs a number (config.numericLevel2; satisfaction always does). */
export function needsNumber(indicator: Indicator, ctx: ReadingSettings): boolean {
  const { numericLevel2 } = ctx.config;
  const level1 = countedLevel1(indicator, ctx);
  return (
    (indicator.level2 !== null && numericLevel2.includes(indicator.level2)) ||
    (level1 !== null && numericLevel2.includes(level1)) ||
    isSatisfaction(indicator, ctx)
  );
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

/** Text for matching phrases and grades: half width, no whitespace, no edge punctuation. */
export function targetText(target: TargetValue): string {
  return matchedTargetText(target.raw);
}

/** targetText of a value as written, without its cache (facts.ts reads it once per distinct value: CellText). */
export function targetTextOf(raw: string): string {
  return compact(raw).replace(/^[,，、;；:：。.!！?？]+|[,，、;；:：。.!！?？]+$/g, '');
}

// once per distinct value: the rules read the same few values many times over
const matchedTargetText = perString(targetTextOf);

/**
 * A cell that lists several figures, each with what it counts, as forms pack one row's indicators into one cell
 * (“≥30次；≥30篇；≥15次”, “50人次；一次；12期”, “飞机增雨10次/年；火箭增雨12次/年”, “≥98%；≥95%”): its value is
 * quantified, only not one number. Two parts at least, split at ；/; (and at 、 between figures), each a figure with a
 * unit after it; a part of words alone (“按要求完成”) or a bare number (“≥5”) makes the cell no such list.
 */
export const isFigureList = perString((raw: string): boolean => {
  const parts = compact(raw)
    .split(/[；;]|、(?=[≥≤><=＞＜约]*\d)/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length >= 2 && parts.every((p) => FIGURE_WITH_UNIT.test(p));
});

/** A figure (digits, or a count in words: 一次, 两场) with the unit or measure word after it. */
const FIGURE_WITH_UNIT = /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)[余多]?(?:%|％|‰|[^\d\s.,，。:：;；、%％()（）≥≤><=＞＜])/;

/** The longest of `phrases` in a text; null when none. */
export function longestPhraseOf(text: string, phrases: readonly string[]): string | null {
  let best: string | null = null;
  for (const phrase of phrases) {
    if (phrase !== '' && text.includes(phrase) && (best === null || phrase.length > best.length)) best = phrase;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The unit a bare number means
// ---------------------------------------------------------------------------------------------

/** The first config.unitHints.byWord entry (word, unit) whose word occurs in a text; null when none. */
export function unitWordOf(text: string, config: ReviewConfig): readonly [word: string, unit: string] | null {
  return config.unitHints.byWord.find(([word]) => text.includes(word)) ?? null;
}

/** Whether a description ends in a rate word (config.wordsForRate) and not in one that is no rate. */
export function describesRateOf(description: string, config: ReviewConfig): boolean {
  const d = normalizeCell(description);
  return config.wordsForRate.some((w) => d.endsWith(w)) && !config.measureReading.notRate.some((w) => d.endsWith(w));
}

/** "优", "良好以上", "合格及以上" … : a grade (config.grades), possibly with a bound word after it. */
export function isGrade(target: TargetValue, ctx: ReadingSettings): boolean {
  if (target.kind !== 'qualitative') return false;
  return isGradeText(target.raw, ctx.config);
}

const isGradeText = perText((raw, config) => config.grades.includes(matchedTargetText(raw).replace(/(?:及以上|以上|等次|等级|级)$/, '')));

/** The head of a unit when it is money ("8万元/队/年" → "万元"), else null; once per unit. */
const moneyHead = perString((unit) => {
  const head = unit.split('/')[0]!.trim();
  return ['万元', '元', '万'].includes(head) ? head : null;
});

/** A money target as fen (the head of a compound unit: "8万元/队/年" → 8万元); null when not money. */
export function moneyFen(indicator: Indicator): bigint | null {
  const t = indicator.target;
  if (t.kind !== 'quantitative' || t.valueText === null || t.unit === null) return null;
  const head = moneyHead(t.unit);
  if (head === null) return null;
  return head === '元' ? yuanAsFen(t.valueText) : wanAsFen(t.valueText);
}

/** An amount's text in 元 or in 万元 as fen, once per text (a department's tables repeat their amounts). */
const yuanAsFen = perString((valueText) => bigFen(toFen(valueText, '元')));
const wanAsFen = perString((valueText) => bigFen(toFen(valueText, '万元')));
const bigFen = (fen: number | null) => (fen === null ? null : BigInt(fen));

// ---------------------------------------------------------------------------------------------
// What a name or description measures
// ---------------------------------------------------------------------------------------------

export type Measure = 'percent' | 'money' | 'count';

export interface MeasureWord {
  measure: Measure;
  /** The word that decided, e.g. "率". */
  word: string;
}

/**
 * What a name ('name') or description ('description') says its value is: a rate, money or a count;
 * null when it does not say. In a description, money words that name a subject (发放工作补贴) do not count.
 * @example readMeasure("资金拨付及时率", "name", config) // { measure: "percent", word: "率" }
 */
export function readMeasure(text: string | null, mode: 'name' | 'description', config: ReviewConfig): MeasureWord | null {
  if (!text) return null;
  return mode === 'name' ? measureOfName(text, config) : measureOfDescription(text, config);
}

// Each rule and row asks what the same few names and descriptions measure: read once per text.
const measureOfName = perText((text, config) => measureOf(text, 'name', config));
const measureOfDescription = perText((text, config) => measureOf(text, 'description', config));

/** readMeasure without its cache, for a non-empty text (facts.ts reads it once per distinct cell: CellText). */
export function measureOf(text: string, mode: 'name' | 'description', config: ReviewConfig): MeasureWord | null {
  const t = compactLabel(text)
    .replace(/[（(][^（）()]*[)）]$/, '')
    .replace(/[。.，,；;：:、!！?？]+$/, '');
  const { tails, notRate, moneyTopics } = config.measureReading;
  const lists: [Measure, string[]][] = [
    ['percent', config.wordsForRate],
    ['money', config.wordsForMoney],
    ['count', config.wordsForCount],
  ];
  let best: { measure: Measure; word: string; end: number } | null = null;
  for (const [measure, words] of lists) {
    for (const word of words) {
      if (mode === 'description' && measure === 'money' && moneyTopics.includes(word)) continue;
      for (let i = t.indexOf(word); i !== -1; i = t.indexOf(word, i + 1)) {
        const end = i + word.length;
        if (measure === 'percent' && notRate.some((w) => covers(t, w, i, end))) continue;
        if (!best || end > best.end || (end === best.end && word.length > best.word.length)) best = { measure, word, end };
      }
    }
  }
  if (!best) return null;
  const tail = t.slice(best.end);
  if (tail !== '' && !tails.includes(tail)) return null;
  return { measure: best.measure, word: best.word };
}

/** Whether an occurrence of `word` in `t` covers [start, end). */
function covers(t: string, word: string, start: number, end: number): boolean {
  for (let j = t.indexOf(word); j !== -1; j = t.indexOf(word, j + 1)) {
    if (j <= start && j + word.length >= end) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Bases and template text
// ---------------------------------------------------------------------------------------------

/**
 * The outcome phrase a basis names instead of a source ("年底实际情况"); null when it names a source or a past value.
 * Read once per distinct basis through the row's facts (facts.ts: CellText.outcomeBasis).
 */
export function outcomeBasisOf(basis: string, config: ReviewConfig): string | null {
  const text = basis.replace(/\s+/g, '');
  const phrase = config.basisOutcomes.find((p) => text.includes(p));
  if (phrase === undefined) return null;
  // "上年实际完成情况" is a historical standard: a past outcome is a basis
  const historical = config.basisStandards['历史标准'] ?? [];
  return historical.some((w) => text.includes(w)) ? null : phrase;
}

/** A template phrase found in a cell, and a short quote around it. */
export interface TemplatePhrase {
  phrase: string;
  quote: string;
}

/**
 * The first template phrase in a text (config.templateText, then config.templatePatterns), and a short quote around
 * it; null when none.
 */
export function templatePhraseOf(text: string, config: ReviewConfig): TemplatePhrase | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  for (const phrase of config.templateText) {
    const at = flat.indexOf(phrase);
    if (at >= 0) return templateQuote(flat, phrase, at);
  }
  for (const pattern of templatePatternsOf(config)) {
    const m = pattern.exec(flat);
    if (m !== null) {
      // a pattern may begin with the punctuation before its phrase: the phrase is what follows it
      const lead = /^[\s：:（(。；;]/.test(m[0]) ? 1 : 0;
      return templateQuote(flat, m[0].slice(lead), m.index + lead);
    }
  }
  return null;
}

/**
 * The department a document names: its own header, else its whole-budget table's, else the unit most of its project
 * tables name in their header cells; null when it names none.
 */
export function departmentOf(doc: Pick<ParsedDocument, 'department' | 'departmentTargets' | 'projects'>): { code: string | null; name: string } | null {
  if (doc.department) return doc.department;
  if (doc.departmentTargets?.department) return doc.departmentTargets.department;
  const counts = new Map<string, { unit: { code: string | null; name: string }; n: number }>();
  for (const p of doc.projects) {
    if (!p.department || p.department.name.trim() === '') continue;
    const e = counts.get(p.department.name) ?? { unit: p.department, n: 0 };
    e.n++;
    counts.set(p.department.name, e);
  }
  let best: { unit: { code: string | null; name: string }; n: number } | null = null;
  for (const e of counts.values()) if (best === null || e.n > best.n) best = e;
  return best?.unit ?? null;
}

function templateQuote(flat: string, phrase: string, at: number): TemplatePhrase {
  const start = Math.max(0, at - 6);
  const end = Math.min(flat.length, at + phrase.length + 14);
  return { phrase, quote: `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}` };
}

/** config.templatePatterns compiled, once per settings (no global flag: exec keeps no state between texts). */
const templatePatternsOf = perConfig((config) => config.templatePatterns.map((source) => new RegExp(source)));

/** A project table's number as the document numbers it: "表3" in part two, "第三部分表2" in part three (公开). */
export function tableLabel(p: Pick<Project, 'part' | 'sequence'>): string {
  return `${p.part === 'public' ? '第三部分' : ''}表${p.sequence}`;
}

/**
 * Whether a table was printed unfilled: no indicator, no amount, no goal, no code, no purpose (a 专项资金总体绩效目标表
 * printed empty because the department has no such funds, a heading read as a table). Nothing of it can be judged: the
 * review says nothing about it and gives it no grade (issue 73). A table with a budget or goals but no indicator is
 * filled in and lacks its indicators (missing.indicators).
 */
export function isUnfilledTable(p: Pick<Project, 'indicators' | 'longTermIndicators' | 'budget' | 'budgetLines' | 'goals' | 'code' | 'purpose' | 'spendingPlan'>): boolean {
  if (p.indicators.length > 0 || p.longTermIndicators.length > 0 || p.code !== null) return false;
  const { total, fiscal, other } = p.budget;
  if (total !== null || fiscal !== null || other !== null || p.budgetLines.some((l) => l.amount !== null && l.amount !== 0)) return false;
  if (p.goals.some((g) => g.trim() !== '') || (p.purpose ?? '').trim() !== '') return false;
  return p.spendingPlan.every((c) => c.percent === null && c.amount === null);
}

/**
 * A project as a finding names it: 项目“name”, or, for a table whose name is blank (missing.project-name reports that), its
 * number — never 项目“”.
 */
export function projectCalled(p: Pick<Project, 'name' | 'part' | 'sequence'>): string {
  return p.name.trim() === '' ? `${tableLabel(p)}（未填写项目名称）` : `项目“${p.name}”`;
}

/**
 * The satisfaction word a name ends with (群众满意度, 服务对象满意率 …), brackets and a value written into it ignored;
 * null otherwise. A row's name is read once (facts.ts: CellText.satisfactionHead).
 */
export function satisfactionHeadOf(name: string, config: ReviewConfig): string | null {
  const t = compactLabel(name)
    .replace(/[（(][^（）()]*[)）]$/, '')
    .replace(/[≥≤><=＞＜]*\d+(?:\.\d+)?%?$/, '')
    .replace(/[。.，,；;：:、]+$/, '')
    .replace(/(?:情况|指标)$/, '');
  return config.placement.satisfactionHeads.find((w) => t.endsWith(w)) ?? null;
}

export interface YearMention {
  year: number;
  /** A deadline already written as one ("2024年12月底前", "2024年底"). */
  deadline: boolean;
  /** Paying or settling a past entitlement is plausible in its clause (发放, 结算, 考核 …). */
  entitled: boolean;
  /** The clause around it, for the message. */
  quote: string;
}

const CLAUSE = /[，,。；;：:\n]/;
/** What after a year makes it a baseline or a start ("2024年起", "2024年以来", "2024年基础上"). */
const BASELINE_AFTER = /^(?:度)?(?:起|以来|以前|前的|基础|水平|同期|基数|相比|为基准|末的|底的|数据|实际|标准)/;
/** The year of the records a work is done on (“整理2025年文书档案”, “2025年度会计凭证装订”): no stale year. */
const RECORDS_AFTER = /^(?:度)?(?:的)?(?:文书|档案|案卷|卷宗|资料|账目|账簿|会计凭证|会计档案|凭证|报表|年报)/;
const DEADLINE_AFTER = /^(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬)?(?:前|之前|以前|内|完成)|底前|底之前|年底|末前|内完成|年内|底完成)/;

/**
 * The years a text names that could be the year of its work: not a baseline or a start (较2024年, 2024年起), not a
 * range (2024-2026年), not inside a title or a document number (《…》, 〔2024〕), with how each is used. Independent of the budget
 * year; read once per cell (CellText.yearMentions) or per distinct text (yearMentions).
 */
export function yearMentionsOf(text: string, config: ReviewConfig): YearMention[] {
  if (!text) return [];
  if (!/20\d\d/.test(text)) return [];
  const t = compactLabel(text).replace(/《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|【[^】]*】|“[^”]*”/g, (s) => ' '.repeat(s.length));
  const out: YearMention[] = [];
  const re = /(?<![\d.])(20\d{2})年/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const before = t.slice(Math.max(0, m.index - 8), m.index);
    const after = t.slice(m.index + m[0].length);
    // a range ("2023至2024年", "2023年-2025年"); "到2023年底" is a deadline, not a range
    if (/(?:19|20)\d{2}(?:年度?)?[-—~～至到]$/.test(before) || /^度?[-—~～至到](?:19|20)?\d{2}/.test(after)) continue;
    let start = m.index;
    while (start > 0 && !CLAUSE.test(t[start - 1]!)) start--;
    let end = m.index + m[0].length;
    while (end < t.length && !CLAUSE.test(t[end]!)) end++;
    const lead = t.slice(start, m.index);
    if (config.placement.yearBaselineWords.some((w) => lead.includes(w)) || BASELINE_AFTER.test(after) || RECORDS_AFTER.test(after)) continue;
    const clause = t.slice(start, end).trim();
    // a period that runs on into a later year ("2024年10月至2025年9月"): the later year says when the work is
    const later = /[-—~～至到](20\d{2})/.exec(t.slice(m.index + m[0].length, end));
    if (later !== null && Number(later[1]) > Number(m[1])) continue;
    out.push({
      year: Number(m[1]),
      deadline: DEADLINE_AFTER.test(after),
      entitled: config.placement.pastEntitlementWords.some((w) => clause.includes(w)),
      quote: clause.length > 30 ? `${clause.slice(0, 30)}…` : clause,
    });
  }
  return out;
}

/** yearMentionsOf once per distinct text (for goals, which have no CellText). */
export const yearMentions = perText(yearMentionsOf);
