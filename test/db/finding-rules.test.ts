/**
 * The department page groups its repeated findings from the rules of each project's findings
 * (project_findings.rules, migration 0021) instead of the findings: the groups must be exactly
 * what groupRepeated gives over the stored findings (the code before), for every department;
 * the migration's fill (the database's JSON functions) must give what the code writes; and a
 * row without its rules (written by another path) must still give the same page. The same for
 * the examples of the groups (project_findings.examples, migration 0022). The page is
 * sent without zod's re-validation (app/serializers.ts): the service's answer must be exactly
 * what the response schema lets through.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { departmentDetailSchema } from '../../src/shared/api/departments';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/shared/api/auth';
import { groupRepeated } from '../../src/shared/review/report';
import { findingRulesOf, listProjects, loadStoredFindings } from '../../src/server/db/project.repository';
import { fillFindingRules } from '../../src/server/db/migrations/0021-finding-rules';
import { fillFindingExamples } from '../../src/server/db/migrations/0022-finding-examples';
import { findingExamplesOf } from '../../src/server/db/document.repository';
import type { Db } from '../../src/server/db/schema';
import { getDepartmentDetail } from '../../src/server/modules/departments/departments.service';
import { generateData } from '../../src/server/modules/generate/generate.service';
import { importAllFixtures } from '../server/domain-support';
import { FIXTURE_DIR } from '../support/fixtures';
import { openTestDatabase, TEST_DIALECT } from '../support/test-database';

const REVIEWER: SessionUser = { id: 1, username: 'reviewer', displayName: '审核人', role: 'reviewer', departmentId: null, departmentName: null, mustChangePassword: false };

/** The repeated findings as the page computed them before 0021: groupRepeated over every project's stored findings, in list order. */
async function repeatedBefore(db: Db, departmentId: number, year: number) {
  const { rows } = await listProjects(db, { departmentIds: [departmentId], year }, { sort: 'department', order: 'asc', offset: 0, limit: 10_000 });
  const stored = await loadStoredFindings(db, rows.map((r) => r.id));
  const findings = rows.flatMap((r, i) => (stored.get(r.id) ?? []).filter((f) => f.projectIndex !== null).map((f) => ({ ...f, projectIndex: i })));
  return groupRepeated(findings).map((g) => ({
    rule: g.rule,
    category: g.findings[0]!.category,
    severity: g.severity,
    count: g.findings.length,
    example: { message: g.findings[0]!.message, suggestion: g.findings[0]!.suggestion },
    projects: g.projects.map((i) => ({ id: rows[i]!.id, name: rows[i]!.name })),
  }));
}

async function departmentYears(db: Db) {
  return db.selectFrom('document').select(['departmentId', 'year']).distinct().where('isCurrent', '=', 1).where('departmentId', 'is not', null).where('year', 'is not', null).execute();
}

describe('the repeated findings of the department page', () => {
  it('are grouped from the stored rules exactly as from the findings, and the rules filled by the migration are those the code writes', async () => {
    const t = await openTestDatabase();
    try {
      const db = t.db;
      await importAllFixtures(db);
      await generateData(db, { projects: 150, seed: 5, year: 2025, fixtureDir: FIXTURE_DIR, now: new Date('2025-09-05T02:00:00.000Z'), monitoring: false });
      const pages = await departmentYears(db);
      expect(pages.length).toBeGreaterThan(5);
      const expected = new Map<string, unknown>();
      let groups = 0;
      for (const { departmentId, year } of pages) {
        const before = await repeatedBefore(db, departmentId!, year!);
        groups += before.length;
        expected.set(`${departmentId} ${year}`, before);
        const detail = await getDepartmentDetail(db, REVIEWER, departmentId!, year!);
        expect(detail.repeatedFindings, `${departmentId} ${year}`).toStrictEqual(before);
        // The route sends the answer without zod (app/serializers.ts): it must be exactly what
        // the response schema lets through, key order included.
        expect(JSON.stringify(detail)).toBe(JSON.stringify(z.encode(departmentDetailSchema, detail)));
      }
      expect(groups).toBeGreaterThan(5);

      // For each column derived from the findings — the examples (0022), then the rules (0021):
      // what the import wrote (insertDocumentRows, projectFindingsRow) is the code's derivation
      // of the findings, for every row; without it the page reads the findings instead and gives
      // the same; the migration's fill, by the database's JSON functions, gives what the code writes.
      const derived = [
        { column: 'examples', derive: findingExamplesOf, fill: fillFindingExamples },
        { column: 'rules', derive: findingRulesOf, fill: fillFindingRules },
      ] as const;
      for (const { column, derive, fill } of derived) {
        const expectDerived = async () => {
          const rows = await db.selectFrom('projectFindings').select(['projectId', 'findings', column]).execute();
          expect(rows.length).toBeGreaterThan(100);
          for (const r of rows) expect(JSON.parse((r as unknown as Record<string, string>)[column]!), `${column} of project ${r.projectId}`).toStrictEqual(derive(JSON.parse(r.findings)));
        };
        await expectDerived();
        await sql`update project_findings set ${sql.ref(column)} = null`.execute(db);
        for (const { departmentId, year } of pages) {
          expect((await getDepartmentDetail(db, REVIEWER, departmentId!, year!)).repeatedFindings, `without ${column}`).toStrictEqual(expected.get(`${departmentId} ${year}`));
        }
        await fill(db, TEST_DIALECT);
        await expectDerived();
      }
    } finally {
      await t.close();
    }
  }, 240_000);
});
