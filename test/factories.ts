/**
 * Test factories: valid domain objects with realistic content, overridable field by field.
 * `buildX(overrides)` replaces top-level fields; build nested values with the other factories.
 * Each ParsedDocument gets a distinct sha256 and distinct content (its draft number in the overall
 * goal: the import recognises the same content in other bytes as unchanged) unless they are given.
 */
import { createHash } from 'node:crypto';
import type {
  Indicator,
  ParsedDocument,
  Project,
  SpendingCheckpoint,
  TargetValue,
} from '../src/shared/domain/model';

let documentSerial = 0;

/** A sha256 in the shape the importers produce, distinct per `seed`. */
export function fakeSha256(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export function buildTarget(overrides: Partial<TargetValue> = {}): TargetValue {
  return {
    raw: '≥85%',
    kind: 'quantitative',
    operator: '≥',
    value: 85,
    valueText: '85',
    unit: '%',
    deadline: null,
    start: null,
    words: null,
    standard: null,
    ...overrides,
  };
}

export function buildIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    level1: '产出指标',
    level2: '数量指标',
    level1Raw: '产出指标',
    level2Raw: '数量指标',
    level1Inherited: false,
    level2Inherited: false,
    name: '社区工作者人数',
    description: '保障社区工作者薪酬按时足额发放',
    target: buildTarget({ raw: '334人', operator: '=', value: 334, valueText: '334', unit: '人' }),
    basis: '计划标准',
    source: { line: 40, ref: '表1 行5 列1' },
    sources: { level1: { line: 40, ref: '表1 行5 列1' }, target: { line: 44, ref: '表1 行5 列5' } },
    extras: [],
    ...overrides,
  };
}

/** The four cumulative checkpoints given as percentages, amounts derived from `totalFen`. */
export function buildSpendingPlan(
  totalFen: number | null,
  percents: [number, number, number, number] = [25, 50, 75, 100],
): SpendingCheckpoint[] {
  const checkpoints = ['03', '06', '10', '12'] as const;
  return checkpoints.map((checkpoint, i) => {
    const percent = percents[i]!;
    return {
      checkpoint,
      percent,
      amount: totalFen === null ? null : Math.round((totalFen * Math.round(percent * 100)) / 10000),
      given: 'percent',
      source: { line: 30, ref: `表1 行4 列${i + 2}` },
    };
  });
}

export function buildProject(overrides: Partial<Project> = {}): Project {
  const total = 1_262_160_000; // 1262.16 万元
  return {
    part: 'project',
    sequence: 1,
    title: '城市社区工作者薪酬经费项目绩效目标表',
    code: '13020225P008911100023',
    name: '城市社区工作者薪酬经费',
    year: 2025,
    department: { code: '763001', name: '中共唐山市路南区委社会工作部' },
    amountUnit: '万元',
    budget: { total, fiscal: total, other: null },
    budgetLines: [],
    projectBudget: null,
    fields: [],
    purpose: '用于发放城市社区工作者薪酬。',
    spendingPlan: buildSpendingPlan(total),
    goals: ['保障社区工作者薪酬按时足额发放', '提升社区治理水平'],
    longTermGoals: [],
    longTermIndicators: [],
    narrative: [],
    indicators: [
      buildIndicator(),
      buildIndicator({
        level1: '产出指标',
        level2: '时效指标',
        level1Raw: '产出指标',
        level2Raw: '实效指标',
        level1Inherited: true,
        level2Inherited: false,
        name: '薪酬发放时间',
        description: null,
        target: buildTarget({
          raw: '2025年12月底前',
          kind: 'deadline',
          operator: null,
          value: null,
          valueText: null,
          unit: null,
          deadline: { year: 2025, month: 12, day: null, endOfPeriod: true },
        }),
        basis: null,
        source: { line: 42 },
      }),
      buildIndicator({
        level1: '效益指标',
        level2: '社会效益指标',
        level1Raw: '效果指标',
        level2Raw: '社会效益指标',
        name: '社区治理水平',
        target: buildTarget({
          raw: '显著提高',
          kind: 'qualitative',
          operator: null,
          value: null,
          valueText: null,
          unit: null,
        }),
        source: { line: 44, ref: '表1 行7 列3' },
      }),
      buildIndicator({
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        level1Raw: '满意度指标',
        level2Raw: '服务对象满意度指标',
        name: '社区居民满意度',
        target: buildTarget({ raw: '≥98%满意', value: 98, valueText: '98', words: '满意' }),
        source: { line: 46, ref: '表1 行8 列3' },
      }),
      buildIndicator({
        level1: '产出指标',
        level2: '成本指标',
        level1Raw: '产出指标',
        level2Raw: '成本指标',
        name: '人均补贴',
        target: buildTarget({
          raw: '≤0.35万元/人/年',
          operator: '≤',
          value: 0.35,
          valueText: '0.35',
          unit: '万元/人/年',
        }),
        source: { line: 48, ref: '表1 行9 列3' },
      }),
      buildIndicator({
        level1: null,
        level2: null,
        level1Raw: '其他指标',
        level2Raw: '其他',
        name: '备用指标',
        target: buildTarget({
          raw: '',
          kind: 'empty',
          operator: null,
          value: null,
          valueText: null,
          unit: null,
        }),
        source: { line: 50 },
      }),
    ],
    source: { line: 20, ref: '表1' },
    sources: {
      title: { line: 20 },
      code: { line: 22, ref: '表1 行2 列2' },
      name: { line: 23, ref: '表1 行2 列4' },
      total: { line: 25, ref: '表1 行3 列2' },
      spendingPlan: { line: 30, ref: '表1 行4 列1' },
    },
    ...overrides,
  };
}

export function buildParsedDocument(overrides: Partial<ParsedDocument> = {}): ParsedDocument {
  documentSerial += 1;
  return {
    file: `路南区委社会工作部-${documentSerial}.txt`,
    format: 'txt',
    encoding: 'gb18030',
    sha256: fakeSha256(`document ${documentSerial}`),
    year: 2025,
    department: {
      code: '763001',
      name: '中共唐山市路南区委社会工作部',
      source: { line: 1 },
    },
    departmentGoals: {
      overall: `全面加强社会工作体系建设。\n提升基层治理能力。（第${documentSerial}稿）`,
      overallSource: { line: 5 },
      subGoals: [
        {
          title: '加强社区精神文明创建',
          numbering: '（一）',
          text: null,
          goalText: '开展文明创建活动不少于10场。',
          indicatorText: '活动场次≥10场。',
          source: { line: 8 },
        },
        {
          title: '提升社区工作者待遇',
          numbering: '（二）',
          text: '按标准足额发放薪酬。',
          goalText: null,
          indicatorText: null,
          source: { line: 11, ref: '段11' },
        },
      ],
      measures: [
        {
          title: '加强组织领导',
          numbering: '1.',
          text: '成立工作专班。',
          goalText: null,
          indicatorText: null,
          source: { line: 15 },
        },
      ],
    },
    departmentTargets: null,
    projects: [
      buildProject(),
      buildProject({
        part: 'public',
        sequence: 1,
        title: '公用经费绩效目标表',
        code: null,
        name: '机关运行公用经费',
        year: null,
        department: null,
        amountUnit: '元',
        budget: { total: 2_098_200_000, fiscal: null, other: null }, // 20,982,000.00 元
        purpose: null,
        spendingPlan: buildSpendingPlan(2_098_200_000, [33.33, 66.67, 80.5, 100]),
        goals: [],
        indicators: [],
        source: { line: 60 },
        sources: {},
      }),
    ],
    diagnostics: [
      {
        severity: 'warning',
        code: 'level2-alias',
        message: '二级指标“实效指标”按“时效指标”处理',
        source: { line: 42, ref: '表1 行6 列2' },
      },
      {
        severity: 'info',
        code: 'level1-inherited',
        message: '一级指标沿用上一行',
        source: { line: 42 },
      },
    ],
    frameworkVersion: 'hebei-2025',
    ...overrides,
  };
}

/** A document with everything the layouts of other provinces carry (issue 14). */
export function buildWideDocument(): ParsedDocument {
  const extras = [
    { header: '绩效标准', text: '计划标准', source: { line: 40, ref: '第1页 表1 行9 列6' } },
    { header: '评（记）分标准', text: '', source: { line: 41, ref: '第1页 表1 行9 列7' } },
  ];
  const period = buildTarget({
    raw: '2024.03-2024.11',
    kind: 'period',
    operator: null,
    value: null,
    valueText: null,
    unit: null,
    start: { year: 2024, month: 3, day: null, endOfPeriod: false },
    deadline: { year: 2024, month: 11, day: null, endOfPeriod: false },
  });
  return buildParsedDocument({
    format: 'pdf',
    encoding: 'pdf',
    frameworkVersion: 'cn-2015',
    departmentTargets: {
      title: '2025年度部门整体支出绩效目标表',
      // 部门预算编码 is the department's code (the parser gives it to the department).
      department: { code: '417001', name: '示范区民政局' },
      budgetCode: '417001',
      year: 2025,
      amountUnit: '万元',
      budget: { total: 3_560_000_00, project: 1_200_000_00, basic: 2_360_000_00 },
      goals: ['保障困难群众基本生活', '提升养老服务水平'],
      duties: [
        { function: '社会救助', task: '低保、特困供养', projects: '城乡低保资金\n特困供养资金', amount: 800_000_00, source: { line: 20 } },
        { function: '社会救助', task: '临时救助', projects: null, amount: null, source: { line: 21 } },
      ],
      indicators: [buildIndicator({ extras: [{ header: '指标解释', text: '全年救助人次', source: { line: 30 } }] })],
      fields: [{ key: null, label: '联系科室', value: '财务科', source: { line: 5 } }],
      source: { line: 3, ref: '第1页' },
      sources: { department: { line: 4 }, total: { line: 8 } },
    },
    projects: [
      buildProject({
        amountUnit: '元',
        budgetLines: [{ label: '上年结转资金', amount: 0, source: { line: 14 } }],
        projectBudget: { total: 12_345_600_00, fiscal: 10_000_000_00, other: 2_345_600_00, lines: [{ label: '区级资金', amount: 1_00, source: { line: 12 } }] },
        fields: [
          { key: 'nature', label: '项目性质', value: '延续性项目', source: { line: 9 } },
          { key: null, label: '资金性质', value: '一般公共预算', source: { line: 10 } },
        ],
        longTermGoals: ['完成全区老旧小区改造'],
        indicators: [buildIndicator({ extras }), buildIndicator({ name: '实施期', target: period, extras })],
        longTermIndicators: [buildIndicator({ name: '改造小区总数', target: buildTarget({ raw: '=98.00(%)', operator: '=', value: 98, valueText: '98.00', unit: '%' }) })],
        narrative: [
          { title: '项目概述', text: '全区共有老旧小区36个。\n其中12个列入本年计划。', source: { line: 5 } },
          { title: '绩效目标', text: '详见项目绩效目标表', source: { line: 9 } },
        ],
      }),
    ],
  });
}
