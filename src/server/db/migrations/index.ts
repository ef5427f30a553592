/**
 * All migrations, in code: the `Migrator` gets them from a static provider, so nothing is read
 * from disk at run time and the program works from any working directory (and when bundled).
 * Names sort in the order they run; add `0002-…` below, never edit a released migration.
 */
import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';
import { webMigration } from './0002-web';
import { monitoringMigration } from './0003-monitoring';
import { textOrderMigration } from './0004-text-order';
import { reviewFindingsMigration } from './0005-review-findings';
import { dataVersionMigration } from './0006-data-version';
import { documentsFromAnywhereMigration } from './0007-documents-from-anywhere';
import { moneyBoundsMigration } from './0008-money-bounds';
import { auditAccountsMigration } from './0009-audit-accounts';
import { passwordChangeMigration } from './0010-password-change';
import { documentScopeMigration } from './0011-document-scope';
import { resultsUseMigration } from './0013-results-use';
import { rectificationMigration } from './0014-rectification';
import { carryOverMigration } from './0015-carry-over';
import { executionOnBehalfMigration } from './0016-execution-on-behalf';
import { exAnteMigration } from './0017-ex-ante';
import { monitoringFiguresMigration } from './0018-monitoring-figures';
import { listOrderIndexesMigration } from './0019-list-order-indexes';
import { findingRulesMigration } from './0021-finding-rules';
import { findingExamplesMigration } from './0022-finding-examples';
import { formProfileMigration } from './0023-form-profile';
import { signInsMigration } from './0024-sign-ins';
import { regionsMigration } from './0025-regions';
import { reviewLevelsMigration } from './0026-review-levels';
import { stagesMigration } from './0027-stages';
import { approvalMigration } from './0028-approval';
import { reviewLevelsByYearMigration } from './0029-review-levels-by-year';
import { targetAdjustmentMigration } from './0030-target-adjustment';
import { businessSectionsMigration } from './0031-business-sections';
import { regionFollowsDepartmentMigration } from './0032-region-follows-department';
import { projectDocumentYearMigration } from './0033-project-document-year';
import { documentReviewVersionMigration } from './0034-document-review-version';
import { readingMigration } from './0035-reading';
import { securityAdminMigration } from './0036-security-admin';
import { formTemplatesMigration } from './0037-form-templates';
import { budgetInForceMigration } from './0038-budget-in-force';
import { submittedSelfEvaluationMigration } from './0041-submitted-self-evaluation';
import { submittedByRegionMigration } from './0042-submitted-by-region';
import { selfEvaluationPublicationMigration } from './0043-self-evaluation-publication';
import { auditorTwoKeysMigration } from './0044-auditor-two-keys';

/**
 * The SQL dialects the schema is written for. Auto-generated ids differ between them, and on
 * PostgreSQL text columns are put in code point order (0004), as SQLite compares text.
 */
export type DialectName = 'sqlite' | 'postgres';

export function getMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-web': webMigration(dialect),
    '0003-monitoring': monitoringMigration(dialect),
    '0004-text-order': textOrderMigration(dialect),
    '0005-review-findings': reviewFindingsMigration(dialect),
    '0006-data-version': dataVersionMigration(dialect),
    '0007-documents-from-anywhere': documentsFromAnywhereMigration(dialect),
    '0008-money-bounds': moneyBoundsMigration(dialect),
    '0009-audit-accounts': auditAccountsMigration(dialect),
    '0010-password-change': passwordChangeMigration(dialect),
    '0011-document-scope': documentScopeMigration(dialect),
    // 0012 was taken by a branch that landed later as 0017; the number stays unused.
    '0013-results-use': resultsUseMigration(dialect),
    '0014-rectification': rectificationMigration(dialect),
    '0015-carry-over': carryOverMigration(dialect),
    '0016-execution-on-behalf': executionOnBehalfMigration,
    '0017-ex-ante': exAnteMigration(dialect),
    '0018-monitoring-figures': monitoringFiguresMigration(dialect),
    '0019-list-order-indexes': listOrderIndexesMigration,
    '0021-finding-rules': findingRulesMigration(dialect),
    '0022-finding-examples': findingExamplesMigration(dialect),
    '0023-form-profile': formProfileMigration(dialect),
    '0024-sign-ins': signInsMigration(dialect),
    '0025-regions': regionsMigration(dialect),
    '0026-review-levels': reviewLevelsMigration(dialect),
    '0027-stages': stagesMigration(dialect),
    '0028-approval': approvalMigration(dialect),
    '0029-review-levels-by-year': reviewLevelsByYearMigration(dialect),
    '0030-target-adjustment': targetAdjustmentMigration(dialect),
    '0031-business-sections': businessSectionsMigration(dialect),
    '0032-region-follows-department': regionFollowsDepartmentMigration,
    '0033-project-document-year': projectDocumentYearMigration,
    '0034-document-review-version': documentReviewVersionMigration(dialect),
    '0035-reading': readingMigration(dialect),
    '0036-security-admin': securityAdminMigration(dialect),
    '0037-form-templates': formTemplatesMigration(dialect),
    '0038-budget-in-force': budgetInForceMigration,
    '0041-submitted-self-evaluation': submittedSelfEvaluationMigration(dialect),
    '0042-submitted-by-region': submittedByRegionMigration,
    '0043-self-evaluation-publication': selfEvaluationPublicationMigration(dialect),
    '0044-auditor-two-keys': auditorTwoKeysMigration(dialect),
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => getMigrations(dialect) };
}
