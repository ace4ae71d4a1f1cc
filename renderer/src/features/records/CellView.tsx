import { memo } from 'react';
import { cellText, choicesOf, type FieldInfo } from '../../lib/cells';

function colorOf(field: FieldInfo, name: string): string {
  return choicesOf(field).find((c) => c.name === name)?.color ?? '';
}

/** One cell's value, drawn by field type: chips for selects, a box for checkboxes, text otherwise. */
export const CellView = memo(function CellView({ field, value }: { field: FieldInfo; value: unknown }) {
  if (field.type === 'checkbox') return <span className={`check ${value === true ? 'on' : ''}`} aria-label={value === true ? 'checked' : 'not checked'} />;
  if (field.type === 'singleSelect' || field.type === 'multipleSelects') {
    const names = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    return (
      <span className="chips">
        {names.map((name) => (
          <span key={name} className={`chip ${colorOf(field, name)}`}>
            {name}
          </span>
        ))}
      </span>
    );
  }
  if (field.type === 'multipleRecordLinks' && Array.isArray(value)) return <span className="chips">{value.length > 0 && <span className="chip link">{value.length} linked</span>}</span>;
  return <span className={`text ${field.type === 'number' || field.type === 'currency' || field.type === 'percent' || field.type === 'autoNumber' ? 'num' : ''}`}>{cellText(field, value)}</span>;
});
