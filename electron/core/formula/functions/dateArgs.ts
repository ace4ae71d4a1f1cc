import type { EvalContext } from '../context';
import { epochDay, type WallTime } from '../dates/calendar';
import { wallTime } from '../dates/zone';
import { errorValue, FormulaErrorValue, isError, type FormulaValue } from '../values';
import { date, zoneOf } from './args';

/**
 * A required date argument: blank or unreadable text is #ERROR! (Airtable's DATETIME_FORMAT of
 * an empty date field shows #ERROR!, which is why bases wrap it in IF({Date}, …)).
 */
export function requireDate(value: FormulaValue | undefined, ctx: EvalContext): Date | FormulaErrorValue {
  if (isError(value)) return value;
  return date(value, ctx) ?? errorValue();
}

/** The wall time of a date argument in its zone, or the error it gives. */
export function wallOf(value: FormulaValue | undefined, ctx: EvalContext): WallTime | FormulaErrorValue {
  const found = requireDate(value, ctx);
  return found instanceof FormulaErrorValue ? found : wallTime(found.getTime(), zoneOf(found, ctx));
}

/** The calendar day (days since the epoch) of a date in its zone. */
export function dayOf(value: Date, ctx: EvalContext): number {
  const wall = wallTime(value.getTime(), zoneOf(value, ctx));
  return epochDay(wall.year, wall.month, wall.day);
}
