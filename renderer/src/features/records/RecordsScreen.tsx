import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FieldInfo } from '../../lib/cells';
import { useApp } from '../../stores/appStore';
import { searchBox } from '../../stores/commands';
import { useGrid } from '../../stores/gridStore';
import { useRecords } from '../../stores/recordsStore';
import { findTable, useSchema } from '../../stores/schemaStore';
import { syncKey, useSync } from '../../stores/syncStore';
import { relativeTime } from '../profiles/profileStatus';
import { SyncProgressBar } from '../sync/SyncProgressBar';
import { download } from './csvExport';
import { FilterBuilder } from './FilterBuilder';
import { Grid } from './Grid';
import { RecordDetail } from './RecordDetail';


export function RecordsScreen({ profileId, tableId }: { profileId: string; tableId: string }) {
  const schema = useSchema((s) => s.byProfile[profileId]);
  const found = findTable(schema, tableId);
  const report = useApp((s) => s.report);
  const { query, setQuery, checked, rowCount, complete, undo } = useGrid(useShallow((s) => ({ query: s.query, setQuery: s.setQuery, checked: s.checked, rowCount: s.rowCount, complete: s.complete, undo: s.undo })));
  const [viewId, setViewId] = useState<string>('');
  const [searchText, setSearchText] = useState(query.search);
  const openRecord = useApp((s) => s.recordId);
  const setOpenRecord = useApp((s) => s.openRecord);
  const exporting = useRecords((s) => s.exportedRows);
  const [showFilters, setShowFilters] = useState(false);
  const localSearch = useRef<HTMLInputElement>(null);
  const run = useSync((s) => (found ? s.progress[syncKey(profileId, found.base.id)] : undefined));

  const table = found?.table;
  useEffect(() => {
    if (found) useGrid.getState().open(profileId, found.base.id, tableId, found.table.records);
    setViewId('');
    // Only a different table re-opens the grid; counts changing after a sync do not.
  }, [profileId, tableId, found?.base.id]);
  useEffect(() => {
    searchBox.current = localSearch.current;
  });
  // Debounced search: the cache answers in milliseconds, but not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => searchText !== useGrid.getState().query.search && setQuery({ search: searchText }), 150);
    return () => clearTimeout(timer);
  }, [searchText, setQuery]);

  const fields: FieldInfo[] = useMemo(() => {
    if (!table) return [];
    const view = table.views.find((v) => v.id === viewId);
    const visible = view?.visibleFieldIds ? new Set(view.visibleFieldIds) : null;
    const all = table.fields.filter((f) => !visible || visible.has(f.id) || f.id === table.primaryFieldId);
    return [...all.filter((f) => f.id === table.primaryFieldId), ...all.filter((f) => f.id !== table.primaryFieldId)];
  }, [table, viewId]);

  if (!found || !table) return <p className="muted">This table is not in the offline cache.</p>;
  const running = run && !['done', 'error', 'cancelled'].includes(run.phase);

  const newRecord = async () => {
    const id = await useGrid.getState().createRecord({});
    setOpenRecord(id);
  };
  const exportView = async () => {
    const csv = await useRecords.getState().exportRequested(profileId, tableId, query, fields);
    download(`${table.name}.csv`, csv);
  };

  return (
    <section className="screen records" aria-label={`Table ${table.name}`}>
      <header className="toolbar">
        <h1>{table.name}</h1>
        <input ref={localSearch} type="search" aria-label="Search records" placeholder="Search (Ctrl+F)" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        <select aria-label="View" value={viewId} onChange={(e) => setViewId(e.target.value)}>
          <option value="">All fields</option>
          {table.views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        <button aria-expanded={showFilters} onClick={() => setShowFilters(!showFilters)}>
          Filter{query.filters.length + (query.formula ? 1 : 0) > 0 ? ` (${query.filters.length + (query.formula ? 1 : 0)})` : ''}
        </button>
        <button onClick={() => useApp.getState().openTable(found.base.id, tableId, 'schema')}>Fields &amp; views</button>
        <button onClick={() => void newRecord().catch(report)}>New record</button>
        <button className="danger" disabled={checked.size === 0} onClick={() => void useGrid.getState().deleteCheckedRequested().catch(report)}>
          Delete {checked.size > 0 ? checked.size : ''} selected
        </button>
        <button disabled={undo.length === 0} onClick={() => void useGrid.getState().undoLast().catch(report)} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button disabled={exporting !== null} onClick={() => void exportView().catch(report)}>
          {exporting === null ? 'Export CSV' : `Exporting… ${exporting.toLocaleString()} rows`}
        </button>
        <span className="spacer" />
        <span className="muted" data-testid="row-count">
          {complete ? rowCount.toLocaleString() : `${table.records.toLocaleString()}`} records · synced {relativeTime(table.lastSyncedAt)}
        </span>
        {running ? <SyncProgressBar progress={run} /> : <button onClick={() => void useSync.getState().syncRequested(profileId, found.base.id).catch(report)}>Sync</button>}
      </header>
      {showFilters && <FilterBuilder fields={fields} />}
      <div className="records-body">
        <Grid fields={fields} onOpenRecord={(r) => setOpenRecord(r.id)} />
        {openRecord && <RecordDetail profileId={profileId} recordId={openRecord} fields={fields} onClose={() => setOpenRecord(null)} onOpen={setOpenRecord} />}
      </div>
    </section>
  );
}
