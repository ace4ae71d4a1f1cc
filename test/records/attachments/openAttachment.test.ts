import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../../helpers/vaultHarness';
import type { SandboxHarness } from '../../helpers/sandboxClient';
import { isOpenableAttachment } from '../../../electron/main/localFiles';
import { runsCode, safeFileName } from '../../../shared/domain/localFiles';
import { attachmentBytes } from '../../sandbox/store';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x60:open-files', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

interface Found {
  recordId: string;
  fieldId: string;
  id: string;
  filename: string;
  type: string;
}

/** Every attachment in the sandbox's first table. */
function attachments(): Found[] {
  const table = h.firstTable();
  const fieldId = table.fields.find((f) => f.type === 'multipleAttachments')!.id;
  return [...table.records.values()].flatMap((r) => ((r.cells[fieldId] as Array<{ id: string; filename: string; type: string }> | undefined) ?? []).map((a) => ({ recordId: r.id, fieldId, id: a.id, filename: a.filename, type: a.type })));
}

/** Renames an attachment in "Airtable" before the sync reads it (a hostile or odd file name). */
function rename(found: Found, filename: string): void {
  const cell = h.firstTable().records.get(found.recordId)!.cells[found.fieldId] as Array<{ id: string; filename: string }>;
  cell.find((a) => a.id === found.id)!.filename = filename;
  h.sandbox.store.attachments.get(found.id)!.filename = filename;
}

async function synced() {
  const v = await vaultAgainst(h);
  const profile = await v.core.handlers.profilesCreate({ name: 'Files' });
  await v.core.handlers.profilesConnectPat({ id: profile.id, token: h.sandbox.defaultPat });
  await v.core.sync.sync(profile.id, h.firstBase().id);
  return { v, profileId: profile.id, open: (a: Found) => v.core.handlers.attachmentsOpen({ profileId: profile.id, recordId: a.recordId, fieldId: a.fieldId, attachmentId: a.id }) };
}

describe('opening an attachment from the record panel', () => {
  it('downloads the full file into the profile’s folder and opens it with the system viewer, offline the second time', async () => {
    const { v, open } = await synced();
    const pdf = attachments().find((a) => a.filename.endsWith('.pdf'))!;
    expect(await open(pdf)).toEqual({ filename: pdf.filename, shown: 'viewer' });
    const [opened] = v.files;
    expect(opened!.how).toBe('open');
    expect(path.basename(opened!.file)).toBe(pdf.filename);
    expect(readFileSync(opened!.file)).toEqual(attachmentBytes({ id: pdf.id, filename: pdf.filename, type: pdf.type }));
    // Main would accept exactly this file.
    expect(isOpenableAttachment(opened!.file, v.core.ports.env.dataFolder, 'open')).toBe(true);

    // Offline, hours later: every cached URL has expired and Airtable cannot be asked for new ones.
    await h.control('clock/advance', { ms: 3 * 3600_000 });
    await h.control('faults', { rules: [{ kind: 'drop' }] });
    expect(await open(pdf)).toEqual({ filename: pdf.filename, shown: 'viewer' });
    expect(v.files.at(-1)).toEqual(opened);
    const other = attachments().find((a) => a.id !== pdf.id)!;
    await expect(open(other)).rejects.toMatchObject({ code: 'UNAVAILABLE' }); // never downloaded, and offline now
  });

  it('shows a file that would run code in its folder instead of opening it, under a safe name', async () => {
    const [exe, page, spoof] = attachments();
    rename(exe!, 'invoice.pdf.exe');
    rename(page!, 'report.html');
    rename(spoof!, 'photo\u202egnp.exe'); // right-to-left override: looks like "photoexe.png"
    const { v, open } = await synced();
    expect(await open(exe!)).toEqual({ filename: 'invoice.pdf.exe', shown: 'folder' });
    expect(await open(page!)).toEqual({ filename: 'report.html', shown: 'folder' });
    expect(await open(spoof!)).toMatchObject({ shown: 'folder' });
    expect(v.files.map((f) => f.how)).toEqual(['reveal', 'reveal', 'reveal']);
    expect(path.basename(v.files[2]!.file)).toBe('photo_gnp.exe');
    // And main refuses to open them with a viewer even if asked to.
    for (const { file } of v.files) expect(isOpenableAttachment(file, v.core.ports.env.dataFolder, 'open')).toBe(false);
  });

  it('keeps files under the profile’s cap, making room by dropping the least recently opened; refuses one that cannot fit', async () => {
    const { v, profileId, open } = await synced();
    const files = attachments().filter((a) => !a.type.startsWith('image/')).slice(0, 3);
    const size = (a: Found) => attachmentBytes({ id: a.id, filename: a.filename, type: a.type }).length;
    const usage = () => v.core.handlers.attachmentsUsage({ profileId });
    const thumbnails = (await usage()).thumbnailBytes;
    // Room for two of the three files (whichever two), not for all three.
    const cap = thumbnails + size(files[0]!) + Math.max(size(files[1]!), size(files[2]!)) + 10;
    await v.core.handlers.attachmentsSetCap({ profileId, bytes: cap });
    await open(files[0]!);
    await open(files[1]!);
    await open(files[0]!); // opened again: now the most recent
    await open(files[2]!); // needs room: files[1] goes
    const paths = v.files.map((f) => f.file);
    expect(existsSync(paths[0]!)).toBe(true);
    expect(existsSync(paths[1]!)).toBe(false);
    expect((await usage()).files).toBe(2);
    expect((await usage()).thumbnailBytes + (await usage()).fileBytes).toBeLessThanOrEqual(cap);

    await v.core.handlers.attachmentsSetCap({ profileId, bytes: thumbnails + 10 });
    const before = v.files.length;
    await expect(open(files[1]!)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('does not fit') });
    expect(v.files).toHaveLength(before); // nothing opened
  });

  it('refuses what is not an attachment of that record, with nothing opened', async () => {
    const { v, profileId, open } = await synced();
    const [a, b] = attachments().filter((x, i, all) => all.findIndex((y) => y.recordId === x.recordId) === i);
    await expect(open({ ...a!, id: b!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(open({ ...a!, recordId: 'recZZZZZZZZZZZZZZ' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(v.core.handlers.attachmentsOpen({ profileId, recordId: a!.recordId, fieldId: a!.fieldId, attachmentId: '../../etc/passwd' })).rejects.toBeTruthy();
    expect(v.files).toEqual([]);
  });
});

describe('what main hands to the system (electron/main/localFiles.ts)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'airvault-files-'));
  const folder = path.join(root, 'profiles', 'p1', 'attachments', 'files', 'attAAAAAAAAAAAAAA');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'notes.txt'), 'x');
  writeFileSync(path.join(folder, 'run.sh'), 'x');
  writeFileSync(path.join(root, 'vault.sqlite'), 'x');
  symlinkSync(path.join(root, 'vault.sqlite'), path.join(folder, 'link.txt'));
  const outside = mkdtempSync(path.join(tmpdir(), 'airvault-outside-'));
  writeFileSync(path.join(outside, 'notes.txt'), 'x');

  it('opens a downloaded attachment, and only reveals one that would run code', () => {
    expect(isOpenableAttachment(path.join(folder, 'notes.txt'), root, 'open')).toBe(true);
    expect(isOpenableAttachment(path.join(folder, 'run.sh'), root, 'open')).toBe(false);
    expect(isOpenableAttachment(path.join(folder, 'run.sh'), root, 'reveal')).toBe(true);
  });

  it('refuses anything else: the vault, a file outside, a path climbing out, a link to elsewhere, a missing file', () => {
    for (const file of [path.join(root, 'vault.sqlite'), path.join(outside, 'notes.txt'), path.join(folder, '..', '..', '..', '..', '..', 'vault.sqlite'), path.join(folder, 'link.txt'), path.join(folder, 'missing.txt')]) {
      expect(isOpenableAttachment(file, root, 'reveal'), file).toBe(false);
    }
  });

  it('knows the kinds that run code on each system, and makes any name safe to create', () => {
    for (const name of ['a.exe', 'A.EXE', 'x.bat', 'x.ps1', 'x.lnk', 'x.app', 'x.command', 'x.sh', 'x.desktop', 'x.jar', 'x.html', 'x.svg', 'noextension', 'trailingdot.']) expect(runsCode(name), name).toBe(true);
    for (const name of ['a.pdf', 'b.png', 'c.txt', 'd.docx', 'e.csv', 'f.jpeg']) expect(runsCode(name), name).toBe(false);
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('  ..  ')).toBe('attachment');
    expect(safeFileName(`${'x'.repeat(300)}.pdf`)).toMatch(/^x{116}\.pdf$/);
    expect(safeFileName('a\u0000b:c.txt')).toBe('a_b_c.txt');
  });
});
