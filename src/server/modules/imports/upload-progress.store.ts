/**
 * How far an upload has come (issue 56: a scan is read by OCR, page by page, for a minute or more), in memory, per app
 * instance. The browser names its upload by a random id of its own (the preview's `progress` query parameter) and asks
 * GET /api/imports/progress/:id while it waits; an id is only ever seen by the user who made it. An upload is known from
 * the moment its request arrives (receiving) to `keepMs` after its answer (done), so that the browser's asking never
 * meets a "not found" for its own upload. Bounded: a user keeps at most `perUser` uploads, all users together `total`,
 * the oldest dropped first.
 */
import type { UploadProgress } from '../../../shared/api/imports';

export const PROGRESS_LIMITS = { perUser: 5, total: 500, keepMs: 120_000 } as const;

interface Entry {
  progress: UploadProgress;
  /** When a done upload is forgotten (ms); null while under way. */
  until: number | null;
}

export class UploadProgressStore {
  /** By `${userId}:${id}`, in insertion order: the oldest first. */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => Date,
    private readonly limits: { perUser: number; total: number; keepMs: number } = PROGRESS_LIMITS,
  ) {}

  private static key(userId: number, id: string): string {
    return `${userId}:${id}`;
  }

  /** Records how far an upload has come (a new one makes room by dropping the forgotten and the oldest). */
  set(userId: number, id: string, progress: UploadProgress): void {
    const key = UploadProgressStore.key(userId, id);
    if (!this.entries.has(key)) {
      const now = this.now().getTime();
      for (const [k, e] of this.entries) if (e.until !== null && e.until <= now) this.entries.delete(k);
      const own = [...this.entries.keys()].filter((k) => k.startsWith(`${userId}:`));
      for (const k of own.slice(0, Math.max(0, own.length - this.limits.perUser + 1))) this.entries.delete(k);
      for (const k of this.entries.keys()) {
        if (this.entries.size < this.limits.total) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, { progress, until: null });
  }

  /** The upload has been answered: known as done for a while yet. */
  finish(userId: number, id: string): void {
    const entry = this.entries.get(UploadProgressStore.key(userId, id));
    if (entry === undefined) return;
    entry.progress = { ...entry.progress, stage: 'done' };
    entry.until = this.now().getTime() + this.limits.keepMs;
  }

  /** This user's upload's progress; undefined when unknown, forgotten, or another user's. */
  get(userId: number, id: string): UploadProgress | undefined {
    const entry = this.entries.get(UploadProgressStore.key(userId, id));
    if (entry === undefined || (entry.until !== null && entry.until <= this.now().getTime())) return undefined;
    return entry.progress;
  }

  get size(): number {
    return this.entries.size;
  }
}
