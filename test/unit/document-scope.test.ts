import { describe, expect, it } from 'vitest';
import { combineDocuments, documentScope, replacedScopes } from '../../src/shared/domain/document-scope';
import { buildParsedDocument, buildProject, buildWideDocument } from '../factories';

const noPartOne = { overall: null, overallSource: null, subGoals: [], measures: [] };

describe('document scopes', () => {
  it('a document with part one or several projects is the department\'s; one project\'s form, a targets table alone are apart', () => {
    expect(documentScope(buildParsedDocument())).toBe('');
    expect(documentScope(buildParsedDocument({ departmentGoals: noPartOne }))).toBe(''); // two projects
    expect(documentScope(buildParsedDocument({ departmentGoals: noPartOne, projects: [buildProject({ code: 'P1', name: '甲' })] }))).toBe('project:P1');
    expect(documentScope(buildParsedDocument({ departmentGoals: noPartOne, projects: [buildProject({ code: null, name: '城区 公厕\n改造' })] }))).toBe('project:城区公厕改造');
    const targets = buildWideDocument().departmentTargets;
    expect(documentScope(buildParsedDocument({ departmentGoals: noPartOne, projects: [], departmentTargets: targets }))).toBe('targets');
    // a form that comes with the whole-budget targets is the department's document
    expect(documentScope(buildParsedDocument({ departmentGoals: noPartOne, projects: [buildProject({ code: 'P1' })], departmentTargets: targets }))).toBe('');
  });

  it('the department\'s document replaces its own scope, its projects\' forms and the targets table it carries', () => {
    const doc = buildParsedDocument({ projects: [buildProject({ code: 'P1', name: '甲' }), buildProject({ code: 'P2', name: '乙 项目' })], departmentTargets: buildWideDocument().departmentTargets });
    // a project's form by its code, and a code-less form of it by its name (a carried-over draft)
    expect(replacedScopes(doc)).toEqual(['', 'project:P1', 'project:甲', 'project:P2', 'project:乙项目', 'targets']);
    expect(replacedScopes(buildParsedDocument({ departmentGoals: noPartOne, projects: [buildProject({ code: 'P9', name: '丙' })] }))).toEqual(['project:P9', 'project:丙']);
    expect(replacedScopes(buildParsedDocument({ departmentGoals: noPartOne, projects: [buildProject({ code: null, name: '丙' })] }))).toEqual(['project:丙']);
  });

  it('combines a year\'s documents: part one and targets from the documents that have them, every project numbered in order, every diagnostic', () => {
    const whole = buildParsedDocument({ projects: [buildProject({ code: 'P1', name: '甲', sequence: 1 })] });
    const formA = buildParsedDocument({ departmentGoals: noPartOne, projects: [buildProject({ code: 'P2', name: '乙', sequence: 1 })], diagnostics: [{ severity: 'info', code: 'x', message: 'm', source: { line: 1 } }] });
    const targets = buildParsedDocument({ departmentGoals: noPartOne, projects: [], departmentTargets: buildWideDocument().departmentTargets });
    const combined = combineDocuments([
      { scope: 'project:P2', doc: formA },
      { scope: 'targets', doc: targets },
      { scope: '', doc: whole },
    ]);
    expect(combined.departmentGoals).toBe(whole.departmentGoals);
    expect(combined.departmentTargets).toBe(targets.departmentTargets);
    expect(combined.projects.map((p) => [p.name, p.sequence])).toEqual([['甲', 1], ['乙', 2]]);
    expect(combined.diagnostics).toEqual([...whole.diagnostics, ...targets.diagnostics, ...formA.diagnostics]);
    expect(combineDocuments([{ scope: '', doc: whole }])).toBe(whole);
  });
});
