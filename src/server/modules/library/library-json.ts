/**
 * The JSON of `jixiao library --json`, documented in README.md:
 * `{ "entries": [ { "name", "level1", "level2", "projects", "departments", "years", "units",
 * "target": { "count", "min", "p25", "median", "p75", "max" }, "bases", "examples" } ] }`.
 * `units`: most used first, the distribution is over the first ('' a number written without a
 * unit); `target` null when no target is quantitative; `examples`: up to five projects.
 */
import type { Db } from '../../db/schema';
import type { Distribution } from '../../../shared/library/library';
import { allLibraryEntries } from './library.service';

export interface LibraryJsonEntry {
  name: string;
  level1: string | null;
  level2: string | null;
  projects: number;
  departments: number;
  years: number;
  units: string[];
  target: Distribution | null;
  bases: string[];
  examples: { project: string; department: string | null; year: number | null; target: string }[];
}

export async function libraryJson(db: Db, query: { search?: string; level1?: string; level2?: string }): Promise<{ entries: LibraryJsonEntry[] }> {
  const entries = await allLibraryEntries(db, query);
  return {
    entries: entries.map((e) => ({
      name: e.name,
      level1: e.level1,
      level2: e.level2,
      projects: e.projects,
      departments: e.departments,
      years: e.years,
      units: e.units,
      target: e.target,
      bases: e.bases,
      examples: e.examples.map((x) => ({ project: x.project, department: x.department, year: x.year, target: x.target })),
    })),
  };
}
