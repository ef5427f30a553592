/**
 * Form templates (表样, issue 54), the pure parts: headers' likeness, the heading rule, the corrections made on a
 * preview's grid and found in one again, and what a template may not do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import {
  correctionsFrom,
  draftTemplate,
  headerLikeness,
  headingRule,
  nameByHeading,
  NO_CORRECTIONS,
  templateProblem,
  type FormTemplate,
} from '../../src/shared/domain/form-template';

const A = readFileSync(join(__dirname, '..', 'documents', 'forms', 'a.html'));
const gridOf = async (templates: FormTemplate[] = []) => (await parseDocumentsBytes(A, 'a.html', { grids: true, templates }))[0]!;

describe('form templates', () => {
  it('likeness of headers: the texts they share, counted as often as written', () => {
    const a = [['一级指标', '二级指标', '三级指标', '预期成效', '考评方式'], ['全年', '上半年']];
    expect(headerLikeness(a, a)).toBe(100);
    expect(headerLikeness(a, [['一级指标', '二级指标', '三级指标', '预期成效', '考评方式', '备注'], ['全年', '上半年']])).toBe(93);
    expect(headerLikeness(a, [['序号', '项目名称', '金额']])).toBe(0);
  });

  it('a heading rule takes the form\'s words around the name and its numbering off', () => {
    const rule = headingRule('（一）项目：城区道路维修工程（续表）', '城区道路维修工程')!;
    expect(rule).toEqual({ prefix: '项目:', suffix: '(续表)' });
    expect(nameByHeading('（二）项目：小型水库除险加固（续表）', rule)).toBe('小型水库除险加固');
    expect(nameByHeading('（二）小型水库除险加固', rule)).toBeNull();
    expect(headingRule('城区道路维修工程', '别的名字')).toBeNull();
  });

  it('corrections made on a grid become a template with no position in it, and are found in the grid again', async () => {
    const doc = await gridOf();
    const grid = doc.tables![0]!;
    const top = grid.rows.findIndex((r) => r.cells[0]?.text === '一级指标');
    const sign = grid.rows.findIndex((r) => r.cells[0]?.text.startsWith('编制股室'));
    const t = draftTemplate(grid, {
      name: '任务单',
      headerRows: [top, top + 1],
      columns: [{ path: ['预期成效'], role: 'ignore' }],
      rows: [{ row: sign, kind: 'signOff' }],
      labels: [{ row: 1, cell: 0, field: 'annualTotal' }],
      nameFromHeading: true,
    }) as FormTemplate;
    expect(t.header).toEqual([['一级指标', '二级指标', '三级指标', '预期成效', '考评方式'], ['全年', '上半年']]);
    expect(t.rows).toEqual([{ text: '编制股室', kind: 'signOff' }]);
    expect(t.labels).toEqual([{ text: '任务资金', field: 'annualTotal' }]);
    expect(t.nameFromHeading).toEqual({ prefix: '', suffix: '' });
    expect(JSON.stringify(t)).not.toMatch(/"(row|line|col|cell)"/);
    const back = correctionsFrom(grid, t);
    expect([back.headerRows, back.rows, back.labels, back.nameFromHeading]).toEqual([[top, top + 1], [{ row: sign, kind: 'signOff' }], [{ row: 1, cell: 0, field: 'annualTotal' }], true]);
  });

  it('refuses corrections that say nothing readable, in words', async () => {
    const grid = (await gridOf()).tables![0]!;
    expect(draftTemplate(grid, { ...NO_CORRECTIONS(''), headerRows: [3] })).toBe('请填写表样名称');
    expect(draftTemplate(grid, { ...NO_CORRECTIONS('x'), headerRows: [0, 1, 2, 3, 4] })).toBe('指标表头最多 4 行');
    expect(draftTemplate({ ...grid, heading: null }, { ...NO_CORRECTIONS('x'), nameFromHeading: true })).toContain('表格上方没有标题');
    expect(templateProblem({ name: 'x', header: [['一级指标']], columns: [], rows: [], labels: [], nameFromHeading: null })).toContain('至少两个单元格');
  });

  it('a template whose header the table does not hold changes nothing of its reading', async () => {
    const plain = await gridOf();
    const other: FormTemplate = {
      name: '别的表样',
      header: [['一级指标', '二级指标', '三级指标', '年度指标值']],
      columns: [{ path: ['三级指标'], role: 'ignore' }],
      rows: [{ text: '产出指标', kind: 'note' }],
      labels: [{ text: '责任单位', field: 'name' }],
      nameFromHeading: { prefix: '', suffix: '' },
    };
    const read = await gridOf([other]);
    expect(read.projects.map((p) => [p.name, p.indicators.length])).toEqual(plain.projects.map((p) => [p.name, p.indicators.length]));
    expect(read.tables![0]!.template).toBeNull();
  });
});
