/**
 * A generator of indicator tables built from the column roles of issue 37 (fast-check arbitraries),
 * each with the model a reader must get back from it. One case is one document: a heading above one
 * table that holds the project's form (项目名称, 项目编码, 主管部门, the amount, the goal, each row a
 * label and its value) and its indicator table, whose columns are a random subset of the roles in a
 * random order under one of the header names a real form uses:
 *
 * - level 1 (always), level 2 (optional), level 3 the indicator's name (always);
 * - the target joined in one cell (`大于等于98%`) or split over operator | value | unit columns (the
 *   operator column sometimes the 指标性质 column of 一体化 prints, holding ≥ / 定性), parts optional;
 * - nature (定量/定性), weight (分值/权重), basis, description, an extra column (备注);
 * - category cells merged over their rows or repeated in each, with a weight in them or not
 *   (`产出指标（50分）`); the older tree (成本指标 under 产出指标) or the 2021 one (成本指标 a level 1);
 * - operators in words and symbols or none (then "="), 定性 rows, amounts in 元 (with or without
 *   thousands separators) or 万元; the project named by a field or by the heading above the table.
 *
 * Content is invented (departments, projects, indicators from pools) and realistic. The table is a
 * grid of cells with their spans; render.ts writes it as .txt, HTML, .docx and .xlsx.
 *
 * `multiProject` (off in the suite) makes tables that list several projects, their fields in
 * leading columns merged over their indicator rows (the 一体化 disclosure list, branch multi).
 */
import fc from 'fast-check';
import type { IndicatorField, TargetOperator } from '../../../src/shared/domain/model';
import { INDICATOR_COLUMN_HEADERS, WEAK_LEVEL1_HEADERS } from '../../../src/shared/layout/indicator-columns';
import { PROJECT_LABELS, lookupLabel, type ProjectLabelKey } from '../../../src/shared/layout/labels';

// ---------------------------------------------------------------------------------------------
// The table: a grid of cells

/** A cell where it starts, with its spans. */
export interface GenCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** Written as a number in a spreadsheet (an amount, a target's value), with this number format. */
  number?: { value: number; format: string };
}

/** A slot of the grid: a cell, or the continuation of the cell above ('v') or to the left ('h'). */
export type GenSlot = GenCell | 'v' | 'h';

export interface GenTable {
  /** The paragraph above the table: its title. */
  heading: string;
  /** A caption line between the title and the table ("金额单位：万元"); absent when none. */
  caption?: string;
  /** Every row has `width` slots. */
  rows: GenSlot[][];
  width: number;
}

// ---------------------------------------------------------------------------------------------
// The model the reader must give back

export interface ExpectedTarget {
  raw: string;
  kind: 'quantitative' | 'qualitative';
  operator: TargetOperator | null;
  value: number | null;
  unit: string | null;
}

export interface ExpectedIndicator {
  level1: string;
  level2: string | null;
  name: string;
  target: ExpectedTarget;
  /** Checked only when the table has the column (undefined otherwise). */
  description?: string | null;
  basis?: string | null;
  weight?: number | null;
  /** The weights written in the level-1 and level-2 cells; undefined when none is. */
  level1Weight?: number;
  level2Weight?: number;
}

export interface ExpectedProject {
  name: string;
  code: string | null;
  /** This year's amount in fen. */
  total: number;
  indicators: ExpectedIndicator[];
}

export interface LayoutCase {
  table: GenTable;
  projects: ExpectedProject[];
  /** The choices behind the case, for a failure's message. */
  choices: string[];
}

export interface LayoutGenOptions {
  /** Tables that list several projects in leading merged columns (branch multi). Off by default. */
  multiProject?: boolean;
  /**
   * A split target's parts under a header over them in two header rows (`指标值` over `运算符 | 数值 |
   * 计量单位`, the other headers merged down both rows).
   */
  twoRowHeaders?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Pools of content

type Level2Pool = { level1: string; level2: string; quantitative: { name: string; unit: string; min: number; max: number; decimals: number }[]; qualitative: string[] };

const Q = (name: string, unit: string, min: number, max: number, decimals = 0) => ({ name, unit, min, max, decimals });

const OUTPUT: Level2Pool[] = [
  {
    level1: '产出指标',
    level2: '数量指标',
    quantitative: [
      Q('补贴发放人数', '人', 50, 5000), Q('培训人次', '人次', 100, 3000), Q('道路养护里程', '公里', 10, 900), Q('新建服务站点数量', '个', 1, 40),
      Q('设备购置数量', '台', 1, 200), Q('入户走访户数', '户', 100, 8000), Q('改造面积', '平方米', 500, 90000), Q('开展宣传活动场次', '场次', 2, 60),
      Q('助餐服务人次', '万人次', 1, 20, 1), Q('发放宣传资料', '份', 500, 20000), Q('监测样本数量', '件', 20, 900),
    ],
    qualitative: ['服务内容覆盖面'],
  },
  {
    level1: '产出指标',
    level2: '质量指标',
    quantitative: [Q('验收合格率', '%', 90, 100), Q('补贴发放准确率', '%', 95, 100), Q('设备完好率', '%', 85, 100), Q('培训考核合格率', '%', 80, 100), Q('抽检达标率', '%', 90, 99, 1)],
    qualitative: ['服务质量', '工程质量'],
  },
  {
    level1: '产出指标',
    level2: '时效指标',
    quantitative: [Q('资金拨付及时率', '%', 90, 100), Q('问题整改时限', '天', 3, 60), Q('补贴发放周期', '天', 5, 30)],
    qualitative: ['工作推进进度'],
  },
];

const COST_OLD: Level2Pool = {
  level1: '产出指标',
  level2: '成本指标',
  quantitative: [Q('人均补贴标准', '元/人', 100, 3000), Q('单位养护成本', '元/公里', 1000, 9000), Q('设备单价', '万元', 1, 50, 2)],
  qualitative: [],
};

const COST_2021: Level2Pool = {
  level1: '成本指标',
  level2: '经济成本指标',
  quantitative: [Q('项目总成本', '万元', 10, 900, 2), Q('人均培训成本', '元/人', 100, 2000), Q('单位养护成本', '元/公里', 1000, 9000)],
  qualitative: [],
};

const EFFECT: Level2Pool[] = [
  { level1: '效益指标', level2: '经济效益指标', quantitative: [Q('带动农户增收', '万元', 5, 500, 2), Q('节约运行费用', '万元', 1, 90, 1)], qualitative: ['当地经济发展'] },
  { level1: '效益指标', level2: '社会效益指标', quantitative: [Q('带动就业人数', '人', 5, 600), Q('受益群众人数', '人', 100, 90000)], qualitative: ['居民生活质量', '基层治理水平', '群众安全感'] },
  { level1: '效益指标', level2: '生态效益指标', quantitative: [Q('绿化覆盖率', '%', 30, 60), Q('垃圾无害化处理率', '%', 90, 100)], qualitative: ['人居环境'] },
  { level1: '效益指标', level2: '可持续影响指标', quantitative: [Q('设施使用年限', '年', 3, 15), Q('服务机制运行年限', '年', 1, 10)], qualitative: ['长效管护机制'] },
];

const SATISFACTION: Level2Pool = {
  level1: '满意度指标',
  level2: '服务对象满意度指标',
  quantitative: [Q('群众满意度', '%', 80, 98), Q('服务对象满意度', '%', 85, 99), Q('学员满意度', '%', 85, 98)],
  qualitative: [],
};

/** Category names as tables also write them (the frameworks' synonyms), by standard name. */
const CATEGORY_SYNONYMS: Record<string, readonly string[]> = {
  产出指标: ['产出'], 效益指标: ['效益', '效果指标'], 满意度指标: ['满意度', '社会公众或服务对象满意度指标'], 成本指标: ['成本'],
  数量指标: ['数量'], 质量指标: ['质量'], 时效指标: ['时效'], 经济成本指标: ['经济成本'], 经济效益指标: ['经济效益'], 社会效益指标: ['社会效益'],
  生态效益指标: ['生态效益'], 可持续影响指标: ['可持续影响'], 服务对象满意度指标: ['服务对象满意度', '社会公众满意度'],
};

/** Operators written after the number (`95%以上`, `3天以内`). */
const AFTER_WORDS: readonly (readonly [string, TargetOperator])[] = [['以上', '≥'], ['及以上', '≥'], ['以内', '≤'], ['以下', '≤']];

const QUALITATIVE_TEXTS = ['有效提升', '显著提高', '明显改善', '持续改善', '逐步完善', '长期有效', '稳步提升'];

/** Operators as documents write them, with the operator they state; null: none written ("="). */
export const OPERATOR_WORDS: readonly [string | null, TargetOperator][] = [
  ['大于等于', '≥'], ['≥', '≥'], ['不低于', '≥'], ['≤', '≤'], ['小于等于', '≤'], ['不高于', '≤'],
  ['＝', '='], ['等于', '='], ['大于', '>'], ['小于', '<'], ['不少于', '≥'], ['不超过', '≤'], [null, '='],
];

const PROJECTS = [
  '社区居家养老服务补贴', '农村公路日常养护', '基层干部教育培训', '城乡环境卫生整治', '义务教育学校设备购置', '农田水利设施维修',
  '公共文化服务体系建设', '食品安全抽检监测', '残疾人康复救助', '城市道路照明设施维护', '森林防火宣传', '老旧小区综合整治',
  '妇幼健康服务', '退役军人服务站运行', '河道保洁管护',
];

const DEPARTMENTS = ['示范县民政局', '示范县交通运输局', '示范区教育局', '示范县农业农村局', '示范市卫生健康委员会', '示范区城市管理局', '示范县文化和旅游局'];

const GOALS = [
  '按时足额发放补贴，保障服务对象基本生活。',
  '完成年度任务，服务质量和群众满意度稳步提高。',
  '提升设施运行水平，保障群众正常生产生活。',
  '加强日常管护，确保项目长期发挥效益。',
];

// ---------------------------------------------------------------------------------------------
// Header names per role: those the parser knows (indicator-columns.ts) and a real form uses

/** The headers the parser lists for a field (indicator-columns.ts), and those a real form uses beside them. */
const known = (field: IndicatorField, more: readonly string[] = []): readonly string[] => [
  ...INDICATOR_COLUMN_HEADERS.find((c) => c.field === field)!.headers,
  ...more,
];

const HEADERS = {
  /** 指标类型/指标类别 name the category only when no other column is so named (WEAK_LEVEL1_HEADERS): apart. */
  level1: known('level1').filter((h) => !WEAK_LEVEL1_HEADERS.includes(h)),
  level1Weak: WEAK_LEVEL1_HEADERS,
  level2: known('level2'),
  name: known('name'),
  target: known('target'),
  /** The value column of a split target: a value header, or a target header over the number alone. */
  value: [...known('value'), ...known('target')],
  operator: known('operator'),
  unit: known('unit'),
  nature: known('nature'),
  weight: known('weight', ['权重（%）', '分值（分）', '权重(%)']),
  basis: known('basis'),
  description: known('description'),
  extra: ['备注', '考核方式'],
} as const;

const BASES = ['计划标准', '行业标准', '历史标准', '预算支出标准', '其他标准'];

/** A form's labels for a key (labels.ts), those only: a label listed twice reads as its first key (年度资金 is a money group). */
const labelsOf = (key: ProjectLabelKey): string[] =>
  PROJECT_LABELS.find((r) => r.key === key)!.labels!.filter((l) => lookupLabel(PROJECT_LABELS, l) === key);
const NAME_LABELS = labelsOf('name');
const AMOUNT_LABELS = labelsOf('annualTotal');
const GOAL_LABELS = labelsOf('goals');

// ---------------------------------------------------------------------------------------------
// Choices

type Column =
  | 'level1' | 'level2' | 'name' | 'target' | 'operator' | 'value' | 'unit' | 'nature' | 'weight' | 'basis' | 'description' | 'extra';

/** How the target is written: one cell, or split (operator in its own column, in the nature column, or absent). */
type TargetMode = 'joined' | 'split-operator' | 'split-nature' | 'split-value-unit';

interface Layout {
  targetMode: TargetMode;
  /** The split target's unit column (split modes); a joined target has its unit in the text. */
  unitColumn: boolean;
  level2: boolean;
  /** A nature column apart from the target's parts. */
  nature: boolean;
  weight: boolean;
  basis: boolean;
  description: boolean;
  extra: boolean;
  /** Header names, by column. */
  headers: Partial<Record<Column, string>>;
  /** Column order (the split target's parts stay together, in that order). */
  order: Column[];
  merge: 'merged' | 'repeated';
  categoryWeights: boolean;
  /** Weights in the level-2 cells too (`数量指标（20分）`). */
  level2Weights: boolean;
  /** Category cells under another of their names (产出, 效果指标, 社会效益 …), the k-th synonym. */
  synonyms: number | null;
  /** How a category cell writes its weight: `产出指标（50分）`, `产出指标(50分)`, `满意度指标（权重10%）`, `产出指标 50分`. */
  weightStyle: number;
  framework: 'old' | '2021';
}

const layoutArb: fc.Arbitrary<Layout> = fc
  .record({
    targetMode: fc.constantFrom<TargetMode>('joined', 'split-operator', 'split-nature', 'split-value-unit'),
    unitColumn: fc.boolean(),
    level2: fc.boolean(),
    nature: fc.boolean(),
    weight: fc.boolean(),
    basis: fc.boolean(),
    description: fc.boolean(),
    extra: fc.boolean(),
    merge: fc.constantFrom<'merged' | 'repeated'>('merged', 'repeated'),
    categoryWeights: fc.boolean(),
    level2Weights: fc.boolean(),
    synonyms: fc.option(fc.nat(), { nil: null, freq: 3 }),
    /** A header cell written with a space or a line break inside (`指标 名称`, a wrapped header). */
    headerBreaks: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 14, maxLength: 14 }),
    weightStyle: fc.integer({ min: 0, max: 3 }),
    framework: fc.constantFrom<'old' | '2021'>('old', '2021'),
    headerPicks: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
    orderKeys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }),
  })
  .map((r) => {
    const split = r.targetMode !== 'joined';
    const unitColumn = split && (r.unitColumn || r.targetMode === 'split-value-unit');
    // a nature column beside an operator written in 指标性质 would be a second nature column
    const nature = r.nature && r.targetMode !== 'split-nature';
    const pick = <T extends readonly string[]>(list: T, k: number) => {
      const h = list[r.headerPicks[k]! % list.length]!;
      const b = r.headerBreaks[k]!;
      // one header in three has a space or a line break after its second character (Word wraps narrow headers)
      return b === 0 || h.length < 4 || /[(（]/.test(h) ? h : `${h.slice(0, 2)}${b === 1 ? ' ' : '\n'}${h.slice(2)}`;
    };
    const headers: Partial<Record<Column, string>> = {
      // 指标类型 is a level 1 only without a nature column (WEAK_LEVEL1_HEADERS)
      level1: pick([...HEADERS.level1, ...(nature || r.targetMode === 'split-nature' ? [] : HEADERS.level1Weak)], 0),
      level2: pick(HEADERS.level2, 1),
      name: pick(HEADERS.name, 2),
      target: split ? pick(HEADERS.value, 3) : pick(HEADERS.target, 3),
      operator: r.targetMode === 'split-nature' ? pick(HEADERS.nature, 4) : pick(HEADERS.operator, 4),
      unit: pick(HEADERS.unit, 5),
      nature: pick(HEADERS.nature, 6),
      weight: pick(HEADERS.weight, 7),
      basis: pick(HEADERS.basis, 8),
      description: pick(HEADERS.description, 9),
      extra: pick(HEADERS.extra, 10),
    };
    // Blocks in a random order; the split target's parts together.
    const targetBlock: Column[] = split
      ? [...(r.targetMode === 'split-value-unit' ? [] : (['operator'] as Column[])), 'target', ...(unitColumn ? (['unit'] as Column[]) : [])]
      : ['target'];
    const blocks: Column[][] = [
      ['level1'],
      ...(r.level2 ? [['level2'] as Column[]] : []),
      ['name'],
      targetBlock,
      ...(nature ? [['nature'] as Column[]] : []),
      ...(r.weight ? [['weight'] as Column[]] : []),
      ...(r.basis ? [['basis'] as Column[]] : []),
      ...(r.description ? [['description'] as Column[]] : []),
      ...(r.extra ? [['extra'] as Column[]] : []),
    ];
    const order = blocks
      .map((b, k) => ({ b, key: r.orderKeys[k % r.orderKeys.length]! + k * 1e-9 }))
      .sort((a, b) => a.key - b.key)
      .flatMap((x) => x.b);
    return {
      targetMode: r.targetMode,
      unitColumn,
      level2: r.level2,
      nature,
      weight: r.weight,
      basis: r.basis,
      description: r.description,
      extra: r.extra,
      headers,
      order,
      merge: r.merge,
      categoryWeights: r.categoryWeights,
      level2Weights: r.categoryWeights && r.level2Weights,
      synonyms: r.synonyms,
      weightStyle: r.weightStyle,
      framework: r.framework,
    };
  });

/** One indicator's content before it is written in a layout. */
interface IndicatorContent {
  pool: Level2Pool;
  name: string;
  /** null: a 定性 row. */
  quantitative: {
    operator: string | null;
    symbol: TargetOperator;
    /** As written: `95`, `95.00` (一体化 exports write two decimals), `3.5`. */
    value: string;
    decimals: number;
    unit: string;
    /** A joined target written otherwise: the operator after the number (`95%以上`), or the unit in brackets (`≥98.00(%)`). */
    joinedStyle: { after: readonly [string, TargetOperator] } | 'bracketUnit' | null;
  } | null;
  qualitativeText: string;
  weight: number;
  weightSuffix: boolean;
  basis: string;
  extra: string;
}

const indicatorContentArb = (framework: 'old' | '2021'): fc.Arbitrary<IndicatorContent> => {
  const pools = [...OUTPUT, framework === 'old' ? COST_OLD : COST_2021, ...EFFECT, SATISFACTION];
  return fc
    .record({
      pool: fc.constantFrom(...pools),
      pick: fc.nat(),
      qualitative: fc.integer({ min: 0, max: 5 }),
      operator: fc.constantFrom(...OPERATOR_WORDS),
      fixed2: fc.boolean(),
      joinedStyle: fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom(...AFTER_WORDS).map((after) => ({ after })) },
        { weight: 1, arbitrary: fc.constant('bracketUnit' as const) },
      ),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      qualitativeText: fc.constantFrom(...QUALITATIVE_TEXTS),
      weight: fc.integer({ min: 1, max: 30 }),
      weightSuffix: fc.boolean(),
      basis: fc.constantFrom(...BASES),
      extra: fc.constantFrom('', '无', '按实际完成情况评价', '抽查台账'),
    })
    .map((r) => {
      const useQualitative = r.pool.qualitative.length > 0 && (r.qualitative === 0 || r.pool.quantitative.length === 0);
      if (useQualitative) {
        return {
          pool: r.pool,
          name: r.pool.qualitative[r.pick % r.pool.qualitative.length]!,
          quantitative: null,
          qualitativeText: r.qualitativeText,
          weight: r.weight,
          weightSuffix: r.weightSuffix,
          basis: r.basis,
          extra: r.extra,
        };
      }
      const q = r.pool.quantitative[r.pick % r.pool.quantitative.length]!;
      const scale = 10 ** q.decimals;
      const n = Math.round((q.min + (q.max - q.min) * r.fraction) * scale) / scale;
      return {
        pool: r.pool,
        name: q.name,
        quantitative: {
          operator: r.operator[0],
          symbol: r.operator[1],
          value: r.fixed2 && q.decimals <= 2 ? n.toFixed(2) : String(n),
          decimals: r.fixed2 && q.decimals <= 2 ? 2 : q.decimals,
          unit: q.unit,
          // a unit in brackets is how percentages are exported (`=98.00(%)`)
          // `3天以内` after a unit of time is a relative period by design (target-value.ts: kind
          // 'deadline', like `10个工作日内`), not the count ≤3 天: left out here
          joinedStyle:
            (r.joinedStyle === 'bracketUnit' && q.unit !== '%') || (r.joinedStyle !== null && r.joinedStyle !== 'bracketUnit' && r.joinedStyle.after[0] === '以内' && /^(年|天|月|日|周|小时)/.test(q.unit))
              ? null
              : r.joinedStyle,
        },
        qualitativeText: r.qualitativeText,
        weight: r.weight,
        weightSuffix: r.weightSuffix,
        basis: r.basis,
        extra: r.extra,
      };
    });
};

/** Indicators in the order of a real table: by level 1, then level 2, as the framework lists them. */
function inTableOrder(list: IndicatorContent[], framework: 'old' | '2021'): IndicatorContent[] {
  const pools = framework === 'old' ? [...OUTPUT, COST_OLD, ...EFFECT, SATISFACTION] : [COST_2021, ...OUTPUT, ...EFFECT, SATISFACTION];
  // one indicator of a name per table, as in a real one
  const unique = list.filter((ind, k) => list.findIndex((o) => o.name === ind.name) === k);
  return unique.sort((a, b) => pools.indexOf(a.pool) - pools.indexOf(b.pool));
}

interface ProjectContent {
  base: string;
  code: string | null;
  department: string | null;
  fen: number;
  goal: string;
  indicators: IndicatorContent[];
  level1Weights: Record<string, number>;
  /** By level 2. */
  level2Weights: Record<string, number>;
}

const projectContentArb = (framework: 'old' | '2021', k: number): fc.Arbitrary<ProjectContent> =>
  fc
    .record({
      base: fc.constantFrom(...PROJECTS),
      code: fc.option(fc.integer({ min: 1, max: 99999 }), { nil: null }),
      department: fc.option(fc.tuple(fc.integer({ min: 100001, max: 999999 }), fc.constantFrom(...DEPARTMENTS)), { nil: null }),
      // from 1 万元 to 9,000 万元; 万元 amounts are written with two decimals (amountText)
      yuan: fc.integer({ min: 10_000, max: 90_000_000 }),
      cents: fc.integer({ min: 0, max: 99 }),
      goal: fc.constantFrom(...GOALS),
      indicators: fc.array(indicatorContentArb(framework), { minLength: 1, maxLength: 9 }),
      level2Weights: fc.dictionary(fc.constantFrom(...[...OUTPUT, COST_OLD, COST_2021, ...EFFECT, SATISFACTION].map((p) => p.level2)), fc.integer({ min: 2, max: 20 })),
      level1Weights: fc.record({ 成本指标: fc.integer({ min: 5, max: 30 }), 产出指标: fc.integer({ min: 20, max: 60 }), 效益指标: fc.integer({ min: 10, max: 40 }), 满意度指标: fc.integer({ min: 5, max: 20 }) }),
    })
    .map((r) => ({
      base: r.base,
      code: r.code === null ? null : `13082725P${String(r.code + k).padStart(11, '0')}`,
      department: r.department === null ? null : `${r.department[0]}${r.department[1]}`,
      fen: r.yuan * 100 + r.cents,
      goal: r.goal,
      indicators: inTableOrder(r.indicators, framework),
      level1Weights: r.level1Weights,
      level2Weights: r.level2Weights,
    }));

interface FormChoices {
  headingNamed: boolean;
  numbered: boolean;
  /** 项目绩效目标表 or 项目支出绩效目标表 after the name. */
  titleSuffix: string;
  nameLabel: string;
  amountLabel: string;
  goalLabel: string;
  /** The amount's unit and how it is written. */
  amountUnit: '万元' | '元';
  /** Where the unit is: in the label (`年度资金总额（万元）`), after the amount (`86.40万元`), or in a caption line over the table. */
  unitPlace: 'label' | 'value' | 'caption' | 'cell';
  separators: boolean;
  /** An amount after which its unit is written says 万 for 万元 (`120万`, read as 万元). */
  wanShort: boolean;
  /** Spreadsheet cells as numbers (amounts, target values), as a bureau's export writes them. */
  numbers: boolean;
}

const formArb: fc.Arbitrary<FormChoices> = fc.record({
  headingNamed: fc.boolean(),
  numbered: fc.boolean(),
  titleSuffix: fc.constantFrom('项目绩效目标表', '项目支出绩效目标表'),
  nameLabel: fc.constantFrom(...NAME_LABELS),
  amountLabel: fc.constantFrom(...AMOUNT_LABELS),
  goalLabel: fc.constantFrom(...GOAL_LABELS),
  amountUnit: fc.constantFrom<'万元' | '元'>('万元', '元'),
  unitPlace: fc.constantFrom<'label' | 'value' | 'caption' | 'cell'>('label', 'value', 'caption', 'cell'),
  separators: fc.boolean(),
  wanShort: fc.boolean(),
  numbers: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Writing a case

const group = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The amount as the table writes it, and the fen it stands for (万元 rounds to what two decimals can say). */
function amountText(fen: number, form: FormChoices): { text: string; fen: number; number: number } {
  if (form.amountUnit === '万元') {
    const wanCents = Math.max(1, Math.round(fen / 10_000)); // hundredths of 万元 (100 元 each)
    const whole = Math.floor(wanCents / 100);
    const text = `${form.separators ? group(whole) : String(whole)}.${String(wanCents % 100).padStart(2, '0')}`;
    return { text, fen: wanCents * 10_000, number: wanCents / 100 };
  }
  const whole = Math.floor(fen / 100);
  return { text: `${form.separators ? group(whole) : String(whole)}.${String(fen % 100).padStart(2, '0')}`, fen, number: fen / 100 };
}

function categoryText(standard: string, weight: number | undefined, layout: Layout): string {
  const synonyms = CATEGORY_SYNONYMS[standard] ?? [];
  const name = layout.synonyms === null || synonyms.length === 0 ? standard : synonyms[layout.synonyms % synonyms.length]!;
  if (weight === undefined) return name;
  return [`${name}（${weight}分）`, `${name}(${weight}分)`, `${name}（权重${weight}%）`, `${name} ${weight}分`][layout.weightStyle]!;
}

/** The indicator rows of one project: the cells of each row by column, and the expected indicators. */
function indicatorRows(p: ProjectContent, layout: Layout, numbers: boolean): { rows: Map<Column, GenSlot>[]; expected: ExpectedIndicator[] } {
  const rows: Map<Column, GenSlot>[] = [];
  const expected: ExpectedIndicator[] = [];
  const inds = p.indicators;
  inds.forEach((ind, i) => {
    const row = new Map<Column, GenSlot>();
    const l1 = ind.pool.level1;
    const l1Weight = layout.categoryWeights ? p.level1Weights[l1] : undefined;
    const l2Weight = layout.level2 && layout.level2Weights ? p.level2Weights[ind.pool.level2] : undefined;
    const firstOfL1 = i === 0 || inds[i - 1]!.pool.level1 !== l1;
    const firstOfL2 = firstOfL1 || inds[i - 1]!.pool !== ind.pool;
    const runLength = (same: (a: IndicatorContent) => boolean) => {
      let n = 0;
      while (i + n < inds.length && same(inds[i + n]!)) n++;
      return n;
    };
    const l1Text = categoryText(l1, l1Weight, layout);
    if (layout.merge === 'repeated' || firstOfL1) {
      const span = layout.merge === 'merged' ? runLength((a) => a.pool.level1 === l1) : 1;
      row.set('level1', { text: l1Text, ...(span > 1 ? { rowSpan: span } : {}) });
    } else row.set('level1', 'v');
    if (layout.level2) {
      if (layout.merge === 'repeated' || firstOfL2) {
        const span = layout.merge === 'merged' ? runLength((a) => a.pool === ind.pool) : 1;
        row.set('level2', { text: categoryText(ind.pool.level2, l2Weight, layout), ...(span > 1 ? { rowSpan: span } : {}) });
      } else row.set('level2', 'v');
    }
    row.set('name', { text: ind.name });
    const q = ind.quantitative;
    let target: ExpectedTarget;
    const valueCell = (text: string): GenCell =>
      numbers && q && /^\d+(\.\d+)?$/.test(text) ? { text, number: { value: Number(text), format: text.includes('.') ? `0.${'0'.repeat(q.decimals)}` : 'General' } } : { text };
    if (layout.targetMode === 'joined') {
      const style = q?.joinedStyle ?? null;
      const text = !q
        ? ind.qualitativeText
        : style === 'bracketUnit'
          ? `${q.operator ?? ''}${q.value}(${q.unit})`
          : style !== null
            ? `${q.value}${q.unit}${style.after[0]}`
            : `${q.operator ?? ''}${q.value}${q.unit}`;
      row.set('target', { text });
      target = q
        ? { raw: text, kind: 'quantitative', operator: style !== null && style !== 'bracketUnit' ? style.after[1] : q.symbol, value: Number(q.value), unit: q.unit }
        : { raw: text, kind: 'qualitative', operator: null, value: null, unit: null };
    } else {
      // split: the value alone (with its operator word when no column holds it: `≥98` | `%`); the
      // unit in its column or, without one, after the value
      const ownOperator = layout.targetMode === 'split-value-unit' ? (q?.operator ?? '') : '';
      const valueText = q ? `${ownOperator}${q.value}${layout.unitColumn ? '' : q.unit}` : ind.qualitativeText;
      row.set('target', q && layout.unitColumn ? valueCell(valueText) : { text: valueText });
      if (layout.unitColumn) row.set('unit', { text: q ? q.unit : '' });
      if (layout.targetMode === 'split-operator') row.set('operator', { text: q?.operator ?? '' });
      if (layout.targetMode === 'split-nature') row.set('operator', { text: q ? (q.operator ?? '定量') : '定性' });
      // the operator column's word is joined as its symbol; one in the value cell stays as written
      const operatorText = q === null || q.operator === null ? '' : layout.targetMode === 'split-value-unit' ? q.operator : q.symbol;
      target = q
        ? { raw: `${operatorText}${q.value}${q.unit}`, kind: 'quantitative', operator: q.symbol, value: Number(q.value), unit: q.unit }
        : { raw: ind.qualitativeText, kind: 'qualitative', operator: null, value: null, unit: null };
    }
    if (layout.nature) row.set('nature', { text: q ? '定量' : '定性' });
    const e: ExpectedIndicator = { level1: l1, level2: layout.level2 ? ind.pool.level2 : null, name: ind.name, target };
    if (layout.weight) {
      row.set('weight', { text: ind.weightSuffix ? `${ind.weight}分` : String(ind.weight) });
      e.weight = ind.weight;
    }
    if (layout.basis) {
      row.set('basis', { text: ind.basis });
      e.basis = ind.basis;
    }
    if (layout.description) {
      const text = q ? `${ind.name}达到${q.value}${q.unit}` : `${ind.name}${ind.qualitativeText}`;
      row.set('description', { text });
      e.description = text;
    }
    if (layout.extra) row.set('extra', { text: ind.extra });
    if (l1Weight !== undefined) e.level1Weight = l1Weight;
    if (l2Weight !== undefined) e.level2Weight = l2Weight;
    rows.push(row);
    expected.push(e);
  });
  return { rows, expected };
}

function describeLayout(layout: Layout, form: FormChoices): string[] {
  return [
    `columns: ${layout.order.map((c) => `${c}=${layout.headers[c]!.replace(/\n/g, '⏎')}`).join(' | ')}`,
    `target ${layout.targetMode}${layout.unitColumn ? ' with a unit column' : ''}; categories ${layout.merge}${layout.categoryWeights ? ', weighted' : ''}${layout.level2Weights ? ' (level 2 too)' : ''}${layout.synonyms !== null ? ', synonyms' : ''}; framework ${layout.framework}`,
    `form: ${form.headingNamed ? 'named by its heading' : `named by ${form.nameLabel}`}; amount ${form.amountLabel} in ${form.amountUnit} (unit in the ${form.unitPlace})${form.separators ? ' with separators' : ''}${form.numbers ? '; spreadsheet numbers' : ''}`,
  ];
}

/** A single-project table: the form's rows (label | value over the other columns), then the indicators. */
/** The indicator header: one row, or two with the split target's parts under one header over them. */
function headerRows(layout: Layout, twoRows: boolean): GenSlot[][] {
  const parts = new Set<Column>(['operator', 'target', 'unit']);
  const at = layout.order.findIndex((c) => parts.has(c));
  const count = layout.order.filter((c) => parts.has(c)).length;
  if (!twoRows || layout.targetMode === 'joined' || count < 2) return [layout.order.map((c) => ({ text: layout.headers[c]! }))];
  const top: GenSlot[] = [];
  const sub: GenSlot[] = [];
  layout.order.forEach((c, k) => {
    if (!parts.has(c)) {
      top.push({ text: layout.headers[c]!, rowSpan: 2 });
      sub.push('v');
      return;
    }
    top.push(k === at ? { text: '指标值', colSpan: count } : 'h');
    sub.push({ text: c === 'target' ? '数值' : layout.headers[c]! });
  });
  return [top, sub];
}

function singleProjectCase(layout: Layout, form: FormChoices, p: ProjectContent, twoRowHeaders = false): LayoutCase {
  const width = layout.order.length;
  const formRow = (label: string, value: GenCell): GenSlot[] => [{ text: label }, { ...value, ...(width > 2 ? { colSpan: width - 1 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 2)).fill('h')];
  const amount = amountText(p.fen, form);
  const name = form.headingNamed ? `${p.base}项目` : p.base;
  const heading = `${form.numbered ? '1.' : ''}${p.base}${form.titleSuffix}`;
  const rows: GenSlot[][] = [];
  // the published layout's first row: the unit (with its code) over the table, and the amounts' unit
  if (form.unitPlace === 'cell') rows.push([{ text: p.department ?? '100001示范县财政局', ...(width > 2 ? { colSpan: width - 1 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 2)).fill('h'), { text: `单位：${form.amountUnit}` }]);
  if (!form.headingNamed) rows.push(formRow(form.nameLabel, { text: p.base }));
  if (p.code !== null) rows.push(formRow('项目编码', { text: p.code }));
  if (p.department !== null) rows.push(formRow('主管部门', { text: p.department }));
  rows.push(
    form.unitPlace === 'value'
      ? formRow(form.amountLabel, { text: `${amount.text}${form.amountUnit === '万元' && form.wanShort ? '万' : form.amountUnit}` })
      : formRow(form.unitPlace === 'label' ? `${form.amountLabel}（${form.amountUnit}）` : form.amountLabel, {
          text: amount.text,
          ...(form.numbers ? { number: { value: amount.number, format: form.separators ? '#,##0.00' : '0.00' } } : {}),
        }),
  );
  rows.push(formRow(form.goalLabel, { text: p.goal }));
  rows.push(...headerRows(layout, twoRowHeaders));
  const { rows: indRows, expected } = indicatorRows(p, layout, form.numbers);
  for (const r of indRows) rows.push(layout.order.map((c) => r.get(c) ?? { text: '' }));
  return {
    table: { heading, ...(form.unitPlace === 'caption' ? { caption: `金额单位：${form.amountUnit}` } : {}), rows, width },
    projects: [{ name, code: p.code, total: amount.fen, indicators: expected }],
    choices: describeLayout(layout, form),
  };
}

/**
 * A table listing several projects (the 一体化 disclosure list): 项目名称 | amount | 年度绩效目标 in
 * leading columns merged (or repeated) over each project's indicator rows.
 */
function multiProjectCase(layout: Layout, form: FormChoices, projects: ProjectContent[]): LayoutCase {
  const lead = [form.nameLabel, `${form.amountLabel}（${form.amountUnit}）`, form.goalLabel];
  const width = lead.length + layout.order.length;
  const rows: GenSlot[][] = [[...lead, ...layout.order.map((c) => layout.headers[c]!)].map((text) => ({ text }))];
  const expectedProjects: ExpectedProject[] = [];
  for (const p of projects) {
    const amount = amountText(p.fen, form);
    const { rows: indRows, expected } = indicatorRows(p, layout, form.numbers);
    const n = indRows.length;
    indRows.forEach((r, i) => {
      const leadCells: GenSlot[] =
        layout.merge === 'merged' && i > 0
          ? ['v', 'v', 'v']
          : [
              { text: p.base, ...(layout.merge === 'merged' && n > 1 ? { rowSpan: n } : {}) },
              { text: amount.text, ...(layout.merge === 'merged' && n > 1 ? { rowSpan: n } : {}), ...(form.numbers ? { number: { value: amount.number, format: '#,##0.00' } } : {}) },
              { text: p.goal, ...(layout.merge === 'merged' && n > 1 ? { rowSpan: n } : {}) },
            ];
      rows.push([...leadCells, ...layout.order.map((c) => r.get(c) ?? { text: '' })]);
    });
    expectedProjects.push({ name: p.base, code: null, total: amount.fen, indicators: expected });
  }
  return { table: { heading: '2025年度项目支出绩效目标表', rows, width }, projects: expectedProjects, choices: ['many projects', ...describeLayout(layout, form)] };
}

/** The arbitrary of layout cases. */
export function layoutCaseArb(options: LayoutGenOptions = {}): fc.Arbitrary<LayoutCase> {
  return fc
    .tuple(layoutArb, formArb)
    .chain(([layout, form]) => {
      if (options.multiProject) {
        return fc
          .integer({ min: 2, max: 6 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => projectContentArb(layout.framework, k))))
          .map((projects) => multiProjectCase(layout, form, uniqueNames(projects)));
      }
      return projectContentArb(layout.framework, 0).map((p) => singleProjectCase(layout, form, p, options.twoRowHeaders === true));
    })
    .map((c) => Object.assign(c, { [fc.toStringMethod]: () => tableAsText(c.table) }));
}

/** Projects of one list table have different names (a new project starts where the name changes). */
function uniqueNames(projects: ProjectContent[]): ProjectContent[] {
  const seen = new Set<string>();
  return projects.map((p, k) => {
    let base = p.base;
    if (seen.has(base)) base = `${base}（${k + 1}）`;
    seen.add(base);
    return { ...p, base };
  });
}

/** The table as plain text, one row a line, for a failure's message. */
export function tableAsText(table: GenTable): string {
  const lines = [table.heading, ...(table.caption ? [table.caption] : [])];
  for (const row of table.rows) {
    lines.push(
      row
        .map((s) => (s === 'v' ? '↑' : s === 'h' ? '←' : `${s.text.replace(/\n/g, '⏎')}${s.rowSpan ? `⟨rows ${s.rowSpan}⟩` : ''}${s.colSpan ? `⟨cols ${s.colSpan}⟩` : ''}`))
        .join(' | '),
    );
  }
  return lines.join('\n');
}
