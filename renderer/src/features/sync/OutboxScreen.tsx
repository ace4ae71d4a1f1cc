import { useEffect, useState } from 'react';
import { useApp } from '../../stores/appStore';
import { useOutbox } from '../../stores/outboxStore';
import { useSchema } from '../../stores/schemaStore';

function fieldName(profileId: string, fieldId: string): string {
  for (const base of useSchema.getState().byProfile[profileId]?.bases ?? []) for (const table of base.tables) for (const field of table.fields) if (field.id === fieldId) return field.name;
  return fieldId;
}

const show = (value: unknown) => (value === undefined || value === null || value === '' ? '(empty)' : typeof value === 'string' ? value : JSON.stringify(value));

function ConflictCard({ profileId, conflict }: { profileId: string; conflict: { id: number; recordId: string; fieldId: string; mine: unknown; theirs: unknown; original: unknown } }) {
  const { resolve } = useOutbox();
  const report = useApp((s) => s.report);
  const [value, setValue] = useState(typeof conflict.mine === 'string' ? conflict.mine : show(conflict.mine));
  return (
    <article className="card conflict" aria-label={`Conflict on ${fieldName(profileId, conflict.fieldId)}`}>
      <h3>
        {fieldName(profileId, conflict.fieldId)} <span className="muted">on {conflict.recordId}</span>
      </h3>
      <p className="muted">Changed here and in Airtable since you started editing. Was: {show(conflict.original)}</p>
      <div className="choices">
        <div>
          <h4>Mine</h4>
          <p data-testid="conflict-mine">{show(conflict.mine)}</p>
          <button className="primary" onClick={() => void resolve(profileId, conflict.id, { keep: 'mine' }).catch(report)}>Keep mine</button>
        </div>
        <div>
          <h4>Theirs (Airtable)</h4>
          <p data-testid="conflict-theirs">{show(conflict.theirs)}</p>
          <button onClick={() => void resolve(profileId, conflict.id, { keep: 'theirs' }).catch(report)}>Keep theirs</button>
        </div>
        <form onSubmit={(e) => (e.preventDefault(), void resolve(profileId, conflict.id, { value }).catch(report))}>
          <h4>Edit</h4>
          <input aria-label="Merged value" value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit">Save this</button>
        </form>
      </div>
    </article>
  );
}

/** Edits waiting for Airtable, rejected ones with the reason, and conflicts to settle per field. */
export function OutboxScreen({ profileId }: { profileId: string }) {
  const view = useOutbox((s) => s.byProfile[profileId]);
  const { retry, discard } = useOutbox();
  const report = useApp((s) => s.report);
  useEffect(() => {
    void useOutbox.getState().load(profileId).catch(report);
  }, [profileId, report]);
  const edits = view?.edits.filter((e) => e.status !== 'done') ?? [];
  return (
    <section className="screen" aria-label="Outbox">
      <header className="screen-header">
        <h1>Outbox</h1>
      </header>
      {view && view.conflicts.length > 0 && (
        <>
          <h2>Conflicts</h2>
          {view.conflicts.map((c) => (
            <ConflictCard key={c.id} profileId={profileId} conflict={c} />
          ))}
        </>
      )}
      <h2>Edits not yet in Airtable</h2>
      {edits.length === 0 ? (
        <p className="muted" data-testid="outbox-empty">Everything is in Airtable.</p>
      ) : (
        <table className="outbox">
          <thead>
            <tr>
              <th>#</th>
              <th>Change</th>
              <th>Record</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {edits.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>
                  {e.kind} {Object.keys(e.fields).map((id) => fieldName(profileId, id)).join(', ')}
                </td>
                <td>{e.recordId}</td>
                <td>
                  <span className={`badge badge-${e.status}`}>{e.status}</span>
                  {e.error && <div className="warning">{e.error}</div>}
                </td>
                <td>
                  {e.status === 'rejected' && <button onClick={() => void retry(profileId, e.seq).catch(report)}>Retry</button>}
                  <button className="danger" onClick={() => void discard(profileId, e.seq).catch(report)}>
                    Discard
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
