/**
 * The projects list's filters, sort and page as URL query parameters, so that a link
 * reproduces the list, and as the query of GET /api/projects (same names).
 */
import { PROJECT_STATUSES, type ProjectStatus } from '../../shared/domain/workflow';
import { FINDING_CATEGORIES, type FindingCategory } from '../../shared/review/types';

export const SORT_KEYS = ['code', 'name', 'budget', 'score', 'status', 'department', 'updated'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface ProjectFilters {
  department: number | null;
  year: number | null;
  status: ProjectStatus | null;
  minScore: number | null;
  maxScore: number | null;
  category: FindingCategory | null;
  q: string;
  sort: SortKey | null;
  order: SortOrder | null;
  page: number;
  pageSize: number;
}

export const EMPTY_FILTERS: ProjectFilters = {
  department: null,
  year: null,
  status: null,
  minScore: null,
  maxScore: null,
  category: null,
  q: '',
  sort: null,
  order: null,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

const int = (s: string | null): number | null => (s !== null && /^\d+$/.test(s) ? Number(s) : null);
const score = (s: string | null): number | null => {
  if (s === null || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
};
const oneOf = <T extends string>(values: readonly T[], s: string | null): T | null =>
  s !== null && (values as readonly string[]).includes(s) ? (s as T) : null;

/** The filters a URL's query gives; anything malformed is ignored. */
export function filtersFromSearch(params: URLSearchParams): ProjectFilters {
  const pageSize = int(params.get('pageSize'));
  return {
    department: int(params.get('department')),
    year: int(params.get('year')),
    status: oneOf(PROJECT_STATUSES, params.get('status')),
    minScore: score(params.get('minScore')),
    maxScore: score(params.get('maxScore')),
    category: oneOf(FINDING_CATEGORIES, params.get('category')),
    q: (params.get('q') ?? '').trim(),
    sort: oneOf(SORT_KEYS, params.get('sort')),
    order: oneOf(['asc', 'desc'] as const, params.get('order')),
    page: Math.max(1, int(params.get('page')) ?? 1),
    pageSize: pageSize !== null && (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The query parameters of filters: only what differs from the defaults, in a stable order. */
export function filtersToRecord(f: ProjectFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.department !== null) out.department = String(f.department);
  if (f.year !== null) out.year = String(f.year);
  if (f.status !== null) out.status = f.status;
  if (f.minScore !== null) out.minScore = String(f.minScore);
  if (f.maxScore !== null) out.maxScore = String(f.maxScore);
  if (f.category !== null) out.category = f.category;
  if (f.q !== '') out.q = f.q;
  if (f.sort !== null) out.sort = f.sort;
  if (f.sort !== null && f.order !== null) out.order = f.order;
  if (f.page !== 1) out.page = String(f.page);
  if (f.pageSize !== DEFAULT_PAGE_SIZE) out.pageSize = String(f.pageSize);
  return out;
}

/** The URL query string of filters, "" for the defaults. */
export function filtersToSearch(f: ProjectFilters): string {
  return new URLSearchParams(filtersToRecord(f)).toString();
}

/** The query of GET /api/projects: the same parameters, with page and page size always given. */
export function apiQuery(f: ProjectFilters): Record<string, string> {
  return { ...filtersToRecord(f), page: String(f.page), pageSize: String(f.pageSize) };
}

/** Changes some filters; a change of anything but the page goes back to page 1. */
export function updateFilters(f: ProjectFilters, change: Partial<ProjectFilters>): ProjectFilters {
  const next = { ...f, ...change };
  const filtersChanged = Object.keys(change).some((k) => k !== 'page' && k !== 'pageSize');
  const sizeChanged = change.pageSize !== undefined && change.pageSize !== f.pageSize;
  if (filtersChanged || sizeChanged) next.page = 1;
  return next;
}
