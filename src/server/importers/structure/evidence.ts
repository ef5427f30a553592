/**
 * Whether a document's text holds target tables at all (issue 68), asked of its blocks before and
 * apart from any reading of its tables: the evidence a person sees at a glance — rows that put an
 * indicator category (产出指标, 数量指标, 满意度 …, of any framework, under any of its spellings)
 * beside other text. A contents line (`十二、项目支出绩效目标表`) or a sentence that names the tables
 * is no such row; a budget table's rows hold no category. The parser asks it before it says "not a
 * target document", and the corpus audit (modules/corpus) asks it of every document to check the
 * reader: a document with this evidence is never refused as holding no target table, one without it
 * is never given one.
 */
import { FRAMEWORKS, normalizeCategories } from '../../../shared/domain/framework';
import type { SourceLocation } from '../../../shared/domain/model';
import { memoByText } from '../../../shared/domain/text';
import type { Block } from '../blocks';

export interface TargetEvidence {
  /** Rows (or lines) that set a category beside other text. */
  rows: number;
  /** The first of them. */
  first: SourceLocation | null;
}

/** How many such rows make a target table: one category beside a value could be a sentence's table. */
export const EVIDENCE_ROWS = 3;

/** The characters every spelling of every category of every framework is made of: a text with another is none. */
const CATEGORY_CHARACTERS = new RegExp(
  `[^\\s（）()${[...new Set(FRAMEWORKS.flatMap((fw) => fw.level1.flatMap((l1) => [l1.name, ...l1.synonyms, ...(l1.formNames ?? []), ...l1.level2.flatMap((l2) => [l2.name, ...l2.synonyms, ...(l2.formNames ?? [])])])).join(''))].join('')}]`,
);

/** A cell that is an indicator category (一级 or 二级) of some framework; a weight in brackets after it allowed (产出指标（50分）). */
export const isCategoryCell: (text: string) => boolean = memoByText(20_000, 24, (raw) => {
  const text = raw.replace(/[（(]\s*\d+(\.\d+)?\s*分?\s*[)）]\s*$/, '').replace(/\s+/g, '');
  if (text.length < 2 || text.length > 16 || CATEGORY_CHARACTERS.test(text)) return false;
  for (const fw of FRAMEWORKS) {
    const n = normalizeCategories(fw, text, text);
    if (n.level1 !== null || n.level2 !== null) return true;
  }
  return false;
});

/** A line of running text that lists categories as a table row would (`产出指标 数量指标 培训人次 ≥200人次`). */
function lineOfCategories(text: string): boolean {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 3 || parts.length > 12) return false;
  return parts.some((p) => isCategoryCell(p)) && parts.some((p) => !isCategoryCell(p) && p.length > 1);
}

/** The evidence of target tables in a document's blocks. */
export function targetEvidence(blocks: readonly Block[]): TargetEvidence {
  let rows = 0;
  let first: SourceLocation | null = null;
  for (const b of blocks) {
    let hit = false;
    if (b.kind === 'row') {
      let category = false;
      let other = false;
      for (const c of b.cells) {
        const text = c.lines.join('').trim();
        if (text === '') continue;
        if (!category && isCategoryCell(text)) category = true;
        else other = true;
      }
      hit = category && other;
    } else hit = b.text.length <= 120 && lineOfCategories(b.text);
    if (!hit) continue;
    rows++;
    first ??= b.source;
  }
  return { rows, first };
}

/** Whether the evidence says the document holds target tables. */
export const holdsTargetTables = (e: TargetEvidence): boolean => e.rows >= EVIDENCE_ROWS;
