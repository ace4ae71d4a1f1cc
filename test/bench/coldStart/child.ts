import Database from 'better-sqlite3';
import { createCore } from '../../../electron/core/core';
import type { SqlDatabase } from '../../../electron/core/platform/db/sqlite';
import { silentLogger, systemClock, type Logger } from '../../../electron/core/ports';
import { dispatch } from '../../../electron/core/ipc/dispatch';
import { FileSecretStore } from '../../helpers/fileSecretStore';

/**
 * One cold start, bundled like the app's main process and run in a fresh process: the time from
 * the process's start to the first answered IPC call (the profile list the window asks for first),
 * and to the first window of records of each profile (opening its cache). Prints one JSON line.
 */
const [dataFolder, secretsFolder] = process.argv.slice(2) as [string, string];
/** Warnings reach the bench's output (a rebuilt cache would explain a slow start). */
const logger: Logger = { ...silentLogger, warn: (message, fields) => process.stderr.write(`warn: ${message} ${JSON.stringify(fields ?? {})}\n`), error: (message, fields) => process.stderr.write(`error: ${message} ${JSON.stringify(fields ?? {})}\n`) };
const since = () => Math.round(performance.now() * 10) / 10;

async function main(): Promise<void> {
  const loaded = since();
  const core = createCore({
    env: { name: 'Airvault', version: 'bench', platform: process.platform, dataFolder },
    openDatabase: (file) => new Database(file) as unknown as SqlDatabase,
    secrets: new FileSecretStore(secretsFolder),
    fetch: () => Promise.reject(new Error('no network in a cold-start run')),
    clock: systemClock,
    logger,
    browser: { open: () => Promise.resolve(), openLink: () => Promise.resolve(), openFile: () => Promise.resolve() },
    emit: () => undefined,
    processId: `bench-${process.pid}`,
    backgroundSync: false,
  });
  const started = core.start();
  const list = await dispatch(core.handlers, 'profilesList', {}, silentLogger);
  const firstAnswer = since();
  if (!list.ok) throw new Error(list.error.message);
  const profiles = list.value as Array<{ id: string }>;
  const windows: number[] = [];
  for (const profile of profiles) {
    const schema = await dispatch(core.handlers, 'cacheSchema', { profileId: profile.id }, silentLogger);
    if (!schema.ok) throw new Error(schema.error.message);
    const table = (schema.value as { bases: Array<{ tables: Array<{ id: string }> }> }).bases[0]!.tables[0]!;
    const window = await dispatch(core.handlers, 'recordsWindow', { profileId: profile.id, tableId: table.id, limit: 100 }, silentLogger);
    if (!window.ok || (window.value as { records: unknown[] }).records.length !== 100) throw new Error(`no records: ${JSON.stringify(window).slice(0, 300)}`);
    windows.push(since());
  }
  await started;
  const ready = since();
  await core.stop();
  process.stdout.write(`${JSON.stringify({ modulesLoadedMs: loaded, firstAnswerMs: firstAnswer, profiles: profiles.length, firstWindowOfEachMs: windows, startedMs: ready })}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
