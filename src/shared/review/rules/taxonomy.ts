/**
 * taxonomy — a nonstandard or misplaced category (相关性): a synonym or typo of a standard name, a
 * level 2 under the wrong level 1, a level 1 lost under a merged cell, a category the framework
 * does not know.
 *
 * A 一级/二级 cell left empty carries the category of the row above (a merged cell in Word), so a
 * category is reported once, at the row that wrote it, never again at the rows that inherit it.
 * The importer already repairs a lost level 1 (Indicator.level1 is then the level 2's parent), so
 * the raw cells are normalised again here to see what the document itself said.
 */
import { isFormCategoryName, level1Of, type IndicatorFramework, type NormalizedCategories } from '../../domain/framework';
import { nameIsLevel2, normalizeCategories } from '../readings';
import type { Indicator, Project } from '../../domain/model';
import { compact } from '../cells';
import type { ReviewConfig } from '../config';
import { perConfig } from '../memo';
import type { IndicatorRule, Rule, RuleHit } from '../types';
import { NO_HITS } from '../types';

const label = (indicator: Indicator) => (indicator.name ? `指标“${indicator.name}”` : '一行指标');

const level1Names = (fw: IndicatorFramework) => fw.level1.map((l1) => l1.name);
const level2Names = (fw: IndicatorFramework, level1: string) => fw.level1.find((l1) => l1.name === level1)?.level2.map((l2) => l2.name) ?? [];

/**
 * Whether a written cell differs from the standard name it was mapped to (beyond spacing and width):
 * a name a published form prints in its category column is the form's, not the document's wording.
 */
function isNonstandard(fw: IndicatorFramework, raw: string, standard: string, config: ReviewConfig): boolean {
  const r = compact(raw);
  const s = compact(standard);
  if (r === s || isFormCategoryName(fw, raw)) return false;
  return !(config.acceptShortCategoryNames && `${r}指标` === s);
}

/**
 * Whether a pair of cells' level 1 and level 2 are written otherwise than their standard names: once per settings
 * and normalised pair (normalizeCategories remembers one object per pair of cells), not four texts read per row.
 */
function nonstandardOf(fw: IndicatorFramework, indicator: Indicator, norm: NormalizedCategories, config: ReviewConfig): { level1: boolean; level2: boolean } {
  // `norm` is the one object remembered for this row's pair of cells (and framework): the flags are the pair's
  const known = nonstandardByPair(config);
  let found = known.get(norm);
  if (found === undefined) {
    found = {
      level1: norm.level1 !== null && isNonstandard(fw, indicator.level1Raw, norm.level1, config) && !isMisspelling(fw, indicator.level1Raw, norm.level1),
      level2: norm.level2 !== null && isNonstandard(fw, indicator.level2Raw, norm.level2, config) && !isMisspelling(fw, indicator.level2Raw, norm.level2),
    };
    known.set(norm, found);
  }
  return found;
}

const nonstandardByPair = perConfig(() => new WeakMap<NormalizedCategories, { level1: boolean; level2: boolean }>());

const nonstandardName: IndicatorRule = {
  id: 'taxonomy.nonstandard-name',
  category: 'taxonomy',
  severity: 'info',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '指标类别名称不规范',
  description:
    '地区设置要求使用全国标准名称（nationalCategoryNames）时，一级、二级指标应写指标体系的标准名称：近义词或本省的名称（如“可持续性影响”、满意度指标下的“满意度指标”）虽能按标准类别识别，仍提示标准名称。未要求时这些名称是表样或本地区的，不提示。只省略末尾“指标”二字（如“数量”）按设置视为规范；表样本身印制的类别名称（如旧版全国申报表的“项目完成指标”“项目效益指标”、“社会公众或服务对象满意度指标”）是表样的，不是填报的问题，不提示。与标准名称只差一个字的错字（“效果指标”“实效指标”）由 taxonomy.misspelled-name 报告。合并单元格沿用上方类别的行不重复提示。',
  examples: {
    triggers: { description: '地区设置要求全国标准名称时，二级指标写作“可持续性影响指标”', patch: { indicators: [{ at: 4, level2: '可持续性影响指标' }] }, settings: { nationalCategoryNames: true } },
    passes: { description: '地区设置要求全国标准名称时，一级指标写作“效益”（只省略“指标”二字）', patch: { indicators: [{ at: 4, level1: '效益' }] }, settings: { nationalCategoryNames: true } },
  },
  check(indicator, _project, { config, framework }, row) {
    if (!config.nationalCategoryNames) return NO_HITS;
    const norm = row.categories;
    const nonstandard = nonstandardOf(framework, indicator, norm, config);
    const hits: RuleHit[] = [];
    if (!indicator.level1Inherited && nonstandard.level1) {
      hits.push({
        field: 'level1',
        source: indicator.sources.level1 ?? indicator.source,
        message: `${label(indicator)}的一级指标写作“${indicator.level1Raw}”，不是标准名称“${norm.level1}”`,
        suggestion: `将一级指标改为“${norm.level1}”。`,
      });
    }
    if (!indicator.level2Inherited && nonstandard.level2) {
      hits.push({
        field: 'level2',
        source: indicator.sources.level2 ?? indicator.source,
        message: `${label(indicator)}的二级指标写作“${indicator.level2Raw}”，不是标准名称“${norm.level2}”`,
        suggestion: `将二级指标改为“${norm.level2}”。`,
      });
    }
    return hits;
  },
};

/**
 * Whether a written category is its standard name with one character written wrong: the same length (a dropped 指标
 * put back), one position different, and not itself a standard name of the framework ("质量指标" is no misspelling of
 * 数量指标). "效果指标" for 效益指标, "实效指标" for 时效指标; never a form's own name that differs more ("产出值",
 * "成效指标" for 效益指标), a short form ("效益") or an added character ("可持续性影响指标").
 */
export function isMisspelling(fw: IndicatorFramework, raw: string, standard: string): boolean {
  let r = compact(raw);
  const s = compact(standard);
  if (r === s || r === '' || isFormCategoryName(fw, raw)) return false;
  if (r.length === s.length - 2 && s.endsWith('指标') && !r.endsWith('指标')) r = `${r}指标`;
  if (r.length !== s.length || standardNames(fw).has(r)) return false;
  let differ = 0;
  for (let k = 0; k < r.length; k++) if (r[k] !== s[k] && ++differ > 1) return false;
  return differ === 1;
}

/** Every standard category name of a framework, level 1 and 2 (once per framework). */
function standardNames(fw: IndicatorFramework): ReadonlySet<string> {
  let names = namesOf.get(fw);
  if (names === undefined) namesOf.set(fw, (names = new Set(fw.level1.flatMap((l1) => [l1.name, ...l1.level2.map((l2) => l2.name)]))));
  return names;
}

const namesOf = new WeakMap<IndicatorFramework, ReadonlySet<string>>();

/**
 * Whether a row is where its category cell was written: its own cell, or the first row to carry it (the row that wrote
 * it had no indicator of its own — "效果指标 | 经济效益指标 | (blank)" above the first benefit row — and was not read).
 */
function writtenHere(project: Project, indicator: Indicator, level: 'level1' | 'level2'): boolean {
  if (!(level === 'level1' ? indicator.level1Inherited : indicator.level2Inherited)) return true;
  const raw = level === 'level1' ? indicator.level1Raw : indicator.level2Raw;
  const at = project.indicators.indexOf(indicator);
  const prev = at > 0 ? project.indicators[at - 1]! : undefined;
  return prev === undefined || (level === 'level1' ? prev.level1Raw : prev.level2Raw) !== raw;
}

const misspelledName: IndicatorRule = {
  id: 'taxonomy.misspelled-name',
  category: 'taxonomy',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  title: '指标类别名称写错了字',
  description:
    '一级、二级指标与其标准名称只差一个字（同样长短、一个位置的字不同）：“效果指标”是“效益指标”写错了，“实效指标”是“时效指标”写错了。这是填报的错字，' +
    '不是表样或本地区的名称：文档使用自己的指标体系（旧版共性指标框架、2021年框架、本省名称）时也报告，不论地区设置。' +
    '表样印制的名称（“项目完成指标”“社会公众或服务对象满意度指标”）、读取时映射到标准类别的表样自有名称（“产出值”“效益值”“成效指标”，与标准名称相差不止一个字）、' +
    '只省略“指标”二字的写法和多写一个字的近义词（“可持续性影响指标”）不报告；本身是另一个标准名称的（“质量指标”）也不是错字。合并单元格沿用上方类别的行不重复报告。',
  examples: {
    triggers: { description: '一级指标写作“效果指标”（效益指标）', patch: { indicators: [{ at: 4, level1: '效果指标' }] } },
    passes: { description: '二级指标写作“可持续性影响指标”（近义词，多一个字）', patch: { indicators: [{ at: 4, level2: '可持续性影响指标' }] } },
  },
  check(indicator, project, { framework }) {
    let hits: RuleHit[] | null = null;
    if (writtenHere(project, indicator, 'level1') && indicator.level1 !== null && isMisspelling(framework, indicator.level1Raw, indicator.level1)) {
      (hits ??= []).push({
        field: 'level1',
        source: indicator.sources.level1 ?? indicator.source,
        message: `${label(indicator)}的一级指标写作“${indicator.level1Raw.trim()}”，应为“${indicator.level1}”（写错了字）`,
        suggestion: `将一级指标改为“${indicator.level1}”。`,
      });
    }
    if (writtenHere(project, indicator, 'level2') && indicator.level2 !== null && isMisspelling(framework, indicator.level2Raw, indicator.level2)) {
      (hits ??= []).push({
        field: 'level2',
        source: indicator.sources.level2 ?? indicator.source,
        message: `${label(indicator)}的二级指标写作“${indicator.level2Raw.trim()}”，应为“${indicator.level2}”（写错了字）`,
        suggestion: `将二级指标改为“${indicator.level2}”。`,
      });
    }
    return hits ?? NO_HITS;
  },
};

const wrongParent: IndicatorRule = {
  id: 'taxonomy.wrong-parent',
  category: 'taxonomy',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '二级指标放在了错误的一级指标下',
  description:
    '每个二级指标属于指标体系中确定的一级指标（如“成本指标”属于“产出指标”，“社会效益指标”属于“效益指标”）。放错一级指标会使自评时按错误的类别计分。',
  examples: {
    triggers: { description: '一级指标“效益指标”下写了二级指标“成本指标”', patch: { indicators: [{ at: 3, level1: '效益指标', level2: '成本指标' }] } },
    passes: { description: '“成本指标”位于“产出指标”下（合并单元格）', patch: {} },
  },
  check(indicator, _project, { framework }, row) {
    // A lost level 1 (empty cell, category carried down) is taxonomy.level1-lost.
    if (indicator.level1Inherited) return NO_HITS;
    const norm = row.categories;
    const written = norm.level1;
    const parent = norm.level2 === null ? null : level1Of(framework, norm.level2);
    if (written === null || parent === null || parent === written) return NO_HITS;
    return [
      {
        field: 'level2',
        source: indicator.sources.level2 ?? indicator.sources.level1 ?? indicator.source,
        message: `${label(indicator)}的二级指标“${indicator.level2Raw}”属于“${parent}”，却放在一级指标“${indicator.level1Raw}”下`,
        suggestion: `把该行移到“${parent}”下；若它确实衡量“${written}”，改用“${written}”下的二级指标（${level2Names(framework, written).join('、')}）。`,
      },
    ];
  },
};

const level1Lost: IndicatorRule = {
  id: 'taxonomy.level1-lost',
  category: 'taxonomy',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  title: '一级指标单元格为空，类别靠推断',
  description:
    '一级指标单元格为空时沿用上方的一级指标（Word 的合并单元格）。若本行的二级指标属于另一个一级指标，说明原表的合并单元格跨了两个类别，该类别的一级指标丢失了；表格第一行的一级指标为空也是如此。系统按二级指标推断类别，但公开的表格应写明。同一类别连续几行都为空只在第一行报告一次。',
  examples: {
    triggers: {
      description: '“社会效益指标”一行的一级指标为空，沿用了上方的“产出指标”',
      patch: { indicators: [{ at: 4, level1: '' }] },
    },
    passes: { description: '“质量指标”一行的一级指标为空，沿用上方的“产出指标”（同属产出指标）', patch: {} },
  },
  check(indicator, project, { framework }) {
    if (!indicator.level1Inherited || indicator.level2Inherited) return NO_HITS;
    const norm = normalizeCategories(framework, indicator.level1Raw, indicator.level2Raw);
    const parent = norm.level2 === null ? null : level1Of(framework, norm.level2);
    if (parent === null) return NO_HITS;
    const source = indicator.sources.level2 ?? indicator.source;
    if (indicator.level1Raw.trim() === '') {
      // one blank level-1 cell over several rows of the same category is one defect: said at its first row
      if (blankAbove(project.indicators, indicator, framework) === parent) return NO_HITS;
      return [
        {
          field: 'level1',
          source,
          message: `${label(indicator)}的一级指标为空，按二级指标“${indicator.level2Raw}”推断为“${parent}”`,
          suggestion: `在该行一级指标填写“${parent}”。`,
        },
      ];
    }
    if (norm.level1 === null || norm.level1 === parent) return NO_HITS;
    return [
      {
        field: 'level1',
        source,
        message: `${label(indicator)}的一级指标单元格为空，沿用了上方的“${indicator.level1Raw}”，但二级指标“${indicator.level2Raw}”属于“${parent}”`,
        suggestion: `在该行一级指标填写“${parent}”，把跨两个类别的合并单元格拆开。`,
      },
    ];
  },
};

/**
 * The category inferred for the row above when its level-1 cell is blank too (the same blank stretch); null otherwise.
 * Asked only for a row whose level-1 cell is blank (rare).
 */
function blankAbove(indicators: readonly Indicator[], indicator: Indicator, framework: IndicatorFramework): string | null {
  const at = indicators.indexOf(indicator);
  const prev = at > 0 ? indicators[at - 1]! : undefined;
  if (prev === undefined || prev.level1Raw.trim() !== '') return null;
  const norm = normalizeCategories(framework, prev.level1Raw, prev.level2Raw);
  return norm.level2 === null ? null : level1Of(framework, norm.level2);
}

const unknownLevel1: IndicatorRule = {
  id: 'taxonomy.unknown-level1',
  category: 'taxonomy',
  severity: 'error',
  criterion: '相关性',
  scope: 'indicator',
  title: '一级指标不在指标体系中',
  description:
    '一级指标决定指标的类别和自评时的权重（产出、效益、满意度），写了指标体系之外的名称（或为空且无法由二级指标推断）时，该指标无法归类和计分。为空而能由二级指标推断的，由 taxonomy.level1-lost 报告。',
  examples: {
    triggers: { description: '一级指标写作“影响指标”', patch: { indicators: [{ at: 4, level1: '影响指标' }] } },
    passes: { description: '一级指标写作“效益指标”', patch: {} },
  },
  check(indicator, project, { framework }) {
    if (indicator.level1 !== null) return NO_HITS;
    const blank = indicator.level1Raw.trim() === '';
    // Report where the cell was written; an empty column (nothing above to inherit) at its first row.
    if (blank ? project.indicators[0] !== indicator : indicator.level1Inherited) return NO_HITS;
    const norm = normalizeCategories(framework, indicator.level1Raw, indicator.level2Raw);
    const parent = norm.level2 === null ? null : level1Of(framework, norm.level2);
    // a blank cell whose level 2 tells the category: taxonomy.level1-lost says so (one defect, one finding)
    if (blank && parent !== null) return NO_HITS;
    const standard = level1Names(framework).map((n) => `“${n}”`).join('、');
    return [
      {
        field: 'level1',
        source: indicator.sources.level1 ?? indicator.source,
        message: blank
          ? `${label(indicator)}的一级指标为空，二级指标“${indicator.level2Raw}”也无法确定类别`
          : `${label(indicator)}的一级指标“${indicator.level1Raw}”不在指标体系中${parent ? `（按二级指标应为“${parent}”）` : ''}`,
        suggestion: parent ? `将一级指标改为“${parent}”。` : `一级指标改用指标体系中的名称：${standard}。`,
      },
    ];
  },
};

const unknownLevel2: IndicatorRule = {
  id: 'taxonomy.unknown-level2',
  category: 'taxonomy',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  title: '二级指标为空或不在指标体系中',
  description:
    '二级指标应是指标体系中该一级指标下的类别（如产出指标下的数量、质量、时效、成本指标）。为空或写了体系之外的名称时，无法判断指标值应有的类型，也无法核对必备的二级指标是否齐全。' +
    '二级指标为空而指标名称只是二级指标的名称（表样没有二级指标栏，“指标名称”栏写着“数量指标”）时，类别是有的，缺的是指标本身：报告指标名称没有写明考核什么。',
  examples: {
    triggers: { description: '二级指标写作“政治效益指标”', patch: { indicators: [{ at: 4, level2: '政治效益指标' }] } },
    passes: { description: '二级指标写作“社会效益”', patch: { indicators: [{ at: 4, level2: '社会效益' }] } },
  },
  check(indicator, project, { framework }) {
    if (indicator.level2 !== null) return NO_HITS;
    const blank = indicator.level2Raw.trim() === '';
    if (blank) {
      // Report at the row the empty stretch starts: the table's first row, or where a level 1 was written.
      const at = project.indicators.indexOf(indicator);
      const prev = at > 0 ? project.indicators[at - 1] : undefined;
      if (prev && indicator.level1Inherited && prev.level2Raw.trim() === '') return NO_HITS;
    } else if (indicator.level2Inherited) {
      return NO_HITS;
    }
    const l1 = indicator.level1;
    const choices = l1 ? level2Names(framework, l1) : [];
    // the category written as the name (a form with no 二级指标 column): the category is there, the indicator unnamed
    const category = blank ? choices.find((name) => nameIsLevel2(indicator, name)) : undefined;
    if (category !== undefined) {
      return [
        {
          field: 'indicatorName',
          source: indicator.sources.name ?? indicator.source,
          message: `指标名称只写了二级指标“${indicator.name.trim()}”，没有写明考核的是什么（三级指标），指标值“${indicator.target.raw.trim()}”无从对应`,
          suggestion: `按“${l1}—${category}—三级指标”填写：三级指标写明考核的事项（如“绿地养护面积”“养护合格率”），指标值与之对应。`,
        },
      ];
    }
    return [
      {
        field: 'level2',
        source: indicator.sources.level2 ?? indicator.source,
        message: blank
          ? `${label(indicator)}缺少二级指标${l1 ? `（一级指标“${l1}”）` : ''}`
          : `${label(indicator)}的二级指标“${indicator.level2Raw}”不在指标体系中${l1 ? `（一级指标“${l1}”）` : ''}`,
        suggestion: choices.length
          ? `改用“${l1}”下的标准二级指标：${choices.join('、')}。`
          : '改用指标体系中的二级指标名称。',
      },
    ];
  },
};

export const TAXONOMY_RULES: Rule[] = [nonstandardName, misspelledName, wrongParent, level1Lost, unknownLevel1, unknownLevel2];
