/**
 * Word export round trip: a document exported to .docx (exportDocx) and imported again
 * (parseDocumentBytes) is the same model — for every fixture, for generated documents and for
 * fixture models with randomly changed amounts, plans, texts and merged cells — and the package
 * has the official layout: A4, real vertical merges in the indicator tables, the Chinese fonts.
 *
 * The fixtures' exports are saved under test-artifacts/export/ so people can open them in Word.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFromHarvest, harvestFixtures, type Harvest } from '../../src/server/demo-corpus/generate-corpus';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import type { RowBlock } from '../../src/server/importers/blocks';
import { readDocx } from '../../src/server/importers/docx/read-docx';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { Diagnostic, Indicator, ParsedDocument, Project, SpendingCheckpoint } from '../../src/shared/domain/model';
import { amountOfPercent, percentHundredths } from '../../src/shared/domain/money';
import { compactLabel } from '../../src/shared/domain/text';
import { FIXTURE_DIR, FIXTURES, OTHER_PROVINCES_DIR, listFixtures, readFixture } from '../support/fixtures';
import { modelContent } from '../support/model-content';
import { buildWideDocument } from '../factories';
import { officialTable } from '../../src/shared/domain/official-table';
import { documentContentJson } from '../../src/shared/domain/document-content';

const ARTIFACTS = resolve(process.cwd(), 'test-artifacts/export');

/** Property runs, scaled by DOCX_EXPORT_RUNS_FACTOR (e.g. 50 for a long local run). */
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.DOCX_EXPORT_RUNS_FACTOR ?? 1)));

const content = (doc: ParsedDocument) => modelContent(doc);

/**
 * Diagnostics about the source file's form rather than its content: the paragraph they are about
 * is not part of the model, so an export cannot (and should not) write it again.
 */
const SOURCE_ONLY: ReadonlySet<string> = new Set(['converter-watermark']);

/** What the export must reproduce: the model, with the diagnostics of its content. */
function expected(doc: ParsedDocument): Record<string, unknown> {
  return content({ ...doc, diagnostics: doc.diagnostics.filter((d: Diagnostic) => !SOURCE_ONLY.has(d.code)) });
}

async function roundTrip(doc: ParsedDocument): Promise<{ bytes: Buffer; back: ParsedDocument }> {
  const bytes = await exportDocx(doc);
  return { bytes, back: await parseDocumentBytes(bytes, 'x.docx') };
}

async function part(bytes: Uint8Array, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(path);
  if (!file) throw new Error(`${path} missing from the package`);
  return file.async('string');
}

// ---------------------------------------------------------------------------------------------

describe.each(listFixtures())('%s exported to .docx', (file) => {
  let original: ParsedDocument;
  let bytes: Buffer;
  let back: ParsedDocument;

  beforeAll(async () => {
    original = await parseDocumentBytes(readFixture(file), file);
    ({ bytes, back } = await roundTrip(original));
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, file.replace(/\.txt$/, '.docx')), bytes);
  });

  it('re-imports to the identical model, with no new diagnostics', () => {
    expect(back.format).toBe('docx');
    expect(content(back)).toEqual(expected(original));
    expect(back.projects.length).toBe(original.projects.length);
  });

  it('has real vertical merges exactly where the model says a cell was merged', async () => {
    const { blocks } = await readDocx(bytes, 'x.docx');
    const tables = new Map<number, RowBlock[]>();
    for (const b of blocks) if (b.kind === 'row') tables.set(b.table!, [...(tables.get(b.table!) ?? []), b]);
    expect(tables.size).toBe(2 * original.projects.length);
    original.projects.forEach((project, p) => {
      const main = tables.get(2 * p)!;
      const indicators = tables.get(2 * p + 1)!;
      // 预算规模及资金用途 over the purpose, 资金支出计划 over the values
      expect(main.map((r) => r.cells[0]?.mergedFromAbove === true)).toEqual([false, false, false, true, false, true, false]);
      expect(compactLabel(indicators[0]!.cells.map((c) => c.lines.join('')).join('|'))).toBe('一级指标|二级指标|三级指标|绩效指标描述|指标值|指标值确定依据');
      expect(indicators.length).toBe(project.indicators.length + 1);
      project.indicators.forEach((ind, i) => {
        const row = indicators[i + 1]!;
        expect(row.cells).toHaveLength(6);
        expect(row.cells[0]!.mergedFromAbove === true).toBe(i > 0 && ind.level1Inherited);
        expect(row.cells[1]!.mergedFromAbove === true).toBe(i > 0 && ind.level1Inherited && ind.level2Inherited);
      });
    });
    // In the XML: two merges per main table, one per merged 一级/二级 cell, each run opened by a restart.
    const xml = await part(bytes, 'word/document.xml');
    const merged = original.projects.flatMap((p) =>
      p.indicators.flatMap((ind, i) => [i > 0 && ind.level1Inherited, i > 0 && ind.level1Inherited && ind.level2Inherited]),
    );
    const continues = xml.split('<w:vMerge w:val="continue"/>').length - 1;
    const restarts = xml.split('<w:vMerge w:val="restart"/>').length - 1;
    expect(continues).toBe(2 * original.projects.length + merged.filter(Boolean).length);
    expect(restarts).toBeGreaterThanOrEqual(2 * original.projects.length);
    expect(restarts).toBeLessThanOrEqual(continues);
  });
});

describe('the Word package', () => {
  let doc: ParsedDocument;
  let bytes: Buffer;

  beforeAll(async () => {
    doc = await parseDocumentBytes(readFixture(FIXTURES.f002), FIXTURES.f002);
    bytes = await exportDocx(doc, { title: '测试标题' });
  });

  it('is A4 portrait with fixed-layout tables as wide as the text block', async () => {
    const xml = await part(bytes, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"( w:orient="portrait")?\/>/);
    expect(xml).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
    const tables = xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
    expect(tables).toHaveLength(2 * doc.projects.length);
    for (const t of tables) {
      expect(t).toContain('<w:tblLayout w:type="fixed"/>');
      expect(t).toContain('<w:tblW w:type="dxa" w:w="8845"/>');
      const grid = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(8845);
    }
  });

  it('uses 仿宋_GB2312 for the body, 黑体 for headings and 宋体 for tables, with 仿宋 as the fallback', async () => {
    const styles = await part(bytes, 'word/styles.xml');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/);
    const style = (id: string) => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's'))?.[0] ?? '';
    expect(style('JxBody')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(style('JxBody')).toContain('<w:sz w:val="32"/>'); // 三号
    expect(style('JxPart')).toContain('w:eastAsia="黑体"');
    expect(style('JxSection')).toContain('w:eastAsia="黑体"');
    expect(style('JxTableTitle')).toContain('w:eastAsia="黑体"');
    expect(style('JxCell')).toContain('w:eastAsia="宋体"');
    expect(style('JxCell')).toContain('<w:sz w:val="21"/>'); // 五号
    const fonts = await part(bytes, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    const xml = await part(bytes, 'word/document.xml');
    expect(xml).toContain('<w:pStyle w:val="JxBody"/>');
    expect(xml).toContain('<w:pStyle w:val="JxCell"/>');
  });

  it('puts the title in the document properties, not in the body', async () => {
    expect(await part(bytes, 'docProps/core.xml')).toContain('<dc:title>测试标题</dc:title>');
    expect(await part(await exportDocx(doc), 'docProps/core.xml')).toContain(
      '<dc:title>保定白沟新城乡村振兴局（社区建设管理办公室）—本级2025年部门预算绩效目标</dc:title>',
    );
    const back = await parseDocumentBytes(bytes, 'x.docx');
    expect(back.diagnostics).toEqual([]);
  });

  it('merges the 一级指标 cells of 000 as the original did (产出指标 over four rows)', async () => {
    const original = await parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);
    const xml = await part(await exportDocx(original), 'word/document.xml');
    const indicatorTable = (xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [])[1]!;
    const firstColumn = [...indicatorTable.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((row) => {
      const cell = /<w:tc>(.*?)<\/w:tc>/s.exec(row[0])?.[1] ?? '';
      return /w:vMerge w:val="(\w+)"/.exec(cell)?.[1] ?? '-';
    });
    expect(original.projects[0]!.indicators.map((i) => i.level1Raw)).toEqual(['产出指标', '产出指标', '产出指标', '产出指标', '效益指标', '满意度指标']);
    expect(firstColumn).toEqual(['-', 'restart', 'continue', 'continue', 'continue', '-', '-']);
  });

  it('keeps the rows of a merged category cell on one page (keepNext on every row of the run but its last)', async () => {
    const original = await parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);
    const xml = await part(await exportDocx(original), 'word/document.xml');
    const indicatorTable = (xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [])[1]!;
    const kept = [...indicatorTable.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((row) => row[0].includes('<w:keepNext/>'));
    // the header (with the first row), 产出指标 over the first four indicators; then rows a page break may part
    expect(kept).toEqual([true, true, true, true, false, false, false]);
  });

  it('has every paragraph keep its punctuation inside the margin in LibreOffice (w:overflowPunct, read inverted there)', async () => {
    expect(await part(bytes, 'word/styles.xml')).toContain('<w:pPrDefault><w:pPr><w:overflowPunct/></w:pPr></w:pPrDefault>');
  });

  it('writes the spending plan as the document gave it: percent or 万元 amounts', async () => {
    const xml = await part(bytes, 'word/document.xml');
    expect(xml).toContain('资金支出计划（万元）');
    expect(xml).not.toContain('资金支出计划（%）');
    const percentDoc = await parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);
    const percentXml = await part(await exportDocx(percentDoc), 'word/document.xml');
    expect(percentXml).toContain('资金支出计划（%）');
    expect(percentXml).toContain('>25%<');
  });
});

// ---------------------------------------------------------------------------------------------
// Generated documents (src/server/demo-corpus/generate-corpus.ts): new combinations of the fixtures' content with
// the variations real documents show.

describe('generated documents', () => {
  let harvest: Harvest;
  beforeAll(async () => {
    harvest = await harvestFixtures(FIXTURE_DIR);
  });

  it('export → import gives back the identical model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 6 }), async (seed, tables) => {
        const [generated] = generateFromHarvest(harvest, { documents: 1, tablesPerDocument: tables, seed });
        const doc = await parseDocumentBytes(Buffer.from(generated!.text, 'utf8'), generated!.file);
        const { back } = await roundTrip(doc);
        expect(content(back)).toEqual(expected(doc));
      }),
      { numRuns: runs(20) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Fixture models with random amounts (万元 and 元), spending plans, texts and merged cells.

/** Text the importer can give back: trimmed, no line break. */
const CHARS = [...'绩效目标资金保障社区工作经费完成率满意度提升一二三四（）()。；;，,：:、.%≥≤0123456789ABCxyz ', '\t'];
const oneLine = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 24 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s !== '');
/** A cell's text: lines (inner ones may be empty or start with spaces), trimmed as a whole. */
const cellText = fc
  .array(fc.array(fc.constantFrom(...CHARS), { maxLength: 16 }).map((cs) => cs.join('')), { minLength: 1, maxLength: 4 })
  .map((ls) => ls.join('\n').trim());

const fen = fc.integer({ min: -1_000_000_000, max: 10_000_000_000_000 });
type PlanChoice = { given: null } | { given: 'percent'; hundredths: number } | { given: 'amount'; fen: number };
const planChoice: fc.Arbitrary<PlanChoice> = fc.oneof(
  fc.constant({ given: null }),
  fc.record({ given: fc.constant('percent' as const), hundredths: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ given: fc.constant('amount' as const), fen: fc.integer({ min: 0, max: 10_000_000_000_000 }) }),
);

const projectChange = fc.record({
  unit: fc.constantFrom('万元', '元'),
  total: fc.option(fen, { nil: null }),
  fiscal: fc.option(fen, { nil: null }),
  other: fc.option(fen, { nil: null }),
  plan: fc.tuple(planChoice, planChoice, planChoice, planChoice),
  purpose: cellText,
  name: oneLine,
  goals: fc.array(oneLine, { maxLength: 4 }),
  descriptions: fc.array(cellText, { maxLength: 8 }),
  merges: fc.array(fc.boolean(), { maxLength: 12 }),
});

/** The project changed as the importer would have read such a table. */
function applyChange(p: Project, c: typeof projectChange extends fc.Arbitrary<infer T> ? T : never): Project {
  const total = c.total;
  const spendingPlan = p.spendingPlan.map((entry, i): SpendingCheckpoint => {
    const choice = c.plan[i]!;
    if (choice.given === 'percent') {
      return { ...entry, given: 'percent', percent: choice.hundredths / 100, amount: total === null ? null : amountOfPercent(total, choice.hundredths) };
    }
    if (choice.given === 'amount') {
      const h = percentHundredths(choice.fen, total);
      return { ...entry, given: 'amount', amount: choice.fen, percent: h === null ? null : h / 100 };
    }
    return { ...entry, given: null, percent: null, amount: null };
  });
  // A row may show its category again or leave it merged with the row above when it is the same
  // category as that row (level 2 only under the same level 1): both read back as they were.
  const indicators = p.indicators.map((ind, i) => {
    const above = p.indicators[i - 1];
    const description = c.descriptions[i];
    const merge = c.merges[i];
    let next = { ...ind, ...(description === undefined ? {} : { description: description === '' ? null : description }) };
    if (above && merge !== undefined && compactLabel(above.level1Raw) === compactLabel(ind.level1Raw)) {
      const same2 = above.level2Raw === ind.level2Raw && ind.level2Raw !== '';
      next = { ...next, level1Raw: above.level1Raw, level1Inherited: merge };
      if (same2) next = { ...next, level2Raw: above.level2Raw, level2Inherited: merge };
    }
    return next;
  });
  return {
    ...p,
    amountUnit: c.unit,
    budget: { total, fiscal: c.fiscal, other: c.other },
    spendingPlan,
    purpose: c.purpose === '' ? null : c.purpose,
    name: c.name,
    goals: c.goals,
    indicators,
  };
}

describe('changed fixture models', () => {
  let base: ParsedDocument;
  beforeAll(async () => {
    base = await parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);
  });

  it('amounts, plans, multi-line texts and merges read back as written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(projectChange, { minLength: 1, maxLength: 3 }), async (changes) => {
        const projects = base.projects.slice(0, 3).map((p, i) => (changes[i] ? applyChange(p, changes[i]!) : p));
        const doc: ParsedDocument = { ...base, projects };
        const { back } = await roundTrip(doc);
        // Diagnostics follow from the changed content (e.g. 缺少绩效目标); the model must not change.
        expect({ ...content(back), diagnostics: [] }).toEqual({ ...content(doc), diagnostics: [] });
      }),
      { numRuns: runs(25) },
    );
  });
});

describe('parts and titles', () => {
  let base: ParsedDocument;
  beforeAll(async () => {
    base = await parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);
  });

  it('writes 第三部分 预算公用绩效目标 for public projects, in the order of the model', async () => {
    const projects = base.projects.map((p, i) => (i < 3 ? p : { ...p, part: 'public' as const, sequence: i - 2 }));
    const doc: ParsedDocument = { ...base, projects };
    const { bytes, back } = await roundTrip(doc);
    expect(content(back)).toEqual(content(doc));
    expect(back.projects.map((p) => `${p.part}${p.sequence}`)).toEqual(['project1', 'project2', 'project3', 'public1', 'public2']);
    const xml = await part(bytes, 'word/document.xml');
    expect(xml).toContain('>第三部分<');
    expect(xml).toContain('>预算公用绩效目标<');
  });

  it('keeps a title that starts with its own number as written ("1.2025年…绩效目标表")', async () => {
    const doc = await parseDocumentBytes(readFixture(FIXTURES.f001), FIXTURES.f001);
    expect(doc.projects[0]!.title).toBe('1.2025年下派选调生到村工作中央财政补助资金绩效目标表');
    const { bytes, back } = await roundTrip(doc);
    expect(back.projects[0]!.title).toBe(doc.projects[0]!.title);
    expect(await part(bytes, 'word/document.xml')).toContain('>1.2025年下派选调生到村工作中央财政补助资金绩效目标表<');
  });

  it('a table without a title stays a table of its own (and is reported as the original was)', async () => {
    const projects = base.projects.map((p, i) => (i === 2 ? { ...p, title: '' } : p));
    const { back } = await roundTrip({ ...base, projects });
    expect({ ...content(back), diagnostics: [] }).toEqual({ ...content({ ...base, projects }), diagnostics: [] });
    expect(back.diagnostics.map((d) => d.code)).toEqual(['table-without-title']);
  });
});

// ---------------------------------------------------------------------------------------------
// Part 1 written in many ways (numbering styles, a title running into its text at "。", 绩效目标：
// and 绩效指标： paragraphs, lines that only look numbered): whatever the importer made of it,
// the export reads back the same.

const PART1_PIECES = [
  '1.', '2.', '12.', '3。', '4、', '（一）', '(二）', '三、', '一是', '二是', '第三，', '5个', '1.5', '2025年',
  '绩效目标：', '绩效指标:', '加强组织领导', '保障社区工作者待遇', '资金支持', '完成', '。', '。', '；', '，', '：', ' ', '  ',
];
const part1Line = fc.array(fc.constantFrom(...PART1_PIECES), { minLength: 1, maxLength: 7 }).map((ps) => ps.join(''));
const part1Lines = fc.array(part1Line, { maxLength: 6 });

describe('part 1 items', () => {
  let tablesText: string;
  beforeAll(() => {
    // 第二部分 with the first table of 000 only: part 1 is what varies.
    const text = readFixture(FIXTURES.f000).toString('utf8');
    const from = text.indexOf('第二部分');
    tablesText = text.slice(from, text.indexOf('[bookmark: _Toc_4_4_0000000005]', from));
  });

  it('any part 1 the importer read exports to the same department goals', async () => {
    await fc.assert(
      fc.asyncProperty(part1Lines, part1Lines, part1Lines, async (overall, subGoals, measures) => {
        const text = ['第一部分', '部门整体绩效目标', '一、总体绩效目标', ...overall, '二、分项绩效目标', ...subGoals, '三、工作保障措施', ...measures, tablesText].join('\n');
        const doc = await parseDocumentBytes(Buffer.from(text, 'utf8'), 'part1.txt');
        const { back } = await roundTrip(doc);
        expect(content(back)).toEqual(content(doc));
      }),
      { numRuns: runs(40) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The real documents of other provinces (../shared/fixtures/other-provinces): forms other than Hebei's.

describe.each(readdirSync(OTHER_PROVINCES_DIR).filter((f) => f.endsWith('.txt')).sort())('%s exported to .docx', (file) => {
  it('reads back with the same content', async () => {
    const original = await parseDocumentBytes(readFileSync(join(OTHER_PROVINCES_DIR, file)), file);
    const { back } = await roundTrip(original);
    expect(JSON.parse(documentContentJson(back))).toEqual(JSON.parse(documentContentJson(original)));
  });
});

describe('what other forms hold', () => {
  const read = (file: string) => parseDocumentBytes(readFileSync(join(OTHER_PROVINCES_DIR, file)), file);
  const paragraphs = (xml: string) => [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((p) => [...p[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

  it('writes one column for each extra column of the grid, several with the same (empty) header', async () => {
    const doc = await read('01-shanghai-putuo-jianguanwei-2026.txt');
    expect(doc.projects[0]!.indicators[0]!.extras.map((e) => e.header)).toEqual(['', '', '', '']);
    const { bytes } = await roundTrip(doc);
    const { blocks } = await readDocx(bytes, 'x.docx');
    const header = blocks.find((b): b is RowBlock => b.kind === 'row' && b.cells[0]?.lines.join('') === '一级指标')!;
    expect(header.cells.map((c) => c.lines.join(''))).toEqual([...'一级指标|二级指标|三级指标|绩效指标描述|指标值|指标值确定依据'.split('|'), '', '', '', '']);
  });

  it('writes the year under the title of a table whose code does not say it, as those forms do', async () => {
    const doc = await read('05-wuhan-qingshan-jiaoyu-boruo-2020.txt');
    expect(doc.projects[0]!.code).toBeNull();
    const lines = paragraphs(await part(await exportDocx(doc), 'word/document.xml'));
    expect(lines.slice(lines.indexOf('1.绩效目标表'), lines.indexOf('1.绩效目标表') + 2)).toEqual(['1.绩效目标表', '（2020年度）']);
    const hebei = await parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);
    // 13020225P…: the code says 2025, and the Hebei form has no year line
    expect(paragraphs(await part(await exportDocx(hebei), 'word/document.xml')).filter((l) => /年度）$/.test(l))).toEqual([]);
  });

  it('writes a 一级 carried from a row that is no indicator where the indicators under it begin', async () => {
    // 03: 效益指标 over 经济效益指标 (no indicator), then 社会效益指标 and 社会公众或服务对象满意度指标 (the older framework)
    const doc = await read('03-hunan-xiangtan-huanwei-2023.txt');
    const list = doc.projects[0]!.indicators;
    expect(list.slice(4).map((i) => [i.level1Raw, i.level1Inherited])).toEqual([['产出指标', true], ['效益指标', true], ['效益指标', true]]);
    const rows = officialTable(doc.projects[0]!).indicators.slice(5);
    expect(rows.map((r) => [r.cells[0]!.lines.join(''), r.cells[0]!.merge ?? null])).toEqual([['', 'continue'], ['效益指标', 'restart'], ['', 'continue']]);
    const { back } = await roundTrip(doc);
    expect(back.frameworkVersion).toBe('cn-common');
  });

  it('leaves a 二级 carried under a 一级 written again empty, and writes one carried from a category row', async () => {
    const base = await parseDocumentBytes(readFixture(FIXTURES.f000), FIXTURES.f000);
    const project = base.projects[0]!;
    const [first, second, ...rest] = project.indicators as [Indicator, Indicator, ...Indicator[]];
    // 产出指标 written again over an empty 二级 cell (成本指标 carried down); then 时效指标 carried from a row the model does not hold
    const indicators = [
      first,
      { ...second, level1Inherited: false, level2Raw: first.level2Raw, level2: first.level2, level2Inherited: true },
      { ...rest[0]!, level2Inherited: true },
      ...rest.slice(1),
    ];
    const doc: ParsedDocument = { ...base, projects: [{ ...project, indicators }] };
    const rows = officialTable(doc.projects[0]!).indicators.slice(1, 4);
    expect(rows.map((r) => r.cells.slice(0, 2).map((c) => c.lines.join('')))).toEqual([['产出指标', '成本指标'], ['产出指标', ''], ['', '时效指标']]);
    const { back } = await roundTrip(doc);
    expect(JSON.parse(documentContentJson(back))).toEqual(JSON.parse(documentContentJson(doc)));
    expect(back.projects[0]!.indicators.slice(0, 3).map((i) => [i.level1Raw, i.level1Inherited, i.level2Raw, i.level2Inherited])).toEqual([
      ['产出指标', false, '成本指标', false],
      ['产出指标', false, '成本指标', true],
      // written where the indicators under it begin: its own cell now
      ['产出指标', true, '时效指标', false],
    ]);
  });

  it('gives a document without tables its title, which says its department and year', async () => {
    const text = ['[101001]示范县民政局2025年部门预算绩效目标', '第一部分', '部门整体绩效目标', '一、总体绩效目标', '完成全年任务。', '二、分项绩效目标', '1.保障运转。', '三、工作保障措施', '1.加强领导。'].join('\n');
    const doc = await parseDocumentBytes(Buffer.from(text, 'utf8'), 'title.txt');
    expect([doc.year, doc.department?.code, doc.department?.name]).toEqual([2025, '101001', '示范县民政局']);
    const { back } = await roundTrip(doc);
    expect(content(back)).toEqual(expected(doc));
  });
});

describe('documents of other layouts', () => {
  it('form fields, both budgets and their lines, long-term goals and indicators, extra columns, narrative and department targets read back as written', async () => {
    const original = buildWideDocument();
    const { bytes, back } = await roundTrip(original);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'wide-layout.docx'), bytes);
    // Its fields with labels no layout knows are read back as such (and said so), nothing else is reported.
    expect(back.diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.code, d.message])).toEqual([
      ['unknown-field', '表“2025年度部门整体支出绩效目标表”中未知的栏目“联系科室”，按原样保存'],
      ['unknown-field', '表“城市社区工作者薪酬经费项目绩效目标表”中未知的栏目“资金性质”，按原样保存'],
    ]);
    expect(modelContent(back, { withDiagnostics: false })).toEqual(modelContent(original, { withDiagnostics: false }));
    expect(documentContentJson(back)).toBe(documentContentJson(original));
  });
});
