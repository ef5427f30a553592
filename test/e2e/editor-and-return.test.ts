/**
 * Issue 34, points 3–5, in a real browser on the generated demo data:
 * (3) a batch action's summary counts what happened to every row — done, refused by the server,
 *     not sent because its status changed — with the rows' own reasons, and after it the
 *     selection is cleared and the batch buttons are disabled;
 * (4) the editor (see the second describe);
 * (5) returning with comments on any field (see the third describe).
 */
import { describe, expect, it } from 'vitest';
import { getFramework } from '../../src/shared/domain/framework';
import { placeInCategory } from '../../src/web/lib/suggestions';
import { commentsFromFindings } from '../../src/web/lib/returns';
import { currentProjects, indicatorsOf } from './data';
import { chooseOption, clickSettled, dropdownsClosed, go, optionsOffered, useE2e } from './harness';

const e = useE2e();

describe('batch feedback (issue 34 point 3)', () => {
  it('counts the rows done, refused and skipped with their reasons, then clears the selection and disables the buttons', { timeout: 180_000 }, async () => {
    const s = await e.session('reviewer');
    await go(s.page, '/workbench');
    const rows = s.page.getByTestId('workbench-queue-row');
    await rows.nth(2).waitFor();
    const ids = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).slice(0, 3);
    for (const id of ids) await s.page.locator(`[data-testid="workbench-queue-row"][data-id="${id}"] .ant-checkbox-input`).check();
    const approve = s.page.getByTestId('batch-approve');
    await s.page.locator('[data-testid="batch-approve"][data-count="3"]').waitFor();

    // another reviewer approved the first meanwhile (the list on screen does not know yet)
    const [skipped, refused, done] = ids as [number, number, number];
    await e.db.updateTable('project').set({ status: 'approved' }).where('id', '=', skipped).execute();
    await approve.click();
    await s.page.locator(`[data-testid="batch-item"][data-id="${skipped}"][data-allowed="false"]`).waitFor();
    await s.page.locator(`[data-testid="batch-item"][data-id="${done}"][data-allowed="true"]`).waitFor();
    await s.page.locator(`[data-testid="batch-item"][data-id="${refused}"][data-allowed="true"]`).waitFor();
    // … and another one was saved after the dialog read it: the server refuses its stale version
    const before = await e.db.selectFrom('project').select('version').where('id', '=', refused).executeTakeFirstOrThrow();
    await e.db.updateTable('project').set({ version: before.version + 1 }).where('id', '=', refused).execute();
    const comment = s.page.getByTestId('batch-comment');
    if (await s.page.getByTestId('batch-open-errors').isVisible()) await comment.fill('已与单位核实，问题记入整改。');
    await clickSettled(s.page.getByTestId('batch-confirm'));

    const result = s.page.locator('[data-testid="batch-result"][data-finished="true"]');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('1');
    expect(await result.getAttribute('data-not-done')).toBe('2');
    const title = await result.locator('.ant-alert-title, .ant-alert-message').first().innerText();
    expect(title).toContain('完成 1 个');
    expect(title).toContain('未审核通过 2 个');
    expect(title).not.toContain('失败 0 个');
    // each row's own message is among the reasons the summary gives
    const reasons = await result.getByTestId('batch-reason').allInnerTexts();
    expect(reasons).toHaveLength(2);
    for (const [id, kind] of [
      [skipped, 'skipped'],
      [refused, 'failed'],
      [done, 'done'],
    ] as const) {
      const outcome = s.page.locator(`[data-testid="batch-item"][data-id="${id}"] [data-testid="batch-item-outcome"]`);
      expect(await outcome.getAttribute('data-kind')).toBe(kind);
      const text = await outcome.innerText();
      if (kind === 'done') expect(text).toBe('已审核通过');
      else expect(reasons.some((r) => r.startsWith(`${text}：1 个`)), `${text} in ${reasons.join(' / ')}`).toBe(true);
    }
    expect(reasons.join('\n')).toContain('状态已变，不能审核通过');
    const stored = await e.db.selectFrom('project').select(['id', 'status']).where('id', 'in', ids).execute();
    expect(Object.fromEntries(stored.map((p) => [p.id, p.status]))).toEqual({ [skipped]: 'approved', [refused]: 'submitted', [done]: 'approved' });

    await clickSettled(s.page.getByTestId('batch-confirm')); // 完成
    // the selection is gone and the batch buttons with it
    await s.page.locator('[data-testid="batch-approve"][data-count="0"]').waitFor();
    expect(await approve.isDisabled()).toBe(true);
    expect(await s.page.getByTestId('batch-return').isDisabled()).toBe(true);
    await s.page.locator(`[data-testid="workbench-queue-row"][data-id="${done}"]`).waitFor({ state: 'detached' });
    expect(await s.page.locator('[data-testid="workbench-queue"] .ant-checkbox-input:checked').count()).toBe(0);
    expect((await currentProjects(e.db, { status: 'approved' })).some((p) => p.id === done)).toBe(true);
    s.expectNoErrors([/409/]);
  });
});

/** A draft or returned project of the demo and the signed-in editor of its department. */
async function editableProject(): Promise<{ id: number; account: string }> {
  const [project] = [...(await currentProjects(e.db, { status: 'draft' })), ...(await currentProjects(e.db, { status: 'returned' }))];
  expect(project).toBeDefined();
  const { code } = await e.db.selectFrom('department').select('code').where('id', '=', project!.departmentId).executeTakeFirstOrThrow();
  return { id: project!.id, account: `dept-${code}` };
}

describe('the editor (issue 34 point 4)', () => {
  it('places a new indicator in its category, offers the 二级 of a new 一级, refuses malformed amounts, keeps tags in their cards and asks before leaving', { timeout: 240_000 }, async () => {
    const { id, account } = await editableProject();
    const s = await e.session(account);
    await s.page.setViewportSize({ width: 1280, height: 900 });
    await go(s.page, `/projects/${id}/edit`);
    const editor = s.page.getByTestId('project-editor');
    await editor.waitFor();
    const record = (await (await s.page.request.get(`/api/projects/${id}`)).json()) as { context: { frameworkVersion: string }; project: { indicators: unknown[] } };
    const framework = getFramework(record.context.frameworkVersion)!;
    expect(framework).toBeDefined();

    // (amounts) malformed amounts are refused at the field, with what is wrong, and not called blank
    const total = s.page.getByTestId('field-budget-total');
    const totalItem = s.page.locator('.ant-form-item').filter({ has: total });
    for (const [typed, reason] of [
      ['5.49.1', '有多个小数点'],
      ['12..3', '有多个小数点'],
      ['1,2,3.4.5', '有多个小数点'],
      ['1,2,3', '的千分位逗号位置不对'],
    ] as const) {
      await total.fill(typed);
      await totalItem.locator('.ant-form-item-explain-error').filter({ hasText: `金额“${typed}”${reason}` }).waitFor();
      await s.page.waitForTimeout(400); // the live review's pause
      expect(await totalItem.innerText()).not.toContain('未填写');
      expect(await s.page.getByTestId('live-findings').innerText()).not.toContain('未填写预算数');
    }
    await total.fill('5.49');
    await totalItem.locator('.ant-form-item-explain-error').first().waitFor({ state: 'detached' });

    // (new indicator) added at the end with the last row's category; a new category moves it into its group
    const cards = s.page.getByTestId('indicator-editor');
    const n = await cards.count();
    await s.page.getByTestId('add-indicator').click();
    await s.page.locator(`[data-testid="indicator-editor"][data-index="${n}"]`).waitFor();
    await s.page.getByTestId(`indicator-name-${n}`).fill('新增的测试指标');
    const first = framework.level1.find((l) => l.level2.length > 1)!;
    const level1Select = s.page.getByTestId(`level1-select-${n}`);
    await chooseOption(s.page, level1Select, first.name);
    // the new 一级 offers its own 二级: a 二级 of another 一级 is not kept
    const newIndex = async () =>
      (await s.page.getByTestId('indicator-editor').evaluateAll((els) =>
        els.findIndex((el) => (el.querySelector('[aria-label="三级指标"]') as HTMLInputElement | null)?.value === '新增的测试指标'),
      )) as number;
    let at = await newIndex();
    const level2Select = s.page.getByTestId(`level2-select-${at}`);
    const shown = await level2Select.locator('.ant-select-selection-item').count();
    if (shown > 0) expect(first.level2.map((l) => l.name)).toContain(await level2Select.locator('.ant-select-selection-item').getAttribute('title'));
    const offered = await optionsOffered(s.page, level2Select);
    expect(offered.length).toBeGreaterThan(0);
    for (const o of offered) expect(first.level2.map((l) => l.name)).toContain(o);
    await s.page.keyboard.press('Escape');
    await dropdownsClosed(s.page);
    const last2 = first.level2.at(-1)!.name;
    // the row moves away from its test id once chosen: the choice shows in the row holding the new indicator
    await chooseOption(s.page, s.page.getByTestId(`level2-select-${at}`), last2, {
      shown: (timeout) =>
        s.page.waitForFunction(
          (level2) =>
            [...document.querySelectorAll('[data-testid="indicator-editor"]')].some(
              (el) => (el.querySelector('[aria-label="三级指标"]') as HTMLInputElement | null)?.value === '新增的测试指标' && el.querySelector(`[data-testid^="level2-select-"] [title="${level2}"]`) !== null,
            ),
          last2,
          { timeout },
        ),
    });
    at = await newIndex();
    // where it belongs in the framework's order, counting the rows as stored
    const stored = (await indicatorsOf(e.db, id)).map((r, i) => ({ key: String(i), origin: i, level1Raw: r.level1 ?? '', level2Raw: r.level2 ?? '', name: r.name, description: '', targetRaw: r.targetRaw, basis: '' }));
    const expected = placeInCategory([...stored, { ...stored[0]!, key: 'new', origin: null, level1Raw: first.name, level2Raw: last2 }], stored.length, framework).index;
    expect(at).toBe(expected);
    expect(n).toBe(stored.length);
    // … and so the table preview lists it there too, once the live review (after its pause) has redrawn it
    await s.page.getByText('表格预览（按保存后的样式）').click();
    const previewIndex = () =>
      s.page
        .locator('[data-anchor^="indicator:"][data-anchor$=".name"]')
        .evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => (el as HTMLElement).innerText.trim()).indexOf('新增的测试指标'));
    await expect.poll(previewIndex, { timeout: 10_000 }).toBe(at);

    // (tags) a finding's tag stays inside its card: a vague target gives one
    await s.page.getByTestId(`target-input-${at}`).fill('进一步提高群众对本项目实施情况和成效的整体满意程度与认可度');
    await s.page.getByTestId(`indicator-name-${at}`).fill('');
    await s.page.locator(`[data-testid="indicator-editor"][data-index="${at}"] [data-testid="field-findings"] .ant-tag`).first().waitFor();
    const overflow = await s.page.getByTestId('indicator-editor').evaluateAll((els) =>
      els.flatMap((card) => {
        const box = card.getBoundingClientRect();
        return [...card.querySelectorAll('[data-testid="field-findings"] .ant-tag')]
          .map((t) => t.getBoundingClientRect())
          .filter((r) => r.right > box.right + 0.5 || r.left < box.left - 0.5)
          .map((r) => `${r.left}-${r.right} outside ${box.left}-${box.right}`);
      }),
    );
    expect(overflow).toEqual([]);
    await s.page.getByTestId(`indicator-name-${at}`).fill('新增的测试指标');

    // (leaving) unsaved: the browser's unload is cancelled, and an in-app link asks first
    await s.page.getByTestId('dirty-tag').waitFor();
    expect(await s.page.evaluate(() => {
      const ev = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(ev);
      return ev.defaultPrevented;
    })).toBe(true);
    await s.page.getByRole('button', { name: '返回' }).click();
    await s.page.getByTestId('leave-message').waitFor();
    await clickSettled(s.page.getByTestId('leave-cancel'));
    await s.page.getByTestId('leave-message').waitFor({ state: 'detached' });
    expect(new URL(s.page.url()).pathname).toBe(`/projects/${id}/edit`);
    expect(await s.page.getByTestId(`indicator-name-${at}`).inputValue()).toBe('新增的测试指标');
    await s.page.getByRole('link', { name: '项目', exact: true }).first().click();
    await clickSettled(s.page.getByTestId('leave-confirm'));
    await s.page.waitForURL((u) => u.pathname === '/projects');
    // nothing was saved
    expect(await indicatorsOf(e.db, id)).toHaveLength(stored.length);
    s.expectNoErrors();
  });

  it('a link clicked right after 留在此页 asks again, every time', async () => {
    // Before the fix 4 of 15 such second clicks did nothing (no dialog, no navigation) with no motion to wait for.
    const { id, account } = await editableProject();
    const s = await e.session(account);
    await go(s.page, `/projects/${id}/edit`);
    await s.page.getByTestId('project-editor').waitFor();
    await s.page.getByTestId('indicator-name-0').fill('改过的名称');
    await s.page.getByTestId('dirty-tag').waitFor();
    const projectsLink = s.page.getByRole('link', { name: '项目', exact: true }).first();
    for (let i = 0; i < 6; i++) {
      await projectsLink.click();
      await s.page.getByTestId('leave-cancel').click();
      await s.page.getByTestId('leave-message').waitFor({ state: 'detached' });
    }
    await projectsLink.click();
    await s.page.getByTestId('leave-confirm').click();
    await s.page.waitForURL((u) => u.pathname === '/projects');
    s.expectNoErrors();
  });
});

describe('returning with comments (issue 34 point 5)', () => {
  it('comments on any field, the findings turned into comments in one step, and the editor sees each at its field', { timeout: 240_000 }, async () => {
    const submitted = await currentProjects(e.db, { status: 'submitted' });
    const project = submitted.at(-1)!;
    expect(project).toBeDefined();
    const s = await e.session('reviewer');
    await go(s.page, `/projects/${project.id}`);
    const record = (await (await s.page.request.get(`/api/projects/${project.id}`)).json()) as {
      project: { indicators: { name: string }[] };
      findings: { field: string | null; indicatorIndex: number | null; message: string; suggestion: string }[];
    };
    await clickSettled(s.page.getByTestId('action-return'));
    const fromFindings = s.page.getByTestId('return-from-findings');
    await fromFindings.waitFor();
    const pinned = commentsFromFindings(record.findings as never).comments;
    expect(pinned.length).toBeGreaterThan(0);
    const before = (await e.db.selectFrom('reviewComment').select('id').where('projectId', '=', project.id).execute()).length;
    await fromFindings.click();
    const texts = s.page.getByTestId('return-field-text');
    await texts.nth(pinned.length - 1).waitFor();
    expect(await texts.count()).toBe(pinned.length);
    // editable before sending: the first one rewritten, the last one removed
    await texts.first().fill('请按审核意见修改（已改写）');
    const removeButtons = s.page.getByTestId('return-form').getByRole('button', { name: '删除' });
    await removeButtons.last().click();
    await expect.poll(() => texts.count()).toBe(pinned.length - 1);
    // and a comment on a field no finding is on: the second indicator's 二级指标 (or the first's)
    const row = record.project.indicators.length > 1 ? 1 : 0;
    await clickSettled(s.page.getByTestId('return-add-field'));
    const label = `指标${row + 1}“${record.project.indicators[row]!.name}”·二级指标`;
    await chooseOption(s.page, s.page.getByTestId('return-field-select').last(), label, { search: '二级指标' });
    await texts.last().fill('二级指标应为“社会效益指标”');
    await s.page.getByTestId('return-comment').fill('请按各字段的意见修改后重新提交。');
    await clickSettled(s.page.getByTestId('return-confirm'));
    await s.page.getByTestId('return-confirm').waitFor({ state: 'detached' });
    const stored = (await e.db.selectFrom('reviewComment').select(['field', 'text']).where('projectId', '=', project.id).orderBy('id').execute()).slice(before);
    expect(stored).toHaveLength(pinned.length);
    expect(stored[0]!.text).toBe('请按审核意见修改（已改写）');
    expect(stored.at(-1)).toEqual({ field: `indicator:${row}.level2`, text: '二级指标应为“社会效益指标”' });
    const status = await e.db.selectFrom('project').select('status').where('id', '=', project.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('returned');
    s.expectNoErrors();

    // the department's editor: each comment under its field in the editor, and in the project's history
    const { code } = await e.db.selectFrom('department').select('code').where('id', '=', project.departmentId).executeTakeFirstOrThrow();
    const ed = await e.session(`dept-${code}`);
    await go(ed.page, `/projects/${project.id}/edit`);
    await ed.page.getByTestId('editor-return-banner').waitFor();
    expect(await ed.page.getByTestId('editor-return-banner').innerText()).toContain('请按各字段的意见修改后重新提交。');
    const level2Comment = ed.page.locator(`[data-testid="indicator-editor"][data-index="${row}"] [data-testid="field-comment"][data-field="indicator:${row}.level2"]`);
    await level2Comment.waitFor();
    expect(await level2Comment.innerText()).toContain('二级指标应为“社会效益指标”');
    // it sits in the 二级指标 field itself
    const level2Item = ed.page.locator('.ant-form-item').filter({ has: ed.page.getByTestId(`level2-select-${row}`) });
    expect(await level2Item.getByTestId('field-comment').count()).toBe(1);
    // every stored comment is shown at a field of the editor
    expect(await ed.page.getByTestId('field-comment').count()).toBe(stored.length);
    await go(ed.page, `/projects/${project.id}`);
    await ed.page.getByTestId('comment-list').waitFor();
    expect(await ed.page.getByTestId('comment-list').innerText()).toContain('二级指标应为“社会效益指标”');
    ed.expectNoErrors();
  });
});
