import { describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox/sandbox';
import { parseSeed } from '../sandbox/seed';
import { computedFieldTypes, writableFieldTypes } from '../../shared/domain/fieldTypes';

describe('sandbox: seed generator', () => {
  it('produces the same ids and values for the same seed, and different ones for another', () => {
    const a = new Sandbox({ seed: '1x2x20:same' });
    const b = new Sandbox({ seed: '1x2x20:same' });
    const c = new Sandbox({ seed: '1x2x20:other' });
    const dump = (s: Sandbox) => JSON.stringify([...s.store.bases.values()].map((base) => ({ id: base.id, tables: base.tables.map((t) => ({ id: t.id, fields: t.fields.map((f) => f.id), records: [...t.records.values()] })) })));
    expect(dump(a)).toBe(dump(b));
    expect(dump(a)).not.toBe(dump(c));
  });

  it('covers every documented field type except manualSort and externalSyncSource', () => {
    const sandbox = new Sandbox({ seed: 'small' });
    const types = new Set([...sandbox.store.bases.values()].flatMap((b) => b.tables.flatMap((t) => t.fields.map((f) => f.type))));
    for (const type of [...writableFieldTypes, ...computedFieldTypes].filter((t) => t !== 'manualSort' && t !== 'externalSyncSource')) expect(types.has(type), type).toBe(true);
  });

  it('builds the benchmark shapes, including a 100,000-record table', () => {
    expect(parseSeed('bench')).toMatchObject({ bases: 4, tablesPerBase: 10, recordsPerTable: 2000 });
    const started = performance.now();
    const sandbox = new Sandbox({ seed: 'large' });
    const table = [...sandbox.store.bases.values()][0]!.tables[0]!;
    expect(table.records.size).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('rejects an unknown seed name with the choices', () => {
    expect(() => parseSeed('nope')).toThrow(/demo, small, bench, large, empty/);
  });
});
