/**
 * Server state of 事前绩效评估: a project's assessment, creating, saving and the workflow actions,
 * and the list of a year. Types only from src/shared/api/ex-ante.ts (no zod in the bundle).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExAnteActionBody, ExAnteList, ExAnteOfProjects, ExAnteSaveBody, ExAnteView } from '../../shared/api/ex-ante';
import type { ExAnteStatus } from '../../shared/domain/ex-ante';
import { useApi } from './api-context';

const ok = (id: number) => Number.isSafeInteger(id) && id > 0;

export function useExAnte(id: number) {
  const api = useApi();
  return useQuery({ queryKey: ['ex-ante', 'project', id], queryFn: () => api.get<ExAnteView>(`/api/projects/${id}/ex-ante`), enabled: ok(id) });
}

export function useExAnteList(year: number | null, status: ExAnteStatus | null, departmentId: number | null = null) {
  const api = useApi();
  return useQuery({
    queryKey: ['ex-ante', 'list', year, status, departmentId],
    queryFn: () => api.get<ExAnteList>('/api/ex-ante', { year, status, departmentId }),
    placeholderData: keepPreviousData,
  });
}

/** Need and assessment state of the projects of a list page. */
export function useExAnteOfProjects(ids: readonly number[]) {
  const api = useApi();
  return useQuery({
    queryKey: ['ex-ante', 'projects', ids.join(',')],
    queryFn: () => api.get<ExAnteOfProjects>('/api/ex-ante/projects', { ids: ids.join(',') }),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** A change to a project's assessment: the answer is the new view; the lists are refreshed. */
function useExAnteChange<B>(id: number, send: (body: B) => Promise<ExAnteView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (view) => {
      queryClient.setQueryData(['ex-ante', 'project', id], view);
      void queryClient.invalidateQueries({ queryKey: ['ex-ante', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['ex-ante', 'projects'] });
      // the project's record carries its ex-ante gate (held or not, and why)
      void queryClient.invalidateQueries({ queryKey: ['project', id] });
    },
    // The page shows the server's issues next to the criteria.
    meta: { silent: true },
  });
}

export function useCreateExAnte(id: number) {
  const api = useApi();
  return useExAnteChange<void>(id, () => api.send<ExAnteView>('POST', `/api/projects/${id}/ex-ante`));
}

export function useSaveExAnte(id: number) {
  const api = useApi();
  return useExAnteChange<ExAnteSaveBody>(id, (body) => api.send<ExAnteView>('PUT', `/api/projects/${id}/ex-ante`, body));
}

export function useExAnteAction(id: number) {
  const api = useApi();
  return useExAnteChange<ExAnteActionBody>(id, (body) => api.send<ExAnteView>('POST', `/api/projects/${id}/ex-ante/actions`, body));
}

export const exAnteDocxUrl = (id: number) => `/api/projects/${id}/ex-ante.docx`;
