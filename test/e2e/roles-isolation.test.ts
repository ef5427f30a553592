/**
 * Departments kept apart in a real browser, on the generated demo data: an editor can neither read
 * nor write another department's data through the UI — its pages, the API from its own session, an
 * import of the other's document (the roles themselves: roles.test.ts).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentProjects, editorAndOther, type EditorAndOther } from './data';
import { fixtureFiles, go, open, previewImport, RESOURCE_404, useE2e } from './harness';

const e = useE2e();
/** The editor's department and another one, from the demo data. */
let editor: EditorAndOther['editor'];
let other: EditorAndOther['other'];

beforeAll(async () => {
  ({ editor, other } = await editorAndOther(e.db, e.demoLogins));
  expect(other.project).toBeDefined();
});

describe("an editor and another department's data", () => {
  it("an editor opening another department's project, editor or department gets 未找到 and none of its data", async () => {
    const s = await e.session(editor.username);
    // page.goto, not go(): the previous page's 未找到 could pass the check
    for (const path of [`/projects/${other.project.id}`, `/projects/${other.project.id}/edit`, `/departments/${other.departmentId}`]) {
      await open(s.page, path);
      await s.page.getByTestId('not-found').waitFor();
      const text = await s.page.locator('main').innerText();
      expect(text).not.toContain(other.project.name);
      expect(text).not.toContain(other.departmentName);
      expect(await s.page.getByTestId('official-table').count()).toBe(0);
      expect(await s.page.getByTestId('project-editor').count()).toBe(0);
    }
    // searching the list for the other department's project finds nothing
    await go(s.page, `/projects?q=${encodeURIComponent(other.project.name)}`);
    await s.page.getByText('没有符合条件的项目').waitFor();
    s.expectNoErrors([RESOURCE_404]);
  });

  it("an editor's own session cannot change another department's project: the API answers 404 and nothing changes", async () => {
    const s = await e.session(editor.username);
    const before = (await currentProjects(e.db)).find((p) => p.id === other.project.id)!;
    // the requests the app's editor and workflow buttons would send, from the signed-in page
    const statuses = await s.page.evaluate(async (id) => {
      const { csrfToken } = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const send = (method: string, path: string, body: unknown) =>
        fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) }).then((r) => r.status);
      // a well-formed project: the body is validated first (400), so a 404 is the access check's answer
      const project = { code: null, name: '篡改', purpose: null, budget: { total: null, fiscal: null, other: null }, spendingPlan: [], goals: [], indicators: [] };
      return {
        read: (await fetch(`/api/projects/${id}`)).status,
        save: await send('PUT', `/api/projects/${id}`, { version: 1, project }),
        submit: await send('POST', `/api/projects/${id}/actions`, { action: 'submit', version: 1 }),
      };
    }, other.project.id);
    expect(statuses).toEqual({ read: 404, save: 404, submit: 404 });
    const after = (await currentProjects(e.db)).find((p) => p.id === other.project.id)!;
    expect(after).toEqual(before);
    s.expectNoErrors([RESOURCE_404]);
  });

  it("an editor cannot import another department's document: the preview refuses it and nothing is written", async () => {
    const s = await e.session(editor.username);
    const documentsBefore = await e.db.selectFrom('document').select('id').execute();
    await s.page.getByTestId('nav-import').click();
    // A real document of another department (the demo's departments are the fixtures').
    const own = editor.username.replace(/^dept-/, '');
    const foreign = fixtureFiles().find((f) => !readFileSync(f, 'utf8').slice(0, 20_000).includes(`\t${own}`))!;
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles(foreign);
    expect((await previewImport(s.page)).status()).toBe(200);
    const file = s.page.getByTestId('import-file');
    await file.waitFor();
    expect(await file.getAttribute('data-action')).toBe('refused');
    expect(await s.page.getByTestId('import-error').innerText()).toMatch(/\S/);
    expect(await s.page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await e.db.selectFrom('document').select('id').execute()).toEqual(documentsBefore);
    s.expectNoErrors();
  });
});
