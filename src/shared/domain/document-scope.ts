/**
 * What part of a department's year a document covers. Units publish their targets as one document
 * (part one and every project's table), but also as a department's whole-budget table
 * (部门整体支出绩效目标表) on its own, and as one 申报表 per project. Each is a document of its
 * own, and a new version replaces only what it covers:
 *
 * - DEPARTMENT_SCOPE ('') — a department's document: part one, or several projects; it replaces
 *   the department's document of the year, and covers the forms of its projects and, when it
 *   carries them, the whole-budget targets;
 * - TARGETS_SCOPE ('targets') — the whole-budget targets table alone;
 * - 'project:<key>' — one project's form (no part one, no whole-budget targets), the key its
 *   code, else its name: it replaces the earlier form of the same project.
 *
 * The department's year is then what its current documents say together (combineDocuments).
 * Pure code: the import service and the views use it.
 */
import type { DepartmentGoals, ParsedDocument, Project } from './model';
import { compactLabel } from './text';

export const DEPARTMENT_SCOPE = '';
export const TARGETS_SCOPE = 'targets';

/** A project's key among a department's documents of a year: its code, else its name as written (spaces aside). */
export const projectKey = (p: Pick<Project, 'code' | 'name'>): string => `project:${p.code ?? compactLabel(p.name)}`;

const hasPartOne = (g: DepartmentGoals) => g.overall !== null || g.subGoals.length > 0 || g.measures.length > 0;

type ScopedDocument = Pick<ParsedDocument, 'projects' | 'departmentGoals' | 'departmentTargets'>;

/** The document's scope (see the file comment). @example documentScope(aSingle申报表) // "project:13020225P000123" */
export function documentScope(doc: ScopedDocument): string {
  if (hasPartOne(doc.departmentGoals)) return DEPARTMENT_SCOPE;
  if (doc.projects.length === 0 && doc.departmentTargets !== null) return TARGETS_SCOPE;
  if (doc.projects.length === 1 && doc.departmentTargets === null) return projectKey(doc.projects[0]!);
  return DEPARTMENT_SCOPE;
}

/**
 * Whether the document's form asks for the department's overall goal: part one (部门整体绩效目标) of a department's
 * published budget-target document, or the 年度总体目标 of a whole-budget targets table. A document has part one when
 * it gives any of it, or has 第三部分 tables beside 第二部分 ones; a department's document made on Jixiao's own table (its projects carry
 * no form read from a file) has it too. A document of project tables read from a file and nothing else — a set of
 * 申报表 or 申报书, transfer-payment tables, a system's print of 项目绩效目标表 each titled by its project — has no
 * part one to miss, nor has a table without a recorded form titled by a form's generic title: it is not said missing (a published document that lost its part one is then not reported either:
 * nothing in the tables tells the two apart, and a false finding costs the unit more than a missed one).
 * @example formAsksDepartmentGoal(aSetOf申报表) // false
 */
export function formAsksDepartmentGoal(doc: ScopedDocument): boolean {
  if (hasPartOne(doc.departmentGoals) || doc.departmentTargets !== null) return true;
  if (documentScope(doc) !== DEPARTMENT_SCOPE) return false;
  if (doc.projects.length === 0) return true;
  // 第三部分 beside 第二部分 is the published document's layout; target tables all under one numbered heading read as
  // 第三部分 (a 部门预算 disclosure's “（三）…绩效目标表”) are that disclosure's section, with no part one of its own
  const parts = new Set(doc.projects.map((p) => p.part));
  return parts.size > 1 || doc.projects.some((p) => !p.form && !titledAsForm(p));
}

/** A table titled by a form's generic title ("湘溪县2025年项目支出绩效目标表"), not by its project: a form of its own. */
function titledAsForm(p: Pick<Project, 'title' | 'name'>): boolean {
  const title = compactLabel(p.title);
  const name = compactLabel(p.name);
  return title !== '' && name !== '' && /[表书]$/.test(title) && !title.includes(name);
}

/**
 * The scopes of the current documents a new version of `doc` replaces: its own, and for a
 * department's document the forms of its projects and, when it carries them, the targets table.
 * A project's form is found by its code and by its name (a code-less form of the same project).
 */
export function replacedScopes(doc: ScopedDocument): string[] {
  const own = documentScope(doc);
  if (own === TARGETS_SCOPE) return [own];
  // A project is the same project by its code, and by its name for a form stored without a code
  // (a draft carried over from last year: next year's code comes with the official document).
  const projectScopes = doc.projects.flatMap((p) => [projectKey(p), projectKey({ code: null, name: p.name })]);
  if (own !== DEPARTMENT_SCOPE) return [...new Set([own, ...projectScopes])];
  return [...new Set([own, ...projectScopes, ...(doc.departmentTargets !== null ? [TARGETS_SCOPE] : [])])];
}

const rank = (scope: string) => (scope === DEPARTMENT_SCOPE ? 0 : scope === TARGETS_SCOPE ? 1 : 2);

/** Orders a year's documents by scope: the department's document first, then the targets table, then the forms. */
export const compareScopes = (a: string, b: string): number => rank(a) - rank(b);

/**
 * What a department's current documents of a year say together, for its page and its exports:
 * part one and the whole-budget targets from the document that has them (the department's
 * document before the targets table), every project in document order, every diagnostic.
 * A single document is returned as it is.
 */
export function combineDocuments(docs: readonly { scope: string; doc: ParsedDocument }[]): ParsedDocument {
  if (docs.length === 0) throw new Error('combineDocuments: no document');
  const ordered = [...docs].sort((a, b) => compareScopes(a.scope, b.scope));
  if (ordered.length === 1) return ordered[0]!.doc;
  const base = ordered[0]!.doc;
  const withGoals = ordered.find((d) => hasPartOne(d.doc.departmentGoals))?.doc ?? base;
  const sequences = { project: 0, public: 0 };
  return {
    ...base,
    departmentGoals: withGoals.departmentGoals,
    departmentTargets: ordered.find((d) => d.doc.departmentTargets !== null)?.doc.departmentTargets ?? null,
    // Each form numbers its one table 1: numbered again in the combined order.
    projects: ordered.flatMap((d) => d.doc.projects).map((p) => ({ ...p, sequence: ++sequences[p.part] })),
    diagnostics: ordered.flatMap((d) => d.doc.diagnostics),
  };
}
