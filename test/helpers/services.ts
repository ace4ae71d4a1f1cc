import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, type CorePorts, type CoreServices } from '../../electron/core/core';
import { silentLogger, systemClock } from '../../electron/core/ports';
import { MemorySecretStore } from './memorySecretStore';
import type { SqlDatabase } from '../../electron/core/platform/db/sqlite';

export const openSqlite = (file: string) => new Database(file) as unknown as SqlDatabase;

/**
 * A real core (real SQLite in a fresh folder) with test ports; override any of them. `emitted`
 * holds every event sent to the UI, in order.
 */
export function testCore(overrides: Partial<CorePorts> = {}): CoreServices & { ports: CorePorts; emitted: Array<{ event: string; payload: unknown }> } {
  const emitted: Array<{ event: string; payload: unknown }> = [];
  const ports: CorePorts = {
    env: { name: 'Airvault', version: '0.0.0-test', platform: 'linux', dataFolder: mkdtempSync(path.join(tmpdir(), 'airvault-test-')) },
    openDatabase: openSqlite,
    secrets: new MemorySecretStore(),
    fetch: globalThis.fetch,
    clock: systemClock,
    logger: silentLogger,
    browser: { open: () => Promise.resolve(), openLink: () => Promise.resolve(), openFile: () => Promise.resolve() },
    emit: (event, payload) => emitted.push({ event, payload }),
    processId: `test-${process.pid}`,
    backgroundSync: false,
    ...overrides,
  };
  return Object.assign(createCore(ports), { ports, emitted });
}
