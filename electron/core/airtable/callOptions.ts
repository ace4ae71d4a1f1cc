import type { Priority } from './scheduler/types';

/** What every typed Airtable call accepts: who goes first, and how to cancel it. */
export interface CallOptions {
  priority?: Priority;
  signal?: AbortSignal;
}
