/**
 * The Word reader: documents built with buildDocx (the `docx` package, as Word would write them)
 * and hand-written document.xml for the constructs the builder does not make (bare vMerge,
 * gridSpan in the middle of a row, tracked changes, fields, text boxes, …).
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Block, Cell, RowBlock } from '../../src/server/importers/blocks';
import { readDocx } from '../../src/server/importers/docx/read-docx';
import { DocumentReadError } from '../../src/server/importers/errors';
import { buildDocx } from '../support/build-docx';

// ---------------------------------------------------------------------------------------------
// Helpers

const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  wps: 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  m: 'http://schemas.openxmlformats.org/officeDocument/2006/math',
  x: 'urn:example:unknown',
};
const XMLNS = Object.entries(NS)
  .map(([p, uri]) => `xmlns:${p}="${uri}"`)
  .join(' ');

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${XMLNS} mc:Ignorable="x"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`;

function rootRels(target = 'word/document.xml'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
}

/** A minimal .docx: the given parts (document.xml by default from `body`). */
async function zipParts(parts: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, content] of Object.entries(parts)) zip.file(path, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function docxOf(body: string, extra: Record<string, string> = {}): Promise<Uint8Array> {
  return zipParts({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': rootRels(),
    'word/document.xml': documentXml(body),
    ...extra,
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string) => `<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const p = (text: string) => `<w:p>${text === '' ? '' : run(text)}</w:p>`;
const tc = (content: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${content}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;

/** Blocks without locations: a paragraph as its text, a row as its cells' lines (⇡ = merged). */
type Shape = string | { table: number | undefined; cells: string[][] };

function shape(blocks: Block[]): Shape[] {
  return blocks.map((b) =>
    b.kind === 'paragraph'
      ? b.text
      : { table: b.table, cells: b.cells.map((c) => (c.mergedFromAbove ? ['⇡', ...c.lines] : c.lines)) },
  );
}

async function read(bytes: Uint8Array) {
  return readDocx(bytes, 'test.docx');
}

async function readBody(body: string, extra: Record<string, string> = {}) {
  return read(await docxOf(body, extra));
}

const para = (text: string): Block => ({ kind: 'paragraph', text, source: { line: 0 } });
const cell = (...lines: string[]): Cell => ({ lines, sources: lines.map(() => ({ line: 0 })) });
const row = (cells: (string | string[])[], table?: number): RowBlock => ({
  kind: 'row',
  cells: cells.map((c) => (Array.isArray(c) ? cell(...c) : cell(c))),
  source: { line: 0 },
  ...(table === undefined ? {} : { table }),
});

async function documentXmlOf(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
}

async function errorOf(bytes: Uint8Array): Promise<unknown> {
  try {
    await readDocx(bytes, 'bad.docx');
  } catch (e) {
    return e;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Documents built with buildDocx

describe('readDocx on documents built with buildDocx', () => {
  it('reads paragraphs and table rows in document order', async () => {
    const blocks = [
      para('第一部分'),
      para('部门整体绩效目标'),
      row(['763001测试单位', '单位：万元'], 0),
      row(['项目编码', '13020225P000000000001', '项目名称', '测试项目'], 0),
      row(['绩效目标', ['1.完成测试任务', '2.提升服务水平']], 0),
      para(''),
      para('  前后有空格  '),
    ];
    const { blocks: back, diagnostics } = await read(await buildDocx(blocks));
    expect(shape(back)).toEqual([
      '第一部分',
      '部门整体绩效目标',
      { table: 0, cells: [['763001测试单位'], ['单位：万元']] },
      { table: 0, cells: [['项目编码'], ['13020225P000000000001'], ['项目名称'], ['测试项目']] },
      { table: 0, cells: [['绩效目标'], ['1.完成测试任务', '2.提升服务水平']] },
      '',
      '  前后有空格  ',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('gives every paragraph its ordinal, cells included, and cells a 表/行/列 ref', async () => {
    const blocks = [para('标题'), row(['a', ['b1', 'b2']]), row(['c', 'd']), para('结尾')];
    const { blocks: back } = await read(await buildDocx(blocks));
    expect(back[0]!.source).toEqual({ line: 1 });
    const r1 = back[1] as RowBlock;
    expect(r1.source).toEqual({ line: 2, ref: '表1 行1' });
    expect(r1.cells.map((c) => c.sources)).toEqual([
      [{ line: 2, ref: '表1 行1 列1' }],
      [
        { line: 3, ref: '表1 行1 列2' },
        { line: 4, ref: '表1 行1 列2' },
      ],
    ]);
    const r2 = back[2] as RowBlock;
    expect(r2.source).toEqual({ line: 5, ref: '表1 行2' });
    expect(r2.cells.map((c) => c.sources[0])).toEqual([
      { line: 5, ref: '表1 行2 列1' },
      { line: 6, ref: '表1 行2 列2' },
    ]);
    expect(back[3]!.source).toEqual({ line: 7 });
  });

  it('writes "[bookmark: NAME]" prefixes as real bookmarks and reads them back as prefixes', async () => {
    const blocks = [
      para('[bookmark: _GoBack][bookmark: _Toc21721]15.劳动协理员工资绩效目标表'),
      row(['[bookmark: _Toc9]单元格', 'x']),
      para(' [bookmark: _Toc1]前面有空格的不是前缀'),
    ];
    const bytes = await buildDocx(blocks);
    const xml = await documentXmlOf(bytes);
    expect(xml).toMatch(/<w:bookmarkStart w:name="_GoBack" w:id="\d+"\/>/);
    expect(xml).toMatch(/<w:bookmarkStart w:name="_Toc21721" w:id="\d+"\/>/);
    expect(xml).toMatch(/<w:bookmarkStart w:name="_Toc9" w:id="\d+"\/>/);
    expect(xml).not.toContain('[bookmark: _GoBack]');
    expect(xml).toContain('[bookmark: _Toc1]'); // not a prefix: literal text
    const { blocks: back } = await read(bytes);
    expect(shape(back)).toEqual([
      '[bookmark: _GoBack][bookmark: _Toc21721]15.劳动协理员工资绩效目标表',
      { table: 0, cells: [['[bookmark: _Toc9]单元格'], ['x']] },
      ' [bookmark: _Toc1]前面有空格的不是前缀',
    ]);
  });

  it('writes tabs as w:tab and line breaks as w:br; a paragraph with breaks reads as several lines', async () => {
    const bytes = await buildDocx([para('a\tb'), para('第一行\n第二行'), row([['格\t内', '上\n下']])]);
    const xml = await documentXmlOf(bytes);
    expect(xml).toContain('<w:tab/>');
    expect(xml).toContain('<w:br/>');
    const { blocks } = await read(bytes);
    expect(shape(blocks)).toEqual(['a\tb', '第一行', '第二行', { table: 0, cells: [['格\t内', '上', '下']] }]);
    // the two lines of one paragraph share its location
    expect(blocks[1]!.source).toEqual({ line: 2 });
    expect(blocks[2]!.source).toEqual({ line: 2 });
    const c = (blocks[3] as RowBlock).cells[0]!;
    expect(c.sources.map((s) => s.line)).toEqual([3, 4, 4]);
  });

  it('keeps rows of different widths rectangular with gridSpan and reads each spanned cell once', async () => {
    const blocks = [
      row(['预算规模及资金用途', '预算数', '10.00', '其中：财政资金', '10.00', '其他资金', ' ']),
      row(['', '用于测试。']),
      row(['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底']),
    ];
    const bytes = await buildDocx(blocks);
    const xml = await documentXmlOf(bytes);
    expect(xml).toContain('<w:gridSpan w:val="6"/>');
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    const { blocks: back } = await read(bytes);
    expect(shape(back)).toEqual(shape(blocks.map((b) => ({ ...b, table: 0 }))));
    expect((back[1] as RowBlock).cells.map((c) => c.sources[0]!.ref)).toEqual(['表1 行2 列1', '表1 行2 列2']);
    expect((back[2] as RowBlock).cells.map((c) => c.sources[0]!.ref)).toEqual([
      '表1 行3 列1',
      '表1 行3 列2',
      '表1 行3 列3',
      '表1 行3 列4',
      '表1 行3 列5',
    ]);
  });

  it('groups rows into tables by `table`, or for text blocks by adjacency', async () => {
    const blocks = [row(['a']), row(['b']), para('p'), row(['c']), row(['d'], 4), row(['e'], 4), row(['f'], 7)];
    const { blocks: back } = await read(await buildDocx(blocks));
    expect(back.map((b) => (b.kind === 'row' ? b.table : 'p'))).toEqual([0, 0, 'p', 1, 2, 2, 3]);
  });

  it('merges empty 一级/二级指标 cells vertically with mergeEmptyCells', async () => {
    const header = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'];
    const blocks = [
      row(['绩效目标', '完成任务'], 0),
      row(['', '', '', '', '', ''], 0), // spacer row under the goals: the cells above span or are labels
      row(header, 0),
      row(['产出指标', '数量指标', '次数', '开展次数', '≥2次', '计划'], 0),
      row(['', '', '人数', '服务人数', '≥100人', '计划'], 0),
      row(['', '成本指标', '成本', '支出', '≤10万元', ''], 0),
      row(['效益指标', '', '水平', '提升水平', '显著提高', '实际'], 0),
      row(['', ''], 0), // not an indicator row
    ];
    const plain = await read(await buildDocx(blocks));
    expect(plain.blocks.flatMap((b) => (b.kind === 'row' ? b.cells.map((c) => c.mergedFromAbove ?? false) : []))).not.toContain(true);

    const bytes = await buildDocx(blocks, { mergeEmptyCells: true });
    const xml = await documentXmlOf(bytes);
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    const { blocks: back } = await read(bytes);
    const merged = back.map((b) => (b.kind === 'row' ? b.cells.map((c) => (c.mergedFromAbove ? 'M' : '.')).join('') : ''));
    expect(merged).toEqual([
      '..',
      '......', // the cells above span several columns or the row has 2 cells: no merge
      '......',
      '......',
      'MM....',
      'M.....', // 成本指标 is not empty; column 5 is not a level column
      '.M....', // 效益指标 is new; 二级 empty under 成本指标 merges
      '..',
    ]);
    for (const b of back) {
      if (b.kind !== 'row') continue;
      for (const c of b.cells) if (c.mergedFromAbove) expect(c.lines).toEqual(['']);
    }
  });

  it('writes cells that come back mergedFromAbove as merged again', async () => {
    const r1 = row(['产出指标', 'a', 'b']);
    const r2 = row(['', 'c', 'd']);
    r2.cells[0]!.mergedFromAbove = true;
    const { blocks } = await read(await buildDocx([r1, r2]));
    expect((blocks[1] as RowBlock).cells[0]).toMatchObject({ lines: [''], mergedFromAbove: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written document.xml

describe('readDocx on hand-written WordprocessingML', () => {
  it('reads vMerge without val and val="continue" as merged, val="restart" as a normal cell', async () => {
    const body = tbl(
      tr(tc(p('产出指标'), '<w:vMerge w:val="restart"/>'), tc(p('数量指标'), '<w:vMerge w:val="restart"/>'), tc(p('x'))),
      tr(tc(p(''), '<w:vMerge/>'), tc(p(''), '<w:vMerge w:val="continue"/>'), tc(p('y'))),
      tr(tc(p(''), '<w:vMerge/>'), tc(p('质量指标'), '<w:vMerge w:val="restart"/>'), tc(p('z'))),
    );
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual([
      { table: 0, cells: [['产出指标'], ['数量指标'], ['x']] },
      { table: 0, cells: [['⇡', ''], ['⇡', ''], ['y']] },
      { table: 0, cells: [['⇡', ''], ['质量指标'], ['z']] },
    ]);
    expect((blocks[1] as RowBlock).cells[0]!.sources).toEqual([{ line: 4, ref: '表1 行2 列1' }]);
    expect(diagnostics).toEqual([]);
  });

  it('reports text hidden in a merged continuation cell instead of dropping it silently', async () => {
    const body = tbl(tr(tc(p('上'), '<w:vMerge w:val="restart"/>')), tr(tc(p('被合并的文字'), '<w:vMerge/>')));
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual([{ table: 0, cells: [['上']] }, { table: 0, cells: [['⇡', '']] }]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'docx.merged-cell-text', source: { line: 2, ref: '表1 行2 列1' } }),
    ]);
    expect(diagnostics[0]!.message).toContain('被合并的文字');
  });

  it('reads a gridSpan cell once and counts columns in grid columns, after gridBefore', async () => {
    const body = tbl(
      tr(tc(p('A'), '<w:gridSpan w:val="2"/>'), tc(p('B')), tc(p('C'))),
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p('D'))}${tc(p('E'), '<w:gridSpan w:val="3"/>')}</w:tr>`,
    );
    const { blocks } = await readBody(body);
    expect(shape(blocks)).toEqual([
      { table: 0, cells: [['A'], ['B'], ['C']] },
      { table: 0, cells: [['D'], ['E']] },
    ]);
    const refs = blocks.map((b) => (b as RowBlock).cells.map((c) => c.sources[0]!.ref));
    expect(refs).toEqual([
      ['表1 行1 列1', '表1 行1 列3', '表1 行1 列4'],
      ['表1 行2 列2', '表1 行2 列3'],
    ]);
  });

  it('numbers tables in body order and rows within each table', async () => {
    const body = tbl(tr(tc(p('a')))) + p('中间') + tbl(tr(tc(p('b'))), tr(tc(p('c'))));
    const { blocks } = await readBody(body);
    expect(blocks.map((b) => (b.kind === 'row' ? `${b.table}:${b.source.ref}` : b.text))).toEqual([
      '0:表1 行1',
      '中间',
      '1:表2 行1',
      '1:表2 行2',
    ]);
  });

  it('writes bookmarks that start in a paragraph as prefixes, in order, at the start', async () => {
    const body =
      '<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:bookmarkStart w:id="1" w:name="_Toc21721"/>' +
      run('15.劳动协理员工资绩效目标表') +
      '<w:bookmarkEnd w:id="1"/></w:p>' +
      `<w:p>${run('文字')}<w:bookmarkStart w:id="2" w:name="_Toc4509"/>${run('在后')}<w:bookmarkEnd w:id="2"/></w:p>` +
      '<w:bookmarkStart w:id="3" w:name="_BodyLevel"/>' + // outside paragraphs: the extraction shows nothing
      p('正文');
    const { blocks } = await readBody(body);
    expect(shape(blocks)).toEqual([
      '[bookmark: _GoBack][bookmark: _Toc21721]15.劳动协理员工资绩效目标表',
      '[bookmark: _Toc4509]文字在后',
      '正文',
    ]);
  });

  it('reads tracked changes as accepted: insertions kept, deletions dropped', async () => {
    const body =
      `<w:p>${run('预算')}<w:del w:id="1" w:author="a"><w:r><w:delText>100</w:delText></w:r></w:del>` +
      `<w:ins w:id="2" w:author="a">${run('120')}</w:ins>${run('万元')}` +
      `<w:moveFrom w:id="3" w:author="a">${run('旧位置')}</w:moveFrom><w:moveTo w:id="4" w:author="a">${run('新位置')}</w:moveTo></w:p>` +
      tbl(
        tr(tc(p('保留行'))),
        `<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>${tc(p('删除的行'))}</w:tr>`,
        tr(tc(p('第二行'))),
      );
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual([
      '预算120万元新位置',
      { table: 0, cells: [['保留行']] },
      { table: 0, cells: [['第二行']] },
    ]);
    expect((blocks[2] as RowBlock).source.ref).toBe('表1 行2');
    expect(diagnostics.map((d) => d.code)).toEqual(['docx.tracked-changes']);
  });

  it('reads tabs, breaks, carriage returns, hyphens and symbols', async () => {
    const body =
      '<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>2025</w:t><w:noBreakHyphen/><w:t>12</w:t><w:softHyphen/></w:r></w:p>' +
      '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>85%</w:t><w:sym w:font="Symbol" w:char="F0A3"/><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>' +
      '<w:p><w:r><w:br w:type="page"/></w:r>' + run('分页后') + '</w:p>';
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual(['a\tb', 'c', 'd', '2025-12', '≥85%≤', '', '分页后']);
    expect(blocks.map((b) => b.source.line)).toEqual([1, 1, 1, 2, 3, 4, 4]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'info', code: 'docx.symbol', source: { line: 3 } })]);
  });

  it('keeps xml:space semantics and decodes character references', async () => {
    const body =
      '<w:p><w:r><w:t>  去掉首尾空白  </w:t></w:r></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve">  保留  </w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>&amp;&lt;&gt;&quot;&apos;&#x4E2D;&#25991;</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve"> a </w:t><w:t xml:space="preserve"> b </w:t></w:r></w:p>';
    const { blocks } = await readBody(body);
    expect(shape(blocks)).toEqual(['去掉首尾空白', '  保留  ', '&<>"\'中文', ' a  b ']);
  });

  it('reads field results, never field instructions', async () => {
    const fld = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
    const body =
      `<w:p>${run('第')}${fld('begin')}<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>${run('不该出现')}${fld('separate')}${run('3')}${fld('end')}${run('页')}</w:p>` +
      // a table of contents: the field's result runs over two paragraphs
      `<w:p>${fld('begin')}<w:r><w:instrText>TOC \\o "1-3"</w:instrText></w:r>${fld('separate')}${run('一、总体绩效目标')}</w:p>` +
      `<w:p>${run('二、分项绩效目标')}${fld('end')}</w:p>` +
      // nested field inside a result
      `<w:p>${fld('begin')}<w:r><w:instrText>IF</w:instrText></w:r>${fld('separate')}${run('外')}${fld('begin')}<w:r><w:instrText>PAGE</w:instrText></w:r>${fld('separate')}${run('内')}${fld('end')}${fld('end')}</w:p>` +
      `<w:p><w:fldSimple w:instr=" PAGE ">${run('7')}</w:fldSimple></w:p>`;
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual(['第3页', '一、总体绩效目标', '二、分项绩效目标', '外内', '7']);
    expect(diagnostics).toEqual([]);
  });

  it('closes a field whose instruction never ends at the end of its paragraph, with a warning', async () => {
    const body = `<w:p>${run('前')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>BROKEN</w:instrText></w:r></w:p>${p('后面的段落')}`;
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual(['前', '后面的段落']);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'docx.broken-field', source: { line: 1 } })]);
  });

  it('reads through hyperlinks, smart tags, custom XML, ruby and content controls at every level', async () => {
    const body =
      `<w:p><w:hyperlink w:anchor="_Toc1">${run('链接')}</w:hyperlink><w:smartTag w:uri="u" w:element="e"><w:smartTagPr/>${run('标记')}</w:smartTag>` +
      `<w:customXml w:element="c">${run('自定义')}</w:customXml><w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>${run('控件')}</w:sdtContent></w:sdt>` +
      `<w:r><w:ruby><w:rubyPr/><w:rt>${run('zhù')}</w:rt><w:rubyBase>${run('注')}</w:rubyBase></w:ruby></w:r></w:p>` +
      `<w:sdt><w:sdtPr/><w:sdtContent>${p('块级控件')}${tbl(tr(tc(p('控件中的表'))))}</w:sdtContent></w:sdt>` +
      tbl(
        `<w:sdt><w:sdtContent>${tr(tc(p('行控件')))}</w:sdtContent></w:sdt>`,
        `<w:tr><w:sdt><w:sdtContent>${tc(p('格控件'))}</w:sdtContent></w:sdt>${tc(`<w:sdt><w:sdtContent>${p('格内控件')}</w:sdtContent></w:sdt>`)}</w:tr>`,
      );
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual([
      '链接标记自定义控件注',
      '块级控件',
      { table: 0, cells: [['控件中的表']] },
      { table: 1, cells: [['行控件']] },
      { table: 1, cells: [['格控件'], ['格内控件']] },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reads a text box once (mc:Choice, not its VML fallback) after its paragraph, with an info', async () => {
    const box = (text: string) => `<w:txbxContent>${p(text)}</w:txbxContent>`;
    const body =
      `<w:p>${run('锚')}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>` +
      `<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>${box('框内文字')}</wps:txbx></wps:wsp></a:graphicData>` +
      `</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>${box('框内文字')}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>${run('后')}</w:p>` +
      p('下一段') +
      tbl(tr(tc(`<w:p>${run('格')}<w:r><w:pict><v:shape><v:textbox>${box('格中框')}</v:textbox></v:shape></w:pict></w:r></w:p>`)));
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual(['锚后', '框内文字', '下一段', { table: 0, cells: [['格', '格中框']] }]);
    expect(blocks.map((b) => b.source.line)).toEqual([1, 2, 3, 4]);
    expect((blocks[3] as RowBlock).cells[0]!.sources).toEqual([
      { line: 4, ref: '表1 行1 列1' },
      { line: 5, ref: '表1 行1 列1' },
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.source.line])).toEqual([
      ['docx.text-box', 'info', 1],
      ['docx.text-box', 'info', 4],
    ]);
  });

  it('flattens a nested table into lines of its cell, with an info', async () => {
    const inner = tbl(tr(tc(p('内1')), tc(p(''))), tr(tc(p('内2')), tc(p('内3'))));
    const body = tbl(tr(tc(p('外') + inner + p('')), tc(p('旁'))));
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual([{ table: 0, cells: [['外', '内1', '内2', '内3', ''], ['旁']] }]);
    expect((blocks[0] as RowBlock).cells[0]!.sources.map((s) => s.line)).toEqual([1, 2, 4, 5, 6]);
    expect((blocks[0] as RowBlock).cells[1]!.sources).toEqual([{ line: 7, ref: '表1 行1 列2' }]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', code: 'docx.nested-table', source: { line: 2, ref: '表1 行1 列1' } }),
    ]);
  });

  it('reads text in elements it does not know, and reports what it cannot read', async () => {
    const body =
      `<w:p>${run('前')}<x:wrapper><w:r><w:t>未知元素中的字</w:t></w:r></x:wrapper><x:empty/></w:p>` +
      `<x:block>${p('未知块中的段落')}</x:block>` +
      `<w:p><w:r><w:object><v:shape/><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12"/></w:object></w:r></w:p>` +
      '<w:altChunk r:id="rId9"/>' +
      `<w:p>${run('x')}<w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
      `<w:p><m:oMathPara><m:oMath><m:r><m:t>a+b</m:t></m:r></m:oMath></m:oMathPara></w:p>`;
    const { blocks, diagnostics } = await readBody(body);
    expect(shape(blocks)).toEqual(['前未知元素中的字', '未知块中的段落', '', 'x', 'a+b']);
    expect(diagnostics.map((d) => [d.severity, d.code, d.source.line])).toEqual([
      ['info', 'docx.unknown-element', 1],
      ['info', 'docx.unknown-element', 2],
      ['warning', 'docx.embedded-object', 3],
      ['warning', 'docx.alt-chunk', 3],
      ['info', 'docx.notes', 4],
    ]);
  });

  it('writes automatic list numbers in front of the text, after bookmarks', async () => {
    const numbering = `<?xml version="1.0"?><w:numbering xmlns:w="${NS.w}">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%3）"/><w:suff w:val="nothing"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="10"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1是"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>`;
    const styles = `<?xml version="1.0"?><w:styles xmlns:w="${NS.w}">
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
    </w:styles>`;
    const np = (numId: number, ilvl: number, text: string, before = '') =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${before}${run(text)}</w:p>`;
    const body =
      np(1, 0, '总体绩效目标', '<w:bookmarkStart w:id="1" w:name="_Toc1"/><w:bookmarkEnd w:id="1"/>') +
      np(1, 1, '甲') +
      np(1, 2, '细') +
      np(1, 1, '乙') +
      np(1, 0, '分项绩效目标') +
      np(1, 1, '丙') +
      np(2, 0, '圆点') +
      `<w:p><w:pPr><w:pStyle w:val="MyHeading"/></w:pPr>${run('工作保障措施')}</w:p>` +
      `<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>${run('去掉编号')}</w:p>` +
      np(3, 0, '严明纪律') +
      np(3, 0, '深挖资源');
    const { blocks, diagnostics } = await readBody(body, { 'word/numbering.xml': numbering, 'word/styles.xml': styles });
    expect(shape(blocks)).toEqual([
      '[bookmark: _Toc1]一、总体绩效目标',
      '1. 甲',
      '（一）细',
      '2. 乙',
      '二、分项绩效目标',
      '1. 丙',
      '圆点',
      '三、工作保障措施',
      '去掉编号',
      '十是严明纪律',
      '十一是深挖资源',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reports an unreadable numbering part and reads the text anyway', async () => {
    const body = `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run('正文')}</w:p>`;
    const { blocks, diagnostics } = await readBody(body, { 'word/numbering.xml': '<w:numbering><broken></w:numbering>' });
    expect(shape(blocks)).toEqual(['正文']);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'docx.numbering' })]);
  });

  it('resolves namespaces by URI, whatever the prefix (including Strict OOXML)', async () => {
    const other = `<?xml version="1.0"?><ns0:document xmlns:ns0="${NS.w}"><ns0:body><ns0:p><ns0:r><ns0:t>前缀不同</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`;
    const strict = `<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>严格模式</w:t></w:r></w:p></w:body></w:document>`;
    const dflt = `<?xml version="1.0"?><document xmlns="${NS.w}"><body><p><r><t>默认命名空间</t></r></p></body></document>`;
    for (const [xml, text] of [
      [other, '前缀不同'],
      [strict, '严格模式'],
      [dflt, '默认命名空间'],
    ] as const) {
      const bytes = await zipParts({ '_rels/.rels': rootRels(), 'word/document.xml': xml });
      expect(shape((await read(bytes)).blocks)).toEqual([text]);
    }
  });

  it('finds the main document through _rels/.rels, and decodes UTF-16 parts', async () => {
    const moved = await zipParts({ '_rels/.rels': rootRels('/word/main.xml'), 'word/main.xml': documentXml(p('主文档')) });
    expect(shape((await read(moved)).blocks)).toEqual(['主文档']);
    const xml = documentXml(p('十六位编码'));
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      utf16[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = xml.charCodeAt(i) >> 8;
    }
    const u16 = await zipParts({ '_rels/.rels': rootRels(), 'word/document.xml': utf16 });
    expect(shape((await read(u16)).blocks)).toEqual(['十六位编码']);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip

const CHARS = [...'aZ09 .:%中文预算绩效目标：，。、（）≥≤＜＞&<>"\'\u3000·—', '\t', '😀'];
const textArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 10 }).map((a) => a.join(''));
const bookmarkArb = fc.constantFrom('_GoBack', '_Toc3909', '_Toc_4_4_0000000004', 'OLE_LINK1');
const lineArb = fc
  .tuple(fc.array(bookmarkArb, { maxLength: 2 }), textArb)
  .map(([names, text]) => names.map((n) => `[bookmark: ${n}]`).join('') + text);
const cellArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string[]>(['']) },
  { weight: 3, arbitrary: fc.array(lineArb, { minLength: 1, maxLength: 3 }) },
);
const rowArb = fc.array(cellArb, { minLength: 1, maxLength: 7 });
const itemArb = fc.oneof(
  fc.record({ kind: fc.constant('paragraph' as const), text: lineArb }),
  fc.record({ kind: fc.constant('table' as const), rows: fc.array(rowArb, { minLength: 1, maxLength: 5 }) }),
);

function toBlocks(items: ({ kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][][] })[]): Block[] {
  return items.flatMap((item, i): Block[] =>
    item.kind === 'paragraph'
      ? [para(item.text)]
      : item.rows.map((cells) => ({
          kind: 'row',
          cells: cells.map((lines) => cell(...lines)),
          source: { line: 0 },
          table: 10 + i,
        })),
  );
}

describe('round trip: blocks → buildDocx → readDocx', () => {
  it('gives back the same texts and shapes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { maxLength: 8 }), fc.boolean(), async (items, mergeEmptyCells) => {
        const blocks = toBlocks(items);
        const { blocks: back, diagnostics } = await read(await buildDocx(blocks, { mergeEmptyCells }));
        expect(diagnostics).toEqual([]);
        expect(back.map((b) => b.kind)).toEqual(blocks.map((b) => b.kind));
        const tableOf = new Map<number, number>();
        back.forEach((b, i) => {
          const original = blocks[i]!;
          if (b.kind === 'paragraph' || original.kind === 'paragraph') {
            expect(b).toMatchObject({ kind: 'paragraph', text: (original as { text: string }).text });
            return;
          }
          expect(b.cells.map((c) => c.lines)).toEqual(original.cells.map((c) => c.lines));
          // rows of one generated table share one Word table; tables are numbered in order
          const t = tableOf.get(original.table!) ?? tableOf.size;
          tableOf.set(original.table!, t);
          expect(b.table).toBe(t);
          b.cells.forEach((c, col) => {
            if (!c.mergedFromAbove) return;
            expect(mergeEmptyCells && col <= 1 && b.cells.length === 6).toBe(true);
            expect(original.cells[col]!.lines).toEqual(['']);
          });
        });
        // every line is its own paragraph here, so the locations are exactly 1, 2, 3, …
        const lines = back.flatMap((b) => (b.kind === 'paragraph' ? [b.source.line] : b.cells.flatMap((c) => c.sources.map((s) => s.line))));
        expect(lines).toEqual(lines.map((_, i) => i + 1));
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input

describe('bad input throws DocumentReadError, never anything else', () => {
  const expectReadError = async (bytes: Uint8Array, message?: RegExp) => {
    const e = await errorOf(bytes);
    expect(e).toBeInstanceOf(DocumentReadError);
    const err = e as DocumentReadError;
    expect(err.file).toBe('bad.docx');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    if (message) expect(err.message).toMatch(message);
    return err;
  };

  it('refuses an empty buffer', async () => {
    await expectReadError(new Uint8Array(0), /文件为空/);
  });

  it('refuses bytes that are not a zip', async () => {
    await expectReadError(new TextEncoder().encode('第一部分\n部门整体绩效目标\n'), /不是 ZIP/);
  });

  it('refuses a Word 97-2003 (.doc) or encrypted file', async () => {
    await expectReadError(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /\.doc/);
  });

  it('refuses a zip without word/document.xml', async () => {
    const err = await expectReadError(await zipParts({ 'readme.txt': 'hello' }), /缺少 word\/document\.xml/);
    expect(err.line).toBeNull();
  });

  it('recognises a spreadsheet', async () => {
    await expectReadError(await zipParts({ 'xl/workbook.xml': '<workbook/>' }), /Excel/);
  });

  it('refuses malformed XML and a document without a body', async () => {
    const broken = await zipParts({ 'word/document.xml': `<w:document xmlns:w="${NS.w}"><w:body><w:p></w:body></w:document>` });
    await expectReadError(broken, /XML/);
    const bodiless = await zipParts({ 'word/document.xml': `<w:document xmlns:w="${NS.w}"/>` });
    await expectReadError(bodiless, /w:body/);
    const notUtf8 = await zipParts({ 'word/document.xml': new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0xfd, 0x3e]) });
    await expectReadError(notUtf8, /编码/);
  });

  it('refuses random bytes, with or without a zip signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, zipLike) => {
        const data = zipLike ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]) : bytes;
        await expectReadError(data);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses truncated and corrupted .docx bytes (or reads them, if the damage left a readable package)', async () => {
    const good = new Uint8Array(await buildDocx([para('标题'), row(['a', 'b']), row(['c', 'd'])]));
    expect(shape((await read(good)).blocks)).toHaveLength(3);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: good.length - 1 }), async (cut) => {
        await expectReadError(good.subarray(0, cut));
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const bad = good.slice();
        bad[at] = bad[at]! ^ xor;
        const e = await errorOf(bad);
        if (e !== null) expect(e).toBeInstanceOf(DocumentReadError);
      }),
      { numRuns: 100 },
    );
  });
});
