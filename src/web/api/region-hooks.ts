/** The region tree (issue 32): read by everyone signed in, loaded by an administrator. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegionImportResult, RegionItem, RegionList } from '../../shared/api/regions';
import { useApi } from './api-context';

export function useRegions() {
  const api = useApi();
  return useQuery({ queryKey: ['regions'], queryFn: () => api.get<RegionList>('/api/regions'), staleTime: 5 * 60_000 });
}

export function useImportRegions() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.send<RegionImportResult>('POST', '/api/regions/import', { text }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['regions'] }),
  });
}

export interface RegionNode {
  value: string;
  title: string;
  key: string;
  children: RegionNode[];
}

/** The flat list as a tree (antd Tree / TreeSelect data): roots are the regions without a parent in the list. */
export function regionTree(items: readonly RegionItem[]): RegionNode[] {
  const nodes = new Map(items.map((r) => [r.code, { value: r.code, key: r.code, title: `${r.name}（${r.code}）`, children: [] as RegionNode[] }]));
  const roots: RegionNode[] = [];
  for (const r of items) {
    const parent = r.parentCode === null ? undefined : nodes.get(r.parentCode);
    (parent ? parent.children : roots).push(nodes.get(r.code)!);
  }
  return roots;
}
