/**
 * Motion, and less of it (issue 38). A browser that asks for less motion (`prefers-reduced-motion: reduce`:
 * Windows' "show animations" off, macOS' "reduce motion") gets dialogs, their lists and charts at once, with no zoom,
 * slide or fade (WCAG 2.3.3; app-root.tsx, echart.tsx). The other browser tests ask for it, and wait for what is there
 * rather than for an animation to end; this file also drives a dialog with the animations a browser that asks
 * nothing gets, where a click made while the dialog still zooms in can be lost (harness.ts: settled, chooseOption).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, clickSettled, go, login, useE2e } from './harness';

const e = useE2e();

/**
 * Records, from now on, every antd motion class put on an element (…-appear, …-enter: a zoom, a slide) with the
 * animation's duration there and then, as `ant-zoom-appear 0.2s`.
 */
async function recordMotion(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __motion: string[] }).__motion = seen;
    new MutationObserver((changes) => {
      for (const c of changes) {
        const el = c.target as Element;
        const cls = typeof el.className === 'string' ? el.className : '';
        for (const m of cls.matchAll(/\bant-[\w-]+-(appear|enter)(?=\s|$)/g)) seen.push(`${m[0]} ${getComputedStyle(el).animationDuration}`);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] });
  });
}

/**
 * The security administrator's 授权 dialog opened on an editor's account, the first 单位 chosen in it and the dialog
 * closed unsaved, the motion on the way recorded; returns the motion seen.
 */
async function chooseInRoleDialog(page: Page): Promise<string[]> {
  await login(page, ...e.account('secadmin'));
  await go(page, '/admin/users');
  await recordMotion(page);
  const editor = e.demoLogins.find((l) => l.role === 'editor')!;
  await page.locator(`[data-testid="user-row"][data-username="${editor.username}"]`).getByTestId('user-assign').click();
  const form = page.getByTestId('role-form');
  await form.waitFor();
  const select = page.getByTestId('user-department');
  await clickSettled(select);
  const first = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().getAttribute('title');
  expect(first, 'the list offers a 单位').toBeTruthy();
  await page.keyboard.press('Escape');
  await chooseOption(page, select, first!);
  await expect.poll(() => select.innerText()).toBe(first);
  await page.keyboard.press('Escape');
  await form.waitFor({ state: 'hidden' });
  return page.evaluate(() => [...new Set((window as unknown as { __motion: string[] }).__motion)]);
}

describe('motion', () => {
  it('asked for less motion, the dialog and its list appear at once, and the choice is taken', async () => {
    const s = await e.newPage();
    // antd may still mark the steps of an entrance, each lasting no time: nothing zooms or slides
    expect((await chooseInRoleDialog(s.page)).filter((m) => !m.endsWith(' 0s'))).toEqual([]);
    s.expectNoErrors();
    await s.close();
  });

  it('asking nothing, the dialog zooms in and its list slides down; the option, clicked once they stand still, is taken', async () => {
    const s = await e.newPage({ motion: true });
    const seen = await chooseInRoleDialog(s.page);
    expect(seen.some((m) => /^ant-zoom-(appear|enter) (?!0s)/.test(m)), `the dialog zoomed in: ${seen.join(', ')}`).toBe(true);
    expect(seen.some((m) => /^ant-slide-up-(appear|enter) (?!0s)/.test(m)), `the list slid down: ${seen.join(', ')}`).toBe(true);
    s.expectNoErrors();
    await s.close();
  });
});
