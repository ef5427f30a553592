/**
 * Issue 56, "How sure": the doubts OCR adds to a table's reading (src/server/importers/ocr/ocr-doubts.ts), on tables
 * made as the OCR reader gives them (rows whose cell sources carry OCR marks: confidence and page box), without
 * running tesseract: for each OCR doubt code a table that raises it and one that does not; a table from a text
 * layer gets none; the marks go from the page's runs through the PDF assembly to every value's source.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Cell, RowBlock } from '../../src/server/importers/blocks';
import { parseDocument } from '../../src/server/importers/document-parser';
import { addOcrDoubts, confusable } from '../../src/server/importers/ocr/ocr-doubts';
import { acceptReading } from '../../src/server/importers/ocr/likely';
import { acceptLikelyReading, type PendingImport } from '../../src/server/modules/imports/preview.service';
import { prepareDocument } from '../../src/server/modules/imports/store.service';
import type { ImportPreview } from '../../src/shared/api/imports';
import { correctDepartmentName, editDistance, nearName } from '../../src/server/importers/ocr/names';
import { noteCorrections } from '../../src/server/importers/ocr/source-mark';
import { correctLine, correctTitle, correctVocabulary } from '../../src/server/importers/ocr/vocabulary';
import { assembleBlocks } from '../../src/server/importers/pdf/assemble';
import type { PageContent, TextRun } from '../../src/server/importers/pdf/layout';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { DOUBT_DESCRIPTIONS, OCR_DOUBT_CODES, type DoubtCode } from '../../src/shared/domain/reading';

const TITLE = '1.基层干部教育培训项目绩效目标表';
const TABLE = [
  ['项目名称', '基层干部教育培训'],
  ['项目编码', '43052125P000617000008'],
  ['预算数（万元）', '42.00', '财政资金', '42.00', '其他资金', '0'],
  ['年度绩效目标', '全年培训基层干部1200人次，培训合格率达到95%以上。'],
  ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
  ['产出指标', '数量指标', '培训人次', '≥1200人次', '计划标准'],
  ['', '质量指标', '培训合格率', '≥95%', '历史标准'],
  ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '问卷调查'],
];

/** The table as an OCR reading gives it: every cell line marked, at `confidence` unless `low` names it (row, col). */
function ocrTable(rows: string[][], opts: { confidence?: number; low?: [number, number, number][]; ocr?: boolean } = {}): Block[] {
  let line = 1;
  const blocks: Block[] = [{ kind: 'paragraph', text: TITLE, source: { line: line++, ref: '第1页' } }];
  rows.forEach((cells, r) => {
    const out: Cell[] = cells.map((text, c) => {
      const low = opts.low?.find(([lr, lc]) => lr === r && lc === c);
      const ref = `第1页 表1 行${r + 1} 列${c + 1}`;
      const mark = { confidence: low?.[2] ?? opts.confidence ?? 95, page: 1, box: [60 + c * 80, 100 + r * 20, 130 + c * 80, 115 + r * 20] as [number, number, number, number], pageWidth: 595.3, pageHeight: 841.9 };
      return { lines: [text], sources: [{ line: line++, ref, ...(opts.ocr === false ? {} : { ocr: mark }) }], col: c, span: 1 };
    });
    blocks.push({ kind: 'row', cells: out, source: { line: out[0]!.sources[0]!.line, ref: `第1页 表1 行${r + 1}` }, table: 0 } satisfies RowBlock);
  });
  return blocks;
}

function read(blocks: Block[]): ParsedDocument {
  const doc = parseDocument({ file: 'scan.pdf', format: 'pdf', encoding: 'pdf', sha256: '0'.repeat(64), read: { blocks, diagnostics: [] }, grids: false });
  addOcrDoubts(doc, blocks);
  return doc;
}

const codes = (doc: ParsedDocument): DoubtCode[] => doc.projects.flatMap((p) => p.reading?.doubts.map((d) => d.code) ?? []);
const withCell = (r: number, c: number, text: string) => TABLE.map((row, i) => (i === r ? row.map((cell, j) => (j === c ? text : cell)) : row));

describe('the doubts of a table read by OCR', () => {
  it('every OCR code has its description and part', () => {
    for (const code of OCR_DOUBT_CODES) {
      expect(DOUBT_DESCRIPTIONS[code].explain.length).toBeGreaterThan(10);
      expect(DOUBT_DESCRIPTIONS[code].part).toBe('table');
    }
  });

  it('a table read by OCR is never certain: ocr-scanned, and nothing else when every cell is sure and every check passes', () => {
    const doc = read(ocrTable(TABLE));
    expect(doc.projects).toHaveLength(1);
    expect(doc.projects[0]!.indicators.map((i) => i.target.raw)).toEqual(['≥1200人次', '≥95%', '≥90%']);
    expect(codes(doc)).toEqual(['ocr-scanned']);
    expect(doc.projects[0]!.reading!.certain).toBe(false);
  });

  it('the same table from a text layer (no OCR marks) gets no OCR doubt', () => {
    const doc = read(ocrTable(TABLE, { ocr: false }));
    expect(doc.projects[0]!.reading).toEqual({ certain: true, doubts: [] });
  });

  it('ocr-low-confidence: a cell under the threshold, at its place; a confidence of 0 says text was left unread', () => {
    const doc = read(ocrTable(TABLE, { low: [[6, 2, 41], [7, 3, 0]] }));
    const doubts = doc.projects[0]!.reading!.doubts.filter((d) => d.code === 'ocr-low-confidence');
    expect(doubts.map((d) => d.where.ref)).toEqual(['第1页 表1 行7 列3', '第1页 表1 行8 列4']);
    expect(doubts[0]!.message).toContain('“培训合格率”识别置信度 41');
    expect(doubts[1]!.message).toContain('有文字未能识别');
    expect(doubts[0]!.where.ocr).toMatchObject({ confidence: 41, page: 1 });
  });

  it('ocr-confusable: O for 0, l for 1, 方 for 万, an operator read as < > = 三; never a code, a year or 平方米', () => {
    for (const text of ['1O0%', 'l00人次', '42.00方元', '<10万元', '=1次', '三85%']) expect(confusable(text), text).toBe(true);
    for (const text of ['100%', '2025年12月底前', '43052125P000617000008', '500平方米', '≥1200人次', '培训人次', '计划标准']) expect(confusable(text), text).toBe(false);
    const doc = read(ocrTable(withCell(5, 3, '≥12O0人次')));
    expect(doc.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-confusable')!.where.ref).toBe('第1页 表1 行6 列4');
  });

  it('ocr-check-failed: parts not adding up, a rate over 100%, a spending plan going back', () => {
    const parts = read(ocrTable(withCell(2, 3, '40.00')));
    expect(parts.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-check-failed')!.message).toContain('财政资金与其他资金之和不等于预算数');
    const rate = read(ocrTable(withCell(6, 3, '≥195%')));
    expect(rate.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-check-failed')!.message).toContain('指标值 ≥195% 超过 100%');
    // the goal names 培训合格率 with 95%: the likely reading
    expect(rate.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-check-failed')!.likely).toEqual(['≥95%']);
    const plan = read(ocrTable([...TABLE.slice(0, 3), ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'], ['', '25%', '59%', '50%', '100%'], ...TABLE.slice(3)]));
    expect(plan.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-check-failed')!.message).toContain('资金支出计划 50% 小于前一期');
    // a count over 100 is no rate
    expect(codes(read(ocrTable(withCell(5, 3, '≥1200%'))))).not.toContain('ocr-check-failed');
  });

  it('ocr-target-shape (issue 69): ≥95% read as 295%, ≥1200人次 as 三1200人次, at the value with its likely reading; never on a text layer', () => {
    const rate = read(ocrTable(withCell(7, 3, '295%')));
    const shape = rate.projects[0]!.reading!.doubts.filter((d) => d.code === 'ocr-target-shape');
    expect(shape).toHaveLength(1);
    expect(shape[0]!.likely).toEqual(['≥95%']);
    expect(shape[0]!.where.ref).toBe('第1页 表1 行8 列4');
    expect(shape[0]!.where.ocr).toMatchObject({ page: 1 });
    expect(shape[0]!.message).toContain('“295%”不像指标值');
    // one doubt for the cell: not the rate check's as well
    expect(codes(rate)).not.toContain('ocr-check-failed');
    const count = read(ocrTable(withCell(5, 3, '三1200人次')));
    expect(count.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-target-shape')!.likely).toEqual(['≥1200人次', '≤1200人次']);
    // ≥ read as 2 before a count, among signed targets (280M among ≥85%)
    const signed = read(ocrTable(withCell(5, 3, '21200人次')));
    expect(signed.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-target-shape')!.likely).toEqual(['≥1200人次']);
    expect(codes(read(ocrTable(withCell(7, 3, '295%'), { ocr: false })))).toEqual([]);
    expect(codes(read(ocrTable(TABLE)))).not.toContain('ocr-target-shape');
  });

  it('ocr-target-shape (issue 69): ≥80M read as 280M among signed targets, a rate ≥100% read as 2100%, ≤10万元 read as <10万元 — each at its cell with its likely reading', () => {
    const at = (doc: ParsedDocument) => doc.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-target-shape');
    // a unit after the number (M: megabytes of bandwidth): ≥ read as 2, in a table whose other targets are signed
    const mega = read(ocrTable(withCell(5, 3, '280M')));
    expect(at(mega)!.likely).toEqual(['≥80M']);
    expect(at(mega)!.where.ref).toBe('第1页 表1 行6 列4');
    // ≥100% read as 2100%: a rate over 100, the doubt at its cell (not the rate check's as well)
    const full = read(ocrTable(withCell(6, 3, '2100%')));
    expect(at(full)!.likely).toEqual(['≥100%']);
    expect(at(full)!.where.ref).toBe('第1页 表1 行7 列4');
    expect(codes(full)).not.toContain('ocr-check-failed');
    // ≤ read as <: a cost's ceiling among signed targets
    const cost = read(ocrTable([...TABLE, ['', '成本指标', '培训成本', '<10万元', '预算标准']]));
    expect(at(cost)!.likely).toEqual(['≤10万元']);
    expect(at(cost)!.where.ref).toBe('第1页 表1 行9 列4');
    // the same readings as written in a table of unsigned targets, or from a text layer: no doubt
    expect(codes(read(ocrTable(withCell(5, 3, '280M'), { ocr: false })))).toEqual([]);
  });

  it('ocr-check-failed (issue 69): a target differing from the same indicator in the table\'s goals, with the goal\'s value as its likely reading', () => {
    // the goal says 培训合格率达到95%以上; the cell was read 65% (a 9 read as 6, with high confidence)
    const doc = read(ocrTable(withCell(6, 3, '≥65%')));
    const other = doc.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-check-failed')!;
    expect(other.where.ref).toBe('第1页 表1 行7 列4');
    expect(other.message).toContain('与本表绩效目标中的 95% 不一致');
    expect(other.likely).toEqual(['≥95%']);
    // the same value as the goal's, an indicator the goals do not name, a text layer: none
    expect(codes(read(ocrTable(TABLE)))).toEqual(['ocr-scanned']);
    expect(codes(read(ocrTable(withCell(7, 3, '≥80%'))))).toEqual(['ocr-scanned']);
    expect(codes(read(ocrTable(withCell(6, 3, '≥65%'), { ocr: false })))).toEqual([]);
    // accepted in the preview as any likely reading
    const table = doc.projects[0]!;
    expect(acceptReading(doc, table, other, other.likely![0]!)).toBe(true);
    expect(table.indicators[1]!.target).toMatchObject({ raw: '≥95%', value: 95 });
  });

  it('ocr-confusable (issue 69): （社工） read as (tt) is doubted at its cell; a quotation mark among Chinese (“ and " read for one another), a value of two numbers apart (200 7t) too', () => {
    const tt = read(ocrTable(withCell(7, 2, '服务对象(tt)满意度')));
    const doubt = tt.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-confusable')!;
    expect(doubt.where.ref).toBe('第1页 表1 行8 列3');
    expect(doubt.message).toContain('“服务对象(tt)满意度”含易混淆字符');
    // a line of Latin letters alone in a cell of Chinese (金用途 read as SAE under 预算规模及资; here 目标 under 年度绩效)
    const blocks = ocrTable(TABLE);
    const cell = (blocks[4] as RowBlock).cells[0]!;
    (blocks[4] as RowBlock).cells[0] = { ...cell, lines: ['年度绩效', 'SAE'], sources: [cell.sources[0]!, { ...cell.sources[0]!, line: 99 }] };
    const latin = read(blocks).projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-confusable')!;
    expect([latin.where.ref, latin.where.line]).toEqual(['第1页 表1 行4 列1', 99]);
    for (const text of ['新增违建“零增长"', '做到"及时制止"']) expect(confusable(text), text).toBe(true);
    for (const text of ['"', '培训人次']) expect(confusable(text), text).toBe(false);
    // a value of two numbers apart (200元 read as 200 7t); a date or a range is no such value
    expect(confusable('200 7t')).toBe(true);
    for (const text of ['2025年 12月', '200元', '1-3月']) expect(confusable(text), text).toBe(false);
  });

  it('ocr-confusable (issue 69): Latin letters among Chinese (工程 as Ae程, （社工） as (tt)); never a code or a unit after a number', () => {
    for (const text of ['Ae程建设', '服务对象(tt)满意度', '社区tt服务']) expect(confusable(text), text).toBe(true);
    for (const text of ['13020225P00912310002A', '≥80M', '道路硬化≥2km', 'tt', '培训人次']) expect(confusable(text), text).toBe(false);
  });

  it('the vocabulary (issue 69): a level name one character off, 方 for 万 in 万元, brackets of two kinds as （ ）; each correction an ocr-corrected doubt at its cell', () => {
    expect(correctLine('产出措标')).toBe('产出指标');
    expect(correctLine('效益措标')).toBe('效益指标');
    expect(correctLine('42.00方元')).toBe('42.00万元');
    // a speck read beside a level name (a photocopy's): the name
    expect(correctLine('效益指标0')).toBe('效益指标');
    expect(correctLine('·产出指标')).toBe('产出指标');
    for (const text of ['指标1', '2025年', '培训人次2']) expect(correctLine(text), text).toBeNull();
    expect(correctLine('〈社区建设管理办公室)')).toBe('（社区建设管理办公室）');
    // one character from two words (数量指标, 质量指标), a word as written, a title's 《》, a matched pair: as read
    for (const text of ['效量指标', '产出指标', '《预算法》', '(社工)', '培训人次', '500平方米']) expect(correctLine(text), text).toBeNull();
    const blocks = ocrTable(withCell(5, 0, '产出措标'));
    correctVocabulary(blocks);
    const doc = read(blocks);
    expect(doc.projects[0]!.indicators[0]!.level1).toBe('产出指标');
    const corrected = doc.projects[0]!.reading!.doubts.filter((d) => d.code === 'ocr-corrected');
    expect(corrected).toHaveLength(1);
    expect(corrected[0]!.where.ref).toBe('第1页 表1 行6 列1');
    expect(corrected[0]!.message).toContain('“产出指标”由识别结果“产出措标”更正');
    // a title line whose form name was read one character off (绩效目标表 as 绩效目标值: the table would have no title), in
    // the text outside the tables only; a sentence, a line near two endings or none, a cell: as read
    expect(correctTitle('5.招商引资专项业务费绩效目标值')).toBe('5.招商引资专项业务费绩效目标表');
    expect(correctTitle('绩效目标值(2020年度)')).toBe('绩效目标表(2020年度)');
    expect(correctTitle('项目支出绩效目标申报衣')).toBe('项目支出绩效目标申报表');
    for (const text of ['绩效目标表', '绩效指标值', '完成绩效目标值，', '培训人次']) expect(correctTitle(text), text).toBeNull();
    const titled = ocrTable(withCell(4, 3, '绩效目标值'));
    const mark = { confidence: 92, page: 1, box: [60, 40, 300, 55] as [number, number, number, number], pageWidth: 595.3, pageHeight: 841.9 };
    titled[0] = { kind: 'paragraph', text: '1.基层干部教育培训项目绩效目标值', source: { line: 1, ref: '第1页', ocr: mark } };
    correctVocabulary(titled);
    expect(titled[0]).toMatchObject({ text: '1.基层干部教育培训项目绩效目标表' });
    expect(read(titled).projects[0]!.title).toBe('基层干部教育培训项目绩效目标表');
    expect((titled[5] as RowBlock).cells[3]!.lines).toEqual(['绩效目标值']);
    // a text layer's lines are never corrected
    const text = ocrTable(withCell(5, 0, '产出措标'), { ocr: false });
    correctVocabulary(text);
    expect(codes(read(text))).toEqual([]);
  });

  it("the text outside the tables read by OCR (issue 69): its unsure lines doubted in the document's textReading, a table's lines in the table's", () => {
    const blocks = ocrTable(TABLE);
    const mark = { confidence: 31, page: 1, box: [60, 40, 300, 55] as [number, number, number, number], pageWidth: 595.3, pageHeight: 841.9 };
    blocks.unshift({ kind: 'paragraph', text: '一、部门职责概况', source: { line: 0, ref: '第1页', ocr: mark } });
    const doc = read(blocks);
    expect(doc.textReading!.doubts.map((d) => d.code)).toEqual(['ocr-low-confidence']);
    expect(doc.textReading!.doubts[0]!.message).toContain('一、部门职责概况');
    expect(codes(doc)).toEqual(['ocr-scanned']);
    expect(read(ocrTable(TABLE)).textReading).toBeUndefined();
    expect(read(ocrTable(TABLE, { ocr: false })).textReading).toBeUndefined();
  });

  it('the marks go from the runs of a page through the assembly to the values read: confidence and page box', () => {
    // a ruled two-row table of label and value, its runs with confidences
    const rules = [
      { x0: 50, y0: 100, x1: 400, y1: 100 },
      { x0: 50, y0: 130, x1: 400, y1: 130 },
      { x0: 50, y0: 160, x1: 400, y1: 160 },
      { x0: 50, y0: 100, x1: 50, y1: 160 },
      { x0: 150, y0: 100, x1: 150, y1: 160 },
      { x0: 400, y0: 100, x1: 400, y1: 160 },
    ];
    const run = (text: string, x0: number, top: number, conf: number): TextRun => ({ text, x0, x1: x0 + text.length * 10.5, top, bottom: top + 12, baseline: top + 12, size: 10.5, rotated: false, conf });
    const page: PageContent = { number: 1, width: 595.3, height: 841.9, rules, runs: [run('项目名称', 60, 108, 96), run('基层干部', 160, 108, 88), run('教育培训', 202, 108, 52), run('项目编码', 60, 138, 97), run('43052125P000617000008', 160, 138, 91)] };
    const { blocks } = assembleBlocks([page]);
    const rows = blocks.filter((b): b is RowBlock => b.kind === 'row');
    expect(rows[0]!.cells[1]!.lines).toEqual(['基层干部教育培训']);
    expect(rows[0]!.cells[1]!.sources[0]!.ocr).toEqual({ confidence: 52, page: 1, box: [160, 108, 244, 120], pageWidth: 595.3, pageHeight: 841.9 });
    expect(rows[1]!.cells[0]!.sources[0]!.ocr!.confidence).toBe(97);
  });

  it("a sign the reader told by its strokes (issue 69) goes with the line's mark to the value's source, and is doubted at its cell", () => {
    const run = (text: string, x0: number, top: number): TextRun => ({ text, x0, x1: x0 + text.length * 10.5, top, bottom: top + 12, baseline: top + 12, size: 10.5, rotated: false, conf: 93 });
    const page: PageContent = { number: 1, width: 595.3, height: 841.9, rules: [], runs: [run('学员满意度', 60, 108), run('≥85%', 160, 108), run('培训人次', 60, 138), run('1200人次', 160, 138)] };
    noteCorrections(page, [{ read: '285%', as: '≥85%', by: 'sign', x0: 160, top: 108, x1: 200, bottom: 120 }]);
    const { blocks } = assembleBlocks([page]);
    const sources = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.source] : b.cells.flatMap((c) => c.sources)));
    const marked = sources.filter((src) => src.ocr?.corrections !== undefined);
    expect(marked).toHaveLength(1);
    expect(marked[0]!.ocr!.corrections).toEqual([{ read: '285%', as: '≥85%', by: 'sign' }]);
    const out = read(ocrTable(TABLE).map((b) => (b.kind === 'row' && b.cells[3]?.lines[0] === '≥90%' ? { ...b, cells: b.cells.map((c, i) => (i === 3 ? { ...c, sources: [{ ...c.sources[0]!, ocr: { ...c.sources[0]!.ocr!, corrections: [{ read: '290%', as: '≥90%', by: 'sign' as const }] } }] } : c)) } : b)));
    const doubt = out.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-corrected')!;
    expect(doubt.where.ref).toBe('第1页 表1 行8 列4');
    expect(doubt.message).toContain('“≥90%”由识别结果“290%”更正（按字形读作比较符号）');
  });

  it('a likely reading accepted (issue 69): the target read anew at its cell, the doubt answered, the table still a scan, a note at the cell', () => {
    const doc = read(ocrTable(withCell(7, 3, '295%')));
    const table = doc.projects[0]!;
    const shape = table.reading!.doubts.find((d) => d.code === 'ocr-target-shape')!;
    expect(acceptReading(doc, table, shape, shape.likely![0]!)).toBe(true);
    expect(table.indicators[2]!.target).toMatchObject({ raw: '≥95%', operator: '≥', value: 95, unit: '%' });
    expect(table.reading!.doubts.map((d) => d.code)).toEqual(['ocr-scanned']);
    expect(table.reading!.certain).toBe(false);
    const note = doc.diagnostics.find((d) => d.code === 'ocr.accepted')!;
    expect(note.message).toContain('由识别结果“295%”改为“≥95%”');
    expect(note.source).toEqual({ line: shape.where.line, ref: shape.where.ref });
    // a doubt standing at no target changes nothing
    const scanned = table.reading!.doubts[0]!;
    expect(acceptReading(doc, table, scanned, '≥1%')).toBe(false);
    expect(table.indicators.map((i) => i.target.raw)).toEqual(['≥1200人次', '≥95%', '≥95%']);
  });

  it("the preview's likely reading accepted (POST /api/imports/likely's service): that file's preview read anew, a wrong place refused by name", () => {
    const doc = read(ocrTable(withCell(7, 3, '295%')));
    const preview = { projects: [{ table: 0 }], departmentTargets: null, file: 'scan.pdf' } as unknown as ImportPreview;
    const pending: PendingImport[] = [{ file: 'scan.pdf', source: { file: 'scan.pdf', bytes: 0 } as unknown as PendingImport['source'], doc, prepared: prepareDocument(doc), preview, weight: 1 }];
    const at = { file: 0, project: 0, doubt: doc.projects[0]!.reading!.doubts.findIndex((d) => d.code === 'ocr-target-shape'), choice: 0 };
    expect(() => acceptLikelyReading(pending, { ...at, file: 1 })).toThrow(/没有第 2 个文件/);
    expect(() => acceptLikelyReading(pending, { ...at, doubt: 99 })).toThrow(/没有这一处存疑/);
    expect(() => acceptLikelyReading(pending, { ...at, choice: 1 })).toThrow(/没有所选的读法/);
    const [after] = acceptLikelyReading(pending, at);
    expect(after!.preview.projects[0]!.indicators.map((i) => i.target)).toEqual(['≥1200人次', '≥95%', '≥95%']);
    expect(after!.preview.projects[0]!.reading.doubts.map((d) => d.code)).toEqual(['ocr-scanned']);
    expect(after!.preview.projects[0]!.table).toBe(0);
    expect(after!.preview.diagnostics.map((d) => d.code)).toContain('ocr.accepted');
    expect(after!.prepared!.contentSha256).not.toBe(pending[0]!.prepared!.contentSha256);
  });

  it("the department's name read with a character wrong (issue 69: （ as 〈) is put right by the name the system knows, doubted where it was read", () => {
    expect(editDistance('〈唐山市路南区社区建设管理办公室）', '（唐山市路南区社区建设管理办公室）', 3)).toBe(1);
    expect(nearName('唐山市路南区社区建设管理办公室', '唐山市路南区社区建设管理办公室')).toBe(false);
    expect(nearName('唐山市路南区社区建设管理办', '唐山市路南区社区建设管理办公室')).toBe(false);
    // a short name is one character from another's: never taken for it
    expect(nearName('第二中学', '第一中学')).toBe(false);
    const doc = read(ocrTable(TABLE));
    const source = { line: 1, ref: '第1页', ocr: { confidence: 90, page: 1, box: [60, 40, 300, 55] as [number, number, number, number], pageWidth: 595.3, pageHeight: 841.9 } };
    const known = '唐山市路南区社区建设管理办公室';
    doc.department = { code: null, name: '唐山市路南区社区建设管理办公窒', source };
    doc.projects[0]!.department = { code: null, name: '唐山市路南区社区建设管理办公窒' };
    // a text layer's name is as written
    expect(correctDepartmentName(doc, known)).toBe(false);
    doc.diagnostics.push({ severity: 'info', code: 'ocr.page', message: '', source: { line: 1, ref: '第1页' } });
    expect(correctDepartmentName(doc, known)).toBe(true);
    expect([doc.department.name, doc.projects[0]!.department!.name]).toEqual([known, known]);
    expect(doc.textReading!.doubts.map((d) => [d.code, d.where.ref])).toEqual([['ocr-corrected', '第1页']]);
    expect(doc.projects[0]!.reading!.doubts.find((d) => d.code === 'ocr-corrected')!.message).toContain(`单位名称“${known}”由识别结果“唐山市路南区社区建设管理办公窒”更正`);
    // another department's name is no misreading of this one
    doc.department = { code: null, name: '唐山市路南区财政局', source };
    expect(correctDepartmentName(doc, known)).toBe(false);
  });
});
