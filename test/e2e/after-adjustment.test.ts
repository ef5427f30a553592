/**
 * After a budget-changing 目标调整 (issue 71, items 3–6), in a real browser at 1440 px on the demo data. The demo's
 * 常态化宣传及开展志愿服务活动 (budget 9.21 万元; its 成本指标 "≤10万元" above it, a finding of the review) has a self-evaluation
 * its region publishes. Its unit asks to raise the budget to 12 万元, the cost cap to "≤12万元" and "≥1次" to "≥2次",
 * from 1 September; the 绩效科:
 * - sees every changed field and the budget old → new before deciding, and 通过 asks to confirm (item 5);
 * then, approved:
 * - the review runs again on what is in force: the finding about "≤10万元" against 9.21 万元 is gone (item 6);
 * - a new monitoring round lists the targets in force on its date, not the superseded ones (item 4);
 * - the self-evaluation computes on the budget in force (72.37 %, not 94.29 %) and asks for the reason of the low
 *   execution at once, as the server does (item 3);
 * - the published self-evaluation is not silently re-scored: the public page keeps the published score, scored on the
 *   first version, and says the re-scored one waits; the unit confirms it, the 绩效科 accepts it, and only then the
 *   public page shows it, saying which is in force and what it replaced (item 5).
 */
import { describe, expect, it } from 'vitest';
import type { E2ePage } from './harness';
import { clickForAnswer, clickSettled, dialogOf, go, login, open, settled, useE2e } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e();
const CODE = '13020225P008911100023';
const EFFECTIVE = '2025-09-01';

let projectId = 0;
let unit: E2ePage;

async function wide(s: E2ePage): Promise<E2ePage> {
  await s.page.setViewportSize({ width: 1440, height: 900 });
  return s;
}

describe('after a budget-changing 目标调整 (1440 px)', () => {
  it('item 5: the 绩效科 sees each changed field and the budget old → new, and 通过 asks to confirm', async () => {
    projectId = (await e.db.selectFrom('project').select('id').where('code', '=', CODE).executeTakeFirstOrThrow()).id;
    const published = await e.db.selectFrom('selfEvaluation').select(['totalHundredths', 'complete']).where('projectId', '=', projectId).executeTakeFirstOrThrow();
    expect(published).toMatchObject({ totalHundredths: 9223, complete: 1 });

    unit = await wide(await e.newPage());
    await login(unit.page, ...e.account('dept-763001'));
    await go(unit.page, `/projects/${projectId}`);
    await unit.page.getByTestId('request-adjustment').click();
    await unit.page.getByTestId('adjust-target-0').fill('≤12万元');
    await unit.page.getByTestId('adjust-target-1').fill('≥2次');
    await unit.page.getByLabel('调整后预算（万元）').fill('12');
    await unit.page.getByTestId('adjustment-date').fill(EFFECTIVE);
    await unit.page.getByTestId('adjustment-reason').fill('上级追加志愿服务经费，活动场次相应增加');
    expect((await clickForAnswer(unit.page, unit.page.getByTestId('adjustment-submit'), `/api/projects/${projectId}/adjustments`)).status()).toBe(200);

    const r = await wide(await e.session('reviewer'));
    await open(r.page, `/projects/${projectId}`);
    // the request shows what it changes before anyone decides
    const changes = r.page.getByTestId('adjustment-changes');
    await expect.poll(() => changes.innerText()).toContain('≤10万元 → ≤12万元');
    const text = await changes.innerText();
    expect(text).toContain('≥1次 → ≥2次');
    expect(text).toContain('全年预算：9.21 万元 → 12.00 万元');
    expect(text).not.toContain('资金使用期限');
    // 通过 asks first: nothing is decided until it is confirmed
    await r.page.getByTestId('adjustment-approve').click();
    const confirm = await settled(r.page.getByTestId('adjustment-confirm-ok'));
    const dialog = dialogOf(r.page, confirm);
    const said = await dialog.innerText();
    expect(said).toContain('≤10万元 → ≤12万元');
    expect(said).toContain('9.21 万元 → 12.00 万元');
    expect(said).toContain(EFFECTIVE);
    const pending = async () => (await e.db.selectFrom('targetAdjustment').select('status').where('projectId', '=', projectId).executeTakeFirstOrThrow()).status;
    expect(await pending()).toBe('pending');
    await clickSettled(dialog.getByRole('button', { name: '取消' }));
    await dialog.waitFor({ state: 'hidden' });
    expect(await pending()).toBe('pending');
    await r.page.getByTestId('adjustment-approve').click();
    expect((await clickForAnswer(r.page, r.page.getByTestId('adjustment-confirm-ok'), /\/api\/adjustments\/\d+\/decision$/)).status()).toBe(200);
    await expect.poll(() => r.page.getByTestId('adjustment-versions').innerText()).toContain('第 2 版');
    expect(await pending()).toBe('approved');
    await expectCleanPage(r.page, 'the project page of the 绩效科');
    r.expectNoErrors();
  });

  it('item 6: the review runs again on the targets in force — the finding about the old cost cap is gone', async () => {
    const r = await e.session('reviewer');
    await open(r.page, `/projects/${projectId}`);
    await expect.poll(() => r.page.getByTestId('official-table').innerText()).toContain('≤12万元');
    const findings = await r.page.getByTestId('finding-list').innerText();
    expect(findings).not.toContain('≤10万元');
    expect(findings).not.toContain('9.21 万元');
    // the findings about rows the adjustment did not touch stay
    expect(findings).toContain('达成市级目标');
    r.expectNoErrors();
  });

  it('item 4: a new monitoring round lists the targets in force on its date', async () => {
    await open(unit.page, `/projects/${projectId}/monitoring`);
    await unit.page.getByTestId('new-round').click();
    const cards = unit.page.getByTestId('entry-indicator');
    await cards.first().waitFor();
    const text = (await cards.allInnerTexts()).join('\n');
    expect(text).toContain('年度指标值 ≥2次');
    expect(text).toContain('年度指标值 ≤12万元');
    expect(text).not.toContain('≥1次');
    expect(text).not.toContain('≤10万元');
    expect(await unit.page.getByTestId('entry-version-note').innerText()).toContain(`第 2 版绩效目标（${EFFECTIVE} 起执行）`);
    unit.expectNoErrors();
  });

  it('item 3: the self-evaluation computes on the budget in force and asks for the reason at once, as the server does', async () => {
    await open(unit.page, `/projects/${projectId}/self-evaluation`);
    const rate = unit.page.getByTestId('live-rate');
    await expect.poll(() => rate.innerText()).toBe('72.37%');
    expect(await unit.page.getByTestId('adjusted-budget').getAttribute('placeholder')).toBe('12.00');
    await unit.page.getByTestId('execution-explanation').waitFor();
    await unit.page.getByTestId('execution-explanation').fill('追加资金于12月下达，部分活动顺延至次年一季度');
    // the adjusted "≥2次" is not met by the 1 活动 recorded: its reason and measure, so that the re-score is complete
    const count = unit.page.getByTestId('se-indicator-row').filter({ hasText: '志愿服务活动数量' });
    await count.getByTestId('deviation-cause').fill('追加经费年底到位，第二次活动顺延至次年');
    await count.getByTestId('improvement').fill('提前谋划活动安排，资金到位即组织实施');
    await expect.poll(() => unit.page.getByTestId('live-requirements').count()).toBe(0);
    const live = (await unit.page.getByTestId('live-total').innerText()).replace(/[^\d.]/g, '');
    const saved = await clickForAnswer(unit.page, unit.page.getByTestId('save-self-evaluation'), `/api/projects/${projectId}/self-evaluation`, 'PUT');
    expect(saved.status()).toBe(200);
    const body = (await saved.json()) as { total: number; complete: boolean; funds: { ratePercent: number } };
    expect(body.funds.ratePercent).toBe(72.37);
    expect(body.total.toFixed(2)).toBe(live);
    expect(body.complete).toBe(true);
    await expectCleanPage(unit.page, 'the self-evaluation');
    unit.expectNoErrors();
  });

  it('item 5: the published self-evaluation stays as published until the re-scored one is confirmed and accepted', async () => {
    // the public page: the published score, on the first version; the re-scored one waits
    const p = await wide(await e.newPage());
    await open(p.page, `/public/projects/${projectId}`);
    const results = p.page.getByTestId('public-project-results');
    await expect.poll(() => results.innerText()).toContain('92.23');
    const before = await results.innerText();
    expect(before).toContain('按第 1 版绩效目标评分');
    expect(before).toContain('目标调整后的重新评分待财政部门复核');
    // the unit confirmed it by saving (above); the 绩效科 accepts it
    const r = await e.session('reviewer');
    await open(r.page, `/projects/${projectId}/self-evaluation`);
    const banner = r.page.getByTestId('rescore-banner');
    await expect.poll(() => banner.innerText()).toContain('92.23');
    expect((await clickForAnswer(r.page, r.page.getByTestId('rescore-accept'), `/api/projects/${projectId}/self-evaluation/rescore`)).status()).toBe(200);
    const total = (await e.db.selectFrom('selfEvaluation').select('totalHundredths').where('projectId', '=', projectId).executeTakeFirstOrThrow()).totalHundredths / 100;
    expect(total).not.toBe(92.23);
    await open(p.page, `/public/projects/${projectId}`);
    await expect.poll(() => results.innerText()).toContain(total.toFixed(2));
    const after = await results.innerText();
    expect(after).toContain('按第 2 版绩效目标重新评分');
    expect(after).toContain('取代此前公开的 92.23 分');
    await expectCleanPage(p.page, 'the public project');
    p.expectNoErrors();
    r.expectNoErrors();
    await p.close();
    await unit.close();
  });
});
