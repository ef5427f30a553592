/**
 * The real browser for end-to-end tests: Debian's chromium-headless-shell (installed by `npm test` when
 * missing) driven by playwright-core. Nothing is downloaded: playwright-core ships no browser.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium: the whole browser, as a person runs it. */
export const FULL_CHROMIUM = '/usr/bin/chromium';
/**
 * Debian's chromium-headless-shell: Chromium's own headless build of the same version (the "old headless" mode, the
 * one playwright drives by default when it downloads its browsers), the same Blink and V8 without the whole browser
 * around them. The tests drive it (issue 38): the 33 browser files on SQLite, two at a time on the 2-core machine, took
 * 259 s with chromium and 213 s with the shell (2026-11-27, the same code one after the other), chromium's processes
 * using 364 and 279 s of CPU — the browser process alone 48 and 17 s. Every browser test passes on both.
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/** The browser the tests drive: JIXIAO_CHROMIUM, else the headless shell, else the whole chromium. */
export const CHROMIUM_PATH = process.env.JIXIAO_CHROMIUM ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
/** The browser a benchmark measures pages in (bench:pages): the whole chromium a person runs, else the tests' browser. */
export const PEOPLES_BROWSER = existsSync(FULL_CHROMIUM) ? FULL_CHROMIUM : CHROMIUM_PATH;

/** Where the main screens are saved, one PNG each, for people to look at. */
export const SCREENSHOT_DIR = join('test-artifacts', 'screens');
/**
 * The screenshots the README and the docs show, kept in the repository: renewed by `npm run screens` (the tests that
 * take them, with JIXIAO_README_SCREENS=1), never by a test run, which changes no tracked file.
 */
export const README_SCREENS = join('docs', 'screens');
export const RENEW_README_SCREENS = process.env.JIXIAO_README_SCREENS === '1';

// This machine has no network: without these flags chromium keeps trying to reach Google's hosts.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(executablePath = CHROMIUM_PATH): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}

let shared: Promise<Browser> | undefined;

/**
 * The test process's browser, launched on first use and kept for the files the process runs after
 * (vitest.config.ts: a worker runs file after file); each file works in contexts of its own and
 * closes them. Launched again when it has gone (crashed or closed). It ends with the process:
 * chromium leaves when the pipe it is driven through closes.
 */
export async function sharedBrowser(): Promise<Browser> {
  const current = shared && (await shared.catch(() => undefined));
  if (current?.isConnected()) return current;
  shared = launchBrowser();
  return shared;
}

/** Saves a full-page screenshot as test-artifacts/screens/<name>.png. */
export async function saveScreenshot(page: Page, name: string, opts: { readme?: boolean; fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  // The README's pictures (docs/screens/): what the window shows, taken by the test that checks it (npm run screens).
  if (opts.readme && RENEW_README_SCREENS) {
    mkdirSync(README_SCREENS, { recursive: true });
    await page.screenshot({ path: join(README_SCREENS, `${name}.png`) });
  }
  return path;
}
