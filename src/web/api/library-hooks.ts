/**
 * Server state of the indicator library (指标库): one hook per route of /api/library. Types only
 * from src/shared/api/library.ts (no zod in the bundle).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LibraryEntryDetail, LibraryResponse, PeerFindingsResponse, SuggestionsResponse } from '../../shared/api/library';
import { useApi } from './api-context';

export type { LibraryEntryDetail, LibraryEntryJson, LibraryExample, LibraryResponse, SuggestionJson } from '../../shared/api/library';

export interface LibraryFilter {
  search: string;
  level1: string | null;
  level2: string | null;
  page: number;
  pageSize: number;
}

export function useLibrary(filter: LibraryFilter) {
  const api = useApi();
  return useQuery({
    queryKey: ['library', filter],
    queryFn: () =>
      api.get<LibraryResponse>('/api/library', { search: filter.search, level1: filter.level1, level2: filter.level2, page: filter.page, pageSize: filter.pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useLibraryEntry(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['library', 'entry', id],
    queryFn: () => api.get<LibraryEntryDetail>('/api/library/entry', { id }),
    enabled: id !== null,
  });
}

export function useSuggestions(projectId: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['library', 'suggestions', projectId],
    queryFn: () => api.get<SuggestionsResponse>('/api/library/suggestions', { projectId }),
    enabled: Number.isSafeInteger(projectId) && projectId > 0,
  });
}

export function usePeerFindings(projectId: number, version: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['library', 'peer-findings', projectId, version],
    queryFn: () => api.get<PeerFindingsResponse>('/api/library/peer-findings', { projectId }),
    enabled: Number.isSafeInteger(projectId) && projectId > 0,
  });
}
