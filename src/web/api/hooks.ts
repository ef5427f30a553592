/**
 * Server state through @tanstack/react-query: one hook per endpoint of the API contract. Query
 * keys start with the resource, so a change invalidates what it touches.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryValue } from './client';
import type { AuditActionsResponse, AuditLogResponse, SignInResponse } from '../../shared/api/audit';
import type { ProjectStatusCounts } from '../../shared/api/projects';
import { useApi } from './api-context';
import type {
  ActionRequest,
  DashboardData,
  DepartmentDetail,
  DepartmentSummary,
  ImportCommitResponse,
  Paged,
  ProjectAuditFacets,
  ProjectAuditResponse,
  ProjectInput,
  ProjectListItem,
  ProjectListResponse,
  ProjectRecord,
  PublicDepartmentDetail,
  PublicDepartmentItem,
  PublicProjectDetail,
  PublicProjectItem,
} from './types';

export type ProjectQuery = Record<string, QueryValue>;

export function useProjects(query: ProjectQuery, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['projects', query],
    queryFn: () => api.get<ProjectListResponse>('/api/projects', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The user's projects by status, every status and their total (the 工作台's cards, issue 58). */
export function useStatusCounts() {
  const api = useApi();
  return useQuery({ queryKey: ['projects', 'status-counts'], queryFn: () => api.get<ProjectStatusCounts>('/api/projects/status-counts') });
}

export function useProject(id: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['project', id],
    queryFn: () => api.get<ProjectRecord>(`/api/projects/${id}`),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

/** The history's filters: one action, one person (the account's username); '' for all. */
export interface AuditFilter {
  action: string;
  actor: string;
}

/**
 * A page of a project's audit log (newest first), filtered. The record carries the unfiltered
 * first page: that is not fetched again, and the query follows the record's (a change invalidates both).
 */
export function useProjectAudit(record: ProjectRecord, page: number, filter: AuditFilter = { action: '', actor: '' }) {
  const api = useApi();
  const filtered = filter.action !== '' || filter.actor !== '';
  return useQuery({
    queryKey: ['project', record.id, 'audit', page, filter.action, filter.actor, record.version, record.audit.total],
    queryFn: () => api.get<ProjectAuditResponse>(`/api/projects/${record.id}/audit`, { page, pageSize: record.audit.pageSize, action: filter.action, actor: filter.actor }),
    enabled: page > 1 || filtered,
    placeholderData: keepPreviousData,
  });
}

/** The actions and people of a project's history, for its filters. */
export function useProjectAuditFacets(record: ProjectRecord) {
  const api = useApi();
  return useQuery({
    queryKey: ['project', record.id, 'audit-facets', record.version, record.audit.total],
    queryFn: () => api.get<ProjectAuditFacets>(`/api/projects/${record.id}/audit/facets`),
  });
}

/** The history as .xlsx, with the filters shown (a link: the browser downloads with the session cookie). */
export function projectAuditExportUrl(projectId: number, filter: AuditFilter): string {
  const q = new URLSearchParams();
  if (filter.action !== '') q.set('action', filter.action);
  if (filter.actor !== '') q.set('actor', filter.actor);
  const s = q.toString();
  return `/api/projects/${projectId}/audit.xlsx${s === '' ? '' : `?${s}`}`;
}

/** After projects changed: their records (as answered), the lists and the aggregates, refreshed once. */
export function useInvalidateProjects() {
  const queryClient = useQueryClient();
  return (...records: ProjectRecord[]) => {
    for (const record of records) queryClient.setQueryData(['project', record.id], record);
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
    void queryClient.invalidateQueries({ queryKey: ['departments'] });
    void queryClient.invalidateQueries({ queryKey: ['department'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    void queryClient.invalidateQueries({ queryKey: ['public'] });
  };
}

export function useSaveProject(id: number) {
  const api = useApi();
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (body: { version: number; project: ProjectInput }) => api.send<ProjectRecord>('PUT', `/api/projects/${id}`, body),
    onSuccess: (record) => invalidate(record),
    // The editor explains a refused save itself (stale version: reload offer).
    meta: { silent: true },
  });
}

export function useProjectAction() {
  const api = useApi();
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: ({ id, ...body }: ActionRequest & { id: number }) => api.send<ProjectRecord>('POST', `/api/projects/${id}/actions`, body),
    onSuccess: (record) => invalidate(record),
  });
}

export function useDepartments(year?: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['departments', year ?? null],
    queryFn: () => api.get<{ items: DepartmentSummary[] }>('/api/departments', { year }),
  });
}

export function useDepartment(id: number, year?: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['department', id, year ?? null],
    queryFn: () => api.get<DepartmentDetail>(`/api/departments/${id}`, { year }),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

export function useDashboard(year?: number | null, region?: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['dashboard', year ?? null, region ?? null],
    queryFn: () => api.get<DashboardData>('/api/dashboard', { year, region }),
    placeholderData: keepPreviousData,
  });
}

export function useCommitImport() {
  const api = useApi();
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (body: { token: string; confirmDepartmentRenames: boolean; confirmDoubts: boolean; saveTemplates: boolean }) => api.send<ImportCommitResponse>('POST', '/api/imports/commit', body),
    onSuccess: () => invalidate(),
  });
}

export function usePublicDepartments(q: string, year?: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['public', 'departments', q, year ?? null],
    queryFn: () => api.get<{ items: PublicDepartmentItem[] }>('/api/public/departments', { q, year }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicProjects(query: ProjectQuery) {
  const api = useApi();
  return useQuery({
    queryKey: ['public', 'projects', query],
    queryFn: () => api.get<Paged<PublicProjectItem>>('/api/public/projects', query),
    placeholderData: keepPreviousData,
  });
}

export function usePublicDepartment(id: number, year?: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['public', 'department', id, year ?? null],
    queryFn: () => api.get<PublicDepartmentDetail>(`/api/public/departments/${id}`, { year }),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

export function usePublicProject(id: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['public', 'project', id],
    queryFn: () => api.get<PublicProjectDetail>(`/api/public/projects/${id}`),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

/** The export file of a department's document, downloaded by the browser (cookie sent). */
export function exportUrl(departmentId: number, year: number | null, format: 'docx' | 'xlsx' | 'pdf'): string {
  const params = new URLSearchParams({ format });
  if (year !== null) params.set('year', String(year));
  return `/api/departments/${departmentId}/export?${params.toString()}`;
}

/** The security auditor's audit log: a page, filtered. */
export function useAuditLog(query: Record<string, QueryValue>) {
  const api = useApi();
  return useQuery({ queryKey: ['audit', 'log', query], queryFn: () => api.get<AuditLogResponse>('/api/audit/log', query), placeholderData: keepPreviousData });
}

/** Every action in the audit log (the auditor's action filter). */
export function useAuditActions() {
  const api = useApi();
  return useQuery({ queryKey: ['audit', 'actions'], queryFn: () => api.get<AuditActionsResponse>('/api/audit/actions') });
}

/** The security auditor's sign-in records: a page, filtered. */
export function useSignIns(query: Record<string, QueryValue>) {
  const api = useApi();
  return useQuery({ queryKey: ['audit', 'sign-ins', query], queryFn: () => api.get<SignInResponse>('/api/audit/sign-ins', query), placeholderData: keepPreviousData });
}
