/**
 * Text search the same on both dialects. SQLite's LIKE ignores the case of ASCII letters (only
 * those); PostgreSQL's LIKE is case-sensitive. Written as `lower(column) LIKE pattern` with the
 * pattern's ASCII letters lowered here: SQLite's lower() folds only ASCII, and so does
 * PostgreSQL's under the "C" collation every text column has there (migration 0004). Chinese text
 * has no case and is unaffected; 'Ä' matches only 'Ä' on both.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** LIKE pattern text with its wildcards escaped (escape character '\'). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A–Z to a–z, nothing else (what SQLite's lower() does). */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** `column` contains `text` (literally: wildcards escaped), ASCII case ignored. */
export function containsText(column: Expression<string | null> | RawBuilder<unknown>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${`%${asciiLower(likeEscape(text))}%`} escape '\\'`;
}

/** `column` starts with `text` (literally), ASCII case ignored. */
export function startsWithText(column: Expression<string | null> | RawBuilder<unknown>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${`${asciiLower(likeEscape(text))}%`} escape '\\'`;
}
