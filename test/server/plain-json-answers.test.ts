/**
 * The routes read most under load send their answers without zod re-validating them
 * (app/serializers.ts plainJsonSerializer): the project list and the department page.
 * What they send must be exactly what the response schema lets through — no key the schema
 * leaves out, in the schema's order — for every kind of answer: each role, every
 * department of the fixtures and of generated data, returned projects with their last return,
 * filters, sorts, and the errors.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { encode } from 'zod';
import { departmentDetailSchema } from '../../src/shared/api/departments';
import { apiErrorSchema } from '../../src/shared/api/errors';
import { projectListResponseSchema } from '../../src/shared/api/projects';
import { generateData } from '../../src/server/modules/generate/generate.service';
import { FIXTURE_DIR } from '../support/fixtures';
import { importAllFixtures } from './domain-support';
import { startTestApp, type TestClient } from './support';

/** The body as sent equals the schema's encoding of it: nothing more, nothing reordered. */
async function expectSchemaExact(client: TestClient, path: string, schema: z.ZodType) {
  const res = await client.get(path);
  const body = res.json() as unknown;
  const bodySchema = res.statusCode === 200 ? schema : apiErrorSchema;
  expect(res.body, `${path} (${res.statusCode})`).toBe(JSON.stringify(encode(bodySchema, body)));
  return { status: res.statusCode, body };
}

describe('answers sent without zod re-validation', () => {
  it('are exactly what the response schemas let through', async () => {
    const t = await startTestApp();
    const fx = await importAllFixtures(t.db);
    await generateData(t.db, { projects: 80, seed: 3, year: 2025, fixtureDir: FIXTURE_DIR, now: new Date('2025-09-05T02:00:00.000Z'), monitoring: false });
    const reviewer = await t.client('reviewer');
    const f000 = fx.f000;
    const editor = await t.client('editor', { departmentId: f000.departmentId });
    // A returned project, so that the list carries a last return.
    await editor.post(`/api/projects/${f000.projectIds[0]}/actions`, { action: 'submit', version: 1 });
    await reviewer.post(`/api/projects/${f000.projectIds[0]}/actions`, { action: 'return', version: 2, comment: '请补充指标' });

    const lists = ['/api/projects', '/api/projects?pageSize=100&sort=code', '/api/projects?status=returned', '/api/projects?q=%E7%A4%BE%E5%8C%BA&sort=budget&order=desc', '/api/projects?page=3&pageSize=50&sort=score'];
    let returned = 0;
    for (const client of [reviewer, editor]) {
      for (const path of lists) {
        const { body } = await expectSchemaExact(client, path, projectListResponseSchema);
        returned += (body as { items: { lastReturn: unknown }[] }).items.filter((i) => i.lastReturn !== null).length;
      }
    }
    expect(returned).toBeGreaterThan(0);
    await expectSchemaExact(reviewer, '/api/projects?page=0', projectListResponseSchema);

    // (The project page stays validated: its stored findings carry `related`, which its schema leaves out.)
    const departments = (await t.db.selectFrom('department').select('id').execute()).map((r) => r.id);
    for (const id of departments) await expectSchemaExact(reviewer, `/api/departments/${id}`, departmentDetailSchema);
    await expectSchemaExact(editor, `/api/departments/${f000.departmentId}`, departmentDetailSchema);
    expect((await expectSchemaExact(editor, `/api/departments/${departments.find((id) => id !== f000.departmentId)}`, departmentDetailSchema)).status).toBe(404);
    await t.close();
  }, 240_000);
});
