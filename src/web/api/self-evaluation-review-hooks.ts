/** 自评复核 (issue 59): the list of a year, one table, the conclusion, the upload. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConclusionBody, SelfEvaluationImportResponse, SelfEvaluationReviewList, SubmittedSelfEvaluationDetail } from '../../shared/api/self-evaluation-review';
import { useApi } from './api-context';

export function useReviewList(year: number) {
  const api = useApi();
  return useQuery({ queryKey: ['self-evaluation-reviews', year], queryFn: () => api.get<SelfEvaluationReviewList>(`/api/self-evaluation-reviews?year=${year}`), placeholderData: keepPreviousData });
}

export function useReviewDetail(id: number | null) {
  const api = useApi();
  return useQuery({ queryKey: ['self-evaluation-review', id], queryFn: () => api.get<SubmittedSelfEvaluationDetail>(`/api/self-evaluation-reviews/${id}`), enabled: id !== null });
}

function useInvalidating<T, R>(send: (api: ReturnType<typeof useApi>, body: T) => Promise<R>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => send(api, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['self-evaluation-reviews'] });
      void queryClient.invalidateQueries({ queryKey: ['self-evaluation-review'] });
    },
  });
}

export const useConclude = () =>
  useInvalidating((api, { id, body }: { id: number; body: ConclusionBody }) => api.send<SubmittedSelfEvaluationDetail>('PUT', `/api/self-evaluation-reviews/${id}/conclusion`, body));

export const useImportSelfEvaluations = () =>
  useInvalidating((api, files: File[]) => {
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    return api.upload<SelfEvaluationImportResponse>('/api/self-evaluation-reviews/import', form);
  });

export const reviewListDownload = (year: number) => `/api/self-evaluation-reviews.xlsx?year=${year}`;
