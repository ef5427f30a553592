/**
 * A folder of real documents read as a finance bureau receives them (issue 68: `jixiao corpus DIR`): every file
 * read in the parse pool's workers, side by side, and audited (audit.ts); per document and in total the target
 * tables found, read certain, doubted, refused, the checks that failed and the time. Nothing is stored and nothing
 * is kept between runs.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import { createParsePool } from '../imports/parse-pool';
import type { ParsedDocument } from '../../../shared/domain/model';
import { AUDIT_FAILURES, type AuditFailureCode, type CorpusFileResult, type DocumentAudit } from './audit';

export interface CorpusOptions {
  /** Workers reading side by side (default: one per core). */
  threads?: number;
  /** Seconds a document may take (a long scanned one is read by OCR page by page). */
  timeoutSeconds?: number;
  /** Files whose reading comes back too (CorpusReport.readings), by their path as given. */
  keep?: (file: string) => boolean;
  /** Called as each document is done, in the order they finish. */
  onDocument?: (audit: DocumentAudit, done: number, total: number) => void;
}

export interface CorpusTotals {
  documents: number;
  /** Documents whose text holds target tables (structure/evidence.ts). */
  withTargets: number;
  refused: number;
  /** Documents refused although their text holds target tables. */
  refusedWithTargets: number;
  projects: number;
  certain: number;
  doubted: number;
  whole: number;
  /** Documents whose project list was read, and the target tables matched against it. */
  withList: number;
  matched: number;
  mismatched: number;
  failures: Partial<Record<AuditFailureCode, number>>;
  /** Documents with at least one failure. */
  failing: number;
  seconds: number;
  /** The sum of the documents' own reading times. */
  readingSeconds: number;
}

export interface CorpusReport {
  documents: DocumentAudit[];
  /** The readings kept (CorpusOptions.keep), by the file's path as given; a refused file's is empty. */
  readings: Map<string, ParsedDocument[]>;
  totals: CorpusTotals;
}

/** A document the worker could not finish (its time or memory ran out): reported as refused, with why. */
function failedAudit(file: string, message: string): DocumentAudit {
  return { file, seconds: 0, evidenceRows: null, holdsTargets: false, refused: message, year: null, department: null, tables: { projects: 0, certain: 0, doubted: 0, whole: 0, wholeCertain: 0 }, list: null, doubts: {}, failures: [] };
}

export function corpusTotals(documents: readonly DocumentAudit[], seconds: number): CorpusTotals {
  const t: CorpusTotals = { documents: documents.length, withTargets: 0, refused: 0, refusedWithTargets: 0, projects: 0, certain: 0, doubted: 0, whole: 0, withList: 0, matched: 0, mismatched: 0, failures: {}, failing: 0, seconds, readingSeconds: 0 };
  for (const d of documents) {
    if (d.holdsTargets) t.withTargets++;
    if (d.refused !== null) t.refused++;
    t.projects += d.tables.projects;
    t.certain += d.tables.certain;
    t.doubted += d.tables.doubted;
    t.whole += d.tables.whole;
    if (d.list !== null) {
      t.withList++;
      t.matched += d.list.matched;
      t.mismatched += d.list.mismatched;
    }
    for (const f of d.failures) t.failures[f.code] = (t.failures[f.code] ?? 0) + 1;
    if (d.failures.some((f) => f.code === 'refused-with-targets')) t.refusedWithTargets++;
    if (d.failures.length > 0) t.failing++;
    t.readingSeconds += d.seconds;
  }
  return t;
}

/** Reads and audits every file, `threads` at a time; the reports in the files' order. */
export async function auditCorpus(files: readonly string[], opts: CorpusOptions = {}): Promise<CorpusReport> {
  const started = performance.now();
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const pool = createParsePool({ threads, timeoutSeconds: opts.timeoutSeconds ?? 900, memoryMb: 2048 });
  const audits = new Array<DocumentAudit>(files.length);
  const readings = new Map<string, ParsedDocument[]>();
  let done = 0;
  let next = 0;
  try {
    const worker = async () => {
      while (next < files.length) {
        const k = next++;
        const file = files[k]!;
        const name = basename(file);
        const bytes = await readFile(file);
        const keep = opts.keep?.(file) ?? false;
        const result = await pool.attempt<CorpusFileResult>('auditCorpusFile', { bytes, file: name, keep });
        audits[k] = result.ok ? result.value.audit : failedAudit(name, result.message);
        if (keep) readings.set(file, result.ok ? (result.value.docs ?? []) : []);
        opts.onDocument?.(audits[k]!, ++done, files.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(threads, files.length) }, worker));
  } finally {
    await pool.close();
  }
  return { documents: audits, readings, totals: corpusTotals(audits, (performance.now() - started) / 1000) };
}

export { AUDIT_FAILURES };
