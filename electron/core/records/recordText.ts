const RECORD_ID = /^rec[A-Za-z0-9]{14}$/;

/**
 * The searchable text of a record: every string a person would recognise in its cells
 * (text, select names, collaborator names and emails, attachment file names, barcode text).
 * Linked-record ids are left out: nobody types them, and they made up much of the index.
 */
export function recordText(cells: Record<string, unknown>): string {
  const parts: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (!RECORD_ID.test(value)) parts.push(value);
    }
    else if (typeof value === 'number') parts.push(String(value));
    else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const key of ['name', 'email', 'filename', 'text', 'label', 'value']) visit(object[key], depth + 1);
    }
  };
  for (const value of Object.values(cells)) visit(value, 0);
  return parts.join(' \n ');
}
