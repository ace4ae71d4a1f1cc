import { createServer } from 'node:net';
import { startSandbox, type SandboxHarness } from './sandboxClient';
import { testCore } from './services';
import type { CorePorts } from '../../electron/core/core';
import { MemorySecretStore } from './memorySecretStore';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A core pointed at a sandbox, with a registered OAuth client whose loopback redirect uses a
 * free port, and a "browser" that follows Airtable's consent redirect to that port.
 */
export async function vaultAgainst(h: SandboxHarness, overrides: Partial<CorePorts> = {}) {
  const port = await freePort();
  const clientId = `client-${port}`;
  await h.control('clients', { clientId, redirectUris: [`http://127.0.0.1:${port}/oauth/callback`] });
  const opened: string[] = [];
  const links: string[] = [];
  const files: Array<{ file: string; how: 'open' | 'reveal' }> = [];
  const secrets = new MemorySecretStore();
  const core = testCore({
    secrets,
    attachmentOrigins: [h.sandbox.url],
    oauthDefaults: { clientId, loopbackPort: port, apiUrl: `${h.sandbox.url}/v0`, authorizeUrl: `${h.sandbox.url}/oauth2/v1/authorize`, tokenUrl: `${h.sandbox.url}/oauth2/v1/token` },
    browser: {
      open: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      openLink: (url) => {
        links.push(url);
        return Promise.resolve();
      },
      openFile: (file, how) => {
        files.push({ file, how });
        return Promise.resolve();
      },
    },
    ...overrides,
  });
  /** What the person's browser does: open the consent page, follow its redirect to our loopback. */
  const approve = async (url = opened[opened.length - 1]!) => {
    const consent = await fetch(url, { redirect: 'manual' });
    const location = consent.headers.get('location');
    if (!location) throw new Error(`no redirect from consent (${consent.status})`);
    const landing = await fetch(location);
    return { status: landing.status, html: await landing.text(), location };
  };
  const connectOAuth = async (name = 'Work') => {
    const profile = core.profiles.create(name);
    const { done } = await core.connect.startOAuth(profile.id);
    await approve();
    return core.profiles.view(await done);
  };
  return { core, secrets, opened, links, files, approve, connectOAuth, port, clientId };
}

export { startSandbox };
