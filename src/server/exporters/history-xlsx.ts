/**
 * A project's change history (修改记录) as Excel, as the page shows it (issue 34): one row per
 * changed field — time, person, action in Chinese, field by its Chinese label, before, after —
 * oldest first; an entry without fields is one row. Takes the shared history's entries, never the
 * database; the conventions of xlsx-sheets.ts.
 */
import type { HistoryEntry } from '../../shared/audit/history';
import { chinaTime } from '../../shared/audit/log-entry';
import { addRow, addTable, newWorkbook, toBuffer, type SheetColumn } from './xlsx-sheets';

const COLUMNS: SheetColumn[] = [
  { key: 'at', header: '时间', width: 18 },
  { key: 'actor', header: '操作人', width: 22 },
  { key: 'action', header: '操作', width: 18 },
  { key: 'field', header: '内容', width: 28 },
  { key: 'before', header: '修改前', width: 50 },
  { key: 'after', header: '修改后', width: 50 },
];

export async function exportHistory(entries: readonly HistoryEntry[], title: string): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = addTable(wb, '修改记录', COLUMNS);
  for (const e of entries) {
    const base = { at: chinaTime(e.at), actor: e.actor, action: e.actionLabel };
    if (e.rows.length === 0) addRow(ws, COLUMNS, { ...base, field: '', before: '', after: '' });
    for (const r of e.rows) {
      const row = addRow(ws, COLUMNS, { ...base, field: r.field, before: r.before, after: r.after });
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  wb.title = title;
  return toBuffer(wb);
}
