/**
 * Previews waiting to be committed, in memory, per app instance (one store is made by the
 * imports route module when the app is built; nothing is module-level). A token is random, works
 * once, only for the user who made it, and expires after its time to live. The store is bounded:
 * a user keeps at most `perUser` previews and all users together `total` previews of at most
 * `bytes` (the memory the parsed documents hold, PendingImport.weight: many times the files'
 * sizes); beyond that the oldest are dropped first, so that large
 * previews left behind cannot hold the server's memory.
 */
import { randomBytes } from 'node:crypto';

interface Entry<T> {
  userId: number;
  expiresAt: number;
  size: number;
  value: T;
}

export interface PreviewLimits {
  perUser: number;
  total: number;
  bytes: number;
}

export const PREVIEW_LIMITS: PreviewLimits = { perUser: 5, total: 100, bytes: 400 * 1024 * 1024 };

export class ImportTokenStore<T> {
  /** In insertion order: the oldest first. */
  private readonly entries = new Map<string, Entry<T>>();
  private bytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
    private readonly limits: PreviewLimits = PREVIEW_LIMITS,
  ) {}

  /** Keeps `value` (holding about `size` bytes) for `userId`; returns its token. Expired and over-limit entries are dropped on the way. */
  put(userId: number, value: T, size = 0): string {
    const now = this.now().getTime();
    for (const [token, entry] of this.entries) if (entry.expiresAt <= now) this.drop(token);
    const own = [...this.entries].filter(([, e]) => e.userId === userId);
    for (const [token] of own.slice(0, Math.max(0, own.length - this.limits.perUser + 1))) this.drop(token);
    for (const [token] of this.entries) {
      if (this.entries.size < this.limits.total && this.bytes + size <= this.limits.bytes) break;
      this.drop(token);
    }
    const token = randomBytes(24).toString('base64url');
    this.entries.set(token, { userId, expiresAt: now + this.ttlMs, size, value });
    this.bytes += size;
    return token;
  }

  /** Takes the value of a live token of this user (once); undefined otherwise. Another user's token stays. */
  take(token: string, userId: number): T | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined || entry.userId !== userId) return undefined;
    this.drop(token);
    return entry.expiresAt > this.now().getTime() ? entry.value : undefined;
  }

  /** The value of a live token of this user, left in the store (a re-read replaces it only once it has succeeded). */
  peek(token: string, userId: number): T | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined || entry.userId !== userId || entry.expiresAt <= this.now().getTime()) return undefined;
    return entry.value;
  }

  private drop(token: string): void {
    const entry = this.entries.get(token);
    if (entry === undefined) return;
    this.bytes -= entry.size;
    this.entries.delete(token);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bytes of the files of the previews kept. */
  get heldBytes(): number {
    return this.bytes;
  }
}
