import { describe, expect, it } from 'vitest';
import type { DepartmentDetail, DepartmentListResponse } from '../../src/shared/api/departments';
import type { ProjectRecord } from '../../src/shared/api/projects';
import { loadDocument } from '../../src/server/db/document.repository';
import { readDocx } from '../../src/server/importers/docx/read-docx';
import { groupRepeated, reviewAndScore } from '../../src/shared/review/report';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildParsedDocument, buildProject, buildWideDocument } from '../factories';
import { importAllFixtures } from './domain-support';
import { startTestApp } from './support';

async function setup() {
  const t = await startTestApp();
  const fx = await importAllFixtures(t.db);
  return { t, fx, reviewer: await t.client('reviewer') };
}

describe('GET /api/departments', () => {
  it('summarises each department and year: projects, budgets, statuses, mean score', async () => {
    const { t, fx, reviewer } = await setup();
    const editor = await t.client('editor', { departmentId: fx.f000.departmentId });
    await editor.post(`/api/projects/${fx.f000.projectIds[0]}/actions`, { action: 'submit', version: 1 });
    const res = await reviewer.get('/api/departments');
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as DepartmentListResponse;
    expect(items).toHaveLength(4);
    const f000 = items.find((d) => d.id === fx.f000.departmentId)!;
    expect(f000).toMatchObject({
      code: '763001',
      name: '中共唐山市路南区委社会工作部',
      year: 2025,
      documentId: fx.f000.documentId,
      projectCount: 5,
      indicatorCount: 31,
      budgetTotalFen: 6_287_160_000,
      fiscalFen: 6_287_160_000,
      otherFen: 0,
      statusCounts: { draft: 4, unit_submitted: 0, submitted: 1, returned: 0, approved: 0, published: 0 },
    });
    const scores = await t.db.selectFrom('project').select('qualityScore').where('documentId', '=', fx.f000.documentId).execute();
    const mean = scores.reduce((n, s) => n + s.qualityScore!, 0) / scores.length / 100;
    expect(f000.avgScore).toBeCloseTo(mean, 2);
    expect(items.find((d) => d.id === fx.f003.departmentId)).toMatchObject({ year: 2022, projectCount: 36, indicatorCount: 108 });

    const y2022 = (await reviewer.get('/api/departments?year=2022')).json() as DepartmentListResponse;
    expect(y2022.items.map((d) => d.id)).toStrictEqual([fx.f003.departmentId]);
  });
});

describe('GET /api/departments/:id', () => {
  it('names the forms (表样) of its projects with their counts, and a project\'s API record carries its form (issue 30)', async () => {
    const { fx, reviewer } = await setup();
    const d = (await reviewer.get(`/api/departments/${fx.f002.departmentId}`)).json() as DepartmentDetail;
    expect(d.forms).toHaveLength(1);
    expect(d.forms[0]!.projectCount).toBe(d.projects.length);
    expect(d.forms[0]!.form).toMatchObject({ name: '项目绩效目标表', fields: { code: '项目编码', spendingPlan: '资金支出计划（万元）' }, extraColumns: [] });
    const record = (await reviewer.get(`/api/projects/${fx.f002.projectIds[0]}`)).json() as ProjectRecord;
    expect(record.project.form).toEqual(d.forms[0]!.form);
  });

  it('gives part one, the projects in document order with totals, document-level findings, repeated findings and the score', async () => {
    const { t, fx, reviewer } = await setup();
    const res = await reviewer.get(`/api/departments/${fx.f002.departmentId}`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as DepartmentDetail;
    expect(d).toMatchObject({
      department: { id: fx.f002.departmentId, code: '326001' },
      year: 2025,
      years: [2025],
      document: { id: fx.f002.documentId, fileName: '002_66f8d06f680bd2a2.txt', format: 'txt', frameworkVersion: 'cn-2015' },
    });
    expect(d.goals.overall).toBeTruthy();
    expect(d.projects.map((p) => p.id)).toStrictEqual(fx.f002.projectIds);
    expect(d.totals.budgetTotalFen).toBe(d.projects.reduce((n, p) => n + (p.budgetTotalFen ?? 0), 0));
    expect(d.documentFindings.every((f) => f.projectIndex === null)).toBe(true);
    expect(d.score).toStrictEqual({ score: expect.any(Number), grade: expect.stringMatching(/^[优良中差]$/) });

    expect((await reviewer.get(`/api/departments/${fx.f002.departmentId}?year=2025`)).statusCode).toBe(200);

    // a rule over many projects, once with its projects: 003's 36 tables repeat several
    const d003 = (await reviewer.get(`/api/departments/${fx.f003.departmentId}`)).json() as DepartmentDetail;
    const review = reviewAndScore((await loadDocument(t.db, fx.f003.documentId))!);
    const groups = groupRepeated(review.findings);
    expect(groups.length).toBeGreaterThan(0);
    expect(d003.repeatedFindings.map((g) => [g.rule, g.count, g.projects.map((p) => p.id)])).toStrictEqual(
      groups.map((g) => [g.rule, g.findings.length, g.projects.map((i) => fx.f003.projectIds[i])]),
    );
    expect(d.repeatedFindings.every((g) => g.projects.length >= 2)).toBe(true);
    const noYear = await reviewer.get(`/api/departments/${fx.f002.departmentId}?year=2020`);
    expect(noYear.statusCode).toBe(404);
    expect(noYear.json().message).toBe('该单位没有 2020 年的文档');
    expect((await reviewer.get('/api/departments/99999')).statusCode).toBe(404);
  });

  it("shows the stored review: the same as reviewing the document now, which a document stored before it was kept gets", async () => {
    const { t, fx, reviewer } = await setup();
    for (const f of [fx.f000, fx.f001, fx.f002, fx.f003]) {
      const doc = (await loadDocument(t.db, f.documentId))!;
      const review = reviewAndScore(doc);
      const stored = (await reviewer.get(`/api/departments/${f.departmentId}`)).json() as DepartmentDetail;
      expect(stored.score).toStrictEqual({ score: review.departmentScore.score, grade: review.departmentScore.grade });
      expect(stored.documentFindings).toStrictEqual(JSON.parse(JSON.stringify(review.findings.filter((x) => x.projectIndex === null))));
      expect(stored.goals).toStrictEqual(JSON.parse(JSON.stringify(doc.departmentGoals)));
      expect(stored.document.diagnostics).toStrictEqual(JSON.parse(JSON.stringify(doc.diagnostics)));
      const sum = (pick: (p: (typeof doc.projects)[number]) => number | null) => doc.projects.reduce((n, p) => n + (pick(p) ?? 0), 0);
      expect(stored.totals).toStrictEqual({ budgetTotalFen: sum((p) => p.budget.total), fiscalFen: sum((p) => p.budget.fiscal), otherFen: sum((p) => p.budget.other) });

      await t.db.deleteFrom('documentReview').where('documentId', '=', f.documentId).execute();
      expect((await reviewer.get(`/api/departments/${f.departmentId}`)).json()).toStrictEqual(stored);
    }
  });
});

describe('GET /api/departments/:id/export', () => {
  it('exports the Word document in the official layout and the workbook with findings', async () => {
    const { fx, reviewer } = await setup();
    const docx = await reviewer.get(`/api/departments/${fx.f000.departmentId}/export?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toBe(
      `attachment; filename="jixiao-763001-2025.docx"; filename*=UTF-8''${encodeURIComponent('中共唐山市路南区委社会工作部2025年部门预算绩效目标.docx')}`,
    );
    const read = await readDocx(docx.rawPayload, 'export.docx');
    expect(read.blocks.length).toBeGreaterThan(10);

    const xlsx = await reviewer.get(`/api/departments/${fx.f000.departmentId}/export?format=xlsx&year=2025`);
    expect(xlsx.statusCode).toBe(200);
    const docs = await parseDocumentsBytes(xlsx.rawPayload, 'export.xlsx');
    expect(docs.map((d) => [d.department?.code, d.projects.length])).toStrictEqual([['763001', 5]]);

    expect((await reviewer.get(`/api/departments/${fx.f000.departmentId}/export?format=odt`)).statusCode).toBe(400);
  });

  it('exports PDF through LibreOffice', { timeout: 180_000 }, async () => {
    const { fx, reviewer } = await setup();
    const pdf = await reviewer.get(`/api/departments/${fx.f000.departmentId}/export?format=pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('a department year of several documents (its forms and targets table published apart)', () => {
  it('lists the department once, shows what the documents say together, and exports them as one', async () => {
    const { t, fx, reviewer } = await setup();
    const noPartOne = { overall: null, overallSource: null, subGoals: [], measures: [] };
    const department = { code: '763001', name: '中共唐山市路南区委社会工作部', source: { line: 1 } };
    const form = buildParsedDocument({ department, departmentGoals: noPartOne, projects: [buildProject({ code: '13020225P009999999999', name: '社区志愿服务站点建设', title: '社区志愿服务站点建设绩效目标申报表' })] });
    const targets = buildParsedDocument({ department, departmentGoals: noPartOne, projects: [], departmentTargets: buildWideDocument().departmentTargets });
    expect((await storeDocument(t.db, form)).status).toBe('imported');
    expect((await storeDocument(t.db, targets)).status).toBe('imported');

    const { items } = (await reviewer.get('/api/departments?year=2025')).json() as DepartmentListResponse;
    const row = items.filter((d) => d.id === fx.f000.departmentId);
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ documentId: fx.f000.documentId, projectCount: 6, indicatorCount: 31 + form.projects[0]!.indicators.length });

    const d = (await reviewer.get(`/api/departments/${fx.f000.departmentId}`)).json() as DepartmentDetail;
    expect(d.document.id).toBe(fx.f000.documentId);
    expect(d.otherDocuments.map((o) => [o.fileName, o.projectCount])).toEqual([
      [targets.file, 0],
      [form.file, 1],
    ]);
    expect(d.projects.map((p) => p.name)).toHaveLength(6);
    expect(d.projects.map((p) => p.name)).toContain('社区志愿服务站点建设');
    expect(d.goals.overall).toMatch(/\S/);
    expect(d.departmentTargets?.title).toBe(targets.departmentTargets!.title);
    expect(d.totals.budgetTotalFen).toBe(6_287_160_000 + form.projects[0]!.budget.total!);
    expect(d.years).toEqual([2025]);

    const docx = await reviewer.get(`/api/departments/${fx.f000.departmentId}/export?format=docx`);
    expect(docx.statusCode).toBe(200);
    const [back] = await parseDocumentsBytes(docx.rawPayload, 'year.docx');
    expect(back!.projects.map((p) => p.name)).toEqual([...(await loadDocument(t.db, fx.f000.documentId))!.projects.map((p) => p.name), '社区志愿服务站点建设']);
    expect(back!.departmentTargets?.title).toBe(targets.departmentTargets!.title);
  });
});
