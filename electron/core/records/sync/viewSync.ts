import { AirtableError, type Priority, type ProfileApi } from '../../airtable';
import type { Clock, Logger } from '../../ports';
import type { SchemaReader } from '../cache/schemaRepository';
import type { ViewMembersRepository } from '../cache/viewMembers';

/**
 * Reads which records each view shows and in what order: a listing with `view=` and only the
 * primary field (ids are what matter), paced and counted like every other call. The metadata
 * API does not expose a view's filters or sorts, but this listing applies them exactly.
 */
export class ViewSync {
  constructor(private readonly deps: { api: ProfileApi; schema: SchemaReader; members: ViewMembersRepository; clock: Clock; logger: Logger }) {}

  /** Every view of every table of the base; a view Airtable will not list (a form) is skipped. */
  async run(baseId: string, options: { signal?: AbortSignal; onlyStale?: boolean } = {}): Promise<{ views: number; calls: number }> {
    let views = 0;
    let calls = 0;
    for (const table of this.deps.schema.tables(baseId)) {
      for (const view of this.deps.schema.views(table.id)) {
        if (options.onlyStale && this.deps.members.state(view.id)?.stale === false) continue;
        const read = await this.one(baseId, table.id, table.primaryFieldId, view.id, { priority: 'background', ...(options.signal ? { signal: options.signal } : {}) }).catch((error: unknown) => {
          if (error instanceof AirtableError && (error.kind === 'validation' || error.kind === 'not-found')) {
            this.deps.logger.info('view not listed offline', { viewId: view.id, type: view.type });
            return undefined;
          }
          throw error;
        });
        if (!read) continue;
        views++;
        calls += read.calls;
      }
    }
    return { views, calls };
  }

  /** One view, now (the person opened it and its list may be out of date). */
  async one(baseId: string, tableId: string, primaryFieldId: string, viewId: string, options: { priority: Priority; signal?: AbortSignal }): Promise<{ calls: number }> {
    const ids: string[] = [];
    let calls = 0;
    const call = { ...options, onProgress: () => calls++ };
    for await (const page of this.deps.api.records.pages(baseId, tableId, { view: viewId, fields: [primaryFieldId] }, call)) for (const record of page) ids.push(record.id);
    this.deps.members.replace(viewId, ids, this.deps.clock.now());
    return { calls };
  }
}
