/**
 * Each variation of ../shared/fixtures/README.md that other departments' documents show, in a
 * small document made for it; and the bad inputs that must be refused with one clear line.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { DocumentReadError } from '../../src/server/importers/errors';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { splitTextBlocks } from '../../src/server/importers/txt/read-text';
import { DEFAULT_INDICATORS, textDocument, textTable } from '../support/text-document';

const parse = (text: string, file = 'test.txt') => parseDocumentBytes(Buffer.from(text, 'utf8'), file);
const only = async (text: string) => {
  const doc = await parse(text);
  expect(doc.projects).toHaveLength(1);
  return { doc, project: doc.projects[0]! };
};
const codes = (doc: ParsedDocument) => doc.diagnostics.map((d) => d.code);

describe('text format variations', () => {
  it('reads a plain table', async () => {
    const { doc, project } = await only(textDocument([textTable()]));
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(project).toMatchObject({ code: '13020225P000000000001', name: '测试项目', year: 2025, purpose: '用于测试。' });
    expect(project.budget).toEqual({ total: 100_000_00, fiscal: 100_000_00, other: null });
    expect(project.goals).toEqual(['完成测试任务', '提升服务水平']);
    expect(project.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '活动次数'],
      ['产出指标', '成本指标', '活动成本'],
      ['效益指标', '社会效益指标', '服务水平'],
      ['满意度指标', '服务对象满意度指标', '群众满意度'],
    ]);
    expect(project.indicators[1]).toMatchObject({ level1Inherited: true, level1Raw: '产出指标' });
  });

  it('amounts written with their unit inside the cell', async () => {
    const { project } = await only(
      textDocument([textTable({ budget: ['预算规模及资金用途', '预算数', '90万元', '其中：财政资金', '900000元', '其他资金', '0'] })]),
    );
    expect(project.budget).toEqual({ total: 90_000_000, fiscal: 90_000_000, other: 0 });
  });

  it('a table in 元 and amounts with many decimals stay exact', async () => {
    const { project } = await only(
      textDocument([
        textTable({ header: ['100001测试单位', '单位：元'], budget: ['预算规模及资金用途', '预算数', '1,234,567.89', '其中：财政资金', '1234567.89', '其他资金', ''] }),
      ]),
    );
    expect(project.amountUnit).toBe('元');
    expect(project.budget.total).toBe(123_456_789);
    const wan = await only(textDocument([textTable({ budget: ['预算规模及资金用途', '预算数', '20.982', '其中：财政资金', '20.982', '其他资金', ''] })]));
    expect(wan.project.budget.total).toBe(20_982_000); // 209,820 yuan
  });

  it('an unreadable amount is an error with its line', async () => {
    const doc = await parse(textDocument([textTable({ budget: ['预算规模及资金用途', '预算数', '十万', '其中：财政资金', '10', '其他资金', ''] })]));
    const e = doc.diagnostics.find((d) => d.code === 'invalid-amount')!;
    expect(e.severity).toBe('error');
    expect(e.source.line).toBeGreaterThan(0);
    expect(doc.projects[0]!.budget.total).toBeNull();
  });

  it('a blank project code', async () => {
    const { doc, project } = await only(textDocument([textTable({ codeName: ['项目编码', ' ', '项目名称', '测试项目'] })]));
    expect(project.code).toBeNull();
    expect(codes(doc)).toContain('blank-project-code');
  });

  it('goals split over 目标1/目标2 rows', async () => {
    const { project } = await only(
      textDocument([
        textTable({
          goals: [
            ['绩效目标', '目标1', '完成测试任务'],
            ['', '目标2', '提升服务水平'],
          ],
        }),
      ]),
    );
    expect(project.goals).toEqual(['完成测试任务', '提升服务水平']);
  });

  it('goals written 目标1：… inside one cell', async () => {
    const { project } = await only(textDocument([textTable({ goals: [['绩效目标', ['目标1：完成测试任务', '目标2：提升服务水平']]] })]));
    expect(project.goals).toEqual(['完成测试任务', '提升服务水平']);
  });

  it('an empty spacer row under the indicator header', async () => {
    const { doc, project } = await only(
      textDocument([textTable({ indicators: [['', '', '', '', '', ''], ...DEFAULT_INDICATORS] })]),
    );
    expect(project.indicators).toHaveLength(4);
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('header cells that wrap over two lines', async () => {
    const { project } = await only(
      textDocument([textTable({ indicatorHeader: [['一级', '指标'], ['二级', '指标'], ['三级', '指标'], ['绩效指标', '描述'], '指标值', ['指标值确定', '依据']] })]),
    );
    expect(project.indicators).toHaveLength(4);
    expect(project.indicators[0]).toMatchObject({ level1: '产出指标', description: '开展活动次数', basis: '计划标准' });
  });

  it('a level-2 cell left empty under a merged cell inherits it', async () => {
    const { project } = await only(
      textDocument([
        textTable({
          indicators: [
            ['产出指标', '数量指标', '活动次数', '开展活动次数', '≥2次', '计划标准'],
            ['', '', '培训人数', '培训人数', '≥50人', '计划标准'],
            ['满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度', '≥90%', '问卷调查'],
          ],
        }),
      ]),
    );
    expect(project.indicators[1]).toMatchObject({ level1: '产出指标', level2: '数量指标', level1Inherited: true, level2Inherited: true });
  });

  it('a level-1 cell left empty where the original merged it across two categories', async () => {
    const { doc, project } = await only(
      textDocument([
        textTable({
          indicators: [
            ['产出指标', '数量指标', '活动次数', '开展活动次数', '≥2次', '计划标准'],
            ['', '社会效益指标', '服务水平', '提升服务水平', '显著提高', '工作实际'],
          ],
        }),
      ]),
    );
    expect(project.indicators[1]).toMatchObject({ level1: '效益指标', level1Raw: '产出指标', level1Inherited: true });
    expect(codes(doc)).toContain('level1-inferred');
  });

  it('a level-2 category under the wrong level 1 is kept and reported', async () => {
    const { doc, project } = await only(
      textDocument([textTable({ indicators: [['产出指标', '社会效益指标', '服务水平', '提升服务水平', '显著提高', '工作实际']] })]),
    );
    expect(project.indicators[0]).toMatchObject({ level1: '产出指标', level2: '社会效益指标' });
    expect(codes(doc)).toContain('level2-wrong-parent');
  });

  it('category names spelled differently are normalised, raw text kept', async () => {
    const { doc, project } = await only(
      textDocument([
        textTable({
          indicators: [
            ['产出指标', '实效指标', '完成时间', '完成时间', '2025年12月底前', '计划标准'],
            ['效果指标', '可持续性影响', '长效机制', '长效机制', '健全', '工作实际'],
            ['满意度', '服务对象满意度', '群众满意度', '群众满意度', '≥90%', '问卷调查'],
          ],
        }),
      ]),
    );
    expect(project.indicators.map((i) => [i.level1, i.level2, i.level1Raw, i.level2Raw])).toEqual([
      ['产出指标', '时效指标', '产出指标', '实效指标'],
      ['效益指标', '可持续影响指标', '效果指标', '可持续性影响'],
      ['满意度指标', '服务对象满意度指标', '满意度', '服务对象满意度'],
    ]);
    expect(doc.diagnostics.filter((d) => d.code === 'category-synonym').length).toBeGreaterThanOrEqual(4);
    expect(project.indicators[0]!.target).toMatchObject({ kind: 'deadline' });
  });

  it('an unknown category is reported, not dropped', async () => {
    const { doc, project } = await only(
      textDocument([textTable({ indicators: [['产出指标', '神秘指标', '某事', '某事', '≥1个', '计划标准']] })]),
    );
    expect(project.indicators[0]).toMatchObject({ level2: null, level2Raw: '神秘指标' });
    expect(doc.diagnostics.find((d) => d.code === 'unknown-category')?.message).toContain('神秘指标');
  });

  it('Chinese or Arabic numbering in headings, and part markers missing', async () => {
    const part1 = [
      '部门整体绩效目标',
      '（一）总体绩效目标',
      '完成各项任务。',
      '（二）分项绩效目标',
      '一是完成任务一。',
      '二是完成任务二。',
      '（三）工作保障措施',
      '(1）加强组织领导',
      '统筹协调。',
    ].join('\n');
    const doc = await parse(textDocument([textTable()], part1).replace('第二部分\n', ''));
    expect(doc.departmentGoals.overall).toBe('完成各项任务。');
    expect(doc.departmentGoals.subGoals.map((s) => [s.numbering, s.title])).toEqual([
      ['一是', '完成任务一'],
      ['二是', '完成任务二'],
    ]);
    expect(doc.departmentGoals.measures).toEqual([expect.objectContaining({ numbering: '(1）', title: '加强组织领导', text: '统筹协调。' })]);
    expect(doc.projects).toHaveLength(1);
  });

  it('a line of a year alone inside part 1 is that section\'s text; the table keeps the year of its caption', async () => {
    const part1 = [' 第一部分', '部门整体绩效目标', '一、总体绩效目标', '完成各项任务。', '二、分项绩效目标', '1.完成任务一。', '三、工作保障措施', '2024年：', '1.加强组织领导。'].join('\n');
    const doc = await parse(textDocument([textTable()], part1));
    expect(doc.departmentGoals.measures.map((m) => [m.numbering, m.title])).toEqual([
      [null, '2024年'],
      ['1.', '加强组织领导'],
    ]);
    expect(doc.year).toBe(2025);
    expect(doc.projects).toHaveLength(1);
  });

  it('a third part for shared running costs', async () => {
    const text = `${textDocument([textTable()])}第三部分\n预算公用绩效目标\n \n${textTable({ title: '1.公用经费绩效目标表', codeName: ['项目编码', '', '项目名称', '公用经费'] })}`;
    const doc = await parse(text);
    expect(doc.projects.map((p) => [p.part, p.sequence, p.name])).toEqual([
      ['project', 1, '测试项目'],
      ['public', 1, '公用经费'],
    ]);
  });

  it('blank lines inside a row', async () => {
    const table = textTable().replace('\t1.完成测试任务\n2.提升服务水平', '\t1.完成测试任务\n\n2.提升服务水平');
    const split = textTable().replace('\t产出指标\n\t数量指标\n', '\t产出指标\n\t数量指标\n\n');
    const a = await only(textDocument([table]));
    expect(a.project.goals).toEqual(['完成测试任务', '提升服务水平']);
    const b = await only(textDocument([split]));
    expect(b.project.indicators[0]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '活动次数', target: { raw: '≥2次' } });
    expect(b.project.indicators).toHaveLength(4);
  });

  it('several bookmarks on a title line', async () => {
    const { project } = await only(textDocument([textTable({ title: '[bookmark: _GoBack][bookmark: _Toc21721]15.测试项目绩效目标表' })]));
    expect(project.title).toBe('测试项目绩效目标表');
  });

  it('a title line right after the last row of the previous table', async () => {
    const two = textTable().trimEnd() + '\n' + textTable({ title: ' [bookmark: _Toc_2]2.第二个项目绩效目标表', codeName: ['项目编码', '13020225P000000000002', '项目名称', '第二个项目'] });
    const doc = await parse(textDocument([two]));
    expect(doc.projects.map((p) => p.name)).toEqual(['测试项目', '第二个项目']);
    expect(doc.projects[0]!.indicators).toHaveLength(4);
  });

  it('a spending plan given in 万元 is converted to percent, and blank cells stay blank', async () => {
    const { project } = await only(
      textDocument([textTable({ planHeader: ['资金支出计划（万元）', '3月底', '6月底', '10月底', '12月底'], plan: ['', '2.50', '', '7.50', '10.00'] })]),
    );
    expect(project.spendingPlan.map((c) => [c.percent, c.amount, c.given])).toEqual([
      [25, 2_500_000, 'amount'],
      [null, null, null],
      [75, 7_500_000, 'amount'],
      [100, 10_000_000, 'amount'],
    ]);
  });

  it('a spending plan header without its values row is reported', async () => {
    const text = textDocument([textTable()]).replace('\t\n\t25%\n\t50%\n\t75%\n\t100%\n\n', '');
    const doc = await parse(text);
    expect(doc.projects[0]!.spendingPlan.every((c) => c.given === null)).toBe(true);
    expect(doc.diagnostics.find((d) => d.code === 'missing-spending-plan')?.message).toContain('没有数值行');
  });

  it('a row with a label the layouts do not know is kept as a form field and reported with its line', async () => {
    const text = textDocument([textTable()]).replace('\t资金支出计划', '\t备注\n\t随便写点什么\n\n\t资金支出计划');
    const doc = await parse(text);
    expect(doc.projects[0]!.fields.map((f) => [f.key, f.label, f.value])).toEqual([[null, '备注', '随便写点什么']]);
    const d = doc.diagnostics.find((x) => x.code === 'unknown-field')!;
    expect(d.message).toContain('备注');
    expect(text.split('\n')[d.source.line - 1]).toBe('\t随便写点什么');
  });

  it('a row that is neither a label nor a value of the row above is reported with its line', async () => {
    const text = textDocument([textTable()]).replace('\t资金支出计划', '\t随便写点什么\n\n\t资金支出计划');
    const doc = await parse(text);
    const d = doc.diagnostics.find((x) => x.code === 'unrecognized-row')!;
    expect(d.message).toContain('随便写点什么');
    expect(text.split('\n')[d.source.line - 1]).toBe('\t随便写点什么');
  });

  it('CRLF line ends, a UTF-8 BOM, UTF-16 and GB18030 all read the same', async () => {
    const text = textDocument([textTable()]);
    const base = await parse(text);
    const crlf = await parseDocumentBytes(Buffer.from(text.replace(/\n/g, '\r\n')), 'crlf.txt');
    const bom = await parseDocumentBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'bom.txt');
    const utf16 = await parseDocumentBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'u16.txt');
    const gb = await parseDocumentBytes(encodeGb18030(text), 'gb.txt');
    expect(gb.encoding).toBe('gb18030');
    expect(utf16.encoding).toBe('utf-16le');
    for (const d of [crlf, bom, utf16, gb]) expect(d.projects).toEqual(base.projects);
  });
});

describe('bad input is refused with one clear line', () => {
  const refuse = async (bytes: Buffer, file: string, pattern: RegExp) => {
    const error = await parseDocumentBytes(bytes, file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentReadError);
    const line = (error as DocumentReadError).toOneLine();
    expect(line).toMatch(pattern);
    expect(line).not.toContain('\n');
    expect(line.startsWith(file)).toBe(true);
  };

  it('an empty file', () => refuse(Buffer.alloc(0), 'empty.txt', /文件为空/));
  it('a binary file', () => refuse(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0a]), 'a.out', /a\.out:1: 不是文本文件/));
  it('text that is not a target document', () => refuse(Buffer.from('hello\nworld\n'), 'notes.txt', /不是预算绩效目标文档/));
  it('an old .doc file', () => refuse(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.doc', /\.doc/));
  it('bytes that are neither UTF-8 nor GB18030', () => refuse(Buffer.from([0x41, 0x0a, 0x42, 0x0a, 0xff, 0xff, 0xff]), 'bad.txt', /bad\.txt:3: 无法识别的文本编码/));

  it('a document truncated inside a table: an error diagnostic at the end', async () => {
    const text = textDocument([textTable()]);
    const cut = text.slice(0, text.indexOf('\t一级指标'));
    const doc = await parse(cut);
    const e = doc.diagnostics.find((d) => d.code === 'missing-indicators')!;
    expect(e.severity).toBe('error');
    expect(e.source.line).toBeGreaterThan(10);
  });
});

describe('splitTextBlocks', () => {
  it('keeps a row that continues after one blank line, and ends it after two', () => {
    const { blocks } = splitTextBlocks('\ta\nb\n\nc\n\n\nd');
    expect(blocks).toEqual([
      {
        kind: 'row',
        source: { line: 1 },
        cells: [{ lines: ['a', 'b', '', 'c'], sources: [{ line: 1 }, { line: 2 }, { line: 3 }, { line: 4 }] }],
      },
      { kind: 'paragraph', text: 'd', source: { line: 7 } },
    ]);
  });
});

/** GB18030 bytes of a string, via the decoder (Node has no GB18030 encoder): one character at a time. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  // every character in the test text is ASCII or in GB2312's two-byte range
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const b = Buffer.from([hi, lo]);
      const c = decoder.decode(b);
      if (c.length === 1 && !table.has(c)) table.set(c, b);
    }
  }
  return Buffer.concat(
    [...text].map((c) => {
      if (c.charCodeAt(0) < 0x80) return Buffer.from(c);
      const b = table.get(c);
      if (!b) throw new Error(`no GB18030 code for ${c}`);
      return b;
    }),
  );
}
