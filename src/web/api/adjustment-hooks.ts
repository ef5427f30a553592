/** 目标调整 (issue 33): a project's versions and requests, the comparison, the request and the decision. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdjustmentBody, AdjustmentDecisionBody, AdjustmentList, AdjustmentView, ProjectAdjustments, VersionComparison } from '../../shared/api/target-adjustment';
import { useApi } from './api-context';

export function useProjectAdjustments(projectId: number) {
  const api = useApi();
  return useQuery({ queryKey: ['adjustments', projectId], queryFn: () => api.get<ProjectAdjustments>(`/api/projects/${projectId}/adjustments`) });
}

/** The requests of the user's departments waiting for the bureau (pending), or returned and not asked again: the 工作台's lists (issue 58). */
export function useAdjustmentRequests(status: 'pending' | 'returned') {
  const api = useApi();
  return useQuery({ queryKey: ['adjustments', 'list', status], queryFn: () => api.get<AdjustmentList>('/api/adjustments', { status }) });
}

export function useVersionComparison(projectId: number, from: number, to: number, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['adjustments', projectId, 'compare', from, to],
    queryFn: () => api.get<VersionComparison>(`/api/projects/${projectId}/adjustments/compare?from=${from}&to=${to}`),
    enabled,
  });
}

function useAdjustmentMutation<T>(send: (api: ReturnType<typeof useApi>, body: T) => Promise<AdjustmentView>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => send(api, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['adjustments'] });
      void queryClient.invalidateQueries({ queryKey: ['monitoring'] });
      // an approved adjustment changes what the project shows (its targets and budget in force) and the lists' budgets
      void queryClient.invalidateQueries({ queryKey: ['project'] });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      void queryClient.invalidateQueries({ queryKey: ['workbench'] });
    },
  });
}

export const useRequestAdjustment = (projectId: number) =>
  useAdjustmentMutation((api, body: AdjustmentBody) => api.send<AdjustmentView>('POST', `/api/projects/${projectId}/adjustments`, body));
export const useDecideAdjustment = () =>
  useAdjustmentMutation((api, { id, ...body }: AdjustmentDecisionBody & { id: number }) => api.send<AdjustmentView>('POST', `/api/adjustments/${id}/decision`, body));
