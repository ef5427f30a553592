/**
 * Accessibility (axe.ts, WCAG 2.1 AA; see accessibility.test.ts): the reviewer's pages of the targets
 * themselves — the workbench, the projects and their review, the departments, the statistics, the
 * library, the import, the password form. No serious or critical violation.
 */
import { describe, expect, it } from 'vitest';
import { auditAll } from './axe';
import { currentProjects } from './data';
import { useE2e } from './harness';

const e = useE2e();

describe('accessibility (axe-core, WCAG 2.1 AA): the reviewer’s pages of the targets', () => {
  it('the workbench, projects, review, departments, statistics, library, import and password pages have no serious violation', async () => {
    const project = (await currentProjects(e.db, { status: 'approved' }))[0]!;
    const reviewer = await e.session('reviewer');
    const found = await auditAll(reviewer.page, [
      '/workbench',
      '/projects',
      `/projects/${project.id}`,
      '/review',
      '/departments',
      `/departments/${project.departmentId}`,
      '/dashboard',
      '/library',
      '/import',
      '/account/password',
    ]);
    expect(found).toEqual({});
    // ten pages, each loaded, settled and audited: a bound for a loaded machine, not a measure
  }, 120_000);
});
