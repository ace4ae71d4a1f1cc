import type { AirtableClient } from './client';
import { CommentsApi } from './commentsApi';
import { MetaApi } from './metaApi';
import { RecordsApi } from './recordsApi';
import { WebhooksApi } from './webhooksApi';

/** The typed Airtable API bound to one profile: `client.forProfile(id).records.list(...)`. */
export class ProfileApi {
  readonly records: RecordsApi;
  readonly meta: MetaApi;
  readonly comments: CommentsApi;
  readonly webhooks: WebhooksApi;
  constructor(client: AirtableClient, profileId: string) {
    this.records = new RecordsApi(client, profileId);
    this.meta = new MetaApi(client, profileId);
    this.comments = new CommentsApi(client, profileId);
    this.webhooks = new WebhooksApi(client, profileId);
  }
}
