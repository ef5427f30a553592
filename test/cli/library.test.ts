/**
 * `jixiao library` over the imported fixtures: a real process, a real database (SQLite file, or
 * a fresh PostgreSQL database on a PostgreSQL run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryFromDocuments } from '../../src/shared/library/from-documents';
import { FIXTURE_DIR, parseFixtures } from '../support/fixtures';
import { createTestDatabaseTarget, type ChildDatabase } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-library-'));
let target: ChildDatabase;
let db: string;
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await target?.drop();
});

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '', COLUMNS: '200' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonEntry {
  name: string;
  level1: string | null;
  level2: string | null;
  projects: number;
  departments: number;
  years: number;
  units: string[];
  target: { count: number; min: number; p25: number; median: number; p75: number; max: number } | null;
  bases: string[];
  examples: { project: string; department: string | null; year: number | null; target: string }[];
}

beforeAll(async () => {
  target = await createTestDatabaseTarget();
  db = target.arg;
  expect(jixiao(['import', FIXTURE_DIR, '--db', db, '-q']).code).toBe(0);
});

describe('jixiao library', () => {
  it('--json: one entry per indicator in use, in the documented shape', async () => {
    const r = jixiao(['library', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const { entries } = JSON.parse(r.stdout) as { entries: JsonEntry[] };
    expect(Object.keys(JSON.parse(r.stdout) as object)).toStrictEqual(['entries']);
    // the same entries as the library built from the parsed fixtures without a database
    const expected = libraryFromDocuments(Object.values(await parseFixtures()).map((doc) => ({ doc })));
    expect(entries.map((e) => `${e.level1}|${e.level2}|${e.name}|${e.projects}`).sort()).toStrictEqual(
      expected.entries.map((e) => `${e.level1}|${e.level2}|${e.name}|${e.projects}`).sort(),
    );
    for (const e of entries) {
      expect(Object.keys(e)).toStrictEqual(['name', 'level1', 'level2', 'projects', 'departments', 'years', 'units', 'target', 'bases', 'examples']);
      if (e.target !== null) expect(Object.keys(e.target)).toStrictEqual(['count', 'min', 'p25', 'median', 'p75', 'max']);
      expect(e.examples.length).toBe(Math.min(5, e.projects));
      for (const x of e.examples) expect(Object.keys(x)).toStrictEqual(['project', 'department', 'year', 'target']);
    }
    const crowd = entries.find((e) => e.name === '群众满意度')!;
    expect(crowd).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标', projects: 5, departments: 2, years: 1, units: ['%'] });
    expect(crowd.target).toStrictEqual({ count: 5, min: 95, p25: 95, median: 95, p75: 95, max: 95 });
    expect(crowd.examples.every((x) => x.target === '≥95%' && x.year === 2025 && x.department !== null)).toBe(true);
  });

  it('--search (Chinese without spaces), --level1, --level2; a table without --json', () => {
    const found = (JSON.parse(jixiao(['library', '--json', '--search', '满意', '--db', db]).stdout) as { entries: JsonEntry[] }).entries;
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((e) => e.level1 === '满意度指标' || e.name.includes('满意'))).toBe(true);
    const cost = (JSON.parse(jixiao(['library', '--json', '--level1', '产出指标', '--level2', '成本指标', '--db', db]).stdout) as { entries: JsonEntry[] }).entries;
    expect(cost.length).toBeGreaterThan(0);
    expect(cost.every((e) => e.level1 === '产出指标' && e.level2 === '成本指标')).toBe(true);
    expect((JSON.parse(jixiao(['library', '--json', '--search', '不存在的指标名', '--db', db]).stdout) as { entries: JsonEntry[] }).entries).toStrictEqual([]);

    const table = jixiao(['library', '--search', '群众满意度', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('群众满意度');
    expect(table.stdout).toContain('95%（95–95，5 个）');
    expect(table.stdout).toMatch(/共 \d+ 个指标/);
  });
});
