/**
 * generate's parse worker sends each project's findings back as their stored text
 * (parse-worker-task.ts readForStore, store.service.ts leanForStore) instead of the findings: the
 * project_findings rows written from that text must be exactly those written from the findings,
 * after the copy between threads (structured clone) too. test/cli/generate-golden.test.ts checks
 * the same end to end (it hashes every project_findings row generate writes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectFindingsRow } from '../../src/server/db/document.repository';
import { readForStore } from '../../src/server/modules/imports/parse-worker-task';
import { readForImport } from '../../src/server/modules/imports/import-files';
import { leanForStore } from '../../src/server/modules/imports/store.service';
import { FIXTURES, fixturePath } from '../support/fixtures';

describe('findings sent as their stored text', () => {
  it('give the same project_findings rows as the findings', async () => {
    let findings = 0;
    for (const name of Object.values(FIXTURES)) {
      const bytes = readFileSync(fixturePath(name));
      const full = await readForImport(bytes, name, { weigh: false });
      const lean = structuredClone(await readForStore({ bytes, file: name }));
      if (!full.ok || !lean.ok) throw new Error(`${name} does not read`);
      expect(lean.prepared).toEqual(full.prepared.map(leanForStore));
      full.prepared.forEach((prepared, d) => {
        const projects = lean.prepared[d]!.reviewed.projects;
        expect(projects).toHaveLength(prepared.reviewed.projects.length);
        prepared.reviewed.projects.forEach((p, i) => {
          findings += p.findings.length;
          expect(projectFindingsRow(i, projects[i]!.findings)).toEqual(projectFindingsRow(i, p.findings));
          expect({ ...projects[i], findings: null }).toEqual({ ...p, findings: null });
        });
        expect(lean.prepared[d]!.reviewed.document).toEqual(prepared.reviewed.document);
        expect(lean.prepared[d]!.contentSha256).toBe(prepared.contentSha256);
      });
    }
    // The fixtures have findings: the comparison is not over empty lists only.
    expect(findings).toBeGreaterThan(0);
  });
});
