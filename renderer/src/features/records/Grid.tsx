import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { inputKind, isReadOnly, type FieldInfo } from '../../lib/cells';
import { useApp } from '../../stores/appStore';
import { PAGE_SIZE, useGrid, type GridRecord } from '../../stores/gridStore';
import { CellEditor } from './CellEditor';
import { CellView } from './CellView';

export const ROW_HEIGHT = 32;
export const COLUMN_WIDTH = 180;
const ROWNUM_WIDTH = 48;
const OVERSCAN = 8;
const TYPE_TO_EDIT = new Set(['text', 'textarea', 'number', 'email', 'url', 'tel']);
/** Rows fetched ahead of the last visible one, so a fast scroll finds them already there. */
const PREFETCH_ROWS = 3 * PAGE_SIZE;

/** Only the columns in view are drawn; a spacer stands in for the ones scrolled past. */
interface Columns {
  start: number;
  end: number;
}

interface RowProps {
  index: number;
  record: GridRecord | undefined;
  fields: FieldInfo[];
  columns: Columns;
  selectedCol: number;
  editing: boolean;
  /** The key that started the edit, when typing (not Enter) started it. */
  editSeed: string | undefined;
  checked: boolean;
  onCellClick: (row: number, col: number) => void;
  onCellDoubleClick: (row: number, col: number) => void;
  onSave: (record: GridRecord, field: FieldInfo, value: unknown) => void;
  onCancel: () => void;
  onToggle: (recordId: string) => void;
}

const Row = memo(function Row({ index, record, fields, columns, selectedCol, editing, editSeed, checked, onCellClick, onCellDoubleClick, onSave, onCancel, onToggle }: RowProps) {
  const style = { transform: `translateY(${index * ROW_HEIGHT}px)` };
  if (!record) {
    return (
      <div className="row placeholder" style={style} role="row" aria-rowindex={index + 2}>
        <span className="cell rownum">{index + 1}</span>
      </div>
    );
  }
  return (
    <div className={`row ${record.pending ? 'pending' : ''} ${checked ? 'checked' : ''}`} style={style} role="row" aria-rowindex={index + 2} data-record-id={record.id}>
      <span className="cell rownum" role="rowheader">
        <input type="checkbox" aria-label={`Select row ${index + 1}`} checked={checked} onChange={() => onToggle(record.id)} />
        {record.pending && <span className="pending-dot" title="Not yet in Airtable" aria-label="pending edit" />}
      </span>
      <span className="col-spacer" style={{ width: `${columns.start * COLUMN_WIDTH}px` }} />
      {fields.slice(columns.start, columns.end).map((field, i) => {
        const col = columns.start + i;
        return (
        <span
          key={field.id}
          role="gridcell"
          aria-colindex={col + 2}
          aria-selected={col === selectedCol}
          className={`cell ${col === selectedCol ? 'selected' : ''} ${isReadOnly(field) ? 'readonly' : ''}`}
          onClick={() => onCellClick(index, col)}
          onDoubleClick={() => onCellDoubleClick(index, col)}
        >
          {editing && col === selectedCol ? <CellEditor field={field} value={record.cells[field.id]} initialText={editSeed} onSave={(v) => onSave(record, field, v)} onCancel={onCancel} /> : <CellView field={field} value={record.cells[field.id]} />}
        </span>
        );
      })}
    </div>
  );
});

/**
 * A virtualised grid: only the rows in view (plus a few) exist in the DOM, pages of rows are
 * fetched ahead of the scroll position, and far pages are dropped. Arrow keys move, Enter edits,
 * Space toggles a checkbox, Escape cancels.
 */
export function Grid({ fields, onOpenRecord }: { fields: FieldInfo[]; onOpenRecord: (record: GridRecord) => void }) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [height, setHeight] = useState(600);
  const [width, setWidth] = useState(1000);
  const [editing, setEditing] = useState(false);
  const [editSeed, setEditSeed] = useState<string | undefined>(undefined);
  const { rowCount, version, selected, checked, query, error, complete, loading } = useGrid(
    useShallow((s) => ({ rowCount: s.rowCount, version: s.version, selected: s.selected, checked: s.checked, query: s.query, error: s.error, complete: s.complete, loading: s.loading })),
  );
  const ensure = useGrid((s) => s.ensure);
  // Actions only (they never change); state comes from the hook above.
  const grid = useGrid.getState();
  const report = useApp((s) => s.report);
  void version; // re-render when pages arrive

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => {
      setHeight(el.clientHeight);
      setWidth(el.clientWidth);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(Math.max(0, rowCount - 1), Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  // Exactly the columns in view: every extra column is another cell per row to draw on each frame.
  const colStart = Math.max(0, Math.floor((scrollLeft - ROWNUM_WIDTH) / COLUMN_WIDTH));
  const colEnd = Math.min(fields.length, Math.ceil((scrollLeft + width - ROWNUM_WIDTH) / COLUMN_WIDTH));
  const columns = useMemo(() => ({ start: colStart, end: colEnd }), [colStart, colEnd]);

  useEffect(() => {
    void ensure(first, last + PREFETCH_ROWS);
  }, [first, last, version, ensure]);

  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [query]);

  const onCellClick = useCallback((row: number, col: number) => {
    setEditing(false);
    useGrid.getState().select(row, col);
  }, []);
  const onCellDoubleClick = useCallback(
    (row: number, col: number) => {
      useGrid.getState().select(row, col);
      const field = fields[col];
      if (field && !isReadOnly(field)) {
        setEditSeed(undefined);
        setEditing(true);
      }
    },
    [fields],
  );
  const onSave = useCallback(
    (record: GridRecord, field: FieldInfo, value: unknown) => {
      setEditing(false);
      viewport.current?.focus();
      if (JSON.stringify(record.cells[field.id] ?? null) === JSON.stringify(value ?? null)) return;
      void useGrid.getState().updateCell(record.id, field.id, value).catch(report);
    },
    [report],
  );
  const onCancel = useCallback(() => {
    setEditing(false);
    viewport.current?.focus();
  }, []);
  const onToggle = useCallback((id: string) => useGrid.getState().toggleChecked(id), []);

  const scrollIntoView = (row: number, col: number) => {
    const el = viewport.current;
    if (!el) return;
    const top = row * ROW_HEIGHT;
    if (top < el.scrollTop + ROW_HEIGHT) el.scrollTop = Math.max(0, top - ROW_HEIGHT);
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW_HEIGHT - el.clientHeight;
    const left = ROWNUM_WIDTH + col * COLUMN_WIDTH;
    if (left < el.scrollLeft + ROWNUM_WIDTH) el.scrollLeft = Math.max(0, left - ROWNUM_WIDTH);
    else if (left + COLUMN_WIDTH > el.scrollLeft + el.clientWidth) el.scrollLeft = left + COLUMN_WIDTH - el.clientWidth;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const at = selected ?? { row: 0, col: 0 };
    const move = (row: number, col: number) => {
      const r = Math.max(0, Math.min(rowCount - 1, row));
      const c = Math.max(0, Math.min(fields.length - 1, col));
      grid.select(r, c);
      scrollIntoView(r, c);
      event.preventDefault();
    };
    const record = grid.rowAt(at.row);
    const field = fields[at.col];
    switch (event.key) {
      case 'ArrowDown':
        return move(at.row + 1, at.col);
      case 'ArrowUp':
        return move(at.row - 1, at.col);
      case 'ArrowLeft':
        return move(at.row, at.col - 1);
      case 'ArrowRight':
      case 'Tab':
        return move(at.row, at.col + (event.shiftKey ? -1 : 1));
      case 'PageDown':
        return move(at.row + Math.floor(height / ROW_HEIGHT), at.col);
      case 'PageUp':
        return move(at.row - Math.floor(height / ROW_HEIGHT), at.col);
      case 'Enter':
        event.preventDefault();
        if (!selected) return move(0, 0);
        if (event.shiftKey && record) return onOpenRecord(record);
        if (field && record && !isReadOnly(field)) {
          setEditSeed(undefined);
          setEditing(true);
        }
        return;
      case ' ':
        if (field?.type === 'checkbox' && record) {
          event.preventDefault();
          onSave(record, field, record.cells[field.id] !== true);
        }
        return;
      default:
        // A printable key on a text-like cell starts editing with that key.
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && selected && field && record && !isReadOnly(field) && TYPE_TO_EDIT.has(inputKind(field))) {
          event.preventDefault();
          setEditSeed(event.key);
          setEditing(true);
        }
        return;
    }
  };

  // Rows are recycled: row i always uses slot i % pool, so scrolling updates the text of the
  // rows that scrolled out instead of unmounting them and building new ones.
  const pool = Math.ceil(height / ROW_HEIGHT) + 2 * OVERSCAN + 2;
  const rows = [];
  for (let i = first; i <= last && i < rowCount; i++) {
    const record = grid.rowAt(i);
    rows.push(
      <Row
        key={`slot-${i % pool}`}
        index={i}
        record={record}
        fields={fields}
        columns={columns}
        selectedCol={selected?.row === i ? selected.col : -1}
        editing={editing && selected?.row === i}
        editSeed={editSeed}
        checked={record ? checked.has(record.id) : false}
        onCellClick={onCellClick}
        onCellDoubleClick={onCellDoubleClick}
        onSave={onSave}
        onCancel={onCancel}
        onToggle={onToggle}
      />,
    );
  }

  const sortOf = (fieldId: string) => query.sort.find((s) => s.fieldId === fieldId)?.direction;
  const cycleSort = (fieldId: string) => {
    const current = sortOf(fieldId);
    grid.setQuery({ sort: current === 'asc' ? [{ fieldId, direction: 'desc' }] : current === 'desc' ? [] : [{ fieldId, direction: 'asc' }] });
  };

  return (
    <div
      className="grid"
      role="grid"
      aria-label="Records"
      aria-rowcount={rowCount + 1}
      aria-colcount={fields.length + 1}
      tabIndex={0}
      ref={viewport}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
        setScrollLeft(e.currentTarget.scrollLeft);
      }}
      data-testid="grid"
    >
      <div className="row header" role="row" aria-rowindex={1} style={{ width: `${ROWNUM_WIDTH + fields.length * COLUMN_WIDTH}px` }}>
        <span className="cell rownum" role="columnheader">
          #
        </span>
        <span className="col-spacer" style={{ width: `${columns.start * COLUMN_WIDTH}px` }} />
        {fields.slice(columns.start, columns.end).map((field, i) => (
          <span key={field.id} className="cell" role="columnheader" aria-colindex={columns.start + i + 2} aria-sort={sortOf(field.id) === 'asc' ? 'ascending' : sortOf(field.id) === 'desc' ? 'descending' : 'none'}>
            <button className="header-button" onClick={() => cycleSort(field.id)} title={`${field.name} (${field.type}) — click to sort`}>
              {field.name} {sortOf(field.id) === 'asc' ? '▲' : sortOf(field.id) === 'desc' ? '▼' : ''}
            </button>
          </span>
        ))}
      </div>
      <div className="rows" style={{ height: `${Math.max(rowCount, 0) * ROW_HEIGHT}px`, width: `${ROWNUM_WIDTH + fields.length * COLUMN_WIDTH}px`, ['--row-width' as string]: `${ROWNUM_WIDTH + fields.length * COLUMN_WIDTH}px` }}>
        {rows}
      </div>
      {rowCount === 0 && complete && !loading && <p className="empty">{query.search || query.filters.length || query.formula ? 'No records match.' : 'This table has no records.'}</p>}
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
