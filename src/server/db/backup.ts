/**
 * Backups of a SQLite database (`jixiao backup`, `jixiao restore`), through SQLite's online backup
 * API (better-sqlite3's `backup`): a consistent copy page by page while the server keeps serving,
 * never a half-copied file. Like database.ts this file knows the dialect: a PostgreSQL database is
 * backed up with pg_dump and restored with pg_restore (POSTGRES_BACKUP_HELP), which know its
 * server far better than a copy through Jixiao could.
 *
 * Both write to a temporary file beside the destination and rename it into place when the copy is
 * checked, so a process killed half way leaves the destination as it was.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from './database';

/** Said instead, for a PostgreSQL database. */
export const POSTGRES_BACKUP_HELP = [
  'PostgreSQL 数据库请用 PostgreSQL 自带的工具备份和恢复（在能连接数据库服务器的机器上运行）：',
  '  备份：pg_dump --format=custom --file=jixiao.dump "$DATABASE_URL"',
  '  恢复：pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" jixiao.dump',
  '恢复后启动 jixiao serve 即按需迁移数据库结构。',
].join('\n');

/** A backup or restore that cannot be done, for people (the CLI prints it; exit 1). */
export class BackupError extends Error {}

export interface BackupSummary {
  file: string;
  bytes: number;
  documents: number;
  projects: number;
  accounts: number;
  /** The newest migration the copy holds. */
  migration: string;
}

/** Checks a SQLite file is a sound Jixiao database; what it holds. */
function inspect(path: string): Omit<BackupSummary, 'file' | 'bytes'> {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true, readonly: true });
  } catch (e) {
    throw new BackupError(`${path}：无法打开（${e instanceof Error ? e.message : String(e)}）`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${path}：数据库文件已损坏（${String(integrity)}）`);
    const tables = new Set((db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('kysely_migration') || !tables.has('document') || !tables.has('app_user')) throw new BackupError(`${path}：不是 Jixiao 的数据库`);
    // Three fixed table names, no input in the text.
    const count = (table: 'document' | 'project' | 'app_user') => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const last = db.prepare('select name from kysely_migration order by name desc limit 1').get() as { name: string } | undefined;
    return { documents: count('document'), projects: count('project'), accounts: count('app_user'), migration: last?.name ?? '' };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${path}：不是 Jixiao 的数据库（${e instanceof Error ? e.message : String(e)}）`);
  } finally {
    db.close();
  }
}

/**
 * Copies `from` to `to` through the online backup API, into a temporary file renamed when
 * checked; the copy is a single file in rollback-journal mode.
 */
async function copy(from: string, to: string): Promise<void> {
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(from, { fileMustExist: true, timeout: 5000 });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  try {
    // The copy keeps the source's WAL mode; a backup is one self-contained file (a rollback journal).
    const copied = new Database(partial);
    copied.pragma('journal_mode = DELETE');
    copied.close();
    inspect(partial);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  renameSync(partial, to);
}

/**
 * `jixiao backup FILE`: a consistent copy of the SQLite database at `database` (the server may
 * keep running) in `file`, which must not exist yet.
 */
export async function backupSqlite(database: string, file: string): Promise<BackupSummary> {
  if (!existsSync(database)) throw new BackupError(`数据库文件 ${database} 不存在`);
  if (existsSync(file)) throw new BackupError(`${file} 已存在：请换一个文件名，备份不会覆盖已有文件`);
  inspect(database);
  mkdirSync(dirname(resolve(file)), { recursive: true });
  await copy(database, file);
  return { file, bytes: statSync(file).size, ...inspect(file) };
}

/**
 * `jixiao restore FILE`: the SQLite database at `database` becomes the backup `file`, migrated to
 * this version. A database that holds documents or accounts is replaced only with `force`, and
 * then kept as `<database>.before-restore-<time>`. The server must be stopped: its open
 * connection would keep the old file.
 */
export async function restoreSqlite(file: string, database: string, opts: { force?: boolean; now?: Date } = {}): Promise<BackupSummary & { previous: string | null }> {
  if (!existsSync(file)) throw new BackupError(`备份文件 ${file} 不存在`);
  inspect(file);
  let previous: string | null = null;
  if (existsSync(database) && statSync(database).size > 0) {
    const current = inspect(database);
    if ((current.documents > 0 || current.accounts > 0) && !opts.force) {
      throw new BackupError(`数据库 ${database} 中已有数据（${current.documents} 个文档，${current.accounts} 个账号）：确认要用备份替换时加 --force（原数据库会保留为副本）`);
    }
    previous = `${database}.before-restore-${(opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
  }
  mkdirSync(dirname(resolve(database)), { recursive: true });
  const incoming = `${database}.restoring`;
  rmSync(incoming, { force: true });
  await copy(file, incoming);
  // An older backup is brought to this version's schema before it goes into place.
  await closeDatabase(await openDatabase({ path: incoming }));
  if (previous !== null) {
    // A checkpoint folds the old database's WAL into it, so that the copy kept is whole.
    const old = new Database(database, { timeout: 5000 });
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    renameSync(database, previous);
  }
  // A WAL left by the old file would be replayed into the new one.
  for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  renameSync(incoming, database);
  for (const suffix of ['-wal', '-shm']) rmSync(`${incoming}${suffix}`, { force: true });
  return { file: database, bytes: statSync(database).size, ...inspect(database), previous };
}
