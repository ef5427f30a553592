/**
 * The reader's checks of its own reading (issue 53): where a careful person might not agree with a
 * table as read, a doubt (shared/domain/reading.ts) with its place. Some are found while the table is
 * read (a header whose target column cannot be told, a short row that fits its columns in two ways, a
 * label whose value is another label): the readers collect them (DoubtSink). The others are checks of
 * the table as read, here: values where names should be, categories where names should be, targets
 * left empty beside a column of values, sign-offs among indicators, indicators left in running text,
 * values the reader could not place.
 *
 * Each check is made so that a table read right raises none: a table whose document is defective
 * (a blank target, a vague one, a category misplaced) is read right, and the review says so.
 */
import { FRAMEWORKS, normalizeCategories } from '../../../shared/domain/framework';
import type { DepartmentTargets, Indicator, Project, SourceLocation } from '../../../shared/domain/model';
import { DOUBT_DESCRIPTIONS, type Doubt, type DoubtCode } from '../../../shared/domain/reading';
import { parseTargetValue } from '../../../shared/domain/target-value';
import { compactLabel, memoByText } from '../../../shared/domain/text';
import { DEPARTMENT_LABELS, NON_DATA_LABELS, PROJECT_LABELS, PROJECT_TABLE_TITLE, isNonDataLabel, lookupLabel, normalizeLabel } from '../../../shared/layout/labels';
import { INDICATOR_COLUMN_HEADERS, readIndicatorHeader } from '../../../shared/layout/indicator-columns';
import { isMediumTermTitle } from '../../../shared/layout/project-columns';
import { preview } from '../parse/grid';
import type { Report } from '../parse/report';
import type { HeaderBlock } from './header';

/** Where the readers put the doubts they find while reading a table. */
export type DoubtSink = (code: DoubtCode, message: string, where: SourceLocation) => void;

/** A sink that keeps the doubts in a list (with each code's part). */
export function collectDoubts(list: Doubt[]): DoubtSink {
  return (code, message, where) => list.push({ code, part: DOUBT_DESCRIPTIONS[code].part, message, where });
}

/**
 * A value, not a name: a number, a percent, an amount, a date or a period, possibly after an operator
 * (100%, ≥1500人次, 36.50万元, 2025年12月底前, 2023.07-2024.01), with no other words.
 */
export function looksLikeValue(text: string): boolean {
  // a value starts with a digit, a sign or an operator (≥ ≤ > < =) or an operator word: most names are out here
  return VALUE_START.test(text) && text.length <= 40 && valueOf(text);
}

const VALUE_START = /^\s*[0-9０-９≥≤<>=≧≦＞＜＝+\-不大小等以]/;

const valueOf: (text: string) => boolean = memoByText(20_000, 40, (text) => {
  const t = text.trim();
  if (t === '' || t.length > 24) return false;
  const v = parseTargetValue(t);
  return v.kind !== 'qualitative' && v.kind !== 'empty' && v.words === null;
});

/** The characters of every category's spellings in every framework: a text with another is no category. */
const CATEGORY_CHARACTERS = new RegExp(
  `[^\\s${[...new Set(FRAMEWORKS.flatMap((fw) => fw.level1.flatMap((l1) => [l1.name, ...l1.synonyms, ...(l1.formNames ?? []), ...l1.level2.flatMap((l2) => [l2.name, ...l2.synonyms, ...(l2.formNames ?? [])])])).join(''))].join('')}]`,
);

/** A text that is a category of any framework (一级 or 二级指标, by any of its spellings). Asked of every indicator's name. */
export function isCategoryName(text: string): boolean {
  return text.length <= 16 && !CATEGORY_CHARACTERS.test(text) && categoryOf(text);
}

const categoryOf: (text: string) => boolean = memoByText(20_000, 16, (text) => {
  const t = text.trim();
  if (t === '' || t.length > 16) return false;
  for (const fw of FRAMEWORKS) if (normalizeCategories(fw, t, '').level1 !== null || normalizeCategories(fw, '', t).level2 !== null) return true;
  return false;
});

/** A level-2 category of any framework (by any spelling). */
const isLevel2Name: (text: string) => boolean = memoByText(2_000, 16, (text) => {
  if (text.trim() === '') return false;
  for (const fw of FRAMEWORKS) if (normalizeCategories(fw, '', text).level2 !== null) return true;
  return false;
});

/** The words of a sign-off, a seal, a contact or a date left for a signature. */
const SIGN_OFF = /盖章|签章|签字|填报人|填表人|联系电话|联系人|经办人|审核意见|负责人\s*[:：]|^\s*(\d{4}\s*)?年\s*\d*\s*月\s*\d*\s*日\s*$/;

/**
 * The first characters of every label a form, a sign-off or an indicator header may have (as written, a star or
 * numbering before it being rare in a name): a text starting with another is no label, at a glance. By character
 * code: asked of every indicator's name, without a string made of its first character.
 */
const LABEL_FIRSTS: ReadonlySet<number> = new Set(
  [
    ...PROJECT_LABELS.flatMap((r) => r.labels ?? []),
    ...DEPARTMENT_LABELS.flatMap((r) => r.labels ?? []),
    ...NON_DATA_LABELS,
    ...INDICATOR_COLUMN_HEADERS.flatMap((c) => c.headers),
    // the patterns' alternatives (中央…资金, 区级…资金), and the opinions of offices (…部门审核意见)
    ...'中省自盟旗市县区乡街上本同结社专政国财事经其部单主评机领项填（(',
  ].map((l) => l.charCodeAt(0)),
);

/** A label of a form (a project's or a department's, a sign-off's, an indicator header): not an indicator's name. */
const isFormLabel = (text: string): boolean => text.length <= 24 && LABEL_FIRSTS.has(text.trimStart().charCodeAt(0)) && formLabelOf(text);
const formLabelOf: (text: string) => boolean = memoByText(20_000, 24, isFormLabelOf);

function isFormLabelOf(text: string): boolean {
  const key = normalizeLabel(text).key;
  if (key === '' || key.length > 12) return false;
  const project = lookupLabel(PROJECT_LABELS, key);
  if (project !== null && project !== 'indicatorGroup' && project !== 'unit') return true;
  const department = lookupLabel(DEPARTMENT_LABELS, key);
  if (department !== null && department !== 'indicatorGroup') return true;
  return isNonDataLabel(text) || readIndicatorHeader(text).field !== null;
}

/** A text the form vocabulary knows only as a source of money (区级资金, 社会救助资金: the fundingLine pattern). */
const isFundingLine = (text: string): boolean => text.length <= 24 && lookupLabel(PROJECT_LABELS, normalizeLabel(text).key) === 'fundingLine';

/** Headings that never name a project: 中长期绩效目标, 年度绩效指标, 绩效目标表 … */
const SUB_HEADING = /^(项目)?(年度|本年度|中长期|中期|长期|实施期|整体|部门整体)?(绩效)?(目标|指标)(表|申报表)?$/;

/** "指标1：…", "产出指标：…", "数量指标：…": an indicator written in running text. */
const RUNNING_INDICATOR = /(?:^|[;；。\n\s])(?:指标\s*\d+|(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|满意度|产出|效益)指标)\s*[:：]/g;

/** How many indicators a running text holds (RUNNING_INDICATOR). */
export function runningIndicatorCount(text: string): number {
  // every such text has 指标 and a colon: most texts are out at a glance
  if (!text.includes('指标')) return 0;
  RUNNING_INDICATOR.lastIndex = 0;
  let n = 0;
  while (RUNNING_INDICATOR.exec(text) !== null) n++;
  return n;
}


/**
 * The checks of a project's table as read: `headers` are the indicator headers its structure found,
 * `unplaced` the texts the reader could not place (unrecognized cells and rows), `doubt` where to say.
 */
export function checkProject(project: Project, tableName: string, headers: readonly HeaderBlock[], unplaced: readonly { text: string; where: SourceLocation }[], doubt: DoubtSink): void {
  // a table read as the period's targets only: its checks are those of its long-term indicators
  checkIndicators(project.indicators.length > 0 ? project.indicators : project.longTermIndicators, tableName, headers, doubt);
  // asked of every table: plain tests, the costly ones only for short texts that may be what they test for
  const raw = project.name;
  if (raw.length <= 40 && (VALUE_START.test(raw) || raw.includes('目标') || raw.includes('指标'))) {
    const name = compactLabel(raw);
    if (name !== '' && (SUB_HEADING.test(name) || isMediumTermTitle(name) || looksLikeValue(name))) {
      doubt('project-name-doubtful', `${tableName}的项目名称“${preview(raw, 30)}”像是小标题或数值，不像项目名称`, project.sources.name ?? project.source);
    }
  }
  // a value that is itself a label or a table's title: the label and its value out of step
  // a name that reads like a source of money (专项资金) is a name: only that pattern matches it
  if (isLabelOrTitle(raw) && !isFundingLine(raw)) doubt('label-value-is-label', `${tableName}中“项目名称”的值“${preview(raw, 20)}”是另一个栏目或表格的名称`, project.sources.name ?? project.source);
  else if (project.department !== null && isLabelOrTitle(project.department.name)) {
    doubt('label-value-is-label', `${tableName}中“单位”的值“${preview(project.department.name, 20)}”是另一个栏目或表格的名称`, project.sources.department ?? project.source);
  } else {
    for (const f of project.fields) {
      if (!isLabelOrTitle(f.value)) continue;
      doubt('label-value-is-label', `${tableName}中“${preview(f.label, 16)}”的值“${preview(f.value, 20)}”是另一个栏目或表格的名称`, f.source);
      break;
    }
  }
  // indicators left as running text in a field, a goal or the purpose
  const goalsAt = project.sources.goals ?? project.source;
  let running: { text: string; where: SourceLocation } | null = null;
  for (const f of project.fields) if (running === null && runningIndicatorCount(f.value) >= 2) running = { text: f.value, where: f.source };
  for (const g of project.goals) if (running === null && runningIndicatorCount(g) >= 2) running = { text: g, where: goalsAt };
  for (const g of project.longTermGoals) if (running === null && runningIndicatorCount(g) >= 2) running = { text: g, where: goalsAt };
  if (running === null && project.purpose !== null && runningIndicatorCount(project.purpose) >= 2) running = { text: project.purpose, where: project.sources.purpose ?? project.source };
  if (running !== null) doubt('indicators-in-text', `${tableName}中的文字“${preview(running.text, 30)}”写有指标，未能拆分为指标`, running.where);
  if (unplaced.length > 0) checkUnplaced(unplaced, tableName, doubt);
}

/** A value that is a label of a form or a target table's title: a label and its value out of step. */
function isLabelOrTitle(text: string): boolean {
  if (text === '' || text.length > 40) return false;
  if (isFormLabel(text)) return true;
  return text.includes('表') && PROJECT_TABLE_TITLE.test(compactLabel(text));
}

/** The checks of a department's whole-budget table as read. */
export function checkDepartmentTargets(targets: DepartmentTargets, tableName: string, headers: readonly HeaderBlock[], unplaced: readonly { text: string; where: SourceLocation }[], doubt: DoubtSink): void {
  checkIndicators(targets.indicators, tableName, headers, doubt);
  if (headers.length > 0 && targets.indicators.length === 0) {
    doubt('no-indicators', `${tableName}有指标表头，但其下没有读到任何指标`, headers[0] ? targets.source : targets.source);
  }
  const texts = [
    ...targets.fields.map((f) => ({ text: f.value, where: f.source })),
    ...targets.goals.map((g) => ({ text: g, where: targets.sources.goals ?? targets.source })),
    ...targets.duties.flatMap((d) => [d.function, d.task, d.projects].filter((t): t is string => t !== null).map((text) => ({ text, where: d.source }))),
  ];
  checkTexts(texts, tableName, doubt);
  checkUnplaced(unplaced, tableName, doubt);
}

/** Indicators left as running text in a field, a goal or a duty. */
function checkTexts(texts: readonly { text: string; where: SourceLocation }[], tableName: string, doubt: DoubtSink): void {
  for (const { text, where } of texts) {
    if (runningIndicatorCount(text) >= 2) {
      doubt('indicators-in-text', `${tableName}中的文字“${preview(text, 30)}”写有指标，未能拆分为指标`, where);
      return;
    }
  }
}

/** Values (amounts, percents) the reader could not place. */
function checkUnplaced(unplaced: readonly { text: string; where: SourceLocation }[], tableName: string, doubt: DoubtSink): void {
  for (const { text, where } of unplaced) {
    if (text.split(/\s*\|\s*/).some(looksLikeValue)) {
      doubt('unplaced-values', `${tableName}中的“${preview(text, 30)}”有数值未能读入任何栏目`, where);
      return;
    }
  }
}

function checkIndicators(indicators: readonly Indicator[], tableName: string, headers: readonly HeaderBlock[], doubt: DoubtSink): void {
  if (indicators.length === 0) return;
  let said: DoubtCode[] | null = null;
  const once = (code: DoubtCode, message: string, where: SourceLocation) => {
    if (said?.includes(code)) return;
    (said ??= []).push(code);
    doubt(code, message, where);
  };
  // A header with no target column while another column holds values in most rows; a target of the period
  // (实施周期指标值, 中期目标) beside a column of values of no known name is no year's target either.
  for (const h of headers) {
    if (h.targets.ofYear) continue;
    const valued = h.columns.filter((c) => c.field === null && !c.rowGroup && c.text !== '').find((c) => {
      const cells = indicators.map((i) => i.extras.find((e) => e.header === c.text)?.text ?? '');
      return cells.filter(looksLikeValue).length * 2 >= indicators.length;
    });
    if (valued !== undefined) once('header-no-target', `${tableName}的指标表头中没有识别出指标值列，“${valued.path.join('›')}”列写着数值，可能就是指标值`, indicators[0]!.source);
    // no target column at all: the targets, values or words (有效提升), are read as nothing (issue 53)
    else if (!h.targets.any) {
      once('header-no-target', `${tableName}的指标表头中没有识别出指标值列`, indicators[0]!.source);
    }
  }
  for (const h of headers) if (h.ambiguity !== null) once('header-ambiguous', `${tableName}：${h.ambiguity}，无法确定本年度的指标值`, indicators[0]!.source);
  // Most targets empty while another cell of their rows holds a value.
  let blank = 0;
  for (let k = 0; k < indicators.length; k++) if (indicators[k]!.target.kind === 'empty') blank++;
  const empty = blank * 2 >= indicators.length ? indicators.filter((i) => i.target.kind === 'empty') : [];
  if (empty.length > 0 && headers.some((h) => h.columns.some((c) => c.field === 'target' || c.field === 'value'))) {
    const valued = empty.filter((i) => i.extras.some((e) => looksLikeValue(e.text)));
    if (valued.length * 2 >= empty.length && valued.length > 0) {
      once('targets-unread', `${tableName}中${empty.length}个指标的指标值为空，而同一行的其他列写着数值（如“${preview(valued[0]!.extras.find((e) => looksLikeValue(e.text))!.text, 12)}”）`, valued[0]!.source);
    }
  }
  // a form whose 指标名称 column names (two in three or more of) its indicators by their category (临海's 项目库 form: 数量指标 | 375万平方米): its own
  // design, not a row read one column off, which leaves the other rows' names as names (issue 74)
  let categoryNames = 0;
  for (let k = 0; k < indicators.length; k++) if (isCategoryName(indicators[k]!.name)) categoryNames++;
  const namedByCategory = indicators.length >= 3 && categoryNames * 3 >= indicators.length * 2;
  // the category columns the headers have (1: level 1, 2: level 2)
  let levelColumns = 0;
  for (const h of headers) for (const c of h.columns) levelColumns |= c.field === 'level1' ? 1 : c.field === 'level2' ? 2 : 0;
  // every indicator of every table: plain loops, answers remembered by text (no closure per row)
  for (let k = 0; k < indicators.length; k++) {
    const ind = indicators[k]!;
    const at = ind.sources.name ?? ind.source;
    if (looksLikeValue(ind.name)) once('name-is-value', `${tableName}的三级指标名称“${preview(ind.name, 20)}”是一个数值`, at);
    else if (!namedByCategory && isCategoryName(ind.name) && !looksLikeValue(ind.target.raw) && !(ind.level2Raw !== '' && isLevel2Name(ind.level2Raw) && !ind.level2Inherited)) {
      once('name-is-category', `${tableName}的三级指标名称“${preview(ind.name, 20)}”是指标类别，其指标值“${preview(ind.target.raw, 12)}”不像数值`, at);
    } else if (!namedByCategory && ((levelColumns & 1 && ind.level1Raw === '') || (levelColumns & 2 && ind.level2Raw === '')) && isCategoryName(ind.name)) {
      // a category in the name's place while its row's category column is empty: a row short of a cell, read one column off (issue 53)
      once('name-is-category', `${tableName}的三级指标名称“${preview(ind.name, 20)}”是指标类别，而该行的类别列为空`, at);
    } else if (isFormLabel(ind.name) && !(ind.target.raw !== '' && isFundingLine(ind.name))) {
      // a source of money's name (社会救助资金) with a target beside it is an indicator named so, not a label (issue 68)
      once('name-is-label', `${tableName}的三级指标名称“${preview(ind.name, 20)}”是表格的栏目名称`, at);
    }
    if ((!ind.level1Inherited && looksLikeValue(ind.level1Raw)) || (!ind.level2Inherited && looksLikeValue(ind.level2Raw))) {
      once('cell-misfit', `${tableName}指标“${preview(ind.name, 20)}”的类别列中写着数值`, ind.source);
    } else if (ind.target.raw !== '' && isCategoryName(ind.target.raw)) {
      once('cell-misfit', `${tableName}指标“${preview(ind.name, 20)}”的指标值“${preview(ind.target.raw, 12)}”是指标类别`, ind.sources.target ?? ind.source);
    }
    if (signsOff(ind)) once('signoff-in-indicators', `${tableName}指标“${preview(ind.name, 20)}”中有签章、联系方式或日期，可能是签章行`, ind.source);
  }
}

/** A character every sign-off text has one of (SIGN_OFF): most cells are out at a glance. */
const SIGN_OFF_CHARACTER = /[章签填联办见责日]/;

const isSignOff = (text: string, max: number) => text.length <= max && SIGN_OFF_CHARACTER.test(text) && SIGN_OFF.test(text);

/** An indicator whose name, target or a short cell beside them is a sign-off's, a seal's, a contact's or a date's. */
function signsOff(ind: Indicator): boolean {
  if (isSignOff(ind.name, 200) || isSignOff(ind.target.raw, 200)) return true;
  for (let e = 0; e < ind.extras.length; e++) if (isSignOff(ind.extras[e]!.text, 30)) return true;
  return false;
}

/** What a table's reading gathers for its checks: the headers its structure found, the doubts met while reading, the texts it could not place. */
export interface TableChecks {
  headers: HeaderBlock[];
  doubts: Doubt[];
  unplaced: { text: string; where: SourceLocation }[];
}

export const tableChecks = (): TableChecks => ({ headers: [], doubts: [], unplaced: [] });

/** Diagnostics of a text the reader could not place in a table. */
const UNPLACED_CODES: ReadonlySet<string> = new Set(['unrecognized-cell', 'unrecognized-row', 'extra-cells']);

/**
 * The reporter of a table's reading: it reports as `report` does and keeps the texts of what it could not
 * place (their quoted text, as the message gives it) for the table's checks.
 */
export function watchUnplaced(report: Report, checks: TableChecks): Report {
  return (severity, code, message, source) => {
    report(severity, code, message, source);
    if (!UNPLACED_CODES.has(code)) return;
    const quoted = /“([^”]*)”[^“]*$/.exec(message);
    if (quoted) checks.unplaced.push({ text: quoted[1]!, where: source });
  };
}
