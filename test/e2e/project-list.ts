/**
 * The projects list as the browser tests read it, and what it holds with the four real documents
 * imported (../shared/fixtures/documents, whose README gives the counts: 000 has 5 projects, 001 has
 * 19, 002 has 6, 003 has 36).
 */
import type { Page } from 'playwright-core';
import { chooseOption } from './harness';

/** Department code → projects in its document (fixtures README). */
export const COUNTS: Record<string, number> = { '763001': 5, '203001': 19, '326001': 6, '314003': 36 };
export const TOTAL = 66;

/** The 共 N 个项目 total of the projects list, once loaded. */
export async function listTotal(page: Page): Promise<number> {
  const total = page.locator('.ant-pagination-total-text');
  await total.waitFor();
  return Number(/共 (\d+) 个/.exec(await total.innerText())![1]);
}

/** Chooses the option `label` of the antd Select with this test id. */
export const choose = (page: Page, testId: string, label: string) => chooseOption(page, page.getByTestId(testId), label);
