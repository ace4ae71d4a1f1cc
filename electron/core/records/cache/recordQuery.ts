import type { z } from 'zod';
import type { Filter } from '../../../../shared/domain/cache';
import { AppError } from '../../platform/errors';
import { CompiledFormula, FormulaLimitError, FormulaSyntaxError, cellToFormulaValue } from '../../formula/index';
import type { ReadonlyDb } from '../../platform/db/sqlite';
import { PendingState } from '../pendingState';
import type { CachedField, SchemaReader } from './schemaRepository';
import { sortExpression } from './sortKeys';
import { ftsExpression, matchesSearch, parseSearch } from '../searchText';

/** How long one window may scan rows that SQL could not filter (a formula, the exact search check). */
const SCAN_BUDGET_MS = 5_000;

/** The filters the UI can build; their shape is part of the IPC contract. */
export type FilterSpec = z.infer<typeof Filter>;

export interface RecordQuery {
  tableId: string;
  search?: string;
  filters?: FilterSpec[];
  /** An Airtable formula, evaluated locally with the same evaluator as the sandbox. */
  formula?: string;
  sort?: Array<{ fieldId: string; direction: 'asc' | 'desc' }>;
  /** The cursor of the last row of the previous window (keyset paging: no OFFSET scans). */
  after?: string;
  /** Show the records of this view, in its order (as last read from Airtable), unless `sort` is given. */
  viewId?: string;
  /**
   * Records to skip before the window starts: a jump far down a table, where no cursor is known
   * yet. SQLite still walks the skipped rows (cheap on the sort index); the window's `next` lets
   * paging go on by cursor from there.
   */
  skip?: number;
  limit: number;
}

export interface CachedRecord {
  id: string;
  createdTime: string;
  cells: Record<string, unknown>;
  pending: boolean;
}

export interface RecordWindow {
  records: CachedRecord[];
  /** Pass as `after` for the next window; null at the end. */
  next: string | null;
}

interface Row {
  id: string;
  cells: string;
  created_time: string;
  pending: number;
  [key: `k${number}`]: unknown;
}

/**
 * Offline queries over a profile's cache: full-text search (FTS5), per-type filters, a local
 * filterByFormula, sorting by any field (an expression index is created the first time a field
 * is sorted on), and keyset windows a virtualised grid can page through.
 */
export class RecordQueries {
  private readonly indexed = new Set<string>();
  constructor(
    private readonly db: ReadonlyDb,
    private readonly schema: SchemaReader,
    /** Whether a view's list was read (only then is it shown in its own order). */
    private readonly views: { state(viewId: string): { syncedAt: number; stale: boolean } | undefined },
    /** Sort indexes are DDL on the records table, so its owner creates them. */
    private readonly ensureSortIndex: (name: string, expression: string) => void,
  ) {}

  window(query: RecordQuery): RecordWindow {
    if (query.after && query.skip) throw new AppError('INVALID_INPUT', 'A window starts after a cursor or after skipping records, not both.');
    const fields = this.schema.fields(query.tableId);
    const field = (id: string) => {
      const found = fields.find((f) => f.id === id);
      if (!found) throw new AppError('INVALID_INPUT', `There is no field ${id} in this table.`);
      return found;
    };
    const searchText = query.search?.trim() ?? '';
    const search = searchText ? parseSearch(searchText) : null;
    // Text with nothing to search for (only punctuation) matches nothing, rather than everything.
    if (searchText && !search) return { records: [], next: null };
    const formula = query.formula ? this.compile(query.formula, fields) : undefined;
    // What SQL cannot decide is checked row by row: the exact search and a formula.
    const accept = (record: CachedRecord) => (!search || matchesSearch(record.cells, search)) && (!formula || formula.matches(this.formulaRecord(record, fields)));
    const filtered = Boolean(search || formula);
    const filters = (query.filters ?? []).map((filter) => filterSql(filter, field(filter.fieldId)));
    const view = this.listedView(query);
    if (view && !search && (query.sort ?? []).length === 0) return this.viewWindow(query, view, filters, accept);
    if (view) filters.push(viewMembership(view));

    if (search && (query.sort ?? []).length === 0) {
      // A search without a sort walks the full-text index itself, in its order, and stops at the window's end.
      const where = ['records_fts MATCH ?', 'r.table_id = ?', 'r.pending <> 2', ...filters.map(([sql]) => sql)];
      const params: unknown[] = [ftsExpression(search), query.tableId, ...filters.flatMap(([, values]) => values)];
      if (query.after) {
        const [after] = decodeCursor(query.after, 1);
        where.push('f.rowid > ?');
        params.push(after);
      }
      const select = `SELECT r.id, r.cells, r.created_time, r.pending, f.rowid AS k0 FROM records_fts f JOIN records r ON r.seq = f.rowid WHERE ${where.join(' AND ')} ORDER BY f.rowid`;
      return this.collect(this.rows(select, params), query.limit, accept, (row) => [row.k0], query.skip ?? 0);
    }

    const sorts = (query.sort ?? []).map((s) => ({ ...sortExpression(field(s.fieldId)), direction: s.direction }));
    for (const [i, s] of (query.sort ?? []).entries()) this.ensureIndex(s.fieldId, sorts[i]!.sql);
    const where: string[] = ['table_id = ?', 'pending <> 2'];
    const params: unknown[] = [query.tableId];
    if (search) {
      where.push('seq IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)');
      params.push(ftsExpression(search));
    }
    for (const [sql, values] of filters) {
      where.push(sql);
      params.push(...values);
    }
    const keys = [...sorts.map((s, i) => ({ sql: s.sql, direction: s.direction, alias: `k${i}` })), { sql: 'id', direction: 'asc' as const, alias: 'kid' }];
    if (query.after) {
      const [sql, cursorParams] = keysetSql(keys, decodeCursor(query.after, keys.length));
      where.push(sql);
      params.push(...cursorParams);
    }
    const select = `SELECT id, cells, created_time, pending${sorts.map((s, i) => `, ${s.sql} AS k${i}`).join('')} FROM records WHERE ${where.join(' AND ')} ORDER BY ${keys.map((k) => `${k.sql} ${k.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}`;
    const cursorOf = (row: Row) => keys.map((k) => (k.alias === 'kid' ? row.id : row[k.alias as `k${number}`]));
    if (!filtered) {
      const rows = this.db.prepare(`${select} LIMIT ? OFFSET ?`).all(...params, query.limit + 1, query.skip ?? 0) as Row[];
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      return { records: rows.slice(0, query.limit).map(toRecord), next: last ? encodeCursor(cursorOf(last)) : null };
    }
    return this.collect(this.rows(select, params), query.limit, accept, cursorOf, query.skip ?? 0);
  }

  /**
   * The view to show, when its list was read (only its records, and ones created here since,
   * which no listing has yet); a view never read shows the whole table.
   */
  private listedView(query: Pick<RecordQuery, 'tableId' | 'viewId'>): string | undefined {
    if (!query.viewId) return undefined;
    if (this.schema.tableOfView(query.viewId)?.id !== query.tableId) throw new AppError('INVALID_INPUT', `There is no view ${query.viewId} in this table.`);
    return this.views.state(query.viewId) ? query.viewId : undefined;
  }

  /**
   * A view in its own order: first its records as Airtable listed them (by position, on the
   * view's index), then records created here since, oldest first (no listing has them yet; in
   * Airtable they would appear at the end of a manually ordered grid too).
   */
  private viewWindow(query: RecordQuery, viewId: string, filters: Array<[string, unknown[]]>, accept: (record: CachedRecord) => boolean): RecordWindow {
    const after = query.after ? Number(decodeCursor(query.after, 1)[0]) : -1;
    const extra = filters.map(([sql]) => ` AND ${sql}`).join('');
    const extraParams = filters.flatMap(([, values]) => values);
    const members = `SELECT r.id, r.cells, r.created_time, r.pending, vr.position AS k0 FROM view_records vr JOIN records r ON r.id = vr.record_id WHERE vr.view_id = ? AND r.table_id = ? AND r.pending <> 2${extra} AND vr.position > ? ORDER BY vr.position`;
    const local = `SELECT r.id, r.cells, r.created_time, r.pending, ${LOCAL_FROM} + r.seq AS k0 FROM records r WHERE r.table_id = ? AND r.pending = 1 AND r.id LIKE 'tmp%'${extra} AND ${LOCAL_FROM} + r.seq > ? ORDER BY r.seq`;
    const rows = this.rows(members, [viewId, query.tableId, ...extraParams, after]);
    const locals = this.rows(local, [query.tableId, ...extraParams, after]);
    return this.collect(chain(rows, locals), query.limit, accept, (row) => [row.k0], query.skip ?? 0);
  }

  private rows(select: string, params: unknown[]): Iterable<Row> {
    return { [Symbol.iterator]: () => this.db.prepare(select).iterate(...params) as IterableIterator<Row> };
  }

  /** Streams rows in order and keeps the ones `accept` takes, until the window is full. */
  private collect(rows: Iterable<Row>, limit: number, accept: (record: CachedRecord) => boolean, cursorOf: (row: Row) => unknown[], skip: number): RecordWindow {
    let toSkip = skip;
    const out: CachedRecord[] = [];
    let last: Row | undefined;
    let more = false;
    // Each record's formula is bounded by its step budget; the scan as a whole by time, so a
    // filter that matches almost nothing over a huge table cannot hold the process for long.
    const deadline = performance.now() + SCAN_BUDGET_MS;
    let scanned = 0;
    for (const row of rows) {
      if (++scanned % 256 === 0 && performance.now() > deadline) throw new AppError('TIMEOUT', 'This filter takes too long over the whole table. Narrow it with a search or another filter first.');
      const record = toRecord(row);
      let accepted: boolean;
      try {
        accepted = accept(record);
      } catch (error) {
        if (error instanceof FormulaLimitError) throw new AppError('INVALID_INPUT', `The formula needs too much work for one record: ${error.message}`);
        throw error;
      }
      if (!accepted) continue;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      if (out.length === limit) {
        more = true;
        break;
      }
      out.push(record);
      last = row;
    }
    return { records: out, next: more && last ? encodeCursor(cursorOf(last)) : null };
  }

  /** Records by id, wherever they are cached (deleted-while-offline ones are left out). */
  byIds(ids: readonly string[]): Array<{ tableId: string; record: CachedRecord }> {
    const rows = this.db.prepare('SELECT id, table_id, cells, created_time, pending FROM records WHERE id IN (SELECT value FROM json_each(?)) AND pending <> 2').all(JSON.stringify(ids)) as Array<Row & { table_id: string }>;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ tableId: row.table_id, record: toRecord(row) }] : [];
    });
  }

  /** Records of a table a person can see (deleted-while-offline ones are left out). */
  /**
   * Records a table shows: every row of the table (counted on its id index, never reading the
   * rows themselves, which hold the cells) less the ones deleted here (a small partial index).
   */
  total(tableId: string): number {
    const all = (this.db.prepare('SELECT COUNT(*) AS n FROM records INDEXED BY records_by_table WHERE table_id = ?').get(tableId) as { n: number }).n;
    const deleted = (this.db.prepare('SELECT COUNT(*) AS n FROM records INDEXED BY records_deleted_here WHERE table_id = ? AND pending = 2').get(tableId) as { n: number }).n;
    return all - deleted;
  }

  /**
   * How many records a query matches, the count a person sees beside a search ("3 records").
   * Filters alone count in SQL; a search or a formula is checked record by record, so the
   * count stops at `cap` and says so.
   */
  count(query: Omit<RecordQuery, 'after' | 'limit'>, cap: number): { count: number; capped: boolean } {
    const fields = this.schema.fields(query.tableId);
    if (!query.search?.trim() && !query.formula?.trim()) {
      const filters = (query.filters ?? []).map((filter) => {
        const field = fields.find((f) => f.id === filter.fieldId);
        if (!field) throw new AppError('INVALID_INPUT', `There is no field ${filter.fieldId} in this table.`);
        return filterSql(filter, field);
      });
      const view = this.listedView(query);
      if (view) filters.push(viewMembership(view));
      const where = ['table_id = ?', 'pending <> 2', ...filters.map(([sql]) => sql)];
      const n = (this.db.prepare(`SELECT COUNT(*) AS n FROM records WHERE ${where.join(' AND ')}`).get(query.tableId, ...filters.flatMap(([, values]) => values)) as { n: number }).n;
      return { count: n, capped: false };
    }
    let count = 0;
    let after: string | undefined;
    for (;;) {
      const window = this.window({ ...query, limit: Math.min(500, cap - count + 1), ...(after ? { after } : {}) });
      count += window.records.length;
      if (count > cap) return { count: cap, capped: true };
      if (!window.next) return { count, capped: false };
      after = window.next;
    }
  }

  private compile(formula: string, fields: CachedField[]): CompiledFormula {
    try {
      return CompiledFormula.compile(formula, (nameOrId) => fields.find((f) => f.id === nameOrId)?.id ?? fields.find((f) => f.name === nameOrId)?.id);
    } catch (error) {
      if (error instanceof FormulaSyntaxError) throw new AppError('INVALID_INPUT', `The formula is invalid: ${error.message}`);
      if (error instanceof FormulaLimitError) throw new AppError('INVALID_INPUT', `The formula is too large to run: ${error.message}`);
      throw error;
    }
  }

  private formulaRecord(record: CachedRecord, fields: CachedField[]) {
    return {
      recordId: record.id,
      createdTime: new Date(record.createdTime),
      now: new Date(),
      lastModifiedTime: () => null,
      value: (fieldId: string) => cellToFormulaValue(fields.find((f) => f.id === fieldId)?.type ?? 'singleLineText', record.cells[fieldId]),
    };
  }

  /** Sorting a field once makes an index for it, so later sorts and windows stay fast. */
  private ensureIndex(fieldId: string, expression: string): void {
    const name = `sort_${fieldId}`;
    if (this.indexed.has(name)) return;
    this.ensureSortIndex(name, expression);
    this.indexed.add(name);
  }
}

function toRecord(row: Row): CachedRecord {
  return { id: row.id, createdTime: row.created_time, cells: JSON.parse(row.cells) as Record<string, unknown>, pending: row.pending === PendingState.Edited };
}

/** Positions of records created here, after every position a view listing can have. */
const LOCAL_FROM = 1e12;

/** Records of a view: the ones its listing had, and ones created here since. */
function viewMembership(viewId: string): [string, unknown[]] {
  return ["(id IN (SELECT record_id FROM view_records WHERE view_id = ?) OR (pending = 1 AND id LIKE 'tmp%'))", [viewId]];
}

function* chain<T>(...lists: Array<Iterable<T>>): Iterable<T> {
  for (const list of lists) yield* list;
}

/** A cell's value in SQL; the field's JSON path is a bound parameter, never part of the statement. */
const CELL = 'json_extract(cells, ?)';

function filterSql(filter: FilterSpec, field: CachedField): [string, unknown[]] {
  const path = `$.${field.id}`;
  switch (filter.op) {
    case 'contains':
      return [`instr(LOWER(IFNULL(CAST(${CELL} AS TEXT), '')), LOWER(?)) > 0`, [path, filter.value]];
    case 'equals':
      return typeof filter.value === 'number' ? [`${CELL} = ?`, [path, filter.value]] : [`LOWER(CAST(${CELL} AS TEXT)) = LOWER(?)`, [path, filter.value]];
    case 'range': {
      const parts: string[] = [];
      const values: unknown[] = [];
      if (filter.min !== undefined) {
        parts.push(`${CELL} >= ?`);
        values.push(path, filter.min);
      }
      if (filter.max !== undefined) {
        parts.push(`${CELL} <= ?`);
        values.push(path, filter.max);
      }
      return [parts.length ? `(${parts.join(' AND ')})` : '1', values];
    }
    case 'before':
      return [`${CELL} < ?`, [path, filter.value]];
    case 'after':
      return [`${CELL} > ?`, [path, filter.value]];
    case 'hasAnyOf':
      return field.type === 'multipleSelects'
        ? ['EXISTS (SELECT 1 FROM json_each(cells, ?) WHERE value IN (SELECT value FROM json_each(?)))', [path, JSON.stringify(filter.values)]]
        : [`${CELL} IN (SELECT value FROM json_each(?))`, [path, JSON.stringify(filter.values)]];
    case 'checked':
      return [filter.value ? `${CELL} = 1` : `IFNULL(${CELL}, 0) = 0`, [path]];
    case 'empty':
      return [filter.value ? `${CELL} IS NULL` : `${CELL} IS NOT NULL`, [path]];
  }
}

/**
 * (k1, k2, …, id) after the cursor, in each key's own direction. The leading bound on k1 is
 * implied by the OR chain, but spelled out it lets SQLite range-scan the sort index instead of
 * walking the table from its start (row-value comparisons do not use expression indexes).
 */
function keysetSql(keys: Array<{ sql: string; direction: 'asc' | 'desc' }>, values: unknown[]): [string, unknown[]] {
  const ors: string[] = [];
  const params: unknown[] = [];
  keys.forEach((key, i) => {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) {
      ands.push(`${keys[j]!.sql} = ?`);
      params.push(values[j]);
    }
    ands.push(`${key.sql} ${key.direction === 'desc' ? '<' : '>'} ?`);
    params.push(values[i]);
    ors.push(`(${ands.join(' AND ')})`);
  });
  const first = keys[0]!;
  return [`${first.sql} ${first.direction === 'desc' ? '<=' : '>='} ? AND (${ors.join(' OR ')})`, [values[0], ...params]];
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values;
  } catch {
    /* fall through */
  }
  throw new AppError('INVALID_INPUT', 'That page cursor does not belong to this query.');
}
