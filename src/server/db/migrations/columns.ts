/**
 * Column definitions the migrations share. Only generated ids differ between the dialects.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import type { DialectName } from './index';

/** An auto-generated integer primary key: IDENTITY on PostgreSQL, AUTOINCREMENT on SQLite. */
export function idColumn(dialect: DialectName): (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (col) => (dialect === 'postgres' ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement());
}
