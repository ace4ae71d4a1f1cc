import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { consoleLikeLogger } from './host/previewLogger';
import { startSandbox } from '../helpers/vaultHarness';
import { journeyEnv } from './host/journeyEnv';

/**
 * `npm run preview:web`: Airvault in an ordinary browser, for development and demos. Starts the
 * sandbox with demo data, a real core (fresh data folder, secrets in memory) pointed at it, and
 * the test host serving the built renderer; prints the URL to open and a token to connect with.
 * Never part of the packaged app.
 */
const { values } = parseArgs({ options: { seed: { type: 'string', default: '2x3x2000:demo' }, data: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  if (!values['no-build'] || !existsSync('out/renderer/index.html')) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  const h = await startSandbox({ seed: values.seed, rateLimits: true });
  const env = await journeyEnv(h, {
    env: { name: 'Airvault', version: 'preview', platform: process.platform, dataFolder: values.data ?? mkdtempSync(path.join(tmpdir(), 'airvault-preview-')) },
    logger: consoleLikeLogger,
    backgroundSync: {},
    // The "system browser" of a preview: approve the consent page right away and follow its redirect.
    browser: { open: (url) => fetch(url, { redirect: 'manual' }).then((r) => fetch(r.headers.get('location')!)).then(() => undefined), openLink: () => Promise.resolve(), openFile: () => Promise.resolve() },
  });
  const { host, core, clientId } = env;
  process.stdout.write(
    [
      '',
      `Airvault preview: ${host.url}`,
      `Sandbox Airtable: ${h.sandbox.url} (demo data: ${values.seed})`,
      `Personal access token for the sandbox: ${h.sandbox.defaultPat}`,
      `Or choose "Sign in with Airtable": the OAuth client ${clientId} is registered and approves at once.`,
      `Data folder: ${core.ports.env.dataFolder}`,
      'Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => void env.close().then(() => h.sandbox.close()).finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`preview failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
