/**
 * A parse pool worker's task (parse-pool.ts): the importer's own readForImport, with the same
 * reading, refusals and limits as in the main thread. Loaded by parse-worker.mjs (the sources,
 * through tsx) or bundled as dist/server/parse-worker.mjs (scripts/server-build.mjs).
 */
import type { DemoPlanOptions, DemoSlice, DemoStored } from '../execution-records/demo-execution';
import type { ParsedDocument } from '../../../shared/domain/model';
import type { MonitoredProject } from '../../db/monitoring.repository';
import { withConverter } from '../../importers/office/convert';
import { readForImport, type ReadForImport } from './import-files';
import { converterOver } from './worker-conversions';
import type { ParseTask } from './parse-pool';
import { firstError } from '../../importers/read-document';
import { readyForStore, type ReadyForStore } from './store.service';
import type { EvidenceKind } from '../rectification/evidence-file';
import type { ExecutionWorkbook } from '../../importers/xlsx/read-execution-xlsx';
import type { CorpusFileResult } from '../corpus/audit';

/**
 * An upload read: a scan's progress told on the task's port, and LibreOffice's conversions asked of the main thread
 * on it (worker-conversions.ts: a worker ended at its limit would leave them running).
 */
export default async function parse({ bytes, file, progress, ...opts }: ParseTask): Promise<ReadForImport> {
  if (progress === undefined) return readForImport(bytes, file, opts);
  // the file's time limit runs from now (parse-pool.ts)
  progress.postMessage({ started: true });
  try {
    return await withConverter(converterOver(progress), () =>
      readForImport(bytes, file, { ...opts, ocr: { ...opts.ocr, onProgress: (done, total) => progress.postMessage({ done, total }) } }),
    );
  } finally {
    progress.close();
  }
}

/** A file made ready for storing (jixiao generate), or why it cannot be. */
export type ReadReady = { ok: true; ready: ReadyForStore[] } | { ok: false; message: string };

/**
 * generate's reading (ParsePool.run 'readReady'): readForImport, then everything storing does
 * before its statements (store.service.ts readyForStore: every row built). What goes back to the
 * storing thread is rows of strings and numbers, not the parsed document: copying the document's
 * object graph between the threads, and building its rows, were the storing thread's largest
 * costs after the statements themselves (issue 18). A document with an error is refused here,
 * as generate refuses it.
 */
export async function readReady({ bytes, file }: { bytes: Uint8Array; file: string }): Promise<ReadReady> {
  const read = await readForImport(bytes, file, { weigh: false });
  if (!read.ok) return { ok: false, message: read.message };
  for (const doc of read.docs) {
    const error = firstError(doc);
    if (error) return { ok: false, message: `${file}:${error.source.line}: ${error.message}` };
  }
  // readForImport's documents are through prepareForStorage already.
  return { ok: true, ready: read.docs.map((doc, i) => readyForStore(doc, read.prepared[i], { preparedForStorage: true })) };
}

/**
 * generate's second use of its worker (ParsePool.run): a slice of the demo monitoring data planned
 * while the main thread writes the one before (execution-records/demo-execution.ts). Loaded on
 * first use: an upload's worker never loads it.
 */
export async function planDemoMonitoring({ projects, stored, opts }: { projects: (MonitoredProject & { year: number; budgetTotal: number })[]; stored: DemoStored; opts: DemoPlanOptions }): Promise<DemoSlice> {
  const { planDemoSlice } = await import('../execution-records/demo-execution');
  return planDemoSlice(projects, stored, opts);
}

/**
 * The kind of a 整改 evidence file by its bytes (rectification/evidence-file.ts sniffEvidence),
 * read here because an Office package is opened to tell Word from Excel: a package of very many
 * entries is refused by its central directory, one inflating past the readers' limit as it is inflated (zip-limits.ts),
 * before it is opened. Loaded on first use.
 */
export async function sniffEvidenceFile({ bytes, file }: { bytes: Uint8Array; file?: string }): Promise<{ ok: true; kind: EvidenceKind | null } | { ok: false; message: string }> {
  const { sniffEvidence, evidenceZipRefusal } = await import('../rectification/evidence-file');
  const refused = await evidenceZipRefusal(bytes, file ?? '');
  if (refused !== null) return { ok: false, message: refused };
  return { ok: true, kind: await sniffEvidence(bytes) };
}

/** A filled execution template read (importers/xlsx/read-execution-xlsx.ts), in the worker: ExcelJS holds the whole workbook while it reads. */
export async function readExecutionWorkbook({ bytes, file }: { bytes: Uint8Array; file?: string }): Promise<ExecutionWorkbook> {
  const { readExecutionXlsx } = await import('../../importers/xlsx/read-execution-xlsx');
  return readExecutionXlsx(bytes, file);
}

/**
 * A document of a corpus read and audited (issue 68, modules/corpus): read as an import reads it, the evidence of
 * target tables in its text beside it, and what must hold of it checked (corpus/audit.ts). The audit goes back, and
 * the reading too when `keep` asks for it (a test that also scores it against a hand truth).
 */
export async function auditCorpusFile({ bytes, file, keep }: { bytes: Uint8Array; file: string; keep?: boolean }): Promise<CorpusFileResult> {
  const [{ parseWithEvidence }, { auditDocument }] = await Promise.all([import('../../importers/read-document'), import('../corpus/audit')]);
  const started = performance.now();
  const read = await parseWithEvidence(bytes, file);
  const audit = auditDocument(file, (performance.now() - started) / 1000, read.docs, read.refusal, read.evidence);
  return keep === true ? { audit, docs: read.docs } : { audit };
}
