/**
 * Spreadsheet formula neutralisation (issue 35, point 4; OWASP's CSV-injection guidance): a text
 * cell Jixiao writes into an .xlsx that begins with = + - @, a tab or a carriage return gets a
 * leading apostrophe, so that a cell re-typed in Excel never becomes a formula. The rule is exact
 * both ways: a text of apostrophes followed by one of those characters gets one more apostrophe on
 * export, and loses one on import — so every text reads back as it was written ("=1+1" → "'=1+1"
 * → "=1+1"; "'=x" → "''=x" → "'=x"), and a text that never needed the prefix ("'abc") is left alone
 * both ways. Pure: the exporters and the workbook readers share it.
 */
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;
const PREFIXED = /^'+[=+\-@\t\r]/;

/** The text as written into a spreadsheet cell. */
export function neutraliseFormula(text: string): string {
  return NEEDS_PREFIX.test(text) ? `'${text}` : text;
}

/** The text a cell Jixiao wrote holds, as it was before neutraliseFormula. */
export function restoreFormulaText(text: string): string {
  return PREFIXED.test(text) ? text.slice(1) : text;
}
