/**
 * The fifteen real tables of ../shared/fixtures/other-provinces (Shanghai, Hunan, Hubei, Fujian) and more-provinces
 * (Sichuan, Anhui, Hunan, Tianjin, Inner Mongolia, Zhejiang; issue 74) read field by field against their hand-checked truth (truth.json, described in that folder's README): year, department, each
 * project's name, amount, implementing unit and indicators (categories, name, target as written, its number and
 * unit, or no number), the 绩效标准 every indicator carries, and the department-wide table's amounts and texts.
 * Every table is read as certain and none has an error: each can be imported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { Indicator } from '../../src/shared/domain/model';
import { MORE_PROVINCES_DIR, OTHER_PROVINCES_DIR } from '../support/fixtures';

type TruthIndicator = [string, string[], string, string, [number, string] | null | 'not-number', string?];
interface Truth {
  year: number;
  department: string[];
  code?: string;
  basis_all?: string;
  projects?: { name: string; budget: number | null; unit?: string | null; indicators: TruthIndicator[] }[];
  whole?: { budget: number; strings: string[]; amounts: number[]; indicators: TruthIndicator[] };
}

/** Each folder's truth, by file. */
const truths = [OTHER_PROVINCES_DIR, MORE_PROVINCES_DIR].map((dir) => ({ dir, truth: JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Record<string, Truth> }));

/** An indicator against its truth: every field, the number and unit when the truth gives them. */
function expectIndicator(got: Indicator, want: TruthIndicator, where: string): void {
  const [level1, level2s, name, target, number, kept] = want;
  expect(got.level1, `${where} 一级指标`).toBe(level1);
  expect(level2s, `${where} 二级指标 ${got.level2}`).toContain(got.level2);
  expect(got.name, `${where} 三级指标`).toBe(name);
  expect(got.target.raw, `${where} 指标值`).toBe(target);
  if (number === 'not-number') expect(got.target.kind, `${where} not a number`).not.toBe('quantitative');
  // null: no number to check (a qualitative target: none there; a bare "1" under 目标值: not asked)
  else if (number === null) {
    if (!/\d/.test(target)) expect(got.target.value, `${where} no number`).toBeNull();
  }
  else {
    expect(got.target.value, `${where} number`).toBe(number[0]);
    expect(got.target.unit ?? '', `${where} unit`).toMatch(new RegExp(`^(${number[1]})$`));
  }
  if (kept !== undefined) {
    const texts = [got.description ?? '', got.basis ?? '', ...got.extras.map((e) => e.text)];
    expect(texts, `${where} keeps “${kept}”`).toContain(kept);
  }
}

describe('the real tables of other provinces, read against their truth', () => {
  for (const [file, t, dir] of truths.flatMap(({ dir, truth }) => Object.entries(truth).map(([f, t]) => [f, t, dir] as const))) {
    it(file, async () => {
      const doc = await parseDocumentBytes(readFileSync(join(dir, file)), file);
      expect(doc.year).toBe(t.year);
      expect(t.department).toContain(doc.department?.name ?? null);
      if (t.code !== undefined) expect(doc.department?.code ?? doc.departmentTargets?.budgetCode).toBe(t.code);
      expect(doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect(doc.projects.map((p) => p.name)).toEqual((t.projects ?? []).map((p) => p.name));
      (t.projects ?? []).forEach((want, k) => {
        const p = doc.projects[k]!;
        expect(p.reading, p.name).toEqual({ certain: true, doubts: [] });
        expect(p.budget.total, `${p.name} 预算`).toBe(want.budget === null ? null : want.budget * 100);
        if (want.unit != null) expect([p.department?.name, ...p.fields.filter((f) => f.key === 'implementer').map((f) => f.value)]).toContain(want.unit);
        expect(p.indicators.map((i) => i.name)).toEqual(want.indicators.map((i) => i[2]));
        want.indicators.forEach((wi, i) => expectIndicator(p.indicators[i]!, wi, `${p.name}[${i}]`));
        if (t.basis_all !== undefined) expect(p.indicators.map((i) => i.basis)).toEqual(p.indicators.map(() => t.basis_all));
      });
      if (t.whole) {
        const w = doc.departmentTargets!;
        expect(w.reading).toEqual({ certain: true, doubts: [] });
        expect(w.budget.total).toBe(t.whole.budget * 100);
        const json = JSON.stringify(w);
        for (const s of t.whole.strings) expect(json, s).toContain(s);
        const amounts = [w.budget.total, w.budget.project, w.budget.basic, ...w.duties.map((d) => d.amount)].map((a) => (a === null ? null : a / 100));
        for (const a of t.whole.amounts) expect(amounts).toContain(a);
        expect(w.indicators.map((i) => i.name)).toEqual(t.whole.indicators.map((i) => i[2]));
        t.whole.indicators.forEach((wi, i) => expectIndicator(w.indicators[i]!, wi, `整体[${i}]`));
      }
    });
  }
});
