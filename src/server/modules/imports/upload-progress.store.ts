/**
 * How far the reading of an upload has come (issue 56: a scan is read by OCR, page by page, for a minute or more), in
 * memory, per app instance. The browser names its upload by a random id of its own (the preview's `progress` query
 * parameter) and asks GET /api/imports/progress/:id while it waits; an id is only ever seen by the user who made it,
 * and is dropped when the upload's answer is sent. Bounded: a user keeps at most `perUser` uploads under way, all
 * users together `total`, the oldest dropped first.
 */
import type { UploadProgress } from '../../../shared/api/imports';

export const PROGRESS_LIMITS = { perUser: 5, total: 500 } as const;

export class UploadProgressStore {
  /** By `${userId}:${id}`, in insertion order: the oldest first. */
  private readonly entries = new Map<string, UploadProgress>();

  constructor(private readonly limits: { perUser: number; total: number } = PROGRESS_LIMITS) {}

  private static key(userId: number, id: string): string {
    return `${userId}:${id}`;
  }

  /** Records how far an upload has come (a new one makes room by dropping the oldest). */
  set(userId: number, id: string, progress: UploadProgress): void {
    const key = UploadProgressStore.key(userId, id);
    if (!this.entries.has(key)) {
      const own = [...this.entries.keys()].filter((k) => k.startsWith(`${userId}:`));
      for (const k of own.slice(0, Math.max(0, own.length - this.limits.perUser + 1))) this.entries.delete(k);
      for (const k of this.entries.keys()) {
        if (this.entries.size < this.limits.total) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, progress);
  }

  /** This user's upload's progress; undefined when it is not (or no longer) under way, or another user's. */
  get(userId: number, id: string): UploadProgress | undefined {
    return this.entries.get(UploadProgressStore.key(userId, id));
  }

  drop(userId: number, id: string): void {
    this.entries.delete(UploadProgressStore.key(userId, id));
  }

  get size(): number {
    return this.entries.size;
  }
}
