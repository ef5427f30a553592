/**
 * The four real documents: every count and spot check of ../shared/fixtures/README.md, exactly,
 * through the public JSON of `jixiao parse`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toDocumentJson, type DocumentJson } from '../../src/shared/domain/document-json';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { FIXTURES, fixtureLines, readFixture } from '../support/fixtures';

const expected = {
  f000: { code: '763001', name: '中共唐山市路南区委社会工作部', year: 2025, projects: 5, indicators: 31 },
  f001: { code: '203001', name: '中国共产党唐山市路南区委员会组织部本级', year: 2025, projects: 19, indicators: 122 },
  f002: { code: '326001', name: '保定白沟新城乡村振兴局（社区建设管理办公室）—本级', year: 2025, projects: 6, indicators: 36 },
  f003: { code: '314003', name: '唐山市曹妃甸区希望路街道办事处', year: 2022, projects: 36, indicators: 108 },
} as const;

const docs: Record<string, DocumentJson> = {};

beforeAll(async () => {
  for (const [key, file] of Object.entries(FIXTURES)) {
    docs[key] = toDocumentJson(await parseDocumentBytes(readFixture(file), file));
  }
});

const doc = (key: keyof typeof FIXTURES) => docs[key]!;
const project = (key: keyof typeof FIXTURES, sequence: number) => doc(key).projects[sequence - 1]!;

describe.each(Object.keys(expected) as (keyof typeof expected)[])('fixture %s', (key) => {
  const e = expected[key];

  it('has the department, year and counts of the fixtures README', () => {
    const d = doc(key);
    expect(d.department).toEqual({ code: e.code, name: e.name });
    expect(d.year).toBe(e.year);
    expect(d.projects).toHaveLength(e.projects);
    expect(d.projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(e.indicators);
  });

  it('reads without errors and places every indicator in the framework', () => {
    const d = doc(key);
    expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    for (const p of d.projects) {
      expect(p.code, p.name).toMatch(/^\d{8}P[0-9A-Z]+$/);
      expect(p.name).not.toBe('');
      expect(p.budget.total).not.toBeNull();
      expect(p.goals.length, p.name).toBeGreaterThan(0);
      for (const i of p.indicators) {
        expect(i.level1, `${p.name} ${i.name}`).not.toBeNull();
        expect(i.level2, `${p.name} ${i.name}`).not.toBeNull();
        expect(i.name).not.toBe('');
      }
    }
  });

  it('records the published 项目绩效目标表 as every project\'s form: every field and column, the plan as its header writes it (issue 30)', () => {
    const d = doc(key);
    for (const p of d.projects) {
      expect(p.form, p.name).toEqual({
        name: '项目绩效目标表',
        fields: {
          code: '项目编码',
          name: '项目名称',
          purpose: '预算规模及资金用途',
          total: '预算数',
          fiscal: '财政资金',
          other: '其他资金',
          spendingPlan: key === 'f002' ? '资金支出计划（万元）' : '资金支出计划（%）',
          goals: '绩效目标',
          department: '单位名称（表头）',
        },
        columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', description: '绩效指标描述', target: '指标值', basis: '指标值确定依据' },
        extraColumns: [],
      });
    }
    // nothing read under another name
    expect(d.diagnostics.filter((x) => /-from-(lines|column|note)$/.test(x.code))).toEqual([]);
  });

  it('remembers the source line of every value', () => {
    const lines = fixtureLines(FIXTURES[key]);
    const d = doc(key);
    for (const p of d.projects) {
      expect(lines[p.line - 1]).toContain(p.title);
      for (const i of p.indicators) {
        // the row starts at its 一级指标 cell; its cells follow one per line
        const row = lines.slice(i.line - 1, i.line + 12).join('\n');
        expect(lines[i.line - 1]!.startsWith('\t')).toBe(true);
        expect(row).toContain(i.name);
        expect(row).toContain(i.target.raw);
        // each cell the document wrote points at its own line
        expect(lines[i.cells.target!.line - 1]!.trim()).toBe(i.target.raw);
        expect(lines[i.cells.name!.line - 1]!.trim()).toBe(i.name);
      }
    }
    for (const x of d.diagnostics) expect(x.line).toBeGreaterThan(0);
  });
});

describe('spot checks of the fixtures README', () => {
  it('000 table 2 城市社区工作者薪酬经费', () => {
    const p = project('f000', 2);
    expect(p.name).toBe('城市社区工作者薪酬经费');
    expect(p.code).toBe('13020225P00912310002A');
    expect(p.budget).toEqual({ total: 12_621_600, fiscal: 12_621_600, other: null, lines: [] });
    expect(p.spendingPlan.map((c) => [c.checkpoint, c.percent, c.given])).toEqual([
      ['03', 25, 'percent'],
      ['06', 50, 'percent'],
      ['10', 75, 'percent'],
      ['12', 100, 'percent'],
    ]);
    expect(p.spendingPlan.map((c) => c.amount)).toEqual([3_155_400, 6_310_800, 9_466_200, 12_621_600]);
    expect(p.indicators).toHaveLength(6);
    const cost = p.indicators.filter((i) => i.level2 === '成本指标');
    expect(cost).toHaveLength(1);
    expect(cost[0]!.target).toMatchObject({ raw: '1262.16万元', kind: 'quantitative', operator: '=', value: 1262.16, unit: '万元' });
  });

  it('001 table 18 招商引资专项业务费', () => {
    const p = project('f001', 18);
    expect(p.name).toBe('招商引资专项业务费');
    expect(p.indicators).toHaveLength(8);
    const level2 = new Set(p.indicators.map((i) => i.level2));
    for (const name of ['经济效益指标', '社会效益指标', '生态效益指标']) expect(level2).toContain(name);
    for (const i of p.indicators.filter((x) => /效益指标$/.test(x.level2 ?? ''))) expect(i.level1).toBe('效益指标');
  });

  it('002 spending plans are amounts in 万元', () => {
    const p = project('f002', 1);
    expect(p.budget.total).toBe(1_200_000);
    expect(p.spendingPlan.map((c) => [c.amount, c.percent, c.given])).toEqual([
      [300_000, 25, 'amount'],
      [600_000, 50, 'amount'],
      [900_000, 75, 'amount'],
      [1_200_000, 100, 'amount'],
    ]);
    for (const q of doc('f002').projects) expect(q.spendingPlan.every((c) => c.given === 'amount')).toBe(true);
  });

  it('003 table 15 title carries two bookmarks, stripped', () => {
    const p = project('f003', 15);
    expect(p.name).toBe('劳动协理员工资');
    expect(p.title).toBe('劳动协理员工资绩效目标表');
    expect(fixtureLines(FIXTURES.f003)[p.line - 1]).toMatch(/^\[bookmark: _GoBack\]\[bookmark: _Toc\d+\]15\./);
  });

  it('003 blank spending-plan cells stay blank; table 8 holds 60% from June to October', () => {
    const d = doc('f003');
    d.projects.forEach((p, i) => {
      const blanks = p.spendingPlan.filter((c) => c.given === null).length;
      if ([6, 11, 16, 24, 34].includes(i + 1)) expect(blanks, p.name).toBeGreaterThan(0);
      else expect(blanks, p.name).toBe(0);
    });
    for (const c of project('f003', 6).spendingPlan.filter((x) => x.given === null)) {
      expect(c.percent).toBeNull();
      expect(c.amount).toBeNull();
    }
    const t8 = project('f003', 8).spendingPlan;
    expect(t8[1]!.percent).toBe(60);
    expect(t8[2]!.percent).toBe(60);
  });

  it('003 has many bare-number targets with no unit', () => {
    const bare = doc('f003').projects.flatMap((p) => p.indicators).filter((i) => i.target.kind === 'quantitative' && i.target.unit === null);
    expect(bare.length).toBeGreaterThan(20);
    expect(bare.some((i) => i.target.raw === '≥100' && i.target.operator === '≥' && i.target.value === 100)).toBe(true);
  });

  it('000 department goals: three sub-goals and three measures', () => {
    const g = doc('f000').departmentGoals;
    expect(g.overall).toMatch(/^完成区委交办的各项任务/);
    expect(g.subGoals.map((s) => s.numbering)).toEqual(['1.', '2.', '3。']);
    expect(g.measures).toHaveLength(3);
    expect(g.measures[0]).toMatchObject({ numbering: '1.', title: '加强组织领导' });
  });

  it('002 sub-goals carry their own 绩效目标 and 绩效指标 paragraphs', () => {
    const g = doc('f002').departmentGoals;
    expect(g.subGoals).toHaveLength(4);
    for (const s of g.subGoals) {
      expect(s.numbering).toMatch(/^（[一二三四]）$/);
      expect(s.goalText).not.toBeNull();
      expect(s.indicatorText).not.toBeNull();
    }
  });

  it('003 sub-goals are the 36 projects, each with its description', () => {
    const g = doc('f003').departmentGoals;
    expect(g.subGoals).toHaveLength(36);
    expect(g.subGoals[35]).toMatchObject({ title: '综合文化站建设费用', text: '用于综合文化站建设，购置办公设备及宣传等。' });
    expect(g.measures.map((m) => m.numbering)).toEqual(['一是', '二是', '三是', '四是', '五是']);
  });

  it('001 reports the converter watermark instead of dropping it', () => {
    const w = doc('f001').diagnostics.filter((x) => x.code === 'converter-watermark');
    expect(w).toHaveLength(1);
    expect(w[0]!.line).toBe(1421);
  });
});
