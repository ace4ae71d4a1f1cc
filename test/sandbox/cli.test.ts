import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

describe('sandbox command line', () => {
  it('prints one JSON line with the URL, OAuth endpoints, client id and an all-scope token, and serves the API', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--port', '0', '--seed', 'small'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
      });
      const info = JSON.parse(line) as { url: string; authorizeUrl: string; tokenUrl: string; clientId: string; personalAccessToken: string };
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.authorizeUrl).toBe(`${info.url}/oauth2/v1/authorize`);
      expect(info.tokenUrl).toBe(`${info.url}/oauth2/v1/token`);
      expect(info.clientId).toBeTruthy();
      const me = await fetch(`${info.url}/v0/meta/whoami`, { headers: { authorization: `Bearer ${info.personalAccessToken}` } });
      expect(await me.json()).toEqual({ id: 'usrSandboxOwner01', email: 'owner@sandbox.test' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
