/**
 * A child process for test/db/migration-crash.test.ts. Opens, and so creates and migrates, the
 * database named by argv[2] (a SQLite file or a postgres:// URL) through the real openDatabase,
 * counting the SQL statements that complete, and kills itself with SIGKILL right after statement
 * number argv[3] has run: a power cut or `kill -9` at exactly that point. Without a number, or
 * when opening needs fewer statements, it finishes and prints on stdout
 * `{"statements": n, "applied": m}`: m counts the migrations it recorded itself (its INSERTs
 * into kysely_migration), 0 when another process had migrated the database.
 *
 *   node --import tsx test/support/die-while-migrating.ts /tmp/x/jixiao.db 17
 */
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { countStatements } from './count-statements';

const [target, killAtArg] = process.argv.slice(2);
if (target === undefined) throw new Error('usage: die-while-migrating.ts DB [STATEMENT]');
const statements = countStatements();
statements.arm(killAtArg === undefined ? Infinity : Number(killAtArg));

const db = await openDatabase(/^postgres(ql)?:\/\//.test(target) ? { url: target, poolSize: 2 } : { path: target });
await closeDatabase(db);
process.stdout.write(JSON.stringify({ statements: statements.count, applied: statements.matching(/^insert into "kysely_migration"/i) }));
