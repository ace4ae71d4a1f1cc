import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import { testRecords } from '../../helpers/records';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x5:outbox-crash', rateLimits: false });
});
afterAll(() => h.sandbox.close());

describe('the outbox under kill -9 (checklist 29)', () => {
  it('loses no edit and uploads none twice when its process is killed again and again', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'airvault-outbox-crash-'));
    const base = h.firstBase();
    const table = base.tables[0]!;
    const { api } = clientFor(h);
    const first = testRecords(api, { folder });
    await first.baseSync.run(base.id);
    first.cacheDb.close();
    first.outbox.db.close();
    const job = { folder, apiUrl: `${h.sandbox.url}/v0`, token: h.sandbox.defaultPat, baseId: base.id, tableId: table.id, nameField: table.primaryFieldId };
    for (let run = 0; run < 5; run++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/records/outbox/outboxWorker.ts', JSON.stringify({ ...job, run })], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => createInterface({ input: child.stdout }).once('line', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 500));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // Restart once more and let the outbox finish.
    const restarted = testRecords(api, { folder }); // re-applies what the killed process left open
    const db = restarted.outbox.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(restarted.cacheDb.pragma('integrity_check', { simple: true })).toBe('ok');
    const { outbox, replay } = restarted;
    for (let i = 0; i < 5 && outbox.open().length > 0; i++) await replay.run();
    expect(outbox.open()).toEqual([]);
    const edits = db.prepare("SELECT fields, status FROM edits WHERE kind = 'create'").all() as Array<{ fields: string; status: string }>;
    expect(edits.length).toBeGreaterThan(5);
    expect(edits.every((e) => e.status === 'done')).toBe(true);
    const upstream = [...table.records.values()].map((r) => r.cells[table.primaryFieldId] as string).filter((n) => n.startsWith('crash '));
    const wanted = edits.map((e) => (JSON.parse(e.fields) as Record<string, string>)[table.primaryFieldId]!);
    // Every edit reached Airtable exactly once, and nothing else did.
    expect([...upstream].sort()).toEqual([...wanted].sort());
    expect(new Set(upstream).size).toBe(upstream.length);
    db.close();
    restarted.cacheDb.close();
  }, 60_000);
});
