/**
 * A clean example document — one project that passes every review rule — and the patches rule
 * examples apply to it. The same examples document each rule (docs/review-rules.md) and test it
 * (a rule must fire on its `triggers` example and stay silent on its `passes` example), so the
 * documentation cannot claim what the code does not do.
 */
import { normalizeCategories, selectFramework } from '../domain/framework';
import type { DepartmentTargets, Indicator, ParsedDocument, Project, SpendingCheckpoint } from '../domain/model';
import { CHECKPOINTS } from '../domain/model';
import { amountOfPercent, parseAmount, percentHundredths } from '../domain/money';
import { parseTargetValue } from '../domain/target-value';
import { OFFICIAL_FORM, type FormProfile } from '../domain/form-profile';
import { DEFAULT_REVIEW_CONFIG, type ReviewConfig } from './config';
import type { ExamplePatch, RuleExample } from './types';

/** The form an example patch asks for: the official table less the fields and columns it names. */
function formOfPatch(form: NonNullable<NonNullable<ExamplePatch['project']>['form']>): FormProfile {
  const fields = { ...OFFICIAL_FORM.fields };
  for (const f of form.lacksFields ?? []) delete fields[f];
  const columns = { ...OFFICIAL_FORM.columns };
  for (const c of form.lacksColumns ?? []) delete columns[c];
  return { name: form.name ?? '项目支出绩效目标申报表', fields, columns, extraColumns: [] };
}

type IndicatorCells = [level1: string, level2: string, name: string, description: string, target: string, basis: string];

/** The clean project's indicator table: every required category, measurable targets, named bases. */
export const CLEAN_INDICATORS: IndicatorCells[] = [
  ['产出指标', '数量指标', '开展活动场次', '全年开展社区服务活动的场次', '≥12场', '计划标准'],
  ['', '质量指标', '活动完成率', '已开展活动占计划活动的比例', '≥95%', '计划标准'],
  ['', '时效指标', '活动完成时间', '全部活动完成的时间', '2025年12月底前', '计划标准'],
  ['', '成本指标', '活动经费支出', '社区服务活动经费支出金额', '≤10万元', '预算支出标准'],
  ['效益指标', '社会效益指标', '参与居民人次', '参加社区服务活动的居民人次', '≥600人次', '历史标准'],
  ['满意度指标', '服务对象满意度指标', '居民满意度', '参加活动居民的满意程度', '≥90%', '问卷调查'],
];

const FIRST_LINE = 100;
const ROW_LINES = 7;

function buildIndicators(rows: IndicatorCells[], firstLine: number): Indicator[] {
  const fw = selectFramework(2025);
  let level1Raw = '';
  let level2Raw = '';
  return rows.map(([l1, l2, name, description, target, basis], i) => {
    if (l1 !== '') level1Raw = l1;
    if (l2 !== '') level2Raw = l2;
    const norm = normalizeCategories(fw, level1Raw, level2Raw);
    const line = firstLine + i * ROW_LINES;
    return {
      level1: norm.level1,
      level2: norm.level2,
      level1Raw,
      level2Raw,
      level1Inherited: l1 === '',
      level2Inherited: l2 === '',
      name,
      description: description === '' ? null : description,
      target: parseTargetValue(target),
      basis: basis === '' ? null : basis,
      source: { line },
      sources: { name: { line: line + 2 }, description: { line: line + 3 }, target: { line: line + 4 }, basis: { line: line + 5 } },
      extras: [],
    };
  });
}

const wan = (text: string | null | undefined) => {
  if (text === null || text === undefined) return null;
  const r = parseAmount(text, '万元');
  return r.ok ? r.fen : null;
};

function buildPlan(cells: string[], total: number | null): SpendingCheckpoint[] {
  return CHECKPOINTS.map((checkpoint, i) => {
    const text = cells[i] ?? '';
    const source = { line: 60 + i };
    if (text === '') return { checkpoint, percent: null, amount: null, given: null, source };
    if (text.endsWith('%')) {
      const hundredths = Math.round(Number(text.slice(0, -1)) * 100);
      return { checkpoint, percent: hundredths / 100, amount: total === null ? null : amountOfPercent(total, hundredths), given: 'percent', source };
    }
    const amount = wan(text);
    const hundredths = amount === null ? null : percentHundredths(amount, total);
    return { checkpoint, percent: hundredths === null ? null : hundredths / 100, amount, given: 'amount', source };
  });
}

function buildProject(patch: ExamplePatch['project'] = {}, indicators: Indicator[], sequence: number): Project {
  const total = patch.total === undefined ? wan('10.00') : wan(patch.total);
  return {
    ...(patch.form !== undefined ? { form: formOfPatch(patch.form) } : {}),
    part: 'project',
    sequence,
    title: `${patch.name ?? '社区服务项目'}绩效目标表`,
    code: patch.code === undefined ? `13020225P00000000000${sequence}` : patch.code,
    name: patch.name ?? '社区服务项目',
    year: 2025,
    department: { code: '100001', name: '测试单位' },
    amountUnit: '万元',
    budget: {
      total,
      fiscal: patch.fiscal === undefined ? wan('10.00') : wan(patch.fiscal),
      other: patch.other === undefined ? null : wan(patch.other),
    },
    budgetLines: (patch.budgetLines ?? []).map(([label, amount], i) => ({ label, amount: wan(amount), source: { line: 52 + i } })),
    projectBudget: null,
    fields: [],
    purpose: patch.purpose === undefined ? '用于开展社区服务活动。' : patch.purpose,
    spendingPlan: buildPlan(patch.plan ?? ['25%', '50%', '75%', '100%'], total),
    goals: patch.goals ?? ['全年开展社区服务活动12场', '居民满意度达到90%以上'],
    longTermGoals: patch.longTermGoals ?? [],
    indicators,
    longTermIndicators: [],
    narrative: (patch.narrative ?? []).map((n, i) => ({ title: n.title, text: n.text, source: { line: 30 + i } })),
    source: { line: 40 },
    sources: { code: { line: 45 }, name: { line: 47 }, total: { line: 51 }, fiscal: { line: 53 }, other: { line: 55 }, purpose: { line: 58 }, goals: { line: 70 } },
  };
}

/** A department whole-budget table with the patch's amounts and duty rows, and no indicators. */
function buildDepartmentTargets(patch: NonNullable<ExamplePatch['departmentTargets']>): DepartmentTargets {
  return {
    title: '2025年度部门整体支出绩效目标表',
    department: { code: '100001', name: '测试单位' },
    budgetCode: null,
    year: 2025,
    amountUnit: '万元',
    budget: { total: wan(patch.total), project: wan(patch.project), basic: wan(patch.basic) },
    goals: ['保障社区服务正常开展'],
    duties: (patch.duties ?? []).map((amount, i) => ({ function: '社区服务', task: `年度任务${i + 1}`, projects: null, amount: wan(amount), source: { line: 20 + i } })),
    indicators: [],
    fields: [],
    source: { line: 15 },
    sources: { total: { line: 17 } },
  };
}

/** The clean example document, with a patch applied. */
export function buildExampleDocument(patch: ExamplePatch = {}): ParsedDocument {
  const rows = CLEAN_INDICATORS.map((r) => [...r] as IndicatorCells);
  for (const change of patch.indicators ?? []) {
    if (change.at !== undefined && change.remove) {
      rows.splice(change.at, 1);
      continue;
    }
    const base: IndicatorCells = change.at !== undefined ? rows[change.at]! : ['', '', '', '', '', ''];
    const next: IndicatorCells = [
      change.level1 ?? base[0],
      change.level2 ?? base[1],
      change.name ?? base[2],
      change.description ?? base[3],
      change.target ?? base[4],
      change.basis ?? base[5],
    ];
    if (change.at !== undefined) rows[change.at] = next;
    else rows.push(next);
  }
  const first = buildProject(patch.project, buildIndicators(rows, FIRST_LINE), 1);
  const longTargets = patch.project?.longTermTargets;
  if (longTargets !== undefined) {
    first.longTermIndicators = buildIndicators(
      rows.map((r, i) => [r[0], r[1], r[2], r[3], longTargets[i] ?? r[4], r[5]] as IndicatorCells),
      FIRST_LINE + 80,
    );
  }
  const copies = Array.from({ length: patch.copies ?? 0 }, (_, k) => ({
    ...structuredClone(first),
    sequence: k + 2,
    code: `13020225P00000000010${k}`,
    name: patch.copyNames?.[k] ?? `${first.name}${k + 2}`,
    title: `${patch.copyNames?.[k] ?? `${first.name}${k + 2}`}绩效目标表`,
    indicators: buildIndicators(rows, FIRST_LINE + (k + 1) * 200),
    source: { line: 40 + (k + 1) * 200 },
    ...(patch.copyTotal !== undefined ? { budget: { total: wan(patch.copyTotal), fiscal: wan(patch.copyTotal), other: null } } : {}),
  }));
  const goals = patch.departmentGoals ?? {};
  return {
    file: 'example.txt',
    format: 'txt',
    encoding: 'utf-8',
    sha256: '0'.repeat(64),
    year: patch.year ?? 2025,
    department: { code: '100001', name: '测试单位', source: { line: 41 } },
    departmentGoals: {
      overall: goals.overall ?? '完成社区服务各项工作。',
      overallSource: { line: 5 },
      subGoals: (goals.subGoals ?? [{ title: '社区服务项目', text: '全年开展社区服务活动12场。' }]).map((g, i) => ({
        title: g.title,
        numbering: `${i + 1}.`,
        text: g.text ?? null,
        goalText: null,
        indicatorText: null,
        source: { line: 7 + i },
      })),
      measures: [],
    },
    departmentTargets: patch.departmentTargets === undefined ? null : buildDepartmentTargets(patch.departmentTargets),
    projects: [first, ...copies],
    diagnostics: [],
    frameworkVersion: 'cn-2015',
  };
}

/** The settings an example is reviewed with: the defaults, with the example's own settings over them (undefined: none of its own). */
export function exampleConfig(example: RuleExample): ReviewConfig | undefined {
  return example.settings === undefined ? undefined : { ...DEFAULT_REVIEW_CONFIG, ...example.settings, id: `${DEFAULT_REVIEW_CONFIG.id}+example` };
}
