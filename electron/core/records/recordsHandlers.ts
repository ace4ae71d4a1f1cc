import { AppError } from '../platform/errors';
import type { Handlers } from '../platform/ipc/handlers';
import type { ProfileService } from '../profiles/profileService';
import type { ProfileCaches } from '../workspace/profileCaches';

type CacheHandlers = Pick<
  Handlers,
  | 'syncStart'
  | 'syncCancel'
  | 'syncSetPlan'
  | 'cacheSchema'
  | 'recordsWindow'
  | 'recordsGet'
  | 'recordsCreate'
  | 'recordsUpdate'
  | 'recordsDelete'
  | 'outboxList'
  | 'outboxRetry'
  | 'outboxDiscard'
  | 'conflictsResolve'
  | 'attachmentsUsage'
  | 'attachmentsSetCap'
  | 'attachmentsThumbnail'
>;

const done = { done: true as const };

export function createCacheHandlers(caches: ProfileCaches, profiles: ProfileService): CacheHandlers {
  const cacheOf = (profileId: string) => {
    profiles.get(profileId);
    return caches.get(profileId);
  };
  // Offline edits are answered at once; sending them happens in the background.
  const sendSoon = (profileId: string) => {
    caches.publishOutbox(profileId);
    void caches.flush(profileId).catch(() => undefined);
  };
  return {
    syncStart: ({ profileId, baseId }) => {
      profiles.get(profileId);
      void caches.sync(profileId, baseId);
      return Promise.resolve(done);
    },
    syncCancel: ({ profileId, baseId }) => {
      caches.cancel(profileId, baseId);
      return Promise.resolve(done);
    },
    syncSetPlan: ({ profileId, baseId, plan }) => {
      const { cache, budget } = cacheOf(profileId);
      if (!cache.prepare('SELECT 1 FROM bases WHERE id = ?').get(baseId)) throw new AppError('NOT_FOUND', 'That base is not in the offline cache yet: sync it first.');
      budget.setPlan(baseId, plan);
      return Promise.resolve(done);
    },
    cacheSchema: ({ profileId }) => {
      const { cache, store, budget } = cacheOf(profileId);
      const bases = cache.prepare('SELECT id, name FROM bases b WHERE EXISTS (SELECT 1 FROM tables t WHERE t.base_id = b.id) ORDER BY name').all() as Array<{ id: string; name: string }>;
      return Promise.resolve({
        bases: bases.map((base) => ({
          ...base,
          budget: budget.view(base.id),
          tables: (cache.prepare('SELECT t.id, t.name, t.description, t.primary_field_id, s.records, s.last_full_sync_at FROM tables t LEFT JOIN sync_state s ON s.table_id = t.id WHERE t.base_id = ? ORDER BY t.position').all(base.id) as Array<{ id: string; name: string; description: string | null; primary_field_id: string; records: number | null; last_full_sync_at: number | null }>).map((t) => ({
            id: t.id,
            name: t.name,
            description: t.description,
            primaryFieldId: t.primary_field_id,
            fields: store.fields(t.id).map((f) => ({ id: f.id, name: f.name, type: f.type, description: f.description, options: f.options })),
            views: (cache.prepare('SELECT id, name, type, visible_field_ids FROM views WHERE table_id = ? ORDER BY position').all(t.id) as Array<{ id: string; name: string; type: string; visible_field_ids: string | null }>).map((v) => ({
              id: v.id,
              name: v.name,
              type: v.type,
              visibleFieldIds: v.visible_field_ids ? (JSON.parse(v.visible_field_ids) as string[]) : null,
            })),
            records: (cache.prepare('SELECT COUNT(*) AS n FROM records WHERE table_id = ? AND pending <> 2').get(t.id) as { n: number }).n,
            lastSyncedAt: t.last_full_sync_at,
          })),
        })),
      });
    },
    recordsWindow: ({ profileId, ...query }) => {
      caches.requireTable(profileId, query.tableId);
      return Promise.resolve(cacheOf(profileId).queries.window(query));
    },
    recordsGet: ({ profileId, recordIds }) => Promise.resolve({ records: cacheOf(profileId).queries.byIds(recordIds) }),
    recordsCreate: ({ profileId, baseId, tableId, fields }) => {
      caches.requireTable(profileId, tableId);
      const id = cacheOf(profileId).outbox.create(baseId, tableId, fields);
      sendSoon(profileId);
      return Promise.resolve({ id });
    },
    recordsUpdate: ({ profileId, baseId, tableId, recordId, fields }) => {
      cacheOf(profileId).outbox.update(baseId, tableId, recordId, fields);
      sendSoon(profileId);
      return Promise.resolve(done);
    },
    recordsDelete: ({ profileId, baseId, tableId, recordId }) => {
      cacheOf(profileId).outbox.delete(baseId, tableId, recordId);
      sendSoon(profileId);
      return Promise.resolve(done);
    },
    outboxList: ({ profileId }) => {
      const { outbox, actions } = cacheOf(profileId);
      return Promise.resolve({
        edits: outbox.list().map((e) => ({ seq: e.seq, kind: e.kind, tableId: e.tableId, recordId: e.recordId, fields: e.fields, status: e.status, error: e.error })),
        conflicts: actions.conflicts().map((c) => ({ id: c.id, recordId: c.recordId, fieldId: c.fieldId, mine: c.mine, theirs: c.theirs, original: c.original })),
      });
    },
    outboxRetry: ({ profileId, seq }) => {
      cacheOf(profileId).actions.retry(seq);
      sendSoon(profileId);
      return Promise.resolve(done);
    },
    outboxDiscard: ({ profileId, seq }) => {
      cacheOf(profileId).actions.discard(seq);
      caches.publishOutbox(profileId);
      return Promise.resolve(done);
    },
    attachmentsUsage: ({ profileId }) => Promise.resolve(cacheOf(profileId).attachments.usage()),
    attachmentsThumbnail: ({ profileId, attachmentId }) => Promise.resolve({ dataUrl: cacheOf(profileId).attachments.thumbnailDataUrl(attachmentId) }),
    attachmentsSetCap: ({ profileId, bytes }) => {
      cacheOf(profileId).attachments.setCap(bytes);
      return Promise.resolve(done);
    },
    conflictsResolve: ({ profileId, conflictId, keep, value }) => {
      cacheOf(profileId).actions.resolve(conflictId, keep ? { keep } : { value });
      sendSoon(profileId);
      return Promise.resolve(done);
    },
  };
}
