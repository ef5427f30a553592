/**
 * The real documents of ../shared/fixtures (beside the checkout, as in CI). They are read in
 * place, never copied into the project.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { parseDocumentBytes } from '../../src/server/importers/read-document';

export const FIXTURE_DIR = resolve(process.cwd(), '../shared/fixtures/documents');

/** Six real tables of four other provinces with their hand-checked truth (truth.json; that folder's README). */
export const OTHER_PROVINCES_DIR = resolve(process.cwd(), '../shared/fixtures/other-provinces');

/** Nine more real tables of six provinces, in the same layout and truth schema (issue 74). */
export const MORE_PROVINCES_DIR = resolve(process.cwd(), '../shared/fixtures/more-provinces');

export const FIXTURES = {
  f000: '000_0d3f7d190d9ec4ec.txt',
  f001: '001_2a158b43dfd09e06.txt',
  f002: '002_66f8d06f680bd2a2.txt',
  f003: '003_6c930005e5006ec5.txt',
} as const;

export function fixturePath(name: string): string {
  return join(FIXTURE_DIR, name);
}

export function readFixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/**
 * A new version of a fixture: the same document with its overall goal changed (other bytes and
 * other content; the import takes the same content in other bytes as unchanged).
 */
export function changedFixture(name: string): Buffer {
  const text = readFixture(name).toString('utf8');
  const changed = text.replace(/(总体绩效目标\n)/, '$1（修订稿）');
  if (changed === text) throw new Error(`${name}: no 总体绩效目标 heading to change`);
  return Buffer.from(changed, 'utf8');
}

export function fixtureLines(name: string): string[] {
  return readFixture(name).toString('utf8').split(/\r\n|\r|\n/);
}

export function listFixtures(): string[] {
  return readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.txt')).sort();
}

export type FixtureKey = keyof typeof FIXTURES;

/** The four fixtures, parsed. */
export async function parseFixtures(): Promise<Record<FixtureKey, ParsedDocument>> {
  const docs = {} as Record<FixtureKey, ParsedDocument>;
  for (const [key, file] of Object.entries(FIXTURES) as [FixtureKey, string][]) {
    docs[key] = await parseDocumentBytes(readFixture(file), file);
  }
  return docs;
}
