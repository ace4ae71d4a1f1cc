import { useState } from 'react';
import type { FieldInfo } from '../../lib/cells';
import { useGrid, type GridFilter } from '../../stores/gridStore';

type Op = GridFilter['op'];

const NUMERIC = new Set(['number', 'currency', 'percent', 'rating', 'duration', 'autoNumber', 'count']);
const DATES = new Set(['date', 'dateTime', 'createdTime', 'lastModifiedTime']);

/** The operators that make sense for a field type. */
function opsFor(field: FieldInfo): Array<[Op, string]> {
  if (field.type === 'checkbox') return [['checked', 'is']];
  if (NUMERIC.has(field.type)) return [['equals', '='], ['range', 'between'], ['empty', 'is empty']];
  if (DATES.has(field.type)) return [['before', 'is before'], ['after', 'is after'], ['empty', 'is empty']];
  if (field.type === 'singleSelect' || field.type === 'multipleSelects') return [['hasAnyOf', 'has any of'], ['empty', 'is empty']];
  return [['contains', 'contains'], ['equals', 'is'], ['empty', 'is empty']];
}

function describe(filter: GridFilter, fields: FieldInfo[]): string {
  const name = fields.find((f) => f.id === filter.fieldId)?.name ?? filter.fieldId;
  switch (filter.op) {
    case 'range':
      return `${name} between ${filter.min ?? '…'} and ${filter.max ?? '…'}`;
    case 'hasAnyOf':
      return `${name} has any of ${filter.values.join(', ')}`;
    case 'checked':
      return `${name} is ${filter.value ? 'checked' : 'not checked'}`;
    case 'empty':
      return `${name} is ${filter.value ? '' : 'not '}empty`;
    case 'contains':
    case 'equals':
    case 'before':
    case 'after':
      return `${name} ${filter.op} ${String(filter.value)}`;
  }
}

function build(op: Op, fieldId: string, value: string, value2: string): GridFilter | string {
  switch (op) {
    case 'contains':
      return { op, fieldId, value };
    case 'equals':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? { op, fieldId, value: Number(value) } : { op, fieldId, value };
    case 'range': {
      const min = value.trim() === '' ? undefined : Number(value);
      const max = value2.trim() === '' ? undefined : Number(value2);
      if ((min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max))) return 'Give numbers for the range.';
      return { op, fieldId, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case 'before':
    case 'after':
      return value ? { op, fieldId, value } : 'Pick a date.';
    case 'hasAnyOf': {
      const values = value.split(',').map((v) => v.trim()).filter(Boolean);
      return values.length ? { op, fieldId, values } : 'Name at least one option.';
    }
    case 'checked':
      return { op, fieldId, value: value !== 'false' };
    case 'empty':
      return { op, fieldId, value: value !== 'false' };
  }
}

/** Filters per field type, joined with AND, plus a raw Airtable formula evaluated offline. */
export function FilterBuilder({ fields }: { fields: FieldInfo[] }) {
  const query = useGrid((s) => s.query);
  const setQuery = useGrid((s) => s.setQuery);
  const [fieldId, setFieldId] = useState(fields[0]?.id ?? '');
  const field = fields.find((f) => f.id === fieldId) ?? fields[0];
  const ops = field ? opsFor(field) : [];
  const [op, setOp] = useState<Op>(ops[0]?.[0] ?? 'contains');
  const [value, setValue] = useState('');
  const [value2, setValue2] = useState('');
  const [formula, setFormula] = useState(query.formula);
  const [problem, setProblem] = useState<string | null>(null);
  const currentOp = ops.some(([o]) => o === op) ? op : (ops[0]?.[0] ?? 'contains');

  const add = () => {
    if (!field) return;
    const filter = build(currentOp, field.id, value, value2);
    if (typeof filter === 'string') return setProblem(filter);
    setProblem(null);
    setQuery({ filters: [...query.filters, filter] });
    setValue('');
    setValue2('');
  };

  return (
    <div className="filters" role="group" aria-label="Filters">
      {query.filters.map((f, i) => (
        <span key={i} className="chip filter-chip">
          {describe(f, fields)}
          <button aria-label={`Remove filter ${describe(f, fields)}`} onClick={() => setQuery({ filters: query.filters.filter((_, j) => j !== i) })}>
            ×
          </button>
        </span>
      ))}
      <select aria-label="Filter field" value={field?.id ?? ''} onChange={(e) => setFieldId(e.target.value)}>
        {fields.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
      <select aria-label="Filter operator" value={currentOp} onChange={(e) => setOp(e.target.value as Op)}>
        {ops.map(([o, label]) => (
          <option key={o} value={o}>
            {label}
          </option>
        ))}
      </select>
      {currentOp === 'checked' || currentOp === 'empty' ? (
        <select aria-label="Filter value" value={value || 'true'} onChange={(e) => setValue(e.target.value)}>
          <option value="true">{currentOp === 'checked' ? 'checked' : 'yes'}</option>
          <option value="false">{currentOp === 'checked' ? 'not checked' : 'no'}</option>
        </select>
      ) : (
        <input aria-label="Filter value" type={currentOp === 'before' || currentOp === 'after' ? 'date' : 'text'} value={value} onChange={(e) => setValue(e.target.value)} placeholder={currentOp === 'range' ? 'min' : currentOp === 'hasAnyOf' ? 'Todo, Done' : 'value'} onKeyDown={(e) => e.key === 'Enter' && add()} />
      )}
      {currentOp === 'range' && <input aria-label="Filter maximum" value={value2} onChange={(e) => setValue2(e.target.value)} placeholder="max" />}
      <button onClick={add}>Add filter</button>
      <form
        className="formula"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ formula });
        }}
      >
        <input aria-label="Formula filter" value={formula} onChange={(e) => setFormula(e.target.value)} placeholder="Formula, e.g. AND({Done}, {Amount} > 100)" />
        <button type="submit">Apply formula</button>
      </form>
      {problem && <span className="warning">{problem}</span>}
    </div>
  );
}
