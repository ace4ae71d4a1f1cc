import { Sandbox, type SandboxOptions } from '../sandbox/sandbox';

export interface CallOptions {
  token?: string | null;
  query?: Record<string, string | string[]>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are asserted field by field
export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Starts a sandbox for a test file and gives it a small HTTP helper that speaks Airtable's API. */
export async function startSandbox(options: SandboxOptions = {}) {
  const sandbox = await Sandbox.start({ seed: 'small', ...options });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const call = async <T = any>(method: string, path: string, opts: CallOptions = {}): Promise<CallResult<T>> => {
    const url = new URL(path.startsWith('http') ? path : `${sandbox.url}${path}`);
    for (const [key, value] of Object.entries(opts.query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
    }
    const token = opts.token === undefined ? sandbox.defaultPat : opts.token;
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers };
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* leave as text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  const control = (path: string, json: unknown = {}, method = 'POST') => call(method, `/__control/${path}`, method === 'GET' ? {} : { json });
  /** How many times the OAuth token endpoint was called: refresh tests count on it. */
  const tokenCalls = async () => ((await control('stats', {}, 'GET')).body as { tokenEndpointCalls: number }).tokenEndpointCalls;
  const firstBase = () => [...sandbox.store.bases.values()][0]!;
  const firstTable = () => firstBase().tables[0]!;
  const field = (name: string, table = firstTable()) => table.fields.find((f) => f.name === name)!;
  return { sandbox, call, control, tokenCalls, firstBase, firstTable, field };
}

export type SandboxHarness = Awaited<ReturnType<typeof startSandbox>>;
