import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { FakeClock } from '../helpers/fakeClock';
import { type SecretStore } from '../../electron/core/ports';
import { MemorySecretStore } from '../helpers/memorySecretStore';
import { ChunkedSecretStore } from '../../electron/core/tokens/chunkedSecrets';
import { TokenVault } from '../../electron/core/tokens/tokenVault';
import { TokenEndpoint } from '../../electron/core/auth/tokenEndpoint';
import { TokenLedger } from '../../electron/core/tokens/tokenLedger';
import { Lease } from '../../electron/core/tokens/lease';
import { AirtableError } from '../../electron/core/airtable/airtableError';
import { createProfileApi } from '../../electron/core/airtable/profileApi';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

const tokenCalls = () => h.tokenCalls();
const grants = async () => (await h.control('grants', {}, 'GET')).body.grants as Array<{ id: string; revoked: boolean; refreshCount: number }>;
const HOUR = 3600_000;

/** A second core on the same data folder and keychain: another process of ours. */
async function twin(v: Awaited<ReturnType<typeof vaultAgainst>>, secrets: SecretStore, extra: Parameters<typeof vaultAgainst>[1] = {}) {
  return vaultAgainst(h, { secrets, env: { ...v.core.ports.env }, processId: `twin-${Math.random()}`, ...extra });
}

/** Refreshes a profile by hand, the way a peer process of ours would: returns the new pair. */
async function peerRefresh(v: Awaited<ReturnType<typeof vaultAgainst>>, secrets: SecretStore, profileId: string, commit: boolean) {
  // Another process of ours has its own ledger on the same vault database.
  const ledger = new TokenLedger(v.core.db, Date.now);
  const vault = new TokenVault(new ChunkedSecretStore(secrets));
  const grant = ledger.get(profileId)!;
  const current = (await vault.read(profileId, grant.generation))!;
  const endpoint = new TokenEndpoint(() => v.core.settings.get(), () => Promise.resolve(null), fetch);
  const outcome = await endpoint.refresh(current.refreshToken!, { tokenUrl: grant.endpoints.tokenUrl!, clientId: grant.endpoints.clientId! });
  if (outcome.kind !== 'ok') throw new Error(`peer refresh: ${outcome.kind}`);
  const next = { generation: grant.generation + 1, kind: 'oauth' as const, accessToken: outcome.grant.accessToken, refreshToken: outcome.grant.refreshToken, accessExpiresAt: outcome.grant.accessExpiresAt };
  const commitNow = async () => {
    await vault.write(profileId, next);
    ledger.commitGeneration(profileId, grant.generation, next.generation, { accessExpiresAt: next.accessExpiresAt, refreshExpiresAt: null }, null);
  };
  if (commit) await commitNow();
  return { next, commitNow };
}

describe('token manager', () => {
  it('50 concurrent callers on an expired token cause exactly one refresh and all get the same token (check 16)', async () => {
    const clock = new FakeClock();
    const v = await vaultAgainst(h, { clock });
    const profile = await v.connectOAuth();
    clock.advance(HOUR);
    const before = await tokenCalls();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => v.core.tokens.accessToken(profile.id)));
    expect(await tokenCalls()).toBe(before + 1);
    expect(new Set(tokens).size).toBe(1);
    expect((await createProfileApi(v.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    await v.core.stop();
  });

  it('a peer blocked on the lease sees the generation advanced and makes no HTTP call (check 19)', async () => {
    const clock = new FakeClock();
    const secrets = new MemorySecretStore();
    const v = await vaultAgainst(h, { clock, secrets });
    const profile = await v.connectOAuth();
    const lease = new Lease(v.core.db, 'peer-process', clock);
    expect(lease.tryAcquire(`refresh:${profile.id}`, 2 * HOUR)).toBe(true);
    clock.advance(HOUR);
    const waiting = v.core.tokens.accessToken(profile.id);
    const peer = await peerRefresh(v, secrets, profile.id, true);
    const before = await tokenCalls();
    lease.release(`refresh:${profile.id}`);
    expect(await waiting).toBe(peer.next.accessToken);
    expect(await tokenCalls()).toBe(before);
    await v.core.stop();
  });

  it('after a peer rotated, a 401 re-reads the store and does not refresh (check 24)', async () => {
    const secrets = new MemorySecretStore();
    const a = await vaultAgainst(h, { secrets });
    const profile = await a.connectOAuth();
    const b = await twin(a, secrets);
    expect((await createProfileApi(b.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01'); // b caches the token
    await peerRefresh(a, secrets, profile.id, true); // rotation: b's cached token is now dead
    const before = await tokenCalls();
    expect((await createProfileApi(b.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    expect(await tokenCalls()).toBe(before);
    await a.core.stop();
    await b.core.stop();
  });

  it('a 409 makes it re-read the store and use the newest token, with no second refresh (check 22)', async () => {
    const clock = new FakeClock();
    const secrets = new MemorySecretStore();
    const v = await vaultAgainst(h, { clock, secrets });
    const profile = await v.connectOAuth();
    const peer = await peerRefresh(v, secrets, profile.id, false); // sent, not yet committed
    clock.advance(HOUR);
    const before = await tokenCalls();
    const pending = v.core.tokens.accessToken(profile.id);
    setTimeout(() => void peer.commitNow(), 100);
    expect(await pending).toBe(peer.next.accessToken);
    expect(await tokenCalls()).toBe(before + 1); // our single refresh, answered 409
    expect((await grants())[0]!.revoked).toBe(false);
    await v.core.stop();
  });

  it('invalid_grant → needs-reauth, timers stopped, no token call over a simulated hour, event sent (check 23)', async () => {
    const clock = new FakeClock();
    const v = await vaultAgainst(h, { clock });
    const profile = await v.connectOAuth();
    await h.control('revoke', { all: true });
    clock.advance(HOUR);
    await expect(v.core.tokens.accessToken(profile.id)).rejects.toMatchObject({ kind: 'profile-stopped' });
    expect(v.core.profiles.viewOf(profile.id).status).toBe('needs-reauth');
    expect(clock.longTimers()).toHaveLength(0);
    const before = await tokenCalls();
    for (let i = 0; i < 12; i++) {
      clock.advance(5 * 60_000);
      await v.core.tokens.onResume();
      await expect(v.core.tokens.accessToken(profile.id)).rejects.toMatchObject({ kind: 'profile-stopped' });
    }
    expect(await tokenCalls()).toBe(before);
    const last = v.core.emitted.filter((e) => e.event === 'profilesChanged').at(-1)!.payload as { profiles: Array<{ status: string }> };
    expect(last.profiles[0]!.status).toBe('needs-reauth');
    await v.core.stop();
  });

  it('arms one timer at expiry minus the margin (± jitter) and refreshes once when it fires (check 25)', async () => {
    const clock = new FakeClock();
    const v = await vaultAgainst(h, { clock, tokenManager: { refreshMarginMs: 5 * 60_000, jitterMs: 30_000 } });
    const profile = await v.connectOAuth();
    const [timer] = clock.longTimers();
    expect(clock.longTimers()).toHaveLength(1);
    const expectedDelay = HOUR - 5 * 60_000;
    expect(Math.abs(timer!.delay - expectedDelay)).toBeLessThanOrEqual(30_000 + 1000);
    const before = await tokenCalls();
    clock.advance(timer!.delay + 1);
    await expect.poll(tokenCalls).toBe(before + 1);
    // A clock jump or wake right after: the generation is fresh, so nothing more is sent.
    await v.core.tokens.onResume();
    await v.core.tokens.onResume();
    expect(await tokenCalls()).toBe(before + 1);
    expect(clock.longTimers()).toHaveLength(1);
    expect(v.core.profiles.viewOf(profile.id).status).toBe('active');
    await v.core.stop();
  });

  it('a failed keychain write keeps the committed generation and surfaces the error (check 21)', async () => {
    const clock = new FakeClock();
    const secrets = new MemorySecretStore();
    const v = await vaultAgainst(h, { clock, secrets });
    const profile = await v.connectOAuth();
    const generation = v.core.tokens.grants.get(profile.id)!.generation;
    secrets.failWrites = true;
    clock.advance(HOUR);
    const token = await v.core.tokens.accessToken(profile.id);
    expect(v.core.profiles.viewOf(profile.id).status).toBe('error');
    expect(v.core.tokens.grants.get(profile.id)!.generation).toBe(generation);
    expect(v.core.profiles.viewOf(profile.id).statusReason).toMatch(/Secure storage/);
    expect(token).toBeTruthy();
    expect((await createProfileApi(v.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    await v.core.stop();
  });

  it('quitting during a refresh waits for the new generation to be committed (check 26)', async () => {
    const clock = new FakeClock();
    const v = await vaultAgainst(h, { clock });
    const profile = await v.connectOAuth();
    const generation = v.core.tokens.grants.get(profile.id)!.generation;
    await h.control('faults', { rules: [{ kind: 'status', status: 200, count: 0 }], latencyMs: 0 });
    clock.advance(HOUR);
    const refreshing = v.core.tokens.accessToken(profile.id);
    const dataFolder = v.core.ports.env.dataFolder;
    await v.core.stop();
    await refreshing;
    const reopened = await vaultAgainst(h, { env: { ...v.core.ports.env, dataFolder } });
    expect(reopened.core.tokens.grants.get(profile.id)!.generation).toBe(generation + 1);
    await reopened.core.stop();
  });
});

describe('crash at each step of a refresh (check 20)', () => {
  /** A keychain whose slot write for `generation` "kills the process" before or after writing. */
  function crashingKeychain(inner: MemorySecretStore, profileId: () => string, generation: () => number, when: 'before-write' | 'after-write') {
    const store: SecretStore = {
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      accounts: () => inner.accounts(),
      set: async (account, value) => {
        if (account === TokenVault.slotAccount(profileId(), generation())) {
          if (when === 'after-write') await inner.set(account, value);
          return new Promise<void>(() => {}); // the process is gone: this never returns
        }
        return inner.set(account, value);
      },
    };
    return store;
  }

  for (const when of ['before-write', 'after-write'] as const) {
    it(`${when === 'before-write' ? '(a) after the 200, before the slot write → needs re-auth' : '(b) after the slot write, before the commit → recovers the new generation'}, never resending the old refresh token`, async () => {
      const clock = new FakeClock();
      const shared = new MemorySecretStore();
      let id = '';
      let crashGeneration = 0;
      const fast = { refreshTimeoutMs: 200, leaseTtlMs: 500 };
      const a = await vaultAgainst(h, { clock, secrets: crashingKeychain(shared, () => id, () => crashGeneration, when), tokenManager: fast });
      const profile = await a.connectOAuth();
      id = profile.id;
      crashGeneration = a.core.tokens.grants.get(id)!.generation + 1;
      clock.advance(HOUR);
      void a.core.tokens.accessToken(id); // this process "dies" in the middle
      await expect.poll(async () => (await grants())[0]!.refreshCount).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
      const before = await tokenCalls();
      const b = await vaultAgainst(h, { clock, secrets: shared, env: { ...a.core.ports.env }, processId: 'restarted', tokenManager: fast });
      await b.core.tokens.start();
      if (when === 'before-write') {
        expect(b.core.profiles.viewOf(id).status).toBe('needs-reauth');
        await expect(b.core.tokens.accessToken(id)).rejects.toMatchObject({ kind: 'profile-stopped' });
      } else {
        expect(b.core.profiles.viewOf(id).status).toBe('active');
        expect(b.core.tokens.grants.get(id)!.generation).toBe(crashGeneration);
        expect((await createProfileApi(b.core.client, id).meta.whoami()).id).toBe('usrSandboxOwner01');
      }
      expect(await tokenCalls()).toBe(before);
      const [grant] = await grants();
      expect(grant).toMatchObject({ refreshCount: 1, revoked: false }); // the old refresh token was never sent twice
      await b.core.stop();
    });
  }

  it('(c) after the commit → the restarted process uses the new generation with no refresh', async () => {
    const clock = new FakeClock();
    const secrets = new MemorySecretStore();
    const a = await vaultAgainst(h, { clock, secrets });
    const profile = await a.connectOAuth();
    clock.advance(HOUR);
    await a.core.tokens.accessToken(profile.id);
    const before = await tokenCalls();
    const b = await vaultAgainst(h, { clock, secrets, env: { ...a.core.ports.env }, processId: 'restarted' });
    await b.core.tokens.start();
    expect((await createProfileApi(b.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    expect(await tokenCalls()).toBe(before);
    await a.core.stop();
    await b.core.stop();
  });
});

describe('revocation', () => {
  it('stops every queued and in-flight call of a revoked profile at once, and sends nothing more (OAuth)', async () => {
    const v = await vaultAgainst(h);
    const profile = await v.connectOAuth();
    const base = h.firstBase();
    await h.control('revoke', { all: true });
    await h.control('faults', { latencyMs: 200 });
    const api = createProfileApi(v.core.client, profile.id);
    const calls = Array.from({ length: 12 }, () => api.records.list(base.id, base.tables[0]!.id, { maxRecords: 1 }).then(() => undefined, (e: unknown) => e as AirtableError));
    const errors = await Promise.all(calls);
    expect(errors.every((e) => e instanceof AirtableError && e.kind === 'profile-stopped')).toBe(true);
    expect(v.core.profiles.viewOf(profile.id).status).toBe('needs-reauth');
    await h.control('stats/reset');
    await expect(api.meta.whoami()).rejects.toMatchObject({ kind: 'profile-stopped' });
    expect((await h.control('stats', {}, 'GET')).body.total).toBe(0);
    await v.core.stop();
  });

  it('marks a profile whose personal access token was revoked as revoked', async () => {
    const v = await vaultAgainst(h);
    const pat = (await h.control('pats', {})).body.token as string;
    const profile = v.core.profiles.create('PAT');
    await v.core.connect.connectPat(profile.id, pat);
    await h.control('revoke', { pat });
    await expect(createProfileApi(v.core.client, profile.id).meta.whoami()).rejects.toMatchObject({ kind: 'profile-stopped', type: 'REVOKED' });
    expect(v.core.profiles.viewOf(profile.id).status).toBe('revoked');
    await v.core.stop();
  });

  it('reconnecting after revocation keeps the profile and its data folder', async () => {
    const v = await vaultAgainst(h);
    const profile = await v.connectOAuth();
    const folder = v.core.profiles.dataFolder(profile.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'cache.sqlite'), 'cached');
    await h.control('revoke', { all: true });
    await expect(createProfileApi(v.core.client, profile.id).meta.whoami()).rejects.toMatchObject({ kind: 'profile-stopped' });
    const { done } = await v.core.connect.startOAuth(profile.id);
    await v.approve();
    expect((await done).id).toBe(profile.id);
    expect(existsSync(path.join(folder, 'cache.sqlite'))).toBe(true);
    expect((await createProfileApi(v.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    await v.core.stop();
  });
});

describe('refreshes that must not end a healthy grant', () => {
  it('a refresh that fails before anything is sent leaves the grant intact and the profile "error", and the next good one works (check 42)', async () => {
    const clock = new FakeClock();
    const v = await vaultAgainst(h, { clock });
    const profile = await v.connectOAuth();
    const clientId = v.core.tokens.grants.get(profile.id)!.endpoints.clientId;
    // A local cause: the grant's client id is missing (a damaged or half-migrated setting).
    v.core.db.prepare("UPDATE grants SET client_id = '' WHERE profile_id = ?").run(profile.id);
    clock.advance(HOUR);
    const before = await tokenCalls();
    await expect(v.core.tokens.accessToken(profile.id)).rejects.toMatchObject({ kind: 'invalid-input', notSent: true });
    expect(await tokenCalls()).toBe(before); // nothing reached the token endpoint
    expect(v.core.profiles.viewOf(profile.id)).toMatchObject({ status: 'error', statusReason: expect.stringContaining('client id') });
    expect((await grants())[0]).toMatchObject({ revoked: false, refreshCount: 0 });
    v.core.db.prepare('UPDATE grants SET client_id = ? WHERE profile_id = ?').run(clientId, profile.id);
    await v.core.tokens.accessToken(profile.id);
    expect(v.core.profiles.viewOf(profile.id).status).toBe('active');
    expect((await grants())[0]).toMatchObject({ revoked: false, refreshCount: 1 });
    await v.core.stop();
  });

  it('a keychain read that races two refreshes by another process finds the newer generation instead of giving up (check 43)', async () => {
    const shared = new MemorySecretStore();
    const v = await vaultAgainst(h, { secrets: shared });
    const profile = await v.connectOAuth();
    const generation = v.core.tokens.grants.get(profile.id)!.generation;
    await v.core.stop();
    // While this process reads the slot of generation g, a peer commits g+1 and g+2 (which
    // lands in the same slot as g).
    let raced = false;
    const other: { peer?: Awaited<ReturnType<typeof twin>> } = {};
    const racing: SecretStore = {
      get: async (account) => {
        if (!raced && other.peer && account === TokenVault.slotAccount(profile.id, generation)) {
          raced = true;
          await peerRefresh(other.peer, shared, profile.id, true);
          await peerRefresh(other.peer, shared, profile.id, true);
        }
        return shared.get(account);
      },
      set: (a, value) => shared.set(a, value),
      delete: (a) => shared.delete(a),
      accounts: () => shared.accounts(),
    };
    const b = await twin(v, racing);
    other.peer = await twin(v, shared); // the other process, with its own vault database handle
    expect((await createProfileApi(b.core.client, profile.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    expect(raced).toBe(true);
    expect(b.core.profiles.viewOf(profile.id).status).toBe('active');
    expect(b.core.tokens.grants.get(profile.id)!.generation).toBe(generation + 2);
    expect((await grants())[0]).toMatchObject({ revoked: false, refreshCount: 2 });
    await b.core.stop();
    await other.peer.core.stop();
  });
});
