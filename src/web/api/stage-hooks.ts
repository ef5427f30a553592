/** The year's stages, 催办, a department's tasks and the notifications (issue 33). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EditStageBody, NotificationList, OpenStageBody, RemindBody, RemindResult, StageDetail, StageList, TaskList } from '../../shared/api/stages';
import { useApi } from './api-context';

export function useStages(year: number) {
  const api = useApi();
  return useQuery({ queryKey: ['stages', year], queryFn: () => api.get<StageList>(`/api/stages?year=${year}`), placeholderData: keepPreviousData });
}

export function useStage(id: number | null) {
  const api = useApi();
  return useQuery({ queryKey: ['stage', id], queryFn: () => api.get<StageDetail>(`/api/stages/${id}`), enabled: id !== null });
}

function useStageMutation<T, R>(send: (api: ReturnType<typeof useApi>, body: T) => Promise<R>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => send(api, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['stages'] });
      void queryClient.invalidateQueries({ queryKey: ['stage'] });
    },
  });
}

export const useOpenStage = () => useStageMutation((api, body: OpenStageBody) => api.send<StageDetail>('POST', '/api/stages', body));
export const useEditStage = () => useStageMutation((api, { id, ...body }: EditStageBody & { id: number }) => api.send<StageDetail>('PATCH', `/api/stages/${id}`, body));
export const useRemind = () => useStageMutation((api, { id, body }: { id: number; body: RemindBody }) => api.send<RemindResult>('POST', `/api/stages/${id}/remind`, body));

export function useTasks(enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks'], queryFn: () => api.get<TaskList>('/api/tasks'), enabled });
}

/** The bell's count, refreshed every minute while the app is open. */
export function useUnreadCount(enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: ['notifications', 'unread'], queryFn: () => api.get<{ unread: number }>('/api/notifications/unread-count'), enabled, refetchInterval: 60_000 });
}

export function useNotifications(page: number) {
  const api = useApi();
  return useQuery({ queryKey: ['notifications', 'list', page], queryFn: () => api.get<NotificationList>(`/api/notifications?page=${page}&pageSize=20`), placeholderData: keepPreviousData });
}

export function useMarkRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') => api.send<{ unread: number }>('POST', id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
