import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/errors';
import type { Fetch } from '../../ports';
import { isUnreachable, type ProfileApi } from '../../airtable';
import type { SqlDatabase } from '../../platform/db/sqlite';
import { readSetting, writeSetting } from '../cache/cacheSettings';
import type { AttachmentUrlPolicy } from './attachmentUrls';
import { safeFileName } from '../../../../shared/domain/localFiles';

export const DEFAULT_THUMBNAIL_CAP_BYTES = 500 * 1024 * 1024;
export interface DownloadLimits {
  /** Thumbnails are small images; anything bigger is not one. */
  thumbnailBytes: number;
  /** A full file fetched on demand (Airtable allows up to 1 GB; past this, open it in Airtable). */
  fileBytes: number;
  /** However slow the network, a download gives up after this long. */
  timeoutMs: number;
}

const DEFAULT_LIMITS: DownloadLimits = { thumbnailBytes: 2 * 1024 * 1024, fileBytes: 200 * 1024 * 1024, timeoutMs: 60_000 };

function imageType(bytes: Buffer): string | null {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && bytes.toString('ascii', 0, 4) === 'GIF8') return 'image/gif';
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

interface Attachment {
  id: string;
  filename: string;
  type?: string;
  url?: string;
  thumbnails?: { small?: { url: string }; large?: { url: string } };
}

export interface AttachmentUsage {
  capBytes: number;
  thumbnailBytes: number;
  fileBytes: number;
  thumbnails: number;
  files: number;
}

const isAttachment = (v: unknown): v is Attachment => typeof v === 'object' && v !== null && typeof (v as Attachment).id === 'string';
const safeId = (id: string) => {
  if (!/^att[A-Za-z0-9]{14}$/.test(id)) throw new AppError('INVALID_INPUT', 'That is not an attachment id.');
  return id;
};

/**
 * Attachments for offline use; the one writer of the `attachments` table. Airtable's attachment URLs expire after two hours, so the cache
 * keeps bytes, not URLs: the large thumbnail of every attachment in synced tables (until the
 * profile's cap is reached) and full files on demand, fetching a fresh URL when the cached one
 * has expired.
 */
export class AttachmentCache {
  constructor(
    private readonly db: SqlDatabase,
    private readonly folder: string,
    private readonly fetch: Fetch,
    private readonly api: ProfileApi,
    private readonly now: () => number,
    private readonly allowed: AttachmentUrlPolicy,
    private readonly limits: DownloadLimits = DEFAULT_LIMITS,
  ) {
    mkdirSync(path.join(folder, 'attachments'), { recursive: true });
  }

  get capBytes(): number {
    const value = readSetting(this.db, 'thumbnailCapBytes');
    return value === undefined ? DEFAULT_THUMBNAIL_CAP_BYTES : Number(value);
  }

  setCap(bytes: number): void {
    if (!Number.isInteger(bytes) || bytes < 0) throw new AppError('INVALID_INPUT', 'The cap is a whole number of bytes.');
    writeSetting(this.db, 'thumbnailCapBytes', String(bytes));
  }

  usage(): AttachmentUsage {
    const sum = (kind: string) => this.db.prepare('SELECT COUNT(*) AS n, IFNULL(SUM(bytes), 0) AS bytes FROM attachments WHERE kind = ?').get(kind) as { n: number; bytes: number };
    const thumbs = sum('thumbnail');
    const files = sum('file');
    return { capBytes: this.capBytes, thumbnailBytes: thumbs.bytes, fileBytes: files.bytes, thumbnails: thumbs.n, files: files.n };
  }

  /** What of an attachment can be shown offline. */
  availability(attachmentId: string): { thumbnail: string | null; file: string | null } {
    const rows = this.db.prepare('SELECT kind, path FROM attachments WHERE id = ?').all(safeId(attachmentId)) as Array<{ kind: string; path: string }>;
    return { thumbnail: rows.find((r) => r.kind === 'thumbnail')?.path ?? null, file: rows.find((r) => r.kind === 'file')?.path ?? null };
  }

  /**
   * A cached thumbnail as a data: URL the renderer can show offline (its CSP allows data:
   * images), or null when none is cached. Only real images are handed out, sniffed from their
   * first bytes, whatever the attachment's own type says.
   */
  thumbnailDataUrl(attachmentId: string): string | null {
    const file = this.availability(attachmentId).thumbnail;
    if (!file || !existsSync(file)) return null;
    const bytes = readFileSync(file);
    const mime = imageType(bytes);
    if (!mime || bytes.length > this.limits.thumbnailBytes) return null;
    return `data:${mime};base64,${bytes.toString('base64')}`;
  }

  /** Downloads the thumbnails a table's cached records lack, stopping at the cap. Returns how many it stored. */
  async cacheThumbnails(tableId: string, signal?: AbortSignal): Promise<{ stored: number; skippedForCap: number }> {
    const fields = (this.db.prepare("SELECT id FROM fields WHERE table_id = ? AND type = 'multipleAttachments'").all(tableId) as Array<{ id: string }>).map((f) => f.id);
    // Synced records only: cells with a local change waiting hold values this machine wrote.
    const cellsOf = this.db.prepare('SELECT id, json_extract(cells, ?) AS value FROM records WHERE table_id = ? AND pending = 0 AND json_type(cells, ?) IS NOT NULL');
    let stored = 0;
    let skippedForCap = 0;
    for (const fieldId of fields) {
      // The field id is bound as a JSON path, never pasted into the statement.
      const path = `$.${fieldId}`;
      const rows = cellsOf.all(path, tableId, path) as Array<{ id: string; value: string }>;
      for (const row of rows) {
        for (const attachment of (JSON.parse(row.value) as unknown[]).filter(isAttachment)) {
          const url = attachment.thumbnails?.large?.url ?? attachment.thumbnails?.small?.url;
          if (!url || this.availability(attachment.id).thumbnail) continue;
          const bytes = await this.download(url, this.limits.thumbnailBytes, signal);
          if (!bytes) continue;
          const used = this.usage();
          if (used.thumbnailBytes + used.fileBytes + bytes.length > this.capBytes) {
            skippedForCap++;
            continue;
          }
          this.store(attachment, 'thumbnail', row.id, fieldId, bytes);
          stored++;
        }
      }
    }
    return { stored, skippedForCap };
  }

  /**
   * The full file, downloaded now if needed (asking Airtable for a fresh URL when the cached one
   * expired), kept under its own name so a system viewer knows its kind. Files count against the
   * profile's cap with the thumbnails; the least recently opened files make room for a new one.
   */
  async file(baseId: string, tableId: string, recordId: string, fieldId: string, attachmentId: string): Promise<{ path: string; filename: string }> {
    const have = this.db.prepare("SELECT path, filename FROM attachments WHERE id = ? AND kind = 'file'").get(safeId(attachmentId)) as { path: string; filename: string } | undefined;
    if (have && existsSync(have.path)) {
      this.db.transaction(() => this.db.prepare("UPDATE attachments SET fetched_at = ? WHERE id = ? AND kind = 'file'").run(this.nextUse(), attachmentId)).immediate();
      return have;
    }
    const find = (cells: Record<string, unknown>) => (Array.isArray(cells[fieldId]) ? (cells[fieldId] as unknown[]) : []).filter(isAttachment).find((a) => a.id === attachmentId);
    // A record with a local change waiting may hold a URL this machine wrote: ask Airtable instead.
    const row = this.db.prepare('SELECT cells FROM records WHERE id = ? AND pending = 0').get(recordId) as { cells: string } | undefined;
    let attachment = row ? find(JSON.parse(row.cells) as Record<string, unknown>) : undefined;
    let bytes = attachment?.url ? await this.download(attachment.url, this.limits.fileBytes) : undefined;
    if (!bytes) {
      // The cached URL has expired (or never was): the record's current answer carries fresh ones.
      const fresh = await this.api.records.get(baseId, tableId, recordId).catch((error: unknown) => {
        if (isUnreachable(error)) throw new AppError('UNAVAILABLE', 'This file was not downloaded while online, and Airtable cannot be reached now. Open it again once connected.');
        throw error;
      });
      attachment = find(fresh.fields);
      if (!attachment?.url) throw new AppError('NOT_FOUND', 'That attachment is no longer on the record.');
      bytes = await this.download(attachment.url, this.limits.fileBytes);
      if (!bytes) throw new AppError('UNAVAILABLE', 'The attachment could not be downloaded (offline, too large, or not from Airtable). Check the connection and try again.');
    }
    this.makeRoom(bytes.length, attachmentId);
    return { path: this.store(attachment!, 'file', recordId, fieldId, bytes), filename: attachment!.filename };
  }

  /** Removes the least recently opened files until `bytes` more fit under the cap, or says why they cannot. */
  private makeRoom(bytes: number, keep: string): void {
    const cap = this.capBytes;
    const total = () => (this.db.prepare('SELECT IFNULL(SUM(bytes), 0) AS n FROM attachments').get() as { n: number }).n;
    const files = this.db.prepare("SELECT id, path FROM attachments WHERE kind = 'file' AND id <> ? ORDER BY fetched_at").all(keep) as Array<{ id: string; path: string }>;
    for (const old of files) {
      if (total() + bytes <= cap) break;
      this.removeStored('file', old.path);
      this.db.transaction(() => this.db.prepare("DELETE FROM attachments WHERE id = ? AND kind = 'file'").run(old.id)).immediate();
    }
    if (total() + bytes > cap) {
      const mb = (n: number) => `${Math.ceil(n / 1_000_000)} MB`;
      throw new AppError('INVALID_INPUT', `This file (${mb(bytes)}) does not fit in the space for offline attachments (${mb(cap)}, thumbnails included). Raise the limit in Settings, or open it in Airtable.`);
    }
  }

  /**
   * The bytes at `url`, if it is one of Airtable's attachment URLs, answers within the timeout
   * and holds at most `maxBytes`: read as a stream and abandoned the moment it grows past the
   * cap, so a hostile or huge answer never fills memory or the disk.
   */
  private async download(url: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer | undefined> {
    if (!this.allowed(url)) return undefined;
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const controller = new AbortController();
    const combined = AbortSignal.any([timeout, controller.signal, ...(signal ? [signal] : [])]);
    try {
      // Redirects are followed by hand (at most 3, as Airtable allows), each target checked again.
      let response = await this.fetch(url, { signal: combined, redirect: 'manual' });
      for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 3; hops++) {
        const next = new URL(response.headers.get('location') ?? '', url).toString();
        if (!this.allowed(next)) return undefined;
        response = await this.fetch(next, { signal: combined, redirect: 'manual' });
      }
      if (!response.ok || !response.body) return undefined;
      if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
        controller.abort();
        return undefined;
      }
      // The reader is cancelled on abort whatever the fetch implementation does with the signal,
      // and a body cut short by a cancel is never taken for a whole one.
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const cancel = () => void reader.cancel().catch(() => undefined);
      combined.addEventListener('abort', cancel, { once: true });
      try {
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > maxBytes) {
            controller.abort();
            return undefined;
          }
          chunks.push(Buffer.from(value));
        }
        return combined.aborted ? undefined : Buffer.concat(chunks);
      } finally {
        combined.removeEventListener('abort', cancel);
      }
    } catch {
      return undefined;
    }
  }

  private store(attachment: Attachment, kind: 'thumbnail' | 'file', recordId: string, fieldId: string, bytes: Buffer): string {
    // A full file keeps its name (in a folder of its own), so the system viewer knows its kind.
    const folder = kind === 'file' ? path.join(this.folder, 'attachments', 'files', safeId(attachment.id)) : path.join(this.folder, 'attachments');
    const file = kind === 'file' ? path.join(folder, safeFileName(attachment.filename)) : path.join(folder, `${safeId(attachment.id)}-thumbnail`);
    mkdirSync(folder, { recursive: true });
    // Never executable, readable by this account only.
    writeFileSync(file, bytes, { mode: 0o600 });
    this.db
      .transaction(() =>
        this.db
          .prepare(
            `INSERT INTO attachments (id, kind, record_id, field_id, filename, type, bytes, path, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(id, kind) DO UPDATE SET bytes = excluded.bytes, path = excluded.path, fetched_at = excluded.fetched_at`,
          )
          .run(attachment.id, kind, recordId, fieldId, attachment.filename, attachment.type ?? null, bytes.length, file, this.nextUse()),
      )
      .immediate();
    return file;
  }

  /** The time of a use, later than every use before it (two opens in one millisecond still have an order). */
  private nextUse(): number {
    const last = (this.db.prepare('SELECT IFNULL(MAX(fetched_at), 0) AS t FROM attachments').get() as { t: number }).t;
    return Math.max(this.now(), last + 1);
  }

  /** Deletes one stored attachment: a file with the folder of its own (and only that folder), or a thumbnail. */
  private removeStored(kind: string, stored: string): void {
    const own = path.dirname(stored);
    const inOwnFolder = kind === 'file' && path.dirname(own) === path.join(this.folder, 'attachments', 'files') && /^att[A-Za-z0-9]{14}$/.test(path.basename(own));
    rmSync(inOwnFolder ? own : stored, { recursive: true, force: true });
  }

  /** Removes cached bytes of attachments whose records are gone. */
  prune(): number {
    const orphans = this.db.prepare('SELECT id, kind, path FROM attachments WHERE record_id NOT IN (SELECT id FROM records)').all() as Array<{ id: string; kind: string; path: string }>;
    for (const orphan of orphans) this.removeStored(orphan.kind, orphan.path);
    this.db.transaction(() => this.db.prepare('DELETE FROM attachments WHERE record_id NOT IN (SELECT id FROM records)').run()).immediate();
    return orphans.length;
  }
}
