import { parseArgs } from 'node:util';
import { Sandbox } from './sandbox';
import { parseSeed } from './seed';

/**
 * `npm run sandbox -- --port 8787 --seed demo`: starts the sandbox and prints one JSON line
 * with its base URL, the OAuth endpoints, a client id and a personal access token with every scope.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    seed: { type: 'string', default: 'demo' },
    'time-scale': { type: 'string' },
    latency: { type: 'string' },
    jitter: { type: 'string' },
    quota: { type: 'string' },
    'no-limits': { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const sandbox = await Sandbox.start({
  port: Number(values.port),
  seed: parseSeed(values.seed),
  rateLimits: !values['no-limits'],
  ...(values['time-scale'] ? { timeScale: Number(values['time-scale']) } : {}),
  ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
  ...(values.jitter ? { jitterMs: Number(values.jitter) } : {}),
  ...(values.quota ? { monthlyQuota: Number(values.quota) } : {}),
});
  process.stdout.write(`${JSON.stringify(sandbox.info())}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
