/**
 * CSV for spreadsheets people open on Chinese Windows: UTF-8 with a BOM, CRLF line
 * ends, and cells that cannot run as formulas (CSV injection). Pure.
 */

/** One cell: a leading `= + - @` (or tab/CR) is neutralised with a quote mark; quoted when needed. */
export function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows → a whole CSV document with a BOM, so Excel detects UTF-8. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
