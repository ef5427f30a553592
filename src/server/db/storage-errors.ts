/**
 * The database refusing to store anything (issue 72): its disk full, the database read-only, or its files failing.
 * Both databases say so by an error code — SQLite's SQLITE_FULL, SQLITE_READONLY…, SQLITE_IOERR…; PostgreSQL's
 * SQLSTATE 53100 (disk_full), 25006 (read_only_sql_transaction), 58030 (io_error) — which the server answers as a
 * 503 in Chinese saying what happened (app/errors.ts) and logs with its cause, instead of a generic 500 whose log said
 * only "cannot rollback - no transaction is active" (SQLite had rolled the transaction back itself: database.ts no
 * longer rolls back a transaction that is gone). Nothing is half-stored: the transaction is rolled back as always.
 */

export type StorageFailureKind = 'full' | 'read-only' | 'io';

export interface StorageFailure {
  kind: StorageFailureKind;
  /** The database's own code and words, for the log: "SQLITE_FULL: database or disk is full". */
  cause: string;
}

/** What the person is told, by kind. */
export const STORAGE_FAILURE_MESSAGES: Record<StorageFailureKind, string> = {
  full: '服务器的存储空间已满，本次操作没有保存任何内容；请联系系统管理员清理磁盘后再试',
  'read-only': '数据库目前为只读，本次操作没有保存任何内容；请联系系统管理员',
  io: '服务器读写数据库出错，本次操作没有保存任何内容；请联系系统管理员',
};

/** What a sign-in is told, by kind: every sign-in is recorded for the auditor, so none goes through unrecorded. */
export const STORAGE_FAILURE_SIGN_IN: Record<StorageFailureKind, string> = {
  full: '服务器的存储空间已满，无法记录登录，暂时不能登录；请联系系统管理员',
  'read-only': '数据库目前为只读，无法记录登录，暂时不能登录；请联系系统管理员',
  io: '服务器读写数据库出错，无法记录登录，暂时不能登录；请联系系统管理员',
};

/** What the operator's log says, by kind. */
export const STORAGE_FAILURE_LOG: Record<StorageFailureKind, string> = {
  full: 'database storage full: nothing stored',
  'read-only': 'database is read-only: nothing stored',
  io: 'database I/O error: nothing stored',
};

const POSTGRES: Record<string, StorageFailureKind> = { '53100': 'full', '25006': 'read-only', '58030': 'io' };

/** The storage failure an error is (its cause included, however deep), or null. */
export function storageFailure(error: unknown): StorageFailure | null {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e !== null && e !== undefined && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    const kind: StorageFailureKind | null =
      code === 'SQLITE_FULL' ? 'full' : code.startsWith('SQLITE_READONLY') ? 'read-only' : code.startsWith('SQLITE_IOERR') ? 'io' : (POSTGRES[code] ?? null);
    if (kind !== null) return { kind, cause: `${code}: ${message}` };
  }
  return null;
}
