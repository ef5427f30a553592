/**
 * The end-to-end harness: the real server (Fastify + the built SPA + a database of its own, filled
 * as a first start in demo mode fills it) and a real browser (Debian's chromium through
 * playwright-core, see browser.ts).
 *
 *   let e: E2e;
 *   beforeAll(async () => { e = await startE2e(); }, 180_000);   // generated demo data (180 s: a run's first
 *                                                                // file of a kind fills the database the others copy)
 *   // or startE2e({ files: fixtureFiles() }) for the four real documents
 *   afterAll(() => e?.close());
 *
 *   const s = await e.newPage();                 // a fresh browser context: its own cookies
 *   await login(s.page, ...e.account('reviewer')); // through the real login form
 *   // or: const s = await e.session('reviewer'); // signed in once, shared by a file's tests
 *   await go(s.page, '/review');                 // as an in-app link would (page.goto reloads)
 *   ...
 *   await chooseOption(s.page, s.page.getByTestId('filter-status'), '已提交'); // an antd Select
 *   s.expectNoErrors();                          // no page errors, no console errors
 *   await s.close();
 *
 *   screenshotsOnFailure(() => e);               // at the top of a file: what the pages showed
 *
 * The web app is built into dist/web first when it is missing or older than its sources
 * (ensureWebApp): once per run, even when several test files start at the same moment in
 * parallel processes (a lock directory serialises them; the others wait and find it built).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildWebApp, REPO_ROOT, webBuildPaths, webBuildReason } from '../../src/server/app/web-build';
import { startServer, type RunningServer } from '../../src/server/app/server';
import { createFilledTestDatabaseTarget, type ChildDatabase } from '../support/test-database';
import { APP_RUNNING_ATTRIBUTE } from '../../src/shared/api/boot';
import type { DatabaseTarget } from '../../src/server/db/database';
import type { Db } from '../../src/server/db/schema';
import type { DemoLogin } from '../../src/server/modules/demo/demo.service';
import { FIXTURES, fixturePath } from '../support/fixtures';
import { withLock } from '../support/lock';
import { SCREENSHOT_DIR, sharedBrowser } from './browser';

const LOCK = join(REPO_ROOT, 'dist', '.web-build.lock');

/** Builds dist/web when it is missing or stale; one process at a time (see the top). */
export async function ensureWebApp(): Promise<void> {
  const paths = webBuildPaths();
  if (webBuildReason(paths) === null) return;
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  await withLock(LOCK, async () => {
    // another process may have built it while this one waited
    const reason = webBuildReason(paths);
    if (reason !== null) {
      console.log(`e2e: building the web app into dist/web (${reason})`);
      await buildWebApp(paths);
    }
  });
}

/** The browser's own console line for an API answer of 404, for expectNoErrors when a page asks for what its user may not see. */
export const RESOURCE_404 = /Failed to load resource: the server responded with a status of 404/;

/** The four real documents (../shared/fixtures/documents), as paths for `files`. */
export function fixtureFiles(): string[] {
  return Object.values(FIXTURES).map(fixturePath);
}

export interface E2eOptions {
  /** Import these files into the fresh database instead of the generated demo documents. */
  files?: string[];
}

export interface E2ePage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors, in order, as text. */
  errors: string[];
  /**
   * Fails when there were errors other than those matching `allowed` (e.g. the browser's own
   * "Failed to load resource … 404" line when a test visits a page the API answers 404 for).
   * Either way the list is emptied, so a shared session (E2e.session) starts clean.
   */
  expectNoErrors(allowed?: RegExp[]): void;
  close(): Promise<void>;
}

export interface E2e {
  /** http://127.0.0.1:PORT */
  url: string;
  db: Db;
  server: RunningServer;
  browser: Browser;
  /** The accounts created with the demo password: admin, reviewer, dept-<单位编码> editors. */
  demoLogins: DemoLogin[];
  /** [username, password] of a demo account, for login(page, ...account(name)). */
  account(username: string): [string, string];
  /**
   * A fresh browser context (no cookies) with one page whose relative URLs go to the server. Its browser asks for
   * less motion (`prefers-reduced-motion: reduce`), as a person may, and the app then shows dialogs, lists and
   * charts at once: a test waits for what is there, not for a zoom to end (issue 38). `{ motion: true }`: the
   * animations of a browser that asks nothing (test/e2e/motion.test.ts).
   */
  newPage(opts?: { motion?: boolean }): Promise<E2ePage>;
  /**
   * The page of a demo account's session, shared by the tests of a file: a context of its own,
   * signed in through the form on first use, then reused (a login costs a page load and an
   * argon2 check). It stays where the last test left it: start with go(). Closed by close().
   */
  session(username: string): Promise<E2ePage>;
  /** The pages still open, for a look when a test fails (screenshotsOnFailure). */
  openPages(): Page[];
  /** Closes this file's browser contexts (the browser stays for the process's next file) and the server, and removes the database. Idempotent. */
  close(): Promise<void>;
}

/** Starts the server on a free port with a fresh database; the process's browser (sharedBrowser). */
export async function startE2e(opts: E2eOptions = {}): Promise<E2e> {
  // A first file's browser starts meanwhile: most of its start is waiting for chromium's processes.
  const launching = sharedBrowser();
  launching.catch(() => {}); // a failed launch is thrown below, when awaited
  let database: ChildDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser;
  try {
    await ensureWebApp();
    // The demo accounts and their published password; the demo data, or the files.
    const serve = (target: DatabaseTarget) => startServer({ database: target, port: 0, host: '127.0.0.1', demo: true, ...(opts.files ? { files: opts.files } : {}) });
    // A SQLite file, or a PostgreSQL database on the PostgreSQL run, as a first start fills it: a copy of the one the
    // run's first file with these files filled so (a start on it finds the data there and adds nothing).
    database = await createFilledTestDatabaseTarget(`e2e demo ${JSON.stringify(opts.files ?? 'generated')}`, async (target) => (await serve(target)).close());
    server = await serve(database.target);
    browser = await launching;
  } catch (e) {
    await server?.close();
    await database?.drop();
    throw e;
  }
  const running: RunningServer = server;
  const dropDatabase = database.drop;
  let closing: Promise<void> | undefined;
  const sessions = new Map<string, Promise<E2ePage>>();
  /** The browser contexts this file opened, closed with it. */
  const contexts = new Set<BrowserContext>();
  const e2e: E2e = {
    url: server.url,
    db: server.db,
    server,
    browser,
    demoLogins: server.demoLogins,
    account(username) {
      const login = server.demoLogins.find((l) => l.username === username);
      if (!login) throw new Error(`no demo account ${username}; there are ${server.demoLogins.map((l) => l.username).join(', ')}`);
      return [login.username, login.password];
    },
    openPages: () => [...contexts].flatMap((c) => c.pages()),
    async newPage({ motion = false } = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: 'zh-CN',
        viewport: { width: 1400, height: 900 },
        reducedMotion: motion ? 'no-preference' : 'reduce',
      });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      // well under vitest's 60 s, so that a missing element fails with playwright's own message
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      // Whatever the Content-Security-Policy blocks is an error of the page, reported or not on the console.
      await page.exposeFunction('jixiaoCspViolation', (v: string) => errors.push(`csp: ${v}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (ev) =>
          (window as unknown as { jixiaoCspViolation(v: string): void }).jixiaoCspViolation(`${ev.violatedDirective} blocked ${ev.blockedURI || 'inline'}`),
        );
      });
      return {
        page,
        context,
        errors,
        expectNoErrors(allowed = []) {
          const unexpected = errors.filter((e) => !allowed.some((re) => re.test(e)));
          errors.length = 0;
          if (unexpected.length > 0) throw new Error(`errors in the browser:\n${unexpected.join('\n')}`);
        },
        close: () => context.close(),
      };
    },
    session(username) {
      let s = sessions.get(username);
      if (!s) {
        const [user, password] = e2e.account(username);
        s = e2e.newPage().then(async (p) => {
          await login(p.page, user, password);
          return p;
        });
        sessions.set(username, s);
      }
      return s;
    },
    close: () =>
      (closing ??= (async () => {
        await Promise.all([...contexts].map((c) => c.close().catch(() => {})));
        await running.close();
        await dropDatabase();
      })()),
  };
  return e2e;
}

/**
 * A file's server and browser for its tests, at the top of the file: startE2e before them (in 180 s:
 * a run's first file of a kind fills the database the others copy), closed after them, the pages
 * saved when one fails (screenshotsOnFailure). Its properties are the started E2e's, read from the
 * tests and from hooks registered after this call.
 *
 *   const e = useE2e({ files: fixtureFiles() });
 *   it('…', async () => { const s = await e.session('reviewer'); … });
 */
export function useE2e(opts: E2eOptions = {}): E2e {
  let started: E2e | undefined;
  beforeAll(async () => {
    started = await startE2e(opts);
  }, 180_000);
  afterAll(() => started?.close());
  screenshotsOnFailure(() => started);
  return new Proxy({} as E2e, {
    get(_, key) {
      if (started === undefined) throw new Error(`e2e.${String(key)} read before the server started (useE2e's beforeAll)`);
      return Reflect.get(started, key) as unknown;
    },
  });
}

/**
 * Goes to an address of the app the way an in-app link does: the router changes page without
 * reloading the app (about 0.4 s here instead of 1.4 s for page.goto, which parses the bundles
 * again). Falls back to page.goto when the app is not loaded yet. Data the page already fetched
 * may be reused for a few seconds (react-query's staleTime): after another session changed
 * something, use page.goto or page.reload to see it. The previous page can stay on screen while
 * the new one loads (a transition): wait for something only the new page has (e.g. its data-id),
 * or use page.goto when the old page could pass the check too.
 */
export async function go(page: Page, path: string): Promise<void> {
  const loaded = page.url().startsWith('http') && (await page.evaluate((attr) => document.documentElement.hasAttribute(attr), APP_RUNNING_ATTRIBUTE));
  if (!loaded) {
    await open(page, path);
    return;
  }
  await page.evaluate((p) => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, path);
  await page.waitForURL((u) => u.pathname + u.search === path);
  // the router renders the new location in a transition, after the URL changed: give it two frames
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * Loads a page of the app (page.goto) and waits until the app runs in it: a page arrives drawn by the server
 * (app/page-render.ts) and is shown before its scripts have run, when its controls do nothing yet — as a person
 * would see a button there before it answers.
 */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await appRunning(page);
}

/** Loads the page again (page.reload) and waits until the app runs in it, as open(). */
export async function reopen(page: Page): Promise<void> {
  await page.reload();
  await appRunning(page);
}

/** Waits until the web app runs in the page (its first render done: from then on its controls work). */
function appRunning(page: Page): Promise<unknown> {
  return page.waitForFunction((attr) => document.documentElement.hasAttribute(attr), APP_RUNNING_ATTRIBUTE);
}

/**
 * Signs in through the login form (/login) and waits for the app's header to show the user.
 * Throws with the form's error text when the login is refused.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const signedIn = page.getByTestId('current-user');
  const refused = page.getByTestId('login-error');
  await signedIn.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`login as ${username} refused: ${await refused.innerText()}`);
}

/**
 * Waits until `target` is where a person would click it: attached, visible, and neither it nor any
 * element around it still moving — no antd motion class (…-appear, …-enter, …-leave) and no
 * running animation for two frames in a row. Returns `target`, for `await (await settled(ok)).click()`
 * or `await clickSettled(ok)`.
 *
 * Why (issue 38): antd's dialogs zoom in from the button that opened them. Before the zoom starts
 * the dialog sits at its final place (transparent) for a few frames — long enough, on a loaded
 * machine, for playwright to find the OK button "stable" and press it — and then the zoom moves
 * the button away before the mouse is released. playwright checks only the first event of a click
 * against its target, so the release lands elsewhere, the button gets no click, and the test waits
 * for an answer that was never asked for: the dialog stays open, no spinner, no error.
 */
export async function settled(target: Locator): Promise<Locator> {
  await target.waitFor();
  await target.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const moving = () => {
          for (let n: Element | null = el; n; n = n.parentElement) {
            if (typeof n.className === 'string' && /[\w-]-(appear|enter|leave)\b/.test(n.className)) return true;
            if (n.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity)) return true;
          }
          return false;
        };
        const giveUp = Date.now() + 10_000;
        let still = 0;
        const frame = () => {
          still = moving() ? 0 : still + 1;
          if (still >= 2 || Date.now() > giveUp) resolve();
          else requestAnimationFrame(frame);
        };
        frame();
      }),
  );
  return target;
}

/** Clicks `target` once it has stopped moving (settled) — an OK button of a dialog that just opened. */
export async function clickSettled(target: Locator): Promise<void> {
  await (await settled(target)).click();
}

/**
 * Clicks `trigger` (a button that opens a dialog or a drawer) and waits until `inside` — something
 * in the dialog, usually its OK button — is where a person would use it (settled: shown, and the
 * dialog's opening animation over). Returns `inside`.
 */
export async function openDialog(trigger: Locator, inside: Locator): Promise<Locator> {
  await trigger.click();
  return settled(inside);
}

/** The antd dialog (Modal) that holds `inside`, e.g. dialogOf(page, ok).getByTestId('…-error'). */
export function dialogOf(page: Page, inside: Locator): Locator {
  return page.getByRole('dialog').filter({ has: inside });
}

/**
 * Clicks `target` once it has stopped moving (settled) and waits for the answer to the request the
 * click sends: a `method` request whose path is `path` (or matches it). Returns the answer, for the
 * test to check its status before it looks for what the page shows of it — a click that sent
 * nothing fails here, saying so, rather than as a missing element or address later.
 */
export async function clickForAnswer(page: Page, target: Locator, path: string | RegExp, method = 'POST', opts: { timeout?: number } = {}): Promise<Response> {
  await settled(target);
  const matches = (p: string) => (typeof path === 'string' ? p === path : path.test(p));
  const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && matches(new URL(r.url()).pathname), opts), target.click()]);
  return answer;
}

/**
 * Sends a request from a signed-in page, with its session's CSRF token, as the app's buttons do: the answer's status and
 * body. For a test's set-up that is not what the test is about (another account's step, data to look at).
 */
export async function sendFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const { csrfToken } = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const r = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await r.text();
      return { status: r.status, json: (text === '' ? null : JSON.parse(text)) as unknown };
    },
    { method, path, body },
  );
}

/**
 * How long an answer that costs the server much may take to come — an upload read (LibreOffice for a
 * .doc, pdf.js, the parse worker's first start), an import committed, the API's whole document —:
 * on a loaded machine, other test files running beside, longer than playwright's 15 s for an
 * element. A bound within a test's own 60 s, not a wait.
 */
export const READING_MS = 55_000;

/** Presses 导入预览 on the import page and returns the preview's answer (see READING_MS), for its status. */
export function previewImport(page: Page): Promise<Response> {
  return clickForAnswer(page, page.getByTestId('import-preview'), '/api/imports/preview', 'POST', { timeout: READING_MS });
}

/**
 * Waits until no Select's dropdown is open or closing: a dropdown just closed fades out and still matches `:visible`, so an
 * option clicked in it (the next dropdown's, as the test means) is lost.
 */
export async function dropdownsClosed(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden')));
}

/**
 * Opens an antd Select and gives the titles of the options it offers, read in one go once its list shows some: a
 * check of the options and a second read of them can fall on either side of the list being drawn again as it opens
 * (seen in a clean run: the first option found, then none, and the list open with its four options in the failure's
 * screenshot).
 */
export async function optionsOffered(page: Page, select: Locator): Promise<string[]> {
  await select.click();
  const titles = await page.waitForFunction(() => {
    const open = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')];
    return open.length > 0 ? open.map((o) => o.getAttribute('title') ?? '') : null;
  });
  return (await titles.jsonValue()) as string[];
}

/**
 * Picks the option `label` (its full text) of an antd Select: opens it, types into its search when
 * it has one, clicks the option, and checks the Select shows it — each click once its target has
 * stopped moving (settled), and once more if the choice still did not take.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  label: string,
  opts: {
    search?: string;
    /** Waits until the choice shows, when not in the Select itself (e.g. the row moves once chosen); given its timeout. */
    shown?: (timeout: number) => Promise<unknown>;
  } = {},
): Promise<void> {
  const chosen = select.locator(`[title="${label}"]`);
  // How long the choice may take to show before the click is taken as lost: a bound, not a speed. 3 s was overrun
  // on a loaded machine (load 6–7 on 2 cores: a project page with its findings re-rendering after the choice).
  const CHOSEN_MS = 10_000;
  // Both clicks wait until nothing around their target moves (settled). A Select clicked while its dialog still zooms in
  // opens its list under the place the Select has at that moment; when the zoom ends the list is aligned again, and an
  // option pressed before that is released over the dialog: the click is lost (issue 38, seen under test:busy and made
  // again with the browser's CPU slowed six times: the option pressed at y 188 was at y 595 at its release, 11 ms later).
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`);
  for (let attempt = 1; ; attempt++) {
    await clickSettled(select);
    if (opts.search) {
      await page.keyboard.type(opts.search);
      // The list is filtered again for each character typed; an option clicked while the list is re-rendered under
      // it is replaced between the press and the release, and the click is lost (seen on a loaded machine: the
      // dropdown left open, the option hovered). Wait until the open list shows only options with the text typed.
      await page
        .waitForFunction(
          (typed) => {
            const open = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')];
            return open.length > 0 && open.every((o) => (o.getAttribute('title') ?? o.textContent ?? '').includes(typed));
          },
          opts.search,
          { timeout: 5_000 },
        )
        .catch(() => {}); // a Select that filters by something else than its labels: click as before
    }
    await settled(option);
    await recordClickTargets(page);
    await option.click();
    try {
      await (opts.shown ? opts.shown(CHOSEN_MS) : chosen.waitFor({ timeout: CHOSEN_MS }));
      // the chosen list is still "visible" while it fades: the next Select's options would be mixed with its own
      await dropdownsClosed(page);
      return;
    } catch (e) {
      if (attempt === 2) {
        // what a person would have seen, for the failure's message: the Select's text and the lists open
        const shows = await select.innerText({ timeout: 1_000 }).catch(() => '(not found)');
        const open = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts().catch(() => []);
        const events = await page.evaluate(() => (window as unknown as ClickRecord).__jixiaoClicks ?? []).catch(() => []);
        throw new Error(
          `"${label}" not chosen after two clicks on it: the Select shows "${shows}", the lists open show [${open.join(', ')}]; the last click's events reached [${events.join('; ')}]`,
          { cause: e },
        );
      }
      await page.keyboard.press('Escape');
      await dropdownsClosed(page);
    }
  }
}

/** Empties an antd Select with its clear icon, which shows while the pointer is over the Select; both once settled. */
export async function clearSelect(select: Locator): Promise<void> {
  await (await settled(select)).hover();
  await clickSettled(select.locator('.ant-select-clear'));
}

type ClickRecord = { __jixiaoClicks?: string[] };

/**
 * From now until the next call, the page notes where each press, release and click lands (the nearest element with a
 * title, else the element's class; and whether the element pressed has left the page or moved by the release): chooseOption's
 * failure message says whether a lost choice was a click that reached another element (issue 38: options clicked and
 * not chosen under load).
 */
async function recordClickTargets(page: Page): Promise<void> {
  await page
    .evaluate(() => {
      const w = window as unknown as ClickRecord;
      if (!w.__jixiaoClicks) {
        const seen: string[] = [];
        w.__jixiaoClicks = seen;
        let pressed: Element | null = null;
        let pressedTop = 0;
        for (const type of ['mousedown', 'mouseup', 'click']) {
          window.addEventListener(
            type,
            (ev) => {
              const t = ev.target instanceof Element ? ev.target : null;
              if (type === 'mousedown') {
                pressed = t;
                pressedTop = t?.getBoundingClientRect().top ?? 0;
              }
              const where = t?.closest('[title]')?.getAttribute('title') ?? (t ? String(t.className) : String(ev.target));
              // whether the element pressed is still in the page, and still where it was pressed, at the release
              let pressedNow = '';
              if (type === 'mouseup' && pressed) {
                const moved = Math.round(pressed.getBoundingClientRect().top - pressedTop);
                if (!pressed.isConnected) pressedNow = ' (the element pressed has left the page)';
                else if (moved !== 0) pressedNow = ` (the element pressed has moved ${moved} px vertically since the press)`;
              }
              seen.push(`${type} → ${where}${pressedNow}`);
            },
            true,
          );
        }
      }
      w.__jixiaoClicks.length = 0;
    })
    .catch(() => {}); // a page navigating away: nothing to note
}

/**
 * After a failed test, saves every open page as test-artifacts/screens/failed-<test>-<n>.png and
 * prints its address: what the browser showed when the assertion or the wait gave up.
 */
export function screenshotsOnFailure(get: () => E2e | undefined): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const pages = get()?.openPages() ?? [];
    const name = ctx.task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '-').slice(0, 60);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [i, page] of pages.entries()) {
      const path = join(SCREENSHOT_DIR, `failed-${name}-${i}.png`);
      await page.screenshot({ path, fullPage: true }).catch(() => {});
      console.log(`e2e: failed "${ctx.task.name}": page ${i} at ${page.url()} → ${path}`);
    }
  });
}
