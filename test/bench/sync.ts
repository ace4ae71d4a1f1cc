import { parseArgs } from 'node:util';
import { AirtableClient } from '../../electron/core/airtable/client';
import { RequestScheduler } from '../../electron/core/airtable/scheduler/scheduler';
import { staticTokens } from '../../electron/core/airtable/tokenProvider';
import { startSandboxProcess } from './sandboxProcess';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createProfileApi } from '../../electron/core/airtable/profileApi';

/**
 * `npm run bench:sync [-- --quick]`: Airvault's client against the official `airtable` client on
 * the same machine and the same sandbox (real limits, no time scaling, injected latency), one
 * after the other, on three workloads. Prints a table and, last, one JSON line.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    latency: { type: 'string', default: '150' },
    /** Comma-separated subset of read1, read4, create (all by default). */
    workloads: { type: 'string', default: 'read1,read4,create' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const selected = new Set(values.workloads.split(','));
const withPeer = !values['no-peer'];
const quick = values.quick;
const latency = Number(values.latency);
const tables = quick ? 2 : 10;
const recordsPerTable = quick ? 300 : 2000;
const createCount = quick ? 150 : 2000;
// A bounded wait for the peer: a lockout costs it 30 s, so an unfinished run is reported as such.
const peerLimitMs = quick ? 6_000 : 420_000;

interface Figures {
  workload: string;
  client: 'airvault' | 'airtable.js';
  records: number;
  seconds: number;
  recordsPerSecond: number;
  ceilingRecordsPerSecond: number;
  ratioToCeiling: number;
  http429: number;
  finished: boolean;
  /** The sandbox's longest event-loop stall during the run: a check that the server kept up. */
  sandboxMaxStallMs: number;
}

let stopSandbox = () => {};

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess(['--seed', `4x${tables}x${recordsPerTable}:bench`, '--latency', String(latency), '--jitter', String(Math.round(latency / 10))]);
  stopSandbox = sandbox.stop;
  const { info, control } = sandbox;
  const token = info.personalAccessToken;
  type Schema = { tables: Array<{ id: string; fields: Array<{ id: string; name: string }> }> };
  const schemaOf = async (baseId: string) => (await (await fetch(`${info.url}/v0/meta/bases/${baseId}/tables`, { headers: { authorization: `Bearer ${token}` } })).json()) as Schema;
  const schemas = await Promise.all(info.bases.map((b) => schemaOf(b.id)));
  const baseTables = info.bases.map((b, i) => ({ baseId: b.id, tableIds: schemas[i]!.tables.map((t) => t.id) }));
  // Creates go to the first table of the second base.
  const createTable = schemas[1]!.tables[0]!;
  const nameField = createTable.fields.find((f) => f.name === 'Name')!.id;
  const quantityField = createTable.fields.find((f) => f.name === 'Quantity')!.id;
  const results: Figures[] = [];

  const fresh = async () => {
    // Each run starts with empty rate-limit windows and no lockout, and its own counters.
    await control('gc');
    await control('limits', { resetWindows: true });
    await control('stats/reset');
    await new Promise((r) => setTimeout(r, 1200));
  };
  const measure = async (workload: string, client: Figures['client'], ceiling: number, run: (count: (n: number) => void) => Promise<boolean | void>) => {
    await fresh();
    let records = 0;
    const started = performance.now();
    const finished = (await run((n) => (records += n))) !== false;
    const seconds = (performance.now() - started) / 1000;
    const stats = (await control('stats', {}, 'GET')) as { rateLimited: number; maxEventLoopDelayMs: number };
    const figures: Figures = {
      workload,
      client,
      records,
      seconds: round(seconds),
      recordsPerSecond: round(records / seconds),
      ceilingRecordsPerSecond: ceiling,
      ratioToCeiling: round(records / seconds / ceiling, 3),
      http429: stats.rateLimited,
      finished,
      sandboxMaxStallMs: stats.maxEventLoopDelayMs,
    };
    results.push(figures);
    print(figures);
  };

  const airvault = () => {
    const scheduler = new RequestScheduler();
    const client = new AirtableClient({ fetch: globalThis.fetch, scheduler, tokens: staticTokens({ bench: token }, `${info.url}/v0`) });
    return createProfileApi(client, 'bench');
  };
  const readAll = async (bases: typeof baseTables, count: (n: number) => void) => {
    const api = airvault();
    await Promise.all(bases.flatMap((b) => b.tableIds.map(async (tableId) => {
      for await (const page of api.records.pages(b.baseId, tableId, { pageSize: 100 }, { priority: 'background' })) count(page.length);
    })));
  };
  /** The peer runs in a child process that is killed at its time limit, so nothing of it lingers. */
  const peer = (task: Record<string, unknown>, count: (n: number) => void, limitMs: number) =>
    new Promise<boolean>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/peerWorker.ts', JSON.stringify({ url: info.url, token, ...task })], { stdio: ['ignore', 'pipe', 'inherit'] });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(false);
      }, limitMs);
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('+')) count(Number(line.slice(1)));
        if (line === 'done') {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  const peerReadAll = (bases: typeof baseTables, count: (n: number) => void) => peer({ mode: 'read', targets: bases }, count, peerLimitMs);
  const newRecords = (tag: string) => Array.from({ length: createCount }, (_, i) => ({ [nameField]: `${tag} ${i}`, [quantityField]: i }));

  const one = baseTables.slice(0, 1);
  const readCeiling1 = 500;
  if (selected.has('read1')) {
    await measure(`read 1 base (${tables}×${recordsPerTable})`, 'airvault', readCeiling1, (c) => readAll(one, c));
    if (withPeer) await measure(`read 1 base (${tables}×${recordsPerTable})`, 'airtable.js', readCeiling1, (c) => peerReadAll(one, c));
  }

  // Reads first: the bulk create adds records to one base, which would make the four bases unequal.
  const fourCeiling = Math.min(5 * baseTables.length, 50) * 100;
  if (selected.has('read4')) {
    await measure(`read ${baseTables.length} bases at once`, 'airvault', fourCeiling, (c) => readAll(baseTables, c));
    if (withPeer) await measure(`read ${baseTables.length} bases at once`, 'airtable.js', fourCeiling, (c) => peerReadAll(baseTables, c));
  }


  const target = baseTables[1]!;
  if (selected.has('create')) await measure(`create ${createCount} records`, 'airvault', 50, async (count) => {
    const api = airvault();
    const results = await api.records.create(target.baseId, target.tableIds[0]!, newRecords('airvault').map((fields) => ({ fields })), { onProgress: () => {} });
    count(results.filter((r) => r.ok).length);
  });
  if (selected.has('create') && withPeer) await measure(`create ${createCount} records`, 'airtable.js', 50, (c) => peer({ mode: 'create', targets: [target], fields: newRecords('peer'), concurrency: 5 }, c, peerLimitMs));

  sandbox.stop();
  process.stdout.write(`${JSON.stringify({ benchmark: 'sync', quick, latencyMs: latency, results })}\n`);
  // The peer may still have requests waiting on 30-second backoffs; nothing else is pending.
  process.exit(0);
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function print(f: Figures): void {
  const status = f.finished ? '' : ' (stopped: did not finish in time)';
  process.stdout.write(
    `${f.workload.padEnd(28)} ${f.client.padEnd(12)} ${String(f.records).padStart(6)} records  ${f.seconds.toFixed(1).padStart(6)} s  ${f.recordsPerSecond.toFixed(1).padStart(7)} rec/s  ${(f.ratioToCeiling * 100).toFixed(1).padStart(5)}% of ceiling (${f.ceilingRecordsPerSecond}/s)  429s: ${f.http429}  sandbox stall ≤ ${f.sandboxMaxStallMs} ms${status}\n`,
  );
}

main().catch((error: unknown) => {
  stopSandbox();
  process.stderr.write(`bench:sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
