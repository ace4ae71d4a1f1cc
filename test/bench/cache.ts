import { parseArgs } from 'node:util';
import { AirtableClient } from '../../electron/core/airtable/client';
import { RequestScheduler } from '../../electron/core/airtable/scheduler/scheduler';
import { staticTokens } from '../../electron/core/airtable/tokenProvider';
import { testRecords } from '../helpers/records';
import { startSandboxProcess } from './sandboxProcess';
import { sandboxTable } from './sandboxRecords';
import { percentile, round, timed } from './stats';
import { createProfileApi } from '../../electron/core/airtable/profileApi';

/**
 * `npm run bench:cache [-- --quick]`: the offline cache's speed on sandbox data. Prints figures
 * and, last, one JSON line. Targets: ≥ 40,000 rows/s stored; search p95 ≤ 10 ms (first 50 hits,
 * 100k rows); filter + sort p95 ≤ 16 ms once indexed; incremental sync ≥ 50× faster than a full
 * re-read after 1% of the records changed.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick;
const ROWS = quick ? 20_000 : 100_000;
const BIG = quick ? 100_000 : 1_000_000;
const SYNC_ROWS = quick ? 5_000 : 100_000;
const WORDS = ['alpha', 'cobalt', 'ember', 'garnet', 'indigo', 'lumen', 'orchid', 'quartz', 'sierra', 'willow', 'grace', 'turing', 'hopper', 'project 1', 'task', 'urgent'];
const out: Record<string, number> = {};
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(46)} ${value}\n`);

function sample(count: number, run: (i: number) => void): { p50: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(timed(() => run(i))[1]);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

async function main(): Promise<void> {
  // Records of mixed field types, exactly as the API returns them (field ids).
  const { base, table, records, schema } = sandboxTable('cache-bench', ROWS);

  const local = testRecords();
  const db = local.cacheDb;
  local.schema.saveSchema(base.id, [schema, { ...schema, id: 'tblBigBenchTable01', name: 'Big', views: [] , fields: schema.fields.map((f) => ({ ...f, id: `${f.id.slice(0, 3)}B${f.id.slice(4)}` })) }]);
  const [, insertMs] = timed(() => {
    for (let i = 0; i < records.length; i += 1000) local.records.upsertFromAirtable(table.id, records.slice(i, i + 1000), Date.now());
  });
  out.insertRowsPerSecond = Math.round(ROWS / (insertMs / 1000));
  line(`insert ${ROWS.toLocaleString('en')} records`, `${out.insertRowsPerSecond.toLocaleString('en')} rows/s`);

  const queries = local.queries;
  const search100 = sample(200, (i) => queries.window({ tableId: table.id, search: WORDS[i % WORDS.length]!, limit: 50 }));
  out.search100kP50 = search100.p50;
  out.search100kP95 = search100.p95;
  line(`search, first 50 hits, ${ROWS.toLocaleString('en')} rows`, `p50 ${search100.p50} ms  p95 ${search100.p95} ms`);

  const field = (name: string) => table.fields.find((f) => f.name === name)!.id;
  const sorts = [field('Quantity'), field('Name'), field('Due'), field('Amount')];
  for (const fieldId of sorts) queries.window({ tableId: table.id, sort: [{ fieldId, direction: 'asc' }], limit: 1 }); // builds the indexes
  const filterSort = sample(200, (i) =>
    queries.window({
      tableId: table.id,
      filters: [i % 2 === 0 ? { op: 'checked', fieldId: field('Done'), value: false } : { op: 'hasAnyOf', fieldId: field('Status'), values: ['Todo', 'Blocked'] }],
      sort: [{ fieldId: sorts[i % sorts.length]!, direction: i % 3 === 0 ? 'desc' : 'asc' }],
      limit: 100,
    }),
  );
  out.filterSortP50 = filterSort.p50;
  out.filterSortP95 = filterSort.p95;
  line(`filter + sort, 100 rows, ${ROWS.toLocaleString('en')} rows`, `p50 ${filterSort.p50} ms  p95 ${filterSort.p95} ms`);

  let after: string | undefined;
  const pages = sample(Math.min(500, ROWS / 100), () => {
    const window = queries.window({ tableId: table.id, sort: [{ fieldId: field('Name'), direction: 'asc' }], limit: 100, ...(after ? { after } : {}) });
    after = window.next ?? undefined;
  });
  out.keysetPageP95 = pages.p95;
  line('keyset page of 100 (sorted by name)', `p50 ${pages.p50} ms  p95 ${pages.p95} ms`);

  // A table of BIG rows for search at scale: the same records again under new ids.
  const bigId = 'tblBigBenchTable01';
  for (let copy = 0; copy * ROWS < BIG; copy++) {
    const batch = records.map((r) => ({ ...r, id: `rec${copy.toString(36).padStart(3, '0')}${r.id.slice(6)}` }));
    for (let i = 0; i < batch.length; i += 5000) local.records.upsertFromAirtable(bigId, batch.slice(i, i + 5000), Date.now());
  }
  const searchBig = sample(100, (i) => queries.window({ tableId: bigId, search: WORDS[i % WORDS.length]!, limit: 50 }));
  out.search1mP50 = searchBig.p50;
  out.search1mP95 = searchBig.p95;
  line(`search, first 50 hits, ${BIG.toLocaleString('en')} rows`, `p50 ${searchBig.p50} ms  p95 ${searchBig.p95} ms`);
  db.close();

  // Incremental sync against a full re-read, over HTTP with Airtable's real limits.
  const remote = await startSandboxProcess(['--seed', `1x1x${SYNC_ROWS}:incremental-bench`, '--latency', '50']);
  try {
    const scheduler = new RequestScheduler();
    const token = remote.info.personalAccessToken;
    const api = createProfileApi(new AirtableClient({ fetch: globalThis.fetch, scheduler, tokens: staticTokens({ bench: token }, `${remote.info.url}/v0`) }), 'bench');
    const synced = testRecords(api);
    const baseId = remote.info.bases[0]!.id;
    const full = synced.baseSync;
    const webhook = synced.webhooks;
    await full.run(baseId);
    await webhook.ensure(baseId);
    const requests = async () => ((await remote.control('stats', {}, 'GET')) as { total: number }).total;
    await remote.control('stats/reset');
    const fullStarted = performance.now();
    await full.run(baseId);
    const fullTime = performance.now() - fullStarted;
    const fullRequests = await requests();
    // 1% of the records change, edited by people in Airtable ten at a time.
    const tableId = synced.cacheDb.prepare('SELECT id FROM tables').get() as { id: string };
    const ids = (synced.cacheDb.prepare('SELECT id FROM records LIMIT ?').all(SYNC_ROWS / 100) as Array<{ id: string }>).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 10) {
      await remote.control(`bases/${baseId}/tables/${tableId.id}/records`, { update: ids.slice(i, i + 10).map((id, j) => ({ id, fields: { Name: `changed ${i + j}` } })) });
    }
    await remote.control('stats/reset');
    const incStarted = performance.now();
    const pulled = await webhook.pull(baseId);
    const incTime = performance.now() - incStarted;
    const incRequests = await requests();
    out.fullResyncRequests = fullRequests;
    out.fullResyncSeconds = round(fullTime / 1000);
    out.incrementalRequests = incRequests;
    out.incrementalSeconds = round(incTime / 1000, 3);
    out.incrementalSpeedup = round(fullTime / incTime, 1);
    line(`full re-read of ${SYNC_ROWS.toLocaleString('en')} records`, `${fullRequests} requests, ${out.fullResyncSeconds} s`);
    line(`incremental sync after ${ids.length} changes`, `${incRequests} requests, ${out.incrementalSeconds} s (${pulled.changed} records applied), ${out.incrementalSpeedup}× faster`);
    synced.cacheDb.close();
  } finally {
    remote.stop();
  }
  process.stdout.write(`${JSON.stringify({ benchmark: 'cache', quick, rows: ROWS, bigRows: BIG, syncRows: SYNC_ROWS, ...out })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cache failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
