import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { FLOW_TTL_MS } from '../../electron/core/profiles/connectService';
import { createProfileApi } from '../../electron/core/airtable/profileApi';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

const tokenCalls = () => h.tokenCalls();
const profileSecrets = (secrets: Map<string, string>) => [...secrets.keys()].filter((k) => k.startsWith('profile:'));

describe('connecting a profile with OAuth + PKCE against the sandbox', () => {
  it('opens the consent page in the system browser, exchanges the code, asks whoami and stores the tokens', async () => {
    const v = await vaultAgainst(h);
    const profile = await v.connectOAuth();
    expect(v.opened).toHaveLength(1);
    const url = new URL(v.opened[0]!);
    expect(url.origin + url.pathname).toBe(`${h.sandbox.url}/oauth2/v1/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${v.port}/oauth/callback`);
    expect(profile).toMatchObject({ status: 'active', authKind: 'oauth', airtableUser: { id: 'usrSandboxOwner01', email: 'owner@sandbox.test' } });
    expect(profile.grantedScopes).toContain('data.records:read');
    expect(profile.refreshExpiresAt! - Date.now()).toBeGreaterThan(59 * 24 * 3600_000);
    expect(profileSecrets(v.secrets.values)).toHaveLength(1);
    const bases = await createProfileApi(v.core.client, profile.id).meta.listBases();
    expect(bases.length).toBe(2);
    await v.core.stop();
  });

  it('answers the browser with a page that has no external resources and does not echo the code (check 6)', async () => {
    const v = await vaultAgainst(h);
    const profile = v.core.profiles.create('Page');
    const { done } = await v.core.connect.startOAuth(profile.id);
    const landing = await v.approve();
    await done;
    expect(landing.status).toBe(200);
    const code = new URL(landing.location).searchParams.get('code')!;
    expect(landing.html).not.toContain(code);
    expect(landing.html).not.toMatch(/(src|href)=|https?:\/\//);
    await v.core.stop();
  });

  it('listens on 127.0.0.1 only, only during the flow, and closes after the first valid callback (check 6)', async () => {
    const v = await vaultAgainst(h);
    const profile = v.core.profiles.create('Listener');
    await expect(fetch(`http://127.0.0.1:${v.port}/oauth/callback`)).rejects.toThrow();
    const { done } = await v.core.connect.startOAuth(profile.id);
    const wrongPath = await fetch(`http://127.0.0.1:${v.port}/other`);
    expect(wrongPath.status).toBe(400);
    const wrongHost = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: v.port, path: '/oauth/callback?code=x&state=y', headers: { host: 'evil.test' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(wrongHost).toBe(400);
    expect(v.core.connect.inProgress).toBe(profile.id); // neither consumed the flow
    await v.approve();
    await done;
    await expect(fetch(`http://127.0.0.1:${v.port}/oauth/callback`)).rejects.toThrow();
    await v.core.stop();
  });

  it('refuses a wrong or missing state with 400, no token request and no keychain write, and keeps the sign-in waiting for the real redirect (checks 2 and 49)', async () => {
    for (const tamper of ['wrong', 'missing'] as const) {
      const v = await vaultAgainst(h);
      const profile = v.core.profiles.create(`State ${tamper}`);
      const { done } = await v.core.connect.startOAuth(profile.id);
      const consent = await fetch(v.opened[0]!, { redirect: 'manual' });
      const real = new URL(consent.headers.get('location')!);
      const forged = new URL(real);
      if (tamper === 'wrong') forged.searchParams.set('state', 'x'.repeat(43));
      else forged.searchParams.delete('state');
      const before = await tokenCalls();
      const landing = await fetch(forged);
      expect(landing.status).toBe(400);
      expect(await landing.text()).toContain('does not belong to the sign-in in progress');
      expect(await tokenCalls()).toBe(before);
      expect(profileSecrets(v.secrets.values)).toEqual([]);
      expect(v.core.connect.inProgress).toBe(profile.id);
      // Airtable's own redirect still lands, and connects.
      expect((await fetch(real)).status).toBe(200);
      expect(v.core.profiles.view(await done).status).toBe('active');
      await v.core.stop();
    }
  });

  it('refuses an answer replayed after the sign-in finished, with no token request (check 2)', async () => {
    const v = await vaultAgainst(h);
    const profile = v.core.profiles.create('Reuse');
    const { done } = await v.core.connect.startOAuth(profile.id);
    const { location } = await v.approve();
    await done;
    const before = await tokenCalls();
    const again = await v.core.connect.complete(location);
    expect(again.ok).toBe(false);
    expect(await tokenCalls()).toBe(before);
    await v.core.stop();
  });

  it('prints a profile name on the answer page as text, never as markup (check 49)', async () => {
    const v = await vaultAgainst(h);
    const profile = v.core.profiles.create('<img src=x onerror=alert(1)>');
    const { done } = await v.core.connect.startOAuth(profile.id);
    const { html } = await v.approve();
    await done;
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    await v.core.stop();
  });

  it('treats a denial as a clean cancel that stores nothing (check 3)', async () => {
    const v = await vaultAgainst(h);
    await h.control('consent', { mode: 'deny' });
    const profile = v.core.profiles.create('Denied');
    const { done } = await v.core.connect.startOAuth(profile.id);
    const landing = await v.approve();
    expect(landing.html).toContain('Access was not granted');
    await expect(done).rejects.toThrow(/not granted/);
    expect(profileSecrets(v.secrets.values)).toEqual([]);
    expect(v.core.profiles.viewOf(profile.id).status).toBe('pending');
    await v.core.stop();
  });

  it('rejects a callback after the flow’s time limit, and a second connect cancels the first (check 4)', async () => {
    let now = Date.now();
    const clock = { now: () => now, monotonic: () => performance.now(), setTimeout: (cb: () => void, ms: number) => { const t = setTimeout(cb, ms); return { cancel: () => clearTimeout(t) }; } };
    const v = await vaultAgainst(h, { clock });
    const profile = v.core.profiles.create('Slow');
    const first = await v.core.connect.startOAuth(profile.id);
    const second = await v.core.connect.startOAuth(profile.id);
    await expect(first.done).rejects.toThrow(/Another sign-in/);
    now += FLOW_TTL_MS + 1;
    await v.approve();
    await expect(second.done).rejects.toThrow(/expired/);
    expect(profileSecrets(v.secrets.values)).toEqual([]);
    await v.core.stop();
  });

  it('stores nothing when the code is redeemed with the wrong verifier (check 5)', async () => {
    const v = await vaultAgainst(h);
    const profile = v.core.profiles.create('Verifier');
    const { done } = await v.core.connect.startOAuth(profile.id);
    // A code issued for another challenge, delivered with this flow's state.
    const ours = new URL(v.opened[0]!);
    const foreign = new URL(ours);
    foreign.searchParams.set('code_challenge', 'A'.repeat(43));
    const consent = await fetch(foreign, { redirect: 'manual' });
    const landing = await fetch(consent.headers.get('location')!);
    expect(landing.status).toBe(400);
    await expect(done).rejects.toThrow(/invalid_grant/);
    expect(profileSecrets(v.secrets.values)).toEqual([]);
    await v.core.stop();
  });

  it('fails before opening the browser when the registered port is taken (check 7)', async () => {
    const v = await vaultAgainst(h);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(v.port, '127.0.0.1', resolve));
    const profile = v.core.profiles.create('Busy');
    await expect(v.core.connect.startOAuth(profile.id)).rejects.toThrow(new RegExp(`Port ${v.port}`));
    expect(v.opened).toEqual([]);
    blocker.close();
    await v.core.stop();
  });

  it('ignores a deep-link callback when no sign-in is in progress (check 10)', async () => {
    const v = await vaultAgainst(h);
    expect(await v.core.connect.complete('airvault://oauth/callback?code=abc&state=def')).toEqual({ ok: false, ended: false, message: 'No sign-in is in progress.' });
    await v.core.stop();
  });

  it('completes through the airvault:// protocol receiver too', async () => {
    const v = await vaultAgainst(h);
    await h.control('clients', { clientId: 'protocol-client', redirectUris: ['airvault://oauth/callback'] });
    await v.core.settings.update({ clientId: 'protocol-client', redirectMode: 'custom-protocol' });
    const profile = v.core.profiles.create('Protocol');
    const { done } = await v.core.connect.startOAuth(profile.id);
    const consent = await fetch(v.opened[0]!, { redirect: 'manual' });
    const location = consent.headers.get('location')!;
    expect(location.startsWith('airvault://oauth/callback?')).toBe(true);
    expect((await v.core.connect.complete(location)).ok).toBe(true);
    expect(v.core.profiles.view(await done).status).toBe('active');
    await v.core.stop();
  });

  it('uses HTTP Basic for a confidential client whose secret is in the keychain', async () => {
    const v = await vaultAgainst(h);
    await h.control('clients', { clientId: 'confidential', clientSecret: 's3cr3t', redirectUris: [`http://127.0.0.1:${v.port}/oauth/callback`] });
    await v.core.settings.update({ clientId: 'confidential', clientSecret: 's3cr3t' });
    expect(v.secrets.values.get('oauth:client-secret')).toBe('s3cr3t');
    expect((await v.core.settings.view()).hasClientSecret).toBe(true);
    expect((await v.connectOAuth('Confidential')).status).toBe('active');
    await v.core.stop();
  });
});

describe('connecting with a personal access token', () => {
  it('checks the token with whoami before storing it, and refuses one Airtable does not accept', async () => {
    const v = await vaultAgainst(h);
    const profile = v.core.profiles.create('Token');
    await expect(v.core.connect.connectPat(profile.id, 'patNotARealToken.0000000000000000')).rejects.toThrow(/did not accept this token/);
    expect(profileSecrets(v.secrets.values)).toEqual([]);
    await expect(v.core.connect.connectPat(profile.id, 'has spaces in it')).rejects.toThrow(/does not look like/);
    const connected = await v.core.connect.connectPat(profile.id, h.sandbox.defaultPat);
    expect(v.core.profiles.view(connected)).toMatchObject({ status: 'active', authKind: 'pat', grantedScopes: null, airtableUser: { id: 'usrSandboxOwner01' } });
    expect((await createProfileApi(v.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    await v.core.stop();
  });
});
