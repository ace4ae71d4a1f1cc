import { z } from 'zod';
import { AirtableError, invalidInput } from './airtableError';
import { encodeQuery, type QueryValue } from './query';
import { sendOnce } from './transport';
import type { Fetch } from '../ports';
import type { TokenProvider } from './tokenProvider';
import type { RequestScheduler } from './scheduler/scheduler';
import type { Priority } from './scheduler/types';
import type { Scope } from './scopes';

export interface RequestOptions {
  query?: Readonly<Record<string, QueryValue>>;
  json?: unknown;
  priority?: Priority;
  signal?: AbortSignal;
  /** Defaults to true for GET, PUT and DELETE and false otherwise. */
  idempotent?: boolean;
  timeoutMs?: number;
  /** The scope this call needs; checked against the profile's granted scopes before sending. */
  scope?: Scope;
}

export interface ClientOptions {
  fetch: Fetch;
  tokens: TokenProvider;
  scheduler: RequestScheduler;
  /** A profile's granted scopes, or null when unknown (personal access tokens do not say). */
  scopesOf?: (profileId: string) => readonly string[] | null;
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

/** Which base a path belongs to, for the per-base rate limit. */
export function baseIdOfPath(path: string): string | undefined {
  const match = /^\/(?:meta\/bases\/|bases\/)?(app[A-Za-z0-9]{14})(?:\/|$)/.exec(path);
  return match?.[1];
}

/**
 * The one way Airvault talks to Airtable: every call takes a profile, goes through the app-wide
 * scheduler, and gets its bearer token from the token provider at the moment it is sent.
 */
export class AirtableClient {
  constructor(private readonly options: ClientOptions) {}

  /** Where a profile's requests go: the API its grant was issued for, never a URL chosen later. */
  apiUrlOf(profileId: string): string {
    return this.options.tokens.apiUrlOf(profileId).replace(/\/+$/, '');
  }

  /** Any Airtable endpoint, as raw JSON: `path` is relative to /v0, such as `/meta/whoami`. */
  request(profileId: string, method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    return this.call(profileId, method, path, z.unknown(), options);
  }

  /** The same, with the answer checked against `schema`. */
  call<T extends z.ZodType>(profileId: string, method: string, path: string, schema: T, options: RequestOptions = {}): Promise<z.output<T>> {
    const verb = method.toUpperCase();
    if (!METHODS.has(verb)) return Promise.reject(invalidInput(`Unsupported HTTP method "${method}".`));
    if (!path.startsWith('/') || path.includes('..') || /[\s#?]/.test(path)) return Promise.reject(invalidInput(`"${path.slice(0, 80)}" is not an Airtable API path (it must start with "/" and carry its query separately).`));
    const granted = options.scope ? (this.options.scopesOf?.(profileId) ?? null) : null;
    if (options.scope && granted && !granted.includes(options.scope)) {
      return Promise.reject(new AirtableError('missing-scope', `This needs the "${options.scope}" permission, which this profile was not granted. Reconnect the profile to add it.`, 0, 'MISSING_SCOPE'));
    }
    const url = `${this.apiUrlOf(profileId)}${path}${encodeQuery(options.query ?? {})}`;
    const { fetch, tokens, scheduler } = this.options;
    let token: string | undefined;
    const baseId = baseIdOfPath(path);
    return scheduler.run({
      profileId,
      ...(baseId ? { baseId } : {}),
      priority: options.priority ?? 'interactive',
      idempotent: options.idempotent ?? (verb === 'GET' || verb === 'PUT' || verb === 'DELETE'),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      label: `${verb} ${path.split('/').slice(0, 3).join('/')}`,
      attempt: async (signal) => {
        token = await tokens.accessToken(profileId);
        return sendOnce(fetch, { method: verb, url, token, json: options.json, signal }, schema);
      },
      onUnauthorized: async () => {
        await tokens.afterUnauthorized(profileId, token ?? '');
      },
    });
  }

  /** The length of the URL a GET would have, to choose POST listRecords past Airtable's 16,000 limit. */
  urlLength(profileId: string, path: string, query: Readonly<Record<string, QueryValue>>): number {
    return `${this.apiUrlOf(profileId)}${path}${encodeQuery(query)}`.length;
  }
}
