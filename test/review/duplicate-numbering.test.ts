/**
 * The duplicate rules number every normalised cell once, in a bounded numbering kept across reviews and restarted
 * only between them, and keep each cell's number on its readings (CellText.normNumber) while that numbering lasts
 * (src/shared/review/rules/duplicate.ts). A number kept from a numbering that has restarted must never be read: a
 * cell numbered before the restart would share its number with another cell numbered after it, and two different rows
 * would be taken for the same.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import { textDocument, textTable, type Rows } from '../support/text-document';

async function parse(text: string, file: string): Promise<ParsedDocument> {
  const [doc] = await parseDocumentsBytes(Buffer.from(text, 'utf8'), file);
  return doc!;
}

/** A table's rows, every cell its own (`tag` and `n` make them; with n 24 and 21 no target of one table is one of the other). */
const rowsOf = (tag: string, n: number): Rows => [
  ['产出指标', '数量指标', `${tag}巡查次数`, `${tag}全年巡查河道次数`, `≥${n}次`, '计划标准'],
  ['', '质量指标', `${tag}问题整改率`, `${tag}巡查发现问题的整改比例`, `≥${n + 70}%`, '行业标准'],
  ['', '时效指标', `${tag}整改完成时间`, `${tag}问题整改完成时限`, `${(n % 12) + 1}月底前`, '计划标准'],
  ['', '成本指标', `${tag}巡查成本`, `${tag}巡查支出金额`, `≤${n / 2}万元`, '预算支出标准'],
  ['效益指标', '生态效益指标', `${tag}水质达标`, `${tag}断面水质达标情况`, `达标断面≥${n}个`, '行业标准'],
  ['满意度指标', '服务对象满意度指标', `${tag}沿岸群众满意度`, `${tag}沿岸群众满意度`, `≥${n + 66}%`, '问卷调查'],
];

/** A second table, of another name and ten times the budget (duplicate.same-table-other-budget: the same table twice). */
const second = (name: string) => ({
  codeName: ['项目编码', '13020225P000000000002', '项目名称', name],
  budget: ['预算规模及资金用途', '预算数', '100.00', '其中：财政    资金', '100.00', '其他资金', ' '],
});

/** The duplicate rules' findings of a review, as compared. */
const duplicates = (findings: readonly { rule: string; projectIndex: number | null; message: string }[]) =>
  findings.filter((f) => f.rule.startsWith('duplicate.')).map((f) => `${f.rule} ${f.projectIndex} ${f.message}`);

describe('the duplicate rules’ numbering of cells', () => {
  it('reads no number kept from before the numbering restarted: two tables of other rows are never taken for copies', async () => {
    // a department's two tables with the same rows, then a document of more distinct cells than the numbering keeps
    const before = await parse(textDocument([textTable({ indicators: rowsOf('甲', 24) }), textTable({ indicators: rowsOf('甲', 24), ...second('河道巡查二期') })]), 'before.txt');
    const many: Rows = Array.from({ length: 3_500 }, (_, k) => ['产出指标', '数量指标', `指标${k}`, `描述${k}`, `≥${k + 1}个`, '计划标准']);
    const large = await parse(textDocument([textTable({ indicators: many })]), 'large.txt');
    // then a document whose first table has the rows numbered before the restart and whose second has other rows: a
    // number kept from before would be the number the second table's cell in the same place gets after
    const after = await parse(textDocument([textTable({ indicators: rowsOf('甲', 24) }), textTable({ indicators: rowsOf('乙', 21), ...second('湖泊巡查') })]), 'after.txt');

    vi.resetModules();
    const fresh = await import('../../src/shared/review/engine');
    const expected = duplicates(fresh.reviewDocument(after));

    vi.resetModules();
    const engine = await import('../../src/shared/review/engine');
    const { selectReviewConfig } = await import('../../src/shared/review/config');
    // the rows of `before` numbered, and its two tables found the same (the numbering is in use)
    expect(duplicates(engine.reviewDocument(before)).filter((d) => d.startsWith('duplicate.same-table-other-budget'))).toHaveLength(1);
    // the large document read under other settings (a copy): its cells' readings are kept apart, so those of `before`
    // stay, while the numbering, one for all settings, grows past its bound and restarts at the next review
    engine.reviewDocument(large, { config: { ...selectReviewConfig(large.year, engine.documentRegion(large)) } });
    expect(duplicates(engine.reviewDocument(after))).toEqual(expected);
    // and the second table is not the first
    expect(expected.filter((d) => d.startsWith('duplicate.same-table-other-budget'))).toEqual([]);
  }, 120_000);
});
