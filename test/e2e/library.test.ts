/**
 * The indicator library in a real browser, on the four real documents: a reviewer searches 指标库
 * (Chinese without spaces), opens an entry (its distribution chart and projects); an editor gets
 * suggestions in the editor, inserts one in a click into its category and saves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProjects, indicatorsOf, type ProjectRow } from './data';
import { fixtureFiles, go, screenshotsOnFailure, startE2e, type E2e } from './harness';

let e: E2e;
let draft: { project: ProjectRow; editor: string };

beforeAll(async () => {
  e = await startE2e({ files: fixtureFiles() });
  const codes = new Map((await e.db.selectFrom('department').select(['id', 'code']).execute()).map((d) => [d.id, d.code]));
  // a draft of the first document (路南区 社会工作部, 5 projects): its suggestions come from the other documents
  const project = (await currentProjects(e.db, { status: 'draft' })).find((p) => p.name.includes('志愿服务')) ?? (await currentProjects(e.db, { status: 'draft' }))[0]!;
  draft = { project, editor: `dept-${codes.get(project.departmentId)}`.toLowerCase() };
}, 180_000);

afterAll(() => e?.close());
screenshotsOnFailure(() => e);

describe('指标库', () => {
  it('a reviewer searches without spaces, opens an entry: figures, distribution chart, projects', async () => {
    const s = await e.session('reviewer');
    await s.page.getByTestId('nav-library').click();
    await s.page.getByTestId('library-table').locator('[data-testid="library-row"]').first().waitFor();
    await s.page.getByTestId('library-search').locator('input').fill('群众满意');
    const row = s.page.locator('[data-testid="library-row"]', { hasText: '群众满意度' });
    await row.first().waitFor();
    await s.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="library-row"]')].every((r) => r.textContent?.includes('满意')));
    expect(await row.first().innerText()).toContain('95%');
    await row.first().getByTestId('library-entry-link').click();
    const drawer = s.page.getByTestId('library-entry');
    await drawer.getByTestId('library-typical-target').waitFor();
    expect(await drawer.getByTestId('library-typical-target').innerText()).toBe('≥95%');
    await drawer.getByTestId('library-chart').locator('canvas').first().waitFor();
    await drawer.getByTestId('library-projects').locator('[data-testid="library-project-row"]').first().waitFor();
    expect(await drawer.getByTestId('library-projects').locator('[data-testid="library-project-row"]').count()).toBe(5);
    s.expectNoErrors();
  });
});

describe('suggestions in the editor', () => {
  it('an editor inserts a suggested indicator with its peers’ median in one click, in its category, and saves it', async () => {
    const { project, editor } = draft;
    const before = await indicatorsOf(e.db, project.id);
    const s = await e.session(editor);
    await go(s.page, `/projects/${project.id}/edit`);
    await s.page.getByTestId('project-editor').waitFor();
    const first = s.page.getByTestId('suggestion').first();
    await first.waitFor();
    const name = await first.getByTestId('suggestion-name').innerText();
    await first.getByTestId('insert-suggestion').click();
    // the new row carries the name; it left the suggestions
    await s.page.waitForFunction((n) => [...document.querySelectorAll<HTMLInputElement>('[data-testid^="indicator-name-"]')].some((i) => i.value === n), name);
    await s.page.waitForFunction((n) => ![...document.querySelectorAll('[data-testid="suggestion-name"]')].some((x) => x.textContent === n), name);
    await s.page.getByTestId('save-project').click();
    await s.page.getByText('已保存（版本').waitFor();
    const after = await indicatorsOf(e.db, project.id);
    expect(after).toHaveLength(before.length + 1);
    const added = after.find((i) => i.name === name)!;
    expect(added).toBeDefined();
    // in its category: right after the last row of the same level 2 (or level 1) when there is one
    const sameLevel2 = before.filter((i) => i.level2 !== null && i.level2 === added.level2);
    if (sameLevel2.length > 0) expect(added.position).toBe(sameLevel2.at(-1)!.position + 1);
    // the target: the peers' (from the entry)
    const entry = (await (await s.page.request.get(`/api/library?search=${encodeURIComponent(name)}&pageSize=100`)).json()) as { items: { name: string; level2: string | null; typicalTarget: string | null }[] };
    const typical = entry.items.find((x) => x.name === name && x.level2 === added.level2)?.typicalTarget ?? '';
    expect(added.targetRaw).toBe(typical);
    s.expectNoErrors();
  });
});
