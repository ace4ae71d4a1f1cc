import { z } from 'zod';

/**
 * Hostile values that still fit a schema: the generator walks a contract input schema and, for
 * every leaf, offers values a person, a pasted file or a compromised renderer could send (a
 * formula that builds a huge string, a catastrophic regex, SQL and FTS syntax, NUL, lone
 * surrogates, prototype keys, huge numbers, deep nesting), keeping only those the schema
 * accepts: every one of them reaches the handler.
 */

const FORMULAS = [
  'LEN(REPT(REPT("xx",10000),10000))',
  'REGEX_MATCH({Name}, "^(a+)+$")',
  `${'('.repeat(5000)}1${')'.repeat(5000)}`,
  'CONCATENATE(REPT("a",999999),REPT("b",999999),REPT("c",999999))',
  'DATETIME_FORMAT(NOW(), REPT("YYYY",100000))',
  'IF(',
  '{no such field} = 1',
  "'; DROP TABLE records; --",
  'SWITCH(1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1)',
  'SUBSTITUTE(REPT("a",100000),"a",REPT("b",100000))',
];

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '💥'.repeat(400),
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE records; --",
  '" OR 1=1 --',
  'NEAR(a b) AND "x',
  '*',
  '-',
  '$.fld; DELETE',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  'http://169.254.169.254/latest/meta-data',
  'javascript:alert(1)',
  '=HYPERLINK("https://evil.test")',
  'e-mail',
  "o'brien",
  '19.99',
  'x'.repeat(500),
  'x'.repeat(20_000),
  ...FORMULAS,
];

const HOSTILE_NUMBERS = [0, -1, 1, 0.1, -0.0, 2 ** 53, -(2 ** 53), 1e308, -1e308, 1e-308, 65535, 1024];

/** Cell values of every kind, for `z.unknown()` leaves such as a record's fields. */
export const HOSTILE_CELLS: unknown[] = [
  null,
  true,
  false,
  0,
  -1e308,
  'text',
  'x'.repeat(100_000),
  [],
  ['a', 'b'],
  Array.from({ length: 5000 }, (_, i) => `item ${i}`),
  { id: 'usrAAAAAAAAAAAAAA' },
  [{ url: 'http://169.254.169.254/', filename: 'steal.png' }],
  [{ url: 'file:///etc/passwd' }],
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  nest(200),
  { specialValue: 'NaN' },
  { error: '#ERROR!' },
  { state: 'generated', value: 'AI text', isStale: false },
];

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Values for one schema: hostile ones it accepts, the first of them "ordinary" (used while other keys vary). */
export function candidates(schema: z.ZodType, pool: readonly string[]): unknown[] {
  const accepted = (values: readonly unknown[]) => values.filter((v) => schema.safeParse(v).success);
  if (schema instanceof z.ZodOptional) return [undefined, ...candidates(schema.unwrap() as z.ZodType, pool)];
  if (schema instanceof z.ZodNullable) return [null, ...candidates(schema.unwrap() as z.ZodType, pool)];
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodReadonly) return candidates((schema.def as unknown as { innerType: z.ZodType }).innerType, pool);
  if (schema instanceof z.ZodPipe) return candidates(schema.def.in as z.ZodType, pool).filter((v) => schema.safeParse(v).success);
  if (schema instanceof z.ZodString) return accepted([...pool, ...HOSTILE_STRINGS]);
  if (schema instanceof z.ZodNumber) return accepted(HOSTILE_NUMBERS);
  if (schema instanceof z.ZodBoolean) return [false, true];
  if (schema instanceof z.ZodEnum) return schema.options;
  if (schema instanceof z.ZodLiteral) return [...schema.values];
  if (schema instanceof z.ZodUnknown || schema instanceof z.ZodAny) return HOSTILE_CELLS;
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) return (schema.options as z.ZodType[]).flatMap((option) => candidates(option, pool));
  if (schema instanceof z.ZodArray) {
    const items = candidates(schema.element as z.ZodType, pool);
    return accepted([items.slice(0, 1), items.slice(0, 5), items, Array.from({ length: 500 }, (_, i) => items[i % Math.max(1, items.length)]), []]);
  }
  if (schema instanceof z.ZodRecord) {
    const keys = candidates(schema.keyType as z.ZodType, pool).filter((k): k is string => typeof k === 'string');
    const values = candidates(schema.valueType as z.ZodType, pool);
    return accepted([{}, ...values.map((v, i) => ({ [keys[i % Math.max(1, keys.length)] ?? 'k']: v })), Object.fromEntries(keys.map((k, i) => [k, values[i % values.length]]))]);
  }
  if (schema instanceof z.ZodObject) return objectCandidates(schema, pool);
  return [];
}

/** An ordinary object, then one hostile value per key at a time (the others kept ordinary). */
function objectCandidates(schema: z.ZodObject, pool: readonly string[]): unknown[] {
  const shape = schema.shape as Record<string, z.ZodType>;
  const perKey = Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, candidates(child, pool)]));
  const ordinary = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, values] of Object.entries(perKey)) {
      const value = values.find((v) => v !== undefined);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  const out: unknown[] = [ordinary()];
  for (const [key, values] of Object.entries(perKey)) for (const value of values) out.push({ ...ordinary(), [key]: value });
  return out.filter((v) => schema.safeParse(v).success);
}
