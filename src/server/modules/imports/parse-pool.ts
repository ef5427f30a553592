/**
 * Parsing off the event loop: the server reads uploaded files in a small pool of worker threads
 * (Piscina), so that one user's large or hostile file never stalls the requests of others. Each
 * file has a time limit (its worker is ended when it is exceeded) and each worker a heap limit (a
 * file that would exhaust the memory ends its worker, not the server); either way the file gets a
 * clear refusal naming the limit, and nothing of it is kept. The CLI parses in its own process
 * (import-files.ts): it serves one person.
 *
 * Files wait their turn fairly (issue 72: the pool was first come, first served, and three 60-second refusals of
 * one editor delayed another user's one-second preview to 57 s). Each file is read for an owner (the account that
 * uploaded it); the next file to start is that of the owner with the fewest files being read, then the one whose
 * last file started longest ago, then the oldest: one person's many files take turns with everyone else's. Beside
 * the pool's threads one more thread reads only small files (SMALL_FILE_BYTES), so that a small file never waits
 * behind another user's large one. A file's time limit runs from when its worker starts it, not while it waits for
 * its turn or for a new worker to load the readers.
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
   * A thread beside `threads` for small files only (default true; generate, which reads its own files one after
   * another, has none).
   */
  smallFileThread?: boolean;
  /**
   * Seconds a scan's recognition may take (issue 56; default OCR_LIMITS.documentSeconds): once a file turns out to need
   * OCR (its first page's progress), its limit is this from then on instead of timeoutSeconds. The reader stops itself
   * at it with its own refusal; the worker is ended SCAN_GRACE_SECONDS later if it has not.
   */
  scanSeconds?: number;
}

export const PARSE_POOL_DEFAULTS = { timeoutSeconds: 60, memoryMb: 1024 } as const;

/** A file up to this size may be read by the thread kept for small files. */
export const SMALL_FILE_BYTES = 1024 * 1024;

/** Whom a file is read for: the fair shares' key (an account's id); absent: one owner for all such files. */
export type PoolOwner = string | number | undefined;

/** How long after its scan limit a worker still reading a scan is ended. */
const SCAN_GRACE_SECONDS = 30;

/** Seconds a worker may take to start a file (a new one loads the readers first) before the file's own limit runs. */
const WORKER_START_SECONDS = 60;

export interface ParsePool {
  /**
   * Reads a file in a worker: its documents, or why none of it can be imported. Never rejects. `weigh: false`: no memory
   * weight (readForImport). `onProgress`: a scan's pages recognised of its pages, as the worker goes.
   */
  read(bytes: Uint8Array, file: string, opts?: ReadOptions, onProgress?: OcrProgress, owner?: PoolOwner): Promise<ReadForImport>;
  /** Runs another of the worker's tasks (parse-worker-task.ts exports it by that name); rejects when it throws. */
  run<T>(name: string, task: unknown): Promise<T>;
  /**
   * Runs another task for a request: what it returns, or a refusal message for people when the
   * worker ran out of time or memory or failed (`{ failed }`). Never rejects.
   */
  attempt<T>(name: string, task: { bytes: Uint8Array; [field: string]: unknown }, owner?: PoolOwner): Promise<{ ok: true; value: T } | { ok: false; message: string }>;
  close(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./parse-worker.mjs', import.meta.url));

export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const threads = options.threads ?? Math.min(4, Math.max(1, Math.floor(availableParallelism() / 2)));
  const timeoutSeconds = options.timeoutSeconds === undefined ? PARSE_POOL_DEFAULTS.timeoutSeconds : options.timeoutSeconds;
  const memoryMb = options.memoryMb ?? PARSE_POOL_DEFAULTS.memoryMb;
  const scanSeconds = options.scanSeconds ?? OCR_LIMITS.documentSeconds;
  const smallThread = options.smallFileThread ?? true;
  const piscina = (maxThreads: number) =>
    new Piscina<ParseTask, ReadForImport>({
      filename: WORKER,
      minThreads: 0,
      maxThreads,
      concurrentTasksPerWorker: options.tasksPerWorker ?? 1,
      // A worker stays a while after a file: the next files of the same person are read warm (the
      // first PDF a worker reads costs about a second more: pdf.js's fonts and the parser compiled
      // on first use); an idle server holds no parser memory.
      idleTimeout: 5 * 60_000,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
  // the threads for any file, and the one for small files: pools of their own (Piscina gives a task to a worker
  // still starting rather than start another, so one pool would have put a small file behind a large one)
  const pools = { general: piscina(threads), small: smallThread ? piscina(1) : null };
  const pool = pools.general;
  const turns = new FairTurns(threads, smallThread);
  const limit = () => (timeoutSeconds === null ? {} : { signal: AbortSignal.timeout(timeoutSeconds * 1000) });
  return {
    async read(bytes, file, opts = {}, onProgress, owner) {
      const turn = await turns.wait(owner, bytes.byteLength);
      // the worker says when it starts the file, and tells a scan's progress, through a port of its own (the first
      // progress also says the file is a scan)
      const { port1, port2 } = new MessageChannel();
      const abort = new AbortController();
      // until the worker starts the file (a new worker loads the readers first: seconds on a loaded machine), and then
      // the file's own time
      const limitMs = (seconds: number) => setTimeout(() => abort.abort(), seconds * 1000);
      let timer = timeoutSeconds === null ? undefined : limitMs(timeoutSeconds + WORKER_START_SECONDS);
      let scanning = false;
      // the task's end, however it ends: a conversion the worker asked for is cancelled (its process group killed)
      const ended = new AbortController();
      port1.on('message', (message: { done: number; total: number } | { started: true }) => {
        if (isConversionRequest(message)) return answerConversion(port1, message, ended.signal);
        if ('started' in message) {
          if (timeoutSeconds !== null && !scanning) {
            clearTimeout(timer);
            timer = limitMs(timeoutSeconds);
          }
          return;
        }
        const { done, total } = message;
        if (!scanning && timeoutSeconds !== null) {
          scanning = true;
          clearTimeout(timer);
          timer = limitMs(scanSeconds + SCAN_GRACE_SECONDS);
        }
        onProgress?.(done, total);
      });
      try {
        const task: ParseTask = { bytes, file, ...opts, ocr: { ...opts.ocr, seconds: scanSeconds }, progress: port2 };
        return await (pools[turn.slot] ?? pool).run(task, { signal: abort.signal, transferList: [port2] });
      } catch (error) {
        const why = scanning && abort.signal.aborted ? `文字识别超时（超过 ${scanSeconds} 秒），扫描件页数过多或图像异常，未导入` : workerFailure(error, timeoutSeconds, memoryMb);
        return { ok: false, message: `${file}: ${why}` };
      } finally {
        clearTimeout(timer);
        ended.abort();
        port1.close();
        turn.done();
      }
    },
    run: (name, task) => (pool as Piscina).run(task, { name, ...limit() }),
    async attempt(name, task, owner) {
      const { slot, done } = await turns.wait(owner, task.bytes.byteLength);
      try {
        return { ok: true, value: await ((pools[slot] ?? pool) as Piscina).run(task, { name, ...limit() }) };
      } catch (error) {
        return { ok: false, message: workerFailure(error, timeoutSeconds, memoryMb) };
      } finally {
        done();
      }
    },
    close: async () => {
      await Promise.all([pools.general.destroy(), pools.small?.destroy()]);
    },
  };
}

interface Waiting {
  owner: string;
  small: boolean;
  arrival: number;
  start: (slot: 'general' | 'small') => void;
}

/**
 * Whose file starts next (issue 72): `general` threads read any file, and (with `smallThread`) one more reads small
 * files only. Of the files that fit a free thread, the one whose owner has the fewest files being read starts, then
 * the owner whose last file started longest ago, then the file that came first.
 */
export class FairTurns {
  private readonly waiting: Waiting[] = [];
  private readonly reading = new Map<string, number>();
  private readonly lastStart = new Map<string, number>();
  private generalBusy = 0;
  private smallBusy = false;
  private tick = 0;

  constructor(
    private readonly general: number,
    private readonly smallThread: boolean,
  ) {}

  /** Waits for the file's turn: the thread it is read on; call `done` when the file is. */
  wait(owner: PoolOwner, bytes: number): Promise<{ slot: 'general' | 'small'; done: () => void }> {
    return new Promise((resolve) => {
      const key = owner === undefined ? '' : String(owner);
      this.waiting.push({
        owner: key,
        small: bytes <= SMALL_FILE_BYTES,
        arrival: ++this.tick,
        start: (slot) => {
          let released = false;
          const done = () => {
            if (released) return;
            released = true;
            if (slot === 'small') this.smallBusy = false;
            else this.generalBusy--;
            this.reading.set(key, this.reading.get(key)! - 1);
            this.next();
          };
          resolve({ slot, done });
        },
      });
      this.next();
    });
  }

  /** Files being read and waiting now (tests). */
  load(): { reading: number; waiting: number } {
    return { reading: this.generalBusy + (this.smallBusy ? 1 : 0), waiting: this.waiting.length };
  }

  private slotFor(w: Waiting): 'general' | 'small' | null {
    if (w.small && this.smallThread && !this.smallBusy) return 'small';
    return this.generalBusy < this.general ? 'general' : null;
  }

  private next(): void {
    for (;;) {
      let best: Waiting | undefined;
      for (const w of this.waiting) {
        if (this.slotFor(w) === null) continue;
        if (best === undefined || this.before(w, best)) best = w;
      }
      if (best === undefined) return;
      const slot = this.slotFor(best)!;
      this.waiting.splice(this.waiting.indexOf(best), 1);
      if (slot === 'small') this.smallBusy = true;
      else this.generalBusy++;
      this.reading.set(best.owner, (this.reading.get(best.owner) ?? 0) + 1);
      this.lastStart.set(best.owner, ++this.tick);
      best.start(slot);
    }
  }

  private before(a: Waiting, b: Waiting): boolean {
    const ra = this.reading.get(a.owner) ?? 0;
    const rb = this.reading.get(b.owner) ?? 0;
    if (ra !== rb) return ra < rb;
    const la = this.lastStart.get(a.owner) ?? 0;
    const lb = this.lastStart.get(b.owner) ?? 0;
    if (la !== lb) return la < lb;
    return a.arrival < b.arrival;
  }
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
