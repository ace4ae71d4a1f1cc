import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { freePort } from '../../helpers/vaultHarness';
import { hasSecretService } from '../../helpers/keyring';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());

/** Runs `npm run airvault -- …` as a person would (through tsx), with endpoints from the environment. */
function airvault(args: string[], env: Record<string, string>, stdin?: string, onLine?: (line: string) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hosts/cli/index.ts', ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      onLine?.(line);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(stdin ?? '');
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(hasSecretService)('the airvault command line against the sandbox (real keychain)', () => {
  it('round-trips a personal access token: add, list, request, remove', async () => {
    const env = { AIRVAULT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'airvault-cli-')), AIRVAULT_API_URL: `${h.sandbox.url}/v0` };
    const added = await airvault(['profile', 'add', 'Work', '--pat'], env, `${h.sandbox.defaultPat}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Work', status: 'active', authKind: 'pat' });
    expect(added.stdout).not.toContain(h.sandbox.defaultPat);
    const list = await airvault(['profile', 'list'], env);
    expect(JSON.parse(list.stdout).map((p: { name: string }) => p.name)).toEqual(['Work']);
    const base = h.firstBase();
    const request = await airvault(['request', 'Work', 'GET', `/${base.id}/${base.tables[0]!.id}`, '--query', 'maxRecords=2'], env);
    expect(request.code, request.stderr).toBe(0);
    expect(JSON.parse(request.stdout).records).toHaveLength(2);
    const post = await airvault(['request', 'Work', 'POST', `/${base.id}/${base.tables[0]!.id}`, '--json', '{"fields":{"Name":"From the CLI"}}'], env);
    expect(JSON.parse(post.stdout).fields.Name).toBe('From the CLI');
    const bad = await airvault(['profile', 'add', 'Bad', '--pat'], env, 'patNotAcceptedByAirtable.000000\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('did not accept this token');
    expect(JSON.parse((await airvault(['profile', 'list'], env)).stdout)).toHaveLength(1);
    expect((await airvault(['profile', 'remove', 'Work'], env)).code).toBe(0);
    expect(JSON.parse((await airvault(['profile', 'list'], env)).stdout)).toEqual([]);
  }, 60_000);

  it('remembers the API a profile was connected to: later commands without the flag still go there', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'airvault-cli-'));
    const added = await airvault(['profile', 'add', 'Sandboxed', '--pat'], { AIRVAULT_DATA_DIR: dataDir, AIRVAULT_API_URL: `${h.sandbox.url}/v0` }, `${h.sandbox.defaultPat}\n`);
    expect(added.code, added.stderr).toBe(0);
    // No --api-url now: Airtable's own endpoints are the host's default, but the grant is the sandbox's.
    const whoami = await airvault(['request', 'Sandboxed', 'GET', '/v0/meta/whoami'], { AIRVAULT_DATA_DIR: dataDir, AIRVAULT_API_URL: '' });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ id: 'usrSandboxOwner01' });
    const bare = await airvault(['request', 'Sandboxed', 'GET', 'meta/whoami'], { AIRVAULT_DATA_DIR: dataDir, AIRVAULT_API_URL: '' });
    expect(JSON.parse(bare.stdout)).toMatchObject({ id: 'usrSandboxOwner01' });
    expect((await airvault(['profile', 'remove', 'Sandboxed'], { AIRVAULT_DATA_DIR: dataDir })).code).toBe(0);
  }, 60_000);

  it('names the API address when a token cannot be checked there', async () => {
    const env = { AIRVAULT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'airvault-cli-')), AIRVAULT_API_URL: `${h.sandbox.url}/nothing-here` };
    const added = await airvault(['profile', 'add', 'Wrong', '--pat'], env, `${h.sandbox.defaultPat}\n`);
    expect(added.code).toBe(1);
    expect(added.stderr).toContain(`${h.sandbox.url}/nothing-here did not answer like the Airtable API`);
    const unreachable = await airvault(['profile', 'add', 'Nowhere', '--pat'], { ...env, AIRVAULT_API_URL: 'http://127.0.0.1:9/v0' }, `${h.sandbox.defaultPat}\n`);
    expect(unreachable.stderr).toContain('Could not reach http://127.0.0.1:9/v0');
  }, 60_000);

  it('connects with OAuth: prints the authorize URL and waits for the redirect', async () => {
    const port = await freePort();
    await h.control('clients', { clientId: 'cli-client', redirectUris: [`http://127.0.0.1:${port}/oauth/callback`] });
    const env = {
      AIRVAULT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'airvault-cli-')),
      AIRVAULT_API_URL: `${h.sandbox.url}/v0`,
      AIRVAULT_AUTHORIZE_URL: `${h.sandbox.url}/oauth2/v1/authorize`,
      AIRVAULT_TOKEN_URL: `${h.sandbox.url}/oauth2/v1/token`,
      AIRVAULT_CLIENT_ID: 'cli-client',
      AIRVAULT_OAUTH_PORT: String(port),
    };
    const browser = async (line: string) => {
      if (!line.startsWith(`${h.sandbox.url}/oauth2/v1/authorize?`)) return;
      const consent = await fetch(line, { redirect: 'manual' });
      await fetch(consent.headers.get('location')!);
    };
    const connected = await airvault(['profile', 'connect', 'Team'], env, undefined, (line) => void browser(line));
    expect(connected.code, connected.stderr).toBe(0);
    expect(connected.stdout).toContain('Open this URL to connect');
    const profile = JSON.parse(connected.stdout.slice(connected.stdout.indexOf('{')));
    expect(profile).toMatchObject({ name: 'Team', status: 'active', authKind: 'oauth', airtableUser: { email: 'owner@sandbox.test' } });
    const whoami = await airvault(['request', 'Team', 'GET', '/meta/whoami'], env);
    expect(JSON.parse(whoami.stdout).id).toBe('usrSandboxOwner01');
    await airvault(['profile', 'remove', 'Team'], env);
  }, 60_000);

  it('explains how to use it and refuses unknown commands', async () => {
    const env = { AIRVAULT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'airvault-cli-')) };
    expect((await airvault(['--help'], env)).stdout).toContain('profile add NAME --pat');
    expect((await airvault(['bogus'], env)).code).toBe(2);
  }, 30_000);
});
