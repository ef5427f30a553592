/**
 * A page as chromium prints it (its print, the print stylesheet applied) to an A4 PDF kept under
 * test-artifacts/print/ for people to look at: its text (white space removed, as pdftotext reads it)
 * and its page count.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const PRINT_ARTIFACTS = resolve('test-artifacts/print');

export async function printed(page: Page, name: string): Promise<{ text: string; pages: number }> {
  mkdirSync(PRINT_ARTIFACTS, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const path = join(PRINT_ARTIFACTS, `${name}.pdf`);
  writeFileSync(path, pdf);
  const text = spawnSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
  expect(text.status, text.stderr).toBe(0);
  const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;
  return { text: text.stdout.replace(/\s+/g, ''), pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}
