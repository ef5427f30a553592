/**
 * Storing execution records through the service: one round per project and date, replaced whole,
 * audited with before and after; malformed input refused with a Chinese message naming the field
 * path, and the database left exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import type { MonitoredProject } from '../../src/server/db/monitoring.repository';
import type { Db } from '../../src/server/db/schema';
import { ExecutionDataError, MonitoringNotFoundError } from '../../src/server/modules/monitoring/errors';
import {
  deleteExecutionRound,
  getExecutionRecord,
  listProjectExecutionRecords,
  saveExecutionRecord,
  type ExecutionRecordDraft,
} from '../../src/server/modules/execution-records/execution-record.service';
import { executionRecordInputSchema } from '../../src/shared/api/monitoring';
import { snapshotDatabase, useTestDatabase } from '../db/helpers';
import { monitoringProject, storeMonitoringDocument, WAN } from './monitoring-fixtures';

const NOW = new Date('2025-08-05T02:00:00.000Z');
const LATER = new Date('2025-08-06T02:00:00.000Z');

async function setup(): Promise<{ db: Db; p: MonitoredProject; other: MonitoredProject }> {
  const db = await useTestDatabase();
  const { projects } = await storeMonitoringDocument(db, [monitoringProject(1), monitoringProject(2)]);
  return { db, p: projects[0]!, other: projects[1]! };
}

/** A valid round for the standard project (indicators: cumulative, ceiling, qualitative, rate, deadline). */
function round(p: MonitoredProject, overrides: Partial<ExecutionRecordDraft> = {}): ExecutionRecordDraft {
  const [count, cost, benefit, satisfaction] = p.indicators;
  return {
    asOf: '2025-07-31',
    spentFen: 48 * WAN,
    spendingCause: '制度保障',
    spendingCauseNote: null,
    spendingMeasure: '加快采购进度',
    indicators: [
      { indicatorId: count!.id, valueToDate: '400', projected: 1000 },
      { indicatorId: cost!.id, projected: '110万元' },
      { indicatorId: benefit!.id, likelihood: '有可能', cause: '人员保障', measure: '补充人员' },
      { indicatorId: satisfaction!.id, projected: '88.50%' },
    ],
    ...overrides,
  };
}

async function refused(db: Db, projectId: number, input: ExecutionRecordDraft): Promise<{ path: string; message: string }[]> {
  const before = await snapshotDatabase(db);
  const error = await saveExecutionRecord(db, projectId, input, { actor: 'alice', now: NOW }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExecutionDataError);
  expect(await snapshotDatabase(db)).toEqual(before);
  return [...(error as ExecutionDataError).issues];
}

describe('saveExecutionRecord', () => {
  it('stores a round: values as entered (unit and % stripped), audited on the project', async () => {
    const { db, p } = await setup();
    const result = await saveExecutionRecord(db, p.id, round(p), { actor: 'alice', now: NOW });
    expect(result.status).toBe('created');
    expect(result.record).toMatchObject({
      projectId: p.id,
      asOf: '2025-07-31',
      spentFen: 48 * WAN,
      spendingCause: '制度保障',
      spendingMeasure: '加快采购进度',
      createdBy: 'alice',
      createdAt: NOW.toISOString(),
      updatedBy: 'alice',
    });
    expect(result.record.indicators.map((l) => [l.valueToDate, l.projected, l.likelihood])).toEqual([
      ['400', '1000', null],
      [null, '110', null],
      [null, null, '有可能'],
      [null, '88.50', null],
    ]);
    const audit = (await listAuditEntries(db, { entity: 'project', entityId: p.id })).filter((a) => a.action === 'execution.save');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'alice', at: NOW.toISOString() });
    expect(audit[0]!.detail).toMatchObject({ asOf: '2025-07-31', replaced: false, before: null, after: { spentFen: 48 * WAN } });
  });

  it('replaces the round of the same date, keeping its id and creation, auditing only what changed', async () => {
    const { db, p } = await setup();
    const first = await saveExecutionRecord(db, p.id, round(p), { actor: 'alice', now: NOW });
    const input = round(p, { spentFen: 60 * WAN });
    input.indicators = input.indicators.filter((l) => l.indicatorId !== p.indicators[1]!.id);
    const second = await saveExecutionRecord(db, p.id, input, { actor: 'bob', now: LATER });
    expect(second.status).toBe('replaced');
    expect(second.record).toMatchObject({ id: first.record.id, spentFen: 60 * WAN, createdBy: 'alice', updatedBy: 'bob', updatedAt: LATER.toISOString() });
    expect(second.record.indicators).toHaveLength(3);
    expect(await listProjectExecutionRecords(db, p.id)).toHaveLength(1);
    const audit = (await listAuditEntries(db, { entity: 'project', entityId: p.id })).filter((a) => a.action === 'execution.save');
    expect(audit[1]!.detail).toEqual({
      asOf: '2025-07-31',
      recordId: first.record.id,
      replaced: true,
      before: { spentFen: 48 * WAN, indicators: { [p.indicators[1]!.id]: { valueToDate: null, projected: '110', likelihood: null, cause: null, causeNote: null, measure: null } } },
      after: { spentFen: 60 * WAN, indicators: { [p.indicators[1]!.id]: null } },
    });
  });

  it('writes nothing when the same values are saved again', async () => {
    const { db, p } = await setup();
    await saveExecutionRecord(db, p.id, round(p), { actor: 'alice', now: NOW });
    const before = await snapshotDatabase(db);
    const again = await saveExecutionRecord(db, p.id, round(p), { actor: 'bob', now: LATER });
    expect(again.status).toBe('unchanged');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('keeps rounds of different dates apart, and deletes one with an audit entry', async () => {
    const { db, p } = await setup();
    await saveExecutionRecord(db, p.id, round(p, { asOf: '2025-03-31', spentFen: 10 * WAN }), { now: NOW });
    await saveExecutionRecord(db, p.id, round(p), { now: NOW });
    expect((await listProjectExecutionRecords(db, p.id)).map((r) => r.asOf)).toEqual(['2025-03-31', '2025-07-31']);
    expect(await deleteExecutionRound(db, p.id, '2025-03-31', { actor: 'alice', now: LATER })).toBe(true);
    expect(await deleteExecutionRound(db, p.id, '2025-03-31')).toBe(false);
    expect(await getExecutionRecord(db, p.id, '2025-03-31')).toBeUndefined();
    const last = (await listAuditEntries(db, { entity: 'project', entityId: p.id })).at(-1)!;
    expect(last).toMatchObject({ action: 'execution.delete', actor: 'alice' });
    expect(last.detail).toMatchObject({ asOf: '2025-03-31', after: null, before: { spentFen: 10 * WAN } });
  });

  it('drops indicator lines that say nothing', async () => {
    const { db, p } = await setup();
    const r = await saveExecutionRecord(db, p.id, round(p, { indicators: [{ indicatorId: p.indicators[0]!.id, valueToDate: '', projected: null, measure: '  ' }] }));
    expect(r.record.indicators).toEqual([]);
  });

  it('accepts input that the API schema accepts', async () => {
    const { db, p } = await setup();
    const input = executionRecordInputSchema.parse(round(p));
    await expect(saveExecutionRecord(db, p.id, input)).resolves.toMatchObject({ status: 'created' });
  });
});

describe('malformed execution data is refused, naming the field, and changes nothing', () => {
  it.each([
    ['negative spending', { spentFen: -1 }, 'spentFen', '累计支出不能为负数'],
    ['money that is not whole fen', { spentFen: 1234.5 }, 'spentFen', '累计支出须精确到分：1234.5 分不是整数'],
    ['money that is no number', { spentFen: '12' as unknown as number }, 'spentFen', '累计支出应为金额（整数分）'],
    ['money beyond the safe range', { spentFen: 2 ** 60 }, 'spentFen', '累计支出超出范围'],
    ['a date that does not exist', { asOf: '2025-02-30' }, 'asOf', '截至日期 2025-02-30 不存在'],
    ['a date outside the project year', { asOf: '2024-12-31' }, 'asOf', '截至日期 2024-12-31 不在项目的预算年度（2025年）内'],
    ['a date in another format', { asOf: '2025/07/31' }, 'asOf', '截至日期“2025/07/31”格式应为 YYYY-MM-DD'],
    ['a missing date', { asOf: '' }, 'asOf', '截至日期为空'],
    ['a cause outside the list', { spendingCause: '天气原因' }, 'spendingCause', '偏差原因“天气原因”不在可选范围内（经费保障、制度保障、人员保障、硬件保障、其他）'],
  ])('%s', async (_, patch, path, message) => {
    const { db, p } = await setup();
    expect(await refused(db, p.id, round(p, patch as Partial<ExecutionRecordDraft>))).toEqual([{ path, message }]);
  });

  it('a value for an indicator that is not the project’s', async () => {
    const { db, p, other } = await setup();
    const input = round(p);
    input.indicators = [...input.indicators, { indicatorId: other.indicators[0]!.id, valueToDate: '1' }];
    expect(await refused(db, p.id, input)).toEqual([
      { path: 'indicators.4.indicatorId', message: '所填的指标不属于项目“监控测试项目1”（或已在调整中取消）' },
    ]);
  });

  it('indicator values: not a number, a number for a qualitative target, negative cumulative, a likelihood outside the list, twice the same', async () => {
    const { db, p } = await setup();
    const [count, cost, benefit, satisfaction, deadline] = p.indicators;
    const issues = await refused(db, p.id, round(p, {
      indicators: [
        { indicatorId: count!.id, valueToDate: '四百', projected: -5 },
        { indicatorId: benefit!.id, valueToDate: '80' },
        { indicatorId: satisfaction!.id, likelihood: '大概能' },
        { indicatorId: cost!.id, projected: '1e5' },
        { indicatorId: deadline!.id, cause: '其他' },
        { indicatorId: count!.id, valueToDate: '1' },
      ],
    }));
    expect(issues).toEqual([
      { path: 'indicators.0.valueToDate', message: '指标“培训人次”的截至目前完成值“四百”不是数值（单位：人次）' },
      { path: 'indicators.0.projected', message: '指标“培训人次”的全年预计完成值不能为负数' },
      { path: 'indicators.1.valueToDate', message: '指标“社会效益”的指标值“显著提高”不是数值目标，不能填写截至目前完成值；请填写完成可能性' },
      { path: 'indicators.2.likelihood', message: '完成可能性“大概能”不在可选范围内（确定能、有可能、完全不可能）' },
      { path: 'indicators.3.projected', message: '指标“项目成本”的全年预计完成值“1e5”不是数值（单位：万元）' },
      { path: 'indicators.5.indicatorId', message: '指标“培训人次”重复填写' },
    ]);
  });

  it('reports every problem at once', async () => {
    const { db, p } = await setup();
    const issues = await refused(db, p.id, round(p, { asOf: '2025-13-01', spentFen: -5, spendingCause: 'x' }));
    expect(issues.map((i) => i.path)).toEqual(['asOf', 'spentFen', 'spendingCause']);
  });

  it('a project of a superseded document', async () => {
    const { db, p } = await setup();
    await storeMonitoringDocument(db, [monitoringProject(1)]);
    expect(await refused(db, p.id, round(p))).toEqual([
      { path: '', message: '项目“监控测试项目1”属于已被新版本替换的文档，不能登记执行情况；请在当前版本的项目上填报' },
    ]);
  });

  it('a project whose targets are not approved yet', async () => {
    const db = await useTestDatabase();
    const { projects } = await storeMonitoringDocument(db, [monitoringProject(1)], undefined, 2025, 'submitted');
    expect(await refused(db, projects[0]!.id, round(projects[0]!))).toEqual([
      { path: '', message: '项目“监控测试项目1”的绩效目标尚未审核通过（当前状态：已提交），审核通过后才能登记执行情况' },
    ]);
  });

  it('an unknown project is not found', async () => {
    const { db, p } = await setup();
    await expect(saveExecutionRecord(db, 999_999, round(p))).rejects.toBeInstanceOf(MonitoringNotFoundError);
    await expect(saveExecutionRecord(db, 999_999, round(p))).rejects.toThrow('项目不存在');
  });

  it('the message names the first problem and how many more', async () => {
    const { db, p } = await setup();
    const error = await saveExecutionRecord(db, p.id, round(p, { asOf: 'x', spentFen: -1 })).catch((e: unknown) => e);
    expect((error as Error).message).toBe('asOf: 截至日期“x”格式应为 YYYY-MM-DD（另有 1 处错误）');
  });
});
