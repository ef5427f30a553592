/**
 * The JSON the web app exchanges with the server: the types of the shared API schemas
 * (src/shared/api), under the names the pages use. Type-only imports: no zod in the bundle.
 */
import type { Paged as _Paged } from './paged';

export type { ProjectStatus, WorkflowAction } from '../../shared/domain/workflow';
export type { SessionResponse, SessionUser, UserRole as Role, UserAccount as UserRow, CreateUserBody as UserCreate, UpdateUserBody as UserPatch } from '../../shared/api/auth';
export type {
  ProjectListItem,
  ProjectListResponse,
  ProjectRecord,
  ProjectGate,
  ReviewComment,
  WorkflowEvent,
  AuditEntryView as AuditEntry,
  ProjectAuditFacets,
  ProjectAuditResponse,
  WorkflowActionBody as ActionRequest,
  ProjectInput,
  IndicatorInput,
} from '../../shared/api/projects';
export type { DepartmentSummary, DepartmentDetail } from '../../shared/api/departments';
export type { ImportAction, ImportPreview, ImportPreviewResponse, ImportCommitResponse, UploadProgress } from '../../shared/api/imports';
export type { DashboardResponse as DashboardData } from '../../shared/api/dashboard';
export type {
  PublicDepartmentItem,
  PublicProjectItem,
  PublicDepartmentDetail,
  PublicProject as PublicProjectDetail,
} from '../../shared/api/public';

export type Paged<T> = _Paged<T>;

/** Projects per status; the server sends every status, the pages accept fewer. */
export type StatusCounts = Partial<Record<import('../../shared/domain/workflow').ProjectStatus, number>>;

/** A comment anchored to a field of a project, as 退回 sends it. */
export interface FieldComment {
  field: string;
  text: string;
}

/** A review finding as the API sends it: the engine's Finding with `field` as plain text. */
export type FindingView = Omit<import('../../shared/review/types').Finding, 'field'> & { field: string | null };
export type { ApprovalBatch, ApprovalBatchList, ApprovalBatchBody } from '../../shared/api/approval';
