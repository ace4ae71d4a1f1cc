import type { AirtableClient } from './client';
import { CommentsApi } from './commentsApi';
import { MetaApi } from './metaApi';
import { RecordsApi } from './recordsApi';
import { WebhooksApi } from './webhooksApi';

/** The typed Airtable API bound to one profile: `api.records.list(...)`. */
export interface ProfileApi {
  readonly records: RecordsApi;
  readonly meta: MetaApi;
  readonly comments: CommentsApi;
  readonly webhooks: WebhooksApi;
}

export function createProfileApi(client: AirtableClient, profileId: string): ProfileApi {
  return {
    records: new RecordsApi(client, profileId),
    meta: new MetaApi(client, profileId),
    comments: new CommentsApi(client, profileId),
    webhooks: new WebhooksApi(client, profileId),
  };
}
