import type { StateCreator } from 'zustand';
import { writableCells } from '../../../../shared/domain/writableCells';
import { call } from '../../lib/api';
import { findTable, useSchema } from '../schemaStore';
import { refreshed, withRecord, withUndo } from './transitions';
import type { EditsSlice, GridRecord, GridState } from './types';

/** records:get takes this many ids at a time. */
const GET_BATCH = 200;
/** records:delete and records:restore take this many at a time. */
const DELETE_BATCH = 1000;

/**
 * Edits are shown at once (pending) and go through the outbox; each one that reached it is kept
 * for undo. Creates and deletes refresh the rows in place, since positions shift.
 */
export const createEditsSlice: StateCreator<GridState, [], [], EditsSlice> = (set, get) => {
  const where = () => {
    const { profileId, baseId, tableId } = get();
    return { profileId: profileId!, baseId: baseId!, tableId: tableId! };
  };

  // The table's fields as the schema has them now, not when the record was read: a field
  // deleted since would make Airtable refuse the whole record.
  const writable = (cells: Record<string, unknown>) => {
    const { profileId, tableId } = get();
    const found = profileId ? findTable(useSchema.getState().byProfile[profileId], tableId) : null;
    // Without the table's schema no field can be told apart: send the values as they are.
    return found ? writableCells(found.table.fields, cells) : cells;
  };

  return {
    undo: [],
    async updateCell(recordId, fieldId, value) {
      let before: unknown;
      let wasPending = false;
      set((s) =>
        withRecord(s, recordId, (r) => {
          before = r.cells[fieldId];
          wasPending = r.pending;
          return { ...r, pending: true, cells: { ...r.cells, [fieldId]: value } };
        }),
      );
      try {
        await call('recordsUpdate', { ...where(), recordId, fields: { [fieldId]: value } });
        set((s) => withUndo(s, { kind: 'cell', recordId, fieldId, before, after: value }));
      } catch (error) {
        set((s) => withRecord(s, recordId, (r) => ({ ...r, pending: wasPending, cells: { ...r.cells, [fieldId]: before } })));
        throw error;
      }
    },
    async createRecord(fields) {
      const { id } = await call('recordsCreate', { ...where(), fields });
      set((s) => ({ ...withUndo(s, { kind: 'create', recordId: id }), ...refreshed(s), rowCount: s.rowCount + 1, complete: false }));
      return id;
    },
    duplicateRecord(record) {
      return get().createRecord(writable(record.cells));
    },
    async deleteRecords(records) {
      const at = where();
      for (let i = 0; i < records.length; i += DELETE_BATCH) await call('recordsDelete', { ...at, recordIds: records.slice(i, i + DELETE_BATCH).map((r) => r.id) });
      set((s) => ({ ...withUndo(s, { kind: 'delete', records }), ...refreshed(s), checked: new Set(), rowCount: Math.max(0, s.rowCount - records.length) }));
    },
    async deleteCheckedRequested() {
      const { profileId, checked } = get();
      const ids = [...checked];
      if (ids.length === 0) return;
      // The grid may hold none of them (far pages are dropped): the cache has every value.
      const records: GridRecord[] = [];
      for (let i = 0; i < ids.length; i += GET_BATCH) records.push(...(await call('recordsGet', { profileId: profileId!, recordIds: ids.slice(i, i + GET_BATCH) })).records.map((r) => r.record));
      await get().deleteRecords(records);
    },
    async undoLast() {
      const step = get().undo.at(-1);
      if (!step) return false;
      set((s) => ({ undo: s.undo.slice(0, -1) }));
      const at = where();
      switch (step.kind) {
        case 'cell':
          set((s) => withRecord(s, step.recordId, (r) => ({ ...r, pending: true, cells: { ...r.cells, [step.fieldId]: step.before } })));
          await call('recordsUpdate', { ...at, recordId: step.recordId, fields: { [step.fieldId]: step.before ?? null } });
          break;
        case 'create':
          await call('recordsDelete', { ...at, recordIds: [step.recordId] });
          set((s) => ({ ...refreshed(s), rowCount: Math.max(0, s.rowCount - 1) }));
          break;
        case 'delete': {
          // Deletes wait a few seconds before they are sent: those come back as they were. Airtable
          // has no undelete, so one already sent comes back as a new record with the same values.
          const gone = new Set<string>();
          for (let i = 0; i < step.records.length; i += DELETE_BATCH) for (const id of (await call('recordsRestore', { profileId: at.profileId, recordIds: step.records.slice(i, i + DELETE_BATCH).map((r) => r.id) })).gone) gone.add(id);
          for (const record of step.records) if (gone.has(record.id)) await call('recordsCreate', { ...at, fields: writable(record.cells) });
          set((s) => ({ ...refreshed(s), rowCount: s.rowCount + step.records.length, complete: false }));
          break;
        }
      }
      return true;
    },
  };
};
