/**
 * The row rules' memo (src/shared/review/row-memo.ts): a row rule is asked once per distinct row and its hits handed
 * to every row that says the same. The review must be exactly what it is with every rule asked about every row, each
 * finding pointing at its own row's cells, on every kind of document the tests have.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Indicator, ParsedDocument, SourceLocation } from '../../src/shared/domain/model';
import { reviewAndScore } from '../../src/shared/review/report';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { RULES } from '../../src/shared/review/rules/index';
import { placesOf, sameRow } from '../../src/shared/review/row-memo';
import { NO_HITS, type IndicatorRule, type Rule } from '../../src/shared/review/types';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import { generateCorpus } from '../../src/server/demo-corpus/generate-corpus';
import { FIXTURE_DIR, OTHER_PROVINCES_DIR } from '../support/fixtures';
import { textDocument, textTable } from '../support/text-document';

/** The same rules, none of them a row rule: each asked about every row, as before the memo. */
const ASKED_EVERY_ROW: readonly Rule[] = RULES.map((r) => (r.scope === 'indicator' ? { ...r, reads: undefined } : r));

const ROW_RULES = RULES.filter((r): r is IndicatorRule => r.scope === 'indicator' && r.reads === 'row');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]))
    .filter((f) => /\.(txt|html|docx|xlsx|xls|doc)$/.test(f))
    .sort();
}

async function parseAll(files: string[]): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  for (const f of files) {
    try {
      docs.push(...(await parseDocumentsBytes(readFileSync(f), f)));
    } catch {
      // a test document made to be refused: nothing to review
    }
  }
  return docs;
}

const line = (s: SourceLocation | null) => s?.line ?? null;

describe('the row rules, asked once per distinct row', () => {
  it('are most of the indicator rules, and none of those that read the project', () => {
    expect(ROW_RULES.length).toBeGreaterThan(20);
    // these read the project's form, its budget or its other rows
    for (const id of ['missing.basis', 'budget.cost-exceeds-budget', 'taxonomy.level1-lost', 'taxonomy.unknown-level2']) {
      expect(ROW_RULES.map((r) => r.id)).not.toContain(id);
    }
  });

  it('review every test document, fixture and generated document exactly as asking every rule about every row does', async () => {
    const docs = [
      ...(await parseAll([...filesUnder(join(process.cwd(), 'test/documents')), ...filesUnder(FIXTURE_DIR), ...filesUnder(OTHER_PROVINCES_DIR)])),
      ...(
        await Promise.all(
          (await generateCorpus({ documents: 30, tablesPerDocument: 12, seed: 7, fixtureDir: FIXTURE_DIR })).map((d) => parseDocumentsBytes(Buffer.from(d.text, 'utf8'), d.file)),
        )
      ).flat(),
    ];
    expect(docs.length).toBeGreaterThan(100);
    let findings = 0;
    // twice over: the second time every row's hits are remembered (from this document or an earlier one)
    for (let pass = 0; pass < 2; pass++) {
      for (const doc of docs) {
        const remembered = reviewAndScore(doc);
        const asked = reviewAndScore(doc, { rules: ASKED_EVERY_ROW });
        expect(remembered.findings, doc.file).toEqual(asked.findings);
        expect(remembered.projectScores, doc.file).toEqual(asked.projectScores);
        findings += remembered.findings.length;
      }
    }
    expect(findings).toBeGreaterThan(1000);
  }, 240_000);

  it('point each finding at its own row: the same row in two tables, each finding at its table’s cell', async () => {
    const rows = [
      ['产出指标', '数量指标', '培训人次', '培训基层干部人次', '≥300', '计划标准'],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '学员满意度', '≥90', '问卷调查'],
    ];
    const text = textDocument([textTable({ indicators: rows }), textTable({ indicators: rows, codeName: ['项目编码', '13020225P000000000002', '项目名称', '第二个项目'] })]);
    const [doc] = await parseDocumentsBytes(Buffer.from(text, 'utf8'), 'two-tables.txt');
    const found = reviewDocument(doc!).filter((f) => ROW_RULES.some((r) => r.id === f.rule) && f.field === 'target');
    const inTable = (p: number) => found.filter((f) => f.projectIndex === p);
    expect(inTable(0).length).toBeGreaterThan(0);
    expect(inTable(1).map((f) => f.rule)).toEqual(inTable(0).map((f) => f.rule));
    for (const f of found) {
      const indicator = doc!.projects[f.projectIndex!]!.indicators[f.indicatorIndex!]!;
      expect(line(f.source)).toBe(line(indicator.sources.target ?? indicator.source));
    }
    // the two tables' findings stand at different lines
    expect(new Set(found.map((f) => line(f.source))).size).toBe(found.length);
  });

  it('tell apart rows whose cells the document wrote differently: a row without its own target cell points at the row', () => {
    const doc = buildExampleDocument({ indicators: [{ at: 5, target: '≥90' }] });
    const copy = structuredClone(doc);
    const row = copy.projects[0]!.indicators[5]!;
    delete row.sources.target;
    expect(placesOf(row)).not.toBe(placesOf(doc.projects[0]!.indicators[5]!));
    const first = reviewDocument(doc).filter((f) => f.indicatorIndex === 5 && f.field === 'target');
    const second = reviewDocument(copy).filter((f) => f.indicatorIndex === 5 && f.field === 'target');
    expect(first.length).toBeGreaterThan(0);
    expect(second.map((f) => f.rule)).toEqual(first.map((f) => f.rule));
    for (const f of second) expect(f.source).toEqual(row.source);
    for (const f of first) expect(f.source).toEqual(doc.projects[0]!.indicators[5]!.sources.target);
  });

  it('tell apart a row whose target cell stands at the row’s own place from one whose target cell has its own', () => {
    // a target this file uses nowhere else, so that the memo holds nothing for it before
    const patch = { indicators: [{ at: 5, target: '≥93' }] };
    const atRow = buildExampleDocument(patch);
    const row = atRow.projects[0]!.indicators[5]!;
    row.sources.target = row.source;
    const ownCell = buildExampleDocument(patch);
    const own = ownCell.projects[0]!.indicators[5]!;
    expect(own.sources.target).toBeDefined();
    expect(own.sources.target).not.toEqual(own.source);
    expect(placesOf(row)).not.toBe(placesOf(own));
    const onTarget = (d: ParsedDocument) => reviewDocument(d).filter((f) => f.indicatorIndex === 5 && f.field === 'target');
    expect(onTarget(atRow).length).toBeGreaterThan(0);
    // asked after the row whose hits point at its first place: each hit still at this row's target cell
    const found = onTarget(ownCell);
    expect(found.map((f) => f.rule)).toEqual(onTarget(atRow).map((f) => f.rule));
    for (const f of found) expect(f.source).toEqual(own.sources.target);
  });

  it('remember a row per document year: a deadline before the year is found in 2025, not in 2024', () => {
    const patch = { indicators: [{ at: 2, target: '2024年12月底前' }] };
    const late = (year: number) => reviewDocument(buildExampleDocument({ ...patch, year })).filter((f) => f.rule === 'mismatch.deadline-year');
    expect(late(2025)).toHaveLength(1);
    expect(late(2024)).toHaveLength(0);
    expect(late(2025)).toHaveLength(1);
  });

  it('ask again for every row a hit that points elsewhere than the row: its place is never copied to another row', () => {
    const elsewhere = (i: Indicator): SourceLocation => ({ ...i.source, line: i.source.line + 1000 });
    const rule: IndicatorRule = {
      ...ROW_RULES[0]!,
      id: 'test.elsewhere',
      targetKind: undefined,
      check: (indicator) => (indicator.name === '' ? NO_HITS : [{ message: '此处', suggestion: '无', source: elsewhere(indicator) }]),
    };
    const doc = buildExampleDocument();
    const again = structuredClone(doc);
    for (const i of again.projects[0]!.indicators) i.source = { ...i.source, line: i.source.line + 7 };
    for (const d of [doc, again]) {
      const found = reviewDocument(d, { rules: [rule] });
      const indicators = d.projects[0]!.indicators;
      expect(found).toHaveLength(indicators.length);
      for (const f of found) expect(line(f.source)).toBe(indicators[f.indicatorIndex!]!.source.line + 1000);
    }
  });

  it('compare every field of a row but where it stands', () => {
    const doc = buildExampleDocument();
    const a = doc.projects[0]!.indicators[0]!;
    const b = structuredClone(a);
    b.source = { ...b.source, line: b.source.line + 40 };
    expect(sameRow(a, b)).toBe(true);
    for (const change of [
      (i: Indicator) => (i.level2Inherited = !i.level2Inherited),
      (i: Indicator) => (i.target = { ...i.target, unit: '个' }),
      (i: Indicator) => (i.extras = [{ header: '备注', text: '无', source: i.source }]),
      (i: Indicator) => (i.weight = 10),
      (i: Indicator) => (i.basis = `${i.basis ?? ''}。`),
    ]) {
      const c = structuredClone(a);
      change(c);
      expect(sameRow(a, c)).toBe(false);
    }
  });
});
