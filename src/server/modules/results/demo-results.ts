/**
 * Demo 结果运用 decisions: for the projects whose self-evaluation is complete, the finance bureau
 * has mostly accepted the suggestion (about three in four), overridden some with a reason (about one
 * in seven) and left the rest to decide. Deterministic for a database and seed; projects that
 * already have a decision keep it. Written in bulk, each decision audited as 'results.decide'.
 */
import { checkDecision, type Consequence, type DecisionInput, type Suggestion } from '../../../shared/domain/results-use';
import { insertAuditEntries, toAuditActor, type AuditEntry } from '../../db/document.repository';
import { loadMonitoredProjects } from '../../db/monitoring.repository';
import { insertResultsDecisions, type StoredResultsDecision } from '../../db/results.repository';
import type { Db } from '../../db/schema';
import { MONITORED_STATUSES } from '../../../shared/domain/workflow';
import { rngFor, type Rng } from '../execution-records/demo-execution';
import { inTransaction } from '../../db/transaction';
import { decisionWrite, resultsConfigFor, sheetsOf } from './results.service';

export interface DemoResultsOptions {
  seed?: number;
  actor?: string;
  now?: Date;
}

export interface DemoResultsResult {
  /** Projects with a complete self-evaluation (those that can be decided). */
  decidable: number;
  accepted: number;
  overridden: number;
  pending: number;
}

/** How the finance bureau departs from each suggestion, and why. */
const OVERRIDES: Record<Consequence, { consequence: Consequence; percent: number; reasons: string[] }> = {
  优先保障: { consequence: '保持', percent: 100, reasons: ['财力紧张，维持现有规模，不再追加', '同类项目已统筹安排，保持上年规模'] },
  保持: { consequence: '调整', percent: 95, reasons: ['部分内容与新增政策重叠，调整支出结构', '结合下年工作重点调整实施内容'] },
  调整: { consequence: '压减', percent: 85, reasons: ['执行进度偏慢且存在结余，适当压减', '绩效目标完成一般，按规定压减预算'] },
  压减: { consequence: '调整', percent: 90, reasons: ['属民生刚性支出，资金下达滞后系客观原因，调整后安排', '上级配套要求，不宜大幅压减'] },
  取消: { consequence: '压减', percent: 50, reasons: ['项目仍有存续必要，改为大幅压减', '承担上级指定任务，暂不取消'] },
};

function decisionFor(suggestion: Suggestion, rng: Rng): DecisionInput | null {
  const x = rng.next();
  if (x < 0.1) return null;
  if (x < 0.25) {
    const o = OVERRIDES[suggestion.consequence];
    return { action: 'override', consequence: o.consequence, percent: o.percent, reason: rng.pick(o.reasons) };
  }
  return { action: 'accept' };
}

/** Writes the demo decisions (see the top of this file). */
export async function generateDemoResultsDecisions(db: Db, opts: DemoResultsOptions = {}): Promise<DemoResultsResult> {
  const seed = opts.seed ?? 1;
  const actor = toAuditActor(opts.actor ?? 'demo');
  const at = (opts.now ?? new Date()).toISOString();
  return inTransaction(db, async (trx) => {
    const projects = await loadMonitoredProjects(trx, { currentOnly: true, statuses: MONITORED_STATUSES });
    const sheets = await sheetsOf(trx, projects);
    const result: DemoResultsResult = { decidable: 0, accepted: 0, overridden: 0, pending: 0 };
    const decisions: StoredResultsDecision[] = [];
    const audit: AuditEntry[] = [];
    projects.forEach((project, i) => {
      const sheet = sheets[i]!;
      if (sheet.suggestion === null || !sheet.evaluationComplete) return;
      result.decidable++;
      if (sheet.decision !== null) return;
      const input = decisionFor(sheet.suggestion, rngFor(seed, `results|${project.code ?? ''}|${project.name}|${project.year}|${project.position}`));
      if (input === null) {
        result.pending++;
        return;
      }
      const config = resultsConfigFor(project);
      const checked = checkDecision(input, sheet.suggestion, sheet.budgetFen, config);
      if (!checked.ok) throw new Error(`demo decision refused: ${checked.issues.map((x) => x.message).join('；')}`);
      if (checked.decision.overridden) result.overridden++;
      else result.accepted++;
      const write = decisionWrite(project, sheet, checked.decision, config, actor, at);
      decisions.push(write.decision);
      audit.push(write.audit);
    });
    await insertResultsDecisions(trx, decisions);
    await insertAuditEntries(trx, audit);
    return result;
  });
}
