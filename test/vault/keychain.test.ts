import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../electron/main/adapters/keytarSecretStore';
import { ChunkedSecretStore } from '../../electron/core/tokens/chunkedSecrets';
import { SecureStorageUnavailableError, type SecretStore } from '../../electron/core/ports';
import { MemorySecretStore } from '../helpers/memorySecretStore';
import { testCore } from '../helpers/services';
import { TokenVault } from '../../electron/core/tokens/tokenVault';
import { hasSecretService } from '../helpers/keyring';

const secretTool = (...args: string[]) => execFileSync('secret-tool', args, { encoding: 'utf8' });

describe.runIf(hasSecretService)('the real keychain (Secret Service via @github/keytar)', () => {
  it('round-trips each profile’s slots, and deleting profile A leaves B intact (check 12)', async () => {
    const service = `AirvaultTest-${randomUUID()}`;
    const vault = new TokenVault(new ChunkedSecretStore(new KeytarSecretStore(service)));
    const a = randomUUID();
    const b = randomUUID();
    await vault.write(a, { generation: 1, kind: 'oauth', accessToken: 'access-a', refreshToken: 'refresh-a', accessExpiresAt: 1 });
    await vault.write(a, { generation: 2, kind: 'oauth', accessToken: 'access-a2', refreshToken: 'refresh-a2', accessExpiresAt: 2 });
    await vault.write(b, { generation: 1, kind: 'pat', accessToken: 'pat-b' });
    expect((await vault.read(a, 1))?.accessToken).toBe('access-a');
    expect((await vault.read(a, 2))?.accessToken).toBe('access-a2');
    expect((await vault.read(b, 1))?.accessToken).toBe('pat-b');
    expect(secretTool('lookup', 'service', service, 'account', TokenVault.slotAccount(b, 1))).toContain('pat-b');
    await vault.deleteProfile(a);
    expect(await vault.read(a, 1)).toBeNull();
    expect(await vault.read(a, 2)).toBeNull();
    expect((await vault.read(b, 1))?.accessToken).toBe('pat-b');
    expect(secretTool('search', '--all', 'service', service)).not.toContain(a);
    await vault.deleteProfile(b);
  });

  it('reads entries written by atom keytar (same libsecret attributes: service, account) (check 13)', async () => {
    const service = `AirvaultTest-${randomUUID()}`;
    // atom keytar stores a libsecret item of schema org.freedesktop.Secret.Generic with the
    // attributes service and account; secret-tool writes exactly that item here.
    execFileSync('secret-tool', ['store', '--label', `${service}`, 'xdg:schema', 'org.freedesktop.Secret.Generic', 'service', service, 'account', 'legacy'], { input: 'written-by-keytar' });
    const store = new KeytarSecretStore(service);
    expect(await store.get('legacy')).toBe('written-by-keytar');
    expect(await store.accounts()).toEqual(['legacy']);
    expect(await store.delete('legacy')).toBe(true);
  });
});

describe('secure storage', () => {
  it('reports "secure storage unavailable" without D-Bus, and a connect then stores nothing anywhere (check 11)', () => {
    const script = `
      const { KeytarSecretStore } = require('./electron/main/adapters/keytarSecretStore.ts');
      new KeytarSecretStore('AirvaultTest').set('x', 'secret-value').then(() => console.log('STORED'), (e) => console.log(e.name + ': ' + e.message));`;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/airvault-no-bus', DISPLAY: '' };
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env, encoding: 'utf8', timeout: 20_000 });
    expect(result.stdout).toContain('SecureStorageUnavailableError: Secure storage is unavailable');
    expect(result.stdout).not.toContain('STORED');
  });

  it('splits long values so no keychain entry passes 2,560 bytes, and never truncates (check 14)', async () => {
    const inner = new MemorySecretStore();
    const store = new ChunkedSecretStore(inner);
    const vault = new TokenVault(store);
    const access = `oaa${'A'.repeat(1024)}`;
    const refresh = `oar${'R'.repeat(1024)}`;
    await vault.write('p1', { generation: 1, kind: 'oauth', accessToken: access, refreshToken: refresh, accessExpiresAt: 1 });
    for (const value of inner.values.values()) expect(Buffer.byteLength(value, 'utf8')).toBeLessThanOrEqual(2560);
    expect(inner.values.size).toBeGreaterThan(1);
    const back = await vault.read('p1', 1);
    expect(back?.accessToken).toBe(access);
    expect(back?.refreshToken).toBe(refresh);
    // A torn write (a part missing) reads as nothing, never as a shortened token.
    inner.values.delete(`${TokenVault.slotAccount('p1', 1)}#2`);
    expect(await vault.read('p1', 1)).toBeNull();
    await store.delete(TokenVault.slotAccount('p1', 1));
    expect(inner.values.size).toBe(0);
  });

  it('shows "secure storage unavailable" in app info when the keychain does not answer, and connecting stores nothing', async () => {
    const broken: SecretStore = {
      get: () => Promise.reject(new SecureStorageUnavailableError()),
      set: () => Promise.reject(new SecureStorageUnavailableError()),
      delete: () => Promise.reject(new SecureStorageUnavailableError()),
      accounts: () => Promise.reject(new SecureStorageUnavailableError()),
    };
    const core = testCore({ secrets: broken });
    await core.start();
    expect((await core.handlers.appInfo({})).secureStorage).toBe('unavailable');
    const profile = core.profiles.create('No keychain');
    const store = (core as unknown as { connect: { store: (...a: unknown[]) => Promise<unknown> } }).connect;
    await expect(store.store(profile.id, 'pat', { id: 'usrX' }, { accessToken: 'patX' })).rejects.toBeInstanceOf(SecureStorageUnavailableError);
    expect(core.profiles.viewOf(profile.id).status).toBe('pending');
    expect(core.tokens.grants.get(profile.id)).toBeUndefined();
    await core.stop();
  });

  it('turns every keychain failure into SecureStorageUnavailableError', async () => {
    const failing = new MemorySecretStore();
    failing.failWrites = true;
    await expect(new ChunkedSecretStore(failing).set('a', 'b')).rejects.toBeInstanceOf(SecureStorageUnavailableError);
  });
});
