/**
 * A child process for test/db/killed-mid-write.test.ts: the server's two busiest writes, killed (SIGKILL) right after
 * a chosen SQL statement, as a server killed mid-import or mid-approval. Opens the database named by argv[2] (a SQLite
 * file or a postgres:// URL, migrated and filled by the test), then, counting statements from there:
 *
 * - `import`: stores a parsed document as an upload's commit does (storeDocument: one transaction), as account argv[4];
 * - `approve`: the reviewer argv[4] approves project argv[5] at version argv[6] (applyWorkflowAction, as the route);
 *
 * each at a fixed time, so that two runs write the same rows. Killed right after statement argv[3] ("-": never);
 * otherwise it prints `{"statements": n}` and exits 0.
 *
 *   node die-while-writing.mjs /tmp/x/jixiao.db 12 import 1
 */
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { findUserById } from '../../src/server/db/user.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { applyWorkflowAction } from '../../src/server/modules/workflow/workflow.service';
import type { SessionUser } from '../../src/shared/api/auth';
import { buildParsedDocument } from '../factories';
import { countStatements } from './count-statements';

/** The moment both writes are made at. */
export const WRITE_AT = new Date('2026-03-02T02:00:00Z');

const [target, killAtArg, mode, userArg, projectArg, versionArg] = process.argv.slice(2);
if (target === undefined || mode === undefined || userArg === undefined) throw new Error('usage: die-while-writing.ts DB STATEMENT|- import|approve USER [PROJECT VERSION]');
const statements = countStatements();
const db = await openDatabase(/^postgres(ql)?:\/\//.test(target) ? { url: target, poolSize: 2 } : { path: target });
const account = await findUserById(db, Number(userArg));
if (!account) throw new Error(`no account ${userArg}`);
const user: SessionUser = { id: account.id, username: account.username, displayName: account.displayName, role: account.role, departmentId: account.departmentId, departmentName: account.departmentName, mustChangePassword: false, regionCode: account.regionCode };
const doc = buildParsedDocument();
statements.arm(killAtArg === undefined || killAtArg === '-' ? Infinity : Number(killAtArg));
if (mode === 'import') {
  await storeDocument(db, doc, { actor: { userId: user.id, username: user.username, displayName: user.displayName }, now: WRITE_AT, departmentRename: 'refuse' });
} else if (mode === 'approve') {
  await applyWorkflowAction(db, user, Number(projectArg), { action: 'approve', version: Number(versionArg), comment: '同意' }, WRITE_AT);
} else {
  throw new Error(`unknown mode ${mode}`);
}
const n = statements.count;
await closeDatabase(db);
process.stdout.write(JSON.stringify({ statements: n }));
