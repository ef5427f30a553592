/**
 * Accessibility (axe.ts, WCAG 2.1 AA; see accessibility.test.ts): the reviewer's pages of the year's
 * later stages — 监控, 自评, 事前评估, 整改, 结果运用 — lists and a project's or a department's page of
 * each. No serious or critical violation.
 */
import { describe, expect, it } from 'vitest';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { auditAll } from './axe';
import { currentProjects } from './data';
import { useE2e } from './harness';

const e = useE2e();

describe('accessibility (axe-core, WCAG 2.1 AA): the reviewer’s pages of the later stages', () => {
  it('the monitoring, self-evaluation, ex-ante, rectification and results pages have no serious violation', async () => {
    const project = (await currentProjects(e.db, { status: 'approved' }))[0]!;
    const assessed = (await listExAnte(e.db, {})).items[0]!;
    const reviewer = await e.session('reviewer');
    const found = await auditAll(reviewer.page, [
      '/monitoring',
      `/monitoring/departments/${project.departmentId}`,
      `/projects/${project.id}/monitoring`,
      '/self-evaluations',
      `/self-evaluations/departments/${project.departmentId}`,
      `/projects/${project.id}/self-evaluation`,
      '/ex-ante',
      `/projects/${assessed.projectId}/ex-ante`,
      '/rectifications',
      '/results',
    ]);
    expect(found).toEqual({});
    // ten pages, each loaded, settled and audited: a bound for a loaded machine, not a measure
  }, 120_000);
});
