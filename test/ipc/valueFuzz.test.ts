import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, methods, type MethodName } from '../../shared/ipc/contract';
import { dispatch } from '../../electron/core/ipc/dispatch';
import type { Logger } from '../../electron/core/ports';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { candidates } from './hostileValues';

/**
 * Checklist 51: hostile values inside valid shapes, on every channel, against the real core
 * with a synced profile and real SQLite. Each call must come back as a typed answer (never
 * INTERNAL, never a crash or a stall of the process), pollute no prototype, and leave the core
 * answering ordinary calls afterwards.
 */

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x30:fuzz', rateLimits: false });
});
afterAll(() => h.sandbox.close());

/**
 * At most this many inputs per channel, spread evenly over its candidates (every key still gets
 * hostile values); schema changes are real writes to the sandbox and cost a schema re-read each.
 */
const PER_CHANNEL = 60;
const PER_SCHEMA_WRITE = 16;

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** Destructive channels last, so the others meet a profile that still exists. */
const LAST: MethodName[] = ['profilesDelete', 'profilesCancelConnect'];

describe('hostile values inside valid shapes (check 51)', () => {
  it('gets a typed answer from every channel for every hostile value, and the core keeps working', async () => {
    const errors: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`) };
    const v = await vaultAgainst(h, { logger });
    const profile = await v.core.handlers.profilesCreate({ name: 'Fuzz' });
    await v.core.handlers.profilesConnectPat({ id: profile.id, token: h.sandbox.defaultPat });
    const base = h.firstBase();
    const table = base.tables[0]!;
    await v.core.sync.sync(profile.id, base.id);
    const record = [...table.records.keys()][0]!;
    const attachment = [...table.records.values()].flatMap((r) => Object.values(r.cells)).flat().find((c): c is { id: string } => typeof c === 'object' && c !== null && String((c as { id?: unknown }).id).startsWith('att'));
    // Real ids first (so handlers get past "not found"), then well-formed ids of nothing.
    const pool = [profile.id, base.id, table.id, ...table.fields.map((f) => f.id), ...table.views.map((view) => view.id), record, attachment?.id ?? 'attAAAAAAAAAAAAAA', 'appZZZZZZZZZZZZZZ', 'tblZZZZZZZZZZZZZZ', 'fldZZZZZZZZZZZZZZ', 'recZZZZZZZZZZZZZZ', 'viwZZZZZZZZZZZZZZ', 'comZZZZZZZZZZZZZZ', `tmp${'0'.repeat(32)}`, '00000000-0000-4000-8000-000000000000'];

    const order = [...methodNames.filter((n) => !LAST.includes(n)), ...LAST];
    let calls = 0;
    for (const name of order) {
      const inputs = spread(candidates(methods[name].input, pool), name.startsWith('schema') ? PER_SCHEMA_WRITE : PER_CHANNEL);
      expect(inputs.length, `${name} has inputs to try`).toBeGreaterThan(0);
      for (const input of inputs) {
        const result = await dispatch(v.core.handlers, name, input, logger);
        calls++;
        const label = `${name} ${JSON.stringify(input).slice(0, 160)}`;
        expect(result.ok || result.error.code !== 'INTERNAL', `${label} → ${JSON.stringify(result).slice(0, 300)}`).toBe(true);
        expect(({} as Record<string, unknown>).polluted, label).toBeUndefined();
      }
      // Still alive and answering: an ordinary call after each channel's hostile ones.
      expect((await dispatch(v.core.handlers, 'appInfo', {}, logger)).ok).toBe(true);
    }
    expect(calls).toBeGreaterThan(400);
    expect(errors).toEqual([]);
    await v.core.stop();
  }, 300_000);
});
