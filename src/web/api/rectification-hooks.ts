/**
 * Server state of 整改 (rectification): one hook per route of /api/rectifications. Types only
 * from src/shared/api/rectification.ts (no zod in the bundle).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  RectificationActionBody,
  RectificationCreate,
  RectificationDetail,
  RectificationEdit,
  RectificationItem,
  RectificationList,
  RectificationListQuery,
  RectificationSummary,
} from '../../shared/api/rectification';
import { useApi } from './api-context';
import { toQuery } from './client';

export type { RectificationDetail, RectificationItem, RectificationList, RectificationSummary };

const KEY = 'rectifications';

export function useRectifications(query: RectificationListQuery) {
  const api = useApi();
  return useQuery({
    queryKey: [KEY, 'list', query],
    queryFn: () => api.get<RectificationList>('/api/rectifications', { ...query }),
    placeholderData: keepPreviousData,
  });
}

/** Every item of one project (the buttons that turn its problems into items say which are taken). */
export function useProjectRectifications(projectId: number, enabled = true) {
  return useRectifications(enabled ? { projectId, pageSize: 100 } : { projectId: -1, pageSize: 1 });
}

export function useRectificationSummary() {
  const api = useApi();
  return useQuery({ queryKey: [KEY, 'summary'], queryFn: () => api.get<RectificationSummary>('/api/rectifications/summary') });
}

export function useRectification(id: number) {
  const api = useApi();
  return useQuery({
    queryKey: [KEY, 'item', id],
    queryFn: () => api.get<RectificationDetail>(`/api/rectifications/${id}`),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return (detail?: RectificationDetail) => {
    if (detail) queryClient.setQueryData([KEY, 'item', detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [KEY] });
  };
}

export function useCreateRectification() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: RectificationCreate) => api.send<RectificationItem>('POST', '/api/rectifications', body),
    onSuccess: () => refresh(),
    meta: { silent: true },
  });
}

/** A change of one item answered with the item (an action, an edit). */
function useItemChange<B>(id: number, method: 'POST' | 'PATCH', suffix: string) {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: B) => api.send<RectificationDetail>(method, `/api/rectifications/${id}${suffix}`, body),
    onSuccess: (d) => refresh(d),
    meta: { silent: true },
  });
}

export const useRectificationAction = (id: number) => useItemChange<RectificationActionBody>(id, 'POST', '/actions');

/** 撤销 an item made by mistake (the bureau); the item is gone afterwards. */
export function useWithdrawRectification(id: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.send<{ id: number; withdrawn: true }>('POST', `/api/rectifications/${id}/withdraw`, { reason }),
    onSuccess: () => {
      // the item is gone: drop it rather than refetch it (a 404) while its page is still open
      queryClient.removeQueries({ queryKey: [KEY, 'item', id] });
      void queryClient.invalidateQueries({ queryKey: [KEY], predicate: (q) => q.queryKey[1] !== 'item' });
    },
    meta: { silent: true },
  });
}

/** The .xlsx of the items a list query selects (its page aside). */
export function rectificationsXlsxUrl(query: RectificationListQuery): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return `/api/rectifications.xlsx${toQuery(filters)}`;
}

export const useEditRectification = (id: number) => useItemChange<RectificationEdit>(id, 'PATCH', '');

export function useUploadEvidence(id: number) {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ files, note }: { files: File[]; note: string }) => {
      const form = new FormData();
      if (note.trim() !== '') form.append('note', note);
      for (const f of files) form.append('files', f, f.name);
      return api.upload<{ files: unknown[] }>(`/api/rectifications/${id}/files`, form);
    },
    onSuccess: () => refresh(),
    meta: { silent: true },
  });
}

/** Where a file downloads (with the session cookie). */
export const evidenceUrl = (itemId: number, fileId: number) => `/api/rectifications/${itemId}/files/${fileId}`;
