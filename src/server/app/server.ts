/**
 * Running the web server (`jixiao serve`, `jixiao start`): open and migrate the database, fill an
 * empty one (demo mode: the demo data; otherwise the FILES given), give each administrator role no
 * account holds an account with a one-time code (outside demo mode: on an empty database the three
 * administrators, 三员分立), listen, and close everything in order when asked.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { closeDatabase, configuredDatabase, describeDatabase, openDatabase, type DatabaseTarget } from '../db/database';
import type { Db } from '../db/schema';
import { listDemoLogins, loadDemoData, loadFiles, type DemoLogin, type DemoResult } from '../modules/demo/demo.service';
import { drainMonitoringFigures } from '../modules/monitoring/figures.service';
import { startDeadlineTimer } from '../modules/stages/deadline-timer';
import { createMissingAdministrators, type OperatorCode } from '../modules/users/users.service';
import { buildApp, type TrustProxy } from './app';

export interface ServerOptions {
  /** The database; default `configuredDatabase()` (DATABASE_URL, JIXIAO_DB, ./data/jixiao.db). */
  database?: DatabaseTarget;
  /** A SQLite file (when `database` is not given). */
  dbPath?: string;
  port: number;
  host: string;
  /** Files to import into an empty database (in demo mode: instead of the generated demo documents). */
  files?: string[];
  /**
   * Demo mode: an empty database gets the demo data, and the demo accounts' published password
   * signs in. Otherwise that password is refused, and each administrator role no account holds (all
   * three on an empty database) gets an account with a one-time code, to be replaced at its first
   * sign-in.
   */
  demo?: boolean;
  /** The fixtures the demo generator reads (default beside the checkout). */
  fixtureDir?: string;
  trustProxy?: TrustProxy;
  secureCookies?: boolean;
  webRoot?: string | null;
  /** Seconds a scanned upload's recognition may take (BuildAppOptions.scanSeconds). */
  scanSeconds?: number;
  /** Progress lines while starting. */
  log?: (line: string) => void;
  /**
   * How long a stop waits for connections still busy (default CLOSE_GRACE_MS) before it cuts
   * them: a client that stops reading a long answer must not keep the server from stopping.
   */
  closeGraceMs?: number;
}

/**
 * How long `close` lets requests under way finish: then the connections left are closed (a request's
 * transaction not yet committed rolls back with the database's close). Below the 30 s a service
 * manager commonly waits after SIGTERM before it kills.
 */
export const CLOSE_GRACE_MS = 10_000;

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** The database in use, for people: "SQLite ./data/jixiao.db", "PostgreSQL postgres://…" (no password). */
  database: string;
  /** http://host:port (the port actually bound when 0 was asked). */
  url: string;
  demo: DemoResult;
  /** Accounts that still have the demo password (they sign in only in demo mode). */
  demoLogins: DemoLogin[];
  /** The administrators' accounts made now outside demo mode (all three on an empty database), with their one-time codes. */
  administrators: OperatorCode[];
  /** Stops listening, lets requests finish (at most `closeGraceMs`), closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const target = opts.database ?? (opts.dbPath !== undefined ? { dialect: 'sqlite', path: opts.dbPath } : configuredDatabase());
  const db = await openDatabase(target);
  let app: FastifyInstance | undefined;
  try {
    const fill = {
      ...(opts.files ? { files: opts.files } : {}),
      ...(opts.fixtureDir ? { fixtureDir: opts.fixtureDir } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    };
    const demo = opts.demo ? await loadDemoData(db, fill) : await loadFiles(db, fill);
    const administrators = opts.demo ? [] : await createMissingAdministrators(db);
    const demoLogins = demo.accounts.length > 0 ? demo.accounts : await listDemoLogins(db);
    app = await buildApp({
      db,
      logger: 'warn',
      demo: opts.demo ?? false,
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
      ...(opts.secureCookies !== undefined ? { secureCookies: opts.secureCookies } : {}),
      ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
      ...(opts.scanSeconds !== undefined ? { scanSeconds: opts.scanSeconds } : {}),
    });
    await app.listen({ port: opts.port, host: opts.host });
    // The monitoring figures a bulk load queued (jixiao generate, a command-line import: a minute
    // at 100,000 projects) are computed now, in the background, in short transactions: not by the
    // first region read, which waits for this instead (figures.service.ts).
    const stopFigures = new AbortController();
    const figures = drainMonitoringFigures(db, { signal: stopFigures.signal }).catch((error: unknown) => {
      app?.log.error(error, 'monitoring figures: the queue could not be emptied; the next region read tries again');
    });
    // Stages passing their deadlines notify the late departments (once each; reads sweep too).
    const deadlines = startDeadlineTimer(db, { onError: (error) => app?.log.error(error, 'stage deadlines: the sweep failed; the next one tries again') });
    const address = app.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const listening = app;
    let closing: Promise<void> | undefined;
    return {
      app: listening,
      db,
      database: describeDatabase(target),
      url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}`,
      demo,
      demoLogins,
      administrators,
      close: () =>
        (closing ??= (async () => {
          stopFigures.abort();
          await deadlines.stop();
          // Idle keep-alive connections close at once (Fastify's forceCloseConnections: 'idle'); one
          // still answering after the grace period (its client gone quiet mid-answer) is cut.
          const cut = setTimeout(() => listening.server.closeAllConnections(), opts.closeGraceMs ?? CLOSE_GRACE_MS);
          try {
            await listening.close();
          } finally {
            clearTimeout(cut);
          }
          await figures;
          await closeDatabase(db);
        })()),
    };
  } catch (error) {
    await app?.close();
    await closeDatabase(db);
    throw error;
  }
}
