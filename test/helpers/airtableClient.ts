import { AirtableClient } from '../../electron/core/airtable/client';
import { createProfileApi } from '../../electron/core/airtable/profileApi';
import type { TokenProvider } from '../../electron/core/airtable/tokenProvider';
import { RequestScheduler } from '../../electron/core/airtable/scheduler/scheduler';
import type { SchedulerOptions } from '../../electron/core/airtable/scheduler/types';
import { systemClock, type Clock } from '../../electron/core/ports';
import type { SandboxHarness } from './sandboxClient';

export const PROFILE = 'profile-test';

/** A client wired to a sandbox with the default personal access token as profile PROFILE. */
export function clientFor(h: SandboxHarness, options: { scheduler?: Partial<SchedulerOptions>; tokens?: Omit<TokenProvider, 'apiUrlOf'>; clock?: Clock } = {}) {
  const scheduler = new RequestScheduler({ retryBaseMs: 20, retryCapMs: 200, ...options.scheduler }, options.clock ?? systemClock);
  const tokens: TokenProvider = {
    apiUrlOf: () => `${h.sandbox.url}/v0`,
    ...(options.tokens ?? { accessToken: () => Promise.resolve(h.sandbox.defaultPat), afterUnauthorized: () => Promise.resolve(h.sandbox.defaultPat) }),
  };
  const client = new AirtableClient({ fetch: globalThis.fetch, tokens, scheduler });
  return { client, scheduler, api: createProfileApi(client, PROFILE) };
}
