import { invalidInput } from './airtableError';
import type { AirtableClient } from './client';
import { checkId } from './ids';
import { WebhookCreated, WebhookList, WebhookPayloads, WebhookRefreshed } from './schemas';
import type { CallOptions } from './callOptions';

export interface WebhookSpecification {
  options: {
    filters: { dataTypes: Array<'tableData' | 'tableFields' | 'tableMetadata'>; recordChangeScope?: string; watchDataInFieldIds?: string[] };
    includes?: { includePreviousCellValues?: boolean; includeCellValuesInFieldIds?: string[] | 'all'; includePreviousFieldDefinitions?: boolean };
  };
}

/** Webhooks polled with a cursor (no public URL needed), for incremental sync. */
export class WebhooksApi {
  constructor(
    private readonly client: AirtableClient,
    private readonly profileId: string,
  ) {}

  private path(baseId: string): string {
    return `/bases/${checkId('app', baseId)}/webhooks`;
  }

  create(baseId: string, specification: WebhookSpecification, options: CallOptions = {}) {
    if (specification.options.filters.dataTypes.length === 0) throw invalidInput('A webhook must watch at least one data type.');
    return this.client.call(this.profileId, 'POST', this.path(baseId), WebhookCreated, { ...options, json: { specification }, idempotent: false, scope: 'webhook:manage' });
  }

  async list(baseId: string, options: CallOptions = {}) {
    return (await this.client.call(this.profileId, 'GET', this.path(baseId), WebhookList, { ...options, scope: 'webhook:manage' })).webhooks;
  }

  refresh(baseId: string, webhookId: string, options: CallOptions = {}) {
    return this.client.call(this.profileId, 'POST', `${this.path(baseId)}/${checkId('ach', webhookId)}/refresh`, WebhookRefreshed, { ...options, idempotent: true, scope: 'webhook:manage' });
  }

  delete(baseId: string, webhookId: string, options: CallOptions = {}) {
    return this.client.request(this.profileId, 'DELETE', `${this.path(baseId)}/${checkId('ach', webhookId)}`, { ...options, scope: 'webhook:manage' });
  }

  /** One page of payloads from `cursor` (1 for the oldest kept), at most 50. */
  payloads(baseId: string, webhookId: string, cursor: number, options: CallOptions & { limit?: number } = {}) {
    const { limit = 50, ...rest } = options;
    if (!Number.isInteger(cursor) || cursor < 1) throw invalidInput('A webhook cursor is a whole number from 1.');
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw invalidInput('A payload page holds 1 to 50 payloads.');
    return this.client.call(this.profileId, 'GET', `${this.path(baseId)}/${checkId('ach', webhookId)}/payloads`, WebhookPayloads, { ...rest, scope: 'webhook:manage', query: { cursor, limit } });
  }
}
