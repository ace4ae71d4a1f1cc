import { inDateRange } from '../coerce';
import type { EvalContext } from '../context';
import { formatDate } from '../dates/format';
import { localeData, normaliseLocale } from '../dates/locales';
import { parseLooseDate } from '../dates/parseLoose';
import { parseWithFormat } from '../dates/parseFormat';
import { resolveZone } from '../dates/zone';
import { errorValue, FormulaErrorValue, isError, TaggedDate, type FormulaValue } from '../values';
import { localeOf, text, zoneOf } from './args';
import { requireDate } from './dateArgs';
import type { FunctionTable } from './spec';

/**
 * Formatting, parsing and tagging dates with moment.js format tokens (dates/format.ts,
 * dates/parseFormat.ts). SET_TIMEZONE and SET_LOCALE attach a zone or a locale that
 * DATETIME_FORMAT (and the date-part functions) then use.
 */

/** Renders a date with a format, charging the budget piece by piece so a huge format stops at the cap. */
function render(value: Date, format: string | undefined, ctx: EvalContext): string {
  if (format !== undefined) ctx.budget.scan(format.length);
  // Each piece of the format is a step: a format repeating long tokens is work, not just text.
  const result = formatDate({ ms: value.getTime(), zone: zoneOf(value, ctx), locale: localeData(localeOf(value)) }, format, (length) => {
    ctx.budget.textCap(length);
    ctx.budget.step();
  });
  ctx.budget.text(result.length);
  return result;
}

function formatted(format: string | undefined) {
  return (args: FormulaValue[], ctx: EvalContext): FormulaValue => {
    const found = requireDate(args[0], ctx);
    return found instanceof FormulaErrorValue ? found : render(found, format, ctx);
  };
}

export const DATE_FORMAT: FunctionTable = {
  /**
   * DATETIME_FORMAT(date, [output_format]). Without a format the result is moment's default,
   * ISO 8601 to the second ("2024-03-15T00:00:00Z" in UTC, the offset in other zones).
   */
  DATETIME_FORMAT: {
    min: 1,
    max: 2,
    impl: (args, ctx) => {
      const found = requireDate(args[0], ctx);
      if (found instanceof FormulaErrorValue) return found;
      return render(found, args[1] === undefined || args[1] === null ? undefined : text(args[1], ctx), ctx);
    },
  },
  /**
   * DATETIME_PARSE(date, [input_format], [locale]). With a format, moment's forgiving parse in
   * the given locale's month names; without one, the same reading as any date given as text.
   * Blank stays blank; text that is not a date is #ERROR!.
   */
  DATETIME_PARSE: {
    min: 1,
    max: 3,
    impl: (args, ctx) => {
      const input = args[0] ?? null;
      if (input === null || input === '') return null;
      if (input instanceof Date) return input;
      const source = text(input, ctx);
      const format = args[1] === undefined || args[1] === null ? '' : text(args[1], ctx);
      const localeKey = args[2] === undefined || args[2] === null ? undefined : text(args[2], ctx);
      ctx.budget.scan(source.length + format.length);
      const ms = format === '' ? parseLooseDate(source, ctx.zone) : parseWithFormat(source, format, localeData(localeKey), ctx.zone, ctx.record.now.getTime());
      if (ms === null || !inDateRange(ms)) return errorValue();
      return localeKey !== undefined && normaliseLocale(localeKey) ? new TaggedDate(ms, undefined, localeKey) : new Date(ms);
    },
  },
  /** DATESTR(date): "YYYY-MM-DD". */
  DATESTR: { min: 1, max: 1, impl: formatted('YYYY-MM-DD') },
  /**
   * TIMESTR(timestamp): "HH:mm:ss", as Airtable's description says. Its example shows
   * "7:31:25" for 7:31:25 am; the documented format (with the leading zero) is followed here.
   */
  TIMESTR: { min: 1, max: 1, impl: formatted('HH:mm:ss') },
  /** SET_TIMEZONE(date, tz_identifier): an IANA zone such as "Australia/Sydney"; an unknown zone is #ERROR!. */
  SET_TIMEZONE: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const found = requireDate(args[0], ctx);
      if (found instanceof FormulaErrorValue) return found;
      if (isError(args[1])) return args[1];
      const zone = resolveZone(text(args[1], ctx));
      return zone === null ? errorValue() : new TaggedDate(found.getTime(), zone, localeOf(found));
    },
  },
  /** SET_LOCALE(date, locale_modifier): a moment locale id such as "es" or "en-gb"; unknown ids format in English, as moment does. */
  SET_LOCALE: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const found = requireDate(args[0], ctx);
      if (found instanceof FormulaErrorValue) return found;
      const zone = found instanceof TaggedDate ? found.timeZone : undefined;
      return new TaggedDate(found.getTime(), zone, text(args[1], ctx));
    },
  },
};
