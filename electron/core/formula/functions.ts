import { FormulaErrorValue, type FormulaValue } from './ast';
import { formulaEquals, isBlank, isError, isTruthy, toDate, toNumber, toText } from './coerce';
import { addToDate, diffDates, formatDate, parseDate, startOf } from './dates';

/** What a function may ask about the record being evaluated. */
export interface RecordContext {
  recordId: string;
  createdTime: Date;
  /** Last change to any non-computed field, or to the listed fields. */
  lastModifiedTime(fieldIds: readonly string[]): Date | null;
  now: Date;
}

type Impl = (args: FormulaValue[], record: RecordContext) => FormulaValue;
interface FunctionSpec {
  min: number;
  max: number;
  impl: Impl;
  /** Functions that handle errors in their own arguments instead of propagating them. */
  seesErrors?: boolean;
}

const ERROR = () => new FormulaErrorValue('#ERROR!');
const flatten = (values: FormulaValue[]): FormulaValue[] => values.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
const numbers = (values: FormulaValue[]) => flatten(values).filter((v) => !isBlank(v)).map(toNumber);
const text = (value: FormulaValue | undefined) => toText(value ?? null);
const num = (value: FormulaValue | undefined) => toNumber(value ?? null);
const dateOf = (value: FormulaValue | undefined) => toDate(value ?? null);

function dateCompare(args: FormulaValue[], test: (a: number, b: number) => boolean): FormulaValue {
  const a = dateOf(args[0]);
  const b = dateOf(args[1]);
  if (!a || !b) return a === null && args[0] !== null ? ERROR() : false;
  return test(a.getTime(), b.getTime());
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  // logic
  AND: { min: 1, max: Infinity, impl: (args) => flatten(args).every(isTruthy) },
  OR: { min: 1, max: Infinity, impl: (args) => flatten(args).some(isTruthy) },
  XOR: { min: 1, max: Infinity, impl: (args) => flatten(args).filter(isTruthy).length % 2 === 1 },
  NOT: { min: 1, max: 1, impl: (args) => !isTruthy(args[0] ?? null) },
  IF: { min: 2, max: 3, impl: () => null }, // lazy: handled by the evaluator
  SWITCH: { min: 2, max: Infinity, impl: () => null }, // lazy: handled by the evaluator
  BLANK: { min: 0, max: 0, impl: () => null },
  TRUE: { min: 0, max: 0, impl: () => true },
  FALSE: { min: 0, max: 0, impl: () => false },
  ERROR: { min: 0, max: 1, impl: () => ERROR() },
  ISERROR: { min: 1, max: 1, seesErrors: true, impl: (args) => isError(args[0] ?? null) },
  // text
  FIND: {
    min: 2,
    max: 3,
    impl: (args) => {
      const start = args[2] === undefined ? 0 : Math.max(0, num(args[2]) - 1);
      return text(args[1]).indexOf(text(args[0]), start) + 1;
    },
  },
  SEARCH: {
    min: 2,
    max: 3,
    impl: (args) => {
      const start = args[2] === undefined ? 0 : Math.max(0, num(args[2]) - 1);
      const index = text(args[1]).toLowerCase().indexOf(text(args[0]).toLowerCase(), start);
      return index < 0 ? null : index + 1;
    },
  },
  LOWER: { min: 1, max: 1, impl: (args) => text(args[0]).toLowerCase() },
  UPPER: { min: 1, max: 1, impl: (args) => text(args[0]).toUpperCase() },
  LEN: { min: 1, max: 1, impl: (args) => [...text(args[0])].length },
  TRIM: { min: 1, max: 1, impl: (args) => text(args[0]).trim() },
  CONCATENATE: { min: 1, max: Infinity, impl: (args) => args.map(toText).join('') },
  LEFT: { min: 2, max: 2, impl: (args) => text(args[0]).slice(0, Math.max(0, num(args[1]))) },
  RIGHT: { min: 2, max: 2, impl: (args) => { const n = Math.max(0, num(args[1])); return n === 0 ? '' : text(args[0]).slice(-n); } },
  MID: { min: 3, max: 3, impl: (args) => text(args[0]).substr(Math.max(0, num(args[1]) - 1), Math.max(0, num(args[2]))) },
  SUBSTITUTE: {
    min: 3,
    max: 4,
    impl: (args) => {
      const source = text(args[0]);
      const from = text(args[1]);
      if (from === '') return source;
      if (args[3] === undefined) return source.split(from).join(text(args[2]));
      const parts = source.split(from);
      const index = num(args[3]);
      if (index < 1 || index >= parts.length) return source;
      return parts.slice(0, index).join(from) + text(args[2]) + parts.slice(index).join(from);
    },
  },
  REPT: { min: 2, max: 2, impl: (args) => text(args[0]).repeat(Math.max(0, Math.min(10_000, num(args[1])))) },
  T: { min: 1, max: 1, impl: (args) => (typeof args[0] === 'string' ? args[0] : '') },
  VALUE: { min: 1, max: 1, impl: (args) => num(args[0]) },
  REGEX_MATCH: {
    min: 2,
    max: 2,
    impl: (args) => {
      try {
        return new RegExp(text(args[1])).test(text(args[0]));
      } catch {
        return ERROR();
      }
    },
  },
  // numbers
  ABS: { min: 1, max: 1, impl: (args) => Math.abs(num(args[0])) },
  ROUND: { min: 1, max: 2, impl: (args) => { const f = 10 ** num(args[1] ?? 0); return Math.round(num(args[0]) * f) / f; } },
  INT: { min: 1, max: 1, impl: (args) => Math.floor(num(args[0])) },
  MOD: { min: 2, max: 2, impl: (args) => (num(args[1]) === 0 ? new FormulaErrorValue('#DIV/0!') : num(args[0]) % num(args[1])) },
  MIN: { min: 1, max: Infinity, impl: (args) => { const n = numbers(args); return n.length ? Math.min(...n) : 0; } },
  MAX: { min: 1, max: Infinity, impl: (args) => { const n = numbers(args); return n.length ? Math.max(...n) : 0; } },
  SUM: { min: 1, max: Infinity, impl: (args) => numbers(args).reduce((a, b) => a + b, 0) },
  AVERAGE: { min: 1, max: Infinity, impl: (args) => { const n = numbers(args); return n.length ? n.reduce((a, b) => a + b, 0) / n.length : new FormulaErrorValue('#DIV/0!'); } },
  COUNT: { min: 1, max: Infinity, impl: (args) => flatten(args).filter((v) => typeof v === 'number').length },
  COUNTA: { min: 1, max: Infinity, impl: (args) => flatten(args).filter((v) => !isBlank(v)).length },
  COUNTALL: { min: 1, max: Infinity, impl: (args) => flatten(args).length },
  // records and dates
  RECORD_ID: { min: 0, max: 0, impl: (_args, record) => record.recordId },
  CREATED_TIME: { min: 0, max: 0, impl: (_args, record) => record.createdTime },
  LAST_MODIFIED_TIME: { min: 0, max: Infinity, impl: (args, record) => record.lastModifiedTime(args.filter((a): a is string => typeof a === 'string')) },
  NOW: { min: 0, max: 0, impl: (_args, record) => record.now },
  TODAY: { min: 0, max: 0, impl: (_args, record) => new Date(Date.UTC(record.now.getUTCFullYear(), record.now.getUTCMonth(), record.now.getUTCDate())) },
  IS_AFTER: { min: 2, max: 2, impl: (args) => dateCompare(args, (a, b) => a > b) },
  IS_BEFORE: { min: 2, max: 2, impl: (args) => dateCompare(args, (a, b) => a < b) },
  IS_SAME: {
    min: 2,
    max: 3,
    impl: (args) => {
      const a = dateOf(args[0]);
      const b = dateOf(args[1]);
      if (!a || !b) return false;
      if (args[2] === undefined) return a.getTime() === b.getTime();
      const x = startOf(a, text(args[2]));
      const y = startOf(b, text(args[2]));
      return x === null || y === null ? ERROR() : x === y;
    },
  },
  DATETIME_PARSE: {
    min: 1,
    max: 3,
    impl: (args) => {
      if (isBlank(args[0] ?? null)) return null;
      if (args[0] instanceof Date) return args[0];
      return parseDate(text(args[0]), args[1] === undefined ? undefined : text(args[1])) ?? ERROR();
    },
  },
  DATETIME_FORMAT: { min: 1, max: 2, impl: (args) => { const d = dateOf(args[0]); return d ? formatDate(d, args[1] === undefined ? undefined : text(args[1])) : ERROR(); } },
  DATEADD: { min: 3, max: 3, impl: (args) => { const d = dateOf(args[0]); return (d && addToDate(d, num(args[1]), text(args[2]))) ?? ERROR(); } },
  DATETIME_DIFF: {
    min: 2,
    max: 3,
    impl: (args) => {
      const a = dateOf(args[0]);
      const b = dateOf(args[1]);
      return (a && b && diffDates(a, b, args[2] === undefined ? 'seconds' : text(args[2]))) ?? ERROR();
    },
  },
  YEAR: { min: 1, max: 1, impl: (args) => dateOf(args[0])?.getUTCFullYear() ?? ERROR() },
  MONTH: { min: 1, max: 1, impl: (args) => { const d = dateOf(args[0]); return d ? d.getUTCMonth() + 1 : ERROR(); } },
  DAY: { min: 1, max: 1, impl: (args) => dateOf(args[0])?.getUTCDate() ?? ERROR() },
  // arrays
  ARRAYJOIN: { min: 1, max: 2, impl: (args) => flatten([args[0] ?? null]).filter((v) => v !== null).map(toText).join(args[1] === undefined ? ', ' : text(args[1])) },
  ARRAYCOMPACT: { min: 1, max: 1, impl: (args) => flatten([args[0] ?? null]).filter((v) => !isBlank(v)) },
  ARRAYUNIQUE: { min: 1, max: 1, impl: (args) => { const out: FormulaValue[] = []; for (const v of flatten([args[0] ?? null])) if (!out.some((o) => formulaEquals(o, v))) out.push(v); return out; } },
};

export function functionArity(name: string): { min: number; max: number } | undefined {
  const spec = FUNCTIONS[name];
  return spec && { min: spec.min, max: spec.max };
}

export function functionSpec(name: string): FunctionSpec | undefined {
  return FUNCTIONS[name];
}

