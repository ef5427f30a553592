/** Departments and years for filters and pickers, from GET /api/departments (one row per department and year). */
import { useMemo } from 'react';
import { useDepartments } from '../api/hooks';

export interface DepartmentOption {
  value: number;
  label: string;
}

/** The departments the user can see (an editor: its own) and the budget years present, newest first. */
export function useDepartmentOptions(): { departments: DepartmentOption[]; years: number[]; loading: boolean } {
  const query = useDepartments();
  return useMemo(() => {
    const items = query.data?.items ?? [];
    const byId = new Map<number, DepartmentOption>();
    for (const d of items) if (!byId.has(d.id)) byId.set(d.id, { value: d.id, label: d.code ? `${d.code} ${d.name}` : d.name });
    const years = [...new Set(items.map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => b - a);
    return {
      departments: [...byId.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
      years,
      loading: query.isPending,
    };
  }, [query.data, query.isPending]);
}
