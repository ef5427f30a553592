/**
 * missing — a required element is absent (完整性).
 *
 * A whole spending plan left blank is `missing`; single blank checkpoints in an otherwise filled
 * plan are a malformed plan (schedule.ts). A category cell that is blank or unknown is taxonomy.ts;
 * here only a required category that no row of the table has.
 */
import { formAsksDepartmentGoal } from '../../domain/document-scope';
import type { IndicatorFramework } from '../../domain/framework';
import type { Fen, Indicator } from '../../domain/model';
import { formatWan } from '../../domain/money';
import { formHasColumn, formHasField, formOf, type FormColumnRole, type FormFieldRole, type FormProfile } from '../../domain/form-profile';
import { isDepartmentTargets, type DocumentRule, type IndicatorRule, type ProjectRule, type Rule, type RuleHit, NO_HITS } from '../types';
import type { ReviewConfig } from '../config';
import { perConfig, perPair, perReview, perText, sharedText } from '../memo';
import type { CellText, RowFacts } from '../facts';
import { unitFamily } from '../units';
import { departmentOf, isFigureList, isUnfilledTable, nameIsLevel2, projectCalled, tableLabel, templatePhraseOf, type TemplatePhrase } from '../readings';


/**
 * Whether a cell is empty or only white space. The same as `s.trim() === ''` (a regular expression's \s is the set
 * trim removes), without a trimmed copy: this runs for several cells of every row, and a cell is seldom blank. A
 * cell that starts with a printable ASCII character or a Chinese character (none of them white space) is answered
 * at once, any other by the regular expression.
 */
function isBlank(s: string | null | undefined): boolean {
  if (s === null || s === undefined || s.length === 0) return true;
  const c = s.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x3400 && c <= 0x9fff)) return false;
  return !NOT_SPACE.test(s);
}
const NOT_SPACE = /\S/;

const projectCode: ProjectRule = {
  id: 'missing.project-code',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少项目编码',
  description:
    '表样有“项目编码”栏而未填写：每个预算项目都应有预算系统中的项目编码（区划码+年度+P+序号），否则无法与预算、执行和评价数据对应。表样没有该栏时不报告（见 missing.form-lacks-fields）。' +
    '建议中的编码样式取自本文档其他项目的编码（区划码和年度），没有时不举例。',
  examples: {
    triggers: { description: '项目编码为空', patch: { project: { code: null } } },
    passes: { description: '表样没有项目编码栏，编码为空', patch: { project: { code: null, form: { lacksFields: ['code'] } } } },
  },
  check(project, ctx) {
    if (project.code || !formHasField(project, 'code')) return NO_HITS;
    const pattern = codePatternOf(ctx);
    return [
      {
        field: 'code',
        source: project.sources.code ?? project.source,
        message: `${projectCalled(project)}缺少项目编码`,
        suggestion:
          pattern === null
            ? '按预算系统中的项目编码补填（区划码+年度+P+序号）。'
            : `按预算系统中的项目编码补填（本文档的编码形如“${pattern}…”：区划码${pattern.slice(0, 6)}+年度${pattern.slice(6, 8)}+P+序号）。`,
      },
    ];
  },
};

/**
 * The pattern of the document's own project codes: region (6 digits) + year (2) + "P", from the most common region of
 * its codes, the year being the document's (else the codes'); null when no code of the document shows one. Never an
 * example from another region or year.
 */
const codePatternOf = perReview((ctx): string | null => {
  const counts = new Map<string, number>();
  for (const p of ctx.doc.projects) {
    const m = p.code === null ? null : CODE_PATTERN.exec(p.code.replace(/\s+/g, ''));
    if (m === null) continue;
    const key = `${m[1]}${m[2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [key, n] of counts) if (n > most) [best, most] = [key, n];
  if (best === null) return null;
  const year = ctx.doc.year === null ? best.slice(6, 8) : String(ctx.doc.year % 100).padStart(2, '0');
  return `${best.slice(0, 6)}${year}P`;
});
const CODE_PATTERN = /^(\d{6})(\d{2})P/;

const projectName: ProjectRule = {
  id: 'missing.project-name',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少项目名称',
  description: '项目名称是绩效目标表与预算项目、公开内容对应的依据，不能为空。',
  examples: {
    triggers: { description: '项目名称为空', patch: { project: { name: '' } } },
    passes: { description: '项目名称“社区服务项目”', patch: {} },
  },
  check(project) {
    if (!isBlank(project.name)) return NO_HITS;
    return [
      {
        field: 'name',
        source: project.sources.name ?? project.source,
        message: `${tableLabel(project)}${project.code ? `（${project.code}）` : ''}缺少项目名称`,
        suggestion: '按预算系统中的项目名称补填。',
      },
    ];
  },
};

const budgetTotal: ProjectRule = {
  id: 'missing.budget-total',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少预算数',
  description: '预算数是判断目标与资金是否匹配、编制支出计划和开展执行监控的基础，必须填写。',
  examples: {
    triggers: { description: '预算数为空', patch: { project: { total: null } } },
    passes: { description: '预算数 10.00 万元', patch: {} },
  },
  check(project) {
    if (project.budget.total !== null || !formHasField(project, 'total')) return NO_HITS;
    return [
      {
        field: 'budget.total',
        source: project.sources.total ?? project.source,
        message: `${projectCalled(project)}未填写预算数`,
        suggestion: '按年度预算批复（或预算申报）的金额填写预算数（万元），并与财政资金、其他资金之和一致。',
      },
    ];
  },
};

const fundSource: ProjectRule = {
  id: 'missing.fund-source',
  category: 'missing',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  title: '未填写资金来源',
  description:
    '填写了预算数，但表样上的资金来源栏（“其中：财政资金”“其他资金”等）都为空，看不出资金来源，也无法核对二者之和是否等于预算数。表样没有资金来源栏时不报告。',
  examples: {
    triggers: { description: '预算数 10.00 万元，财政资金、其他资金均为空', patch: { project: { fiscal: null, other: null } } },
    passes: { description: '表样只有预算数一栏，没有财政资金、其他资金栏', patch: { project: { fiscal: null, other: null, form: { lacksFields: ['fiscal', 'other'] } } } },
  },
  check(project) {
    const { total, fiscal, other } = project.budget;
    if (total === null || fiscal !== null || other !== null) return NO_HITS;
    if (!formHasField(project, 'fiscal') && !formHasField(project, 'other')) return NO_HITS;
    return [
      {
        field: 'budget.fiscal',
        source: project.sources.fiscal ?? project.sources.total ?? project.source,
        message: `${projectCalled(project)}填写了预算数，但财政资金和其他资金均为空`,
        suggestion: '按资金来源填写“其中：财政资金”和“其他资金”（全部为财政资金时，财政资金填预算数）。',
      },
    ];
  },
};

const purpose: ProjectRule = {
  id: 'missing.purpose',
  category: 'missing',
  severity: 'warning',
  criterion: '完整性',
  scope: 'project',
  title: '缺少资金用途',
  description: '表样有“资金用途”栏而未填写：“预算规模及资金用途”应说明资金具体用于什么，是判断目标与资金是否相关、匹配的依据。表样没有该栏时不报告。',
  examples: {
    triggers: { description: '资金用途为空', patch: { project: { purpose: null } } },
    passes: { description: '表样没有资金用途栏，资金用途为空', patch: { project: { purpose: null, form: { lacksFields: ['purpose'] } } } },
  },
  check(project) {
    if (!isBlank(project.purpose) || !formHasField(project, 'purpose')) return NO_HITS;
    return [
      {
        field: 'purpose',
        source: project.sources.purpose ?? project.source,
        message: `${projectCalled(project)}未填写资金用途`,
        suggestion: '写明资金的具体用途，如支出内容、对象和标准（例如“用于发放社区工作者薪酬及缴纳社会保险”）。',
      },
    ];
  },
};

const goals: ProjectRule = {
  id: 'missing.goals',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少项目绩效目标',
  description:
    '每个项目都应写明年度绩效目标（做什么、达到什么效果），绩效指标是对目标的细化，没有目标就无法判断指标是否相关。' +
    '按表样的目标栏判断：只有一个目标栏的，该栏为空即报告；有“中长期目标”和“年度目标”两栏的，年度目标为空即报告（只填了中长期目标时说明）；表样只有中长期目标栏的，该栏为空才报告。',
  examples: {
    triggers: { description: '绩效目标为空', patch: { project: { goals: [] } } },
    passes: { description: '绩效目标“全年开展社区服务活动12场”等两条', patch: {} },
  },
  check(project) {
    const form = formOf(project);
    const annual = form.fields.goals !== undefined;
    if (annual ? project.goals.some((g) => !isBlank(g)) : form.fields.longTermGoals === undefined || project.longTermGoals.some((g) => !isBlank(g))) return NO_HITS;
    const label = (annual ? form.fields.goals : form.fields.longTermGoals) ?? '绩效目标';
    const longTermOnly = annual && project.longTermGoals.some((g) => !isBlank(g));
    return [
      {
        field: 'goals',
        source: project.sources.goals ?? project.source,
        message: longTermOnly
          ? `${projectCalled(project)}只填写了中长期目标，未填写“${label}”`
          : `${projectCalled(project)}未填写${label === '绩效目标' ? '绩效目标' : `“${label}”`}`,
        suggestion: '按“1. 2. …”分条写明本年度要完成的任务及预期效果，如“全年开展社区服务活动12场，居民满意度达到90%以上”。',
      },
    ];
  },
};

const spendingPlan: ProjectRule = {
  id: 'missing.spending-plan',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少资金支出计划',
  description:
    '资金支出计划（3月底、6月底、10月底、12月底的累计进度）是执行监控（“双监控”）比对支出进度的依据，表样有该栏而四个节点全部为空即视为缺少。部分节点为空见 schedule.blank-checkpoint。' +
    '表样没有支出计划栏时不报告（见 missing.form-lacks-fields）。',
  examples: {
    triggers: { description: '支出计划四个节点全部为空', patch: { project: { plan: ['', '', '', ''] } } },
    passes: { description: '表样没有支出计划栏，四个节点为空', patch: { project: { plan: ['', '', '', ''], form: { lacksFields: ['spendingPlan'] } } } },
  },
  check(project) {
    if (project.spendingPlan.some((c) => c.given !== null) || !formHasField(project, 'spendingPlan')) return NO_HITS;
    return [
      {
        field: 'spendingPlan',
        source: project.sources.spendingPlan ?? project.spendingPlan.find((c) => c.source)?.source ?? project.source,
        message: `${projectCalled(project)}未填写资金支出计划（3月底、6月底、10月底、12月底均为空）`,
        suggestion: '按预计用款进度填写各节点的累计支出比例（如 25% 50% 75% 100%）或累计金额，12月底应达到 100%（预算数）。',
      },
    ];
  },
};

const indicators: ProjectRule = {
  id: 'missing.indicators',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '没有绩效指标',
  description: '项目绩效目标表必须有绩效指标，把目标细化为可衡量的产出、效益和满意度指标。',
  examples: {
    triggers: {
      description: '指标表为空（六行全部删除）',
      patch: { indicators: Array.from({ length: 6 }, () => ({ at: 0, remove: true })) },
    },
    passes: { description: '指标表有六行指标', patch: {} },
  },
  check(project) {
    if (project.indicators.length > 0) return NO_HITS;
    return [
      {
        field: 'indicators',
        source: project.source,
        message: `${projectCalled(project)}没有填写任何绩效指标`,
        suggestion: '按指标体系填写产出指标（数量、质量、时效、成本）、效益指标和满意度指标。',
      },
    ];
  },
};

/** Whether the framework knows a level-1 name, or a level-2 name under that level 1. */
const frameworkHasLevel1 = (fw: IndicatorFramework, name: string) => fw.level1.some((l1) => l1.name === name);
const frameworkHasLevel2 = (fw: IndicatorFramework, parent: string, name: string) =>
  fw.level1.some((l1) => l1.name === parent && l1.level2.some((l2) => l2.name === name));

const requiredLevel1: ProjectRule = {
  id: 'missing.required-level1',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少必备的一级指标',
  description:
    '指标表应包含指标体系的每个必备一级指标（默认产出指标、效益指标、满意度指标，按地区和年度设置）。二级指标放错了一级指标的行仍按其所属类别计入（错位由 taxonomy 规则报告）。' +
    '整个产出指标都缺少时由 missing.measurable-output 报告一次（同一缺陷只报一条、只扣一次分），其下缺少的二级指标也不再逐个报告。',
  examples: {
    triggers: { description: '删除“满意度指标”一行，表中没有满意度指标', patch: { indicators: [{ at: 5, remove: true }] } },
    passes: { description: '产出、效益、满意度指标齐全', patch: {} },
  },
  check(project, { config, framework }, rows) {
    if (project.indicators.length === 0) return NO_HITS; // missing.indicators
    const hits: RuleHit[] = [];
    // no output indicator at all: missing.measurable-output says so (and caps the grade), once
    const outputs = config.severityOverrides['missing.measurable-output'] === 'off' ? null : config.scoring.gradeCaps.outputDefects.level1;
    for (const name of config.requiredLevel1) {
      if (name === outputs || !frameworkHasLevel1(framework, name) || firstCounted(rows, name) !== null) continue;
      // a satisfaction measure filed under another category: taxonomy.satisfaction-misplaced says to move it (one
      // defect, one finding); "missing" would have the unit add a second one
      if (name === SATISFACTION_LEVEL1 && rows.some((row) => row.nameCell.satisfactionHead !== null)) continue;
      hits.push({
        field: 'indicators' as const,
        source: project.indicators[0]!.source,
        message: `${projectCalled(project)}的绩效指标缺少一级指标“${name}”`,
        suggestion: `补充“${name}”及其下的二级、三级指标（${exampleLevel2(framework, name)}），并设置可衡量的指标值。`,
      });
    }
    return hits;
  },
};

const SATISFACTION_LEVEL1 = '满意度指标';

function exampleLevel2(fw: IndicatorFramework, level1: string): string {
  const names = fw.level1.find((l1) => l1.name === level1)?.level2.map((l2) => l2.name) ?? [];
  return names.length ? names.join('、') : level1;
}

const requiredLevel2: ProjectRule = {
  id: 'missing.required-level2',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '缺少必备的二级指标',
  description:
    '一级指标下应有的二级指标都至少有一条（默认产出指标下数量、质量、时效、成本指标各至少一条，按地区和年度设置）。同一一级指标下缺少的二级指标合并为一条问题；整个一级指标都缺少时只报 missing.required-level1。' +
    '表样没有二级指标栏、把类别写在指标名称栏的（“产出指标 | 数量指标 | 186万平方米”），写了的类别算作已有（指标没有命名由 taxonomy.unknown-level2 报告）。',
  examples: {
    triggers: { description: '删除“成本指标”一行，产出指标下没有成本指标', patch: { indicators: [{ at: 3, remove: true }] } },
    passes: { description: '产出指标下数量、质量、时效、成本指标齐全', patch: {} },
  },
  check(project, { config, framework }, rows) {
    if (project.indicators.length === 0) return NO_HITS;
    // A table has a handful of rows: scanning them for each required category allocates nothing (this runs for
    // every project; a map of sets per project was a good part of the review's garbage).
    const hits: RuleHit[] = [];
    const required = requiredLevel2Of(config);
    for (let r = 0; r < required.length; r++) {
      const [parent, names] = required[r]!;
      const first = firstCounted(rows, parent);
      if (first === null) continue; // the whole level 1 is missing: requiredLevel1 says so
      if (names.length > MAX_NUMBERED) {
        // settings that require more level 2s under one level 1 than a number has bits for: the words built each time
        const list = names.filter((name) => absentUnder(framework, rows, parent, name));
        if (list.length > 0) {
          hits.push({ field: 'indicators', source: first.source, message: requiredLevel2Message(projectCalled(project), parent, list), suggestion: requiredLevel2Advice(parent, list, project.budget.total) });
        }
        continue;
      }
      let absent = 0; // a bit for each of `names` absent
      for (let n = 0; n < names.length; n++) if (absentUnder(framework, rows, parent, names[n]!)) absent += 2 ** n;
      if (absent === 0) continue;
      // the level 1 and its absent level 2s as one number; the cost hint names the budget
      const which = r + required.length * absent;
      const cost = names.indexOf('成本指标');
      const total = cost >= 0 && Math.floor(absent / 2 ** cost) % 2 === 1 ? project.budget.total : null;
      hits.push({
        field: 'indicators',
        source: first.source,
        message:
          project.name.trim() === ''
            ? requiredLevel2Message(projectCalled(project), parent, absentNames(names, absent))
            : requiredLevel2Words(project.name, which, config),
        suggestion: requiredLevel2Suggestion(which, total, config),
      });
    }
    return hits;
  },
};

/** How many required level 2s under one level 1 the rule numbers by bits (a level 1 and its absent ones as one exact number). */
const MAX_NUMBERED = 30;

/** The names of `names` whose bits `absent` has (the settings' order). */
function absentNames(names: readonly string[], absent: number): string[] {
  const out: string[] = [];
  for (let n = 0; n < names.length; n++) if (Math.floor(absent / 2 ** n) % 2 === 1) out.push(names[n]!);
  return out;
}

/** The level 1 and absent level 2s a number stands for (`r + required.length × absent`, as the rule makes it). */
function absenceOf(which: number, config: ReviewConfig): { parent: string; absent: string[] } {
  const required = requiredLevel2Of(config);
  const [parent, names] = required[which % required.length]!;
  return { parent, absent: absentNames(names, Math.floor(which / required.length)) };
}

/**
 * The rule's words, once per project name and absence (the level 1 and its absent level 2s as one number): a
 * department's projects of the same name (year after year) lack the same categories (bench:review's 7,656 findings
 * say 824 things, and suggest 5,195). Found by the name the document already holds and a number, where a key text
 * built for every finding was hashed afresh each time (issue 55).
 */
const requiredLevel2Words = perPair((name: string, which: number, config) => {
  const { parent, absent } = absenceOf(which, config);
  // a name that is not blank is all projectCalled reads (the blank one is never kept here)
  return requiredLevel2Message(projectCalled({ name, part: 'project', sequence: 0 }), parent, absent);
});

/** The suggestion, once per absence and, when the cost hint is among them, budget (null otherwise). */
const requiredLevel2Suggestion = perPair((which: number, total: Fen | null, config) => {
  const { parent, absent } = absenceOf(which, config);
  return requiredLevel2Advice(parent, absent, total);
});

const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join('、');

function requiredLevel2Message(called: string, parent: string, absent: readonly string[]): string {
  return `${called}的“${parent}”下缺少${quoted(absent)}`;
}

function requiredLevel2Advice(parent: string, absent: readonly string[], total: Fen | null): string {
  return `在“${parent}”下补充${quoted(absent)}，${absent.length > 1 ? '各' : ''}至少一条可衡量的指标（如${absent.map((n) => level2Hint(n, total)).join('；')}）。`;
}

/** config.requiredLevel2 as [level 1, its required level 2s], once per settings. */
const requiredLevel2Of = perConfig((config) => Object.entries(config.requiredLevel2));

/** The first row that counts for a level 1; null when none does. */
function firstCounted(rows: readonly RowFacts[], level1: string): Indicator | null {
  for (const row of rows) if (row.countedLevel1 === level1) return row.indicator;
  return null;
}

/** Whether a required level 2 the framework has under `level1` is absent from the rows. */
function absentUnder(framework: IndicatorFramework, rows: readonly RowFacts[], level1: string, level2: string): boolean {
  return frameworkHasLevel2(framework, level1, level2) && !hasLevel2Under(rows, level1, level2);
}

/** Whether a row counting for `level1` has the level 2 `level2`. */
function hasLevel2Under(rows: readonly RowFacts[], level1: string, level2: string): boolean {
  for (const row of rows) {
    if (row.countedLevel1 !== level1) continue;
    // a form with no 二级指标 column writes the category as the name (“数量指标 | 375万平方米”): it is there
    if (row.indicator.level2 === level2 || nameIsLevel2(row.indicator, level2)) return true;
  }
  return false;
}

/** A concrete hint per common second-level category; generic otherwise. */
function level2Hint(name: string, total: Fen | null): string {
  // the cost hint, which formats the budget, only for 成本指标 (this runs for every absent level 2 of every project)
  if (name === '成本指标') return total === null ? '成本指标“不超过预算数”' : `成本指标“≤${formatWan(total)}万元”`;
  return LEVEL2_HINTS[name] ?? `${name}一条`;
}

const LEVEL2_HINTS: Readonly<Record<string, string>> = {
  数量指标: '数量指标“发放人数 ≥100人”',
  质量指标: '质量指标“发放准确率 100%”',
  时效指标: '时效指标“12月底前完成”',
};

const target: IndicatorRule = {
  id: 'missing.target',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值为空',
  description: '每条绩效指标都要有指标值，否则年底无法判断是否完成、无法自评打分。',
  examples: {
    triggers: { description: '数量指标“开展活动场次”的指标值为空', patch: { indicators: [{ at: 0, target: '' }] } },
    passes: { description: '数量指标“开展活动场次”的指标值“≥12场”', patch: {} },
  },
  targetKind: 'empty',
  check(indicator) {
    if (indicator.target.kind !== 'empty') return NO_HITS;
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `指标“${indicator.name || '（无名称）'}”未填写指标值`,
        suggestion: '填写可衡量的指标值，写明运算符、数值和单位（如“≥12场”“≥90%”“≤10万元”），或明确的完成时限。',
      },
    ];
  },
};

const indicatorName: IndicatorRule = {
  id: 'missing.indicator-name',
  category: 'missing',
  severity: 'warning',
  criterion: '完整性',
  scope: 'indicator',
  title: '缺少三级指标名称',
  description: '三级指标名称说明衡量的是什么；没有名称，指标值无从理解，也无法在监控和自评中对应。',
  examples: {
    triggers: { description: '数量指标一行的三级指标名称为空', patch: { indicators: [{ at: 0, name: '' }] } },
    passes: { description: '三级指标“开展活动场次”', patch: {} },
  },
  check(indicator, project) {
    // the form is asked only for a blank name (rare): no lookup per row
    if (!isBlank(indicator.name) || !formHasColumn(project, 'name')) return NO_HITS;
    const what = [indicator.level2 ?? indicator.level2Raw, indicator.target.raw].filter((s) => s !== '').join('，指标值 ');
    return [
      {
        field: 'indicatorName',
        source: indicator.sources.name ?? indicator.source,
        message: `一行绩效指标（${what || '无内容'}）缺少三级指标名称`,
        suggestion: '填写具体的三级指标名称，说明衡量的对象（如“开展活动场次”“居民满意度”）。',
      },
    ];
  },
};

const basis: IndicatorRule = {
  id: 'missing.basis',
  category: 'missing',
  severity: 'warning',
  criterion: '完整性',
  scope: 'indicator',
  title: '缺少指标值确定依据',
  description:
    '“指标值确定依据”说明指标值从何而来：计划标准、行业标准、历史标准、预算支出标准或其他认可的标准。表样有依据栏（或以“绩效标准”等栏、指标解释中的注明代替）而为空时，无法判断指标值设定是否合理。' +
    '绩效指标描述只写了依据（如“问卷调查”“通过满意度调查确定”）而依据栏为空时，依据已写在描述中，不报告。表样没有依据栏时不逐行报告（见 missing.form-lacks-fields）。',
  examples: {
    triggers: { description: '数量指标“开展活动场次”的指标值确定依据为空', patch: { indicators: [{ at: 0, basis: '' }] } },
    passes: { description: '表样没有指标值确定依据栏，依据为空', patch: { indicators: [{ at: 0, basis: '' }], project: { form: { lacksColumns: ['basis'] } } } },
  },
  check(indicator, project, { config }) {
    // the form is asked only for a blank basis: no lookup per filled row
    if (!isBlank(indicator.basis) || !formHasColumn(project, 'basis')) return NO_HITS;
    if (indicator.description && isBasisOnly(indicator.description, config)) return NO_HITS;
    const standards = Object.keys(config.basisStandards).join('、');
    return [
      {
        field: 'basis',
        source: indicator.sources.basis ?? indicator.source,
        message: `指标“${indicator.name || '（无名称）'}”（指标值“${indicator.target.raw}”）未填写指标值确定依据`,
        suggestion: `注明指标值的依据（${standards}之一），如“计划标准：年度工作计划”。`,
      },
    ];
  },
};

/**
 * Whether a description says how the value is set and nothing else (“问卷调查”, “通过满意度调查确定”): rows with little
 * to describe, a satisfaction rate above all, often carry their basis there and leave the basis cell blank; the basis
 * is then given, one cell to the left. The words are config.basisStandards'; a description that says more (“开展问卷调查
 * 的户数”) describes the indicator.
 */
const isBasisOnly = perText((description, config): boolean => {
  const core = description
    .replace(/[\s，。、；;,.:：]/g, '')
    .replace(/^(?:通过|采用|根据|依据|按照|按)/, '')
    .replace(/(?:确定|统计|结果|得出)$/, '');
  return core !== '' && Object.values(config.basisStandards).some((words) => words.includes(core));
});

/**
 * A unit written in brackets in the name or description ("反映年度问题解决数量（件）"): the reader knows what a bare
 * number counts. Null when none of a known family.
 */
export function bracketUnit(indicator: Indicator, config: ReviewConfig): string | null {
  for (const text of [indicator.description ?? '', indicator.name]) {
    for (const m of text.matchAll(/[（(]\s*([^（）()\s]{1,4})\s*[)）]/g)) {
      if (unitFamily(m[1]!, config) !== null) return m[1]!;
    }
  }
  return null;
}

/** Whether name and description both read as a rate, or one does and the other says nothing: a bare number is then a percentage. */
function surelyRate(row: RowFacts): boolean {
  const name = row.nameMeasure?.measure ?? null;
  const description = row.descriptionMeasure?.measure ?? null;
  return (name === 'percent' || description === 'percent') && (name === null || name === 'percent') && (description === null || description === 'percent');
}

/**
 * Whether a year-end check can say if the target was met: a number with a unit (in the cell, in the description's
 * brackets, or a rate's percent that name and description agree on), or a deadline.
 */
export function isMeasurable(row: RowFacts, config: ReviewConfig): boolean {
  const t = row.indicator.target;
  if (t.kind === 'deadline') return true;
  // a cell listing several figures with their units (“2人；1人/天；9547平方米”) packs several measurable indicators
  if (t.kind === 'qualitative' && isFigureList(t.raw)) return true;
  if (t.kind !== 'quantitative' || t.value === null) return false;
  if (row.family !== null) return true;
  return t.unit === null && (bracketUnit(row.indicator, config) !== null || surelyRate(row));
}

const measurableOutput: ProjectRule = {
  id: 'missing.measurable-output',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  departmentTargets: true,
  title: '没有可衡量的产出指标',
  description:
    '产出指标是年底核对“做了多少、做得怎样、是否按时、花了多少”的依据，至少要有一条可衡量：带计量单位的数值（“≥12场”“≥95%”“≤10万元”；单位写在描述括号中的如“（件）”，' +
    '或名称和描述都是比率、只漏了百分号的“覆盖率 ≥100”也算）或完成时限。' +
    '一个单元格列出几个带单位的数值（“2人；1人/天；9547平方米”，一行填了几个指标）也算可衡量。' +
    '产出指标全是“≥100”这样的裸数字或文字时，绩效目标无法监控和评价，评分上限为“差”。没有任何指标的项目由 missing.indicators 报告。',
  examples: {
    triggers: {
      description: '四条产出指标的指标值为“≥100”“达标”“按要求完成”“≤10”（没有单位，也没有时限）',
      patch: { indicators: [{ at: 0, target: '≥100' }, { at: 1, target: '达标' }, { at: 2, target: '按要求完成' }, { at: 3, target: '≤10' }] },
    },
    passes: {
      description: '数量指标“开展活动场次”指标值“≥12”，描述写明“（场）”，其余产出指标无单位',
      patch: { indicators: [{ at: 0, target: '≥12', description: '全年开展社区服务活动的场次（场）' }, { at: 1, target: '≥90' }, { at: 2, target: '按要求完成' }, { at: 3, target: '≤10' }] },
    },
  },
  check(project, { config, doc }, rows) {
    if (project.indicators.length === 0) return NO_HITS; // missing.indicators
    const level1 = config.scoring.gradeCaps.outputDefects.level1;
    // most tables have a measurable output: answered without a list (issue 18)
    for (const row of rows) if (row.countedLevel1 === level1 && isMeasurable(row, config)) return NO_HITS;
    const outputs = rows.filter((row) => row.countedLevel1 === level1).map((row) => row.indicator);
    // the department's whole-budget table need not repeat every category; only outputs it gives are judged
    if (outputs.length === 0 && isDepartmentTargets(project)) return NO_HITS;
    const shown = outputs.slice(0, 4).map((i) => `“${i.name || '（无名称）'}”${i.target.raw ? `“${i.target.raw}”` : '（空）'}`).join('、');
    return [
      {
        field: 'indicators',
        source: outputs[0]?.source ?? project.indicators[0]!.source,
        message: measurableOutputMessage(
          outputs.length === 0
            ? `${projectCalled(project)}没有${level1}，年底无法核对产出`
            : `${projectCalled(project)}的${outputs.length === 1 ? '唯一一条' : `${outputs.length}条`}${level1}${outputs.length === 1 ? '' : '都'}不可衡量（${shown}${outputs.length > 4 ? '等' : ''}），没有单位或时限`,
        ),
        suggestion: measurableOutputSuggestion(level1, doc.year === null ? '' : `${doc.year}年`, config),
      },
    ];
  },
};

// The rule's words: its message one string per distinct text (bench:review's 2,957 findings say 703 things), its
// suggestion once per category and year.
const measurableOutputMessage = sharedText();
const measurableOutputSuggestion = perPair(
  (level1, year) => `至少设定一条可核对的${level1}：数量写明单位（如“≥12场”“≥100人”），质量写比率（如“合格率≥95%”），时效写时限（如“${year}12月底前”）。`,
);

const basisIsOutcome: IndicatorRule = {
  id: 'missing.basis-is-outcome',
  category: 'missing',
  severity: 'warning',
  criterion: '可行性',
  scope: 'indicator',
  reads: 'row',
  title: '指标值确定依据不是依据',
  description:
    '指标值确定依据说明设定目标时依据的是什么：计划标准、行业标准、历史标准、预算支出标准或某个文件。“年底实际情况”“实际完成情况”“据实结算”是年底才有的结果，不是设定目标的依据，' +
    '等于没有依据（可设置的短语表；“上年实际完成情况”是历史标准，不报告）。',
  examples: {
    triggers: { description: '数量指标“开展活动场次”的依据为“年底实际情况”', patch: { indicators: [{ at: 0, basis: '年底实际情况' }] } },
    passes: { description: '数量指标“开展活动场次”的依据为“上年实际完成情况”（历史标准）', patch: { indicators: [{ at: 0, basis: '上年实际完成情况' }] } },
  },
  check(indicator, _project, { config, doc }, row) {
    if (isBlank(indicator.basis)) return NO_HITS; // missing.basis
    const phrase = row.basisCell.outcomeBasis;
    if (phrase === null) return NO_HITS;
    return [
      {
        field: 'basis',
        source: indicator.sources.basis ?? indicator.source,
        message: basisIsOutcomeMessage(indicator.name, indicator.basis!, config),
        suggestion: basisIsOutcomeSuggestion(indicator.target.raw, doc.year === null ? '' : String(doc.year), config),
      },
    ];
  },
};

// The rule's words, once per distinct name and basis (and target): the rule fires on boilerplate rows repeated through
// a department's tables (8,263 findings of bench:review's corpus say 39 things), and each finding built its own message
// (a tree of string pieces the engine then flattened) where it can share one string (issue 18, round 4).
const basisIsOutcomeMessage = perPair(
  (name, basis) => `指标“${name || '（无名称）'}”的指标值确定依据“${basis.trim()}”是年底的结果，不是设定指标值的依据`,
);
// the example plan is of the document's own year (none named when the year is not known)
const basisIsOutcomeSuggestion = perPair(
  (target, year, config) => `写明“${target || '指标值'}”从何而来：${firstStandards(config)}或具体文件（如“计划标准：${year === '' ? '' : `${year}年度`}工作计划”“历史标准：近三年平均”）。`,
);

/** The first four standards a basis may name (config.basisStandards), for the suggestion: once per settings. */
const firstStandards = perConfig((config) => Object.keys(config.basisStandards).slice(0, 4).join('、'));

/** The first template phrase (config.templateText) in a text, and a short quote around it. */
function templatePhraseIn(text: string | null | undefined, config: ReviewConfig): TemplatePhrase | null {
  return text ? templatePhraseOnce(text, config) : null;
}

// once per distinct text: the rule reads every cell of every row (through the row's facts: CellText.templatePhrase), and rows repeat
const templatePhraseOnce = perText((text, config) => templatePhraseOf(text, config));

/** The hit for a template phrase found in a cell; `where` names the cell (put into words only for a cell that has a phrase: most have none). */
function templateHit(found: TemplatePhrase, field: RuleHit['field'], where: string, source: RuleHit['source'], indicatorIndex?: number): RuleHit {
  return {
    field,
    source,
    ...(indicatorIndex !== undefined ? { indicatorIndex } : {}),
    message: `${where}保留了表样的填报说明“${found.quote}”`,
    suggestion: TEMPLATE_SUGGESTION,
  };
}

/** The first of a field's lines with a template phrase, and words naming it ("绩效目标第2条", "绩效目标第1条等3条"); null when none has one. */
function templateInLines(lines: readonly string[], label: string, config: ReviewConfig): { found: TemplatePhrase; where: string } | null {
  let first: TemplatePhrase | null = null;
  let at = -1;
  let count = 0;
  for (let g = 0; g < lines.length; g++) {
    const found = templatePhraseIn(lines[g], config);
    if (found === null) continue;
    count++;
    if (first === null) {
      first = found;
      at = g;
    }
  }
  if (first === null) return null;
  const one = `${label}第${at + 1}条`;
  return { found: first, where: count > 1 ? `${one}等${count}条` : one };
}

/** An indicator row's cells the template rule reads: the cell, the finding's field, the cell's name. */
const INDICATOR_CELLS: readonly ['name' | 'description' | 'target' | 'basis', RuleHit['field'], string][] = [
  ['name', 'indicatorName', '指标名称'],
  ['description', 'description', '指标描述'],
  ['target', 'target', '指标值'],
  ['basis', 'basis', '指标值确定依据'],
];

/** A row's cell as its facts read it (the same text: the description and basis read as '' when absent). */
function cellOf(row: RowFacts, cell: 'name' | 'description' | 'target' | 'basis'): CellText {
  return cell === 'name' ? row.nameCell : cell === 'description' ? row.descriptionCell : cell === 'target' ? row.targetCell : row.basisCell;
}

const TEMPLATE_SUGGESTION = '删去表样的填报说明，改写为本部门（本项目）自己的内容：做什么、为谁、做到多少、何时完成。';

const templateTextInProject: ProjectRule = {
  id: 'missing.template-text',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  departmentTargets: true,
  title: '保留了表样的填报说明',
  description:
    '表样中的填报说明（“由预算部门根据…确定”“（包括总目标、年度目标…）”“填写说明”“示例”“××”等，可设置的短语表）留在了应当填写本部门、本项目内容的位置，' +
    '说明该处实际没有填写。也包括写给填表人的说明（“主要说明……”“根据……填写”“请填写……”“本栏……”“限200字”）和占位符（“××项目”“XX单位”“≥**%”）。' +
    '检查资金用途、年度绩效目标、中长期目标、项目说明（项目经费情况说明）的各节和每条指标的各栏，第一部分见 missing.template-text-part-one；' +
    '一个栏目只报告一次（几条目标都有时合并为一条）。',
  examples: {
    triggers: { description: '资金用途为“由预算部门根据项目实施内容填写”', patch: { project: { purpose: '由预算部门根据项目实施内容填写' } } },
    passes: { description: '资金用途为“用于开展社区服务活动。”', patch: {} },
  },
  check(project, { config }, rows) {
    // Plain loops, the list of hits made only for a project with one (most have none), and each hit's words only for
    // a cell with a phrase.
    let hits: RuleHit[] | null = null;
    const purpose = templatePhraseIn(project.purpose, config);
    if (purpose !== null) (hits ??= []).push(templateHit(purpose, 'purpose', '资金用途', project.sources.purpose ?? project.source));
    // one finding per field: the goals (and the long-term goals) name their first line with a phrase and how many have one
    const goals = templateInLines(project.goals, '绩效目标', config);
    if (goals !== null) (hits ??= []).push(templateHit(goals.found, 'goals', goals.where, project.sources.goals ?? project.source));
    const longTerm = templateInLines(project.longTermGoals, '中长期目标', config);
    if (longTerm !== null) (hits ??= []).push(templateHit(longTerm.found, 'goals', longTerm.where, project.sources.goals ?? project.source));
    for (const section of project.narrative) {
      const found = templatePhraseIn(withoutPrintedHeadings(section.text), config);
      if (found !== null) (hits ??= []).push(templateHit(found, undefined, `项目说明“${section.title || '（无标题）'}”`, section.source));
    }
    // every cell of every row, each cell's phrase read from the row's facts (one lookup per cell for all the rules)
    const { indicators } = project;
    for (let i = 0; i < indicators.length; i++) {
      const ind = indicators[i]!;
      for (let c = 0; c < INDICATOR_CELLS.length; c++) {
        const [cell, field, label] = INDICATOR_CELLS[c]!;
        const text = cell === 'target' ? ind.target.raw : ind[cell];
        if (!text) continue;
        const found = cellOf(rows[i]!, cell).templatePhrase;
        if (found === null) continue;
        // a basis read from another column of the form (绩效标准, 评（扣）分标准): that column's finding below says it once
        if (cell === 'basis' && inExtraColumn(ind, text)) continue;
        (hits ??= []).push(templateHit(found, field, `指标“${ind.name || '（无名称）'}”的${label}`, ind.sources[cell] ?? ind.source, i));
      }
    }
    // the form's other columns (评（扣）分标准, 备注 …): one finding per column, at its first cell with a phrase
    let seen: Set<string> | null = null;
    for (let i = 0; i < indicators.length; i++) {
      for (const extra of indicators[i]!.extras) {
        if (extra.text === '' || seen?.has(extra.header)) continue;
        const found = templatePhraseIn(extra.text, config);
        if (found === null) continue;
        (seen ??= new Set()).add(extra.header);
        const rowsWith = rowsWithTemplateIn(indicators, extra.header, config);
        const where = `“${extra.header}”栏${rowsWith > 1 ? `（${rowsWith}行）` : `（指标“${indicators[i]!.name || '（无名称）'}”）`}`;
        (hits ??= []).push(templateHit(found, undefined, where, extra.source, rowsWith > 1 ? undefined : i));
      }
    }
    return hits ?? NO_HITS;
  },
};

/**
 * A narrative section's text without what the form prints in every document (issue 55): a numbered heading line the
 * parser left inside the text ("七、绩效目标（包括总目标、年度目标、分解目标等，具体见表格）"), and a note in brackets that
 * opens the section right under its heading and says what the section holds or where it is ("（包括总目标、年度目标…）",
 * "（详见附表）"). Guidance to whoever fills in the form ("（请填写项目立项的政策依据…）") stays: it stands where the
 * section's own text should be.
 */
function withoutPrintedHeadings(text: string): string {
  if (!PRINTED_HEADING.test(text) && !OPENING_NOTE.test(text)) return text;
  const lines = text.split('\n').filter((line) => !PRINTED_HEADING_LINE.test(line.trim()));
  if (lines.length > 0 && OPENING_NOTE_LINE.test(lines[0]!.trim())) lines.shift();
  return lines.join('\n');
}

const PRINTED_HEADING_LINE = /^[一二三四五六七八九十]{1,3}[、.．]\s*[\p{Script=Han}]{2,16}(?:[（(][^）)]*[）)])?[:：]?$/u;
const PRINTED_HEADING = /(?:^|\n)\s*[一二三四五六七八九十]{1,3}[、.．]/;
const OPENING_NOTE_LINE = /^[（(](?:包括|包含|含|详见|具体见|见)[^）)]*[）)]$/;
const OPENING_NOTE = /^\s*[（(](?:包括|包含|含|详见|具体见|见)/;

// The two questions the rule asks within its loops over every cell, as functions of their own: a closure written in
// the loop captured the loop's variables, which then had a context object made for every cell of every row (7.5 MB a
// pass of bench:review, nearly all its garbage: issue 30).

/** Whether the text is also one of the row's other columns (a basis read from 绩效标准 or 评（扣）分标准). */
function inExtraColumn(indicator: Indicator, text: string): boolean {
  return indicator.extras.some((e) => e.text === text);
}

/** How many rows have a template phrase in their column `header`. */
function rowsWithTemplateIn(indicators: readonly Indicator[], header: string, config: ReviewConfig): number {
  return indicators.filter((ind) => ind.extras.some((e) => e.header === header && templatePhraseIn(e.text, config) !== null)).length;
}

const templateTextInPartOne: DocumentRule = {
  id: 'missing.template-text-part-one',
  category: 'missing',
  severity: 'error',
  criterion: '完整性',
  scope: 'document',
  title: '第一部分保留了表样的填报说明',
  description:
    '部门整体绩效目标（总体目标、分项目标及其“绩效目标”“绩效指标”段、工作保障措施）中留有表样的说明文字（“由预算部门根据…确定”“（包括总目标、年度目标…）”“主要说明……”“请填写……”“××”等），' +
    '说明本部门的目标没有写出来。每处（总体目标、每个分项目标、每条保障措施）报告一次。',
  examples: {
    triggers: {
      description: '总体绩效目标为“由预算部门根据党委政府的施政目标和决策部署确定。”',
      patch: { departmentGoals: { overall: '由预算部门根据党委政府的施政目标和决策部署确定。' } },
    },
    passes: { description: '总体绩效目标“完成社区服务各项工作。”', patch: {} },
  },
  check({ doc, config }) {
    const hits: RuleHit[] = [];
    const g = doc.departmentGoals;
    const overall = templatePhraseIn(g.overall, config);
    if (overall) {
      hits.push({ field: 'departmentGoals', source: g.overallSource, message: `总体绩效目标保留了表样的填报说明“${overall.quote}”`, suggestion: TEMPLATE_SUGGESTION });
    }
    for (const sub of g.subGoals) {
      const found = templatePhraseIn(`${sub.title} ${sub.text ?? ''} ${sub.goalText ?? ''} ${sub.indicatorText ?? ''}`, config);
      if (found) {
        hits.push({ field: 'departmentGoals', source: sub.source, message: `分项目标“${sub.title}”保留了表样的填报说明“${found.quote}”`, suggestion: TEMPLATE_SUGGESTION });
      }
    }
    for (const measure of g.measures) {
      const found = templatePhraseIn(`${measure.title} ${measure.text ?? ''}`, config);
      if (found) {
        hits.push({ field: 'departmentGoals', source: measure.source, message: `工作保障措施“${measure.title}”保留了表样的填报说明“${found.quote}”`, suggestion: TEMPLATE_SUGGESTION });
      }
    }
    return hits;
  },
};

const departmentGoal: DocumentRule = {
  id: 'missing.department-goal',
  category: 'missing',
  severity: 'warning',
  criterion: '完整性',
  scope: 'document',
  title: '缺少部门整体绩效目标',
  description:
    '部门预算绩效目标应先写明部门整体的年度总体绩效目标（第一部分），项目目标是对它的分解。第一部分只属于部门公开的预算绩效目标文档（各项目按“项目绩效目标表”逐表排列，常在第二、第三部分下）：' +
    '由单个项目的表样组成的文档（申报表、申报书、转移支付绩效目标表，每张表以表样名称为标题）、部门预算公开文件中同列于一个编号标题（如“（三）项目绩效目标表”）下的目标表、单个项目的表和部门整体支出绩效目标表都没有第一部分，不报告；' +
    '全国规定也不要求单个项目的申报表写部门整体目标，因此也不在“表样没有全国规定需要的栏目”提示中列出。部门整体支出绩效目标表的目标和指标都没有读出时，是没有读出，不报告。',
  examples: {
    triggers: { description: '总体绩效目标为空', patch: { departmentGoals: { overall: '' } } },
    passes: { description: '总体绩效目标“完成社区服务各项工作。”', patch: {} },
  },
  check({ doc }) {
    if (!isBlank(doc.departmentGoals.overall)) return NO_HITS;
    // Part one belongs to a department's published document only (document-scope.ts): not to one project's
    // form, a set of 申报表, or a whole-budget targets table (which gives the goals as its 年度总体目标).
    if (!formAsksDepartmentGoal(doc) || (doc.departmentTargets?.goals.length ?? 0) > 0) return NO_HITS;
    // a department-wide table of which nothing was read (no goal, no indicator): its goals were not read, not left out
    const targets = doc.departmentTargets;
    if (targets !== null && targets.indicators.length === 0) return NO_HITS;
    return [
      {
        field: 'departmentGoals',
        source: doc.departmentGoals.overallSource,
        message: `${departmentOf(doc)?.name ?? '本部门'}的文档缺少“总体绩效目标”`,
        suggestion: '在第一部分“部门整体绩效目标”中写明部门年度总体绩效目标，概括各项目要达到的产出和效果。',
      },
    ];
  },
};

/** What each field or column the national rules need is called, and why it is needed (the note's words). */
const NEEDED_FIELD_WORDS: Readonly<Partial<Record<FormFieldRole, [name: string, why: string]>>> = {
  code: ['项目编码', '与预算管理一体化系统项目库对应'],
  total: ['预算数', '判断目标与资金是否匹配'],
  goals: ['绩效目标', '财预〔2015〕88号要求写明绩效目标'],
  spendingPlan: ['资金支出计划', '执行监控比对支出进度（财预〔2019〕136号），没有时按序时进度'],
  purpose: ['资金用途', '判断目标与资金是否相关'],
};
const NEEDED_COLUMN_WORDS: Readonly<Partial<Record<FormColumnRole, [name: string, why: string]>>> = {
  name: ['三级指标', '指标的名称'],
  target: ['指标值', '年底据以评价'],
  basis: ['指标值确定依据（绩效标准）', '财预〔2015〕88号：绩效标准是设定指标值的依据'],
};

/**
 * The needed fields and columns (config.formNeeds) a form lacks, as [name, why, a column of the indicator table]; goals
 * count as given by either goals field.
 */
function lackedByForm(form: FormProfile, config: ReviewConfig): [string, string, boolean][] {
  const lacks: [string, string, boolean][] = [];
  for (const role of config.formNeeds.fields) {
    if (form.fields[role] !== undefined || (role === 'goals' && form.fields.longTermGoals !== undefined)) continue;
    lacks.push([...(NEEDED_FIELD_WORDS[role] ?? [role, '']), false]);
  }
  for (const role of config.formNeeds.columns) {
    if (form.columns[role] === undefined) lacks.push([...(NEEDED_COLUMN_WORDS[role] ?? [role, '']), true]);
  }
  return lacks;
}

const formLacksFields: DocumentRule = {
  id: 'missing.form-lacks-fields',
  category: 'missing',
  severity: 'info',
  criterion: '完整性',
  scope: 'document',
  title: '表样没有全国规定需要的栏目',
  description:
    '各地的表样不同：有的没有项目编码、资金支出计划或指标值确定依据栏，这些是部分省份表样增加的栏目，表样没有时既不按“缺失”报告，也不提示。' +
    '全国的项目支出绩效目标申报表（财预〔2015〕88号）本身就有的栏目（年度资金总额、绩效目标、三级指标、指标值；可设置）表样却没有时，' +
    '每个文档只提示一次，列出表样缺少的栏目和表数，不扣分、不影响评级。用 Jixiao 自己的表样编制的项目各栏齐全，不提示。' +
    '一张表一条指标也没有时，缺的是整个指标表（见 missing.indicators），不算表样缺少指标栏。',
  examples: {
    triggers: {
      description: '表样没有年度资金总额（预算数）栏',
      patch: { project: { total: null, fiscal: null, other: null, form: { lacksFields: ['total'] } } },
    },
    passes: { description: 'Jixiao 的表样，各栏齐全', patch: {} },
  },
  check({ doc, config }) {
    // per project (never per row): the distinct forms, each with the projects filled in it (and those of them with an
    // indicator table); the official form lacks nothing
    let byForm: Map<FormProfile, { tables: number; withIndicators: number }> | null = null;
    for (const p of doc.projects) {
      const form = p.form;
      // a table whose reading is doubted may have lost a column the reader could not name: its form says nothing (issue 53)
      // nor does a table printed unfilled (no grade, no finding: isUnfilledTable)
      if (form === undefined || form === null || (p.reading !== undefined && !p.reading.certain) || isUnfilledTable(p)) continue;
      const counts = (byForm ??= new Map()).get(form) ?? { tables: 0, withIndicators: 0 };
      counts.tables++;
      if (p.indicators.length > 0) counts.withIndicators++;
      byForm.set(form, counts);
    }
    if (byForm === null) return NO_HITS;
    const lacked = new Map<string, { why: string; tables: number; forms: Set<string> }>();
    for (const [form, counts] of byForm) {
      for (const [name, why, column] of lackedByForm(form, config)) {
        // A table without any indicator lacks its whole indicator table, not a column of it: the document's defect,
        // which missing.indicators reports; the note is about the columns of the indicator tables there are.
        const tables = column ? counts.withIndicators : counts.tables;
        if (tables === 0) continue;
        const entry = lacked.get(name) ?? { why, tables: 0, forms: new Set<string>() };
        entry.tables += tables;
        entry.forms.add(form.name);
        lacked.set(name, entry);
      }
    }
    if (lacked.size === 0) return NO_HITS;
    const all = doc.projects.length;
    const forms = [...new Set([...lacked.values()].flatMap((e) => [...e.forms]))].map((n) => `“${n}”`).join('、');
    const list = [...lacked].map(([name, e]) => `“${name}”${e.tables === all ? '' : `（${e.tables} 张表）`}`).join('、');
    const whys = [...lacked].filter(([, e]) => e.why !== '').map(([name, e]) => `${name}：${e.why}`).join('；');
    return [
      {
        source: null,
        message: `本文档的表样（${forms}）没有${list}栏，审核不按缺失报告`,
        suggestion: `本地区表样不含这些栏目时无需补填；需要时可另行提供（${whys}）。`,
      },
    ];
  },
};

export const MISSING_RULES: Rule[] = [
  projectCode,
  projectName,
  budgetTotal,
  fundSource,
  purpose,
  goals,
  spendingPlan,
  indicators,
  requiredLevel1,
  requiredLevel2,
  measurableOutput,
  indicatorName,
  target,
  basis,
  basisIsOutcome,
  templateTextInProject,
  departmentGoal,
  templateTextInPartOne,
  formLacksFields,
];
