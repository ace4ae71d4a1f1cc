import { describe, expect, it } from 'vitest';
import { ERROR, examples, iso, record, compile, run } from './harness';

// Date and time functions. The evaluation zone is UTC unless the record says otherwise (Airtable
// computes in GMT); nothing here depends on the machine's TZ, and the suite is run under several.

const at = (text: string) => new Date(text);

examples('TODAY', [
  ['TODAY()', at('2026-06-15T00:00:00.000Z'), 'AT·universe'],
  ['DATETIME_FORMAT(TODAY(), "h:mma")', '12:00am', 'AT·universe'],
]);

examples('NOW', [
  ['NOW()', at('2026-06-15T12:00:00.000Z'), 'AT·universe'],
  ['IS_AFTER(NOW(), TODAY())', true, 'derived'],
]);

examples('YEAR', [
  ['YEAR("2021-06-09")', 2021, 'AT·copy'],
  ['YEAR({Due})', 2024, 'derived'],
  ['YEAR({Name})', ERROR, 'derived'],
], { Due: '2024-03-15' });

examples('MONTH', [
  ['MONTH("02/17/2013 7:31")', 2, 'AT·copy'],
  ['MONTH("December 1, 2020")', 12, 'derived'],
]);

examples('DAY', [
  ['DAY("02/17/2013")', 17, 'AT·copy'],
  ['DAY({When})', 31, 'derived'],
], { When: '2025-12-31T23:59:59.000Z' });

examples('HOUR', [
  ['HOUR("4 Mar 2017 7:00")', 7, 'AT·copy'],
  ['HOUR("4 Mar 2017 7:00 pm")', 19, 'derived'],
  ['HOUR(SET_TIMEZONE("2024-03-15T13:00:00Z", "Asia/Kolkata"))', 18, 'derived'],
]);

examples('MINUTE', [
  ['MINUTE("02/17/2013 7:31")', 31, 'AT·copy'],
  ['MINUTE(SET_TIMEZONE("2024-03-15T13:00:00Z", "Asia/Kolkata"))', 30, 'derived'],
]);

examples('SECOND', [
  ['SECOND("02/17/2013 7:31:25")', 25, 'AT·copy'],
  ['SECOND("2024-03-15T13:00:59.999Z")', 59, 'derived'],
]);

examples('WEEKDAY', [
  ['WEEKDAY("2021-06-09")', 3, 'AT·copy'],
  ['WEEKDAY("2021-06-09", "Monday")', 2, 'AT·universe'],
  ['WEEKDAY("2021-06-13", "Monday")', 6, 'AT·universe'],
  ['WEEKDAY("2021-06-13", "Sunday")', 0, 'AT·universe'],
  ['WEEKDAY("2021-06-13", "Tuesday")', ERROR, 'derived'],
]);

examples('WEEKNUM', [
  ['WEEKNUM("02/17/2013")', 8, 'AT·copy'],
  ['WEEKNUM("2013-02-17", "Monday")', 7, 'derived'],
  ['WEEKNUM("2013-01-01")', 1, 'derived'],
  ['WEEKNUM("2013-12-31")', 53, 'derived'],
]);

examples('DATEADD', [
  ['DATEADD("07/10/19", 10, "days")', at('2019-07-20T00:00:00.000Z'), 'AT·copy'],
  ['DATEADD("2024-01-31", 1, "months")', at('2024-02-29T00:00:00.000Z'), 'moment'],
  ['DATEADD("2024-01-31", 1, "M")', at('2024-02-29T00:00:00.000Z'), 'AT'],
  ['DATEADD("2024-01-01", 90, "m")', at('2024-01-01T01:30:00.000Z'), 'AT'],
  ['DATEADD("2024-01-01", 2, "quarters")', at('2024-07-01T00:00:00.000Z'), 'AT'],
  ['DATEADD("2024-02-29", 1, "years")', at('2025-02-28T00:00:00.000Z'), 'moment'],
  ['DATEADD("2024-01-01", 1, "w")', at('2024-01-08T00:00:00.000Z'), 'AT'],
  ['DATEADD("2024-01-01", 1.5, "days")', at('2024-01-03T00:00:00.000Z'), 'moment'],
  ['DATEADD("2024-01-01", 1.5, "hours")', at('2024-01-01T01:30:00.000Z'), 'moment'],
  ['DATEADD("2024-01-01", -1, "ms")', at('2023-12-31T23:59:59.999Z'), 'AT'],
  ['DATEADD("2024-01-01", 1, "fortnights")', ERROR, 'derived'],
  ['DATEADD({Due}, 1, "days")', ERROR, 'community'],
]);

examples('DATETIME_DIFF', [
  ['DATETIME_DIFF("04/06/2019 12:00", "04/05/2019 11:00", "hours")', 25, 'AT·copy'],
  ['DATETIME_DIFF("04/05/2019 11:00", "04/06/2019 12:00", "hours")', -25, 'AT·universe'],
  ['DATETIME_DIFF("2024-01-02", "2024-01-01")', 86400, 'AT'],
  ['DATETIME_DIFF("2024-01-02", "2024-01-01", "ms")', 86_400_000, 'AT'],
  ['DATETIME_DIFF("2024-03-01", "2024-01-31", "months")', 1, 'moment'],
  ['DATETIME_DIFF("2024-12-31", "2024-01-01", "y")', 0, 'AT'],
  ['DATETIME_DIFF("2025-01-01", "2024-01-01", "years")', 1, 'AT'],
  ['DATETIME_DIFF("2024-07-01", "2024-01-01", "Q")', 2, 'AT'],
  ['DATETIME_DIFF("2024-01-15", "2024-01-01", "w")', 2, 'AT'],
  ['DATETIME_DIFF("2024-01-01T00:10:00Z", "2024-01-01", "m")', 10, 'AT'],
  ['DATETIME_DIFF("2024-01-02", "2024-01-01", "no such unit")', 86_400_000, 'AT'],
  ['DATETIME_DIFF({Due}, "2024-01-01")', ERROR, 'derived'],
]);

examples('DATETIME_FORMAT', [
  ['DATETIME_FORMAT("10/22/2003", "M")', '10', 'AT'],
  ['DATETIME_FORMAT({When}, "YYYY-MM-DD HH:mm:ss.SSS")', '2025-12-31 15:00:00.000', 'AT'],
  ['DATETIME_FORMAT({When}, "MMMM D YYYY")', 'December 31 2025', 'AT'],
  ['DATETIME_FORMAT({When}, "M/D/YYYY")', '12/31/2025', 'AT'],
  ['DATETIME_FORMAT({When}, "D MMMM YYYY")', '31 December 2025', 'AT'],
  // The same Airtable page prints "12/31/25" for "M D YY"; moment keeps the spaces, and so does this.
  ['DATETIME_FORMAT({When}, "M D YY")', '12 31 25', 'AT'],
  ['DATETIME_FORMAT("2024-03-15", "MMMM D, YYYY")', 'March 15, 2024', 'moment'],
  ['DATETIME_FORMAT("2/11/21", "W")', '6', 'AT'],
  ['DATETIME_FORMAT("2/11/21", "w")', '7', 'AT'],
  ['DATETIME_FORMAT("2024-03-17", "[today] dddd")', 'today Sunday', 'moment'],
  ['DATETIME_FORMAT("2024-03-15")', '2024-03-15T00:00:00Z', 'moment'],
  ['DATETIME_FORMAT({Due}, "DD/MM/YYYY")', ERROR, 'community'],
], { When: '2025-12-31T15:00:00.000Z' });

describe('DATETIME_FORMAT tokens (moment\'s table; 1986-09-04 20:30:25.123 UTC, a Thursday)', () => {
  const when = '"1986-09-04T20:30:25.123Z"';
  it.each([
    ['M', '9'], ['Mo', '9th'], ['MM', '09'], ['MMM', 'Sep'], ['MMMM', 'September'],
    ['Q', '3'], ['Qo', '3rd'],
    ['D', '4'], ['Do', '4th'], ['DD', '04'], ['DDD', '247'], ['DDDo', '247th'], ['DDDD', '247'],
    ['d', '4'], ['do', '4th'], ['dd', 'Th'], ['ddd', 'Thu'], ['dddd', 'Thursday'], ['e', '4'], ['E', '4'],
    ['w', '36'], ['wo', '36th'], ['ww', '36'], ['W', '36'], ['Wo', '36th'], ['WW', '36'],
    ['YY', '86'], ['YYYY', '1986'], ['Y', '1986'], ['gg', '86'], ['gggg', '1986'], ['GG', '86'], ['GGGG', '1986'],
    ['A', 'PM'], ['a', 'pm'], ['H', '20'], ['HH', '20'], ['h', '8'], ['hh', '08'], ['k', '20'], ['kk', '20'],
    ['m', '30'], ['mm', '30'], ['s', '25'], ['ss', '25'], ['S', '1'], ['SS', '12'], ['SSS', '123'], ['SSSS', '1230'],
    ['Z', '+00:00'], ['ZZ', '+0000'], ['X', '526249825'], ['x', '526249825123'],
    ['LT', '8:30 PM'], ['LTS', '8:30:25 PM'], ['L', '09/04/1986'], ['l', '9/4/1986'], ['LL', 'September 4, 1986'], ['ll', 'Sep 4, 1986'],
    ['LLL', 'September 4, 1986 8:30 PM'], ['lll', 'Sep 4, 1986 8:30 PM'], ['LLLL', 'Thursday, September 4, 1986 8:30 PM'], ['llll', 'Thu, Sep 4, 1986 8:30 PM'],
    ['[Week] W [of] YYYY', 'Week 36 of 1986'], ['YYYY-MM-DDTHH:mm', '1986-09-04T20:30'], ['\\M\\M', 'MM'], ['hmm', '830'], ['Hmmss', '203025'],
  ])('%s → %s (moment)', (format, expected) => {
    expect(run(`DATETIME_FORMAT(${when}, "${format.replace(/\\/g, '\\\\')}")`)).toBe(expected);
  });
});

examples('DATETIME_PARSE', [
  ['DATETIME_PARSE("8 Sep 2023 18:00", "D MMM YYYY HH:mm")', at('2023-09-08T18:00:00.000Z'), 'teable'],
  ['DATETIME_PARSE("05/03/2026", "DD/MM/YYYY")', at('2026-03-05T00:00:00.000Z'), 'moment'],
  ['DATETIME_PARSE("15/03/2024 3:45 PM", "DD/MM/YYYY h:mm A")', at('2024-03-15T15:45:00.000Z'), 'moment'],
  ['DATETIME_PARSE("Friday, March 15th 2024", "dddd, MMMM Do YYYY")', at('2024-03-15T00:00:00.000Z'), 'moment'],
  ['DATETIME_PARSE("12/25/1995", "MM-DD-YYYY")', at('1995-12-25T00:00:00.000Z'), 'moment'],
  ['DATETIME_PARSE("14", "YY")', at('2014-01-01T00:00:00.000Z'), 'moment'],
  ['DATETIME_PARSE("69", "YY")', at('1969-01-01T00:00:00.000Z'), 'moment'],
  ['DATETIME_PARSE("2024-03-15 10:00 +05:30", "YYYY-MM-DD HH:mm Z")', at('2024-03-15T04:30:00.000Z'), 'moment'],
  ['DATETIME_PARSE("1710460800", "X")', at('2024-03-15T00:00:00.000Z'), 'moment'],
  ['DATETIME_PARSE("1710460800123", "x")', at('2024-03-15T00:00:00.123Z'), 'moment'],
  ['DATETIME_PARSE("12:30", "HH:mm")', at('2026-06-15T12:30:00.000Z'), 'moment'],
  ['DATETIME_PARSE("2010 2 29", "YYYY M D")', ERROR, 'moment'],
  ['DATETIME_PARSE("15 marzo 2024", "D MMMM YYYY", "es")', at('2024-03-15T00:00:00.000Z'), 'derived'],
  ['DATETIME_PARSE("March 15, 2024 3:45 pm")', at('2024-03-15T15:45:00.000Z'), 'derived'],
  ['DATETIME_PARSE("2024-03-15T10:00:00+02:00")', at('2024-03-15T08:00:00.000Z'), 'moment'],
  ['DATETIME_PARSE("not a date")', ERROR, 'derived'],
  ['DATETIME_PARSE("")', null, 'derived'],
]);

examples('DATESTR', [
  ['DATESTR("12/13/21")', '2021-12-13', 'AT·copy'],
  ['DATESTR(SET_TIMEZONE("2024-03-15T23:30:00Z", "Pacific/Kiritimati"))', '2024-03-16', 'derived'],
]);

// Airtable's example prints "7:31:25"; its description says HH:mm:ss, which is followed here.
examples('TIMESTR', [
  ['TIMESTR("02/17/2013 7:31:25")', '07:31:25', 'AT·universe'],
  ['TIMESTR("2024-03-15T23:05:00Z")', '23:05:00', 'derived'],
]);

examples('SET_TIMEZONE', [
  ['DATETIME_FORMAT(SET_TIMEZONE("07/10/19 13:00", "Australia/Sydney"), "M/D/YYYY h:mm")', '7/10/2019 11:00', 'AT·copy'],
  ['DATETIME_FORMAT(SET_TIMEZONE("2024-01-15T12:00:00Z", "America/New_York"), "YYYY-MM-DD HH:mm Z")', '2024-01-15 07:00 -05:00', 'derived'],
  ['DATETIME_FORMAT(SET_TIMEZONE("2024-07-15T12:00:00Z", "America/New_York"), "HH:mm z")', '08:00 EDT', 'derived'],
  ['DATETIME_FORMAT(SET_TIMEZONE("2024-03-15T00:00:00Z", "Asia/Kolkata"))', '2024-03-15T05:30:00+05:30', 'moment'],
  ['SET_TIMEZONE("2024-03-15", "Not/AZone")', ERROR, 'derived'],
  ['IS_SAME(SET_TIMEZONE("2024-03-15T12:00:00Z", "Asia/Tokyo"), "2024-03-15T12:00:00Z")', true, 'derived'],
]);

examples('SET_LOCALE', [
  ['DATETIME_FORMAT(SET_LOCALE("07/10/19", "es"), "LLLL")', 'miércoles, 10 de julio de 2019 0:00', 'AT·copy'],
  ['DATETIME_FORMAT(SET_LOCALE("2024-03-15", "en-gb"), "LLLL")', 'Friday, 15 March 2024 00:00', 'AT'],
  ['DATETIME_FORMAT(SET_LOCALE("2024-03-15", "fr"), "dddd D MMMM YYYY")', 'vendredi 15 mars 2024', 'moment'],
  ['DATETIME_FORMAT(SET_LOCALE("2024-03-01", "fr"), "Do MMMM")', '1er mars', 'moment'],
  ['DATETIME_FORMAT(SET_LOCALE("2024-03-15", "de"), "LL")', '15. März 2024', 'moment'],
  ['DATETIME_FORMAT(SET_LOCALE("2024-03-15", "es"), "D-MMM-YYYY")', '15-mar-2024', 'moment'],
  ['DATETIME_FORMAT(SET_LOCALE("2024-03-15", "es-MX"), "MMMM")', 'marzo', 'moment'],
  ['DATETIME_FORMAT(SET_LOCALE("2024-03-15", "xx"), "MMMM")', 'March', 'moment'],
  ['DATETIME_FORMAT(SET_TIMEZONE(SET_LOCALE("2024-03-15T23:00:00Z", "es"), "Asia/Tokyo"), "dddd HH:mm")', 'sábado 08:00', 'derived'],
]);

examples('IS_SAME', [
  ['IS_SAME("1/1/1979", "1/1/1979")', true, 'AT·copy'],
  ['IS_SAME("2026-01-10T05:00:00Z", "2026-01-10T23:00:00Z", "day")', true, 'AT·universe'],
  ['IS_SAME("2026-01-10T05:00:00Z", "2026-01-10T23:00:00Z")', false, 'AT·universe'],
  ['IS_SAME("2026-01-10", "2026-01-31", "month")', true, 'AT'],
  ['IS_SAME("2026-01-10", "2026-02-01", "M")', false, 'AT'],
  ['IS_SAME("2026-01-10", "2026-12-31", "y")', true, 'AT'],
  ['IS_SAME("2026-01-04", "2026-01-10", "week")', true, 'moment'],
  ['IS_SAME("2026-01-03", "2026-01-04", "week")', false, 'moment'],
  ['IS_SAME("2026-01-10T05:20:00Z", "2026-01-10T05:59:00Z", "hours")', true, 'AT'],
]);

examples('IS_AFTER', [
  ['IS_AFTER("1/1/1979", "1/1/2000")', false, 'AT·copy'],
  ['IS_AFTER("2026-02-01", "2026-01-01")', true, 'derived'],
  ['IS_AFTER(CREATED_TIME(), "2025-12-31T23:59:59Z")', true, 'derived'],
  ['IS_AFTER({Due}, "2026-01-01")', false, 'derived'],
  ['IS_AFTER("garbage", "2026-01-01")', ERROR, 'derived'],
]);

examples('IS_BEFORE', [
  ['IS_BEFORE("1/1/1979", "1/1/2000")', true, 'AT·copy'],
  ['IS_BEFORE({Due}, "2026-01-02")', true, 'derived'],
], { Due: '2026-01-01' });

examples('WORKDAY', [
  ['WORKDAY("2020-10-16", 10, "2020-10-16, 2020-10-19")', at('2020-11-02T00:00:00.000Z'), 'AT·claimed'],
  ['WORKDAY("2020-10-16", 10)', at('2020-10-30T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-15", 1)', at('2026-01-16T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-16", 1)', at('2026-01-19T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-16", 1, "2026-01-19")', at('2026-01-20T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-17", 1)', at('2026-01-19T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-19", -1)', at('2026-01-16T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-18", -1)', at('2026-01-16T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-16", 0)', at('2026-01-16T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-16", 1, "2026-01-17, 2026-01-19, 2026-01-19")', at('2026-01-20T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-16", 2, {Holidays})', at('2026-01-22T00:00:00.000Z'), 'derived'],
  ['WORKDAY("2026-01-16", 1, "someday")', ERROR, 'derived'],
  ['DATESTR(WORKDAY("2020-01-01", 1000000))', '5853-01-26', 'derived'],
], { Holidays: '2026-01-19,2026-01-20,' });

// Inclusive of both ends (like a spreadsheet's NETWORKDAYS); Airtable's example cannot tell
// inclusive from exclusive-start counting, teable (a clone) counts inclusively.
examples('WORKDAY_DIFF', [
  ['WORKDAY_DIFF("2020-10-16", "2020-11-02", "2020-10-16, 2020-10-19")', 10, 'AT·claimed'],
  ['WORKDAY_DIFF("2026-01-19", "2026-01-23")', 5, 'teable'],
  ['WORKDAY_DIFF("2026-01-23", "2026-01-19")', -5, 'derived'],
  ['WORKDAY_DIFF("2026-01-19", "2026-01-19")', 1, 'derived'],
  ['WORKDAY_DIFF("2026-01-17", "2026-01-18")', 0, 'derived'],
  ['WORKDAY_DIFF("2026-01-19", "2026-01-26", "2026-01-24")', 6, 'derived'],
  ['WORKDAY_DIFF("2000-01-03", "2099-12-31")', 26089, 'derived'],
]);

examples('FROMNOW', [
  ['FROMNOW("2026-05-21T12:00:00Z")', '25 days', 'AT·copy'],
  ['FROMNOW("2026-06-15T11:59:30Z")', 'a few seconds', 'moment'],
  ['FROMNOW("2026-06-15T10:00:00Z")', '2 hours', 'moment'],
  ['FROMNOW("2027-06-15")', 'a year', 'moment'],
  ['FROMNOW({Due})', ERROR, 'derived'],
]);

examples('TONOW', [
  ['TONOW("2026-05-21T12:00:00Z")', '25 days', 'AT·copy'],
  ['TONOW("2026-09-15T12:00:00Z")', '3 months', 'moment'],
  ['TONOW("2026-06-15T11:00:00Z")', 'an hour', 'moment'],
]);

describe('dates read from text and fields', () => {
  it.each([
    ['02/17/2013', '2013-02-17T00:00:00.000Z'],
    ['02/17/2013 7:31:25', '2013-02-17T07:31:25.000Z'],
    ['07/10/19', '2019-07-10T00:00:00.000Z'],
    ['4 Mar 2017 7:00', '2017-03-04T07:00:00.000Z'],
    ['March 15, 2024', '2024-03-15T00:00:00.000Z'],
    ['March 2024', '2024-03-01T00:00:00.000Z'],
    ['10:30 pm 03/15/2024', '2024-03-15T22:30:00.000Z'],
    ['15th March 2024', '2024-03-15T00:00:00.000Z'],
    ['Fri, 15 Mar 2024 10:00:00 GMT', '2024-03-15T10:00:00.000Z'],
    ['Thu Mar 14 2024 17:00:00 GMT-0700 (Pacific Daylight Time)', '2024-03-15T00:00:00.000Z'],
    ['2024/03/15', '2024-03-15T00:00:00.000Z'],
    ['2024-03-15 10:00 PM', '2024-03-15T22:00:00.000Z'],
    ['20240315', '2024-03-15T00:00:00.000Z'],
    ['2024-W11-5', '2024-03-15T00:00:00.000Z'],
    ['2024-075', '2024-03-15T00:00:00.000Z'],
    ['2024-03-15T10:00:00.5Z', '2024-03-15T10:00:00.500Z'],
  ])('reads %j', (input, expected) => {
    expect(iso(run(`DATETIME_PARSE("${input}")`))).toBe(expected);
  });

  it.each(['13/45/2024', '2024-02-30', '31/12/2024', 'yesterday', '10:00', '12'])('refuses %j', (input) => {
    expect(run(`DATETIME_PARSE("${input}")`)).toEqual(ERROR);
  });

  it('reads a date field as midnight GMT and a dateTime field as its instant', () => {
    expect(iso(run('{Due}', { Due: '2024-03-15' }))).toBe('2024-03-15T00:00:00.000Z');
    expect(iso(run('{When}', { When: '2024-03-15T10:20:30.000Z' }))).toBe('2024-03-15T10:20:30.000Z');
  });

  it('concatenates a date as ISO text', () => {
    expect(run('DATEADD("07/10/19", 10, "days") & ""')).toBe('2019-07-20T00:00:00.000Z');
  });
});

describe('the evaluation time zone', () => {
  const inZone = (formula: string, timeZone: string, cells: Record<string, unknown> = {}) => compile(formula).evaluate(record(cells, { timeZone }));

  it('defaults to UTC and never to the machine zone', () => {
    expect(run('DATETIME_FORMAT("2024-03-15T23:30:00Z", "YYYY-MM-DD HH:mm")')).toBe('2024-03-15 23:30');
    expect(run('HOUR("2024-03-15 10:00")')).toBe(10);
  });

  it('reads and shows wall times in the zone the record gives', () => {
    expect(inZone('DATETIME_FORMAT("2024-03-15T07:00:00Z", "YYYY-MM-DD HH:mm Z")', 'America/Los_Angeles')).toBe('2024-03-15 00:00 -07:00');
    expect(iso(inZone('DATETIME_PARSE("2024-03-15 10:00")', 'Asia/Kolkata'))).toBe('2024-03-15T04:30:00.000Z');
    expect(inZone('HOUR("2024-03-15 10:00")', 'Asia/Kolkata')).toBe(10);
    expect(inZone('DAY({When})', 'Pacific/Kiritimati', { When: '2024-03-15T12:00:00.000Z' })).toBe(16);
  });

  it('starts TODAY at local midnight of the zone', () => {
    expect(iso(inZone('TODAY()', 'Pacific/Kiritimati'))).toBe('2026-06-15T10:00:00.000Z');
    expect(iso(inZone('TODAY()', 'America/Los_Angeles'))).toBe('2026-06-15T07:00:00.000Z');
  });

  it('keeps the wall time when adding days across a DST change, and counts that day as one', () => {
    expect(iso(inZone('DATEADD("2024-03-09 12:00", 1, "days")', 'America/New_York'))).toBe('2024-03-10T16:00:00.000Z');
    expect(inZone('DATETIME_DIFF("2024-03-10 12:00", "2024-03-09 12:00", "days")', 'America/New_York')).toBe(1);
    expect(inZone('DATETIME_DIFF("2024-03-10 12:00", "2024-03-09 12:00", "hours")', 'America/New_York')).toBe(23);
  });

  it('moves a wall time inside a DST gap forward, as moment-timezone does', () => {
    expect(iso(inZone('DATETIME_PARSE("2024-03-10 02:30")', 'America/New_York'))).toBe('2024-03-10T07:30:00.000Z');
  });

  it('falls back to UTC for a zone it does not know', () => {
    expect(inZone('HOUR("2024-03-15T10:00:00Z")', 'client')).toBe(10);
  });
});
