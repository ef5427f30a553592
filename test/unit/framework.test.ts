import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FRAMEWORK_ID,
  chooseFramework,
  FRAMEWORKS,
  getFramework,
  level1Of,
  normalizeCategories,
  selectFramework,
  type IndicatorFramework,
} from '../../src/shared/domain/framework';

const cn2015 = getFramework('cn-2015')!;
const cn2021 = getFramework('cn-2021')!;

const structure = (fw: IndicatorFramework): Record<string, string[]> =>
  Object.fromEntries(fw.level1.map((l1) => [l1.name, l1.level2.map((l2) => l2.name)]));

describe('FRAMEWORKS', () => {
  it('holds cn-2015, cn-2021 and the older common framework with unique ids', () => {
    expect(FRAMEWORKS.map((f) => f.id)).toEqual(['cn-2015', 'cn-2021', 'cn-common']);
    expect(getFramework('cn-2015')).toBe(cn2015);
    expect(getFramework('nope')).toBeUndefined();
  });

  it('cn-2015 is the framework of domain.md', () => {
    expect(structure(cn2015)).toEqual({
      产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
      效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
      满意度指标: ['服务对象满意度指标'],
    });
    expect(cn2015).toMatchObject({ region: null, validFrom: 2015, validTo: null });
  });

  it('cn-2021 makes 成本指标 a level 1 of its own', () => {
    expect(structure(cn2021)).toEqual({
      成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
      产出指标: ['数量指标', '质量指标', '时效指标'],
      效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
      满意度指标: ['服务对象满意度指标'],
    });
    expect(cn2021).toMatchObject({ region: null, validFrom: 2021, validTo: null });
  });

  it.each(FRAMEWORKS.map((f) => [f.id, f] as const))('%s: no spelling names two categories of one level', (_id, fw) => {
    const key = (s: string): string => s.replace(/\s+/g, '').replace(/指标$/, '');
    const l1Keys = fw.level1.flatMap((l1) => [...new Set([l1.name, ...l1.synonyms].map(key))]);
    expect(new Set(l1Keys).size).toBe(l1Keys.length);
    const l2Keys = fw.level1.flatMap((l1) => l1.level2.flatMap((l2) => [...new Set([l2.name, ...l2.synonyms].map(key))]));
    expect(new Set(l2Keys).size).toBe(l2Keys.length);
  });
});

describe('selectFramework', () => {
  it.each([2022, 2025, 2015, 2030])('uses cn-2015 for the budget year %i', (year) => {
    expect(selectFramework(year).id).toBe('cn-2015');
    expect(selectFramework(year, '130202').id).toBe('cn-2015');
  });

  it('uses the default without a year or before any framework existed', () => {
    expect(DEFAULT_FRAMEWORK_ID).toBe('cn-2015');
    expect(selectFramework(null).id).toBe('cn-2015');
    expect(selectFramework(null, null).id).toBe('cn-2015');
    expect(selectFramework(2010).id).toBe('cn-2015');
  });
});

type L1Case = [raw: string, standard: string, how: 'exact' | 'synonym'];
const LEVEL1: L1Case[] = [
  ['产出指标', '产出指标', 'exact'],
  ['效益指标', '效益指标', 'exact'],
  ['满意度指标', '满意度指标', 'exact'],
  // formatting only: whitespace, wrapped cells, full-width
  [' 产出指标 ', '产出指标', 'exact'],
  ['产出\n指标', '产出指标', 'exact'],
  ['产 出 指 标', '产出指标', 'exact'],
  ['效益\r\n指标', '效益指标', 'exact'],
  ['满意度　指标', '满意度指标', 'exact'],
  // different words
  ['产出', '产出指标', 'synonym'],
  ['效益', '效益指标', 'synonym'],
  ['效果指标', '效益指标', 'synonym'],
  ['效果\n指标', '效益指标', 'synonym'],
  ['效果', '效益指标', 'synonym'],
  ['满意度', '满意度指标', 'synonym'],
];

type L2Case = [level1: string, raw: string, standard: string, how: 'exact' | 'synonym'];
const LEVEL2: L2Case[] = [
  ['产出指标', '数量指标', '数量指标', 'exact'],
  ['产出指标', '数量', '数量指标', 'synonym'],
  ['产出指标', '质量', '质量指标', 'synonym'],
  ['产出指标', '时效', '时效指标', 'synonym'],
  ['产出指标', '实效指标', '时效指标', 'synonym'],
  ['产出指标', '实效', '时效指标', 'synonym'],
  ['产出指标', '成本', '成本指标', 'synonym'],
  ['产出指标', '成本\n指标', '成本指标', 'exact'],
  ['效益指标', '经济效益', '经济效益指标', 'synonym'],
  ['效益指标', '社会效益', '社会效益指标', 'synonym'],
  ['效益指标', '生态效益', '生态效益指标', 'synonym'],
  ['效益指标', '社会效益\n指标', '社会效益指标', 'exact'],
  ['效益指标', '可持续影响', '可持续影响指标', 'synonym'],
  ['效益指标', '可持续性影响', '可持续影响指标', 'synonym'],
  ['效益指标', '可持续性影响指标', '可持续影响指标', 'synonym'],
  ['效益指标', '可持续\n影响指标', '可持续影响指标', 'exact'],
  ['效果指标', '可持续性影响', '可持续影响指标', 'synonym'],
  ['满意度指标', '服务对象满意度指标', '服务对象满意度指标', 'exact'],
  ['满意度指标', '服务对象\n满意度指标', '服务对象满意度指标', 'exact'],
  ['满意度指标', '服务对象满意度', '服务对象满意度指标', 'synonym'],
  ['满意度指标', '满意度', '服务对象满意度指标', 'synonym'],
  ['满意度', '满意度指标', '服务对象满意度指标', 'synonym'],
];

describe('normalizeCategories', () => {
  it.each(LEVEL1)('level 1 %j → %s (%s)', (raw, standard, how) => {
    const r = normalizeCategories(cn2015, raw, '');
    expect(r).toMatchObject({ level1: standard, level1Matched: how, level2: null, level2Matched: 'none' });
  });

  it.each(LEVEL2)('under %s, level 2 %j → %s (%s)', (level1, raw, standard, how) => {
    expect(normalizeCategories(cn2015, level1, raw)).toMatchObject({
      level2: standard,
      level2Matched: how,
      level2UnderOtherLevel1: null,
    });
  });

  it('ignores full-width/half-width differences (any framework given as data)', () => {
    // The shipped names have no letters or digits, so a small framework of our own shows it.
    const custom: IndicatorFramework = {
      id: 'test',
      name: 'test',
      region: '13',
      validFrom: 2024,
      validTo: null,
      level1: [{ name: 'A类指标', synonyms: ['一类'], level2: [{ name: 'B1指标', synonyms: [] }] }],
    };
    expect(normalizeCategories(custom, 'Ａ类指标', 'Ｂ１')).toEqual({
      level1: 'A类指标',
      level2: 'B1指标',
      level1Matched: 'exact',
      level2Matched: 'synonym',
      level2UnderOtherLevel1: null,
    });
    expect(normalizeCategories(custom, 'Ａ类\n指标', 'Ｂ１指标')).toMatchObject({ level1Matched: 'exact', level2Matched: 'exact' });
  });

  it('reports a level 2 under the wrong level 1', () => {
    expect(normalizeCategories(cn2015, '效益指标', '数量指标')).toEqual({
      level1: '效益指标',
      level2: '数量指标',
      level1Matched: 'exact',
      level2Matched: 'exact',
      level2UnderOtherLevel1: '产出指标',
    });
    expect(normalizeCategories(cn2015, '产出指标', '可持续性影响')).toMatchObject({
      level2: '可持续影响指标',
      level2Matched: 'synonym',
      level2UnderOtherLevel1: '效益指标',
    });
    expect(normalizeCategories(cn2015, '满意度指标', '社会效益指标').level2UnderOtherLevel1).toBe('效益指标');
  });

  it('leaves an empty or unknown level 1 to the caller, but still maps level 2', () => {
    expect(normalizeCategories(cn2015, '', '时效指标')).toEqual({
      level1: null,
      level2: '时效指标',
      level1Matched: 'none',
      level2Matched: 'exact',
      level2UnderOtherLevel1: null,
    });
    expect(normalizeCategories(cn2015, '其他指标', '实效指标')).toMatchObject({
      level1: null,
      level2: '时效指标',
      level1Matched: 'none',
      level2Matched: 'synonym',
      level2UnderOtherLevel1: null,
    });
  });

  it('maps nothing it does not know', () => {
    expect(normalizeCategories(cn2015, '', '')).toEqual({
      level1: null,
      level2: null,
      level1Matched: 'none',
      level2Matched: 'none',
      level2UnderOtherLevel1: null,
    });
    expect(normalizeCategories(cn2015, '产出指标', '其他')).toMatchObject({ level2: null, level2Matched: 'none' });
    expect(normalizeCategories(cn2015, '指标', '指标')).toMatchObject({ level1: null, level2: null });
  });

  it('follows the framework it is given', () => {
    // cn-2021: 成本指标 is a level 1 and 产出指标 has no 成本 below it.
    expect(normalizeCategories(cn2021, '成本指标', '经济成本')).toMatchObject({
      level1: '成本指标',
      level2: '经济成本指标',
      level2Matched: 'synonym',
    });
    expect(normalizeCategories(cn2021, '成本', '生态环境成本指标')).toMatchObject({
      level1: '成本指标',
      level1Matched: 'synonym',
      level2: '生态环境成本指标',
      level2Matched: 'exact',
    });
    expect(normalizeCategories(cn2021, '产出指标', '成本指标')).toMatchObject({
      level1: '产出指标',
      level2: null,
      level2Matched: 'none',
    });
    expect(normalizeCategories(cn2021, '产出指标', '实效指标')).toMatchObject({ level2: '时效指标', level2Matched: 'synonym' });
    expect(normalizeCategories(cn2015, '成本指标', '成本指标')).toMatchObject({ level1: null, level2: '成本指标' });
  });
});

describe('level1Of', () => {
  it.each([
    ['数量指标', '产出指标'],
    ['实效指标', '产出指标'],
    ['成本指标', '产出指标'],
    ['可持续性影响', '效益指标'],
    ['经济效益', '效益指标'],
    ['服务对象满意度', '满意度指标'],
  ])('cn-2015: %s belongs to %s', (level2, level1) => {
    expect(level1Of(cn2015, level2)).toBe(level1);
  });

  it('follows the framework and returns null for the unknown', () => {
    expect(level1Of(cn2021, '经济成本指标')).toBe('成本指标');
    expect(level1Of(cn2021, '成本指标')).toBeNull();
    expect(level1Of(cn2015, '经济成本指标')).toBeNull();
    expect(level1Of(cn2015, '')).toBeNull();
  });
});

describe('the older common framework (issue 53): satisfaction under 效益指标 is its tree', () => {
  const common = getFramework('cn-common')!;
  it('reads 社会公众或服务对象满意度指标 under 效益指标 as the national 满意度指标, with nothing wrong', () => {
    expect(normalizeCategories(common, '效益指标', '社会公众或服务对象满意度指标')).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标', level2UnderOtherLevel1: null });
    // the same cells in cn-2015 are a level 2 under the wrong level 1
    expect(normalizeCategories(cn2015, '效益指标', '社会公众或服务对象满意度指标').level2UnderOtherLevel1).toBe('满意度指标');
  });
  it('is chosen by the evidence of a document\'s cells, and only then', () => {
    const older = [{ level1Raw: '产出指标', level2Raw: '数量指标' }, { level1Raw: '效益指标', level2Raw: '社会公众或服务对象满意度指标' }];
    expect(chooseFramework(older, cn2015).framework.id).toBe('cn-common');
    expect(chooseFramework([{ level1Raw: '满意度指标', level2Raw: '服务对象满意度指标' }], cn2015).framework.id).toBe('cn-2015');
    expect(chooseFramework([{ level1Raw: '成本指标', level2Raw: '经济成本指标' }], cn2015).framework.id).toBe('cn-2021');
  });
});
