import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { choicesOf, editText, inputKind, parseInput, type FieldInfo } from '../../lib/cells';

/**
 * The editor for one cell: the input that suits the field type. Enter (or leaving the field)
 * saves, Escape cancels; a value Airtable would refuse (a word in a number field) is explained
 * and not saved.
 */
export function CellEditor({ field, value, initialText, onSave, onCancel }: { field: FieldInfo; value: unknown; initialText?: string; onSave: (value: unknown) => void; onCancel: () => void }) {
  // Typing on a selected cell starts the editor with that key, replacing the value (as in a spreadsheet).
  const [text, setText] = useState(() => initialText ?? editText(field, value));
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null);
  const finished = useRef(false);
  // Focus before the browser handles the next key: a person who presses Enter and types at
  // once must not lose the first letters (a passive effect would focus too late).
  useLayoutEffect(() => {
    ref.current?.focus();
    if (initialText === undefined && ref.current && 'select' in ref.current && typeof ref.current.select === 'function' && inputKind(field) !== 'select') ref.current.select();
  }, [field, initialText]);

  const save = () => {
    if (finished.current) return;
    try {
      const parsed = parseInput(field, text, value);
      finished.current = true;
      onSave(parsed);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That value cannot be saved.');
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      finished.current = true;
      onCancel();
    } else if (event.key === 'Enter' && !(inputKind(field) === 'textarea' && event.shiftKey)) {
      event.preventDefault();
      save();
    }
  };
  const common = { ref, 'aria-label': `Edit ${field.name}`, value: text, onKeyDown, onBlur: save, className: 'cell-editor' };
  const kind = inputKind(field);
  return (
    <span className="editor-wrap">
      {kind === 'textarea' ? (
        <textarea {...common} onChange={(e) => setText(e.target.value)} rows={3} />
      ) : kind === 'select' ? (
        <select {...common} onChange={(e) => setText(e.target.value)}>
          <option value="">(empty)</option>
          {choicesOf(field).map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={kind} step={kind === 'number' ? 'any' : undefined} onChange={(e) => (setText(e.target.value), setError(null))} />
      )}
      {error && (
        <span className="editor-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
