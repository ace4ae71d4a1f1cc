import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';
import { REDIRECT, authorize, connect, pkce, refresh, token } from '../helpers/oauthFlow';
import { DEFAULT_CLIENT_ID } from '../sandbox/sandbox';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

const whoami = (accessToken: string) => h.call('GET', '/v0/meta/whoami', { token: accessToken });

describe('sandbox: OAuth authorize endpoint', () => {
  it('redirects with a code and the same state', async () => {
    const res = await authorize(h);
    expect(res.status).toBe(302);
    expect(`${res.location!.origin}${res.location!.pathname}`).toBe(REDIRECT);
    expect(res.location!.searchParams.get('state')).toBe(res.state);
    expect(res.location!.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('does not redirect at all when the redirect URI does not match exactly', async () => {
    for (const redirectUri of ['http://127.0.0.1:53683/oauth/callback', `${REDIRECT}/`, `${REDIRECT}?x=1`]) {
      const res = await authorize(h, { redirectUri });
      expect(res.status).toBe(400);
      expect(res.location).toBeUndefined();
    }
    expect((await authorize(h, { clientId: 'unknown' })).status).toBe(400);
  });

  it('redirects with an error for missing PKCE, a bad state, bad scopes and a denial', async () => {
    const error = async (options: Parameters<typeof authorize>[1]) => (await authorize(h, options)).location?.searchParams.get('error');
    expect(await error({ method: 'plain' })).toBe('invalid_request');
    expect(await error({ state: 'short' })).toBe('invalid_request');
    expect(await error({ state: 'a+b/c='.repeat(4) })).toBe('invalid_request');
    expect(await error({ scope: 'data.records:read data.records:read' })).toBe('invalid_scope');
    expect(await error({ scope: 'nope:read' })).toBe('invalid_scope');
    await h.control('consent', { mode: 'deny' });
    const denied = await authorize(h);
    expect(denied.location?.searchParams.get('error')).toBe('access_denied');
    expect(denied.location?.searchParams.get('state')).toBe(denied.state);
  });

  it('shows a consent page without external resources when asked to', async () => {
    await h.control('consent', { mode: 'page' });
    const res = await authorize(h);
    expect(res.status).toBe(200);
    expect(res.html).toContain('Grant access');
    expect(res.html).not.toMatch(/https?:\/\//);
  });
});

describe('sandbox: OAuth token endpoint', () => {
  it('exchanges a code for tokens that work, with Airtable-shaped lifetimes', async () => {
    const tokens = await connect(h);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_expires_in: 60 * 24 * 3600, scope: 'data.records:read data.records:write schema.bases:read user.email:read' });
    const me = await whoami(tokens.access_token);
    expect(me.body).toEqual({ id: 'usrSandboxOwner01', email: 'owner@sandbox.test', scopes: ['data.records:read', 'data.records:write', 'schema.bases:read', 'user.email:read'] });
  });

  it('uses a code once, even when the first exchange failed', async () => {
    const { verifier, challenge } = pkce();
    const code = (await authorize(h, { challenge })).location!.searchParams.get('code')!;
    const wrong = await token(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier, client_id: DEFAULT_CLIENT_ID });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const retry = await token(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: DEFAULT_CLIENT_ID });
    expect(retry).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('rejects an expired code, a different redirect_uri and a verifier with "~"', async () => {
    const exchange = async (tweak: (p: ReturnType<typeof pkce>, code: string) => Record<string, string>, before?: () => Promise<unknown>) => {
      const p = pkce();
      const code = (await authorize(h, { challenge: p.challenge })).location!.searchParams.get('code')!;
      await before?.();
      return token(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier, client_id: DEFAULT_CLIENT_ID, ...tweak(p, code) });
    };
    expect((await exchange(() => ({}), () => h.control('clock/advance', { ms: 10 * 60_000 + 1 }))).body.error).toBe('invalid_grant');
    expect((await exchange(() => ({ redirect_uri: 'http://localhost:53682/oauth/callback' }))).body.error).toBe('invalid_grant');
    expect((await exchange((p) => ({ code_verifier: `${p.verifier}~` }))).body.error).toBe('invalid_request');
  });

  it('requires HTTP Basic for a confidential client and forbids it for a public one', async () => {
    await h.control('clients', { clientId: 'confidential', clientSecret: 's3cret', redirectUris: [REDIRECT] });
    const p = pkce();
    const code = (await authorize(h, { clientId: 'confidential', challenge: p.challenge })).location!.searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier };
    expect((await token(h, { ...form, client_id: 'confidential' })).status).toBe(401);
    const basic = `Basic ${Buffer.from('confidential:s3cret').toString('base64')}`;
    const p2 = pkce();
    const code2 = (await authorize(h, { clientId: 'confidential', challenge: p2.challenge })).location!.searchParams.get('code')!;
    const ok = await token(h, { grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, code_verifier: p2.verifier }, { authorization: basic });
    expect(ok.status).toBe(200);
    const p3 = pkce();
    const code3 = (await authorize(h, { challenge: p3.challenge })).location!.searchParams.get('code')!;
    const publicWithBasic = await token(h, { grant_type: 'authorization_code', code: code3, redirect_uri: REDIRECT, code_verifier: p3.verifier }, { authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT_ID}:x`).toString('base64')}` });
    expect(publicWithBasic).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('rotates both tokens on refresh: the old access token stops working at once', async () => {
    const first = await connect(h);
    const second = await refresh(h, first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await whoami(first.access_token)).status).toBe(401);
    expect((await whoami(String(second.body.access_token))).status).toBe(200);
  });

  it('answers 409 to a duplicate refresh inside the grace window, and kills the grant on reuse after it', async () => {
    const first = await connect(h);
    const second = await refresh(h, first.refresh_token);
    expect((await refresh(h, first.refresh_token)).status).toBe(409);
    expect((await whoami(String(second.body.access_token))).status).toBe(200);
    await h.control('clock/advance', { ms: 11_000 });
    expect((await refresh(h, first.refresh_token)).body.error).toBe('invalid_grant');
    expect((await whoami(String(second.body.access_token))).status).toBe(401);
    expect((await refresh(h, String(second.body.refresh_token))).body.error).toBe('invalid_grant');
  });

  it('expires access tokens and refresh tokens after their configured lifetimes', async () => {
    await h.control('tokens/settings', { accessTtlSeconds: 60, refreshTtlSeconds: 120 });
    const tokens = await connect(h);
    expect(tokens.expires_in).toBe(60);
    await h.control('clock/advance', { ms: 61_000 });
    expect((await whoami(tokens.access_token)).status).toBe(401);
    const refreshed = await refresh(h, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    await h.control('clock/advance', { ms: 121_000 });
    expect((await refresh(h, String(refreshed.body.refresh_token))).body.error).toBe('invalid_grant');
  });

  it('revokes a grant as if the person removed the integration', async () => {
    const tokens = await connect(h);
    expect((await h.control('revoke', { accessToken: tokens.access_token })).body).toEqual({ affected: 1 });
    expect((await whoami(tokens.access_token)).status).toBe(401);
    expect((await refresh(h, tokens.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('narrows scopes on refresh only to a subset', async () => {
    const tokens = await connect(h);
    const wider = await token(h, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: DEFAULT_CLIENT_ID, scope: 'webhook:manage' });
    expect(wider.body.error).toBe('invalid_scope');
  });

  it('refuses unknown grant types and non-form bodies', async () => {
    expect((await token(h, { grant_type: 'password', client_id: DEFAULT_CLIENT_ID })).body.error).toBe('unsupported_grant_type');
    const json = await fetch(`${h.sandbox.url}/oauth2/v1/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
  });
});

describe('sandbox: API authentication and scopes', () => {
  it('answers 401 AUTHENTICATION_REQUIRED without a token or with a bad one', async () => {
    const path = `/v0/${h.firstBase().id}/${h.firstTable().id}`;
    expect(await h.call('GET', path, { token: null })).toMatchObject({ status: 401, body: { error: { type: 'AUTHENTICATION_REQUIRED' } } });
    expect((await h.call('GET', path, { token: 'patNOPE.123' })).status).toBe(401);
  });

  it('answers 403 when the token lacks the scope an endpoint needs', async () => {
    const base = h.firstBase();
    const readOnly = (await h.control('pats', { scopes: ['data.records:read'] })).body.token as string;
    const checks: Array<[string, string, unknown?]> = [
      ['POST', `/v0/${base.id}/${base.tables[0]!.id}`, { fields: { Name: 'x' } }],
      ['GET', '/v0/meta/bases'],
      ['GET', `/v0/meta/bases/${base.id}/tables`],
      ['GET', `/v0/bases/${base.id}/webhooks`],
      ['GET', `/v0/${base.id}/${base.tables[0]!.id}/${[...base.tables[0]!.records.keys()][0]}/comments`],
    ];
    for (const [method, path, json] of checks) {
      const res = await h.call(method, path, { token: readOnly, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.type).toBe('INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND');
    }
    expect((await h.call('GET', `/v0/${base.id}/${base.tables[0]!.id}`, { token: readOnly })).status).toBe(200);
  });

  it('limits a token to the bases it was granted, for listing and for access', async () => {
    const [a, b] = [...h.sandbox.store.bases.values()];
    const scoped = (await h.control('pats', { baseIds: [a!.id] })).body.token as string;
    expect((await h.call('GET', '/v0/meta/bases', { token: scoped })).body.bases.map((x: { id: string }) => x.id)).toEqual([a!.id]);
    expect((await h.call('GET', `/v0/${b!.id}/${b!.tables[0]!.id}`, { token: scoped })).status).toBe(403);
    expect((await h.call('GET', `/v0/appAAAAAAAAAAAAAA/Projects`)).status).toBe(403);
    expect((await h.call('GET', `/v0/${a!.id}/NoSuchTable`)).body).toEqual({ error: { type: 'TABLE_NOT_FOUND', message: `Could not find table NoSuchTable in application ${a!.id}` } });
  });

  it('grants only the bases chosen on the consent screen', async () => {
    const [a, b] = [...h.sandbox.store.bases.values()];
    await h.control('consent', { baseIds: [b!.id] });
    const tokens = await connect(h);
    expect((await h.call('GET', `/v0/${a!.id}/${a!.tables[0]!.id}`, { token: tokens.access_token })).status).toBe(403);
    expect((await h.call('GET', `/v0/${b!.id}/${b!.tables[0]!.id}`, { token: tokens.access_token })).status).toBe(200);
  });
});
