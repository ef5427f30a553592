/**
 * Server state of 下年目标 (carry-over): what a project shows of last year and of next year, and
 * starting next year's table from one project or a department's year. Types from src/shared/api/carry-over.ts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CarryOverInfo, CarryOverResult, DepartmentCarryOverResult } from '../../shared/api/carry-over';
import { useApi } from './api-context';
import { useInvalidateProjects } from './hooks';

export type { CarryOverInfo, CarryOverResult, DepartmentCarryOverResult };

/** GET /api/projects/:id/carry-over; follows the project's version (a save or an action may change the answer). */
export function useCarryOverInfo(id: number, version: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['project', id, 'carry-over', version],
    queryFn: () => api.get<CarryOverInfo>(`/api/projects/${id}/carry-over`),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

function useAfterCarryOver() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProjects();
  return () => {
    invalidate();
    void queryClient.invalidateQueries({ queryKey: ['project'] });
  };
}

export function useCarryOver() {
  const api = useApi();
  const after = useAfterCarryOver();
  return useMutation({
    mutationFn: (id: number) => api.send<CarryOverResult>('POST', `/api/projects/${id}/carry-over`),
    onSuccess: after,
  });
}

export function useDepartmentCarryOver(departmentId: number) {
  const api = useApi();
  const after = useAfterCarryOver();
  return useMutation({
    mutationFn: (fromYear: number) => api.send<DepartmentCarryOverResult>('POST', `/api/departments/${departmentId}/carry-over`, { fromYear }),
    onSuccess: after,
    // The dialog shows what was carried and what was not.
    meta: { silent: true },
  });
}
