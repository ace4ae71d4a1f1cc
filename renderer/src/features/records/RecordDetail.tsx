import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { cellText, isReadOnly, type FieldInfo } from '../../lib/cells';
import { useApp } from '../../stores/appStore';
import { useGrid, type GridRecord } from '../../stores/gridStore';
import { useSchema } from '../../stores/schemaStore';
import { CellEditor } from './CellEditor';
import { CellView } from './CellView';
import { AttachmentThumb } from './AttachmentThumb';

type Linked = { tableId: string; record: GridRecord };

/** Every field of one record, editable where the type allows, with linked records by name. */
export function RecordDetail({ profileId, recordId, fields, onClose, onOpen }: { profileId: string; recordId: string; fields: FieldInfo[]; onClose: () => void; onOpen: (recordId: string) => void }) {
  const report = useApp((s) => s.report);
  const schema = useSchema((s) => s.byProfile[profileId]);
  const version = useGrid((s) => s.version);
  const [record, setRecord] = useState<GridRecord | null>(null);
  const [linked, setLinked] = useState<Map<string, Linked>>(new Map());
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [found] = (await call('recordsGet', { profileId, recordIds: [recordId] })).records;
      if (!live) return;
      setRecord(found?.record ?? null);
      const ids = fields.filter((f) => f.type === 'multipleRecordLinks').flatMap((f) => (Array.isArray(found?.record.cells[f.id]) ? (found.record.cells[f.id] as string[]) : []));
      if (ids.length) {
        const links = await call('recordsGet', { profileId, recordIds: ids.slice(0, 200) });
        if (live) setLinked(new Map(links.records.map((l) => [l.record.id, l])));
      }
    })().catch(report);
    return () => {
      live = false;
    };
  }, [profileId, recordId, fields, report, version]);

  const primaryOf = (link: Linked) => {
    for (const base of schema?.bases ?? []) {
      const table = base.tables.find((t) => t.id === link.tableId);
      if (table) {
        const primary = table.fields.find((f) => f.id === table.primaryFieldId);
        return primary ? cellText(primary, link.record.cells[primary.id]) || link.record.id : link.record.id;
      }
    }
    return link.record.id;
  };

  if (!record) return <aside className="detail" aria-label="Record">Loading…</aside>;
  return (
    <aside className="detail" aria-label="Record">
      <header>
        <h2>{cellText(fields[0] ?? { id: '', name: '', type: 'singleLineText', options: null }, record.cells[fields[0]?.id ?? '']) || record.id}</h2>
        {record.pending && <span className="badge badge-pending">not yet in Airtable</span>}
        <button onClick={() => void useGrid.getState().duplicateRecord(record).then(onOpen).catch(report)}>Duplicate</button>
        <button aria-label="Close record" onClick={onClose}>
          ×
        </button>
      </header>
      <dl>
        {fields.map((field) => (
          <div key={field.id} className="detail-field">
            <dt>
              {field.name} <span className="muted">{field.type}</span>
            </dt>
            <dd onDoubleClick={() => !isReadOnly(field) && setEditing(field.id)}>
              {editing === field.id ? (
                <CellEditor
                  field={field}
                  value={record.cells[field.id]}
                  onCancel={() => setEditing(null)}
                  onSave={(value) => {
                    setEditing(null);
                    setRecord({ ...record, pending: true, cells: { ...record.cells, [field.id]: value } });
                    void useGrid.getState().updateCell(record.id, field.id, value).catch(report);
                  }}
                />
              ) : field.type === 'multipleRecordLinks' && Array.isArray(record.cells[field.id]) ? (
                <span className="chips">
                  {(record.cells[field.id] as string[]).map((id) => {
                    const link = linked.get(id);
                    return link ? (
                      <button key={id} className="chip link" onClick={() => onOpen(id)}>
                        {primaryOf(link)}
                      </button>
                    ) : (
                      <span key={id} className="chip muted" title="Not in the offline cache: sync its base">
                        {id}
                      </span>
                    );
                  })}
                </span>
              ) : field.type === 'multipleAttachments' && Array.isArray(record.cells[field.id]) ? (
                <ul className="attachments">
                  {(record.cells[field.id] as Array<{ id?: string; filename?: string; size?: number; type?: string }>).map((a, i) => (
                    <AttachmentThumb key={a.id ?? i} profileId={profileId} attachment={a} />
                  ))}
                </ul>
              ) : (
                <CellView field={field} value={record.cells[field.id]} />
              )}
              {!isReadOnly(field) && editing !== field.id && (
                <button className="edit-link" aria-label={`Edit ${field.name}`} onClick={() => setEditing(field.id)}>
                  Edit
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        {record.id} · created {new Date(record.createdTime).toLocaleString()}
      </p>
    </aside>
  );
}
