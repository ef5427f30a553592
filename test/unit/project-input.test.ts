import { describe, expect, it } from 'vitest';
import { EDITOR_SOURCE, applyProjectInput, matchOrigins, projectToInput } from '../../src/shared/api/project-input';
import { projectInputSchema, type ProjectInput } from '../../src/shared/api/projects';
import { getFramework } from '../../src/shared/domain/framework';
import { buildIndicator, buildProject } from '../factories';

const fw = getFramework('cn-2015')!;
const parse = (input: ProjectInput) => projectInputSchema.parse(input);

describe('applyProjectInput', () => {
  it('gives back the same project for its own input', () => {
    const project = buildProject();
    expect(applyProjectInput(project, projectToInput(project), fw)).toStrictEqual(project);
  });

  it('re-parses changed targets and keeps the sources of unchanged cells only', () => {
    const project = buildProject();
    const input = projectToInput(project);
    input.indicators[0]!.targetRaw = '≥340人';
    const next = applyProjectInput(project, parse(input), fw);
    const ind = next.indicators[0]!;
    expect(ind.target).toMatchObject({ raw: '≥340人', kind: 'quantitative', operator: '≥', value: 340, unit: '人' });
    expect(ind.sources.target).toBeUndefined();
    expect(ind.sources.level1).toStrictEqual(project.indicators[0]!.sources.level1);
    expect(ind.source).toStrictEqual(project.indicators[0]!.source);
    expect(next.indicators[1]).toStrictEqual(project.indicators[1]);
  });

  it('keeps an indicator\'s weights and nature (issue 37); a split target\'s part cells only while the target is unchanged', () => {
    const base = buildProject();
    const first: typeof base.indicators[number] = {
      ...base.indicators[0]!,
      weight: 10,
      level1Weight: 50,
      level2Weight: 20,
      nature: '定量',
      sources: { ...base.indicators[0]!.sources, operator: { line: 90 }, unit: { line: 92 }, weight: { line: 93 } },
    };
    const project = { ...base, indicators: [first, ...base.indicators.slice(1)] };
    expect(applyProjectInput(project, projectToInput(project), fw)).toStrictEqual(project);
    const input = projectToInput(project);
    input.indicators[0]!.targetRaw = '≥340人';
    input.indicators[0]!.level1Raw = '效益指标';
    const ind = applyProjectInput(project, parse(input), fw).indicators[0]!;
    expect([ind.weight, ind.level1Weight, ind.level2Weight, ind.nature]).toEqual([10, undefined, 20, '定量']);
    expect(Object.keys(ind.sources)).not.toEqual(expect.arrayContaining(['operator']));
    expect(ind.sources.unit).toBeUndefined();
    expect(ind.sources.weight).toEqual({ line: 93 });
  });

  it('normalises categories against the framework, as the importer does', () => {
    const project = buildProject();
    const input = projectToInput(project);
    input.indicators.push({ level1Raw: '效果指标', level2Raw: '可持续性影响', name: '长效机制', description: '', targetRaw: '健全', basis: '', origin: null });
    input.indicators.push({ level1Raw: '', level2Raw: '实效指标', name: '完成时间', description: null, targetRaw: '年底前完成', basis: null, origin: null });
    const next = applyProjectInput(project, parse(input), fw);
    const [a, b] = next.indicators.slice(-2);
    expect(a).toMatchObject({ level1: '效益指标', level2: '可持续影响指标', description: null, basis: null, source: EDITOR_SOURCE, sources: {} });
    expect(a!.target.kind).toBe('qualitative');
    expect(b).toMatchObject({ level1: '产出指标', level2: '时效指标' });
    expect(b!.target.kind).toBe('deadline');
  });

  it('derives the other half of each checkpoint from the total, exactly', () => {
    const project = buildProject({ budget: { total: 1_200_000_00, fiscal: 1_200_000_00, other: null } });
    const input = projectToInput(project);
    input.spendingPlan = [
      { checkpoint: '03', percent: 33.33, amount: null },
      { checkpoint: '06', percent: null, amount: 60_000_000 },
      { checkpoint: '10', percent: null, amount: null },
    ];
    const next = applyProjectInput(project, parse(input), fw);
    expect(next.spendingPlan.map((c) => [c.checkpoint, c.percent, c.amount, c.given])).toStrictEqual([
      ['03', 33.33, 39_996_000, 'percent'],
      ['06', 50, 60_000_000, 'amount'],
      ['10', null, null, null],
      ['12', null, null, null],
    ]);
    expect(next.sources.spendingPlan).toBeUndefined();
  });

  it('follows a rename in the title and drops the sources of changed fields', () => {
    const project = buildProject();
    const input = projectToInput(project);
    input.name = '社区工作者薪酬';
    input.budget.total = 100;
    const next = applyProjectInput(project, parse(input), fw);
    expect(next.title).toBe('社区工作者薪酬项目绩效目标表');
    expect(next.sources.name).toBeUndefined();
    expect(next.sources.total).toBeUndefined();
    expect(next.sources.code).toStrictEqual(project.sources.code);
  });

  it('matches rows by origin, then by content, then by position', () => {
    const previous = [buildIndicator({ name: 'a' }), buildIndicator({ name: 'b' }), buildIndicator({ name: 'c' })];
    const row = (name: string, origin?: number | null) => ({ level1Raw: '产出指标', level2Raw: '数量指标', name, description: '保障社区工作者薪酬按时足额发放', targetRaw: '334人', basis: '计划标准', ...(origin !== undefined ? { origin } : {}) });
    // reordered by content: c, a; then an edited row takes the free position 2 (b's row is index 1, so none)
    expect(matchOrigins(previous, [row('c'), row('a'), row('x')])).toStrictEqual([2, 0, null]);
    expect(matchOrigins(previous, [row('x'), row('b')])).toStrictEqual([0, 1]);
    expect(matchOrigins(previous, [row('b', 2), row('new', null)])).toStrictEqual([2, null]);
  });
});
