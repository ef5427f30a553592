/** A page of a list answer (GET /api/projects, /api/public/projects). */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
