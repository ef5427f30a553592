/**
 * project.budget_in_force and project.fiscal_in_force (issue 58): the 预算数 of the project's latest
 * approved 目标调整 that set one, and its 财政资金 after it (fen; shared/domain/target-adjustment.ts
 * projectInForce moves the 财政资金 by the same amount while it stays within 0 and the new total);
 * both null while the approved budget (budget_total, budget_fiscal) is in force. Every list, total
 * and roll-up reads them through project.repository.ts (budgetInForceOf, fiscalInForceOf), so that an
 * approved adjustment changes what every screen shows; budget_total stays the approved version's
 * (version 1, history). Written when an adjustment is approved (adjustments.service.ts), in its
 * transaction; a change of the project row moves the data version on, so cached totals are computed
 * again. Filled here from the adjustments approved before it.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The backfill (exported for its test): each project takes the budget of its latest approved adjustment that set one. */
export async function fillBudgetsInForce(db: Kysely<any>): Promise<void> {
  await sql`update project set budget_in_force = (
      select a.budget_fen from target_adjustment a
      where a.project_id = project.id and a.status = 'approved' and a.budget_fen is not null
      order by a.version desc limit 1)
    where exists (select 1 from target_adjustment a where a.project_id = project.id and a.status = 'approved' and a.budget_fen is not null)`.execute(db);
  // the 财政资金 moved by the same amount, where it stays within 0 and the new total (projectInForce)
  await sql`update project set fiscal_in_force = case
      when budget_fiscal is not null and budget_total is not null
        and budget_fiscal + (budget_in_force - budget_total) between 0 and budget_in_force
      then budget_fiscal + (budget_in_force - budget_total) else budget_fiscal end
    where budget_in_force is not null`.execute(db);
}

export const budgetInForceMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('project').addColumn('budget_in_force', 'bigint').execute();
    await db.schema.alterTable('project').addColumn('fiscal_in_force', 'bigint').execute();
    await fillBudgetsInForce(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('project').dropColumn('fiscal_in_force').execute();
    await db.schema.alterTable('project').dropColumn('budget_in_force').execute();
  },
};
