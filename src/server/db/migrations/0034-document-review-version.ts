/**
 * The data version (migration 0006) follows document_review too: a department's page is kept as
 * a whole answer until the data changes (app/kept-answers.ts), and it shows the document's own
 * findings and score, which a document's review can store without changing any project (a
 * document without projects) — so a change there must move the version on as the others do.
 */
import type { Kysely, Migration } from 'kysely';
import { addVersionTriggers, dropVersionTriggers } from './0006-data-version';
import type { DialectName } from './index';

export function documentReviewVersionMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await addVersionTriggers(db, dialect, 'document_review');
    },
    async down(db: Kysely<any>): Promise<void> {
      await dropVersionTriggers(db, dialect, 'document_review');
    },
  };
}
