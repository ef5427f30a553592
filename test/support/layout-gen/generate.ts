/**
 * A generator of documents holding indicator tables (fast-check arbitraries), each with the model a
 * reader must get back from it, or, where a careful person could not read it exactly, which renderings
 * cannot be read (the reader must then say it is not sure). Built from the column roles of issue 37
 * and the structural dimensions of issue 53.
 *
 * One case is one document (GenDocument: paragraphs and tables in order). Its project tables hold the
 * project's form (each row a label and its value) and its indicator table, whose columns are a random
 * subset of the roles in a random order under one of the header names a real form uses:
 *
 * - level 1 (always), level 2 (optional), level 3 the indicator's name (always);
 * - the target joined in one cell (`大于等于98%`) or split over operator | value | unit columns (the
 *   operator column sometimes the 指标性质 column of 一体化 prints, holding ≥ / 定性), parts optional;
 * - nature (定量/定性), weight (分值/权重), basis, description, an extra column (备注);
 * - category cells merged over their rows or repeated in each, with a weight in them or not
 *   (`产出指标（50分）`); operators in words and symbols or none (then "="), 定性 rows, amounts in 元 (with
 *   or without thousands separators) or 万元; the project named by a field or by the heading above.
 *
 * And the dimensions of issue 53, each drawn apart (Dimensions):
 * - **header depth and paths**: 指标值 over its parts in two header rows; 指标值 split by time
 *   (上年实际值 | 本年目标值, 2024年实际 | 预期2025年, 实施周期指标值 | 当年度指标值, 中期目标 | 年度目标) under it
 *   or in the header row itself; bare years (2025年 | 2026年) under 指标值, read by the document's year;
 * - **short rows**: in extracted text, merged cells and trailing empty cells left out;
 * - **labels as people write them**: `*`, `（必填）`, a colon, numbering; the unit's row under several
 *   names; an optional field left empty between two labels; a contact row beside the fields; decorated
 *   indicator headers; an indicator's unit in brackets after its name (`培训人次（人次）` | `320`);
 * - **rows that are not indicators**: 填报人/联系电话 between indicator groups, an office's opinion, a seal
 *   and a date, a note under the table and after it;
 * - **text around the table**: the document's title, a notice, a list of its projects with amounts, a
 *   sub-heading between a project's heading and its table, a date line (the year then inferred from it),
 *   the budget tables of a whole 预算公开 before the target tables;
 * - **indicators written as running text**, one cell per level 1 or one cell in sections by level 2;
 * - **goals by role**: the overall and the annual goal in two rows, or side by side under one label;
 * - **parts of a total**: 其中 items in the amount's cell, or 其中 rows under a 合计;
 * - **each framework**: the 2015–2018 tree (成本指标 under 产出指标), the 2021 tree (成本指标 a level 1 with
 *   经济/社会/生态环境成本指标), the older common tree (服务对象满意度 under 效益指标);
 * - **documents without a target table**: a 决算 with its budget tables, a notice (the reader refuses
 *   them in one line);
 * - **unreadable cases** on purpose (Unreadable): a target column under a name no form uses, bare years
 *   with no year anywhere, running text whose items give no target, a row whose name and target cells
 *   are the other way round, two extra columns and a row short of one cell (in extracted text), a seal
 *   where a target should be. A short row whose cells a person could place in more than one way
 *   (shortRowPlacements) makes the case unreadable in extracted text too.
 *
 * Content is invented (content.ts). Each table is a grid of cells with their spans, and says each row's
 * kind and its indicator header's columns (path and role) as the structure stage must find them;
 * render.ts writes the document as .txt, HTML, .docx and .xlsx.
 *
 * `multiProject` (off in the suite's mixed cases) makes tables that list several projects, their fields
 * in leading columns merged over their indicator rows (the 一体化 disclosure list).
 */
import fc from 'fast-check';
import type { TargetOperator } from '../../../src/shared/domain/model';
import { parseTargetValue } from '../../../src/shared/domain/target-value';
import type { GridColumnRole, RowKind } from '../../../src/shared/domain/table-grid';
import { MEASURE_UNIT_SUFFIX } from '../../../src/shared/layout/labels';
import {
  AFTER_WORDS, ALL_LEVEL2, AMOUNT_LABELS, ANNUAL_GOAL_LABELS, BASES, CATEGORY_SYNONYMS, CATEGORY_WORDS, COMMON_SATISFACTION_LEVEL2,
  CONTACT_PEOPLE, DEPARTMENTS, FUND_SOURCES, GOAL_LABELS, GOALS, HEADERS, knownHeaders, LONG_TERM_GOAL_LABELS, LONG_TERM_GOALS, NAME_LABELS,
  NOTES, NOTICES, OPERATOR_WORDS, OPINIONS, OPTIONAL_FIELDS, PERIOD_ANNUAL, PHONES, poolsOf, PRIOR_CURRENT, PROJECTS, QUALITATIVE_TEXTS,
  REMARKS, SATISFACTION, SIDE_BY_SIDE_GOALS, UNIT_LABELS, UNKNOWN_TARGET_HEADERS, type Framework, type Level2Pool,
} from './content';

export { OPERATOR_WORDS } from './content';
export {
  documentAsText, LAYOUT_FORMATS, tableAsText, YEAR,
  type ExpectedDocument, type ExpectedExtra, type ExpectedHeader, type ExpectedIndicator, type ExpectedProject, type ExpectedTarget, type GenBlock,
  type GenCell, type GenDocument, type GenSlot, type GenTable, type LayoutCase, type LayoutFormat, type Unreadable,
} from './document';
import {
  documentAsText, YEAR,
  type ExpectedDocument, type ExpectedExtra, type ExpectedHeader, type ExpectedIndicator, type ExpectedProject, type ExpectedTarget, type GenBlock,
  type GenCell, type GenSlot, type GenTable, type LayoutCase, type LayoutFormat, type Unreadable,
} from './document';

export interface LayoutGenOptions {
  /** Tables that list several projects in leading merged columns (branch multi). Off by default. */
  multiProject?: boolean;
  /**
   * A split target's parts under a header over them in two header rows (`指标值` over `运算符 | 数值 |
   * 计量单位`, the other headers merged down both rows).
   */
  twoRowHeaders?: boolean;
  /** Every structural dimension of issue 53 (Dimensions), readable and unreadable cases mixed. */
  mixed?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Choices: the indicator table's layout

type Column =
  | 'level1' | 'level2' | 'name' | 'target' | 'time' | 'operator' | 'value' | 'unit' | 'nature' | 'weight' | 'basis' | 'description' | 'extra' | 'extra2';

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
  framework: Framework;
  /** Raw draws the dimensions use to re-pick headers. */
  headerPicks: number[];
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
      headerPicks: r.headerPicks,
    };
  });

// ---------------------------------------------------------------------------------------------
// Choices: the content

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
    /** Last year's actual, the period's target and next year's, as numbers written like `value`. */
    prior: string;
    period: string;
    later: string;
  } | null;
  qualitativeText: string;
  weight: number;
  weightSuffix: boolean;
  basis: string;
  extra: string;
  extra2: string;
  /** The unit written in brackets after the name (`培训人次（人次）`), the target a bare number (joined targets). */
  unitInName: boolean;
}

const PRIOR_QUALITATIVE = ['基本完成', '已达到', '总体良好'];

const indicatorContentArb = (framework: Framework): fc.Arbitrary<IndicatorContent> => {
  const pools = poolsOf(framework);
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
      extra: fc.constantFrom(...REMARKS),
      extra2: fc.constantFrom(...REMARKS.filter((r) => r !== '')),
      unitInName: fc.integer({ min: 0, max: 3 }),
    })
    .map((r) => {
      const common = {
        pool: r.pool,
        qualitativeText: r.qualitativeText,
        weight: r.weight,
        weightSuffix: r.weightSuffix,
        basis: r.basis,
        extra: r.extra,
        extra2: r.extra2,
      };
      const useQualitative = r.pool.qualitative.length > 0 && (r.qualitative === 0 || r.pool.quantitative.length === 0);
      if (useQualitative) return { ...common, name: r.pool.qualitative[r.pick % r.pool.qualitative.length]!, quantitative: null, unitInName: false };
      const q = r.pool.quantitative[r.pick % r.pool.quantitative.length]!;
      const scale = 10 ** q.decimals;
      const n = Math.round((q.min + (q.max - q.min) * r.fraction) * scale) / scale;
      const decimals = r.fixed2 && q.decimals <= 2 ? 2 : q.decimals;
      const write = (x: number) => (decimals === 2 ? x.toFixed(2) : String(Math.round(x * scale) / scale));
      // last year's a little under this year's, the period's three years' worth (a rate stays a rate), next year's a little more
      const rate = q.unit === '%';
      return {
        ...common,
        name: q.name,
        quantitative: {
          operator: r.operator[0],
          symbol: r.operator[1],
          value: decimals === 2 ? n.toFixed(2) : String(n),
          decimals,
          unit: q.unit,
          // a unit in brackets is how percentages are exported (`=98.00(%)`)
          // `3天以内` after a unit of time is a relative period by design (target-value.ts: kind
          // 'deadline', like `10个工作日内`), not the count ≤3 天: left out here
          joinedStyle:
            (r.joinedStyle === 'bracketUnit' && q.unit !== '%') || (r.joinedStyle !== null && r.joinedStyle !== 'bracketUnit' && r.joinedStyle.after[0] === '以内' && /^(年|天|月|日|周|小时)/.test(q.unit))
              ? null
              : r.joinedStyle,
          prior: write(rate ? Math.max(q.min, n - 2) : Math.max(q.min, n * 0.9)),
          period: write(rate ? n : n * 3),
          later: write(rate ? Math.min(100, n + 1) : n * 1.1),
        },
        unitInName: r.unitInName === 0 && (q.unit === '%' || MEASURE_UNIT_SUFFIX.test(`(${q.unit})`)),
      };
    });
};

/** Indicators in the order of a real table: by level 1, then level 2, as the framework lists them. */
function inTableOrder(list: IndicatorContent[], framework: Framework): IndicatorContent[] {
  const pools = poolsOf(framework);
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
  longTermGoal: string;
  indicators: IndicatorContent[];
  level1Weights: Record<string, number>;
  /** By level 2. */
  level2Weights: Record<string, number>;
  /** How the total splits into its parts (fractions of it), and their sources. */
  split: number[];
  sources: number;
  contact: number;
}

const projectContentArb = (framework: Framework, k: number): fc.Arbitrary<ProjectContent> =>
  fc
    .record({
      base: fc.constantFrom(...PROJECTS),
      code: fc.option(fc.integer({ min: 1, max: 99999 }), { nil: null }),
      department: fc.option(fc.tuple(fc.integer({ min: 100001, max: 999999 }), fc.constantFrom(...DEPARTMENTS)), { nil: null }),
      // from 1 万元 to 9,000 万元; 万元 amounts are written with two decimals (amountText)
      yuan: fc.integer({ min: 10_000, max: 90_000_000 }),
      cents: fc.integer({ min: 0, max: 99 }),
      goal: fc.constantFrom(...GOALS),
      longTermGoal: fc.constantFrom(...LONG_TERM_GOALS),
      indicators: fc.array(indicatorContentArb(framework), { minLength: 1, maxLength: 9 }),
      level2Weights: fc.dictionary(fc.constantFrom(...ALL_LEVEL2), fc.integer({ min: 2, max: 20 })),
      level1Weights: fc.record({ 成本指标: fc.integer({ min: 5, max: 30 }), 产出指标: fc.integer({ min: 20, max: 60 }), 效益指标: fc.integer({ min: 10, max: 40 }), 满意度指标: fc.integer({ min: 5, max: 20 }) }),
      split: fc.array(fc.double({ min: 0.1, max: 0.7, noNaN: true }), { minLength: 1, maxLength: 2 }),
      sources: fc.nat(),
      contact: fc.nat(),
    })
    .map((r) => ({
      base: r.base,
      code: r.code === null ? null : `13082725P${String(r.code + k).padStart(11, '0')}`,
      department: r.department === null ? null : `${r.department[0]}${r.department[1]}`,
      fen: r.yuan * 100 + r.cents,
      goal: r.goal,
      longTermGoal: r.longTermGoal,
      indicators: inTableOrder(r.indicators, framework),
      level1Weights: r.level1Weights,
      level2Weights: r.level2Weights,
      split: r.split,
      sources: r.sources,
      contact: r.contact,
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
// Choices: the dimensions of issue 53

/** The header over the target: one row, 指标值 over its parts, or 指标值 split by time. */
type HeaderShape = 'plain' | 'parts' | 'prior' | 'period' | 'years';

type UnreadableKind = 'unknownTarget' | 'bareYears' | 'runningNoTarget' | 'swapped' | 'shortAmbiguous' | 'sealInTarget';

interface Dimensions {
  header: HeaderShape;
  /** Which pair of time headers (PRIOR_CURRENT, PERIOD_ANNUAL). */
  timeLabels: number;
  /** The time columns in the header row itself, with no 指标值 over them. */
  timeInline: boolean;
  shortText: boolean;
  labelDecor: 'none' | 'star' | 'note' | 'colon' | 'number';
  headerDecor: boolean;
  unitRow: string | null;
  optionalField: string | null;
  contacts: boolean;
  /** 填报人 and 联系电话 between two level-1 groups. */
  contactsAmong: boolean;
  opinion: number | null;
  seal: boolean;
  note: number | null;
  noteAfter: boolean;
  goals: 'annual' | 'twoRows' | 'sideBySide';
  goalLabels: number;
  breakdown: 'none' | 'inCell' | 'rows';
  running: null | 'byLevel1' | 'byLevel2';
  runningMarks: 'zhibiao' | 'number' | 'plain';
  framework: Framework | null;
  unreadable: UnreadableKind | null;
  /** Which project of the document is the unreadable one. */
  unreadableAt: number;
}

const sometimes = <T>(arb: fc.Arbitrary<T>, freq = 3) => fc.option(arb, { nil: null, freq });

const dimensionsArb: fc.Arbitrary<Dimensions> = fc.record({
  header: fc.oneof(
    { weight: 4, arbitrary: fc.constant<HeaderShape>('plain') },
    { weight: 1, arbitrary: fc.constant<HeaderShape>('parts') },
    { weight: 1, arbitrary: fc.constant<HeaderShape>('prior') },
    { weight: 1, arbitrary: fc.constant<HeaderShape>('period') },
    { weight: 1, arbitrary: fc.constant<HeaderShape>('years') },
  ),
  timeLabels: fc.nat(),
  timeInline: fc.boolean(),
  shortText: fc.boolean(),
  labelDecor: fc.constantFrom<Dimensions['labelDecor']>('none', 'none', 'none', 'star', 'note', 'colon', 'number'),
  headerDecor: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  unitRow: sometimes(fc.constantFrom(...UNIT_LABELS)),
  optionalField: sometimes(fc.constantFrom(...OPTIONAL_FIELDS)),
  contacts: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  contactsAmong: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  opinion: sometimes(fc.integer({ min: 0, max: OPINIONS.length - 1 })),
  seal: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  note: sometimes(fc.integer({ min: 0, max: NOTES.length - 1 })),
  noteAfter: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  goals: fc.constantFrom<Dimensions['goals']>('annual', 'annual', 'twoRows', 'sideBySide'),
  goalLabels: fc.nat(),
  breakdown: fc.constantFrom<Dimensions['breakdown']>('none', 'none', 'none', 'inCell', 'rows'),
  running: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<'byLevel1' | 'byLevel2'>('byLevel1', 'byLevel2') }),
  runningMarks: fc.constantFrom<Dimensions['runningMarks']>('zhibiao', 'number', 'plain'),
  framework: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant<Framework>('common') }),
  unreadable: fc.oneof(
    { weight: 7, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom<UnreadableKind>('unknownTarget', 'bareYears', 'runningNoTarget', 'swapped', 'shortAmbiguous', 'sealInTarget') },
  ),
  unreadableAt: fc.nat(),
});

/** What surrounds the project tables, and the kind of document. */
interface DocumentChoices {
  kind: 'targets' | 'finalAccounts' | 'notice';
  projects: number;
  /** Where the year is said: a project code, the document's title, a date line alone, or nowhere. */
  year: 'code' | 'title' | 'date' | 'none';
  title: boolean;
  notice: number | null;
  list: boolean;
  /** The budget tables of a whole 预算公开 before the target tables. */
  budgetTables: boolean;
  subHeading: string | null;
  department: number;
  amounts: number[];
}

const documentArb: fc.Arbitrary<DocumentChoices> = fc.record({
  kind: fc.oneof({ weight: 18, arbitrary: fc.constant<'targets'>('targets') }, { weight: 1, arbitrary: fc.constantFrom<'finalAccounts' | 'notice'>('finalAccounts', 'notice') }),
  projects: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }),
  year: fc.constantFrom<DocumentChoices['year']>('code', 'code', 'title', 'date', 'none'),
  title: fc.boolean(),
  notice: sometimes(fc.integer({ min: 0, max: NOTICES.length - 1 })),
  list: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  budgetTables: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  subHeading: sometimes(fc.constantFrom('年度绩效目标表', '项目绩效目标', '年度绩效指标')),
  department: fc.nat(),
  amounts: fc.array(fc.integer({ min: 1_000, max: 900_000 }), { minLength: 6, maxLength: 6 }),
});

// ---------------------------------------------------------------------------------------------
// Writing a case

const group = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The amount as the table writes it, and the fen it stands for (万元 rounds to what two decimals can say). */
function amountText(fen: number, unit: '万元' | '元', separators: boolean): { text: string; fen: number; number: number } {
  if (unit === '万元') {
    const wanCents = Math.max(1, Math.round(fen / 10_000)); // hundredths of 万元 (100 元 each)
    const whole = Math.floor(wanCents / 100);
    const text = `${separators ? group(whole) : String(whole)}.${String(wanCents % 100).padStart(2, '0')}`;
    return { text, fen: wanCents * 10_000, number: wanCents / 100 };
  }
  const whole = Math.floor(fen / 100);
  return { text: `${separators ? group(whole) : String(whole)}.${String(fen % 100).padStart(2, '0')}`, fen, number: fen / 100 };
}

function categoryText(standard: string, weight: number | undefined, layout: Layout): string {
  const synonyms = CATEGORY_SYNONYMS[standard] ?? [];
  const name = layout.synonyms === null || synonyms.length === 0 ? standard : synonyms[layout.synonyms % synonyms.length]!;
  return withWeight(name, weight, layout);
}

function withWeight(name: string, weight: number | undefined, layout: Layout): string {
  if (weight === undefined) return name;
  return [`${name}（${weight}分）`, `${name}(${weight}分)`, `${name}（权重${weight}%）`, `${name} ${weight}分`][layout.weightStyle]!;
}

/** What a cell is to a person placing a short row's cells (shortRowPlacements). */
type CellClass = 'empty' | 'level1' | 'level2' | 'name' | 'catname' | 'value' | 'qualitative' | 'operator' | 'nature' | 'unit' | 'weight' | 'basis' | 'sentence' | 'remark' | 'time';

/** An indicator row being written: its cells by column, and what each is. */
type RowCells = Map<Column, { slot: GenSlot; cls: CellClass }>;

const quantitativeTarget = (raw: string, symbol: TargetOperator, value: string, unit: string): ExpectedTarget => ({ raw, kind: 'quantitative', operator: symbol, value: Number(value), unit });
const qualitativeTarget = (raw: string): ExpectedTarget => ({ raw, kind: 'qualitative', operator: null, value: null, unit: null });

/** The level-1 category a row of a framework is written under (the common tree writes 满意度 under 效益指标). */
const writtenLevel1 = (pool: Level2Pool, framework: Framework) => (framework === 'common' && pool === SATISFACTION ? '效益指标' : pool.level1);

/** The indicator rows of one project: the cells of each row by column, and the expected indicators (annual, long-term). */
function indicatorRows(
  p: ProjectContent,
  layout: Layout,
  numbers: boolean,
  dims: Dimensions | null,
): { rows: RowCells[]; expected: ExpectedIndicator[]; longTerm: ExpectedIndicator[]; timeHeader: string | null } {
  const rows: RowCells[] = [];
  const expected: ExpectedIndicator[] = [];
  const longTerm: ExpectedIndicator[] = [];
  const inds = p.indicators;
  const header = dims?.header ?? 'plain';
  const times = header === 'prior' ? PRIOR_CURRENT[dims!.timeLabels % PRIOR_CURRENT.length]! : header === 'period' ? PERIOD_ANNUAL[dims!.timeLabels % PERIOD_ANNUAL.length]! : header === 'years' ? ([`${YEAR}年`, `${YEAR + 1}年`] as const) : null;
  // the path of the column kept beside the indicator (years: the later year's)
  const timeHeader = times === null ? null : header === 'years' ? `指标值›${times[1]}` : dims!.timeInline ? times[0] : `指标值›${times[0]}`;
  const level1Of = (ind: IndicatorContent) => writtenLevel1(ind.pool, layout.framework);
  inds.forEach((ind, i) => {
    const row: RowCells = new Map();
    const set = (c: Column, slot: GenSlot, cls: CellClass) => row.set(c, { slot, cls });
    const l1 = level1Of(ind);
    const l1Weight = layout.categoryWeights ? p.level1Weights[l1] : undefined;
    const l2Weight = layout.level2 && layout.level2Weights ? p.level2Weights[ind.pool.level2] : undefined;
    const firstOfL1 = i === 0 || level1Of(inds[i - 1]!) !== l1;
    const firstOfL2 = firstOfL1 || inds[i - 1]!.pool !== ind.pool;
    const runLength = (same: (a: IndicatorContent) => boolean) => {
      let n = 0;
      while (i + n < inds.length && same(inds[i + n]!)) n++;
      return n;
    };
    if (layout.merge === 'repeated' || firstOfL1) {
      const span = layout.merge === 'merged' ? runLength((a) => level1Of(a) === l1) : 1;
      set('level1', { text: categoryText(l1, l1Weight, layout), ...(span > 1 ? { rowSpan: span } : {}) }, 'level1');
    } else set('level1', 'v', 'empty');
    if (layout.level2) {
      if (layout.merge === 'repeated' || firstOfL2) {
        const span = layout.merge === 'merged' ? runLength((a) => a.pool === ind.pool) : 1;
        const common = layout.framework === 'common' && ind.pool === SATISFACTION;
        const text = common ? withWeight(COMMON_SATISFACTION_LEVEL2[p.sources % COMMON_SATISFACTION_LEVEL2.length]!, l2Weight, layout) : categoryText(ind.pool.level2, l2Weight, layout);
        set('level2', { text, ...(span > 1 ? { rowSpan: span } : {}) }, 'level2');
      } else set('level2', 'v', 'empty');
    }
    const q = ind.quantitative;
    const unitInName = q !== null && ind.unitInName && layout.targetMode === 'joined' && q.joinedStyle === null;
    const name = unitInName ? `${ind.name}（${q.unit}）` : ind.name;
    set('name', { text: name }, CATEGORY_WORDS.has(name) ? 'catname' : 'name');
    let target: ExpectedTarget;
    const valueCell = (text: string): GenCell =>
      numbers && q && /^\d+(\.\d+)?$/.test(text) ? { text, number: { value: Number(text), format: text.includes('.') ? `0.${'0'.repeat(q.decimals)}` : 'General' } } : { text };
    const extras: ExpectedExtra[] = [];
    if (layout.targetMode === 'joined') {
      const style = q?.joinedStyle ?? null;
      const text = !q
        ? ind.qualitativeText
        : unitInName
          ? `${q.operator ?? ''}${q.value}`
          : style === 'bracketUnit'
            ? `${q.operator ?? ''}${q.value}(${q.unit})`
            : style !== null
              ? `${q.value}${q.unit}${style.after[0]}`
              : `${q.operator ?? ''}${q.value}${q.unit}`;
      set('target', { text }, q ? 'value' : 'qualitative');
      target = q
        ? quantitativeTarget(text, style !== null && style !== 'bracketUnit' ? style.after[1] : q.symbol, q.value, q.unit)
        : qualitativeTarget(text);
      if (times !== null) {
        // the other time column: last year's actual (no operator), the period's target, next year's target
        const other = !q
          ? header === 'prior' ? PRIOR_QUALITATIVE[i % PRIOR_QUALITATIVE.length]! : ind.qualitativeText
          : header === 'prior'
            ? `${q.prior}${q.unit}`
            : `${q.operator ?? ''}${header === 'period' ? q.period : q.later}${q.unit}`;
        set('time', { text: other }, q ? 'value' : 'qualitative');
        if (header === 'period') {
          longTerm.push({
            level1: ind.pool.level1,
            level2: layout.level2 ? ind.pool.level2 : null,
            name,
            target: q ? quantitativeTarget(other, q.symbol, q.period, q.unit) : qualitativeTarget(other),
            extras: [],
          });
        } else extras.push({ header: timeHeader!, text: other, role: header === 'prior' ? 'priorActual' : 'laterTarget' });
      }
    } else {
      // split: the value alone (with its operator word when no column holds it: `≥98` | `%`); the
      // unit in its column or, without one, after the value
      const ownOperator = layout.targetMode === 'split-value-unit' ? (q?.operator ?? '') : '';
      const valueText = q ? `${ownOperator}${q.value}${layout.unitColumn ? '' : q.unit}` : ind.qualitativeText;
      set('target', q && layout.unitColumn ? valueCell(valueText) : { text: valueText }, q ? 'value' : 'qualitative');
      if (layout.unitColumn) set('unit', { text: q ? q.unit : '' }, q ? 'unit' : 'empty');
      if (layout.targetMode === 'split-operator') set('operator', { text: q?.operator ?? '' }, q?.operator ? 'operator' : 'empty');
      if (layout.targetMode === 'split-nature') set('operator', { text: q ? (q.operator ?? '定量') : '定性' }, q?.operator ? 'operator' : 'nature');
      // the operator column's word is joined as written when it reads as that operator (大于等于 | 98 | %: 大于等于98%,
      // issue 74), else as its symbol; one in the value cell stays as written
      const operatorText =
        q === null || q.operator === null
          ? ''
          : layout.targetMode === 'split-value-unit' || parseTargetValue(`${q.operator}${q.value}${q.unit}`).operator === q.symbol
            ? q.operator
            : q.symbol;
      target = q ? quantitativeTarget(`${operatorText}${q.value}${q.unit}`, q.symbol, q.value, q.unit) : qualitativeTarget(ind.qualitativeText);
    }
    if (layout.nature) set('nature', { text: q ? '定量' : '定性' }, 'nature');
    const e: ExpectedIndicator = { level1: ind.pool.level1, level2: layout.level2 ? ind.pool.level2 : null, name, target, extras };
    if (layout.weight) {
      set('weight', { text: ind.weightSuffix ? `${ind.weight}分` : String(ind.weight) }, 'weight');
      e.weight = ind.weight;
    }
    if (layout.basis) {
      set('basis', { text: ind.basis }, 'basis');
      e.basis = ind.basis;
    }
    if (layout.description) {
      const text = q ? `${ind.name}达到${q.value}${q.unit}` : `${ind.name}${ind.qualitativeText}`;
      set('description', { text }, 'sentence');
      e.description = text;
    }
    if (layout.extra) set('extra', { text: ind.extra }, ind.extra === '' ? 'empty' : 'remark');
    if (layout.order.includes('extra2')) set('extra2', { text: ind.extra2 }, 'remark');
    if (l1Weight !== undefined) e.level1Weight = l1Weight;
    if (l2Weight !== undefined) e.level2Weight = l2Weight;
    rows.push(row);
    expected.push(e);
  });
  return { rows, expected, longTerm, timeHeader };
}

// ---------------------------------------------------------------------------------------------
// Rows short of cells: can a person place them?

/** Which cells a column takes. */
function accepts(column: Column, cls: CellClass, layout: Layout): boolean {
  if (cls === 'empty') return true;
  switch (column) {
    case 'level1':
      return cls === 'level1';
    case 'level2':
      return cls === 'level2' || cls === 'catname';
    case 'name':
      return cls === 'name' || cls === 'catname';
    case 'target':
    case 'time':
      return cls === 'value' || cls === 'qualitative';
    case 'operator':
      return cls === 'operator' || (layout.targetMode === 'split-nature' && cls === 'nature');
    case 'nature':
      return cls === 'nature';
    case 'unit':
      return cls === 'unit';
    case 'weight':
      return cls === 'weight';
    case 'basis':
      return cls === 'basis';
    case 'description':
      return cls === 'sentence';
    case 'extra':
    case 'extra2':
      return cls === 'remark';
    case 'value':
      return cls === 'value';
  }
}

/**
 * In how many ways (0, 1, or 2 for more) a person could place a short row's cells (their classes, in order)
 * under the columns, keeping their order and taking each cell only where its column takes what it is: a
 * category name in its level column, a value or a target's words under the target, a basis under the
 * basis, a remark under a remark column … Every indicator has a name and a target: a placement leaves
 * neither column without a cell. Placements that differ only in where an empty cell goes are one. A row that
 * can be placed in one way only is readable.
 */
function shortRowPlacements(cells: readonly CellClass[], columns: readonly Column[], layout: Layout): number {
  const seen = new Set<string>();
  const at: number[] = [];
  const walk = (i: number, j: number): void => {
    if (seen.size > 1) return;
    if (i === cells.length) {
      const taken = new Set(at.slice(0, cells.length).map((c) => columns[c]));
      if (!taken.has('name') || !taken.has('target')) return;
      seen.add(cells.map((c, k) => (c === 'empty' ? '' : at[k])).join(','));
      return;
    }
    for (let c = j; c <= columns.length - (cells.length - i); c++) {
      if (!accepts(columns[c]!, cells[i]!, layout)) continue;
      at[i] = c;
      walk(i + 1, c + 1);
    }
  };
  walk(0, 0);
  return Math.min(2, seen.size);
}

/** The row as extracted text gives it when it is short: its merged cells left out, and its empty cells at the end. */
export function shortRowSlots(row: readonly GenSlot[]): GenSlot[] {
  const kept = row.filter((s) => s !== 'v');
  while (kept.length > 0 && (kept[kept.length - 1] === 'h' || (typeof kept[kept.length - 1] !== 'string' && (kept[kept.length - 1] as GenCell).text === ''))) kept.pop();
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Labels and headers as people write them

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** A form label decorated as a form writes it: `*项目名称`, `项目名称（必填）`, `项目名称：`, `一、项目名称`. */
function decorate(label: string, style: Dimensions['labelDecor'], k: number): string {
  switch (style) {
    case 'none':
      return label;
    case 'star':
      return `*${label}`;
    case 'note':
      return /[)）]$/.test(label) ? `*${label}` : `${label}（必填）`;
    case 'colon':
      return `${label}：`;
    case 'number':
      return `${CN_NUMBERS[k % CN_NUMBERS.length]}、${label}`;
  }
}

/** The role the structure stage gives a column of the layout. */
function roleOf(c: Column, layout: Layout, dims: Dimensions | null): GridColumnRole {
  switch (c) {
    case 'level1':
    case 'level2':
    case 'name':
    case 'unit':
    case 'weight':
    case 'basis':
    case 'description':
    case 'nature':
      return c;
    case 'operator':
      return layout.targetMode === 'split-nature' ? 'nature' : 'operator';
    case 'target': {
      if (layout.targetMode === 'joined') return 'target';
      return knownHeaders('value').includes(layout.headers.target!.replace(/\s+/g, '')) ? 'value' : 'target';
    }
    case 'time':
      return dims?.header === 'prior' ? 'priorActual' : dims?.header === 'period' ? 'longTermTarget' : 'laterTarget';
    case 'extra':
    case 'extra2':
    case 'value':
      return 'other';
  }
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** The indicator header: one row, two (the split target's parts, or 指标值 over its times), with the paths and roles of its columns. */
function headerRows(layout: Layout, dims: Dimensions | null, twoRows: boolean): { rows: GenSlot[][]; columns: ExpectedHeader['columns'] } {
  const header = dims?.header ?? 'plain';
  const headerText = (c: Column) => layout.headers[c]!;
  const single = () => ({ rows: [layout.order.map((c) => ({ text: headerText(c) }))], columns: layout.order.map((c) => ({ path: [compact(headerText(c))], role: roleOf(c, layout, dims) })) });
  const times = header === 'prior' ? PRIOR_CURRENT[dims!.timeLabels % PRIOR_CURRENT.length]! : header === 'period' ? PERIOD_ANNUAL[dims!.timeLabels % PERIOD_ANNUAL.length]! : header === 'years' ? [`${YEAR}年`, `${YEAR + 1}年`] : null;
  let parts: Set<Column>;
  let sub: (c: Column) => string;
  if (times !== null) {
    const timeText = (c: Column) => (c === 'time' ? (header === 'years' ? times[1]! : times[0]!) : header === 'years' ? times[0]! : times[1]!);
    if (dims!.timeInline && header !== 'years') {
      return {
        rows: [layout.order.map((c) => ({ text: c === 'time' || c === 'target' ? timeText(c) : headerText(c) }))],
        columns: layout.order.map((c) => ({ path: [compact(c === 'time' || c === 'target' ? timeText(c) : headerText(c))], role: roleOf(c, layout, dims) })),
      };
    }
    parts = new Set<Column>(['time', 'target']);
    sub = timeText;
  } else {
    parts = new Set<Column>(['operator', 'target', 'unit']);
    sub = (c) => (c === 'target' ? '数值' : headerText(c));
    if (!twoRows || layout.targetMode === 'joined' || layout.order.filter((c) => parts.has(c)).length < 2) return single();
  }
  const over = '指标值';
  const at = layout.order.findIndex((c) => parts.has(c));
  const count = layout.order.filter((c) => parts.has(c)).length;
  const top: GenSlot[] = [];
  const below: GenSlot[] = [];
  const columns: ExpectedHeader['columns'] = [];
  layout.order.forEach((c, k) => {
    if (!parts.has(c)) {
      top.push({ text: headerText(c), rowSpan: 2 });
      below.push('v');
      columns.push({ path: [compact(headerText(c))], role: roleOf(c, layout, dims) });
      return;
    }
    top.push(k === at ? { text: over, colSpan: count } : 'h');
    below.push({ text: sub(c) });
    // the value under 指标值 is the value (数值), the time columns by their role
    columns.push({ path: [over, compact(sub(c))], role: times === null && c === 'target' ? 'value' : roleOf(c, layout, dims) });
  });
  return { rows: [top, below], columns };
}

// ---------------------------------------------------------------------------------------------
// A project's table

interface ProjectTable {
  table: GenTable;
  expected: ExpectedProject;
  /** Why a person could not read it, and in which renderings; null when readable. */
  unreadable: { formats: readonly LayoutFormat[]; why: string } | null;
}

/** A row of a label and its value over the other columns. */
function formRow(width: number, label: string, value: GenCell): GenSlot[] {
  return [{ text: label }, { ...value, ...(width > 2 ? { colSpan: width - 1 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 2)).fill('h')];
}

/** A row of cells over `width` columns, each as wide as it can be (the last takes the rest). */
function spreadRow(width: number, texts: readonly string[]): GenSlot[] {
  const n = Math.min(texts.length, width);
  const each = Math.floor(width / n);
  const row: GenSlot[] = [];
  for (let k = 0; k < n; k++) {
    const span = k === n - 1 ? width - each * (n - 1) : each;
    row.push({ text: texts[k]!, ...(span > 1 ? { colSpan: span } : {}) }, ...Array<GenSlot>(span - 1).fill('h'));
  }
  return row;
}

/** Fractions of a total as its parts in hundredths (of 万元, or fen), the last the rest. */
function partsOf(total: number, fractions: readonly number[]): number[] {
  const parts: number[] = [];
  let left = total;
  for (const f of fractions) {
    const part = Math.max(1, Math.floor(left * f));
    if (part >= left) break;
    parts.push(part);
    left -= part;
  }
  return [...parts, left];
}

function projectTable(layout: Layout, form: FormChoices, p: ProjectContent, dims: Dimensions | null, options: { twoRowHeaders: boolean; unreadable: UnreadableKind | null; yearKnown: boolean }): ProjectTable {
  const width = layout.order.length;
  const rows: GenSlot[][] = [];
  const kinds: RowKind[] = [];
  const push = (row: GenSlot[], kind: RowKind) => {
    rows.push(row);
    kinds.push(kind);
  };
  const decor = dims?.labelDecor ?? 'none';
  let labelCount = 0;
  const label = (text: string) => decorate(text, decor, labelCount++);
  const absent: string[] = [];
  const amount = amountText(p.fen, form.amountUnit, form.separators);
  const unitName = form.amountUnit === '万元' && form.wanShort ? '万' : form.amountUnit;
  const name = form.headingNamed ? `${p.base}项目` : p.base;

  // the form
  if (form.unitPlace === 'cell') push([{ text: p.department ?? '100001示范县财政局', ...(width > 2 ? { colSpan: width - 1 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 2)).fill('h'), { text: `单位：${form.amountUnit}` }], 'form');
  if (!form.headingNamed) push(formRow(width, label(form.nameLabel), { text: p.base }), 'form');
  if (p.code !== null) push(formRow(width, label('项目编码'), { text: p.code }), 'form');
  if (p.department !== null) push(formRow(width, label('主管部门'), { text: p.department }), 'form');
  let department: string | undefined;
  if (dims?.unitRow) {
    department = DEPARTMENTS[(p.contact + 3) % DEPARTMENTS.length]!;
    push(formRow(width, label(dims.unitRow), { text: department }), 'form');
  }
  // the amount: one row, its 其中 items in its cell, or 其中 rows under a 合计
  const breakdown = dims?.breakdown ?? 'none';
  const budgetLines: [string, number][] = [];
  const numberCell = (a: { text: string; number: number }): GenCell => ({ text: a.text, ...(form.numbers ? { number: { value: a.number, format: form.separators ? '#,##0.00' : '0.00' } } : {}) });
  const sources = FUND_SOURCES[p.sources % FUND_SOURCES.length]!;
  const hundredths = form.amountUnit === '万元' ? Math.round(amount.fen / 10_000) : amount.fen;
  const parts = partsOf(hundredths, p.split.slice(0, sources.length - 1)).map((h) => amountText(form.amountUnit === '万元' ? h * 10_000 : h, form.amountUnit, form.separators));
  if (breakdown === 'inCell') {
    const items = parts.map((a, k) => `${sources[k]!}${a.text}${unitName}`).join('、');
    push(formRow(width, label(form.amountLabel), { text: `${amount.text}${unitName}，其中：${items}` }), 'form');
    parts.forEach((a, k) => budgetLines.push([sources[k]!, a.fen]));
  } else if (breakdown === 'rows') {
    const head = label(`${form.amountLabel}（${form.amountUnit}）`);
    const n = parts.length + 1;
    const line = (first: GenSlot, text: string, a: { text: string; number: number }): GenSlot[] => [first, { text }, { ...numberCell(a), ...(width > 3 ? { colSpan: width - 2 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 3)).fill('h')];
    push(line({ text: head, rowSpan: n }, '合计', amount), 'form');
    parts.forEach((a, k) => {
      push(line('v', k === 0 ? `其中：${sources[k]!}` : sources[k]!, a), 'form');
      budgetLines.push([sources[k]!, a.fen]);
    });
  } else {
    push(
      form.unitPlace === 'value'
        ? formRow(width, label(form.amountLabel), { text: `${amount.text}${unitName}` })
        : formRow(width, label(form.unitPlace === 'label' ? `${form.amountLabel}（${form.amountUnit}）` : form.amountLabel), numberCell(amount)),
      'form',
    );
  }
  if (dims?.optionalField) push(formRow(width, label(dims.optionalField), { text: '' }), 'form');
  // the goals: the year's, or the overall and the year's in two rows or side by side
  const goals = dims?.goals ?? 'annual';
  if (goals === 'twoRows') {
    push(formRow(width, label(LONG_TERM_GOAL_LABELS[dims!.goalLabels % LONG_TERM_GOAL_LABELS.length]!), { text: p.longTermGoal }), 'form');
    push(formRow(width, label(ANNUAL_GOAL_LABELS[dims!.goalLabels % ANNUAL_GOAL_LABELS.length]!), { text: p.goal }), 'form');
  } else if (goals === 'sideBySide') {
    const [overall, annual] = SIDE_BY_SIDE_GOALS[dims!.goalLabels % SIDE_BY_SIDE_GOALS.length]!;
    const a = Math.floor((width - 1) / 2);
    const b = width - 1 - a;
    const pair = (first: GenSlot, left: string, right: string): GenSlot[] => [
      first,
      { text: left, ...(a > 1 ? { colSpan: a } : {}) }, ...Array<GenSlot>(a - 1).fill('h'),
      { text: right, ...(b > 1 ? { colSpan: b } : {}) }, ...Array<GenSlot>(b - 1).fill('h'),
    ];
    push(pair({ text: label('绩效目标'), rowSpan: 2 }, overall, annual), 'form');
    push(pair('v', p.longTermGoal, p.goal), 'form');
  } else push(formRow(width, label(form.goalLabel), { text: p.goal }), 'form');
  if (dims?.contacts && width >= 4) {
    const person = CONTACT_PEOPLE[p.contact % CONTACT_PEOPLE.length]!;
    const phone = PHONES[p.contact % PHONES.length]!;
    // a contact row: the form's, never data (a sign-off's kind)
    push(spreadRow(width, ['项目负责人', person, '联系电话', phone]), 'signOff');
    absent.push(person, phone);
  }

  // the indicators: a table, or running text
  let unreadable: ProjectTable['unreadable'] = null;
  let header: ExpectedHeader | null = null;
  let expected: ExpectedIndicator[];
  let longTerm: ExpectedIndicator[] = [];
  let shortInText = false;
  if (dims?.running) {
    const written = runningRows(p, dims, width, options.unreadable === 'runningNoTarget');
    for (const r of written.rows) push(r, 'form');
    expected = written.expected;
    if (options.unreadable === 'runningNoTarget') unreadable = { formats: ['txt', 'html', 'docx', 'xlsx'], why: '写成文字的指标中有一项没有指标值' };
  } else {
    const hdr = headerRows(layout, dims, options.twoRowHeaders || dims?.header === 'parts');
    if (dims?.headerDecor) decorateHeader(hdr, layout);
    if (options.unreadable === 'unknownTarget') {
      const unknown = UNKNOWN_TARGET_HEADERS[layout.headerPicks[11]! % UNKNOWN_TARGET_HEADERS.length]!;
      const k = layout.order.indexOf('target');
      hdr.rows[0]![k] = { text: unknown };
      hdr.columns[k] = { path: [unknown], role: 'other' };
      unreadable = { formats: ['txt', 'html', 'docx', 'xlsx'], why: `指标值列的表头“${unknown}”不是任何表格用的名称` };
    }
    const from = rows.length;
    for (const r of hdr.rows) push(r, 'header');
    header = { from, at: from, to: rows.length, columns: hdr.columns };
    const written = indicatorRows(p, layout, form.numbers, dims);
    expected = written.expected;
    longTerm = written.longTerm;
    if (dims?.header === 'years' && !options.yearKnown) {
      unreadable = { formats: ['txt', 'html', 'docx', 'xlsx'], why: `指标值下分${YEAR}年、${YEAR + 1}年两列，文档没有说明年度` };
    }
    if (options.unreadable === 'swapped') {
      const k = written.rows.findIndex((r) => r.get('target')!.cls === 'value');
      if (k >= 0) {
        const r = written.rows[k]!;
        const nameCell = r.get('name')!;
        r.set('name', r.get('target')!);
        r.set('target', nameCell);
        unreadable = { formats: ['txt', 'html', 'docx', 'xlsx'], why: `第${k + 1}个指标的名称和指标值写反了` };
      }
    }
    if (options.unreadable === 'sealInTarget') {
      const r = written.rows[written.rows.length - 1]!;
      r.set('target', { slot: { text: '（盖章）  年  月  日' }, cls: 'remark' });
      unreadable = { formats: ['txt', 'html', 'docx', 'xlsx'], why: '最后一个指标的指标值处是盖章和日期' };
    }
    if (options.unreadable === 'shortAmbiguous') {
      // the second remark column empty in the last row: in extracted text the row is short of it, and its remark could be in either
      const r = written.rows[written.rows.length - 1]!;
      r.set('extra', { slot: { text: REMARKS[3]! }, cls: 'remark' });
      r.set('extra2', { slot: { text: '' }, cls: 'empty' });
    }
    const indicatorSlots = written.rows.map((r) => layout.order.map((c) => r.get(c)?.slot ?? { text: '' }));
    // 填报人 and 联系电话 between two level-1 groups as written, where no merged cell crosses
    const written1 = (k: number) => writtenLevel1(p.indicators[k]!.pool, layout.framework);
    const among = dims?.contactsAmong ? indicatorSlots.findIndex((slots, k) => k > 0 && written1(k) !== written1(k - 1) && !slots.includes('v')) : -1;
    indicatorSlots.forEach((slots, k) => {
      if (k === among) {
        const person = CONTACT_PEOPLE[(p.contact + 1) % CONTACT_PEOPLE.length]!;
        const phone = PHONES[(p.contact + 1) % PHONES.length]!;
        push(spreadRow(width, [`填报人：${person}`, `联系电话：${phone}`]), 'signOff');
        absent.push(person, phone);
      }
      push(slots, 'indicator');
    });
    // rows short of cells in extracted text: readable when each can be placed in one way only
    if (dims?.shortText || options.unreadable === 'shortAmbiguous') {
      shortInText = true;
      const columns = layout.order;
      const ambiguous = written.rows.some((r) => {
        const full = columns.map((c) => r.get(c) ?? { slot: { text: '' } as GenSlot, cls: 'empty' as CellClass });
        const kept = full.filter((x) => x.slot !== 'v');
        while (kept.length > 0 && kept[kept.length - 1]!.cls === 'empty' && (kept[kept.length - 1]!.slot as GenCell).text === '') kept.pop();
        return kept.length < columns.length && shortRowPlacements(kept.map((x) => x.cls), columns, layout) !== 1;
      });
      if (ambiguous && unreadable === null) unreadable = { formats: ['txt'], why: '文本中有的指标行缺少单元格，可以不止一种方式对应到各列' };
    }
  }

  // under the table: an office's opinion, a seal and a date, a note
  if (dims?.opinion !== null && dims?.opinion !== undefined) {
    const [who, says] = OPINIONS[dims.opinion]!;
    push(formRow(width, who, { text: says }), 'signOff');
    absent.push(says);
  }
  if (dims?.seal) push(width >= 2 ? [{ text: '（盖章）', ...(width > 2 ? { colSpan: width - 1 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 2)).fill('h'), { text: '年  月  日' }] : [{ text: '（盖章）' }], 'signOff');
  if (dims?.note !== null && dims?.note !== undefined) push([{ text: NOTES[dims.note]!, ...(width > 1 ? { colSpan: width } : {}) }, ...Array<GenSlot>(width - 1).fill('h')], 'note');

  return {
    table: { rows, width, kinds, header, ...(shortInText ? { shortInText } : {}) },
    expected: {
      name,
      code: p.code,
      total: amount.fen,
      indicators: expected,
      longTermIndicators: longTerm,
      goals: [p.goal],
      longTermGoals: goals === 'annual' ? [] : [p.longTermGoal],
      budgetLines,
      ...(department !== undefined ? { department } : {}),
      absent,
    },
    unreadable,
  };
}

/** Decorations on the indicator header as forms write them: `*一级指标`, `指标值（必填硬性指标）`, `指标值确定依据（选填）`. */
function decorateHeader(hdr: { rows: GenSlot[][]; columns: ExpectedHeader['columns'] }, layout: Layout): void {
  const top = hdr.rows[0]!;
  layout.order.forEach((c, k) => {
    const slot = top[k]!;
    if (typeof slot === 'string' || /[(（\n]/.test(slot.text)) return;
    const text = c === 'level1' || c === 'level2' || c === 'name' ? `*${slot.text}` : c === 'target' && slot.colSpan === undefined && hdr.rows.length === 1 ? `${slot.text}（必填硬性指标）` : c === 'basis' ? `${slot.text}（选填）` : null;
    if (text === null) return;
    top[k] = { ...slot, text };
    hdr.columns[k] = { ...hdr.columns[k]!, path: [compact(text), ...hdr.columns[k]!.path.slice(1)] };
  });
}

/** The target as running text writes it after the name, and what it stands for. */
function runningTarget(ind: IndicatorContent): { text: string; target: ExpectedTarget } {
  const q = ind.quantitative;
  if (q === null) return { text: ind.qualitativeText, target: qualitativeTarget(ind.qualitativeText) };
  // running text writes a symbol or an operator's words before the number (never 等于, 大于: they read as part of the name)
  const words = ['≥', '≤', '不低于', '不少于', '不高于', '不超过', '大于等于', '小于等于'];
  const op = q.operator !== null && words.includes(q.operator) ? q.operator : null;
  const text = `${op ?? ''}${q.value}${q.unit}`;
  return { text, target: quantitativeTarget(text, op === null ? '=' : q.symbol, q.value, q.unit) };
}

/**
 * The indicators written as running text: a row per level 1 under a 绩效指标 label (`指标1：…；指标2：…`), or one
 * cell in sections by level 2 (`数量指标：…；…。质量指标：…`). `blank`: the last item gives no target.
 */
function runningRows(p: ProjectContent, dims: Dimensions, width: number, blank: boolean): { rows: GenSlot[][]; expected: ExpectedIndicator[] } {
  const inds = p.indicators;
  const expected: ExpectedIndicator[] = [];
  const item = (ind: IndicatorContent, k: number, count: number, last: boolean) => {
    const t = runningTarget(ind);
    const body = blank && last ? ind.name : `${ind.name}${t.text}`;
    const marks = dims.runningMarks === 'plain' && count < 2 ? 'zhibiao' : dims.runningMarks;
    return marks === 'zhibiao' ? `指标${k + 1}：${body}` : marks === 'number' ? `${k + 1}.${body}` : body;
  };
  const level1s = [...new Set(inds.map((i) => i.pool.level1))];
  // sections by level 2 name the tree's level 1 by their names: 成本指标 alone is a level 1 of the 2021 tree or a
  // level 2 of the older one, which nothing then tells apart (written by level 1 instead)
  if (dims.running === 'byLevel1' || inds.every((i) => i.pool.level2 === '成本指标')) {
    const rows: GenSlot[][] = [];
    level1s.forEach((l1, g) => {
      const members = inds.filter((i) => i.pool.level1 === l1);
      const text = members.map((ind, k) => item(ind, k, members.length, g === level1s.length - 1 && k === members.length - 1)).join('；');
      for (const ind of members) expected.push({ level1: l1, level2: null, name: ind.name, target: runningTarget(ind).target, extras: [] });
      const first: GenSlot = g === 0 ? { text: '绩效指标', ...(level1s.length > 1 ? { rowSpan: level1s.length } : {}) } : 'v';
      // a table has three columns at least (level 1, name, target)
      rows.push([first, { text: l1 }, { text, ...(width > 3 ? { colSpan: width - 2 } : {}) }, ...Array<GenSlot>(Math.max(0, width - 3)).fill('h')]);
    });
    return { rows, expected };
  }
  const level2s = [...new Set(inds.map((i) => i.pool))];
  const sections = level2s.map((pool, g) => {
    const members = inds.filter((i) => i.pool === pool);
    for (const ind of members) expected.push({ level1: pool.level1, level2: pool.level2, name: ind.name, target: runningTarget(ind).target, extras: [] });
    return `${pool.level2}：${members.map((ind, k) => item(ind, k, members.length, g === level2s.length - 1 && k === members.length - 1)).join('；')}`;
  });
  return { rows: [formRow(width, '年度绩效指标', { text: sections.join('。') })], expected };
}

// ---------------------------------------------------------------------------------------------
// The document

/** The framework a document's categories say (framework.ts chooseFramework, the rules' cn-2015 otherwise). */
function frameworkVersion(framework: Framework, projects: readonly ProjectContent[], running: boolean): string {
  const inds = projects.flatMap((p) => p.indicators);
  if (framework === '2021' && inds.some((i) => i.pool.level1 === '成本指标')) return 'cn-2021';
  if (framework === 'common' && !running && inds.some((i) => i.pool === SATISFACTION)) return 'cn-common';
  return 'cn-2015';
}

function describeLayout(layout: Layout, form: FormChoices): string[] {
  return [
    `columns: ${layout.order.map((c) => `${c}=${(layout.headers[c] ?? '(by time)').replace(/\n/g, '⏎')}`).join(' | ')}`,
    `target ${layout.targetMode}${layout.unitColumn ? ' with a unit column' : ''}; categories ${layout.merge}${layout.categoryWeights ? ', weighted' : ''}${layout.level2Weights ? ' (level 2 too)' : ''}${layout.synonyms !== null ? ', synonyms' : ''}; framework ${layout.framework}`,
    `form: ${form.headingNamed ? 'named by its heading' : `named by ${form.nameLabel}`}; amount ${form.amountLabel} in ${form.amountUnit} (unit in the ${form.unitPlace})${form.separators ? ' with separators' : ''}${form.numbers ? '; spreadsheet numbers' : ''}`,
  ];
}

function describeDimensions(dims: Dimensions, doc: DocumentChoices): string {
  const on = Object.entries(dims).filter(([k, v]) => v !== null && v !== false && v !== 'none' && v !== 'plain' && v !== 'annual' && !['timeLabels', 'goalLabels', 'unreadableAt', 'runningMarks'].includes(k) && !(k === 'timeInline' && !['prior', 'period'].includes(dims.header)));
  return `dimensions: ${on.map(([k, v]) => (v === true ? k : `${k}=${String(v)}`)).join(', ') || 'none'}; document: ${doc.projects} project(s), year from ${doc.year}${doc.title ? ', title' : ''}${doc.notice !== null ? ', notice' : ''}${doc.list ? ', list of projects' : ''}${doc.budgetTables ? ', budget tables' : ''}${doc.subHeading ? `, sub-heading ${doc.subHeading}` : ''}`;
}

/** A budget table of a 预算公开 or a 决算 (its title and its rows of figures): no target table. */
function budgetTable(title: string, amounts: readonly number[]): { title: string; table: GenTable } {
  const wan = (n: number) => amountText(n * 100, '万元', true).text;
  const rows: string[][] = title.includes('收入支出') || title.includes('收支')
    ? [['项目', '本年收入', '项目', '本年支出'], ['一、一般公共预算财政拨款收入', wan(amounts[0]!), '一、一般公共服务支出', wan(amounts[1]!)], ['二、政府性基金预算财政拨款收入', wan(amounts[2]!), '二、农林水支出', wan(amounts[0]! + amounts[2]! - amounts[1]!)], ['本年收入合计', wan(amounts[0]! + amounts[2]!), '本年支出合计', wan(amounts[0]! + amounts[2]!)]]
    : [['科目编码', '科目名称', '合计', '基本支出', '项目支出'], ['213', '农林水支出', wan(amounts[3]! + amounts[4]!), wan(amounts[3]!), wan(amounts[4]!)], ['208', '社会保障和就业支出', wan(amounts[5]!), wan(amounts[5]!), '']];
  return { title, table: { rows: rows.map((r) => r.map((text) => ({ text }))), width: rows[0]!.length, kinds: rows.map(() => 'form'), header: null } };
}

/** A document that holds no target table: a 决算 with its budget tables, or a notice. */
function noTargetCase(doc: DocumentChoices): LayoutCase {
  const dept = DEPARTMENTS[doc.department % DEPARTMENTS.length]!;
  const blocks: GenBlock[] = [];
  const titles: string[] = [];
  if (doc.kind === 'finalAccounts') {
    blocks.push({ paragraph: `${dept}${YEAR - 1}年度部门决算` }, { paragraph: '第一部分 部门概况' }, { paragraph: '一、部门职责' }, { paragraph: '负责本行业发展规划的编制和实施。' }, { paragraph: `第二部分 ${YEAR - 1}年度部门决算表` });
    for (const t of ['收入支出决算总表', '一般公共预算财政拨款支出决算表']) {
      const b = budgetTable(t, doc.amounts);
      blocks.push({ paragraph: b.title }, { table: b.table });
      titles.push(b.title);
    }
  } else {
    blocks.push({ paragraph: `关于做好${YEAR}年度预算绩效目标管理工作的通知` }, { paragraph: '各预算单位：' }, { paragraph: NOTICES[doc.notice ?? 0]! }, { paragraph: '请各单位于规定时间内报送绩效目标，并对其真实性负责。' }, { paragraph: `${dept}` });
  }
  return {
    document: { blocks },
    expected: { projects: [], frameworkVersion: 'cn-2015', year: null, yearInferred: false, refusal: ['不是预算绩效目标文档', ...titles.map((t) => `“${t}”`)] },
    unreadable: null,
    choices: [`a document without a target table: ${doc.kind}`],
  };
}

/** A document of project tables with what surrounds them. */
function targetsCase(layout: Layout, form: FormChoices, dims: Dimensions | null, doc: DocumentChoices, projects: ProjectContent[], twoRowHeaders: boolean): LayoutCase {
  // the year: from a project code, the title, a date line, or nowhere (the classic cases: a code when they have one)
  const yearFrom = dims === null ? (projects.some((p) => p.code !== null) ? 'code' : 'none') : doc.year;
  const ps = projects.map((p) => (yearFrom === 'code' || p.code === null ? p : { ...p, code: null }));
  if (dims !== null && yearFrom === 'code' && ps[0]!.code === null) ps[0] = { ...ps[0]!, code: `13082725P${'1'.padStart(11, '0')}` };
  const yearKnown = yearFrom === 'code' || yearFrom === 'title';
  const dept = DEPARTMENTS[doc.department % DEPARTMENTS.length]!;
  const blocks: GenBlock[] = [];
  if (dims !== null) {
    if (doc.title || yearFrom === 'title') blocks.push({ paragraph: `${dept}${yearFrom === 'title' ? `${YEAR}年度` : ''}项目支出绩效目标` });
    if (doc.notice !== null) blocks.push({ paragraph: NOTICES[doc.notice]! });
    if (doc.budgetTables) {
      for (const t of ['部门收支总表', '项目支出预算表']) {
        const b = budgetTable(t, doc.amounts);
        blocks.push({ paragraph: b.title }, { table: b.table });
      }
    }
    if (doc.list) {
      const amounts = ps.map((p) => amountText(p.fen, '万元', false));
      const sum = amountText(amounts.reduce((s, a) => s + a.fen, 0), '万元', false).text;
      blocks.push({ paragraph: `本单位预算项目共${ps.length}个，资金合计${sum}万元：` });
      const rows: GenSlot[][] = [['序号', '项目名称', '预算金额（万元）'].map((text) => ({ text })), ...ps.map((p, k) => [String(k + 1), p.base, amounts[k]!.text].map((text) => ({ text }))), [{ text: '合计' }, { text: '' }, { text: sum }]];
      blocks.push({ table: { rows, width: 3, kinds: rows.map(() => 'form'), header: null } });
    }
  }
  const expectedProjects: ExpectedProject[] = [];
  let unreadable: Unreadable | null = null;
  ps.forEach((p, k) => {
    const u = dims?.unreadable && dims.unreadableAt % ps.length === k ? dims.unreadable : null;
    const t = projectTable(layout, form, p, dims, { twoRowHeaders, unreadable: u, yearKnown });
    blocks.push({ paragraph: `${form.numbered || ps.length > 1 ? `${k + 1}.` : ''}${p.base}${form.titleSuffix}` });
    if (dims !== null && doc.subHeading && form.headingNamed) blocks.push({ paragraph: doc.subHeading });
    if (form.unitPlace === 'caption') blocks.push({ paragraph: `金额单位：${form.amountUnit}` });
    blocks.push({ table: t.table });
    if (dims?.noteAfter) blocks.push({ paragraph: '说明：本表由项目实施单位填写，主管部门审核后报财政部门。' });
    expectedProjects.push(t.expected);
    if (t.unreadable !== null && unreadable === null) unreadable = { ...t.unreadable, project: k };
  });
  if (yearFrom === 'date') blocks.push({ paragraph: `${YEAR}年1月20日` });
  return {
    document: { blocks },
    expected: {
      projects: expectedProjects,
      frameworkVersion: frameworkVersion(layout.framework, ps, dims?.running != null),
      year: yearFrom === 'none' ? null : YEAR,
      yearInferred: yearFrom === 'date',
    },
    unreadable,
    choices: [...describeLayout(layout, form), ...(dims !== null ? [describeDimensions(dims, doc)] : [])],
  };
}

/** The layout as the dimensions allow it: a time split or a swapped row needs a joined target, 指标值 over its parts a split one, and so on. */
function settle(layout: Layout, form: FormChoices, dims: Dimensions): { layout: Layout; form: FormChoices; dims: Dimensions } {
  const l: Layout = { ...layout, headers: { ...layout.headers }, order: [...layout.order] };
  const f: FormChoices = { ...form };
  const d: Dimensions = { ...dims };
  if (d.unreadable === 'bareYears') d.header = 'years';
  if (d.unreadable === 'unknownTarget') d.header = 'plain';
  if (d.unreadable === 'runningNoTarget') d.running ??= 'byLevel1';
  if (d.running !== null && (d.unreadable === 'unknownTarget' || d.unreadable === 'swapped' || d.unreadable === 'shortAmbiguous' || d.unreadable === 'sealInTarget')) d.running = null;
  if (d.running !== null) d.header = 'plain';
  if (d.framework === 'common' && d.running === null && l.level2) l.framework = 'common';
  const needsJoined = ['prior', 'period', 'years'].includes(d.header) || d.unreadable === 'swapped' || d.unreadable === 'unknownTarget';
  if (needsJoined && l.targetMode !== 'joined') {
    // the split target's parts give way to one target column
    l.targetMode = 'joined';
    l.unitColumn = false;
    l.order = l.order.filter((c) => c !== 'operator' && c !== 'unit');
    l.headers.target = HEADERS.target[l.headerPicks[3]! % HEADERS.target.length]!;
  }
  if (d.header === 'parts' && l.targetMode === 'joined') d.header = 'plain';
  if (['prior', 'period', 'years'].includes(d.header)) {
    const at = l.order.indexOf('target');
    l.order.splice(d.header === 'years' ? at + 1 : at, 0, 'time');
  }
  if (d.unreadable === 'shortAmbiguous') {
    // two remark columns at the end
    l.order = [...l.order.filter((c) => c !== 'extra'), 'extra', 'extra2'];
    l.extra = true;
    l.headers.extra = '备注';
    l.headers.extra2 = '考核方式';
  }
  if (d.breakdown === 'inCell') f.unitPlace = 'value';
  if (d.breakdown === 'rows' && f.unitPlace === 'value') f.unitPlace = 'label';
  return { layout: l, form: f, dims: d };
}

/**
 * A table listing several projects (the 一体化 disclosure list): 项目名称 | amount | 年度绩效目标 in
 * leading columns merged (or repeated) over each project's indicator rows.
 */
function multiProjectCase(layout: Layout, form: FormChoices, projects: ProjectContent[]): LayoutCase {
  const lead = [form.nameLabel, `${form.amountLabel}（${form.amountUnit}）`, form.goalLabel];
  const width = lead.length + layout.order.length;
  const rows: GenSlot[][] = [[...lead, ...layout.order.map((c) => layout.headers[c]!)].map((text) => ({ text }))];
  const kinds: RowKind[] = ['header'];
  const expectedProjects: ExpectedProject[] = [];
  for (const p of projects) {
    const amount = amountText(p.fen, form.amountUnit, form.separators);
    const { rows: indRows, expected } = indicatorRows(p, layout, form.numbers, null);
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
      rows.push([...leadCells, ...layout.order.map((c) => r.get(c)?.slot ?? { text: '' })]);
      kinds.push('indicator');
    });
    expectedProjects.push({ name: p.base, code: null, total: amount.fen, indicators: expected, longTermIndicators: [], goals: [p.goal], longTermGoals: [], budgetLines: [], absent: [] });
  }
  return {
    document: { blocks: [{ paragraph: `${YEAR}年度项目支出绩效目标表` }, { table: { rows, width, kinds, header: null } }] },
    expected: { projects: expectedProjects, frameworkVersion: frameworkVersion(layout.framework, projects, false), year: YEAR, yearInferred: false },
    unreadable: null,
    choices: ['many projects', ...describeLayout(layout, form)],
  };
}

/** The arbitrary of layout cases. */
export function layoutCaseArb(options: LayoutGenOptions = {}): fc.Arbitrary<LayoutCase> {
  return fc
    .tuple(layoutArb, formArb, dimensionsArb, documentArb)
    .chain(([layout0, form0, dims0, doc]) => {
      if (options.multiProject) {
        return fc
          .integer({ min: 2, max: 6 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => projectContentArb(layout0.framework, k))))
          .map((projects) => multiProjectCase(layout0, form0, uniqueNames(projects)));
      }
      if (!options.mixed) {
        return projectContentArb(layout0.framework, 0).map((p) => targetsCase(layout0, form0, null, { ...doc, projects: 1 }, [p], options.twoRowHeaders === true));
      }
      if (doc.kind !== 'targets') return fc.constant(noTargetCase(doc));
      const { layout, form, dims } = settle(layout0, form0, dims0);
      return fc
        .tuple(...Array.from({ length: doc.projects }, (_, k) => projectContentArb(layout.framework, k)))
        .map((projects) => targetsCase(layout, form, dims, doc, uniqueNames(projects), options.twoRowHeaders === true));
    })
    .map((c) => Object.assign(c, { [fc.toStringMethod]: () => documentAsText(c.document) }));
}

/** Projects of one document have different names (a new project starts where the name changes). */
function uniqueNames(projects: ProjectContent[]): ProjectContent[] {
  const seen = new Set<string>();
  return projects.map((p, k) => {
    let base = p.base;
    if (seen.has(base)) base = `${base}（${k + 1}）`;
    seen.add(base);
    return { ...p, base };
  });
}
