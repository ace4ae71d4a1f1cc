import type { ProfileApi } from '../../airtable';
import type { SchemaReader } from '../cache/schemaRepository';
import type { RecordsRepository } from '../recordsRepository';
import type { Clock } from '../../ports';
import { isComputedFieldType } from '../../../../shared/domain/fieldTypes';

/**
 * Formula, rollup and lookup values change without any edit to their record (a linked record or
 * the clock changed), so webhooks and modification times can miss them. On a slower schedule,
 * re-read just the computed fields: one cheap pass per table, merged into the cache.
 */
export async function refreshComputed(
  deps: { api: ProfileApi; schema: SchemaReader; records: RecordsRepository; clock: Clock },
  baseId: string,
  signal?: AbortSignal,
): Promise<{ tables: number; records: number }> {
  let records = 0;
  let touched = 0;
  for (const table of deps.schema.tables(baseId)) {
    const computed = deps.schema.fields(table.id).filter((f) => isComputedFieldType(f.type)).map((f) => f.id);
    if (computed.length === 0) continue;
    touched++;
    for await (const page of deps.api.records.pages(baseId, table.id, { fields: computed }, { priority: 'background', ...(signal ? { signal } : {}) })) {
      records += deps.records.mergeFields(page, computed, deps.clock.now());
    }
  }
  return { tables: touched, records };
}
