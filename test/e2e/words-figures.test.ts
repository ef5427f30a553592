/**
 * Words and figures that say what is so (issue 71, item 10), in a real browser at 1440 px on the demo data:
 * - the 整改 card's counts: the 未完成 cards add up to the 未完成 in its title, the items reported done named apart;
 * - the toast of a level's return: 主管部门已退回 / 业务科室已退回, not 已主管部门退回;
 * - the import preview of a document of the 部门整体 table alone: its 资金总额 as read, not a 预算合计 of 0.00 万元;
 * - /import by its address for an account that imports nothing (a 主管部门's, a 业务科室's): 没有权限, and the API refuses.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickForAnswer, go, login, open, previewImport, sendFromPage, settled, useE2e } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e();

async function wide(username: string) {
  const s = await e.newPage();
  await s.page.setViewportSize({ width: 1440, height: 900 });
  await login(s.page, ...e.account(username));
  return s;
}

describe('words and figures (1440 px)', () => {
  it('the 整改 card: the 未完成 cards add up to the 未完成 of its title, the items reported done apart', async () => {
    const items = await e.db.selectFrom('rectificationItem').select(['status']).execute();
    const open_ = items.filter((i) => i.status === 'pending' || i.status === 'in-progress').length;
    const done = items.filter((i) => i.status === 'done').length;
    expect(done, 'the demo has an item reported done').toBeGreaterThan(0);
    const s = await wide('reviewer');
    await open(s.page, '/workbench');
    const card = s.page.getByTestId('workbench-rectifications');
    await card.locator('[data-testid="workbench-rectification-overdue"][data-count]:not([data-count=""])').waitFor();
    const count = async (status: string) => Number(await card.getByTestId(`workbench-rectification-${status}`).getAttribute('data-count'));
    const unfinished = (await count('overdue')) + (await count('pending')) + (await count('in-progress'));
    expect(unfinished).toBe(open_);
    expect(await count('done')).toBe(done);
    const title = await s.page.getByTestId('workbench-rectifications-title').innerText();
    expect(title).toContain(`未完成 ${open_}`);
    expect(title).toContain(`待确认销号 ${done}`);
    s.expectNoErrors();
    await s.close();
  });

  it('a level’s return says which level returned it: 主管部门已退回, 业务科室已退回', async () => {
    for (const [username, said] of [
      ['supervisor-763001', '主管部门已退回'],
      ['section-lunan-shbz', '业务科室已退回'],
    ] as const) {
      const s = await wide(username);
      await open(s.page, '/review');
      const row = s.page.getByTestId('review-row').first();
      await row.waitFor();
      await row.getByTestId('action-return').click();
      await (await settled(s.page.getByTestId('return-comment'))).fill('请补充指标值的确定依据');
      const answer = await clickForAnswer(s.page, s.page.getByTestId('return-confirm'), /\/api\/projects\/\d+\/actions$/);
      expect(answer.status()).toBe(200);
      const toast = s.page.locator('.ant-message-notice').filter({ hasText: '退回' });
      await toast.first().waitFor();
      expect(await toast.first().innerText()).toContain(said);
      expect(await toast.first().innerText()).not.toContain('已主管部门退回');
      expect(await toast.first().innerText()).not.toContain('已业务科室退回');
      s.expectNoErrors();
      await s.close();
    }
  });

  it('a document of the 部门整体 table alone: the preview gives its 资金总额 as read, no 预算合计 of 0.00 万元', async () => {
    const s = await wide('reviewer');
    await go(s.page, '/import');
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([resolve('test/documents/review-kinds/k5c-department-medium-term.txt')]);
    expect((await previewImport(s.page)).status()).toBe(200);
    const file = s.page.getByTestId('import-file');
    await file.waitFor();
    expect(await file.getByTestId('import-department-budget').innerText()).toContain('1,860.00 万元');
    const summary = await file.locator('.ant-descriptions').first().innerText();
    expect(summary).not.toMatch(/(?<![\d,.])0\.00 万元/);
    expect(summary).not.toContain('预算合计');
    expect(summary).toMatch(/项目数\s*0/);
    await expectCleanPage(s.page, 'the preview of a 部门整体 table');
    s.expectNoErrors();
    await s.close();
  });

  it('/import by its address for an account that imports nothing: 没有权限, and the API refuses', async () => {
    for (const username of ['supervisor-763001', 'section-lunan-shbz']) {
      const s = await wide(username);
      await open(s.page, '/import');
      await s.page.getByTestId('forbidden').waitFor();
      expect(await s.page.getByTestId('import-page').count()).toBe(0);
      const refused = await sendFromPage(s.page, 'POST', '/api/imports/commit', { token: 'x' });
      expect(refused.status).toBe(403);
      s.expectNoErrors([/status of 403/]);
      await s.close();
    }
  });
});
