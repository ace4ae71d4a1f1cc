import { createHash, randomBytes } from 'node:crypto';
import type { SandboxHarness } from './sandboxClient';
import { DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URIS } from '../sandbox/sandbox';

export const REDIRECT = DEFAULT_REDIRECT_URIS[0]!;

export function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeOptions {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  challenge?: string;
  method?: string;
}

/** Calls the sandbox's authorize endpoint without following the redirect. */
export async function authorize(h: SandboxHarness, options: AuthorizeOptions = {}) {
  const url = new URL(`${h.sandbox.url}/oauth2/v1/authorize`);
  const params: Record<string, string> = {
    client_id: options.clientId ?? DEFAULT_CLIENT_ID,
    redirect_uri: options.redirectUri ?? REDIRECT,
    response_type: 'code',
    scope: options.scope ?? 'data.records:read data.records:write schema.bases:read user.email:read',
    state: options.state ?? randomBytes(24).toString('base64url'),
    code_challenge: options.challenge ?? pkce().challenge,
    code_challenge_method: options.method ?? 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : undefined, html: location ? '' : await res.text(), state: params.state! };
}

export async function token(h: SandboxHarness, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.sandbox.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string | number> };
}

/** A full authorization-code exchange for the default public client. */
export async function connect(h: SandboxHarness, scope?: string) {
  const { verifier, challenge } = pkce();
  const auth = await authorize(h, { challenge, ...(scope ? { scope } : {}) });
  const code = auth.location?.searchParams.get('code') ?? '';
  const res = await token(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: DEFAULT_CLIENT_ID });
  return res.body as { access_token: string; refresh_token: string; expires_in: number; refresh_expires_in: number; scope: string };
}

export const refresh = (h: SandboxHarness, refreshToken: string) =>
  token(h, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: DEFAULT_CLIENT_ID });
