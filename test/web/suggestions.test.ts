import { describe, expect, it } from 'vitest';
import type { SuggestionJson } from '../../src/shared/api/library';
import { getFramework } from '../../src/shared/domain/framework';
import type { IndicatorRow } from '../../src/web/lib/editor-state';
import { insertSuggestion, openSuggestions, laterYearIn, placeInCategory } from '../../src/web/lib/suggestions';

const fw = getFramework('cn-2015')!;

function row(level1Raw: string, level2Raw: string, name: string): IndicatorRow {
  return { key: name, origin: 0, level1Raw, level2Raw, name, description: '', targetRaw: '', basis: '' };
}

function suggestion(level1: string | null, level2: string | null, name: string, target: string | null = '≥95%'): SuggestionJson {
  return { entryId: `${level1}|${level2}|${name}`, name, level1, level2, target, median: 95, unit: '%', projects: 9, similarProjects: 3, basis: '问卷调查', share: null, budgetFen: null };
}

const rows = [
  row('产出指标', '数量指标', '培训人次'),
  row('', '质量指标', '培训合格率'), // level 1 carried down: written empty
  row('效果指标', '社会效益指标', '群众知晓率'), // a synonym of 效益指标
  row('满意度指标', '服务对象满意度指标', '学员满意度'),
];

describe('insertSuggestion', () => {
  it('goes after the last row of its level 2, else of its level 1, else at the end', () => {
    const a = insertSuggestion(rows, suggestion('产出指标', '数量指标', '培训场次', '≥4次'), fw);
    expect(a.index).toBe(1);
    expect(a.rows[1]).toMatchObject({ level1Raw: '产出指标', level2Raw: '数量指标', name: '培训场次', targetRaw: '≥4次', basis: '问卷调查', origin: null });
    expect(a.rows).toHaveLength(5);
    expect(insertSuggestion(rows, suggestion('效益指标', '社会效益指标', '政策知晓率'), fw).index).toBe(3);
    expect(insertSuggestion(rows, suggestion('效益指标', '经济效益指标', '节约经费'), fw).index).toBe(3);
    expect(insertSuggestion(rows, suggestion('产出指标', '时效指标', '完成及时率'), fw).index).toBe(2);
    expect(insertSuggestion(rows, suggestion(null, null, '其他'), fw).index).toBe(4);
    expect(insertSuggestion([], suggestion('产出指标', '数量指标', '培训场次'), fw).index).toBe(0);
    const qualitative = insertSuggestion(rows, suggestion('效益指标', '可持续影响指标', '长效机制', null), fw);
    expect(qualitative.rows[qualitative.index]!.targetRaw).toBe('');
  });
});

describe('placeInCategory', () => {
  const added = (level1: string, level2: string) => [...rows, { ...row(level1, level2, '新指标'), origin: null }];
  const placed = (level1: string, level2: string) => placeInCategory(added(level1, level2), rows.length, fw);
  it('moves a row into its category group in the framework order', () => {
    expect(placed('产出指标', '时效指标').index).toBe(2);
    expect(placed('产出指标', '数量指标').index).toBe(1);
    expect(placed('效益指标', '经济效益指标').index).toBe(2);
    expect(placed('效益指标', '可持续影响指标').index).toBe(3);
    expect(placed('满意度指标', '服务对象满意度指标').index).toBe(4);
    const p = placed('产出指标', '时效指标');
    expect(p.rows.map((r) => r.name)).toEqual(['培训人次', '培训合格率', '新指标', '群众知晓率', '学员满意度']);
    // first of all when it comes before every row; unknown categories stay where they are
    expect(placeInCategory([rows[3]!, { ...row('产出指标', '数量指标', 'x'), origin: null }], 1, fw).index).toBe(0);
    expect(placed('其他', '其他').index).toBe(4);
    // rows of its 二级 out of order already: it joins them
    const odd = [row('满意度指标', '服务对象满意度指标', 'a'), row('产出指标', '数量指标', 'b'), { ...row('满意度指标', '服务对象满意度指标', 'c'), origin: null }];
    expect(placeInCategory(odd, 2, fw).index).toBe(1);
  });
});

describe('openSuggestions', () => {
  it('leaves out what the rows already have, up to spelling', () => {
    const open = openSuggestions([suggestion('满意度指标', '服务对象满意度指标', '学员满意率'), suggestion('产出指标', '数量指标', '培训场次')], rows);
    expect(open.map((s) => s.name)).toStrictEqual(['培训场次']);
  });
});

describe('a suggested basis of a later year (issue 71)', () => {
  it('is not inserted into a project of an earlier year, and is given back to be said', () => {
    const s = { ...suggestion('产出指标', '数量指标', '发放及时率'), basis: '2025年工作计划' };
    const into2022 = insertSuggestion(rows, s, fw, 2022);
    expect(into2022.rows[into2022.index]!.basis).toBe('');
    expect(into2022.basisLeftOut).toBe('2025年工作计划');
    const into2025 = insertSuggestion(rows, s, fw, 2025);
    expect(into2025.rows[into2025.index]!.basis).toBe('2025年工作计划');
    expect(into2025.basisLeftOut).toBeNull();
    expect(laterYearIn('近三年（2022-2024年）平均', 2025)).toBeNull();
    expect(laterYearIn('近三年（2022-2024年）平均', 2022)).toBe('2024');
    expect(laterYearIn('上级文件（财预〔2021〕10号）', 2025)).toBeNull();
    expect(laterYearIn('年度工作计划', 2022)).toBeNull();
  });
});
