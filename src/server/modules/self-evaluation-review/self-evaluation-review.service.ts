/**
 * 自评复核 (issue 59): storing the 自评表 units submit, as read and checked (self-evaluation-review.ts), beside the
 * stored project they belong to (matched by code, else name, unit and year) and Jixiao's own self-evaluation of it;
 * the 复核 list of a year and region (ranked by how far the self-score stands from the recomputed one, the share
 * checked, large projects flagged); one table; the reviewer's conclusion, audited; the list as .xlsx.
 */
import type { ParsedDocument } from '../../../shared/domain/model';
import { isWithin } from '../../../shared/domain/region';
import { selectSelfEvaluationConfig } from '../../../shared/domain/self-evaluation-config';
import { INDICATOR_BASIS_WORDS, reviewSelfEvaluation, SELF_EVALUATION_RULES, type SelfEvaluationReview } from '../../../shared/domain/self-evaluation-review';
import type { SubmittedSelfEvaluation } from '../../../shared/domain/submitted-self-evaluation';
import {
  CONCLUSION_LABELS,
  type ConclusionBody,
  type SelfEvaluationReviewList,
  type SubmittedSelfEvaluationDetail,
  type SubmittedSelfEvaluationItem,
} from '../../../shared/api/self-evaluation-review';
import { insertAuditEntry, toAuditActor, type ActorInput } from '../../db/document.repository';
import type { Db } from '../../db/schema';
import {
  findEarlierTable,
  findSameTable,
  findSubmittedProject,
  getSubmittedSelfEvaluation,
  insertSubmittedSelfEvaluation,
  listSubmittedSelfEvaluations,
  replaceSubmittedSelfEvaluation,
  setSubmittedConclusion,
  type NewSubmittedSelfEvaluation,
  type SubmittedSelfEvaluationRow,
} from '../../db/submitted-self-evaluation.repository';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../app/errors';

export type SubmittedStoreStatus = 'imported' | 'replaced' | 'unchanged';

const H = (points: number | null | undefined) => (points === null || points === undefined ? null : Math.round(points * 100));
const points = (h: number | null) => (h === null ? null : h / 100);
const configOf = (se: SubmittedSelfEvaluation, region: string | null) => selectSelfEvaluationConfig(se.year, region);

/**
 * Stores every self-evaluation of a document, each table in the caller's transaction or one of its own; the
 * file's status: 'unchanged' when every table was stored from the same bytes before. Everything stays inside the
 * uploader's region (`region`, its subtree; null: the whole installation, the command line) (issue 72): a table is
 * matched to a project of it, stored in its project's region (else in the uploader's), and replaces, or is found
 * unchanged from, only a table of it — of another region nothing is changed and nothing is told.
 */
export async function storeSubmittedSelfEvaluations(db: Db, doc: ParsedDocument, opts: { actor: ActorInput; region: string | null; now?: Date }): Promise<{ status: SubmittedStoreStatus; ids: number[] }> {
  const at = (opts.now ?? new Date()).toISOString();
  const statuses: SubmittedStoreStatus[] = [];
  const ids: number[] = [];
  await inTransaction(db, async (trx) => {
    for (const [k, se] of (doc.selfEvaluations ?? []).entries()) {
      const projectName = se.project ?? (se.kind === 'department' && se.unit !== null ? `${se.unit}部门整体支出` : `（未识别项目名称）${doc.file} 自评表${k + 1}`);
      const same = await findSameTable(trx, { sha256: doc.sha256, tableNumber: k + 1, region: opts.region });
      if (same !== undefined) {
        statuses.push('unchanged');
        ids.push(same);
        continue;
      }
      const units = [se.unit, se.department].filter((u): u is string => u !== null);
      const match = se.project === null ? undefined : await findSubmittedProject(trx, { code: se.code, name: se.project, units, year: se.year, region: opts.region });
      const regionCode = match?.regionCode ?? opts.region;
      const earlier = await findEarlierTable(trx, { projectName, unitName: se.unit, year: se.year, regionCode });
      const review = reviewSelfEvaluation(se, configOf(se, regionCode));
      const row: NewSubmittedSelfEvaluation = {
        year: se.year,
        regionCode,
        projectName,
        projectCode: se.code,
        unitName: se.unit,
        departmentId: match?.departmentId ?? null,
        projectId: match?.projectId ?? null,
        file: doc.file,
        sha256: doc.sha256,
        tableNumber: k + 1,
        content: JSON.stringify(se),
        budgetFull: se.funds.budgetFull?.fen ?? null,
        selfHundredths: H(review.selfScore),
        selfGrade: se.grade,
        // a table not re-scored (its reading doubted) keeps no recomputed score: grade '' (itemOf)
        recomputedHundredths: H(review.recomputed.total) ?? 0,
        recomputedGrade: review.recomputed.grade ?? '',
        gapHundredths: H(review.gap),
        findings: review.findings.length,
        errors: review.findings.filter((f) => f.severity === 'error').length,
        doubted: se.reading.certain ? 0 : 1,
        importedAt: at,
        importedBy: toAuditActor(opts.actor).displayName,
      };
      let id: number;
      if (earlier !== undefined) {
        await replaceSubmittedSelfEvaluation(trx, earlier, row);
        id = earlier;
        statuses.push('replaced');
      } else {
        id = await insertSubmittedSelfEvaluation(trx, row);
        statuses.push('imported');
      }
      ids.push(id);
      await insertAuditEntry(trx, {
        at,
        actor: opts.actor,
        action: 'submitted-self-evaluation.import',
        entity: 'submitted_self_evaluation',
        entityId: id,
        detail: { file: doc.file, table: k + 1, project: projectName, unit: se.unit, year: se.year, matchedProjectId: row.projectId, selfScore: review.selfScore, recomputed: review.recomputed.total, findings: row.findings, replaced: earlier !== undefined },
      });
    }
  });
  const status: SubmittedStoreStatus = statuses.every((s) => s === 'unchanged') ? 'unchanged' : statuses.includes('replaced') ? 'replaced' : 'imported';
  return { status, ids };
}

function itemOf(r: SubmittedSelfEvaluationRow, largeFen: number): SubmittedSelfEvaluationItem {
  return {
    id: r.id,
    project: r.projectName,
    projectCode: r.projectCode,
    unit: r.unitName,
    year: r.year,
    projectId: r.projectId,
    department: r.departmentName,
    budgetFullFen: r.budgetFull,
    large: r.budgetFull !== null && r.budgetFull >= largeFen,
    selfScore: points(r.selfHundredths),
    selfGrade: r.selfGrade,
    recomputedScore: r.recomputedGrade === '' ? null : r.recomputedHundredths / 100,
    recomputedGrade: r.recomputedGrade === '' ? null : r.recomputedGrade,
    gap: points(r.gapHundredths),
    ownScore: points(r.ownHundredths),
    ownGrade: r.ownGrade,
    findings: r.findings,
    errors: r.errors,
    doubted: r.doubted === 1,
    conclusion: r.conclusion,
    conclusionScore: points(r.conclusionScoreHundredths),
    conclusionComment: r.conclusionComment,
    concludedBy: r.concludedBy,
    concludedAt: r.concludedAt,
    file: r.file,
    importedAt: r.importedAt,
  };
}

/**
 * The 复核 list of a year: the tables farthest from the recomputed score first, then those not re-scored (their reading
 * doubted: a person must read them), then the most errors, the largest.
 */
export async function listForReview(db: Db, year: number, region: string | null): Promise<SelfEvaluationReviewList> {
  return listOf(year, region, await listSubmittedSelfEvaluations(db, year, region));
}

/** The list and each table's detail, in the list's order, from one query: what the .xlsx export writes. */
export async function listWithDetails(db: Db, year: number, region: string | null): Promise<{ list: SelfEvaluationReviewList; details: SubmittedSelfEvaluationDetail[] }> {
  const rows = await listSubmittedSelfEvaluations(db, year, region);
  const list = listOf(year, region, rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { list, details: list.items.map((i) => detailOf(byId.get(i.id)!)) };
}

function listOf(year: number, region: string | null, rows: readonly SubmittedSelfEvaluationRow[]): SelfEvaluationReviewList {
  const config = selectSelfEvaluationConfig(year, region);
  const items = rows.map((r) => itemOf(r, config.largeProjectFen));
  items.sort(
    (a, b) =>
      Math.abs(b.gap ?? 0) - Math.abs(a.gap ?? 0) ||
      Number(b.recomputedScore === null) - Number(a.recomputedScore === null) ||
      b.errors - a.errors ||
      b.findings - a.findings ||
      (b.budgetFullFen ?? 0) - (a.budgetFullFen ?? 0) ||
      a.id - b.id,
  );
  const checked = items.filter((i) => i.conclusion !== null).length;
  const large = items.filter((i) => i.large);
  return {
    year,
    items,
    summary: {
      total: items.length,
      checked,
      checkedPercent: items.length === 0 ? 0 : Math.round((checked / items.length) * 10_000) / 100,
      targetPercent: config.reviewSharePercent,
      large: large.length,
      largeChecked: large.filter((i) => i.conclusion !== null).length,
      largeThresholdFen: config.largeProjectFen,
    },
  };
}

/** A table the account may see: 404 outside its region (a table matched to no project has none: seen only without a region). */
async function visible(db: Db, id: number, region: string | null): Promise<SubmittedSelfEvaluationRow> {
  const row = await getSubmittedSelfEvaluation(db, id);
  const within = (code: string | null) => region === null || (code !== null && isWithin(code, region));
  if (row === undefined || !within(row.regionCode)) throw new AppError(404, 'not-found', '没有这张自评表');
  return row;
}

const whereOf = (s: { line: number; ref?: string } | null) => (s === null ? null : (s.ref ?? `第${s.line}行`));

/** One table: what it says, Jixiao's score beside each, the findings. */
export async function getForReview(db: Db, id: number, region: string | null): Promise<SubmittedSelfEvaluationDetail> {
  return detailOf(await visible(db, id, region));
}

/** How Jixiao found an indicator's figure, in words; a sub-item names the parent it counts in. */
function howOf(se: SubmittedSelfEvaluation, review: SelfEvaluationReview, k: number): string | null {
  const how = review.recomputed.how[k];
  if (how === null || how === undefined) return null;
  const part = se.indicators[k]!.partOf;
  return part?.kind === 'sub' ? `${INDICATOR_BASIS_WORDS[how]}，计入“${se.indicators[part.index]?.name ?? ''}”` : INDICATOR_BASIS_WORDS[how];
}

function detailOf(row: SubmittedSelfEvaluationRow): SubmittedSelfEvaluationDetail {
  const se = JSON.parse(row.content) as SubmittedSelfEvaluation;
  const review: SelfEvaluationReview = reviewSelfEvaluation(se, configOf(se, row.regionCode));
  const config = selectSelfEvaluationConfig(row.year, row.regionCode);
  return {
    ...itemOf(row, config.largeProjectFen),
    amountUnit: se.amountUnit,
    funds: {
      budgetStart: se.funds.budgetStart?.text ?? null,
      budgetFull: se.funds.budgetFull?.text ?? null,
      executed: se.funds.executed?.text ?? null,
      points: se.funds.points?.value ?? null,
      rate: se.funds.rate?.value ?? null,
      score: se.funds.score?.value ?? null,
      recomputed: review.recomputed.funds,
    },
    indicators: se.indicators.map((i, k) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target: i.target,
      actual: i.actual,
      points: i.points?.value ?? null,
      score: i.score?.value ?? null,
      recomputed: review.recomputed.indicators[k] ?? null,
      how: howOf(se, review, k),
      deviation: i.deviation,
    })),
    findingList: review.findings.map((f) => ({
      rule: f.rule,
      title: SELF_EVALUATION_RULES[f.rule],
      severity: f.severity,
      indicator: f.indicator,
      given: f.given,
      expected: f.expected,
      where: whereOf(f.source),
      message: f.message,
      suggestion: f.suggestion,
    })),
    withheld: review.withheld,
    doubts: se.reading.doubts.map((d) => d.message),
  };
}

/** The reviewer's conclusion on a table, audited with what it was before. */
export async function concludeReview(db: Db, id: number, body: ConclusionBody, region: string | null, opts: { actor: ActorInput; now: Date }): Promise<SubmittedSelfEvaluationDetail> {
  await inTransaction(db, async (trx) => {
    const before = await visible(trx, id, region);
    const after = {
      conclusion: body.conclusion,
      conclusionScoreHundredths: body.conclusion === 'adjusted' ? H(body.score) : null,
      conclusionComment: body.comment ? body.comment : null,
      concludedBy: toAuditActor(opts.actor).displayName,
      concludedAt: opts.now.toISOString(),
    };
    await setSubmittedConclusion(trx, id, after);
    const words = (c: string | null) => (c === null ? '未复核' : CONCLUSION_LABELS[c as keyof typeof CONCLUSION_LABELS]);
    await insertAuditEntry(trx, {
      at: after.concludedAt,
      actor: opts.actor,
      action: 'submitted-self-evaluation.conclude',
      entity: 'submitted_self_evaluation',
      entityId: id,
      detail: {
        project: before.projectName,
        before: { conclusion: words(before.conclusion), score: points(before.conclusionScoreHundredths), comment: before.conclusionComment },
        after: { conclusion: words(after.conclusion), score: points(after.conclusionScoreHundredths), comment: after.conclusionComment },
      },
    });
  });
  return getForReview(db, id, region);
}
