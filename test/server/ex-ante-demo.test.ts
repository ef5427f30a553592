/**
 * The demo's 事前绩效评估 on the four real documents: most projects that need one get one, written
 * and reviewed through the real service, with a spread of conclusions and statuses, every submitted
 * one complete, the same every time.
 */
import { describe, expect, it } from 'vitest';
import { listExAnteAssessmentsOf } from '../../src/server/db/ex-ante.repository';
import type { Db } from '../../src/server/db/schema';
import { seedDemoExAnte } from '../../src/server/modules/ex-ante/demo-ex-ante';
import { getExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { storeDocuments } from '../../src/server/modules/imports/store.service';
import { useTestDatabase } from '../db/helpers';
import { parseFixtures } from '../support/fixtures';
import { createUser } from './support';

const NOW = new Date('2025-01-20T02:00:00.000Z');

async function demoDatabase(): Promise<Db> {
  const db = await useTestDatabase();
  await storeDocuments(db, Object.values(await parseFixtures()), { now: NOW });
  await createUser(db, { username: 'reviewer', role: 'reviewer', displayName: '财政局绩效科' });
  for (const d of await db.selectFrom('department').select('id').execute()) await createUser(db, { username: `dept-${d.id}`, role: 'editor', departmentId: d.id });
  return db;
}

async function summary(db: Db) {
  const rows = await listExAnteAssessmentsOf(db, (await db.selectFrom('project').select('id').execute()).map((p) => p.id));
  return rows.map((r) => [r.projectId, r.status, r.result, r.totalTenths, r.complete]);
}

describe('seedDemoExAnte', () => {
  it('assesses most new projects with a spread of conclusions and statuses', async () => {
    const db = await demoDatabase();
    const result = await seedDemoExAnte(db, { seed: 7, now: NOW });
    // The latest year is 2025 (one fixture is 2022); no 2024 document: every 2025 project is new.
    const projects = await db.selectFrom('project').select('id').where('year', '=', 2025).execute();
    expect(result.year).toBe(2025);
    expect(result.needed).toBe(projects.length);
    expect(result.assessments).toBeGreaterThan(result.needed * 0.65);
    expect(result.assessments).toBeLessThan(result.needed);
    expect(Object.keys(result.conclusions).sort()).toStrictEqual(['不予支持', '予以支持', '部分支持'].sort());
    expect(result.conclusions['予以支持']!).toBeGreaterThan(result.conclusions['不予支持']!);
    expect(Object.keys(result.statuses).sort()).toStrictEqual(['approved', 'draft', 'returned', 'submitted']);

    // What is stored is what the service says, and everything beyond a draft is complete.
    const rows = await listExAnteAssessmentsOf(db, projects.map((p) => p.id));
    expect(rows).toHaveLength(result.assessments);
    for (const r of rows.slice(0, 12)) {
      const view = await getExAnte(db, r.projectId, null);
      expect(view.assessment!.totalPoints * 10).toBe(r.totalTenths);
      expect(view.assessment!.conclusion).toBe(r.result);
    }
    expect(rows.filter((r) => r.status !== 'draft').every((r) => r.complete === 1)).toBe(true);
    const returned = rows.filter((r) => r.status === 'returned');
    for (const r of returned) expect((await getExAnte(db, r.projectId, null)).assessment!.events.at(-1)!.comment).toBeTruthy();

    // Run again: nothing more, nothing changed.
    const before = await summary(db);
    expect((await seedDemoExAnte(db, { seed: 7, now: NOW })).assessments).toBe(0);
    expect(await summary(db)).toStrictEqual(before);
  }, 120_000);

  it('writes the same data for the same seed', async () => {
    const a = await demoDatabase();
    const b = await demoDatabase();
    await seedDemoExAnte(a, { seed: 3, now: NOW });
    await seedDemoExAnte(b, { seed: 3, now: NOW });
    expect(await summary(a)).toStrictEqual(await summary(b));
  }, 120_000);
});
