import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import { testRecords } from '../../helpers/records';
import { attachmentBytes } from '../../sandbox/store';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x120:attachments', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

async function setup() {
  const { api } = clientFor(h);
  const p = testRecords(api);
  await p.baseSync.run(h.firstBase().id);
  return { api, db: p.cacheDb, attachments: p.attachments };
}

const withThumbnails = () => {
  const table = h.firstTable();
  const files = table.fields.find((f) => f.name === 'Files')!.id;
  return [...table.records.values()].flatMap((r) => ((r.cells[files] as Array<{ id: string; type: string; filename: string }> | undefined) ?? []).map((a) => ({ ...a, recordId: r.id, fieldId: files })));
};

describe('attachments offline', () => {
  it('keeps a thumbnail of every image and document, and says what is available offline', async () => {
    const s = await setup();
    const all = withThumbnails();
    const thumbable = all.filter((a) => /^image\/|pdf$/.test(a.type));
    const result = await s.attachments.cacheThumbnails(h.firstTable().id);
    expect(result).toEqual({ stored: thumbable.length, skippedForCap: 0 });
    const usage = s.attachments.usage();
    expect(usage.thumbnails).toBe(thumbable.length);
    expect(usage.thumbnailBytes).toBeGreaterThan(0);
    const one = thumbable[0]!;
    const { thumbnail, file } = s.attachments.availability(one.id);
    expect(existsSync(thumbnail!)).toBe(true);
    expect(readFileSync(thumbnail!).subarray(1, 4).toString()).toBe('PNG');
    expect(file).toBeNull();
    // The renderer gets it as an image it can show offline; an attachment without one gets null.
    expect(s.attachments.thumbnailDataUrl(one.id)).toMatch(/^data:image\/png;base64,iVBOR/);
    const none = all.find((a) => !/^image\/|pdf$/.test(a.type));
    if (none) expect(s.attachments.thumbnailDataUrl(none.id)).toBeNull();
    expect(() => s.attachments.thumbnailDataUrl('../../etc/passwd')).toThrow('not an attachment id');
    expect((await s.attachments.cacheThumbnails(h.firstTable().id)).stored).toBe(0); // nothing downloaded twice
  });

  it('stops at the profile’s cap and shows the cap and the use', async () => {
    const s = await setup();
    s.attachments.setCap(2000);
    const result = await s.attachments.cacheThumbnails(h.firstTable().id);
    expect(result.skippedForCap).toBeGreaterThan(0);
    expect(s.attachments.usage().thumbnailBytes).toBeLessThanOrEqual(2000);
    expect(s.attachments.usage().capBytes).toBe(2000);
    expect(() => s.attachments.setCap(-1)).toThrow(/whole number/);
  });

  it('fetches a full file on demand, with a fresh URL once the cached one has expired', async () => {
    const s = await setup();
    const one = withThumbnails()[0]!;
    await h.control('clock/advance', { ms: 2 * 3600_000 + 60_000 }); // every cached URL is now dead
    const file = await s.attachments.file(h.firstBase().id, h.firstTable().id, one.recordId, one.fieldId, one.id);
    expect(readFileSync(file)).toEqual(attachmentBytes({ id: one.id, filename: one.filename, type: one.type }));
    expect(s.attachments.availability(one.id).file).toBe(file);
    await h.control('faults', { rules: [{ kind: 'drop' }] });
    expect(await s.attachments.file(h.firstBase().id, h.firstTable().id, one.recordId, one.fieldId, one.id)).toBe(file); // offline now
    await h.control('faults', { rules: [] });
  });
});
