import { call } from '../../lib/api';
import { cellText, csvCell, type FieldInfo } from '../../lib/cells';
import type { GridQuery } from '../../stores/gridStore';

/**
 * The current view (search, filters, formula, sort, visible fields) as CSV, read from the cache
 * page by page so progress can be shown and a large table never needs one huge answer.
 */
export async function exportCsv(profileId: string, tableId: string, query: GridQuery, fields: FieldInfo[], onProgress: (rows: number) => void): Promise<string> {
  const lines = [fields.map((f) => csvCell(f.name)).join(',')];
  let after: string | undefined;
  do {
    const page = await call('recordsWindow', {
      profileId,
      tableId,
      limit: 500,
      ...(after ? { after } : {}),
      ...(query.search.trim() ? { search: query.search } : {}),
      ...(query.filters.length ? { filters: query.filters } : {}),
      ...(query.formula.trim() ? { formula: query.formula } : {}),
      ...(query.sort.length ? { sort: query.sort } : {}),
    });
    for (const record of page.records) lines.push(fields.map((f) => csvCell(cellText(f, record.cells[f.id]))).join(','));
    onProgress(lines.length - 1);
    after = page.next ?? undefined;
  } while (after);
  return `${lines.join('\r\n')}\r\n`;
}

export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
