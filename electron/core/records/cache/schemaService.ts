import type { RecordsOf } from '../profileRecords';

const interactive = { priority: 'interactive' as const };

/**
 * Bases and schema: what the offline cache holds (tables, fields, views, counts, last syncs,
 * each base's call budget), every base the grant can see, and changes to a base's schema.
 * Changes go to Airtable first (they need the network and `schema.bases:write`); the cached
 * schema is then re-read, so the cache never shows a table or field Airtable does not have.
 */
export class SchemaService {
  constructor(private readonly deps: { recordsOf: RecordsOf; now: () => number }) {}

  cached(profileId: string) {
    const { schema, queries, state, budget, viewMembers } = this.deps.recordsOf(profileId);
    return {
      bases: schema.basesWithTables().map((base) => ({
        ...base,
        budget: budget.view(base.id),
        tables: schema.tables(base.id).map((t) => ({
          id: t.id,
          name: t.name,
          description: t.description,
          primaryFieldId: t.primaryFieldId,
          fields: schema.fields(t.id).map((f) => ({ id: f.id, name: f.name, type: f.type, description: f.description, options: f.options })),
          views: schema.views(t.id).map((view) => {
            const listed = viewMembers.state(view.id);
            return { ...view, listedAt: listed?.syncedAt ?? null, listOutOfDate: listed?.stale ?? false };
          }),
          records: queries.total(t.id),
          lastSyncedAt: state.lastFullSyncAt(t.id),
        })),
      })),
    };
  }

  /** Every base the profile's grant can see in Airtable, and whether it is synced here. */
  async listBases(profileId: string) {
    const p = this.deps.recordsOf(profileId);
    const bases = await p.api.meta.listBases(interactive);
    const synced = new Set(p.state.syncedBases());
    return bases.map((b) => ({ id: b.id, name: b.name, permissionLevel: b.permissionLevel, synced: synced.has(b.id) }));
  }

  async createTable(profileId: string, baseId: string, spec: { name: string; description?: string | undefined; primaryFieldName: string }): Promise<{ id: string }> {
    const p = this.deps.recordsOf(profileId);
    const table = await p.api.meta.createTable(baseId, { name: spec.name, ...(spec.description ? { description: spec.description } : {}), fields: [{ name: spec.primaryFieldName, type: 'singleLineText' }] }, interactive);
    await this.reload(profileId, baseId);
    // A new table has no records yet: it is fully synced as it is.
    const now = this.deps.now();
    p.state.beginFullSync(baseId, table.id, now);
    p.state.finishFullSync(table.id, now, now);
    return { id: table.id };
  }

  async updateTable(profileId: string, baseId: string, tableId: string, patch: { name?: string | undefined; description?: string | undefined }): Promise<void> {
    await this.deps.recordsOf(profileId).api.meta.updateTable(baseId, tableId, definedOnly(patch), interactive);
    await this.reload(profileId, baseId);
  }

  async createField(profileId: string, baseId: string, tableId: string, spec: { name: string; type: string; description?: string | undefined; options?: Record<string, unknown> | undefined }): Promise<{ id: string }> {
    const field = await this.deps.recordsOf(profileId).api.meta.createField(baseId, tableId, { name: spec.name, type: spec.type, ...(spec.description ? { description: spec.description } : {}), ...(spec.options ? { options: spec.options } : {}) }, interactive);
    await this.reload(profileId, baseId);
    return { id: field.id };
  }

  async updateField(profileId: string, baseId: string, tableId: string, fieldId: string, patch: { name?: string | undefined; description?: string | undefined }): Promise<void> {
    await this.deps.recordsOf(profileId).api.meta.updateField(baseId, tableId, fieldId, definedOnly(patch), interactive);
    await this.reload(profileId, baseId);
  }

  private async reload(profileId: string, baseId: string): Promise<void> {
    const p = this.deps.recordsOf(profileId);
    p.schema.saveSchema(baseId, await p.api.meta.baseSchema(baseId, interactive));
  }
}

function definedOnly<T extends Record<string, unknown>>(patch: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
