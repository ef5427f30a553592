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

/**
 * A form that writes its 一级指标 on rows of their own ("一、产出指标" across the table), with no 一级指标 column (issue 71,
 * test/documents/forms/d.html, an invented 任务单 of 青山县民政局):
 * the reader alone cannot know those rows' level; a 表样 that names them category rows reads every indicator under its
 * 一级指标, the row it came from as its source.
 */
const CATEGORY_ROWS = readFileSync(join(__dirname, '..', 'documents', 'forms', 'd.html'));

describe('category rows named by a 表样 (issue 71)', () => {
  const template: FormTemplate = {
    name: '青山县项目支出绩效目标表（类别行）',
    header: [['二级指标', '三级指标', '指标值', '指标值确定依据']],
    columns: [
      { path: ['二级指标'], role: 'level2' },
      { path: ['三级指标'], role: 'name' },
      { path: ['指标值'], role: 'target' },
      { path: ['指标值确定依据'], role: 'basis' },
    ],
    rows: [
      { text: '一、产出指标', kind: 'level1' },
      { text: '二、效益指标', kind: 'level1' },
      { text: '三、满意度指标', kind: 'level1' },
    ],
    labels: [],
    nameFromHeading: null,
  };
  const read = async (templates: FormTemplate[]) => (await parseDocumentsBytes(CATEGORY_ROWS, 'd.html', { grids: true, templates }))[0]!;
  const levels = (doc: Awaited<ReturnType<typeof read>>) => doc.projects[0]!.indicators.map((i) => [i.level1Raw, i.level2Raw, i.name]);

  it('reads each indicator under the 一级指标 its category row names, from that row; alone, the reader cannot know it', async () => {
    // its own 二级指标 (救助数量, 办理时效 …) are no framework's: alone, no 一级指标 can be told
    expect(levels(await read([])).map(([l1]) => l1)).toEqual(['', '', '', '']);
    const doc = await read([template]);
    expect(levels(doc)).toEqual([
      ['产出指标', '救助数量', '临时救助人次'],
      ['产出指标', '办理时效', '救助办结时限'],
      ['效益指标', '民生保障', '救助对象基本生活得到保障'],
      ['满意度指标', '对象评价', '救助对象满意度'],
    ]);
    // the level's source is its category row, the row the person named; no category row is read as an indicator
    const grid = doc.tables![0]!;
    const row = grid.rows.find((r) => r.cells[0]?.text === '一、产出指标')!;
    expect(row.kind).toBe('category');
    expect(doc.projects[0]!.indicators[0]!.sources.level1?.line).toBe(row.line);
    expect(doc.projects[0]!.indicators.some((i) => i.name.includes('产出指标'))).toBe(false);
  });

  it('the corrections a person makes on the grid carry the rows’ level, and come back from the template', async () => {
    const grid = (await read([])).tables![0]!;
    const header = grid.rows.findIndex((r) => r.cells[0]?.text === '二级指标');
    const output = grid.rows.findIndex((r) => r.cells[0]?.text === '一、产出指标');
    const t = draftTemplate(grid, { ...NO_CORRECTIONS('类别行表样'), headerRows: [header], rows: [{ row: output, kind: 'level1' }] }) as FormTemplate;
    expect(t.rows).toEqual([{ text: '一、产出指标', kind: 'level1' }]);
    expect(correctionsFrom(grid, t).rows).toEqual([{ row: output, kind: 'level1' }]);
  });
});

describe('starting from an offered template (issue 71)', () => {
  it('keeps every column role of the template and takes the rows most like its header as the header', async () => {
    // a.html read alone; a template made of a form like it, one column more, two header rows
    const grid = (await gridOf()).tables![0]!;
    const offered: FormTemplate = {
      name: '相似表样',
      header: [['一级指标', '二级指标', '三级指标', '预期成效', '考评方式', '备注'], ['全年', '上半年']],
      columns: [
        { path: ['预期成效', '全年'], role: 'target' },
        { path: ['预期成效', '上半年'], role: 'laterTarget' },
        { path: ['考评方式'], role: 'basis' },
        { path: ['备注'], role: 'other' },
      ],
      rows: [],
      labels: [],
      nameFromHeading: null,
    };
    const c = correctionsFrom(grid, offered);
    const top = grid.rows.findIndex((r) => r.cells[0]?.text === '一级指标');
    expect(c.headerRows).toEqual([top, top + 1]);
    expect(c.columns).toEqual(offered.columns);
    // and the draft made of them still says the roles of paths this reading has not (its header read one row deep)
    const draft = draftTemplate(grid, c) as FormTemplate;
    expect(draft.columns).toEqual(expect.arrayContaining([{ path: ['预期成效', '全年'], role: 'target' }, { path: ['预期成效', '上半年'], role: 'laterTarget' }]));
  });
});
