/**
 * The demo's 整改 items, on the four real documents after the demo's monitoring: made from each
 * kind of problem at plausible rates, spread over every state with some overdue, each with its
 * timeline and audit entries, the same every time, and written once.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { listRectifications } from '../../src/server/db/rectification.repository';
import type { Db } from '../../src/server/db/schema';
import { generateDemoMonitoring } from '../../src/server/modules/execution-records/demo-execution';
import { generateDemoRectifications } from '../../src/server/modules/rectification/demo-rectification';
import { presentItem } from '../../src/server/modules/rectification/rectification.service';
import { storeDocuments } from '../../src/server/modules/imports/store.service';
import { chinaToday } from '../../src/shared/domain/rectification';
import { useTestDatabase } from '../db/helpers';
import { parseFixtures } from '../support/fixtures';

const NOW = new Date('2026-03-10T02:00:00.000Z');

async function demoDatabase(): Promise<Db> {
  const db = await useTestDatabase();
  await storeDocuments(db, Object.values(await parseFixtures()), { now: new Date('2025-09-05T02:00:00.000Z') });
  await db.updateTable('project').set({ status: 'approved' }).execute();
  await db.updateTable('project').set({ status: 'draft' }).where(sql<boolean>`id % 5 = 0`).execute();
  await generateDemoMonitoring(db, { now: new Date('2025-09-05T02:00:00.000Z') });
  return db;
}

async function items(db: Db) {
  const today = chinaToday(NOW);
  return (await listRectifications(db, {}, today, { offset: 0, limit: 1000 })).items.map((i) => presentItem(i, today));
}

describe('generateDemoRectifications', () => {
  it('makes items of every kind of problem, in every state, some overdue, each audited', async () => {
    const db = await demoDatabase();
    const result = await generateDemoRectifications(db, { seed: 7, now: NOW });
    const all = await items(db);
    expect(all).toHaveLength(result.items);
    const projects = await db.selectFrom('project').select('id').execute();
    // plausible: some, not one per project
    expect(result.items).toBeGreaterThanOrEqual(10);
    expect(result.items).toBeLessThan(projects.length * 1.2);
    expect(new Set(all.map((i) => i.sourceKind))).toStrictEqual(new Set(['finding', 'deviation', 'self-evaluation']));
    const by = (s: string) => all.filter((i) => i.displayStatus === s).length;
    for (const s of ['closed', 'done', 'overdue']) expect(by(s), s).toBeGreaterThan(0);
    expect(by('pending') + by('in-progress')).toBeGreaterThan(0);
    expect(by('overdue')).toBe(result.overdue);
    // overdue is a part of the open items, not all of them
    expect(result.overdue).toBeLessThan(result.open);
    expect(by('closed')).toBe(result.closed);
    // drafts are not reviewed: no finding of a draft became an item
    const drafts = new Set((await db.selectFrom('project').select('id').where('status', '=', 'draft').execute()).map((p) => p.id));
    expect(all.filter((i) => i.sourceKind === 'finding' && drafts.has(i.projectId))).toStrictEqual([]);
    for (const item of all) {
      const audit = await listAuditEntries(db, { entity: 'rectification_item', entityId: item.id });
      expect(audit[0]!.action).toBe('rectification.create');
      if (item.status === 'closed') expect(audit.map((a) => a.action)).toContain('rectification.confirm');
      if (item.status === 'done' || item.status === 'closed') expect(item.fileCount).toBe(1);
      expect(item.createdAt < NOW.toISOString()).toBe(true);
      expect(item.updatedAt < NOW.toISOString()).toBe(true);
    }
  }, 120_000);

  it('gives the same items for the same seed, and writes nothing the second time', async () => {
    const strip = (list: Awaited<ReturnType<typeof items>>) => list.map(({ id: _id, projectId: _p, ...rest }) => rest);
    const one = await demoDatabase();
    const two = await demoDatabase();
    await generateDemoRectifications(one, { seed: 7, now: NOW });
    await generateDemoRectifications(two, { seed: 7, now: NOW });
    expect(strip(await items(two))).toStrictEqual(strip(await items(one)));
    const again = await generateDemoRectifications(one, { seed: 8, now: NOW });
    expect(again.items).toBe(0);
    expect((await items(one)).length).toBe((await items(two)).length);
  }, 120_000);
});
