/**
 * Accessibility audits in a real browser (the accessibility*.test.ts files): axe-core, the engine of
 * the browsers' own accessibility audits, run on a page once it has settled, against WCAG 2.1 A and
 * AA. Serious and critical violations are returned for the test to fail on; the lesser ones are
 * printed for the next round of work.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { go } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * The page once its data has arrived and it has stopped moving: no spinner, no 加载中 placeholder,
 * no finite animation or transition running (colours mid-fade fail the contrast check), and the
 * same DOM over two checks 150 ms apart (a lazily loaded page replaces the previous one late).
 */
export async function pageSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('main, .public-page, form') !== null && document.querySelector('.ant-spin-spinning') === null && !document.body.innerText.includes('加载中'), undefined, { timeout: 15_000 });
  let before = '';
  for (let i = 0; i < 100; i++) {
    const now = await page.evaluate(() => {
      const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
      return moving ? '' : document.body.innerHTML;
    });
    if (now !== '' && now === before) return;
    before = now;
    await page.waitForTimeout(150);
  }
}

/** axe-core's violations on the page as it is now, the serious and critical ones apart. */
export async function audit(page: Page): Promise<{ serious: string[]; minor: string[] }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations;
  });
  const lines = (violations as AxeViolation[]).map((v) => ({
    impact: v.impact,
    line: `${v.impact} ${v.id} (${v.help}): ${v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 90)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`)
      .join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} in all` : ''}`,
  }));
  return {
    serious: lines.filter((l) => l.impact === 'serious' || l.impact === 'critical').map((l) => l.line),
    minor: lines.filter((l) => l.impact !== 'serious' && l.impact !== 'critical').map((l) => l.line),
  };
}

/** Visits each path and audits it; all serious findings of all pages, by path. */
export async function auditAll(page: Page, paths: string[]): Promise<Record<string, string[]>> {
  const serious: Record<string, string[]> = {};
  for (const path of paths) {
    await go(page, path);
    await page.mouse.move(0, 0); // the pointer left over a link from a click would show its hover colour
    await pageSettled(page);
    const found = await audit(page);
    if (found.minor.length > 0) console.log(`axe (minor) ${path}:\n  ${found.minor.join('\n  ')}`);
    if (found.serious.length > 0) serious[path] = found.serious;
  }
  return serious;
}
