/**
 * Characters one cell may hold — a table's cell as imported, a field as the editor saves it — one limit for both
 * (issue 72): a 500,000-character cell was imported and stored, and its project could then never be saved (the
 * editor's own limits, and the 1 MB of a save) nor printed (its PDF never finished). The longest field the editor
 * took (资金用途) was 5,000 characters; every cell now takes that much, and no more, both ways. Pure.
 */
export const CELL_MAX_CHARS = 5000;

/** Indicator rows and goals one project may have, imported and edited alike. */
export const PROJECT_MAX_INDICATORS = 200;
export const PROJECT_MAX_GOALS = 50;
