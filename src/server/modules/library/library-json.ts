/**
 * The JSON of `jixiao library --json`, documented in README.md:
 * `{ "entries": [ { "name", "level1", "level2", "projects", "departments", "years", "units",
 * "target": { "count", "min", "p25", "median", "p75", "max" }, "bases", "examples" } ] }`.
 * `units`: most used first, the distribution is over the first ('' a number written without a
 * unit); `target` null when no target is quantitative; `examples`: up to five projects.
 */
import type { LibraryEntryJson, LibraryExample } from '../../../shared/api/library';
import type { Db } from '../../db/schema';
import { allLibraryEntries } from './library.service';

/** An entry of the API (shared/api/library.ts) with the fields the CLI's JSON documents. */
export type LibraryJsonEntry = Pick<LibraryEntryJson, 'name' | 'level1' | 'level2' | 'projects' | 'departments' | 'years' | 'units' | 'target' | 'bases'> & {
  examples: Pick<LibraryExample, 'project' | 'department' | 'year' | 'target'>[];
};

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
