/**
 * Monitoring workbooks: the execution template of a department and round (drop-downs, ids, what is
 * recorded filled in) reads back to the same records; a filled template imports; bad rows are
 * refused by cell and import nothing; the monitoring and self-evaluation exports hold the tables.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import type { Db } from '../../src/server/db/schema';
import { EXECUTION_INDICATOR_COLUMNS, EXECUTION_PROJECT_COLUMNS, readExecutionXlsx } from '../../src/server/importers/xlsx/read-execution-xlsx';
import { ExecutionDataError } from '../../src/server/modules/monitoring/errors';
import {
  getExecutionRecord,
  listProjectExecutionRecords,
  saveExecutionRecord,
} from '../../src/server/modules/execution-records/execution-record.service';
import {
  buildExecutionTemplate,
  importExecutionWorkbook,
} from '../../src/server/modules/execution-records/execution-workbooks.service';
import {
  exportDepartmentMonitoring,
  exportProjectMonitoring,
} from '../../src/server/modules/monitoring/monitoring-workbooks.service';
import {
  exportDepartmentSelfEvaluation,
  exportProjectSelfEvaluation,
} from '../../src/server/modules/self-evaluation/self-evaluation-workbooks.service';
import { saveSelfEvaluation } from '../../src/server/modules/self-evaluation/self-evaluation.service';
import { snapshotDatabase, useTestDatabase } from '../db/helpers';
import { monitoringProject, storeMonitoringDocument, WAN } from '../server/monitoring-fixtures';

const ROUND = '2025-07-31';

async function setup(): Promise<{ db: Db; projects: MonitoredProject[]; departmentId: number }> {
  const db = await useTestDatabase();
  const { projects } = await storeMonitoringDocument(db, [monitoringProject(1), monitoringProject(2, { budgetWan: 300 }), monitoringProject(3)]);
  return { db, projects, departmentId: projects[0]!.departmentId! };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const letter = (columns: readonly { key: string }[], key: string) => String.fromCharCode(65 + columns.findIndex((c) => c.key === key));
const P = (key: (typeof EXECUTION_PROJECT_COLUMNS)[number]['key']) => letter(EXECUTION_PROJECT_COLUMNS, key);
const I = (key: (typeof EXECUTION_INDICATOR_COLUMNS)[number]['key']) => letter(EXECUTION_INDICATOR_COLUMNS, key);

/** The row of a project (项目执行) or indicator (指标执行) by its id in column A. */
function rowOf(ws: ExcelJS.Worksheet, id: number): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(`A${r}`).value === id) return r;
  throw new Error(`no row for id ${id}`);
}

async function recordSome(db: Db, projects: MonitoredProject[]) {
  const [p, q] = projects as [MonitoredProject, MonitoredProject];
  await saveExecutionRecord(db, p.id, {
    asOf: ROUND,
    spentFen: 48_123_456, // 48.123456 万元: six decimals, exact
    spendingCause: '其他',
    spendingCauseNote: '招标延期\n第二行',
    spendingMeasure: '加快采购',
    note: '备注_x0041_原样',
    indicators: [
      { indicatorId: p.indicators[0]!.id, valueToDate: '400', projected: '1000.0' },
      { indicatorId: p.indicators[2]!.id, likelihood: '有可能', cause: '人员保障', measure: '补充人员' },
      { indicatorId: p.indicators[3]!.id, projected: '88.50' },
    ],
  });
  await saveExecutionRecord(db, q.id, { asOf: ROUND, spentFen: 0, indicators: [] });
}

describe('the execution template', () => {
  it('has a row per project and per indicator, the round prefilled, drop-downs for cause and likelihood', async () => {
    const { db, projects, departmentId } = await setup();
    const wb = await load(await buildExecutionTemplate(db, departmentId, 2025, ROUND));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '项目执行', '指标执行']);
    const ps = wb.getWorksheet('项目执行')!;
    const is = wb.getWorksheet('指标执行')!;
    expect(ps.getRow(1).values).toEqual([undefined, ...EXECUTION_PROJECT_COLUMNS.map((c) => c.header)]);
    expect(ps.rowCount).toBe(4);
    expect(is.rowCount).toBe(1 + 15);
    expect(ps.getCell(`${P('projectId')}2`).value).toBe(projects[0]!.id);
    expect(ps.getCell(`${P('asOf')}2`).value).toBe(ROUND);
    expect(ps.getCell(`${P('budget')}3`).value).toBe(300);
    expect(ps.getCell(`${P('spent')}2`).value).toBeNull();
    expect(is.getCell(`${I('target')}2`).value).toBe('≥1000人次');
    expect(ps.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const validations = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const causeList = Object.entries(validations(ps)).find(([range]) => range.startsWith(`${P('cause')}2`))?.[1];
    expect(causeList?.formulae).toEqual(['"经费保障,制度保障,人员保障,硬件保障,其他"']);
    const likelihood = Object.entries(validations(is)).find(([range]) => range.startsWith(`${I('likelihood')}2`))?.[1];
    expect(likelihood?.formulae).toEqual(['"确定能,有可能,完全不可能"']);
  });

  it('round trip: the template of a recorded round reads back to the same records and imports as unchanged', async () => {
    const { db, projects, departmentId } = await setup();
    await recordSome(db, projects);
    const bytes = await buildExecutionTemplate(db, departmentId, 2025, ROUND);
    const read = await readExecutionXlsx(bytes);
    expect(read.errors).toEqual([]);
    for (const row of read.rows) {
      const stored = (await getExecutionRecord(db, row.projectId, ROUND))!;
      const { id: _i, projectId: _p, createdAt: _c, createdBy: _b, updatedAt: _u, updatedBy: _v, updatedOnBehalf: _o, ...content } = stored;
      expect(row.input).toEqual(content);
    }
    expect(read.rows.map((r) => r.projectId)).toEqual([projects[0]!.id, projects[1]!.id]);
    expect(read.rows[0]!.cells).toMatchObject({ spentFen: '项目执行!F2', 'indicators.1.likelihood': `指标执行!J4` });

    const before = await snapshotDatabase(db);
    const result = await importExecutionWorkbook(db, bytes, { actor: 'alice' });
    expect(result.records.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('a filled template imports: dates and amounts as people type them', async () => {
    const { db, projects, departmentId } = await setup();
    const [p, , r] = projects as [MonitoredProject, MonitoredProject, MonitoredProject];
    const wb = await load(await buildExecutionTemplate(db, departmentId, 2025, ROUND));
    const ps = wb.getWorksheet('项目执行')!;
    const is = wb.getWorksheet('指标执行')!;
    ps.getCell(`${P('spent')}${rowOf(ps, p.id)}`).value = 48;
    ps.getCell(`${P('asOf')}${rowOf(ps, r.id)}`).value = new Date(Date.UTC(2025, 7, 31));
    ps.getCell(`${P('spent')}${rowOf(ps, r.id)}`).value = '1,262.16';
    ps.getCell(`${P('cause')}${rowOf(ps, r.id)}`).value = '经费保障';
    is.getCell(`${I('valueToDate')}${rowOf(is, p.indicators[0]!.id)}`).value = '４００人次';
    const satisfaction = is.getCell(`${I('projected')}${rowOf(is, p.indicators[3]!.id)}`);
    satisfaction.value = 0.885;
    satisfaction.numFmt = '0.0%';
    is.getCell(`${I('likelihood')}${rowOf(is, p.indicators[2]!.id)}`).value = '确定能';
    const result = await importExecutionWorkbook(db, await save(wb), { actor: 'alice' });
    expect(result.records).toEqual([
      { projectId: p.id, name: p.name, asOf: ROUND, status: 'created' },
      { projectId: r.id, name: r.name, asOf: '2025-08-31', status: 'created' },
    ]);
    const stored = (await getExecutionRecord(db, p.id, ROUND))!;
    expect(stored.spentFen).toBe(48 * WAN);
    expect(stored.indicators.map((l) => [l.valueToDate, l.projected, l.likelihood])).toEqual([
      ['400', null, null],
      [null, null, '确定能'],
      [null, '88.5', null],
    ]);
    expect((await getExecutionRecord(db, r.id, '2025-08-31'))!).toMatchObject({ spentFen: 1_262_160_000, spendingCause: '经费保障' });
    expect(await listProjectExecutionRecords(db, projects[1]!.id)).toEqual([]);
  });

  it('refuses bad rows by cell — negative, inexact money, dates outside the year or that do not exist, foreign indicators — and imports nothing', async () => {
    const { db, projects, departmentId } = await setup();
    const [p, q, r] = projects as [MonitoredProject, MonitoredProject, MonitoredProject];
    const wb = await load(await buildExecutionTemplate(db, departmentId, 2025, ROUND));
    const ps = wb.getWorksheet('项目执行')!;
    const is = wb.getWorksheet('指标执行')!;
    ps.getCell(`${P('spent')}2`).value = -5;
    ps.getCell(`${P('spent')}3`).value = '12.1234567';
    ps.getCell(`${P('asOf')}3`).value = '2024-07-31';
    ps.getCell(`${P('spent')}4`).value = 1;
    ps.getCell(`${P('asOf')}4`).value = '2025-02-30';
    ps.getCell(`${P('cause')}4`).value = '天气';
    const benefitRow = rowOf(is, p.indicators[2]!.id);
    is.getCell(`${I('valueToDate')}${benefitRow}`).value = 80;
    const foreignRow = rowOf(is, q.indicators[0]!.id);
    is.getCell(`A${foreignRow}`).value = r.indicators[0]!.id + 100_000;
    is.getCell(`${I('valueToDate')}${foreignRow}`).value = 5;
    const badId = rowOf(is, r.indicators[1]!.id);
    is.getCell(`A${badId}`).value = 'abc';
    const before = await snapshotDatabase(db);
    const error = await importExecutionWorkbook(db, await save(wb)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionDataError);
    expect(await snapshotDatabase(db)).toEqual(before);
    expect((error as ExecutionDataError).issues).toEqual([
      { path: '项目执行!F2', message: '累计支出不能为负数' },
      { path: '项目执行!E3', message: '截至日期 2024-07-31 不在项目的预算年度（2025年）内' },
      { path: '项目执行!F3', message: '累计支出“12.1234567”小数位过多，无法精确到分' },
      { path: '项目执行!E4', message: '截至日期 2025-02-30 不存在' },
      { path: '项目执行!G4', message: '偏差原因“天气”不在可选范围内（经费保障、制度保障、人员保障、硬件保障、其他）' },
      { path: `指标执行!${I('valueToDate')}${benefitRow}`, message: '指标“社会效益”的指标值“显著提高”不是数值目标，不能填写截至目前完成值；请填写完成可能性' },
      { path: `指标执行!A${foreignRow}`, message: '所填的指标不属于项目“监控测试项目2”（或已在调整中取消）' },
      { path: `指标执行!A${badId}`, message: '指标ID“abc”应为正整数（请勿修改模板中的指标ID）' },
    ]);
    expect((error as Error).message).toBe('项目执行!F2: 累计支出不能为负数（另有 7 处错误）');
  });

  it('refuses projects of another department when one is given, unknown project ids, and an empty workbook', async () => {
    const { db, projects, departmentId } = await setup();
    const wb = await load(await buildExecutionTemplate(db, departmentId, 2025, ROUND));
    const ps = wb.getWorksheet('项目执行')!;
    ps.getCell(`${P('spent')}2`).value = 1;
    ps.getCell(`${P('spent')}3`).value = 1;
    ps.getCell('A3').value = 777_777;
    const bytes = await save(wb);
    const error = (await importExecutionWorkbook(db, bytes, { departmentId: departmentId + 1 }).catch((e: unknown) => e)) as ExecutionDataError;
    expect(error.issues).toEqual([
      { path: '项目执行!A2', message: `项目ID ${projects[0]!.id}（监控测试项目1）不属于本单位` },
      { path: '项目执行!A3', message: '项目ID 777777 不存在' },
      // the indicator rows of the project whose id was overwritten now point nowhere
      { path: '指标执行!B7', message: `项目ID ${projects[1]!.id} 在“项目执行”表中没有对应的行` },
    ]);
    const blank = await buildExecutionTemplate(db, departmentId, 2025, ROUND);
    await expect(importExecutionWorkbook(db, blank)).rejects.toThrow('项目执行!A2: 工作簿中没有填写任何项目的执行情况');
    await expect(importExecutionWorkbook(db, Buffer.from('not a workbook'))).rejects.toThrow(/不是有效的 Excel 工作簿/);
  });

  it('refuses a template for a date outside the year', async () => {
    const { db, departmentId } = await setup();
    await expect(buildExecutionTemplate(db, departmentId, 2025, '2026-01-31')).rejects.toThrow('截至日期 2026-01-31 不在 2025 年内');
  });
});

describe('exports', () => {
  it('the monitoring tables of a department and of a project', async () => {
    const { db, projects, departmentId } = await setup();
    await recordSome(db, projects);
    const wb = await load(await exportDepartmentMonitoring(db, departmentId, 2025, ROUND));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '监控汇总', '指标监控']);
    const summary = wb.getWorksheet('监控汇总')!;
    expect(summary.rowCount).toBe(3);
    const header = (summary.getRow(1).values as unknown[]).slice(1);
    const at = (row: number, label: string) => summary.getRow(row).getCell(header.indexOf(label) + 1).value;
    expect(at(2, '项目名称')).toBe('监控测试项目1');
    expect(at(2, '累计支出（万元）')).toBe(48.123456);
    expect(at(2, '支出预警')).toBe('黄灯');
    expect(summary.getRow(2).getCell(header.indexOf('支出预警') + 1).fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
    const info = wb.getWorksheet('说明')!;
    expect(JSON.stringify(info.getSheetValues())).toContain('监控测试项目3');
    expect(wb.getWorksheet('指标监控')!.rowCount).toBe(1 + 10);

    const one = await load((await exportProjectMonitoring(db, projects[0]!.id))!);
    expect(one.getWorksheet('监控汇总')!.rowCount).toBe(2);
    expect(await exportProjectMonitoring(db, projects[2]!.id)).toBeNull();
  });

  it('the self-evaluation table of a project (official form) and of a department', async () => {
    const { db, projects, departmentId } = await setup();
    const p = projects[0]!;
    await saveSelfEvaluation(db, p.id, {
      spentFen: 110 * WAN,
      goalAchievement: '完成培训',
      indicators: [
        { indicatorId: p.indicators[0]!.id, actual: { kind: 'value', value: 900 }, deviationCause: '天气影响', improvement: '提前安排' },
        { indicatorId: p.indicators[2]!.id, actual: { kind: 'graded', grade: '达成', percent: 95 } },
      ],
    });
    const wb = await load(await exportProjectSelfEvaluation(db, p.id));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['自评表', '自评汇总', '自评明细']);
    const form = JSON.stringify(wb.getWorksheet('自评表')!.getSheetValues());
    for (const text of ['项目名称', '监控测试项目1', '年初预算数', '完成培训', '培训人次', '900人次', '偏差原因：天气影响\\n改进措施：提前安排', '总分']) {
      expect(form).toContain(text);
    }
    const department = await load(await exportDepartmentSelfEvaluation(db, departmentId, 2025));
    expect(department.worksheets.map((w) => w.name)).toEqual(['自评汇总', '自评明细']);
    const rows = department.getWorksheet('自评汇总')!;
    expect(rows.rowCount).toBe(4);
    expect(JSON.stringify(rows.getSheetValues())).toContain('未填报');
  });
});
