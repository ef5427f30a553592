/**
 * Running the web server (`jixiao serve`, `jixiao start`): open and migrate the database, load
 * the demo data when it is empty, listen, and close everything in order when asked.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { closeDatabase, configuredDatabase, describeDatabase, openDatabase, type DatabaseTarget } from '../db/database';
import type { Db } from '../db/schema';
import { listDemoLogins, loadDemoData, type DemoLogin, type DemoResult } from '../modules/demo/demo.service';
import { buildApp } from './app';

export interface ServerOptions {
  /** The database; default `configuredDatabase()` (DATABASE_URL, JIXIAO_DB, ./data/jixiao.db). */
  database?: DatabaseTarget;
  /** A SQLite file (when `database` is not given). */
  dbPath?: string;
  port: number;
  host: string;
  /** Files to import into an empty database instead of the generated demo documents. */
  files?: string[];
  /** The fixtures the demo generator reads (default beside the checkout). */
  fixtureDir?: string;
  trustProxy?: boolean;
  secureCookies?: boolean;
  webRoot?: string | null;
  /** Progress lines while starting. */
  log?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** The database in use, for people: "SQLite ./data/jixiao.db", "PostgreSQL postgres://…" (no password). */
  database: string;
  /** http://host:port (the port actually bound when 0 was asked). */
  url: string;
  demo: DemoResult;
  /** Accounts that still have the demo password. */
  demoLogins: DemoLogin[];
  /** Stops listening, lets requests finish, closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const target = opts.database ?? (opts.dbPath !== undefined ? { dialect: 'sqlite', path: opts.dbPath } : configuredDatabase());
  const db = await openDatabase(target);
  let app: FastifyInstance | undefined;
  try {
    const demo = await loadDemoData(db, {
      ...(opts.files ? { files: opts.files } : {}),
      ...(opts.fixtureDir ? { fixtureDir: opts.fixtureDir } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    const demoLogins = demo.accounts.length > 0 ? demo.accounts : await listDemoLogins(db);
    app = await buildApp({
      db,
      logger: 'warn',
      warmParsers: true,
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
      ...(opts.secureCookies !== undefined ? { secureCookies: opts.secureCookies } : {}),
      ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
    });
    await app.listen({ port: opts.port, host: opts.host });
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
      close: () =>
        (closing ??= (async () => {
          await listening.close();
          await closeDatabase(db);
        })()),
    };
  } catch (error) {
    await app?.close();
    await closeDatabase(db);
    throw error;
  }
}
