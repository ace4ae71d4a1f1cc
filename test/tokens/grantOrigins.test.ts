import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { silentLogger } from '../../electron/core/ports';
import { createProfileApi } from '../../electron/core/airtable/profileApi';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { FakeClock } from '../helpers/fakeClock';

let h: SandboxHarness;
/** A server on another port that would love to receive a token: it records every request. */
let evil: { server: Server; url: string; seen: Array<{ path: string; authorization: string | undefined; body: string }> };

beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
  const seen: Array<{ path: string; authorization: string | undefined; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"usrEvil0000000001"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  evil = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
});
afterAll(async () => {
  evil.server.close();
  await h.sandbox.close();
});
beforeEach(() => {
  h.sandbox.reset();
  evil.seen.length = 0;
});

const evilEndpoints = () => ({ apiUrl: `${evil.url}/v0`, tokenUrl: `${evil.url}/oauth2/v1/token`, authorizeUrl: `${evil.url}/oauth2/v1/authorize` });

describe('a token goes only where it was issued (check 41)', () => {
  it('refuses endpoints from the renderer: oauth-settings:set with another API is INVALID_INPUT and changes nothing', async () => {
    const v = await vaultAgainst(h);
    const before = v.core.settings.get();
    for (const key of ['apiUrl', 'tokenUrl', 'authorizeUrl'] as const) {
      const result = await dispatch(v.core.handlers, 'oauthSettingsSet', { [key]: `https://evil.test/${key}` }, silentLogger);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(v.core.settings.get()).toEqual(before);
    await v.core.stop();
  });

  it('ignores endpoints an older version stored with the settings: the person’s client id is kept, the API is not', async () => {
    const v = await vaultAgainst(h);
    v.core.db.prepare("INSERT INTO settings (key, value) VALUES ('oauth', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify({ clientId: 'mine', ...evilEndpoints() }));
    expect(v.core.settings.get()).toMatchObject({ clientId: 'mine', apiUrl: `${h.sandbox.url}/v0`, tokenUrl: `${h.sandbox.url}/oauth2/v1/token` });
    await v.core.stop();
  });

  it('sends a personal access token and an OAuth grant’s tokens only to the servers that issued them, even when the host’s endpoints change', async () => {
    const clock = new FakeClock();
    const v = await vaultAgainst(h, { clock });
    const oauthProfile = await v.connectOAuth('OAuth');
    const patProfile = v.core.profiles.create('Token');
    await v.core.connect.connectPat(patProfile.id, h.sandbox.defaultPat);
    await v.core.stop();
    // The same data folder and keychain, run by a host whose endpoints now point elsewhere
    // (a command line started with other flags, a changed configuration).
    const moved = await vaultAgainst(h, { clock, secrets: v.secrets, env: { ...v.core.ports.env }, oauthDefaults: { ...evilEndpoints(), clientId: v.clientId, loopbackPort: v.port } });
    for (const id of [oauthProfile.id, patProfile.id]) expect((await createProfileApi(moved.core.client, id).meta.whoami()).id).toBe('usrSandboxOwner01');
    clock.advance(3600_000); // the OAuth access token expires: a refresh is due
    expect((await createProfileApi(moved.core.client, oauthProfile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    expect((await h.control('grants', {}, 'GET')).body.grants[0]).toMatchObject({ refreshCount: 1, revoked: false });
    expect(evil.seen).toEqual([]);
    expect(moved.core.profiles.viewOf(oauthProfile.id).status).toBe('active');
    await moved.core.stop();
  });
});
