/**
 * The real browser for end-to-end tests: Debian's chromium (installed by `npm test` when missing)
 * driven by playwright-core. Nothing is downloaded: playwright-core ships no browser.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium';

/** Where the main screens are saved, one PNG each, for people to look at. */
export const SCREENSHOT_DIR = join('test-artifacts', 'screens');
/** The screenshots the README shows, kept in the repository and renewed by each test run. */
export const README_SCREENS = join('docs', 'screens');

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

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
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
export async function saveScreenshot(page: Page, name: string, opts: { readme?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  // The README's pictures (docs/screens/): what the window shows, taken by the test that checks it.
  if (opts.readme) {
    mkdirSync(README_SCREENS, { recursive: true });
    await page.screenshot({ path: join(README_SCREENS, `${name}.png`) });
  }
  return path;
}
