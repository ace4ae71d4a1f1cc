import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { FileSecretStore } from '../helpers/fileSecretStore';

/**
 * Two processes of ours sharing one OAuth profile whose access tokens live 20 seconds, both
 * calling Airtable the whole time, each with its own refresh timers. A healthy grant must never
 * be marked needs-reauth, and no refresh token may be sent twice. CI runs it for 60 seconds;
 * `AIRVAULT_RACE_SECONDS=300 npx vitest run test/tokens/refreshRace.test.ts` runs it longer.
 */
const SECONDS = Number(process.env.AIRVAULT_RACE_SECONDS ?? 60);

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());

function racer(job: Record<string, unknown>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/tokens/processWorker.ts', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('two processes racing refreshes of 20-second tokens (hardening issue)', () => {
  it(`never marks a healthy profile needs-reauth and never reuses a refresh token, over ${SECONDS} seconds`, async () => {
    await h.control('tokens/settings', { accessTtlSeconds: 20 });
    const secretsDir = mkdtempSync(path.join(tmpdir(), 'airvault-race-'));
    const v = await vaultAgainst(h, { secrets: new FileSecretStore(secretsDir) });
    const profile = await v.connectOAuth();
    await v.core.stop();
    const oauth = { clientId: v.clientId, apiUrl: `${h.sandbox.url}/v0`, authorizeUrl: `${h.sandbox.url}/oauth2/v1/authorize`, tokenUrl: `${h.sandbox.url}/oauth2/v1/token` };
    const job = { mode: 'race', dataDir: v.core.ports.env.dataFolder, secretsDir, profileId: profile.id, seconds: SECONDS, oauth };
    const results = await Promise.all([racer(job), racer(job)]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const calls = results.map((r) => Number(/done (\d+)/.exec(r.stdout)?.[1] ?? 0));
    expect(Math.min(...calls)).toBeGreaterThan(SECONDS); // both really worked the whole time
    const stats = (await h.control('stats', {}, 'GET')).body as { refreshReuses: number };
    const [grant] = (await h.control('grants', {}, 'GET')).body.grants as Array<{ revoked: boolean; refreshCount: number }>;
    expect(stats.refreshReuses).toBe(0);
    expect(grant).toMatchObject({ revoked: false });
    expect(grant!.refreshCount).toBeGreaterThanOrEqual(Math.floor(SECONDS / 20)); // tokens really expired and were refreshed
    await h.control('tokens/settings', { accessTtlSeconds: 3600 });
  }, (SECONDS + 90) * 1000);
});
