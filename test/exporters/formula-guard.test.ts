/**
 * Spreadsheet formula neutralisation (issue 35, point 4): every text cell of every .xlsx Jixiao
 * writes that begins with = + - @, a tab or a carriage return carries OWASP's quote prefix (a
 * leading '), and Jixiao's own import reads it back unchanged (shared/domain/formula-guard.ts: one
 * apostrophe is added before apostrophes-then-trigger on export and removed on import, so the
 * rule is exact both ways). Every exporter writes through one of two writers: xlsx-sheets.ts
 * toBuffer (rectifications, results, monitoring, self-evaluation, the execution template) and
 * xlsx-exporter.ts (the department export and its fill-in template); both are checked here.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportTemplate, exportXlsx } from '../../src/server/exporters/xlsx-exporter';
import { addRow, addTable, newWorkbook, toBuffer } from '../../src/server/exporters/xlsx-sheets';
import { readXlsx } from '../../src/server/importers/xlsx/read-xlsx';
import { neutraliseFormula, restoreFormulaText } from '../../src/shared/domain/formula-guard';
import { buildExampleDocument } from '../../src/shared/review/examples';

const TRIGGER = /^[=+\-@\t\r]/;
const HOSTILE = ['=HYPERLINK("http://evil.example","点击")', '+1+2', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', "'=already"];

/** Every text a workbook's cells hold (rich text joined). */
async function texts(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string') out.push(v);
        else if (v && typeof v === 'object' && 'richText' in v) out.push(v.richText.map((r) => r.text).join(''));
      }),
    ),
  );
  return out;
}

/** A deep copy of `value` with each string in `swap` replaced. */
function swapped<T>(value: T, swap: Map<string, string>): T {
  return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' && swap.has(v) ? swap.get(v) : v)) as T;
}

describe('formula neutralisation', () => {
  it('reads back every text exactly, and nothing written starts a formula (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE), fc.string().map((s) => `'${s}`), fc.string().map((s) => `=${s}`)), (s) => {
        const written = neutraliseFormula(s);
        expect(written).not.toMatch(TRIGGER);
        expect(restoreFormulaText(written)).toBe(s);
      }),
      { numRuns: 2000 },
    );
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula("'abc")).toBe("'abc");
    expect(restoreFormulaText("'abc")).toBe("'abc");
  });

  it('the department export: hostile names are prefixed in the workbook and import back unchanged', async () => {
    const clean = buildExampleDocument();
    const swap = new Map([
      ['全年开展社区服务活动的场次', HOSTILE[0]!],
      ['已开展活动占计划活动的比例', HOSTILE[1]!],
      ['开展活动场次', HOSTILE[3]!],
      ['活动完成率', "'=already"],
    ]);
    const doc = swapped(clean, swap);
    const bytes = await exportXlsx([doc], { findings: true });
    const written = await texts(bytes);
    expect(written.filter((t) => TRIGGER.test(t))).toEqual([]);
    expect(written).toContain(`'${HOSTILE[0]}`);
    expect(written).toContain("''=already");
    const [back] = await readXlsx(bytes, 'export.xlsx');
    const backText = JSON.stringify(back!.projects ?? back);
    for (const hostile of swap.values()) expect(backText).toContain(JSON.stringify(hostile).slice(1, -1));
    expect(backText).not.toContain(JSON.stringify(`'${HOSTILE[0]}`).slice(1, -1));
  });

  it('the fill-in template', async () => {
    const written = await texts(await exportTemplate());
    expect(written.length).toBeGreaterThan(10);
    expect(written.filter((t) => TRIGGER.test(t))).toEqual([]);
  });

  it('the shared writer (rectifications, results, monitoring, self-evaluation, execution template)', async () => {
    const wb = newWorkbook();
    const columns = [{ key: 'a', header: '=表头', width: 10 }, { key: 'b', header: '说明', width: 10 }];
    const ws = addTable(wb, '数据', columns);
    for (const h of HOSTILE) addRow(ws, columns, { a: h, b: 3 });
    ws.getCell('C2').value = { richText: [{ text: '@' }, { text: 'SUM(A1)' }] };
    const written = await texts(await toBuffer(wb));
    expect(written.filter((t) => TRIGGER.test(t))).toEqual([]);
    expect(written).toContain("'@SUM(A1)");
  });
});
