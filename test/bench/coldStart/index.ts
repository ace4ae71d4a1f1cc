import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { startSandbox } from '../../helpers/sandboxClient';
import { testCore } from '../../helpers/services';
import { FileSecretStore } from '../../helpers/fileSecretStore';
import { sandboxTable } from '../sandboxRecords';
import { percentile } from '../stats';

/**
 * `npm run bench:start [-- --quick]`: the core's cold start with five profiles of 100,000 cached
 * records each. The child is bundled like the app's main process (one file, native modules
 * outside) and started fresh several times; each run reports the time from process start to the
 * first answered IPC call and to the first window of records of every profile. Reference on the
 * same run: a bare Node process that opens the same five caches and reads 100 rows from each with
 * better-sqlite3 (the floor any design pays). Target: first answer ≤ 300 ms.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, runs: { type: 'string', default: '7' } } });
const PROFILES = 5;
const ROWS = values.quick ? 10_000 : 100_000;
const RUNS = Number(values.runs);

async function prepare(): Promise<{ dataFolder: string; secretsFolder: string; caches: string[] }> {
  const root = mkdtempSync(path.join(tmpdir(), 'airvault-coldstart-'));
  const secretsFolder = path.join(root, 'secrets');
  mkdirSync(path.join(root, 'data'));
  const h = await startSandbox({ seed: '1x1x1:coldstart', rateLimits: false });
  const core = testCore({ env: { name: 'Airvault', version: 'bench', platform: process.platform, dataFolder: path.join(root, 'data') }, secrets: new FileSecretStore(secretsFolder), oauthDefaults: { apiUrl: `${h.sandbox.url}/v0` } });
  const { base, table, records, schema } = sandboxTable('coldstart', ROWS);
  const caches: string[] = [];
  for (let i = 0; i < PROFILES; i++) {
    const profile = await core.handlers.profilesCreate({ name: `Profile ${i + 1}` });
    await core.handlers.profilesConnectPat({ id: profile.id, token: h.sandbox.defaultPat });
    const slice = core.workspaces.records(profile.id);
    slice.schema.saveBases([{ id: base.id, name: base.name, permissionLevel: 'create' }]);
    slice.schema.saveSchema(base.id, [schema]);
    // As a finished first sync leaves it.
    const startedAt = Date.now();
    slice.state.beginFullSync(base.id, table.id, startedAt);
    for (let at = 0; at < records.length; at += 5000) slice.records.upsertFromAirtable(table.id, records.slice(at, at + 5000), startedAt);
    slice.state.finishFullSync(table.id, startedAt, Date.now());
    caches.push(path.join(core.profiles.dataFolder(profile.id), 'cache.sqlite'));
  }
  await core.stop();
  await h.sandbox.close();
  return { dataFolder: path.join(root, 'data'), secretsFolder, caches };
}

async function bundle(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'airvault-coldstart-bundle-'));
  await build({
    logLevel: 'silent',
    configFile: false,
    build: { ssr: path.resolve('test/bench/coldStart/child.ts'), outDir, minify: false, rollupOptions: { external: ['better-sqlite3', '@github/keytar'], output: { format: 'cjs', entryFileNames: 'child.cjs' } } },
    ssr: { noExternal: true, external: ['better-sqlite3', '@github/keytar'] },
  });
  return path.join(outDir, 'child.cjs');
}

/** The floor: open each cache with better-sqlite3 in a fresh process and read a window of 100 rows. */
function reference(caches: string[]): number {
  const script = `const D=require('better-sqlite3');for(const f of JSON.parse(process.argv[1])){const d=new D(f);d.pragma('journal_mode = WAL');d.prepare('SELECT id, cells FROM records ORDER BY seq LIMIT 100').all();}process.stdout.write(String(performance.now()))`;
  return Number(execFileSync(process.execPath, ['-e', script, JSON.stringify(caches)], { encoding: 'utf8' }));
}

async function main(): Promise<void> {
  const { dataFolder, secretsFolder, caches } = await prepare();
  const child = await bundle();
  const runs: Array<{ modulesLoadedMs: number; firstAnswerMs: number; firstWindowOfEachMs: number[]; startedMs: number }> = [];
  const floors: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [child, dataFolder, secretsFolder], { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, NODE_PATH: path.resolve('node_modules') } })) as (typeof runs)[number]);
    floors.push(reference(caches));
  }
  const p50 = (pick: (r: (typeof runs)[number]) => number) => Math.round(percentile(runs.map(pick), 50));
  const figures = {
    profiles: PROFILES,
    recordsPerProfile: ROWS,
    runs: RUNS,
    modulesLoadedP50Ms: p50((r) => r.modulesLoadedMs),
    firstAnswerP50Ms: p50((r) => r.firstAnswerMs),
    firstAnswerMaxMs: Math.round(Math.max(...runs.map((r) => r.firstAnswerMs))),
    allFiveWindowsP50Ms: p50((r) => r.firstWindowOfEachMs.at(-1) ?? Number.NaN),
    referenceOpenFiveCachesP50Ms: Math.round(percentile(floors, 50)),
  };
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)} ${value}\n`);
  line(`cold start, ${PROFILES} profiles × ${ROWS.toLocaleString('en')} records, ${RUNS} runs (p50)`, '');
  line('  modules loaded (bundled core)', `${figures.modulesLoadedP50Ms} ms`);
  line('  first answered IPC call (profiles:list)   target ≤ 300', `${figures.firstAnswerP50Ms} ms (max ${figures.firstAnswerMaxMs})`);
  line('  first window of records of all five profiles', `${figures.allFiveWindowsP50Ms} ms`);
  line('  reference: bare Node opening the five caches, 100 rows each', `${figures.referenceOpenFiveCachesP50Ms} ms`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

void main();
