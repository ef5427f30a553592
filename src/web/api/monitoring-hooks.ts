/**
 * Server state of monitoring (双监控) and self-evaluation (绩效自评): one hook per route of the
 * monitoring API. Types only from src/shared/api/monitoring.ts (no zod in the bundle).
 */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DepartmentMonitoringSummary,
  DepartmentSelfEvaluationSummary,
  ExecutionImportResponse,
  ExecutionRecord,
  ExecutionRecordInput,
  ExecutionRecordList,
  ExecutionSaveResponse,
  MonitoringTable,
  RegionMonitoringSummary,
  RegionSelfEvaluationRanking,
  SelfEvaluationInput,
  SelfEvaluationPublication,
  SelfEvaluationResult,
  SelfEvaluationSaveResponse,
} from '../../shared/api/monitoring';
import { useApi } from './api-context';
import { toQuery } from './client';

export interface ExecutionRounds {
  year: number;
  /** Each round with how many projects and departments reported it. */
  rounds: { asOf: string; projectCount: number; departmentCount: number }[];
}

export type { ExecutionRecord, ExecutionRecordList };
export type ExecutionImportResult = ExecutionImportResponse;

const ok = (id: number) => Number.isSafeInteger(id) && id > 0;

export function useRounds(year: number | null, departmentId?: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'rounds', year, departmentId ?? null],
    queryFn: () => api.get<ExecutionRounds>('/api/monitoring/rounds', { year, departmentId }),
    enabled: year !== null,
  });
}

export function useRegionMonitoring(year: number | null, asOf: string | null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'region', year, asOf],
    queryFn: () => api.get<RegionMonitoringSummary>('/api/monitoring/region', { year, asOf }),
    enabled: enabled && year !== null && asOf !== null,
    placeholderData: keepPreviousData,
  });
}

export function useDepartmentMonitoring(id: number | null, year: number | null, asOf: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'department', id, year, asOf],
    queryFn: () => api.get<DepartmentMonitoringSummary>(`/api/departments/${id}/monitoring`, { year, asOf }),
    enabled: id !== null && ok(id) && year !== null && asOf !== null,
    placeholderData: keepPreviousData,
  });
}

/** A department's summary at every given round (for its spending curve). */
export function useDepartmentMonitoringRounds(id: number | null, year: number | null, rounds: readonly string[]) {
  const api = useApi();
  return useQueries({
    queries: rounds.map((asOf) => ({
      queryKey: ['monitoring', 'department', id, year, asOf],
      queryFn: () => api.get<DepartmentMonitoringSummary>(`/api/departments/${id}/monitoring`, { year, asOf }),
      enabled: id !== null && year !== null,
    })),
  });
}

export function useProjectMonitoring(id: number, asOf: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'project', id, asOf],
    queryFn: () => api.get<MonitoringTable>(`/api/projects/${id}/monitoring`, { asOf }),
    enabled: ok(id),
    placeholderData: keepPreviousData,
  });
}

export function useExecutionRecords(id: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'records', id],
    queryFn: () => api.get<ExecutionRecordList>(`/api/projects/${id}/execution-records`),
    enabled: ok(id),
  });
}

export function useExecutionRecord(id: number, asOf: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'records', id, asOf],
    queryFn: () => api.get<ExecutionRecord>(`/api/projects/${id}/execution-records/${asOf}`),
    enabled: ok(id) && asOf !== null,
  });
}

function useInvalidateMonitoring() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['monitoring'] });
    void queryClient.invalidateQueries({ queryKey: ['self-evaluation'] });
  };
}

export function useSaveExecutionRecord(id: number) {
  const api = useApi();
  const invalidate = useInvalidateMonitoring();
  return useMutation({
    mutationFn: (body: ExecutionRecordInput) => api.send<ExecutionSaveResponse>('PUT', `/api/projects/${id}/execution-records/${body.asOf}`, body),
    onSuccess: () => invalidate(),
    // The form shows the server's issues next to its fields.
    meta: { silent: true },
  });
}

export function useDeleteExecutionRecord(id: number) {
  const api = useApi();
  const invalidate = useInvalidateMonitoring();
  return useMutation({
    mutationFn: (asOf: string) => api.send<unknown>('DELETE', `/api/projects/${id}/execution-records/${asOf}`),
    onSuccess: () => invalidate(),
  });
}

export function useSelfEvaluation(id: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['self-evaluation', 'project', id],
    queryFn: () => api.get<SelfEvaluationResult>(`/api/projects/${id}/self-evaluation`),
    enabled: ok(id),
  });
}

export function useSaveSelfEvaluation(id: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SelfEvaluationInput) => api.send<SelfEvaluationSaveResponse>('PUT', `/api/projects/${id}/self-evaluation`, body),
    onSuccess: (result) => {
      queryClient.setQueryData(['self-evaluation', 'project', id], result);
      // a save may confirm a re-score after a 目标调整 (issue 71): the kept publication's state is read again
      void queryClient.invalidateQueries({ queryKey: ['self-evaluation', 'project', id] });
      void queryClient.invalidateQueries({ queryKey: ['self-evaluation', 'department'] });
      void queryClient.invalidateQueries({ queryKey: ['self-evaluation', 'ranking'] });
    },
    meta: { silent: true },
  });
}

/** The 绩效科 accepts a self-evaluation re-scored after a 目标调整 (issue 71): it replaces the published result. */
export function useAcceptRescore(id: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send<SelfEvaluationPublication>('POST', `/api/projects/${id}/self-evaluation/rescore`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['self-evaluation', 'project', id] });
      void queryClient.invalidateQueries({ queryKey: ['results'] });
    },
    meta: { silent: true },
  });
}

export function useDepartmentSelfEvaluations(id: number, year: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['self-evaluation', 'department', id, year],
    queryFn: () => api.get<DepartmentSelfEvaluationSummary>(`/api/departments/${id}/self-evaluations`, { year }),
    enabled: ok(id) && year !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSelfEvaluationRanking(year: number | null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['self-evaluation', 'ranking', year],
    queryFn: () => api.get<RegionSelfEvaluationRanking>('/api/self-evaluations/ranking', { year }),
    enabled: enabled && year !== null,
    placeholderData: keepPreviousData,
  });
}

export function useExecutionImport() {
  const api = useApi();
  const invalidate = useInvalidateMonitoring();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: (f: number) => void }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ExecutionImportResult>('/api/monitoring/execution-import', form, onProgress);
    },
    onSuccess: () => invalidate(),
    meta: { silent: true },
  });
}

// ---------------------------------------------------------------------------------------------
// Download addresses (the browser downloads with the session cookie)

export const downloads = {
  projectMonitoring: (id: number, asOf?: string | null) => `/api/projects/${id}/monitoring.xlsx${toQuery({ asOf })}`,
  departmentMonitoring: (id: number, year: number, asOf: string) => `/api/departments/${id}/monitoring.xlsx${toQuery({ year, asOf })}`,
  projectSelfEvaluation: (id: number) => `/api/projects/${id}/self-evaluation.xlsx`,
  departmentSelfEvaluation: (id: number, year: number) => `/api/departments/${id}/self-evaluation.xlsx${toQuery({ year })}`,
  executionTemplate: (id: number, year: number, asOf: string) => `/api/departments/${id}/execution-template.xlsx${toQuery({ year, asOf })}`,
};
