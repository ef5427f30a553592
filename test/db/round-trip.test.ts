import { describe, expect, it } from 'vitest';
import {
  loadDocument,
  loadProject,
  findDocumentById,
} from '../../src/server/db/document.repository';
import { storeDocument } from '../../src/server/modules/import/import.service';
import { buildIndicator, buildParsedDocument, buildProject, buildTarget } from '../factories';
import { snapshotDatabase, useTestDatabase } from './helpers';

/** A document with everything the layouts of other provinces carry (issue 14). */
function buildWideDocument() {
  const extras = [
    { header: '绩效标准', text: '计划标准', source: { line: 40, ref: '第1页 表1 行9 列6' } },
    { header: '评（记）分标准', text: '', source: { line: 41, ref: '第1页 表1 行9 列7' } },
  ];
  const period = buildTarget({
    raw: '2024.03-2024.11',
    kind: 'period',
    operator: null,
    value: null,
    valueText: null,
    unit: null,
    start: { year: 2024, month: 3, day: null, endOfPeriod: false },
    deadline: { year: 2024, month: 11, day: null, endOfPeriod: false },
  });
  return buildParsedDocument({
    format: 'pdf',
    encoding: 'pdf',
    departmentTargets: {
      title: '2025年度部门整体支出绩效目标表',
      department: { code: null, name: '示范区民政局' },
      budgetCode: '417001',
      year: 2025,
      amountUnit: '万元',
      budget: { total: 3_560_000_00, project: 1_200_000_00, basic: 2_360_000_00 },
      goals: ['保障困难群众基本生活', '提升养老服务水平'],
      duties: [
        { function: '社会救助', task: '低保、特困供养', projects: '城乡低保资金\n特困供养资金', amount: 800_000_00, source: { line: 20 } },
        { function: '社会救助', task: '临时救助', projects: null, amount: null, source: { line: 21 } },
      ],
      indicators: [buildIndicator({ extras: [{ header: '指标解释', text: '全年救助人次', source: { line: 30 } }] })],
      fields: [{ key: null, label: '联系科室', value: '财务科', source: { line: 5 } }],
      source: { line: 3, ref: '第1页' },
      sources: { department: { line: 4 }, total: { line: 8 } },
    },
    projects: [
      buildProject({
        amountUnit: '元',
        budgetLines: [{ label: '上年结转资金', amount: 0, source: { line: 14 } }],
        projectBudget: { total: 12_345_600_00, fiscal: 10_000_000_00, other: 2_345_600_00, lines: [{ label: '区级资金', amount: 1_00, source: { line: 12 } }] },
        fields: [
          { key: 'nature', label: '项目性质', value: '延续性项目', source: { line: 9 } },
          { key: null, label: '资金性质', value: '一般公共预算', source: { line: 10 } },
        ],
        longTermGoals: ['完成全区老旧小区改造'],
        indicators: [buildIndicator({ extras }), buildIndicator({ name: '实施期', target: period, extras })],
        longTermIndicators: [buildIndicator({ name: '改造小区总数', target: buildTarget({ raw: '=98.00(%)', operator: '=', value: 98, valueText: '98.00', unit: '%' }) })],
        narrative: [
          { title: '项目概述', text: '全区共有老旧小区36个。\n其中12个列入本年计划。', source: { line: 5 } },
          { title: '绩效目标', text: '详见项目绩效目标表', source: { line: 9 } },
        ],
      }),
    ],
  });
}

describe('storing and loading a ParsedDocument', () => {
  it('gives back everything other layouts carry: form fields, both budgets, extra columns, long-term indicators, narrative, department targets', async () => {
    const db = await useTestDatabase();
    const doc = buildWideDocument();
    const { documentId } = await storeDocument(db, doc);
    expect(await loadDocument(db, documentId)).toStrictEqual(doc);
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
    const cases: [string, () => ReturnType<typeof buildParsedDocument>][] = [
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
    for (const [what, build] of cases) {
      it(what, async () => {
        const db = await useTestDatabase();
        await storeDocument(db, buildParsedDocument());
        const before = await snapshotDatabase(db);
        await expect(storeDocument(db, build())).rejects.toThrow(RangeError);
        expect(await snapshotDatabase(db)).toStrictEqual(before);
      });
    }
  });
});
