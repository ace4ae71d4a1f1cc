import { randomBytes } from 'node:crypto';
import { solidPng } from './png';
import { makeId } from './rng';
import { errors } from './errors';
import { findField, type Base, type Collaborator, type Field, type StoredRecord, type Table } from './model';
import { normaliseWrite, type WriteContext } from './cellWrite';
import { readCell, type ReadContext } from './cellRead';
import type { SandboxClock } from './clock';

/** One committed change to a base, as webhooks report it (one payload per transaction). */
export interface BaseChange {
  baseId: string;
  actorId: string;
  source: 'publicApi' | 'client';
  tables: Map<string, TableChange>;
}

export interface TableChange {
  createdRecords: Map<string, { createdTime: string; cells: Record<string, unknown> }>;
  changedRecords: Map<string, { current: Record<string, unknown>; previous: Record<string, unknown> }>;
  destroyedRecordIds: string[];
  createdFields: Map<string, { name: string; type: string }>;
  changedFields: Map<string, { current: Record<string, unknown>; previous: Record<string, unknown> }>;
  destroyedFieldIds: string[];
  changedMetadata?: { current: Record<string, unknown>; previous: Record<string, unknown> };
  created?: boolean;
}

export interface RecordInput {
  id?: string;
  fields: Record<string, unknown>;
}

export interface AttachmentFile {
  id: string;
  filename: string;
  type: string;
  size: number;
}

export const randomId = (prefix: string) => makeId(prefix, () => randomBytes(1)[0]! / 256);

/**
 * The sandbox's data: bases, users, attachments. Record writes validate every record of a
 * request before applying any (Airtable's batch writes are all-or-nothing) and keep linked
 * fields symmetric, as Airtable does.
 */
export class SandboxStore {
  readonly bases = new Map<string, Base>();
  readonly users = new Map<string, Collaborator>();
  readonly attachments = new Map<string, AttachmentFile>();
  readonly listeners = new Set<(change: BaseChange) => void>();

  constructor(
    readonly clock: SandboxClock,
    private readonly attachmentUrl: ReadContext['attachmentUrl'],
  ) {}

  readContext(base: Base): ReadContext {
    return { base, users: this.users, now: () => this.clock.now(), attachmentUrl: this.attachmentUrl };
  }

  emptyChange(base: Base, actorId: string, source: BaseChange['source'] = 'publicApi'): BaseChange {
    return { baseId: base.id, actorId, source, tables: new Map() };
  }

  tableChange(change: BaseChange, tableId: string): TableChange {
    let entry = change.tables.get(tableId);
    if (!entry) {
      entry = { createdRecords: new Map(), changedRecords: new Map(), destroyedRecordIds: [], createdFields: new Map(), changedFields: new Map(), destroyedFieldIds: [] };
      change.tables.set(tableId, entry);
    }
    return entry;
  }

  commit(change: BaseChange): void {
    if (change.tables.size === 0) return;
    for (const listener of this.listeners) listener(change);
  }

  createAttachment = (input: { url: string; filename?: string }): Record<string, unknown> => {
    const id = randomId('att');
    const filename = input.filename ?? decodeURIComponent(new URL(input.url).pathname.split('/').pop() || 'file');
    const type = mimeType(filename);
    const file: AttachmentFile = { id, filename, type, size: 0 };
    file.size = attachmentBytes(file).length;
    this.attachments.set(id, file);
    return { id, filename, type, size: file.size, ...(type.startsWith('image/') ? { width: 64, height: 64 } : {}) };
  };

  private resolveFields(table: Table, fields: Record<string, unknown>): Array<[Field, unknown]> {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw errors.invalidRecords('Each record needs a "fields" object');
    return Object.entries(fields).map(([key, value]) => {
      const field = findField(table, key);
      if (!field) throw errors.unknownField(key);
      return [field, value];
    });
  }

  private writeContext(base: Base, table: Table, typecast: boolean): WriteContext {
    return { base, table, users: this.users, typecast, createAttachment: this.createAttachment };
  }

  createRecords(base: Base, table: Table, inputs: RecordInput[], options: { typecast: boolean; actorId: string; source?: BaseChange['source'] }): StoredRecord[] {
    const ctx = this.writeContext(base, table, options.typecast);
    const prepared = inputs.map((input) => {
      const cells: Record<string, unknown> = {};
      for (const [field, value] of this.resolveFields(table, input.fields)) {
        const normal = normaliseWrite(ctx, field, value, undefined);
        if (normal !== undefined) cells[field.id] = normal;
      }
      return cells;
    });
    const now = this.clock.now();
    const change = this.emptyChange(base, options.actorId, options.source);
    const created = prepared.map((cells) => {
      const record: StoredRecord = {
        id: randomId('rec'),
        createdTime: new Date(now).toISOString(),
        cells,
        modifiedAt: Object.fromEntries(Object.keys(cells).map((id) => [id, now])),
        lastModifiedAt: now,
        createdBy: options.actorId,
        lastModifiedBy: options.actorId,
        autoNumber: table.nextAutoNumber++,
        comments: [],
      };
      table.records.set(record.id, record);
      return record;
    });
    for (const record of created) {
      for (const field of table.fields) if (field.type === 'multipleRecordLinks' && record.cells[field.id]) this.syncInverse(base, table, field, record, [], change, now, options.actorId);
      this.tableChange(change, table.id).createdRecords.set(record.id, { createdTime: record.createdTime, cells: this.snapshot(base, table, record) });
    }
    this.commit(change);
    return created;
  }

  updateRecords(
    base: Base,
    table: Table,
    inputs: RecordInput[],
    options: { typecast: boolean; destructive: boolean; actorId: string; source?: BaseChange['source'] },
  ): StoredRecord[] {
    const ctx = this.writeContext(base, table, options.typecast);
    const prepared = inputs.map((input) => {
      const record = input.id ? table.records.get(input.id) : undefined;
      if (!record) throw errors.modelIdNotFound(String(input.id));
      const writes = new Map<string, unknown>();
      for (const [field, value] of this.resolveFields(table, input.fields)) writes.set(field.id, normaliseWrite(ctx, field, value, record.cells[field.id]));
      if (options.destructive) for (const field of table.fields) if (!writes.has(field.id) && field.id in record.cells) writes.set(field.id, undefined);
      return { record, writes };
    });
    const now = this.clock.now();
    const change = this.emptyChange(base, options.actorId, options.source);
    for (const { record, writes } of prepared) this.applyWrites(base, table, record, writes, change, now, options.actorId);
    this.commit(change);
    return prepared.map((p) => p.record);
  }

  /** Sets cells on one record, records the change for webhooks and keeps links symmetric. */
  applyWrites(base: Base, table: Table, record: StoredRecord, writes: Map<string, unknown>, change: BaseChange, now: number, actorId: string): void {
    const before = this.snapshot(base, table, record);
    let changed = false;
    for (const [fieldId, value] of writes) {
      const previous = record.cells[fieldId];
      if (JSON.stringify(previous) === JSON.stringify(value)) continue;
      changed = true;
      if (value === undefined) delete record.cells[fieldId];
      else record.cells[fieldId] = value;
      record.modifiedAt[fieldId] = now;
      const field = table.fields.find((f) => f.id === fieldId);
      if (field?.type === 'multipleRecordLinks') this.syncInverse(base, table, field, record, Array.isArray(previous) ? (previous as string[]) : [], change, now, actorId);
    }
    if (!changed) return;
    record.lastModifiedAt = now;
    record.lastModifiedBy = actorId;
    this.noteChanged(change, table, record.id, before, this.snapshot(base, table, record));
  }

  deleteRecords(base: Base, table: Table, ids: string[], options: { actorId: string; source?: BaseChange['source'] }): string[] {
    for (const id of ids) if (!table.records.has(id)) throw errors.modelIdNotFound(id);
    const now = this.clock.now();
    const change = this.emptyChange(base, options.actorId, options.source);
    for (const id of ids) {
      const record = table.records.get(id);
      if (!record) continue;
      // Airtable removes a deleted record from every cell that links to it; the linking records'
      // "before" is taken while the record still exists, so computed changes (rollups, counts) show.
      const linking: Array<{ other: Table; record: StoredRecord; fieldId: string; cell: unknown[]; before: Record<string, unknown> }> = [];
      for (const other of base.tables) {
        for (const field of other.fields.filter((f) => f.type === 'multipleRecordLinks' && f.options?.linkedTableId === table.id)) {
          for (const candidate of other.records.values()) {
            const cell = candidate.cells[field.id];
            if (Array.isArray(cell) && cell.includes(id)) linking.push({ other, record: candidate, fieldId: field.id, cell, before: this.snapshot(base, other, candidate) });
          }
        }
      }
      table.records.delete(id);
      this.tableChange(change, table.id).destroyedRecordIds.push(id);
      for (const link of linking) {
        const next = link.cell.filter((x) => x !== id);
        if (next.length > 0) link.record.cells[link.fieldId] = next;
        else delete link.record.cells[link.fieldId];
        link.record.modifiedAt[link.fieldId] = now;
        link.record.lastModifiedAt = now;
        link.record.lastModifiedBy = options.actorId;
        this.noteChanged(change, link.other, link.record.id, link.before, this.snapshot(base, link.other, link.record));
      }
    }
    this.commit(change);
    return ids;
  }

  private syncInverse(base: Base, table: Table, field: Field, record: StoredRecord, previous: string[], change: BaseChange, now: number, actorId: string): void {
    const linkedTable = base.tables.find((t) => t.id === field.options?.linkedTableId);
    const inverseId = field.options?.inverseLinkFieldId;
    if (!linkedTable || typeof inverseId !== 'string' || (linkedTable === table && inverseId === field.id)) return;
    const current = Array.isArray(record.cells[field.id]) ? (record.cells[field.id] as string[]) : [];
    for (const id of new Set([...previous, ...current])) {
      const linked = linkedTable.records.get(id);
      if (!linked) continue;
      const cell = Array.isArray(linked.cells[inverseId]) ? (linked.cells[inverseId] as string[]) : [];
      const shouldLink = current.includes(id);
      if (shouldLink === cell.includes(record.id)) continue;
      const next = shouldLink ? [...cell, record.id] : cell.filter((x) => x !== record.id);
      const before = this.snapshot(base, linkedTable, linked);
      if (next.length > 0) linked.cells[inverseId] = next;
      else delete linked.cells[inverseId];
      linked.modifiedAt[inverseId] = now;
      linked.lastModifiedAt = now;
      linked.lastModifiedBy = actorId;
      this.noteChanged(change, linkedTable, linked.id, before, this.snapshot(base, linkedTable, linked));
    }
  }

  private noteChanged(change: BaseChange, table: Table, recordId: string, before: Record<string, unknown>, after: Record<string, unknown>): void {
    const entry = this.tableChange(change, table.id);
    const created = entry.createdRecords.get(recordId);
    if (created) {
      created.cells = after;
      return;
    }
    const existing = entry.changedRecords.get(recordId);
    const previous = existing?.previous ?? before;
    const current: Record<string, unknown> = {};
    const prev: Record<string, unknown> = {};
    for (const id of new Set([...Object.keys(previous), ...Object.keys(after)])) {
      if (JSON.stringify(previous[id]) !== JSON.stringify(after[id])) {
        current[id] = after[id] ?? null;
        prev[id] = previous[id] ?? null;
      }
    }
    if (Object.keys(current).length > 0) entry.changedRecords.set(recordId, { current, previous: prev });
  }

  /** Every non-empty cell value (computed included) keyed by field id, for change payloads. */
  snapshot(base: Base, table: Table, record: StoredRecord): Record<string, unknown> {
    const ctx = this.readContext(base);
    const out: Record<string, unknown> = {};
    for (const field of table.fields) {
      const value = readCell(ctx, table, field, record);
      if (value !== undefined && value !== null && value !== '' && value !== false && !(Array.isArray(value) && value.length === 0)) out[field.id] = value;
    }
    return out;
  }
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
};

export function mimeType(filename: string): string {
  return MIME[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** Deterministic content for an attachment, so downloads and thumbnails have real bytes. */
export function attachmentBytes(file: Pick<AttachmentFile, 'id' | 'filename' | 'type'>, thumbnail?: 'small' | 'large' | 'full'): Buffer {
  const hue = [...file.id].reduce((a, c) => a + c.charCodeAt(0), 0) % 360;
  // Thumbnails are PNGs, as Airtable's are; the "original" images stay small SVGs.
  if (thumbnail) return solidPng(thumbnail === 'small' ? 36 : thumbnail === 'large' ? 128 : 256, hueToRgb(hue));
  if (file.type.startsWith('image/')) {
    const size = 64;
    return Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="hsl(${hue},60%,55%)"/><text x="4" y="${size / 2}" font-size="${size / 6}">${escapeXml(file.filename)}</text></svg>`,
    );
  }
  return Buffer.from(`Sandbox attachment ${file.id}: ${file.filename}\n`.repeat(16));
}

function hueToRgb(hue: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (0.55 - 0.33 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
