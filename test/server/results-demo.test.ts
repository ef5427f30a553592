/**
 * The demo's 结果运用 decisions: on the real documents' projects after the demo monitoring, most
 * decidable projects are accepted as suggested, some overridden with a reason, a few left pending;
 * every decision is one the rules allow, audited, current (not stale); a second run writes nothing.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { generateDemoMonitoring } from '../../src/server/modules/execution-records/demo-execution';
import { storeDocuments } from '../../src/server/modules/imports/store.service';
import { generateDemoResultsDecisions } from '../../src/server/modules/results/demo-results';
import { getResultsReport } from '../../src/server/modules/results/results.service';
import { snapshotDatabase, useTestDatabase } from '../db/helpers';
import { parseFixtures } from '../support/fixtures';

const NOW = new Date('2026-02-05T02:00:00.000Z');

describe('generateDemoResultsDecisions', () => {
  it('decides most projects at plausible rates, every decision valid and audited, once', async () => {
    const db = await useTestDatabase();
    await storeDocuments(db, Object.values(await parseFixtures()), { now: NOW });
    await db.updateTable('project').set({ status: 'approved' }).execute();
    await db.updateTable('project').set({ status: 'draft' }).where(sql<boolean>`id % 5 = 0`).execute();
    await generateDemoMonitoring(db, { now: NOW });

    const result = await generateDemoResultsDecisions(db, { now: NOW, actor: '演示数据' });
    const decided = result.accepted + result.overridden;
    expect(result.decidable).toBeGreaterThan(10);
    expect(decided + result.pending).toBe(result.decidable);
    expect(result.overridden).toBeGreaterThan(0);
    expect(result.accepted / decided).toBeGreaterThan(0.6);
    expect(result.accepted / decided).toBeLessThan(0.97);

    const years = await db.selectFrom('project').select('year').distinct().execute();
    const rows = (await Promise.all(years.map((y) => getResultsReport(db, y.year!)))).flatMap((r) => r.projects);
    const decisions = rows.flatMap((r) => (r.decision === null ? [] : [r.decision]));
    expect(decisions).toHaveLength(decided);
    for (const d of decisions) {
      expect(d.stale).toBe(false);
      if (d.overridden) expect((d.reason ?? '').length).toBeGreaterThanOrEqual(5);
      else expect([d.consequence, d.percent]).toStrictEqual([d.suggestedConsequence, d.suggestedPercent]);
    }
    // A spread of consequences, not one for all.
    expect(new Set(rows.map((r) => r.decision?.consequence ?? r.suggestion?.consequence).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
    const audit = (await listAuditEntries(db)).filter((e) => e.action === 'results.decide');
    expect(audit).toHaveLength(decided);

    const before = await snapshotDatabase(db);
    const again = await generateDemoResultsDecisions(db, { now: NOW });
    expect(again).toMatchObject({ decidable: result.decidable, accepted: 0, overridden: 0 });
    expect(await snapshotDatabase(db)).toStrictEqual(before);
  }, 120_000);
});
