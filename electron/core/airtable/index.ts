/** The Airtable client as the rest of core uses it: one scheduler, typed errors, the per-profile API, scopes. */
export { AirtableClient } from './client';
export { createProfileApi, type ProfileApi } from './profileApi';
export { RequestScheduler } from './scheduler/scheduler';
export type { Priority, SchedulerOptions } from './scheduler/types';
export { staticTokens, type TokenProvider } from './tokenProvider';
export { AirtableError, isUnreachable } from './airtableError';
export type { AirtableRecord, BaseSummary, Comment, TableModel } from './schemas';
export { DEFAULT_CAPABILITIES, scopesFor } from './scopes';
export { NOT_SENT_CODES, networkErrorCode } from './networkErrors';
