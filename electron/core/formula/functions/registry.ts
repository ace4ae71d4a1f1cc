import { ARRAYS } from './arrays';
import { DATE_FORMAT } from './dateFormat';
import { DATES } from './dates';
import { LOGICAL } from './logical';
import { NUMERIC } from './numeric';
import { RECORDS } from './records';
import { REGEX } from './regex';
import type { FunctionSpec } from './spec';
import { TEXT } from './text';
import { WORKDAYS } from './workdays';

/** Every function of Airtable's formula reference, by upper-case name (names are case-insensitive). */
const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  [LOGICAL, TEXT, NUMERIC, DATES, DATE_FORMAT, WORKDAYS, ARRAYS, REGEX, RECORDS].flatMap((table) => Object.entries(table)),
);

export function functionSpec(name: string): FunctionSpec | undefined {
  return FUNCTIONS.get(name.toUpperCase());
}

export function functionNames(): string[] {
  return [...FUNCTIONS.keys()].sort();
}
