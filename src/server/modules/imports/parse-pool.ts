/**
 * Parsing off the event loop: the server reads uploaded files in a small pool of worker threads
 * (Piscina), so that one user's large or hostile file never stalls the requests of others. Each
 * file has a time limit (its worker is ended when it is exceeded) and each worker a heap limit (a
 * file that would exhaust the memory ends its worker, not the server); either way the file gets a
 * clear refusal naming the limit, and nothing of it is kept. The CLI parses in its own process
 * (import-files.ts): it serves one person.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import Piscina from 'piscina';
import { OCR_LIMITS } from '../../importers/ocr/ocr-limits';
import type { OcrProgress } from '../../importers/ocr/read-scan';
import type { ReadForImport, ReadOptions } from './import-files';
import { answerConversion, isConversionRequest } from './worker-conversions';

export interface ParsePoolOptions {
  /** Worker threads (default: half the cores, at least 1, at most 4: parsing competes with requests). */
  threads?: number;
  /** Seconds a file may take; null: no limit (for files this program wrote itself, as generate's). */
  timeoutSeconds?: number | null;
  /** Heap of a worker, MB. */
  memoryMb?: number;
  /**
   * Files handed to a worker at once (default 1). More lets a worker go on to the next file while
   * the thread that asked is busy (generate stores synchronously on SQLite: with one file at a time
   * the worker waited for that thread's event loop between files). It takes effect only without a
   * time limit (timeoutSeconds null): Piscina runs a task that can be aborted alone in its worker
   * (ending the worker is how it is aborted).
   */
  tasksPerWorker?: number;
  /**
   * Seconds a scan's recognition may take (issue 56; default OCR_LIMITS.documentSeconds): once a file turns out to need
   * OCR (its first page's progress), its limit is this from then on instead of timeoutSeconds. The reader stops itself
   * at it with its own refusal; the worker is ended SCAN_GRACE_SECONDS later if it has not.
   */
  scanSeconds?: number;
}

export const PARSE_POOL_DEFAULTS = { timeoutSeconds: 60, memoryMb: 1024 } as const;

/** How long after its scan limit a worker still reading a scan is ended. */
const SCAN_GRACE_SECONDS = 30;

export interface ParsePool {
  /**
   * Reads a file in a worker: its documents, or why none of it can be imported. Never rejects. `weigh: false`: no memory
   * weight (readForImport). `onProgress`: a scan's pages recognised of its pages, as the worker goes.
   */
  read(bytes: Uint8Array, file: string, opts?: ReadOptions, onProgress?: OcrProgress): Promise<ReadForImport>;
  /** Runs another of the worker's tasks (parse-worker-task.ts exports it by that name); rejects when it throws. */
  run<T>(name: string, task: unknown): Promise<T>;
  /**
   * Runs another task for a request: what it returns, or a refusal message for people when the
   * worker ran out of time or memory or failed (`{ failed }`). Never rejects.
   */
  attempt<T>(name: string, task: unknown): Promise<{ ok: true; value: T } | { ok: false; message: string }>;
  close(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./parse-worker.mjs', import.meta.url));

export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const threads = options.threads ?? Math.min(4, Math.max(1, Math.floor(availableParallelism() / 2)));
  const timeoutSeconds = options.timeoutSeconds === undefined ? PARSE_POOL_DEFAULTS.timeoutSeconds : options.timeoutSeconds;
  const memoryMb = options.memoryMb ?? PARSE_POOL_DEFAULTS.memoryMb;
  const scanSeconds = options.scanSeconds ?? OCR_LIMITS.documentSeconds;
  const pool = new Piscina<ParseTask, ReadForImport>({
    filename: WORKER,
    minThreads: 0,
    maxThreads: threads,
    concurrentTasksPerWorker: options.tasksPerWorker ?? 1,
    // A worker stays a while after a file: the next files of the same person are read warm (the
    // first PDF a worker reads costs about a second more: pdf.js's fonts and the parser compiled
    // on first use); an idle server holds no parser memory.
    idleTimeout: 5 * 60_000,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
  return {
    async read(bytes, file, opts = {}, onProgress) {
      // the worker tells a scan's progress through a port of its own; the first message also says the file is a scan
      const { port1, port2 } = new MessageChannel();
      const abort = new AbortController();
      let timer = timeoutSeconds === null ? undefined : setTimeout(() => abort.abort(), timeoutSeconds * 1000);
      let scanning = false;
      // the task's end, however it ends: a conversion the worker asked for is cancelled (its process group killed)
      const ended = new AbortController();
      port1.on('message', (message: { done: number; total: number }) => {
        if (isConversionRequest(message)) return answerConversion(port1, message, ended.signal);
        const { done, total } = message;
        if (!scanning && timeoutSeconds !== null) {
          scanning = true;
          clearTimeout(timer);
          timer = setTimeout(() => abort.abort(), (scanSeconds + SCAN_GRACE_SECONDS) * 1000);
        }
        onProgress?.(done, total);
      });
      try {
        const task: ParseTask = { bytes, file, ...opts, ocr: { ...opts.ocr, seconds: scanSeconds }, progress: port2 };
        return await pool.run(task, { signal: abort.signal, transferList: [port2] });
      } catch (error) {
        const why = scanning && abort.signal.aborted ? `文字识别超时（超过 ${scanSeconds} 秒），扫描件页数过多或图像异常，未导入` : workerFailure(error, timeoutSeconds, memoryMb);
        return { ok: false, message: `${file}: ${why}` };
      } finally {
        clearTimeout(timer);
        ended.abort();
        port1.close();
      }
    },
    run: (name, task) => (pool as Piscina).run(task, timeoutSeconds === null ? { name } : { name, signal: AbortSignal.timeout(timeoutSeconds * 1000) }),
    async attempt(name, task) {
      try {
        return { ok: true, value: await (pool as Piscina).run(task, timeoutSeconds === null ? { name } : { name, signal: AbortSignal.timeout(timeoutSeconds * 1000) }) };
      } catch (error) {
        return { ok: false, message: workerFailure(error, timeoutSeconds, memoryMb) };
      }
    },
    close: () => pool.destroy(),
  };
}

/** A file for a worker to read (parse-worker-task.ts), with the port it tells a scan's progress on. */
export type ParseTask = { bytes: Uint8Array; file: string; progress?: MessagePort } & ReadOptions;

/** Why a worker gave no answer, for people. */
function workerFailure(error: unknown, timeoutSeconds: number | null, memoryMb: number): string {
  const e = error as { name?: string; code?: string; message?: string };
  if (e?.name === 'AbortError') return `解析超时（超过 ${timeoutSeconds} 秒），文件可能过大或结构异常，未导入`;
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return `解析时超出内存限制（${memoryMb} MB），文件可能过大或结构异常，未导入`;
  return '解析失败（解析进程意外结束），未导入';
}
