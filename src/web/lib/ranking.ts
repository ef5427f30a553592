/** Pure helpers of the self-evaluation ranking: the bar chart's series and the grade distribution. */

export type Grade = '优' | '良' | '中' | '差';
export const GRADES: readonly Grade[] = ['优', '良', '中', '差'];
export const GRADE_COLORS: Record<Grade, string> = { 优: '#237804', 良: '#0958d9', 中: '#ad4e00', 差: '#cf1322' };

interface RankedDepartment {
  department: { id: number; name: string };
  averageTotal: number | null;
  gradeCounts: Record<Grade, number>;
}

/** The grade of an average by the default bands (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差); colours the bars only. */
export function gradeOfAverage(v: number): Grade {
  return v >= 90 ? '优' : v >= 80 ? '良' : v >= 60 ? '中' : '差';
}

/**
 * The bars of "departments by average score": ranked departments in the server's order (best
 * first), those without any evaluation left out; each bar coloured by its grade.
 */
export function rankingSeries(departments: readonly RankedDepartment[]): { ids: number[]; names: string[]; values: number[]; colors: string[] } {
  const scored = departments.filter((d): d is RankedDepartment & { averageTotal: number } => d.averageTotal !== null);
  return {
    ids: scored.map((d) => d.department.id),
    names: scored.map((d) => d.department.name),
    values: scored.map((d) => d.averageTotal),
    colors: scored.map((d) => GRADE_COLORS[gradeOfAverage(d.averageTotal)]),
  };
}

/** Projects per grade over all departments. */
export function gradeTotals(departments: readonly Pick<RankedDepartment, 'gradeCounts'>[]): Record<Grade, number> {
  const out: Record<Grade, number> = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const d of departments) for (const g of GRADES) out[g] += d.gradeCounts[g] ?? 0;
  return out;
}
