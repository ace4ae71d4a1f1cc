import { inDateRange } from '../coerce';
import type { EvalContext } from '../context';
import { civilFromEpochDay } from '../dates/calendar';
import { addWorkdays, workdaysBetween, workingHolidays } from '../dates/workdays';
import { instantFromWall } from '../dates/zone';
import { errorValue, FormulaErrorValue, isError, type FormulaValue } from '../values';
import { date, int, sameTags, text, zoneOf } from './args';
import { dayOf, requireDate } from './dateArgs';
import type { FunctionTable } from './spec';

/**
 * Holidays as Airtable takes them: "a comma-separated string of ISO-formatted dates"
 * ("2020-10-16, 2020-10-19"); a list (a lookup of dates) is accepted too. The text is walked
 * with indexOf rather than split, so a huge string never becomes a huge array. An entry that is
 * not a date makes the whole result #ERROR!.
 */
function holidayDays(value: FormulaValue | undefined, ctx: EvalContext): number[] | FormulaErrorValue {
  if (value === undefined || value === null) return [];
  if (isError(value)) return value;
  const days: number[] = [];
  const add = (entry: FormulaValue) => {
    ctx.budget.step();
    ctx.budget.listCap(days.length + 1);
    const found = date(entry, ctx);
    if (!found) return false;
    days.push(dayOf(found, ctx));
    return true;
  };
  if (Array.isArray(value)) {
    for (const entry of value) if (entry !== null && entry !== '' && !add(entry)) return errorValue();
    return workingHolidays(days);
  }
  const list = text(value, ctx);
  ctx.budget.scan(list.length);
  for (let start = 0; start <= list.length; ) {
    const comma = list.indexOf(',', start);
    const end = comma === -1 ? list.length : comma;
    const entry = list.slice(start, end).trim();
    if (entry !== '' && !add(entry)) return errorValue();
    start = end + 1;
  }
  return workingHolidays(days);
}

export const WORKDAYS: FunctionTable = {
  /** WORKDAY(startDate, numDays, [holidays]): the date numDays working days on (back when negative), at midnight. */
  WORKDAY: {
    min: 2,
    max: 3,
    impl: (args, ctx) => {
      const start = requireDate(args[0], ctx);
      if (start instanceof FormulaErrorValue) return start;
      const count = int(args[1]);
      if (!Number.isFinite(count)) return errorValue();
      const holidays = holidayDays(args[2], ctx);
      if (holidays instanceof FormulaErrorValue) return holidays;
      const day = addWorkdays(dayOf(start, ctx), count, holidays);
      if (!Number.isFinite(day) || Math.abs(day) > 100_000_000) return errorValue();
      const ms = instantFromWall({ ...civilFromEpochDay(day), hour: 0, minute: 0, second: 0, millisecond: 0 }, zoneOf(start, ctx));
      return inDateRange(ms) ? sameTags(start, ms) : errorValue();
    },
  },
  /** WORKDAY_DIFF(startDate, endDate, [holidays]): working days from start to end, both counted; negative backwards. */
  WORKDAY_DIFF: {
    min: 2,
    max: 3,
    impl: (args, ctx) => {
      const start = requireDate(args[0], ctx);
      if (start instanceof FormulaErrorValue) return start;
      const end = requireDate(args[1], ctx);
      if (end instanceof FormulaErrorValue) return end;
      const holidays = holidayDays(args[2], ctx);
      if (holidays instanceof FormulaErrorValue) return holidays;
      return workdaysBetween(dayOf(start, ctx), dayOf(end, ctx), holidays);
    },
  },
};
