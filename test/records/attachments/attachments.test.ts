import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import { testRecords } from '../../helpers/records';
import { AttachmentCache } from '../../../electron/core/records/attachments/attachmentCache';
import { attachmentUrlPolicy } from '../../../electron/core/records';
import { attachmentBytes } from '../../sandbox/store';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x120:attachments', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

async function setup() {
  const { api } = clientFor(h);
  const p = testRecords(api, { attachmentOrigins: [h.sandbox.url] });
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
    expect(readFileSync(file.path)).toEqual(attachmentBytes({ id: one.id, filename: one.filename, type: one.type }));
    expect(path.basename(file.path)).toBe(one.filename); // its own name: the system viewer knows its kind
    expect(statSync(file.path).mode & 0o777).toBe(0o600); // never executable, this account only
    expect(s.attachments.availability(one.id).file).toBe(file.path);
    await h.control('faults', { rules: [{ kind: 'drop' }] });
    expect(await s.attachments.file(h.firstBase().id, h.firstTable().id, one.recordId, one.fieldId, one.id)).toEqual(file); // offline now
    await h.control('faults', { rules: [] });
  });
});

describe('safe attachment downloads (check 47)', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const BASE = 'appAAAAAAAAAAAAAA';
  const TABLE = 'tblAAAAAAAAAAAAAA';
  const FILES = 'fldAAAAAAAAAAAAA1';

  /** A cache holding one synced record whose attachment thumbnails point at `url`, and a fetch that records what it was asked. */
  function cacheWith(url: string, answer: () => Response | Promise<Response>, limits?: { thumbnailBytes: number; fileBytes: number; timeoutMs: number }) {
    const asked: string[] = [];
    const fetch = ((input: string) => {
      asked.push(String(input));
      return Promise.resolve(answer());
    }) as typeof globalThis.fetch;
    const p = testRecords(undefined, { fetch });
    const attachments = limits ? new AttachmentCache(p.cacheDb, p.folder, fetch, p.api, Date.now, attachmentUrlPolicy(), limits) : p.attachments;
    p.schema.saveSchema(BASE, [{ id: TABLE, name: 'T', primaryFieldId: 'fldAAAAAAAAAAAAA0', fields: [{ id: 'fldAAAAAAAAAAAAA0', name: 'Name', type: 'singleLineText' }, { id: FILES, name: 'Files', type: 'multipleAttachments' }], views: [] }]);
    p.records.upsertFromAirtable(TABLE, [{ id: 'recAAAAAAAAAAAAA1', createdTime: '2026-01-01T00:00:00.000Z', fields: { [FILES]: [{ id: 'attAAAAAAAAAAAAA1', filename: 'a.png', type: 'image/png', url, thumbnails: { large: { url } } }] } }], Date.now());
    return { p, attachments, asked };
  }

  it.each([
    ['https://v5.airtableusercontent.com/v3/u/1/1/x', true],
    ['https://dl.airtable.com/.attachments/x', true],
    ['http://v5.airtableusercontent.com/x', false],
    ['https://airtableusercontent.com.evil.test/x', false],
    ['https://evil.test/x', false],
    ['https://user@dl.airtable.com/x', false],
    ['https://dl.airtable.com:8443/x', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:8787/attachments/x', false],
  ])('downloads from %s: %s', (url, allowed) => {
    expect(attachmentUrlPolicy()(url)).toBe(allowed);
  });

  it('never fetches a URL outside Airtable’s attachment hosts, whatever a record says', async () => {
    const { attachments, asked } = cacheWith('http://169.254.169.254/latest/meta-data', () => new Response(PNG));
    expect(await attachments.cacheThumbnails(TABLE)).toEqual({ stored: 0, skippedForCap: 0 });
    expect(asked).toEqual([]);
  });

  it('abandons a download that grows past its cap, and stores nothing', async () => {
    const huge = () => new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(64 * 1024)) }));
    const { attachments, asked } = cacheWith('https://v5.airtableusercontent.com/t', huge, { thumbnailBytes: 256 * 1024, fileBytes: 1024, timeoutMs: 5_000 });
    expect(await attachments.cacheThumbnails(TABLE)).toEqual({ stored: 0, skippedForCap: 0 });
    expect(asked).toHaveLength(1);
    expect(attachments.usage().thumbnails).toBe(0);
  });

  it('gives up on a download that never finishes', async () => {
    const stalled = () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }));
    const { attachments } = cacheWith('https://v5.airtableusercontent.com/t', stalled, { thumbnailBytes: 1024, fileBytes: 1024, timeoutMs: 200 });
    expect(await attachments.cacheThumbnails(TABLE)).toEqual({ stored: 0, skippedForCap: 0 });
  });

  it('never takes a URL from a local unsent edit', async () => {
    const { p, attachments, asked } = cacheWith('https://v5.airtableusercontent.com/synced', () => new Response(PNG));
    const tempId = p.outbox.create(BASE, TABLE, { [FILES]: [{ id: 'attAAAAAAAAAAAAA2', filename: 'b.png', url: 'https://v5.airtableusercontent.com/typed-here', thumbnails: { large: { url: 'https://v5.airtableusercontent.com/typed-here' } } }] });
    p.outbox.update(BASE, TABLE, 'recAAAAAAAAAAAAA1', { [FILES]: [{ id: 'attAAAAAAAAAAAAA3', filename: 'c.png', url: 'https://v5.airtableusercontent.com/edited-here', thumbnails: { large: { url: 'https://v5.airtableusercontent.com/edited-here' } } }] });
    await attachments.cacheThumbnails(TABLE);
    expect(asked).toEqual([]);
    expect(tempId).toMatch(/^tmp/);
  });
});
