/**
 * Printing test documents to PDF as people do (issue 31): by Chromium (playwright-core, Debian's chromium) and by
 * LibreOffice (soffice, the HTML page opened in Writer/Web), and what a PDF must read exactly of a document.
 * The PDFs are kept under test-artifacts/pdf-print/ for people to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { tidyCjkSpaces } from '../../src/shared/domain/text';

const ARTIFACTS = resolve('test-artifacts/pdf-print');

function keep(pdf: Buffer, name: string): Buffer {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), pdf);
  return pdf;
}

/** The page printed by Chromium on A4 (no header or footer of the browser's own). */
export async function printByChromium(browser: Browser, html: string, name: string): Promise<Buffer> {
  const tab = await browser.newPage();
  try {
    await tab.setContent(html, { waitUntil: 'load' });
    return keep(await tab.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' } }), name);
  } finally {
    await tab.close();
  }
}

/**
 * The page opened by LibreOffice and exported to PDF (its own profile, removed after): by Writer/Web, or with `writer`
 * by Writer itself (its HTML import), as a person opens a page to print it from the word processor. LibreOffice 7.4's
 * Writer/Web leaves the page's first paragraph out of the PDF (and prints a blank first page); Writer keeps it, and
 * honours the page's `@page` size.
 */
export function printByLibreOffice(html: string, name: string, writer = false): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lo-print-'));
  try {
    const source = join(dir, 'page.html');
    writeFileSync(source, html);
    const how = writer ? ['--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export'] : ['--convert-to', 'pdf:writer_web_pdf_Export'];
    const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, ...how, '--outdir', dir, source], { stdio: 'ignore', timeout: 170_000 });
    if (r.status !== 0) throw new Error(`LibreOffice could not print ${name} (status ${r.status})`);
    return keep(readFileSync(join(dir, 'page.pdf')), name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Word document printed to PDF by LibreOffice Writer (as a unit exports its 决算 for publication; its own profile, removed after). */
export function printWordByLibreOffice(docx: Buffer, name: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lo-word-'));
  try {
    const source = join(dir, 'document.docx');
    writeFileSync(source, docx);
    const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf:writer_pdf_Export', '--outdir', dir, source], { stdio: 'ignore', timeout: 170_000 });
    if (r.status !== 0) throw new Error(`LibreOffice could not print ${name} (status ${r.status})`);
    return keep(readFileSync(join(dir, 'document.pdf')), name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tidy = (s: string | null | undefined) => (s == null ? s : tidyCjkSpaces(s));

/** What a reader must read exactly, spaces beside Chinese characters aside (a PDF has no such spaces to give). */
export function pdfContent(doc: ParsedDocument) {
  return {
    department: doc.department && { code: doc.department.code, name: tidy(doc.department.name) },
    year: doc.year,
    projects: doc.projects.map((p) => ({
      code: p.code,
      name: tidy(p.name),
      budget: p.budget,
      plan: p.spendingPlan.map((c) => [c.percent, c.amount, c.given]),
      goals: p.goals.map(tidy),
      indicators: p.indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: tidy(i.name),
        description: tidy(i.description),
        target: { raw: tidy(i.target.raw), kind: i.target.kind, operator: i.target.operator, valueText: i.target.valueText, unit: i.target.unit },
        basis: tidy(i.basis),
      })),
    })),
  };
}
