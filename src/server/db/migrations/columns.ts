/**
 * Column definitions the migrations share. Only generated ids differ between the dialects.
 */
import type { ColumnDataType, ColumnDefinitionBuilder, Expression } from 'kysely';
import { sql } from 'kysely';
import type { DialectName } from './index';

/** An auto-generated integer primary key: IDENTITY on PostgreSQL, AUTOINCREMENT on SQLite. */
export function idColumn(dialect: DialectName): (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (col) => (dialect === 'postgres' ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement());
}

/** A text column's type: on PostgreSQL it compares in code point order like SQLite (migration 0004). */
export function textType(dialect: DialectName): ColumnDataType | Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : 'text';
}

/** A column of bytes: BLOB on SQLite, BYTEA on PostgreSQL. */
export function bytesType(dialect: DialectName): ColumnDataType {
  return dialect === 'postgres' ? 'bytea' : 'blob';
}
