import { useEffect, useMemo, useState } from 'react';
import { cellText, isReadOnly, type FieldInfo } from '../../lib/cells';
import { useApp } from '../../stores/appStore';
import { useGrid } from '../../stores/gridStore';
import { useRecords, type LinkedRecord } from '../../stores/recordsStore';
import { useSchema } from '../../stores/schemaStore';
import { CellEditor } from './CellEditor';
import { CellView } from './CellView';
import { AttachmentThumb } from './AttachmentThumb';

/** Every field of one record, editable where the type allows, with linked records by name. */
export function RecordDetail({ profileId, recordId, fields, onClose, onOpen }: { profileId: string; recordId: string; fields: FieldInfo[]; onClose: () => void; onOpen: (recordId: string) => void }) {
  const report = useApp((s) => s.report);
  const schema = useSchema((s) => s.byProfile[profileId]);
  const version = useGrid((s) => s.version);
  const detail = useRecords((s) => (s.detail?.profileId === profileId && s.detail.recordId === recordId ? s.detail : null));
  const record = detail?.record ?? null;
  const linked = detail?.linked;
  const [editing, setEditing] = useState<string | null>(null);
  const linkFieldIds = useMemo(() => fields.filter((f) => f.type === 'multipleRecordLinks').map((f) => f.id), [fields]);

  // Read again whenever the grid's rows change: an edit sent, a sync finished, an undo.
  useEffect(() => {
    void useRecords.getState().recordOpened(profileId, recordId, linkFieldIds).catch(report);
  }, [profileId, recordId, linkFieldIds, report, version]);

  const primaryOf = (link: LinkedRecord) => {
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
                    void useRecords.getState().detailCellEdited(field.id, value).catch(report);
                  }}
                />
              ) : field.type === 'multipleRecordLinks' && Array.isArray(record.cells[field.id]) ? (
                <span className="chips">
                  {(record.cells[field.id] as string[]).map((id) => {
                    const link = linked?.get(id);
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
