/**
 * Previews waiting to be committed, in memory, per app instance (one store is made by the
 * imports route module when the app is built; nothing is module-level). A token is random, works
 * once, only for the user who made it, and expires after its time to live.
 */
import { randomBytes } from 'node:crypto';

interface Entry<T> {
  userId: number;
  expiresAt: number;
  value: T;
}

export class ImportTokenStore<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  /** Keeps `value` for `userId`; returns its token. Expired entries are dropped on the way. */
  put(userId: number, value: T): string {
    const now = this.now().getTime();
    for (const [token, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.entries.set(token, { userId, expiresAt: now + this.ttlMs, value });
    return token;
  }

  /** Takes the value of a live token of this user (once); undefined otherwise. Another user's token stays. */
  take(token: string, userId: number): T | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined || entry.userId !== userId) return undefined;
    this.entries.delete(token);
    return entry.expiresAt > this.now().getTime() ? entry.value : undefined;
  }

  get size(): number {
    return this.entries.size;
  }
}
