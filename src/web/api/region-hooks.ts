/** The region tree (issue 32): read by everyone signed in, loaded by an administrator. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalSettingsBody, ApprovalSettingsView } from '../../shared/api/approval';
import type {
  BusinessSection,
  BusinessSectionList,
  DepartmentLevelList,
  RegionReviewLevels,
  RegionReviewLevelsBody,
  RegionReviewLevelsList,
} from '../../shared/api/levels';
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

/** Levels of review's settings (issue 32, administrator): every region's levels, every department's 主管部门. */
/** Every region's levels; what applies in `year` (null: to projects without a year). */
export function useRegionReviewLevels(year: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['region-review-levels', year],
    queryFn: () => api.get<RegionReviewLevelsList>(`/api/regions/review-levels${year === null ? '' : `?year=${year}`}`),
  });
}

export function useDepartmentLevels() {
  const api = useApi();
  return useQuery({ queryKey: ['department-levels'], queryFn: () => api.get<DepartmentLevelList>('/api/users/department-levels') });
}

export function useSetRegionReviewLevels() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: RegionReviewLevelsBody }) => api.send<RegionReviewLevels>('PUT', `/api/regions/${code}/review-levels`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['region-review-levels'] }),
  });
}

export function useSetDepartmentParent() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, parentDepartmentId }: { id: number; parentDepartmentId: number | null }) =>
      api.send<{ ok: true }>('PUT', `/api/departments/${id}/parent`, { parentDepartmentId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['department-levels'] }),
  });
}

/** 审批与公开 (issue 33, administrator): a region's settings for a budget year, its own and what applies. */
export function useApprovalSettings(code: string | null, year: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['approval-settings', code, year],
    queryFn: () => api.get<ApprovalSettingsView>(`/api/regions/${code}/approval-settings`, { year }),
    enabled: code !== null,
  });
}

export function useSetApprovalSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: ApprovalSettingsBody }) => api.send<ApprovalSettingsView>('PUT', `/api/regions/${code}/approval-settings`, body),
    // the regions below may inherit the change
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['approval-settings'] }),
  });
}

/** 财政业务科室 (issue 32, administrator): every region's business sections (or one region's). */
export function useSections(regionCode: string | null = null) {
  const api = useApi();
  return useQuery({
    queryKey: ['sections', regionCode],
    queryFn: () => api.get<BusinessSectionList>(`/api/sections${regionCode === null ? '' : `?regionCode=${regionCode}`}`),
  });
}

/** A change of the sections or of a department's section: the lists that show them read again. */
function useSectionMutation<T, V>(send: (v: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['sections'] });
      void queryClient.invalidateQueries({ queryKey: ['department-levels'] });
    },
  });
}

export function useCreateSection() {
  const api = useApi();
  return useSectionMutation((body: { regionCode: string; name: string }) => api.send<BusinessSection>('POST', '/api/sections', body));
}

export function useRenameSection() {
  const api = useApi();
  return useSectionMutation(({ id, name }: { id: number; name: string }) => api.send<BusinessSection>('PATCH', `/api/sections/${id}`, { name }));
}

export function useDeleteSection() {
  const api = useApi();
  return useSectionMutation((id: number) => api.send<{ ok: true }>('DELETE', `/api/sections/${id}`));
}

export function useSetDepartmentSection() {
  const api = useApi();
  return useSectionMutation(({ id, sectionId }: { id: number; sectionId: number | null }) => api.send<{ ok: true }>('PUT', `/api/departments/${id}/section`, { sectionId }));
}
