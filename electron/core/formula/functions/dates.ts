import { epochDay, weekdayOfEpochDay, type WallTime } from '../dates/calendar';
import { humanizeDistance } from '../dates/relative';
import { addToDate, diffDates, normaliseUnit, startOf, startOfNext } from '../dates/units';
import { instantFromWall, wallTime } from '../dates/zone';
import { inDateRange } from '../coerce';
import type { EvalContext } from '../context';
import { errorValue, FormulaErrorValue, type FormulaValue } from '../values';
import { date, num, sameTags, text, zoneOf } from './args';
import { requireDate, wallOf } from './dateArgs';
import type { FunctionTable } from './spec';

/**
 * Date parts and date arithmetic. Calendar parts are read in the date's zone: the one
 * SET_TIMEZONE attached, else the evaluation zone (UTC unless the caller set one), never the
 * machine's.
 */

function part(pick: (wall: WallTime) => number) {
  return (args: FormulaValue[], ctx: EvalContext): FormulaValue => {
    const wall = wallOf(args[0], ctx);
    return wall instanceof FormulaErrorValue ? wall : pick(wall);
  };
}

/** WEEKDAY/WEEKNUM's optional "Sunday" (default) or "Monday"; anything else is an error. */
function weekStart(value: FormulaValue | undefined, ctx: EvalContext): number | undefined {
  if (value === undefined || value === null) return 0;
  const name = text(value, ctx).trim().toLowerCase();
  return name === 'sunday' ? 0 : name === 'monday' ? 1 : undefined;
}

/** The two dates of a comparison; blanks make the comparison false, unreadable text an error. */
function comparePair(args: FormulaValue[], ctx: EvalContext, test: (a: Date, b: Date) => boolean): FormulaValue {
  const [left, right] = [args[0] ?? null, args[1] ?? null];
  if (left === null || left === '' || right === null || right === '') return false;
  const a = date(left, ctx);
  const b = date(right, ctx);
  if (!a || !b) return errorValue();
  return test(a, b);
}

export const DATES: FunctionTable = {
  NOW: { min: 0, max: 0, impl: (_args, ctx) => ctx.record.now },
  /** TODAY: midnight of the current day in the evaluation zone ("if formatted, time will return 12:00am"). */
  TODAY: {
    min: 0,
    max: 0,
    impl: (_args, ctx) => {
      const now = wallTime(ctx.record.now.getTime(), ctx.zone);
      return new Date(instantFromWall({ ...now, hour: 0, minute: 0, second: 0, millisecond: 0 }, ctx.zone));
    },
  },
  YEAR: { min: 1, max: 1, impl: part((w) => w.year) },
  MONTH: { min: 1, max: 1, impl: part((w) => w.month) },
  DAY: { min: 1, max: 1, impl: part((w) => w.day) },
  HOUR: { min: 1, max: 1, impl: part((w) => w.hour) },
  MINUTE: { min: 1, max: 1, impl: part((w) => w.minute) },
  SECOND: { min: 1, max: 1, impl: part((w) => w.second) },
  /** WEEKDAY(date, [startDayOfWeek]): 0 = Sunday … 6 = Saturday; with "Monday", 0 = Monday … 6 = Sunday. */
  WEEKDAY: {
    min: 1,
    max: 2,
    impl: (args, ctx) => {
      const wall = wallOf(args[0], ctx);
      const start = weekStart(args[1], ctx);
      if (wall instanceof FormulaErrorValue) return wall;
      if (start === undefined) return errorValue();
      return (weekdayOfEpochDay(epochDay(wall.year, wall.month, wall.day)) - start + 7) % 7;
    },
  },
  /**
   * WEEKNUM(date, [startDayOfWeek]): the spreadsheet week number: week 1 holds January 1st and a
   * new week starts each Sunday (or Monday), so late-December days stay in week 52 or 53.
   */
  WEEKNUM: {
    min: 1,
    max: 2,
    impl: (args, ctx) => {
      const wall = wallOf(args[0], ctx);
      const start = weekStart(args[1], ctx);
      if (wall instanceof FormulaErrorValue) return wall;
      if (start === undefined) return errorValue();
      const jan1 = epochDay(wall.year, 1, 1);
      const lead = (weekdayOfEpochDay(jan1) - start + 7) % 7;
      return Math.floor((epochDay(wall.year, wall.month, wall.day) - jan1 + lead) / 7) + 1;
    },
  },
  /** DATEADD(date, count, units): see dates/units.ts. An unknown unit is #ERROR!. */
  DATEADD: {
    min: 3,
    max: 3,
    impl: (args, ctx) => {
      const start = requireDate(args[0], ctx);
      if (start instanceof FormulaErrorValue) return start;
      const unit = normaliseUnit(text(args[2], ctx));
      const amount = num(args[1]);
      if (!unit || !Number.isFinite(amount)) return errorValue();
      const ms = addToDate(start.getTime(), amount, unit, zoneOf(start, ctx));
      return inDateRange(ms) ? sameTags(start, ms) : errorValue();
    },
  },
  /**
   * DATETIME_DIFF(date1, date2, [units]) = date1 − date2 in whole units. No unit means seconds;
   * an unrecognised unit gives milliseconds, which is what moment's diff does (Airtable's unit
   * page says both "seconds" and "milliseconds" for that case).
   */
  DATETIME_DIFF: {
    min: 2,
    max: 3,
    impl: (args, ctx) => {
      const a = requireDate(args[0], ctx);
      if (a instanceof FormulaErrorValue) return a;
      const b = requireDate(args[1], ctx);
      if (b instanceof FormulaErrorValue) return b;
      const unit = args[2] === undefined ? 'seconds' : (normaliseUnit(text(args[2], ctx)) ?? 'milliseconds');
      return diffDates(a.getTime(), b.getTime(), unit, zoneOf(a, ctx));
    },
  },
  /** IS_SAME(date1, date2, [unit]): same instant, or same unit (same day, month…) in date1's zone. */
  IS_SAME: {
    min: 2,
    max: 3,
    impl: (args, ctx) =>
      comparePair(args, ctx, (a, b) => {
        const unit = args[2] === undefined ? undefined : normaliseUnit(text(args[2], ctx));
        if (!unit || unit === 'milliseconds') return a.getTime() === b.getTime();
        const zone = zoneOf(a, ctx);
        return startOf(a.getTime(), unit, zone) <= b.getTime() && b.getTime() < startOfNext(a.getTime(), unit, zone);
      }),
  },
  IS_AFTER: { min: 2, max: 2, impl: (args, ctx) => comparePair(args, ctx, (a, b) => a.getTime() > b.getTime()) },
  IS_BEFORE: { min: 2, max: 2, impl: (args, ctx) => comparePair(args, ctx, (a, b) => a.getTime() < b.getTime()) },
  /**
   * FROMNOW/TONOW: how far the date is from now, in words and without "ago"/"in" ("25 days"), the
   * way Airtable shows them (moment's fromNow(true)/toNow(true), which print the same text).
   */
  FROMNOW: { min: 1, max: 1, impl: (args, ctx) => distanceFromNow(args[0], ctx) },
  TONOW: { min: 1, max: 1, impl: (args, ctx) => distanceFromNow(args[0], ctx) },
};

function distanceFromNow(value: FormulaValue | undefined, ctx: EvalContext): FormulaValue {
  const found = requireDate(value, ctx);
  return found instanceof FormulaErrorValue ? found : humanizeDistance(ctx.record.now.getTime() - found.getTime());
}
