import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { LibraryEntryDetail, LibraryResponse, PeerFindingsResponse, SuggestionsResponse } from '../../src/shared/api/library';
import type { Db } from '../../src/server/db/schema';
import { indicatorKey } from '../../src/shared/library/indicator-key';
import type { IndicatorLibrary } from '../../src/shared/library/library';
import { buildLibrary, getLibraryWithOutcome } from '../../src/server/modules/library/library.service';
import { importBytes } from '../../src/server/modules/imports/import-files';
import { changedFixture, FIXTURES } from '../support/fixtures';
import { importAllFixtures, importFixture } from './domain-support';
import { startTestApp } from './support';

const CROWD = encodeURIComponent('满意度指标|服务对象满意度指标|群众满意度');

/** A stored indicator's target changed as a save would (the project's version moves on). */
async function setTarget(db: Db, projectId: number, name: string, raw: string, valueText: string): Promise<void> {
  const n = await db.updateTable('indicator').set({ targetRaw: raw, targetValueText: valueText }).where('projectId', '=', projectId).where('name', '=', name).executeTakeFirst();
  expect(Number(n.numUpdatedRows)).toBe(1);
  await db.updateTable('project').set({ version: sql`version + 1` }).where('id', '=', projectId).execute();
}

/** Every figure of every entry, comparable. */
function figures(lib: IndicatorLibrary) {
  return lib.entries.map((e) => ({ ...e, values: Object.fromEntries(e.values), uses: [...e.uses.values()].sort((a, b) => a.projectId - b.projectId) }));
}

describe('keeping the library current', () => {
  it('reads again only the projects an import, a replacement or a save changed, and ends as a fresh build', async () => {
    const t = await startTestApp();
    await importFixture(t.db, 'f003');
    expect((await getLibraryWithOutcome(t.db)).outcome).toMatchObject({ kind: 'rebuilt' });
    expect((await getLibraryWithOutcome(t.db)).outcome).toBeNull(); // nothing changed: as kept
    const f000 = await importFixture(t.db, 'f000');
    expect((await getLibraryWithOutcome(t.db)).outcome).toStrictEqual({ kind: 'updated', changed: 5, removed: 0 });
    await setTarget(t.db, f000.projectIds[2]!, '服务对象满意度', '≥70%', '70');
    const saved = await getLibraryWithOutcome(t.db);
    expect(saved.outcome).toStrictEqual({ kind: 'updated', changed: 1, removed: 0 });
    expect(figures(saved.library)).toStrictEqual(figures(await buildLibrary(t.db)));
    // a change elsewhere: the signature says the projects are the same
    await t.db.updateTable('dataVersion').set({ version: sql`version + 1` }).execute();
    expect((await getLibraryWithOutcome(t.db)).outcome).toStrictEqual({ kind: 'unchanged', changed: 0, removed: 0 });
    // a new version of f000's document replaces its five projects (new ids)
    const replaced = await importBytes(t.db, changedFixture(FIXTURES.f000), FIXTURES.f000);
    expect(replaced.ok && replaced.status).toBe('replaced');
    const after = await getLibraryWithOutcome(t.db);
    expect(after.outcome).toStrictEqual({ kind: 'updated', changed: 5, removed: 5 });
    expect(figures(after.library)).toStrictEqual(figures(await buildLibrary(t.db)));
    // many at once (19 of 60 projects): built afresh
    await importFixture(t.db, 'f001');
    expect((await getLibraryWithOutcome(t.db)).outcome).toMatchObject({ kind: 'rebuilt', changed: 60 });
  });
});

describe('GET /api/library', () => {
  it('lists the entries of the stored documents with their figures, searchable and filtered by category', async () => {
    const t = await startTestApp();
    const fx = await importAllFixtures(t.db);
    const reviewer = await t.client('reviewer');
    const res = await reviewer.get('/api/library?pageSize=100');
    expect(res.statusCode).toBe(200);
    const lib = res.json() as LibraryResponse;
    expect(lib.total).toBeGreaterThan(100);
    expect(lib.items).toHaveLength(100);
    expect(lib.items[0]).toMatchObject({ name: '服务对象满意度', level1: '满意度指标', level2: '服务对象满意度指标' });
    expect(lib.categories.find((c) => c.level1 === '产出指标')?.level2).toStrictEqual(expect.arrayContaining(['数量指标', '质量指标', '时效指标', '成本指标']));

    const crowd = (await reviewer.get(`/api/library?search=${encodeURIComponent('群众满意')}`)).json() as LibraryResponse;
    const entry = crowd.items.find((e) => e.name === '群众满意度')!;
    expect(entry).toMatchObject({ projects: 5, departments: 2, years: 1, units: ['%'], typicalTarget: '≥95%' });
    expect(entry.target).toStrictEqual({ count: 5, min: 95, p25: 95, median: 95, p75: 95, max: 95 });
    expect(entry.examples).toHaveLength(5);
    expect(new Set(entry.examples.map((e) => e.departmentId))).toStrictEqual(new Set([fx.f001.departmentId, fx.f002.departmentId]));

    const cost = (await reviewer.get(`/api/library?level1=${encodeURIComponent('产出指标')}&level2=${encodeURIComponent('成本指标')}&pageSize=100`)).json() as LibraryResponse;
    expect(cost.total).toBeGreaterThan(0);
    expect(cost.items.every((e) => e.level2 === '成本指标')).toBe(true);

    expect((await t.client().get('/api/library')).statusCode).toBe(401);
  });

  it('shows an editor an entry other departments share only once their projects are published, or three departments use it (issue 72, item 11)', async () => {
    const t = await startTestApp();
    const fx = await importAllFixtures(t.db);
    const editor = await t.client('editor', { departmentId: fx.f001.departmentId });
    // 群众满意度: f001's three projects and f002's two drafts: its figures would tell f002's targets
    const hidden = await editor.get(`/api/library/entry?id=${CROWD}`);
    expect([hidden.statusCode, hidden.json().message]).toEqual([404, '指标库中没有这个指标']);
    expect(((await editor.get(`/api/library?search=${encodeURIComponent('群众满意度')}`)).json() as LibraryResponse).items.find((e) => e.name === '群众满意度')).toBeUndefined();

    // f002's projects published: shown, with every project
    await t.db.updateTable('project').set({ status: 'published' }).where('documentId', '=', fx.f002.documentId).execute();
    const after = (await editor.get(`/api/library/entry?id=${CROWD}`)).json() as LibraryEntryDetail;
    expect(after.entry.projects).toBe(5);
    expect(after.hiddenProjects).toBe(0);
    expect(after.projects.filter((p) => p.departmentId === fx.f002.departmentId)).toHaveLength(2);
    expect(after.projects.every((p) => p.departmentId === fx.f001.departmentId || p.status === 'published')).toBe(true);

    const reviewer = await t.client('reviewer');
    const all = (await reviewer.get(`/api/library/entry?id=${CROWD}`)).json() as LibraryEntryDetail;
    expect(all.projects).toHaveLength(5);
    expect(all.values).toStrictEqual([{ unit: '%', values: [{ value: 95, count: 5 }], target: all.entry.target }]);
    expect((await reviewer.get(`/api/library/entry?id=${encodeURIComponent('x|y|z')}`)).statusCode).toBe(404);
  });

  it("never shows another department's draft indicator, nor suggests it; three departments' drafts are shared figures (issue 72, item 11)", async () => {
    const t = await startTestApp();
    const fx = await importAllFixtures(t.db);
    const [a, b] = [fx.f000, fx.f001];
    // one draft project of department B alone uses an indicator, with its value
    const project = b.projectIds[0]!;
    const row = await t.db.selectFrom('indicator').select(['id', 'level1Raw', 'level2Raw']).where('projectId', '=', project).orderBy('id').executeTakeFirstOrThrow();
    await t.db.updateTable('indicator').set({ name: '独有的草稿指标', targetRaw: '≥37个', targetValueText: '37' }).where('id', '=', row.id).execute();
    await t.db.updateTable('project').set({ version: sql`version + 1` }).where('id', '=', project).execute();
    const search = `/api/library?search=${encodeURIComponent('独有的草稿指标')}`;
    const named = (res: { json(): unknown }) => (res.json() as LibraryResponse).items.filter((e) => e.name === '独有的草稿指标');
    const editorA = await t.client('editor', { departmentId: a.departmentId });
    expect(named(await editorA.get(search))).toEqual([]);
    const reviewer = await t.client('reviewer');
    const [entry] = named(await reviewer.get(search));
    expect(entry).toMatchObject({ projects: 1, departments: 1 });
    expect((await editorA.get(`/api/library/entry?id=${encodeURIComponent(entry!.id)}`)).statusCode).toBe(404);
    // B's own editor sees its own
    const editorB = await t.client('editor', { departmentId: b.departmentId });
    expect(named(await editorB.get(search))).toHaveLength(1);
    // suggestions: none of A's is an entry A may not see
    const suggested = new Set<string>();
    for (const id of a.projectIds) for (const s of ((await editorA.get(`/api/library/suggestions?projectId=${id}`)).json() as SuggestionsResponse).items) suggested.add(s.entryId);
    for (const id of suggested) expect((await editorA.get(`/api/library/entry?id=${encodeURIComponent(id)}`)).statusCode, id).toBe(200);
    // used by three departments' drafts: shared figures, shown to A too (its projects' names still not)
    for (const other of [fx.f002, fx.f003]) {
      const p = other.projectIds[0]!;
      const first = await t.db.selectFrom('indicator').select('id').where('projectId', '=', p).orderBy('id').executeTakeFirstOrThrow();
      await t.db.updateTable('indicator').set({ name: '独有的草稿指标', level1Raw: row.level1Raw, level2Raw: row.level2Raw, targetRaw: '≥40个', targetValueText: '40' }).where('id', '=', first.id).execute();
      await t.db.updateTable('project').set({ version: sql`version + 1` }).where('id', '=', p).execute();
    }
    const shared = named(await editorA.get(search));
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ departments: 3, examples: [] });
  });

  it('follows every import and save', async () => {
    const t = await startTestApp();
    const f000 = await importFixture(t.db, 'f000');
    const reviewer = await t.client('reviewer');
    const first = (await reviewer.get(`/api/library?search=${encodeURIComponent('群众满意度')}`)).json() as LibraryResponse;
    expect(first.items.find((e) => e.name === '群众满意度')).toBeUndefined();
    await importFixture(t.db, 'f001');
    const second = (await reviewer.get(`/api/library?search=${encodeURIComponent('群众满意度')}`)).json() as LibraryResponse;
    expect(second.items.find((e) => e.name === '群众满意度')?.projects).toBe(3);
    await setTarget(t.db, f000.projectIds[2]!, '服务对象满意度', '≥70%', '70');
    const service = (await reviewer.get(`/api/library/entry?id=${encodeURIComponent('满意度指标|服务对象满意度指标|服务对象满意度')}`)).json() as LibraryEntryDetail;
    expect(service.projects.find((p) => p.projectId === f000.projectIds[2])?.target).toBe('≥70%');
    expect(service.values.find((v) => v.unit === '%')?.values[0]).toStrictEqual({ value: 70, count: 1 });
  });
});

describe('GET /api/library/suggestions', () => {
  it('suggests indicators of similar projects in other documents, with their median, not those the project has', async () => {
    const t = await startTestApp();
    const fx = await importAllFixtures(t.db);
    const editor = await t.client('editor', { departmentId: fx.f000.departmentId });
    const projectId = fx.f000.projectIds[0]!;
    const res = await editor.get(`/api/library/suggestions?projectId=${projectId}`);
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as SuggestionsResponse;
    expect(items.length).toBeGreaterThan(3);
    const own = await t.db.selectFrom('indicator').select('name').where('projectId', '=', projectId).execute();
    const ownKeys = new Set(own.map((i) => indicatorKey(i.name)));
    expect(items.filter((s) => ownKeys.has(indicatorKey(s.name)))).toStrictEqual([]);
    const reviewer = await t.client('reviewer');
    const budget = Number((await t.db.selectFrom('project').select('budgetTotal').where('id', '=', projectId).executeTakeFirstOrThrow()).budgetTotal);
    let fromOthers = 0;
    for (const s of items) {
      const detail = (await reviewer.get(`/api/library/entry?id=${encodeURIComponent(s.entryId)}`)).json() as LibraryEntryDetail;
      if (detail.projects.some((p) => p.departmentId !== fx.f000.departmentId)) fromOthers++;
      if (s.median !== null) expect(s.median).toBe(detail.entry.target!.median);
      // an amount is scaled to this project's budget and never above it, two decimals (issue 58); anything else the peers' typical target
      const amount = s.target === null ? null : /^\D*([\d.]+)(万元|元)$/.exec(s.target);
      if (amount !== null) {
        expect(amount[1]).toMatch(/^\d+\.\d{2}$/);
        expect(Number(amount[1]) * (amount[2] === '万元' ? 1_000_000 : 100)).toBeLessThanOrEqual(budget);
      } else expect(s.target).toBe(detail.entry.typicalTarget);
    }
    expect(fromOthers).toBeGreaterThan(0);
    // another department's draft: 404 as the project itself
    expect((await editor.get(`/api/library/suggestions?projectId=${fx.f001.projectIds[0]}`)).statusCode).toBe(404);
  });
});

describe('GET /api/library/peer-findings', () => {
  it('flags a rate far below five peers or more, never fewer', async () => {
    const t = await startTestApp();
    const fx = await importAllFixtures(t.db);
    const reviewer = await t.client('reviewer');
    // 劳务费 (f000): 服务对象满意度 ≥90% → ≥70%; the other five "%" targets of the entry: 85, 90, 95, 95, 95
    const low = fx.f000.projectIds[2]!;
    expect(((await reviewer.get(`/api/library/peer-findings?projectId=${low}`)).json() as PeerFindingsResponse).findings).toStrictEqual([]);
    await setTarget(t.db, low, '服务对象满意度', '≥70%', '70');
    const found = ((await reviewer.get(`/api/library/peer-findings?projectId=${low}`)).json() as PeerFindingsResponse).findings;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'peer.far-from-peers', severity: 'info', indicator: '服务对象满意度', field: 'target' });
    expect(found[0]!.message).toContain('5 个同类项目的指标值中位数为 95%');

    // 群众满意度 has five projects: one of them is compared with four peers only
    const crowd = await t.db.selectFrom('indicator').select('projectId').where('name', '=', '群众满意度').where('projectId', 'in', fx.f001.projectIds).executeTakeFirstOrThrow();
    await setTarget(t.db, crowd.projectId, '群众满意度', '≥60%', '60');
    expect(((await reviewer.get(`/api/library/peer-findings?projectId=${crowd.projectId}`)).json() as PeerFindingsResponse).findings).toStrictEqual([]);
  });
});
