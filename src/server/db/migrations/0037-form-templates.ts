/**
 * Form templates (表样, issue 54): what a person said about a form the reader got wrong, remembered for every later
 * table of that form (shared/domain/form-template.ts).
 *
 * - `form_template`: its name, the region it belongs to (its 绩效科's; null: the whole installation) and applies
 *   below, its header's signature (the header's texts, for finding one of the same header), the template itself
 *   (`body`, JSON: data, never code), the table it was made from as the preview showed it (`example`, JSON; null for
 *   one imported from a file), active or retired, who made it and when.
 */
import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function formTemplatesMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('form_template')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('region_code', text)
        .addColumn('signature', text, (c) => c.notNull())
        .addColumn('body', text, (c) => c.notNull())
        .addColumn('example', text)
        // 'active' | 'retired'
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('created_by_username', text, (c) => c.notNull())
        .addColumn('created_by_name', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('form_template_region_index').on('form_template').columns(['status', 'region_code']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('form_template').execute();
    },
  };
}
