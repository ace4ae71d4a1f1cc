import { randomBytes } from 'node:crypto';
import { errors } from './errors';
import { text } from './http';
import type { Base, Field } from './model';
import { randomId, type BaseChange, type SandboxStore } from './store';
import type { SandboxClock } from './clock';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Webhook {
  id: string;
  baseId: string;
  /** `oauth:{clientId}` or `pat:{userId}`: OAuth apps see only their own webhooks. */
  owner: string;
  specification: { options: { filters: { dataTypes: string[]; recordChangeScope?: string; watchDataInFieldIds?: string[] }; includes?: Record<string, unknown> } };
  notificationUrl: string | null;
  macSecretBase64: string;
  expirationTime: number;
  isHookEnabled: boolean;
  areNotificationsEnabled: boolean;
  payloads: Array<{ number: number; timestamp: number; payload: Record<string, unknown> }>;
  nextNumber: number;
  createdTime: number;
}

/**
 * Webhooks that record every committed base change as a payload, polled with a cursor
 * (AIRTABLE-API.md §6): 7-day expiry extended by refresh and by listing payloads, at most
 * 10 per base and 2 per OAuth integration per base, payloads kept for 7 days.
 */
export class WebhookRegistry {
  readonly hooks = new Map<string, Webhook>();
  private transactionNumber = 0;

  constructor(
    private readonly store: SandboxStore,
    private readonly clock: SandboxClock,
  ) {
    store.listeners.add((change) => this.record(change));
  }

  create(base: Base, owner: string, body: Record<string, unknown>): Webhook {
    const spec = body.specification;
    const filters = isObject(spec) && isObject(spec.options) && isObject(spec.options.filters) ? spec.options.filters : undefined;
    const dataTypes = filters?.dataTypes;
    if (!filters || !Array.isArray(dataTypes) || dataTypes.length === 0 || dataTypes.some((d) => !['tableData', 'tableFields', 'tableMetadata'].includes(String(d)))) {
      throw errors.invalidRequest('specification.options.filters.dataTypes must list tableData, tableFields or tableMetadata');
    }
    if (body.notificationUrl !== undefined && body.notificationUrl !== null && (typeof body.notificationUrl !== 'string' || !/^https:\/\//.test(body.notificationUrl))) {
      throw errors.invalidRequest('notificationUrl must be an https URL');
    }
    const inBase = [...this.hooks.values()].filter((h) => h.baseId === base.id);
    if (inBase.length >= 10) throw errors.tooManyWebhooks();
    if (owner.startsWith('oauth:') && inBase.filter((h) => h.owner === owner).length >= 2) throw errors.tooManyWebhooksForIntegration();
    const now = this.clock.now();
    const hook: Webhook = {
      id: randomId('ach'),
      baseId: base.id,
      owner,
      specification: spec as Webhook['specification'],
      notificationUrl: typeof body.notificationUrl === 'string' ? body.notificationUrl : null,
      macSecretBase64: randomBytes(32).toString('base64'),
      expirationTime: now + WEEK_MS,
      isHookEnabled: true,
      areNotificationsEnabled: typeof body.notificationUrl === 'string',
      payloads: [],
      nextNumber: 1,
      createdTime: now,
    };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  /** A webhook of this base that this owner may see; 404 otherwise. */
  get(base: Base, owner: string, id: string): Webhook {
    const hook = this.hooks.get(id);
    if (!hook || hook.baseId !== base.id || hook.owner !== owner) throw errors.webhookNotFound();
    return hook;
  }

  list(base: Base, owner: string): Webhook[] {
    return [...this.hooks.values()].filter((h) => h.baseId === base.id && h.owner === owner);
  }

  isExpired(hook: Webhook): boolean {
    return hook.expirationTime <= this.clock.now();
  }

  extend(hook: Webhook): void {
    hook.expirationTime = this.clock.now() + WEEK_MS;
  }

  /** Payloads from `cursor` on, at most `limit`; payloads older than 7 days are gone. */
  payloads(hook: Webhook, cursor: number, limit: number) {
    const cutoff = this.clock.now() - WEEK_MS;
    hook.payloads = hook.payloads.filter((p) => p.timestamp > cutoff);
    const from = hook.payloads.filter((p) => p.number >= cursor);
    const page = from.slice(0, limit);
    const last = page[page.length - 1];
    return {
      payloads: page.map((p) => p.payload),
      cursor: last ? last.number + 1 : Math.max(cursor, hook.nextNumber),
      mightHaveMore: from.length > page.length,
    };
  }

  /** For tests: a broken spec makes Airtable append an error payload and stop the hook. */
  fail(hook: Webhook, code: 'INVALID_FILTERS' | 'INVALID_HOOK' | 'INTERNAL_ERROR'): void {
    this.append(hook, { timestamp: new Date(this.clock.now()).toISOString(), baseTransactionNumber: this.transactionNumber, payloadFormat: 'v0', error: true, code });
    hook.isHookEnabled = false;
  }

  private append(hook: Webhook, payload: Record<string, unknown>): void {
    hook.payloads.push({ number: hook.nextNumber++, timestamp: this.clock.now(), payload });
  }

  private record(change: BaseChange): void {
    const base = this.store.bases.get(change.baseId);
    if (!base) return;
    this.transactionNumber++;
    for (const hook of this.hooks.values()) {
      if (hook.baseId !== base.id || !hook.isHookEnabled || this.isExpired(hook)) continue;
      const payload = this.payloadFor(hook, base, change);
      if (payload) this.append(hook, payload);
    }
  }

  private payloadFor(hook: Webhook, base: Base, change: BaseChange): Record<string, unknown> | undefined {
    const { dataTypes, recordChangeScope, watchDataInFieldIds } = hook.specification.options.filters;
    const includePrevious = hook.specification.options.includes?.includePreviousCellValues === true;
    const changedTablesById: Record<string, unknown> = {};
    const createdTablesById: Record<string, unknown> = {};
    for (const [tableId, entry] of change.tables) {
      if (recordChangeScope && recordChangeScope !== tableId) continue;
      const table = base.tables.find((t) => t.id === tableId);
      if (!table) continue;
      const v2 = (cells: Record<string, unknown>) => Object.fromEntries(Object.entries(cells).map(([id, value]) => [id, toV2(table.fields.find((f) => f.id === id), value, base)]));
      const watched = (ids: string[]) => !watchDataInFieldIds || ids.some((id) => watchDataInFieldIds.includes(id));
      const out: Record<string, unknown> = {};
      if (dataTypes.includes('tableData')) {
        const created = [...entry.createdRecords].filter(([, r]) => watched(Object.keys(r.cells)));
        if (created.length > 0) out.createdRecordsById = Object.fromEntries(created.map(([id, r]) => [id, { createdTime: r.createdTime, cellValuesByFieldId: v2(r.cells) }]));
        const changed = [...entry.changedRecords].filter(([, r]) => watched(Object.keys(r.current)));
        if (changed.length > 0) {
          out.changedRecordsById = Object.fromEntries(
            changed.map(([id, r]) => [id, { current: { cellValuesByFieldId: v2(r.current) }, ...(includePrevious ? { previous: { cellValuesByFieldId: v2(r.previous) } } : {}) }]),
          );
        }
        if (entry.destroyedRecordIds.length > 0) out.destroyedRecordIds = [...entry.destroyedRecordIds];
      }
      if (dataTypes.includes('tableFields')) {
        if (entry.createdFields.size > 0) out.createdFieldsById = Object.fromEntries(entry.createdFields);
        if (entry.changedFields.size > 0) out.changedFieldsById = Object.fromEntries(entry.changedFields);
        if (entry.destroyedFieldIds.length > 0) out.destroyedFieldIds = [...entry.destroyedFieldIds];
      }
      if (dataTypes.includes('tableMetadata') && entry.changedMetadata) out.changedMetadata = entry.changedMetadata;
      if (entry.created && (dataTypes.includes('tableFields') || dataTypes.includes('tableMetadata'))) {
        createdTablesById[tableId] = { metadata: { name: table.name, description: table.description ?? null }, fieldsById: Object.fromEntries(entry.createdFields) };
        continue;
      }
      if (Object.keys(out).length > 0) changedTablesById[tableId] = out;
    }
    if (Object.keys(changedTablesById).length === 0 && Object.keys(createdTablesById).length === 0) return undefined;
    const user = this.store.users.get(change.actorId);
    return {
      timestamp: new Date(this.clock.now()).toISOString(),
      baseTransactionNumber: this.transactionNumber,
      actionMetadata: { source: change.source, sourceMetadata: user ? { user: { id: user.id, email: user.email, name: user.name, permissionLevel: base.permissionLevel } } : {} },
      payloadFormat: 'v0',
      ...(Object.keys(changedTablesById).length > 0 ? { changedTablesById } : {}),
      ...(Object.keys(createdTablesById).length > 0 ? { createdTablesById } : {}),
    };
  }
}

/** Webhook payloads use the "V2" cell format for selects and links (AIRTABLE-API.md §5). */
function toV2(field: Field | undefined, value: unknown, base: Base): unknown {
  if (!field || value === null || value === undefined) return value ?? null;
  const choices = (field.options?.choices as Array<{ id: string; name: string; color?: string }> | undefined) ?? [];
  const choice = (name: unknown) => choices.find((c) => c.name === name) ?? { id: '', name: String(name) };
  switch (field.type) {
    case 'singleSelect':
      return choice(value);
    case 'multipleSelects':
      return Array.isArray(value) ? value.map(choice) : value;
    case 'multipleRecordLinks': {
      const linked = base.tables.find((t) => t.id === field.options?.linkedTableId);
      return Array.isArray(value) ? value.map((id: unknown) => ({ id, name: text(linked?.records.get(text(id))?.cells[linked.primaryFieldId]) })) : value;
    }
    default:
      return value;
  }
}

export function webhookModel(hook: Webhook, expired: boolean) {
  return {
    id: hook.id,
    areNotificationsEnabled: hook.areNotificationsEnabled,
    cursorForNextPayload: hook.nextNumber,
    isHookEnabled: hook.isHookEnabled && !expired,
    lastSuccessfulNotificationTime: null,
    notificationUrl: hook.notificationUrl,
    expirationTime: new Date(hook.expirationTime).toISOString(),
    specification: hook.specification,
    lastNotificationResult: null,
  };
}
