import type { AirtableRecord, TableModel } from '../../electron/core/airtable/schemas';
import { Sandbox } from '../sandbox/sandbox';
import { renderRecord } from '../sandbox/cellRead';
import { tableModel } from '../sandbox/model';

/** One seeded table of every field type, its records exactly as the API returns them (field ids), and its schema. */
export function sandboxTable(seed: string, rows: number) {
  const sandbox = new Sandbox({ seed: { seed, bases: 1, tablesPerBase: 1, recordsPerTable: rows } });
  const base = [...sandbox.store.bases.values()][0]!;
  const table = base.tables[0]!;
  const ctx = sandbox.store.readContext(base);
  const records = [...table.records.values()].map((r) => renderRecord(ctx, table, r, { byFieldId: true })) as AirtableRecord[];
  return { base, table, records, schema: tableModel(table, true) as TableModel };
}
