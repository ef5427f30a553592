import { describe, expect, it } from 'vitest';
import {
  loadDocument,
  loadProject,
  findDocumentById,
} from '../../src/server/db/document.repository';
import { DocumentRefusedError } from '../../src/server/modules/imports/prepare-document';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildIndicator, buildParsedDocument, buildProject, buildTarget, buildWideDocument } from '../factories';
import { snapshotDatabase, useTestDatabase } from './helpers';
import { updateProjectContent } from '../../src/server/db/project.repository';
import { applyProjectInput, projectToInput } from '../../src/shared/api/project-input';
import { DEFAULT_FRAMEWORK_ID, getFramework } from '../../src/shared/domain/framework';
import type { FormProfile } from '../../src/shared/domain/form-profile';

describe('storing and loading a ParsedDocument', () => {
  it('gives back everything other layouts carry: form fields, both budgets, extra columns, long-term indicators, narrative, department targets', async () => {
    const db = await useTestDatabase();
    const doc = buildWideDocument();
    const { documentId } = await storeDocument(db, doc);
    expect(await loadDocument(db, documentId)).toStrictEqual(doc);
  });

  it('gives back each project\'s form profile (issue 30), keeps it on an editor\'s save, and a project without one has none', async () => {
    const db = await useTestDatabase();
    const form: FormProfile = {
      name: '项目支出绩效目标申报表',
      fields: { name: '项目名称', department: '预算部门', total: '年度资金总额', fiscal: '区级资金、上级资金', goals: '年度绩效目标' },
      columns: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '指标值', basis: '绩效标准' },
      extraColumns: ['绩效标准', '备注'],
    };
    const doc = buildParsedDocument();
    doc.projects[0]!.form = form;
    const { documentId } = await storeDocument(db, doc);
    const loaded = (await loadDocument(db, documentId))!;
    expect(loaded).toStrictEqual(doc);
    expect(loaded.projects[1]).not.toHaveProperty('form');
    const rows = await db.selectFrom('project').select(['id', 'form', 'version']).where('documentId', '=', documentId).orderBy('position').execute();
    expect(JSON.parse(rows[0]!.form!)).toEqual(form);
    expect(rows[1]!.form).toBeNull();

    // an editor's save: the project as edited, from its stored self
    const before = (await loadProject(db, rows[0]!.id))!;
    const input = { ...projectToInput(before), name: '改名后的项目' };
    const edited = applyProjectInput(before, input, getFramework(DEFAULT_FRAMEWORK_ID)!);
    const saved = await db.transaction().execute((tx) => updateProjectContent(tx, rows[0]!.id, rows[0]!.version, edited, { at: '2025-03-02T08:00:00.000Z', by: 'alice' }));
    expect(saved).toBe(true);
    const after = (await loadProject(db, rows[0]!.id))!;
    expect(after.name).toBe('改名后的项目');
    expect(after.form).toEqual(form);
  });

  it('gives back a deep-equal document', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument();
    const { documentId } = await storeDocument(db, doc);
    expect(await loadDocument(db, documentId)).toStrictEqual(doc);
  });

  it('gives back each project as the domain Project', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument();
    const { documentId } = await storeDocument(db, doc);
    const projects = await db
      .selectFrom('project')
      .select('id')
      .where('documentId', '=', documentId)
      .orderBy('position')
      .execute();
    expect(projects).toHaveLength(2);
    expect(await loadProject(db, projects[0]!.id)).toStrictEqual(doc.projects[0]);
    expect(await loadProject(db, projects[1]!.id)).toStrictEqual(doc.projects[1]);
    expect(await loadProject(db, 999_999)).toBeUndefined();
  });

  it('keeps nulls, empty lists and missing sources', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument({
      year: null,
      department: null,
      departmentGoals: { overall: null, overallSource: null, subGoals: [], measures: [] },
      projects: [
        buildProject({
          code: null,
          year: null,
          department: { code: null, name: '某单位' },
          budget: { total: null, fiscal: null, other: null },
          purpose: null,
          spendingPlan: (['03', '06', '10', '12'] as const).map((checkpoint) => ({
            checkpoint,
            percent: null,
            amount: null,
            given: null,
            source: null,
          })),
          goals: [],
          indicators: [buildIndicator({ description: null, basis: null, source: { line: 1 } })],
          sources: {},
        }),
      ],
      diagnostics: [],
    });
    const { documentId } = await storeDocument(db, doc);
    expect(await loadDocument(db, documentId)).toStrictEqual(doc);
  });

  it('keeps text exactly: empty strings, newlines, quotes, emoji and full-width characters', async () => {
    const db = await useTestDatabase();
    const awkward = ' 前后空格\n第二行\t制表符 “引号” \'单引号\' 100％ 😀 \\ % _ ';
    const doc = buildParsedDocument({
      projects: [
        buildProject({
          name: awkward,
          purpose: '',
          goals: [awkward, ''],
          indicators: [buildIndicator({ name: awkward, description: '', basis: awkward })],
        }),
      ],
    });
    const { documentId } = await storeDocument(db, doc);
    expect(await loadDocument(db, documentId)).toStrictEqual(doc);
  });

  it('rebuilds target values from the exact text', async () => {
    const db = await useTestDatabase();
    const targets = [
      buildTarget({ raw: '1262.16万元', operator: '=', value: 1262.16, valueText: '1262.16', unit: '万元' }),
      buildTarget({ raw: '≤10万元', operator: '≤', value: 10, valueText: '10', unit: '万元' }),
      buildTarget({ raw: '0.1%', operator: '=', value: 0.1, valueText: '0.1', unit: '%' }),
      buildTarget({ raw: '≥100', operator: '≥', value: 100, valueText: '100', unit: null }),
      buildTarget({ raw: '100.00%', operator: '=', value: 100, valueText: '100.00', unit: '%' }),
      buildTarget({ raw: '>0', operator: '>', value: 0, valueText: '0', unit: null }),
      buildTarget({
        raw: '年底前完成',
        kind: 'deadline',
        operator: null,
        value: null,
        valueText: null,
        unit: null,
        deadline: { year: null, month: null, day: null, endOfPeriod: true },
        words: '完成',
      }),
    ];
    const doc = buildParsedDocument({
      projects: [
        buildProject({
          indicators: targets.map((target, i) => buildIndicator({ target, source: { line: 100 + i } })),
        }),
      ],
    });
    const { documentId } = await storeDocument(db, doc);
    const loaded = await loadDocument(db, documentId);
    expect(loaded?.projects[0]?.indicators.map((i) => i.target)).toStrictEqual(targets);
    // The text stays as written even where the number is the same.
    expect(loaded?.projects[0]?.indicators[4]?.target.valueText).toBe('100.00');
  });

  it('returns the spending plan in checkpoint order whatever order it was given in', async () => {
    const db = await useTestDatabase();
    const project = buildProject();
    const shuffled = buildProject({
      spendingPlan: [...project.spendingPlan].reverse(),
    });
    const { documentId } = await storeDocument(db, buildParsedDocument({ projects: [shuffled] }));
    const loaded = await loadDocument(db, documentId);
    expect(loaded?.projects[0]?.spendingPlan).toStrictEqual(project.spendingPlan);
  });

  it('returns undefined for a document that does not exist', async () => {
    const db = await useTestDatabase();
    expect(await loadDocument(db, 42)).toBeUndefined();
    expect(await findDocumentById(db, 42)).toBeUndefined();
  });

  describe('refuses what it could not give back exactly, writing nothing', () => {
    const cases: [string, () => ReturnType<typeof buildParsedDocument>, (new (...a: never[]) => Error)?][] = [
      [
        'a fractional fen',
        () => buildParsedDocument({ projects: [buildProject({ budget: { total: 1.5, fiscal: null, other: null } })] }),
      ],
      [
        'money beyond the safe-integer range',
        () =>
          buildParsedDocument({
            projects: [buildProject({ budget: { total: 2 ** 53, fiscal: null, other: null } })],
          }),
        // refused by the money bound (1000亿元) before the safe-integer check is reached
        DocumentRefusedError,
      ],
      [
        'a percent with three decimals',
        () =>
          buildParsedDocument({
            projects: [
              buildProject({
                spendingPlan: buildProject().spendingPlan.map((c) => ({ ...c, percent: 33.333 })),
              }),
            ],
          }),
      ],
      [
        'a target value that is not Number(valueText)',
        () =>
          buildParsedDocument({
            projects: [
              buildProject({
                indicators: [buildIndicator({ target: buildTarget({ value: 85, valueText: '85.5' }) })],
              }),
            ],
          }),
      ],
    ];
    for (const [what, build, error = RangeError] of cases) {
      it(what, async () => {
        const db = await useTestDatabase();
        await storeDocument(db, buildParsedDocument());
        const before = await snapshotDatabase(db);
        await expect(storeDocument(db, build())).rejects.toThrow(error);
        expect(await snapshotDatabase(db)).toStrictEqual(before);
      });
    }
  });
});
