/** Query values in the shapes Airtable's list endpoints use. */
export type QueryValue = string | number | boolean | readonly string[] | ReadonlyArray<Readonly<Record<string, string>>> | undefined;

/**
 * Encodes a query the way Airtable reads it: arrays as `fields[]=a&fields[]=b`, arrays of
 * objects as `sort[0][field]=x&sort[0][direction]=desc`, booleans as `true`/`false`.
 */
export function encodeQuery(query: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.append(key, String(value));
      continue;
    }
    (value as ReadonlyArray<string | Readonly<Record<string, string>>>).forEach((item, index) => {
      if (typeof item === 'string') params.append(`${key}[]`, item);
      else for (const [inner, v] of Object.entries(item)) params.append(`${key}[${index}][${inner}]`, v);
    });
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
