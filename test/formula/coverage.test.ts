import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formulaFunctionNames } from '../../electron/core/formula';

/**
 * Airtable's function reference (pyairtable's formulas.txt, "retrieved from
 * airtable.com/universe/expHF9XTWWwAT299z", plus the array functions of Airtable's "Using
 * array functions" page). Every one must be implemented and have a table of examples.
 */
const DOCUMENTED = `ABS AND ARRAYCOMPACT ARRAYFLATTEN ARRAYJOIN ARRAYSLICE ARRAYUNIQUE AVERAGE BLANK CEILING CONCATENATE
  COUNT COUNTA COUNTALL CREATED_TIME DATEADD DATESTR DATETIME_DIFF DATETIME_FORMAT DATETIME_PARSE DAY
  ENCODE_URL_COMPONENT ERROR EVEN EXP FALSE FIND FLOOR FROMNOW HOUR IF INT ISERROR IS_AFTER IS_BEFORE IS_SAME
  LAST_MODIFIED_TIME LEFT LEN LOG LOWER MAX MID MIN MINUTE MOD MONTH NOT NOW ODD OR POWER RECORD_ID
  REGEX_EXTRACT REGEX_MATCH REGEX_REPLACE REPLACE REPT RIGHT ROUND ROUNDDOWN ROUNDUP SEARCH SECOND SET_LOCALE
  SET_TIMEZONE SQRT SUBSTITUTE SUM SWITCH T TIMESTR TODAY TONOW TRIM TRUE UPPER VALUE WEEKDAY WEEKNUM WORKDAY
  WORKDAY_DIFF XOR YEAR`.split(/\s+/).filter(Boolean);

describe('coverage of the documented functions', () => {
  it('implements exactly the documented functions', () => {
    expect(DOCUMENTED).toHaveLength(84);
    expect(formulaFunctionNames()).toEqual([...DOCUMENTED].sort());
  });

  it('has a table of examples for every function', () => {
    const dir = import.meta.dirname;
    const sources = readdirSync(dir)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    const missing = DOCUMENTED.filter((name) => !sources.includes(`examples('${name}',`));
    expect(missing).toEqual([]);
  });
});
