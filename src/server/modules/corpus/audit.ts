/**
 * The corpus audit (issue 68): what must hold of every real document without a truth file, checked on
 * what the reader gave — never on how it read it. Each check is a failure only where the reading says
 * it is certain; a doubted table that breaks one is the reader being honest, and is counted, not failed.
 *
 * - A document whose text holds target tables (structure/evidence.ts: rows setting an indicator category
 *   beside other text) is never refused as holding none; one whose text holds none is never given one.
 * - Every certain project table has a name, a year's amount (or its reading says the form prints none) and
 *   indicators, each with a level, a name and a target — or a warning of the reading at its line naming what is
 *   missing (a target left blank in the document, a level not in the framework); a certain department-wide table
 *   has indicators.
 * - Money in its unit: a certain project's amount agrees with the amount the document's own project list
 *   gives it (after units, within the rounding of the table's unit); a factor of 10,000 between them is a
 *   unit misread.
 * - A document that prints a project list has it read (the reader's ProjectListing), else it says it has none.
 *
 * Pure: a ParsedDocument (or a refusal) and the evidence in, a report out.
 */
import type { DepartmentTargets, Indicator, ParsedDocument, Project, ProjectListing } from '../../../shared/domain/model';
import { formatWan2 } from '../../../shared/domain/money';
import { holdsTargetTables, type TargetEvidence } from '../../importers/structure/evidence';

export const AUDIT_FAILURES = {
  'refused-with-targets': '文档中有绩效目标表，却被判为不是绩效目标文档',
  'targets-invented': '文档中没有绩效目标表，却读出了绩效目标表',
  'certain-no-name': '确定读取的项目表没有项目名称',
  'certain-no-budget': '确定读取的项目表没有年度金额',
  'certain-no-indicators': '确定读取的表没有绩效指标',
  'certain-indicator-incomplete': '确定读取的指标缺少一级指标、名称或指标值',
  'certain-amount-unit': '确定读取的金额与项目清单相差一万倍（单位读错）',
  'certain-amount-mismatch': '确定读取的金额与项目清单不一致',
} as const;
export type AuditFailureCode = keyof typeof AUDIT_FAILURES;

export interface AuditFailure {
  code: AuditFailureCode;
  /** The table it is about (its project's name, 部门整体, or null for the document). */
  table: string | null;
  message: string;
  line: number | null;
}

export interface DocumentAudit {
  file: string;
  seconds: number;
  /** Rows of the text that look like a target table's (structure/evidence.ts); null when the file could not be read into text. */
  evidenceRows: number | null;
  holdsTargets: boolean;
  refused: string | null;
  year: number | null;
  department: string | null;
  tables: { projects: number; certain: number; doubted: number; whole: number; wholeCertain: number };
  /** The document's project list against its target tables; null when the document has none. */
  list: { title: string; listed: number; withTable: number; matched: number; mismatched: number; tablesNotListed: number; omissionNote: boolean } | null;
  /** The doubts of the tables read, by code: how often each. */
  doubts: Record<string, number>;
  failures: AuditFailure[];
}

/** What the worker gives back of one file: its audit, and its reading when asked to keep it. */
export interface CorpusFileResult {
  audit: DocumentAudit;
  docs?: ParsedDocument[];
}

/** A name as compared with the list: no spaces, brackets and punctuation the same width, a leading code off. */
export function listKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^[A-Za-z0-9-]{6,}[_\-—、.]?/, '')
    .replace(/[“”"'‘’]/g, '');
}

/** A listed project's carried-over money (…（结转）, …(上年结转)) after listKey. */
const CARRIED_OVER = /^(.*?)[(（](?:上年)?结转[)）]$/;

/**
 * Whether two amounts in fen are the same project's money: equal, or equal within the rounding of a table written in
 * 万元 with two decimals (half of 0.01 万元 = 50 元) when one side was written so.
 */
export function sameAmount(a: number, b: number, roundedWan: boolean): boolean {
  return a === b || (roundedWan && Math.abs(a - b) <= 5_000);
}

const indicatorComplete = (i: Indicator): boolean => i.level1 !== null && i.name.trim() !== '' && i.target.raw.trim() !== '';

function auditProject(p: Project, failures: AuditFailure[], noMoneyField: ReadonlySet<number>, said: ReadonlySet<number>): void {
  const at = (code: AuditFailureCode, message: string) => failures.push({ code, table: p.name || p.title || null, message, line: p.source.line });
  if (p.name.trim() === '') at('certain-no-name', `第 ${p.source.line} 行的项目表${p.title ? `“${p.title}”` : ''}没有项目名称`);
  // a printed 0.00 is an amount read (the review says what it means); none at all is not — unless the reading says
  // the form prints no amount at all (form-without-budget: a 专项资金绩效目标表 of targets only)
  if (p.budget.total === null && !noMoneyField.has(p.source.line)) at('certain-no-budget', `项目“${p.name}”没有年度金额`);
  const indicators = p.indicators.length > 0 ? p.indicators : p.longTermIndicators;
  if (indicators.length === 0) at('certain-no-indicators', `项目“${p.name}”没有绩效指标`);
  const bad = indicators.filter((i) => !indicatorComplete(i) && !said.has(i.source.line));
  if (bad.length > 0) at('certain-indicator-incomplete', `项目“${p.name}”有 ${bad.length} 个指标缺少一级指标、名称或指标值（如第 ${bad[0]!.source.line} 行“${bad[0]!.name}”）`);
}

function auditWhole(w: DepartmentTargets, failures: AuditFailure[], said: ReadonlySet<number>): void {
  if (w.indicators.length === 0) failures.push({ code: 'certain-no-indicators', table: '部门整体', message: `部门整体支出绩效目标表“${w.title}”没有绩效指标`, line: w.source.line });
  const bad = w.indicators.filter((i) => !indicatorComplete(i) && !said.has(i.source.line));
  if (bad.length > 0) failures.push({ code: 'certain-indicator-incomplete', table: '部门整体', message: `部门整体支出绩效目标表有 ${bad.length} 个指标缺少一级指标、名称或指标值（如第 ${bad[0]!.source.line} 行“${bad[0]!.name}”）`, line: bad[0]!.source.line });
}

/** Each target table's project against the list: matched, mismatched (a failure when certain), not listed. */
function auditList(list: ProjectListing, projects: readonly Project[], failures: AuditFailure[]): NonNullable<DocumentAudit['list']> {
  // each listed amount, and a project's own with its carried-over money listed apart (审计专项补助经费 and
  // 审计专项补助经费（结转）) added up: its target table may state the two together
  const byKey = new Map<string, number[]>();
  const carried = new Map<string, number>();
  for (const l of list.projects) {
    if (l.amount === null) continue;
    const k = listKey(l.name);
    byKey.set(k, [...(byKey.get(k) ?? []), l.amount]);
    const of = CARRIED_OVER.exec(k);
    if (of) carried.set(of[1]!, (carried.get(of[1]!) ?? 0) + l.amount);
  }
  for (const [k, extra] of carried) {
    const own = byKey.get(k);
    if (own !== undefined) byKey.set(k, [...own, ...own.map((a) => a + extra)]);
  }
  let matched = 0;
  let mismatched = 0;
  let notListed = 0;
  const seen = new Set<string>();
  for (const p of projects) {
    const amounts = byKey.get(listKey(p.name));
    if (amounts === undefined) {
      notListed++;
      continue;
    }
    seen.add(listKey(p.name));
    const total = p.budget.total;
    if (total === null) continue;
    const rounded = p.amountUnit === '万元' || list.amountUnit === '万元';
    if (amounts.some((a) => sameAmount(a, total, rounded))) {
      matched++;
      continue;
    }
    mismatched++;
    if (p.reading?.certain === false) continue;
    const unit = amounts.some((a) => total > 0 && (a === total * 10_000 || a * 10_000 === total || sameAmount(a, total * 10_000, true) || sameAmount(a * 10_000, total, true)));
    failures.push({
      code: unit ? 'certain-amount-unit' : 'certain-amount-mismatch',
      table: p.name,
      message: `项目“${p.name}”的绩效目标表金额 ${formatWan2(total)} 万元，项目清单“${list.title}”为 ${amounts.map((a) => `${formatWan2(a)} 万元`).join('、')}`,
      line: p.source.line,
    });
  }
  return { title: list.title, listed: list.projects.length, withTable: seen.size, matched, mismatched, tablesNotListed: notListed, omissionNote: list.omissionNote !== null };
}

/** The audit of one file: its documents (or its refusal) and the evidence of its text. */
export function auditDocument(file: string, seconds: number, docs: readonly ParsedDocument[], refusal: string | null, evidence: TargetEvidence | null): DocumentAudit {
  const failures: AuditFailure[] = [];
  const holds = evidence !== null && holdsTargetTables(evidence);
  const tables = { projects: 0, certain: 0, doubted: 0, whole: 0, wholeCertain: 0 };
  const doubts: Record<string, number> = {};
  const count = (r: Project['reading']) => {
    for (const d of r?.doubts ?? []) doubts[d.code] = (doubts[d.code] ?? 0) + 1;
  };
  let list: DocumentAudit['list'] = null;
  for (const doc of docs) {
    const noMoneyField = new Set(doc.diagnostics.filter((d) => d.code === 'form-without-budget').map((d) => d.source.line));
    // the lines of which the reading says what it could not read (a warning or an error there: a blank target, no
    // level, no name): an incomplete indicator there is named, not silent
    const said = new Set(doc.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.source.line));
    for (const p of doc.projects) {
      tables.projects++;
      count(p.reading);
      if (p.reading?.certain === false) {
        tables.doubted++;
        continue;
      }
      tables.certain++;
      auditProject(p, failures, noMoneyField, said);
    }
    const w = doc.departmentTargets;
    if (w !== null) {
      tables.whole++;
      count(w.reading);
      if (w.reading?.certain !== false) {
        tables.wholeCertain++;
        auditWhole(w, failures, said);
      }
    }
    if (doc.projectList) list = auditList(doc.projectList, doc.projects, failures);
  }
  const read = tables.projects + tables.whole;
  if (refusal !== null && holds) {
    failures.push({ code: 'refused-with-targets', table: null, message: `文档有 ${evidence!.rows} 行像绩效目标表（第 ${evidence!.first?.line ?? '?'} 行起），却被拒绝：${refusal}`, line: evidence!.first?.line ?? null });
  }
  if (evidence !== null && !holds && read > 0) {
    failures.push({ code: 'targets-invented', table: null, message: `文档中没有像绩效目标表的行（${evidence.rows} 行），却读出 ${read} 张表`, line: null });
  }
  const doc = docs[0];
  return {
    file,
    seconds,
    evidenceRows: evidence?.rows ?? null,
    holdsTargets: holds,
    refused: refusal,
    year: doc?.year ?? null,
    department: doc?.department?.name ?? null,
    tables,
    list,
    doubts,
    failures,
  };
}
