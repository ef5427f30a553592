/**
 * docs/scaling.md's "Citus, statement by statement (issue 32)" kept true against the code:
 *
 * - its table of tables against the migrated schema: every table is listed; a table said to carry
 *   `region_code` has the column and one said not to has none (so adding the column, or a table,
 *   without updating the plan fails here); every primary key and unique index of a distributed
 *   table is named with what Citus needs of it (a new unique constraint needs its verdict);
 * - its table of statements against src/server/db/*.repository.ts: each function named exists in
 *   its repository, every exported function whose body names a distributed table is listed (a new
 *   statement needs its verdict), and the summary's counts are the table's.
 *
 * The schema is read on SQLite (its pragmas); the migrations create the same tables, columns and
 * keys on PostgreSQL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'scaling.md'), 'utf8');
const DB_DIR = join(ROOT, 'src', 'server', 'db');

/** The rows of the markdown table between `<!-- name -->` and `<!-- /name -->`, as cells. */
function markedTable(name: string): string[][] {
  const start = DOC.indexOf(`<!-- ${name} -->`);
  const end = DOC.indexOf(`<!-- /${name} -->`);
  expect(start, `docs/scaling.md lacks <!-- ${name} -->`).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return DOC.slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

interface TableRow {
  table: string;
  placement: string;
  regionCode: boolean;
  keys: string;
}

const tableRows: TableRow[] = markedTable('citus-tables').map(([table, placement, region, keys]) => ({
  table: unquote(table!),
  placement: placement!,
  regionCode: region!.startsWith('yes'),
  keys: keys!,
}));

/** Tables distributed with the document family (by region): what the plan says must carry the key. */
const familyTables = tableRows.filter((r) => r.placement.startsWith('distributed') && !r.placement.startsWith('distributed (token_hash)')).map((r) => r.table);

const VERDICTS = ['router', 'fan-out', 'join', 'write'] as const;
type Verdict = (typeof VERDICTS)[number];

const statementRows = markedTable('citus-statements').map(([name, repository, , verdict]) => ({
  name: unquote(name!),
  repository: repository!,
  verdict: verdict as Verdict,
}));

/** `indicatorId` → `indicator_id` (the CamelCasePlugin's mapping) and back. */
const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Exported functions of a repository: name → its text up to the next top-level declaration. */
function exportedFunctions(source: string): Map<string, string> {
  const out = new Map<string, string>();
  const starts = [...source.matchAll(/^(?:export\s+)?(?:async\s+)?(?:function|const|interface|type|class)\s+(\w+)/gm)];
  starts.forEach((m, i) => {
    if (!m[0].startsWith('export') || !/\b(function|const)\b/.test(m[0])) return;
    out.set(m[1]!, source.slice(m.index!, starts[i + 1]?.index ?? source.length));
  });
  return out;
}

const repositories = new Map(
  readdirSync(DB_DIR)
    .filter((f) => f.endsWith('.repository.ts'))
    .map((f) => [f.replace(/\.repository\.ts$/, ''), exportedFunctions(readFileSync(join(DB_DIR, f), 'utf8'))]),
);

/** The family tables a function's text names: `'indicator'`, `'executionRecord as r'`, `sql.table('goal_item')`. */
function familyTablesNamed(text: string): string[] {
  return familyTables.filter((t) => new RegExp(`['"\`](?:${camel(t)}|${t})(?: as \\w+)?['"\`]`).test(text));
}

describe("docs/scaling.md's statements", () => {
  it('name functions that exist in the repository they name, each once, with a known verdict', () => {
    expect(statementRows.length).toBeGreaterThan(100);
    const seen = new Set<string>();
    for (const row of statementRows) {
      const key = `${row.repository}.${row.name}`;
      expect(seen.has(key), `${key} listed twice`).toBe(false);
      seen.add(key);
      expect(repositories.get(row.repository)?.has(row.name), `${key} is not an exported function of src/server/db/${row.repository}.repository.ts`).toBe(true);
      expect(VERDICTS, key).toContain(row.verdict);
    }
  });

  it('list every exported repository function that names a distributed table', () => {
    const listed = new Set(statementRows.map((r) => `${r.repository}.${r.name}`));
    const missing: string[] = [];
    for (const [repository, functions] of repositories) {
      for (const [name, text] of functions) {
        const tables = familyTablesNamed(text);
        if (tables.length > 0 && !listed.has(`${repository}.${name}`)) missing.push(`${repository}.${name} (${tables.join(', ')})`);
      }
    }
    expect(missing, 'statements on distributed tables without a Citus verdict in docs/scaling.md').toEqual([]);
  });

  it("summary counts are the table's", () => {
    const count = (v: Verdict) => statementRows.filter((r) => r.verdict === v).length;
    for (const v of VERDICTS) expect(DOC, `the summary's ${v} count`).toContain(`| ${v} | ${count(v)} |`);
    expect(DOC).toContain(`**${count('join') + count('write')} statements need a change before distribution**`);
    const distributed = familyTables.length;
    const carrying = tableRows.filter((r) => familyTables.includes(r.table) && r.regionCode).length;
    expect(DOC).toContain(`Of the ${distributed} distributed tables of the family, `);
    expect(DOC).toContain(`${distributed} distributed tables, ${carrying} carry it`);
  });

  it('distributes by region exactly the tables the create_distributed_table block names', () => {
    const block = DOC.slice(DOC.indexOf("SELECT create_distributed_table('document', 'region'"), DOC.indexOf('### The queries must say the region'));
    const named = new Set(['document', ...[...block.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!).filter((t) => !['region', 'document'].includes(t))]);
    expect([...named].sort()).toEqual([...familyTables].sort());
  });
});

describe.skipIf(TEST_DIALECT !== 'sqlite')("docs/scaling.md's tables against the schema", () => {
  let t: TestDatabase;
  const schema = new Map<string, { columns: Set<string>; keys: string[][] }>();

  beforeAll(async () => {
    t = await openTestDatabase();
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite%'`.execute(t.db);
    for (const { name } of tables.rows) {
      const columns = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name})`.execute(t.db);
      const keys: string[][] = [];
      const pk = columns.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      if (pk.length > 0) keys.push(pk.map((c) => c.name));
      const indexes = await sql<{ name: string; unique: number; origin: string }>`select name, "unique", origin from pragma_index_list(${name})`.execute(t.db);
      for (const index of indexes.rows.filter((i) => i.unique === 1 && i.origin !== 'pk')) {
        const cols = await sql<{ name: string; seqno: number }>`select name, seqno from pragma_index_info(${index.name})`.execute(t.db);
        keys.push(cols.rows.sort((a, b) => a.seqno - b.seqno).map((c) => c.name));
      }
      schema.set(name, { columns: new Set(columns.rows.map((c) => c.name)), keys });
    }
  });
  afterAll(async () => t?.close());

  it('lists every table of the schema, and no other', () => {
    expect(tableRows.map((r) => r.table).sort()).toEqual([...schema.keys()].sort());
  });

  it('says which tables carry region_code, as the schema has it', () => {
    for (const row of tableRows) expect(schema.get(row.table)?.columns.has('region_code'), `${row.table}: region_code`).toBe(row.regionCode);
  });

  it('names every primary key and unique index of a distributed table with the key it needs on Citus', () => {
    for (const table of familyTables) {
      const row = tableRows.find((r) => r.table === table)!;
      const [today, onCitus] = row.keys.split(' → ');
      expect(onCitus, `${table}: what its keys become`).toBeDefined();
      for (const key of schema.get(table)!.keys) {
        expect(today, `${table}: key (${key.join(', ')})`).toContain(`(${key.join(', ')})`);
        // On Citus a primary key or unique constraint must contain the distribution column.
        expect(onCitus, `${table}: key (${key.join(', ')}) on Citus`).toContain(`(region_code, ${key.filter((c) => c !== 'region_code').join(', ')})`);
      }
    }
  });
});
