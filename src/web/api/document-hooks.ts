/**
 * Server state of one stored document (issue 54): who imported it and whether this account may
 * withdraw it now (GET /api/documents/:id), and 撤回导入 (POST /api/documents/:id/withdraw).
 * Types from src/shared/api/documents.ts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail, DocumentWithdrawResponse } from '../../shared/api/documents';
import { useApi } from './api-context';

export type { DocumentDetail, DocumentWithdrawResponse };

export function useDocument(id: number, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['document', id],
    queryFn: () => api.get<DocumentDetail>(`/api/documents/${id}`),
    enabled: enabled && Number.isSafeInteger(id) && id > 0,
  });
}

/** What a withdrawal changes: every list and page made of the current projects and documents. */
const CHANGED_BY_WITHDRAWAL = ['projects', 'departments', 'department', 'dashboard', 'public', 'library', 'document', 'project'] as const;

/**
 * 撤回导入. On success every answer it changes is marked stale but not asked again at once: the page
 * showing the withdrawn document (or its removed department) is left right after (the dialog goes
 * to where the department's page goes on, or to the list), and asking for what is gone would only
 * get 404s; the pages shown next ask afresh.
 */
export function useWithdrawDocument(id: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.send<DocumentWithdrawResponse>('POST', `/api/documents/${id}/withdraw`, { reason }),
    onSuccess: () => {
      for (const key of CHANGED_BY_WITHDRAWAL) void queryClient.invalidateQueries({ queryKey: [key], refetchType: 'none' });
    },
    // the refusal shows in the dialog, above its buttons
    meta: { silent: true },
  });
}
