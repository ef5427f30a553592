/**
 * `jixiao check` as people run it: on files and on the database, readable and --json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { ruleTitle } from '../../src/shared/review/rules/index';
import { FIXTURE_DIR, FIXTURES, fixturePath, fixtureLines } from '../support/fixtures';
import { createTestDatabaseTarget } from '../support/test-database';

const BIN = resolve('bin/jixiao.js');
const work = mkdtempSync(join(tmpdir(), 'jixiao-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CheckJson {
  findings: { file: string; rule: string; category: string; severity: string; project: string | null; indicator: string | null; line: number | null; message: string; suggestion: string }[];
  summary: { documents: number; projects: number; findings: number; bySeverity: Record<string, number>; departments: { score: number; grade: string; projects: { score: number }[] }[] };
}

describe('jixiao check', () => {
  it('--json on a fixture: the contract of the issue, lines that point at the value', () => {
    const r = jixiao(['check', '--json', fixturePath(FIXTURES.f002)]);
    const report = JSON.parse(r.stdout) as CheckJson;
    expect(report.summary.documents).toBe(1);
    expect(report.summary.projects).toBe(6);
    expect(report.summary.findings).toBe(report.findings.length);
    const lines = fixtureLines(FIXTURES.f002);
    const sat = report.findings.filter((f) => f.rule === 'unit.satisfaction-not-percent' && f.indicator === '工作人员满意度');
    expect(sat.map((f) => f.line)).toEqual([395]); // line 360 (保障办公人数 ≥95人) is a 数量指标: rightly not this rule
    expect(sat[0]).toMatchObject({ category: 'unit', severity: 'error', project: expect.any(String) });
    expect(lines[sat[0]!.line! - 1]!.trim()).toBe('≥95人');
    for (const f of report.findings) {
      for (const key of ['rule', 'category', 'severity', 'project', 'indicator', 'line', 'message', 'suggestion']) expect(f).toHaveProperty(key);
    }
    const dept = report.summary.departments[0]!;
    expect(dept.projects).toHaveLength(6);
    expect(dept.score).toBeGreaterThanOrEqual(0);
    expect(dept.score).toBeLessThanOrEqual(100);
    expect(r.code).toBe(report.summary.bySeverity.error! > 0 ? 1 : 0);
  });

  it('the readable report groups by project, with scores and fixes', () => {
    const r = jixiao(['check', fixturePath(FIXTURES.f003)]);
    expect(r.stdout).toContain('部门质量得分');
    expect(r.stdout).toMatch(/\n表2 城管人员工资（13021322P\w+） — 得分 \d+\.\d\d [优良中差]/);
    expect(r.stdout).toContain('建议：');
    expect(r.stdout).toMatch(/共检查 1 个文档、36 个项目/);
  });

  it('a rule repeated over many projects is one line per document, with the projects listed', () => {
    const r = jixiao(['check', fixturePath(FIXTURES.f003)]);
    const lines = r.stdout.split('\n');
    // rules are named by their Chinese titles (ids only in --json)
    expect(r.stdout).not.toMatch(/\b(missing|budget|schedule|taxonomy|unit|vague|duplicate|mismatch)\.[a-z-]+/);
    for (const rule of ['unit.no-unit', 'missing.basis-is-outcome', 'missing.required-level2', 'duplicate.template-table']) {
      const title = ruleTitle(rule);
      const mentions = lines.filter((l) => (l.includes(`] ${title} `) || l.includes(`（${title}）`) || l.includes(`（${title}；`)) && !l.includes('扣分：'));
      expect(mentions, rule).toHaveLength(1);
    }
    const noUnitTitle = ruleTitle('unit.no-unit');
    expect(lines.find((l) => l.includes(`] ${noUnitTitle} `))).toContain(`${noUnitTitle} 108 条，36 个项目：表1—36（“残疾人专职委员队伍建设”、“城管人员工资”、“处遗经费”等）｜例：`);
    // --json keeps every finding, with the group it is shown in
    const json = JSON.parse(jixiao(['check', '--json', fixturePath(FIXTURES.f003)]).stdout) as { findings: { rule: string; group: string | null; message: string }[] };
    const noUnit = json.findings.filter((f) => f.rule === 'unit.no-unit');
    expect(noUnit).toHaveLength(108);
    expect(noUnit.every((f) => f.group === 'unit.no-unit')).toBe(true);
    expect(json.findings.every((f) => !/[\r\n]/.test(f.message))).toBe(true);
  });

  it('on the four fixtures, every rule found in two or more projects of a document is one line of its report', () => {
    const sections = jixiao(['check', FIXTURE_DIR]).stdout.split(/\n(?=== )/).filter((s) => s.startsWith('== '));
    expect(sections).toHaveLength(4);
    const json = JSON.parse(jixiao(['check', '--json', FIXTURE_DIR]).stdout) as { findings: { file: string; rule: string; project: number | null }[] };
    let repeated = 0;
    for (const section of sections) {
      const file = /^== (\S+?)：/.exec(section)![1]!;
      const projectsOf = new Map<string, Set<number>>();
      for (const f of json.findings) if (f.file === file && f.project !== null) projectsOf.set(f.rule, (projectsOf.get(f.rule) ?? new Set()).add(f.project));
      for (const [rule, projects] of projectsOf) {
        if (projects.size < 2) continue;
        repeated++;
        const title = ruleTitle(rule);
        const lines = section
          .split('\n')
          .filter((l) => (l.includes(`（${title}）`) || l.includes(`（${title}；`) || l.includes(`] ${title} `)) && !l.includes('扣分：'));
        expect(lines, `${file} ${rule}`).toHaveLength(1);
        expect(lines[0]).toContain(`${projects.size} 个项目`);
      }
    }
    expect(repeated).toBeGreaterThan(10);
  });

  it('--db checks every current document stored', async () => {
    const target = await createTestDatabaseTarget('check.db');
    onTestFinished(() => target.drop());
    const db = target.arg;
    expect(jixiao(['import', FIXTURE_DIR, '--db', db, '-q']).code).toBe(0);
    const fromDb = JSON.parse(jixiao(['check', '--db', db, '--json']).stdout) as CheckJson;
    const fromFiles = JSON.parse(jixiao(['check', '--json', FIXTURE_DIR]).stdout) as CheckJson;
    expect(fromDb.summary.documents).toBe(4);
    const strip = (j: CheckJson) => j.findings.map(({ file: _f, ...rest }) => rest);
    expect(strip(fromDb)).toEqual(strip(fromFiles));
  });

  it('without files or --db it is a usage error', () => {
    const r = jixiao(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--db');
  });
});
