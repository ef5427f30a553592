/**
 * Every route module of the API, registered by buildApp in this order. A new capability adds its
 * module here (and nowhere else). Each module declares full /api/... paths.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authRoutes } from '../modules/auth/auth.routes';
import { userRoutes } from '../modules/users/users.routes';
import { securityRoutes } from '../modules/security/security.routes';
import { projectRoutes } from '../modules/projects/projects.routes';
import { workflowRoutes } from '../modules/workflow/workflow.routes';
import { departmentRoutes } from '../modules/departments/departments.routes';
import { importRoutes } from '../modules/imports/imports.routes';
import { documentRoutes } from '../modules/documents/documents.routes';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes';
import { publicRoutes } from '../modules/public/public.routes';
import { monitoringRoutes } from '../modules/monitoring/monitoring.routes';
import { executionRecordRoutes } from '../modules/execution-records/execution-records.routes';
import { selfEvaluationRoutes } from '../modules/self-evaluation/self-evaluation.routes';
import { selfEvaluationReviewRoutes } from '../modules/self-evaluation-review/self-evaluation-review.routes';
import { libraryRoutes } from '../modules/library/library.routes';
import { formTemplateRoutes } from '../modules/form-templates/form-templates.routes';
import { carryOverRoutes } from '../modules/carry-over/carry-over.routes';
import { rectificationRoutes } from '../modules/rectification/rectification.routes';
import { resultsRoutes } from '../modules/results/results.routes';
import { exAnteRoutes } from '../modules/ex-ante/ex-ante.routes';
import { auditRoutes } from '../modules/audit/audit.routes';
import { regionRoutes } from '../modules/regions/regions.routes';
import { levelRoutes } from '../modules/levels/levels.routes';
import { stageRoutes } from '../modules/stages/stages.routes';
import { approvalRoutes } from '../modules/approval/approval.routes';
import { adjustmentRoutes } from '../modules/adjustments/adjustments.routes';

export const ROUTE_MODULES: readonly FastifyPluginAsyncZod[] = [
  authRoutes,
  userRoutes,
  securityRoutes,
  projectRoutes,
  workflowRoutes,
  departmentRoutes,
  importRoutes,
  documentRoutes,
  dashboardRoutes,
  publicRoutes,
  monitoringRoutes,
  executionRecordRoutes,
  selfEvaluationRoutes,
  selfEvaluationReviewRoutes,
  libraryRoutes,
  formTemplateRoutes,
  carryOverRoutes,
  rectificationRoutes,
  resultsRoutes,
  exAnteRoutes,
  auditRoutes,
  regionRoutes,
  levelRoutes,
  stageRoutes,
  approvalRoutes,
  adjustmentRoutes,
];
