import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { libraryFromDocuments, libraryRows } from '../../src/shared/library/from-documents';
import { indicatorKey } from '../../src/shared/library/indicator-key';
import { entryId, LibraryState, peerFigures, searchLibrary, suggestIndicators, targetText, type IndicatorLibrary, type LibraryIndicatorRow, type LibraryProjectRow } from '../../src/shared/library/library';
import { bigramsOf } from '../../src/shared/library/similarity';
import { distributionOf, distributionWithout, sortDecimals } from '../../src/shared/library/stats';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { PEER_RULE_ID, peerFindings } from '../../src/shared/review/rules/peer';
import { parseFixtures, type FixtureKey } from '../support/fixtures';

describe('indicatorKey', () => {
  it('drops numbering, brackets, punctuation, full width and a trailing 指标, and maps synonyms', () => {
    expect(indicatorKey('1.服务对象满意率（%）')).toBe('服务对象满意度');
    expect(indicatorKey('服务对象满意度指标')).toBe('服务对象满意度');
    expect(indicatorKey('满意度指标')).toBe('服务对象满意度');
    expect(indicatorKey('对象满意度')).toBe('服务对象满意度');
    expect(indicatorKey('（二）群众 满意度')).toBe('群众满意度');
    expect(indicatorKey('资金拨付及时率')).toBe(indicatorKey('资金及时支付率'));
    expect(indicatorKey('党组织、党员满意度')).toBe('党组织党员满意度');
    expect(indicatorKey('ＡＢＣ覆盖面')).toBe('ABC覆盖率');
    expect(indicatorKey('指标')).toBe('指标');
    expect(indicatorKey('、。')).toBe('');
  });
});

describe('distribution (exact decimals)', () => {
  it('interpolates quartiles linearly between ranks, exactly', () => {
    expect(distributionOf(sortDecimals(['95.5', '80', '95', '90']))).toStrictEqual({ count: 4, min: 80, p25: 87.5, median: 92.5, p75: 95.125, max: 95.5 });
    expect(distributionOf(['0.1', '0.2'])).toMatchObject({ median: 0.15, p25: 0.125, p75: 0.175 });
    expect(distributionOf(['7'])).toStrictEqual({ count: 1, min: 7, p25: 7, median: 7, p75: 7, max: 7 });
    expect(distributionOf([])).toBeNull();
    // 1/3 of the way would be binary noise in floats; quartiles of 5 values land on ranks
    expect(distributionOf(['1', '2', '3', '4', '5'])).toMatchObject({ p25: 2, median: 3, p75: 4 });
  });

  it('leaves one occurrence of a value out', () => {
    expect(distributionWithout(['80', '95', '95', '98'], '95')).toMatchObject({ count: 3, median: 95 });
    expect(distributionWithout(['80', '95', '98'], '80')).toMatchObject({ count: 2, min: 95, median: 96.5 });
    expect(distributionWithout(['80'], '80')).toBeNull();
  });
});

describe('bigramsOf', () => {
  it('takes neighbouring CJK characters and ASCII words', () => {
    expect([...bigramsOf('社区 工作者 5G网络')].sort()).toStrictEqual(['5g', '工作', '社区', '网络', '作者'].sort());
  });
});

describe('the library over the fixtures', () => {
  let docs: Record<FixtureKey, ParsedDocument>;
  let lib: IndicatorLibrary;
  beforeAll(async () => {
    docs = await parseFixtures();
    lib = libraryFromDocuments(Object.values(docs).map((doc) => ({ doc })));
  });

  it('has an entry per indicator in use, counting each project once', () => {
    let projectId = 0;
    const uses = new Map<string, Set<number>>();
    for (const doc of Object.values(docs)) {
      for (const p of doc.projects) {
        projectId++;
        for (const i of p.indicators) {
          const key = indicatorKey(i.name);
          if (key === '') continue;
          const id = entryId(i.level1, i.level2, key);
          const entry = lib.byId.get(id);
          expect(entry, `${p.name}: ${i.name}`).toBeDefined();
          expect(entry!.uses.has(projectId)).toBe(true);
          if (!uses.has(id)) uses.set(id, new Set());
          uses.get(id)!.add(projectId);
        }
      }
    }
    expect(lib.entries.map((e) => e.id).sort()).toStrictEqual([...uses.keys()].sort());
    for (const e of lib.entries) expect(e.projects, e.id).toBe(uses.get(e.id)!.size);
    // most used first
    expect(lib.entries.map((e) => e.projects)).toStrictEqual(lib.entries.map((e) => e.projects).sort((a, b) => b - a));
  });

  it('gives the satisfaction entries their peers’ figures, by unit', () => {
    const crowd = lib.byId.get(entryId('满意度指标', '服务对象满意度指标', '群众满意度'))!;
    // 3 projects of f001, 2 of f002, all "≥95%"
    expect(crowd).toMatchObject({ name: '群众满意度', projects: 5, departments: 2, years: 1, units: ['%'], operator: '≥' });
    expect(crowd.target).toStrictEqual({ count: 5, min: 95, p25: 95, median: 95, p75: 95, max: 95 });
    expect(targetText(crowd)).toBe('≥95%');

    const service = lib.byId.get(entryId('满意度指标', '服务对象满意度指标', '服务对象满意度'))!;
    expect(service.names).toContain('服务对象满意度指标');
    expect(service.departments).toBeGreaterThanOrEqual(3);
    const percent = service.values.get('%')!;
    // every "%" target of the entry, sorted; the median computed by hand from them
    const expected = Object.values(docs)
      .flatMap((d) => d.projects.flatMap((p) => p.indicators))
      .filter((i) => i.level2 === '服务对象满意度指标' && indicatorKey(i.name) === '服务对象满意度' && i.target.unit === '%' && i.target.kind === 'quantitative')
      .map((i) => i.target.value!)
      .sort((a, b) => a - b);
    expect(percent.map(Number)).toStrictEqual(expected);
    const mid = expected.length % 2 === 1 ? expected[(expected.length - 1) / 2]! : (expected[expected.length / 2 - 1]! + expected[expected.length / 2]!) / 2;
    expect(peerFigures(lib, { level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意率', unit: '%' })!.target.median).toBe(mid);
  });

  it('searches Chinese names without spaces, by any spelling and by category', () => {
    const hits = searchLibrary(lib, { search: '满意' });
    expect(hits.length).toBeGreaterThan(5);
    expect(hits.every((e) => e.names.some((n) => n.includes('满意')) || e.key.includes('满意'))).toBe(true);
    expect(searchLibrary(lib, { search: '满意率' }).map((e) => e.name)).toContain('服务对象满意度');
    expect(searchLibrary(lib, { search: '村干部 满意' }).map((e) => e.name)).toStrictEqual(expect.arrayContaining(['村干部满意率', '正常离任村干部满意度']));
    const cost = searchLibrary(lib, { level1: '产出指标', level2: '成本指标' });
    expect(cost.length).toBeGreaterThan(0);
    expect(cost.every((e) => e.level2 === '成本指标')).toBe(true);
    expect(searchLibrary(lib, { search: '没有这个指标' })).toStrictEqual([]);
    // wildcard characters alone are literal (issue 57): no name holds them as the library compares names, so nothing,
    // not everything; beside a word they are left out as any punctuation is
    for (const search of ['%', '_', '\\', '%_\\', '（%）']) expect(searchLibrary(lib, { search }), search).toStrictEqual([]);
    expect(searchLibrary(lib, { search: '满意 （%）' })).toStrictEqual(hits);
  });

  it('suggests what similar projects in other documents use, with their median', () => {
    // f000's first project: 常态化宣传及开展志愿服务活动 (ids 1–5 are f000's projects)
    const project = docs.f000.projects[0]!;
    const suggestions = suggestIndicators(lib, { projectId: 1, name: project.name, purpose: project.purpose, indicatorNames: project.indicators.map((i) => i.name) });
    expect(suggestions.length).toBeGreaterThan(0);
    const own = new Set(project.indicators.map((i) => indicatorKey(i.name)));
    expect(suggestions.every((s) => !own.has(s.entry.key))).toBe(true);
    expect(suggestions.flatMap((s) => s.projectIds)).not.toContain(1);
    const f000Ids = new Set(docs.f000.projects.map((_, i) => i + 1));
    expect(suggestions.some((s) => s.projectIds.some((id) => !f000Ids.has(id)))).toBe(true);
    // a cost in 万元 its peers cap (项目总成本 came from projects of other kinds before issue 71's peer bound)
    const cost = suggestions.find((s) => s.entry.level2 === '成本指标' && s.entry.units[0] === '万元');
    // an amount with two decimals (issue 58); without this project's budget, the peers' median
    expect(cost?.target).toBe(`≤${cost!.entry.target!.median.toFixed(2)}万元`);
    expect(cost?.share).toBeNull();
  });

  it('scales an amount to the project: the peers’ share of their budgets, never above its budget, two decimals (issue 58)', () => {
    const project = docs.f000.projects[0]!;
    const ask = (budgetFen: number) =>
      suggestIndicators(lib, { projectId: 1, name: project.name, purpose: project.purpose, indicatorNames: project.indicators.map((i) => i.name), budgetFen }).find((s) => s.entry.level2 === '成本指标' && s.entry.units[0] === '万元');
    const small = ask(7_650_000); // 7.65万元
    expect(small?.target).toMatch(/^≤\d+\.\d{2}万元$/);
    const amount = Number(/([\d.]+)万元/.exec(small!.target!)![1]);
    expect(amount).toBeLessThanOrEqual(7.65);
    // twice the budget, about twice the amount (the same shares)
    const twice = Number(/([\d.]+)万元/.exec(ask(15_300_000)!.target!)![1]);
    expect(Math.abs(twice - 2 * amount)).toBeLessThanOrEqual(0.01);
  });

  it('suggests from projects of the project’s kind only: none of another kind that shares a few words (issue 71)', () => {
    // f003's 残疾人专职委员队伍建设 (a 2022 project): the village party projects of f001 share only 经费/工作/补贴 with it
    const all = Object.values(docs).flatMap((d) => d.projects);
    const nameOf = (id: number) => all[id - 1]!.name;
    const id = all.findIndex((p) => p.name === '残疾人专职委员队伍建设') + 1;
    const project = all[id - 1]!;
    const suggestions = suggestIndicators(lib, { projectId: id, name: project.name, purpose: [project.purpose, ...project.goals].filter(Boolean).join(' '), indicatorNames: project.indicators.map((i) => i.name), budgetFen: project.budget.total });
    expect(suggestions.length).toBeGreaterThan(0);
    const villageOnly = suggestions.filter((s) => s.projectIds.every((p) => /村/.test(nameOf(p)))).map((s) => `${s.entry.name}（${s.projectIds.map(nameOf).join('、')}）`);
    expect(villageOnly).toStrictEqual([]);
    // an amount scaled to its budget says the peers' share it applied: the target is that share of the budget
    for (const s of suggestions.filter((x) => x.share !== null)) {
      const wan = Number(/([\d.]+)万元/.exec(s.target!)![1]);
      expect(Math.abs(wan - (s.share! / 100) * (project.budget.total! / 1_000_000))).toBeLessThanOrEqual(0.01 + (project.budget.total! / 1_000_000) * 0.00005);
    }
  });

  it('finds a rate far from five peers or more, never from fewer', () => {
    const example = (target: string, name = '群众满意度') =>
      buildExampleDocument({ indicators: [{ at: 5, level1: '满意度指标', level2: '服务对象满意度指标', name, target }] });
    const review = (doc: ParsedDocument, projectId?: number) =>
      peerFindings(doc, (i) => peerFigures(lib, { level1: i.level1, level2: i.level2, name: i.name, unit: i.target.unit }, projectId));

    const low = review(example('≥80%'));
    expect(low).toHaveLength(1);
    expect(low[0]).toMatchObject({ rule: PEER_RULE_ID, severity: 'info', field: 'target', indicatorIndex: 5 });
    expect(low[0]!.message).toContain('5 个同类项目的指标值中位数为 95%');
    expect(review(example('≥95%'))).toStrictEqual([]);
    expect(review(example('≥90%'))).toStrictEqual([]); // within 10% of the median
    expect(review(example('≥80人'))).toStrictEqual([]); // not a rate
    // a stored project is compared with the others only: 4 peers left, no finding
    expect(review(example('≥80%'), [...lib.byId.get(entryId('满意度指标', '服务对象满意度指标', '群众满意度'))!.uses.keys()][0]!)).toStrictEqual([]);
    // two peers only
    expect(review(example('≥50%', '满意人员占比'))).toStrictEqual([]);
  });
});

/** Everything an entry answers, comparable between two libraries. */
function figures(lib: IndicatorLibrary) {
  return lib.entries.map((e) => ({
    ...e,
    values: Object.fromEntries(e.values),
    uses: [...e.uses.values()].sort((a, b) => a.projectId - b.projectId),
  }));
}

function stateOf(projects: LibraryProjectRow[], indicators: LibraryIndicatorRow[]): LibraryState {
  const state = new LibraryState();
  for (const p of projects) state.addProject(p);
  for (const i of indicators) state.addIndicator(i);
  return state;
}

describe('keeping the library up to date', () => {
  it('removing and adding projects gives the library a fresh build gives', async () => {
    const { projects, indicators } = libraryRows(Object.values(await parseFixtures()).map((doc) => ({ doc })));
    const state = stateOf(projects, indicators);
    const before = state.view();
    expect(before.entries.length).toBeGreaterThan(100);

    // a save: project 7's satisfaction target changes and an indicator goes; a replacement: f000's
    // five projects go and come back under new ids with another department and year; project 40 goes for good
    const edited = indicators
      .filter((i) => !(i.projectId === 7 && i.level2 === '数量指标'))
      .map((i) => (i.projectId === 7 && i.level1 === '满意度指标' ? { ...i, targetRaw: '≥70%', targetValueText: '70', targetUnit: '%' } : i));
    const moved = new Map([1, 2, 3, 4, 5].map((id) => [id, 1000 + id]));
    const finalProjects = projects
      .filter((p) => p.id !== 40)
      .map((p) => (moved.has(p.id) ? { ...p, id: moved.get(p.id)!, departmentId: 99, year: 2030, version: 2 } : p.id === 7 ? { ...p, version: 2 } : p));
    const finalIndicators = edited.filter((i) => i.projectId !== 40).map((i) => (moved.has(i.projectId) ? { ...i, projectId: moved.get(i.projectId)! } : i));

    for (const id of [1, 2, 3, 4, 5, 7, 40]) state.removeProject(id);
    for (const p of finalProjects.filter((p) => p.id > 1000 || p.id === 7)) state.addProject(p);
    for (const i of finalIndicators.filter((i) => i.projectId > 1000 || i.projectId === 7)) state.addIndicator(i);
    const kept = state.view();
    const fresh = stateOf(finalProjects, finalIndicators).view();
    expect(figures(kept)).toStrictEqual(figures(fresh));
    expect(kept.entries.length).toBeLessThanOrEqual(before.entries.length);
    expect([...kept.projects.keys()].sort((a, b) => a - b)).toStrictEqual(finalProjects.map((p) => p.id).sort((a, b) => a - b));
    expect(kept.entriesOf(7).map((e) => e.id).sort()).toStrictEqual(fresh.entriesOf(7).map((e) => e.id).sort());
    expect(kept.entriesOf(40)).toStrictEqual([]);
    // removed projects are never suggested from
    const s = suggestIndicators(kept, { name: '村级组织运转经费', purpose: '保障村级组织正常运转' });
    expect(s.flatMap((x) => x.projectIds).filter((id) => id === 40 || (id >= 1 && id <= 5))).toStrictEqual([]);
  });

  it('counts down what a removed project counted: departments, years, spellings, values, bases', () => {
    const project = (id: number, year: number, departmentId: number): LibraryProjectRow => ({ id, name: `项目${id}`, purpose: null, year, status: 'draft', departmentId, departmentName: null, version: 1 });
    const indicator = (projectId: number, name: string, value: string, basis: string): LibraryIndicatorRow => ({
      projectId,
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name,
      targetRaw: `≥${value}%`,
      targetKind: 'quantitative',
      targetOperator: '≥',
      targetValueText: value,
      targetUnit: '%',
      basis,
    });
    const state = stateOf([project(1, 2024, 1), project(2, 2025, 2)], [indicator(1, '群众满意率', '80', '问卷'), indicator(2, '群众满意度', '95', '调查')]);
    expect(state.view().entries[0]).toMatchObject({ projects: 2, departments: 2, years: 2, names: ['群众满意度', '群众满意率'], bases: ['调查', '问卷'] });
    state.removeProject(1);
    const [entry] = state.view().entries;
    expect(entry).toMatchObject({ projects: 1, departments: 1, years: 1, names: ['群众满意度'], bases: ['调查'], target: { count: 1, median: 95 } });
    state.removeProject(2);
    expect(state.view().entries).toStrictEqual([]);
  });
});
