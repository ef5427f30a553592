/**
 * The common shape every reader produces before the document is understood: a flat sequence
 * of paragraphs and table rows, in document order. The text reader (txt/) and the Word reader
 * (docx/) both produce it; one parser (document-parser.ts) turns it into a ParsedDocument, so
 * a .docx and its extracted text give the same model.
 */
import type { Diagnostic, SourceLocation } from '../../shared/domain/model';
import { stripBookmarks } from '../../shared/domain/text';

export interface Cell {
  /** The cell's paragraphs, in order. An empty cell has one empty string. Not trimmed. */
  lines: string[];
  /** Where each line came from; same length as `lines`. */
  sources: SourceLocation[];
  /**
   * true when the cell continues a vertically merged cell from the row above (Word vMerge
   * "continue"). Its text is then empty, as in the extracted text.
   */
  mergedFromAbove?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Not trimmed. Word bookmarks are still in it as "[bookmark: name]" prefixes. */
  text: string;
  source: SourceLocation;
}

export interface RowBlock {
  kind: 'row';
  cells: Cell[];
  source: SourceLocation;
  /** Index of the Word table the row belongs to (0-based); undefined for text input. */
  table?: number;
}

export type Block = ParagraphBlock | RowBlock;

/** What a reader returns: the blocks, plus what it could not make sense of. */
export interface ReadResult {
  blocks: Block[];
  diagnostics: Diagnostic[];
}

/** The text of a cell, its paragraphs joined by "\n" and trimmed, Word bookmarks removed. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  return cell.lines
    .map((line) => stripBookmarks(line).text)
    .join('\n')
    .trim();
}
