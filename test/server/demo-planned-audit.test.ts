/**
 * The demo monitoring data's audit entries are planned (in generate's worker) before their rows'
 * ids are known, their detail as JSON text around the id (demo-execution.ts plannedAudit); the
 * text written with the id must be exactly JSON.stringify of the detail with the id in its place,
 * as when the detail object was written. test/cli/generate-golden.test.ts checks the audit rows
 * generate writes end to end.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/server/db/document.repository';
import { auditWithId, plannedAudit } from '../../src/server/modules/execution-records/demo-execution';

const entry = (detail: Record<string, unknown>): AuditEntry => ({ at: '2025-06-30T08:00:00.000Z', actor: '数据生成', action: 'execution.save', entity: 'project', entityId: 7, detail });

describe('an audit entry planned as text around its id', () => {
  const details: [Record<string, unknown>, 'recordId' | 'evaluationId'][] = [
    [{ asOf: '2025-06-30', recordId: -1, replaced: false, before: null, after: { spentFen: 100, indicators: { 12: { valueToDate: '1', cause: '其他' } } } }, 'recordId'],
    [{ evaluationId: -1, total: 94.59, grade: '优', before: null, after: { note: '“引号”\n换行' } }, 'evaluationId'],
    [{ recordId: -1 }, 'recordId'],
    [{ first: undefined, recordId: -1, last: undefined }, 'recordId'],
    [{ asOf: '2025-08-31', last: undefined }, 'recordId'],
    [{}, 'evaluationId'],
  ];
  it.each(details)('gives the text of the detail with the id (%j)', (detail, key) => {
    for (const id of [1, 42, 123456]) {
      const written = auditWithId(plannedAudit(entry(detail), key), id);
      expect(written.detailText).toBe(JSON.stringify({ ...detail, [key]: id }));
      expect(JSON.parse(written.detailText)).toEqual(JSON.parse(JSON.stringify({ ...detail, [key]: id })));
      const { detail: _planned, ...rest } = entry(detail);
      expect({ ...written, detailText: undefined }).toEqual({ ...rest, detailText: undefined });
    }
  });
  it('survives the copy between threads', () => {
    const planned = plannedAudit(entry(details[0]![0]), 'recordId');
    expect(auditWithId(structuredClone(planned), 5)).toEqual(auditWithId(planned, 5));
  });
});
