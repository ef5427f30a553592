/**
 * Server state of 结果运用: the region's or a department's report, a project's results sheet, the
 * decision, and the download addresses. Types only from src/shared/api/results.ts.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicDepartmentResults, PublicProjectResults, ResultsDecisionInput, ResultsReport, ResultsSheet } from '../../shared/api/results';
import type { SaveStatus } from '../../shared/api/monitoring';
import { useApi } from './api-context';

/** The region's report (reviewers, admins), or one department's when `departmentId` is given. */
export function useResultsReport(year: number | null, departmentId: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'report', year, departmentId],
    queryFn: () =>
      departmentId === null ? api.get<ResultsReport>('/api/results', { year }) : api.get<ResultsReport>(`/api/departments/${departmentId}/results`, { year }),
    enabled: year !== null,
    placeholderData: keepPreviousData,
  });
}

export function useProjectResults(id: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'project', id],
    queryFn: () => api.get<ResultsSheet>(`/api/projects/${id}/results`),
    enabled: id !== null,
  });
}

export function useDecideResults(id: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResultsDecisionInput) => api.send<ResultsSheet & { saveStatus: SaveStatus }>('PUT', `/api/projects/${id}/results/decision`, body),
    onSuccess: (sheet) => {
      queryClient.setQueryData(['results', 'project', id], sheet);
      void queryClient.invalidateQueries({ queryKey: ['results', 'report'] });
    },
    meta: { silent: true },
  });
}

export function usePublicProjectResults(id: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['public', 'results', 'project', id],
    queryFn: () => api.get<PublicProjectResults | null>(`/api/public/projects/${id}/results`),
    retry: false,
  });
}

export function usePublicDepartmentResults(id: number, year: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['public', 'results', 'department', id, year],
    queryFn: () => api.get<PublicDepartmentResults>(`/api/public/departments/${id}/results`, { year }),
    enabled: year !== null,
  });
}

export const resultsDownloads = {
  region: (year: number, format: 'xlsx' | 'docx') => `/api/results/report.${format}?year=${year}`,
  department: (id: number, year: number, format: 'xlsx' | 'docx') => `/api/departments/${id}/results.${format}?year=${year}`,
};
