import { useState } from 'react';
import { writableFieldTypes } from '../../../../shared/domain/fieldTypes';
import { useApp } from '../../stores/appStore';
import { useProfiles } from '../../stores/profilesStore';
import { findTable, useSchema } from '../../stores/schemaStore';

/** A table's fields (type, options, description) and views; adding and renaming where the grant allows. */
export function SchemaScreen({ profileId, tableId }: { profileId: string; tableId: string }) {
  const schema = useSchema((s) => s.byProfile[profileId]);
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  const { report, openTable } = useApp();
  const found = findTable(schema, tableId);
  const [fieldName, setFieldName] = useState('');
  const [fieldType, setFieldType] = useState<string>('singleLineText');
  const [tableName, setTableName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string; description: string } | null>(null);
  if (!found) return <p className="muted">This table is not in the offline cache.</p>;
  const { base, table } = found;
  // PAT scopes are unknown here: let Airtable decide; OAuth grants list theirs.
  const canWrite = profile?.grantedScopes ? profile.grantedScopes.includes('schema.bases:write') : true;
  // Options name fields and tables by id; show their names instead.
  const names = new Map(base.tables.flatMap((t) => [[t.id, t.name] as const, ...t.fields.map((f) => [f.id, f.name] as const)]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const act = (fn: () => Promise<unknown>) => void fn().catch(report);

  return (
    <section className="screen" aria-label={`Schema of ${table.name}`}>
      <header className="screen-header">
        <h1>{table.name}: fields and views</h1>
        <button onClick={() => openTable(base.id, table.id, 'records')}>Back to records</button>
      </header>
      {table.description && <p>{table.description}</p>}
      {!canWrite && <p className="warning">This profile cannot change the schema: reconnect and allow “schema.bases:write”.</p>}
      <table className="schema">
        <thead>
          <tr>
            <th>Field</th>
            <th>Type</th>
            <th>Options</th>
            <th>Description</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {table.fields.map((f) => (
            <tr key={f.id}>
              <td>
                {f.name} {f.id === table.primaryFieldId && <span className="badge">primary</span>}
              </td>
              <td>{f.type}</td>
              <td className="options">{f.options ? summarize(f.options, nameOf) : ''}</td>
              <td>
                {renaming?.id === f.id ? (
                  <form onSubmit={(e) => (e.preventDefault(), act(() => useSchema.getState().fieldUpdateRequested({ profileId, baseId: base.id, tableId, fieldId: f.id, name: renaming.name, description: renaming.description })), setRenaming(null))}>
                    <input aria-label="Field name" value={renaming.name} onChange={(e) => setRenaming({ ...renaming, name: e.target.value })} />
                    <input aria-label="Field description" value={renaming.description} onChange={(e) => setRenaming({ ...renaming, description: e.target.value })} />
                    <button type="submit">Save</button>
                  </form>
                ) : (
                  (f.description ?? '')
                )}
              </td>
              <td>{canWrite && renaming?.id !== f.id && <button onClick={() => setRenaming({ id: f.id, name: f.name, description: f.description ?? '' })}>Edit</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && (
        <form className="inline-form" onSubmit={(e) => (e.preventDefault(), act(() => useSchema.getState().fieldCreateRequested({ profileId, baseId: base.id, tableId, name: fieldName, type: fieldType })), setFieldName(''))}>
          <input aria-label="New field name" value={fieldName} onChange={(e) => setFieldName(e.target.value)} placeholder="New field name" required />
          <select aria-label="New field type" value={fieldType} onChange={(e) => setFieldType(e.target.value)}>
            {['singleLineText', 'multilineText', 'email', 'url', 'phoneNumber', 'checkbox', 'date'].map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <button type="submit">Add field</button>
          <span className="muted">Other types ({writableFieldTypes.length - 7} more) need options: add them in Airtable.</span>
        </form>
      )}
      <h2>Views</h2>
      <ul>
        {table.views.map((v) => (
          <li key={v.id}>
            {v.name} <span className="muted">({v.type}{v.visibleFieldIds ? `, ${v.visibleFieldIds.length} visible fields` : ''})</span>
          </li>
        ))}
      </ul>
      {canWrite && (
        <form className="inline-form" onSubmit={(e) => (e.preventDefault(), act(() => useSchema.getState().tableCreateRequested({ profileId, baseId: base.id, name: tableName, primaryFieldName: 'Name' })), setTableName(''))}>
          <input aria-label="New table name" value={tableName} onChange={(e) => setTableName(e.target.value)} placeholder={`New table in ${base.name}`} required />
          <button type="submit">Create table</button>
        </form>
      )}
    </section>
  );
}

function summarize(options: Record<string, unknown>, nameOf: (id: string) => string): string {
  if (Array.isArray(options.choices)) return (options.choices as Array<{ name?: string }>).map((c) => c.name).join(', ');
  return Object.entries(options)
    .filter(([k, v]) => typeof v !== 'object' && k !== 'isValid')
    .map(([k, v]) => `${k}: ${String(v as string).replace(/\b(fld|tbl)[A-Za-z0-9]{14}\b/g, (id) => nameOf(id))}`)
    .join(', ');
}
