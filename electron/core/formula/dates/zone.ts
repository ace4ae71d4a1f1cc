import { utcMsToWall, wallToUtcMs, type WallTime } from './calendar';

/**
 * Time zones through Intl.DateTimeFormat (full ICU ships with Node and Electron), so formulas
 * follow IANA rules without moment-timezone, and never depend on the machine's TZ.
 */

export const UTC = 'UTC';

const resolved = new Map<string, string | null>();
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone names come from formulas; keep the caches from growing without bound. */
const CACHE_SIZE = 512;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
  return value;
}

/** The canonical IANA name of a zone, 'UTC' for the UTC aliases, or null when unknown. */
export function resolveZone(name: string): string | null {
  const key = name.trim();
  if (/^(utc|gmt|z|etc\/utc|etc\/gmt|universal|zulu)$/i.test(key)) return UTC;
  const cached = resolved.get(key);
  if (cached !== undefined) return cached;
  let zone: string | null = null;
  if (key !== '') {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: key }).resolvedOptions().timeZone;
      if (zone === 'Etc/UTC' || zone === 'Etc/GMT') zone = UTC;
    } catch {
      zone = null;
    }
  }
  return remember(resolved, key, zone);
}

function formatter(zone: string): Intl.DateTimeFormat {
  return (
    formatters.get(zone) ??
    remember(
      formatters,
      zone,
      new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }),
    )
  );
}

/** Intl refuses instants outside the Date range; such values (and NaN) are read as UTC instead. */
const inIntlRange = (ms: number) => Math.abs(ms) <= 8.64e15;

/** The wall-clock reading of an instant in a zone. */
export function wallTime(ms: number, zone: string): WallTime {
  if (zone === UTC || !inIntlRange(ms)) return utcMsToWall(ms);
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(ms)) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function offsetMs(ms: number, zone: string): number {
  return zone === UTC || !inIntlRange(ms) ? 0 : wallToUtcMs(wallTime(ms, zone)) - ms;
}

/**
 * The instant a wall time names in a zone. Inside a daylight-saving gap the wall time does not
 * exist and moves forward by the gap; in an overlap the earlier reading wins, as moment-timezone does.
 */
export function instantFromWall(wall: WallTime, zone: string): number {
  const local = wallToUtcMs(wall);
  if (zone === UTC) return local;
  const guess = offsetMs(local, zone);
  const first = local - guess;
  const second = offsetMs(first, zone);
  if (second === guess) return pickEarlier(local, first, zone);
  const adjusted = local - second;
  const third = offsetMs(adjusted, zone);
  // In a gap neither offset reproduces the wall time: use the larger (pre-transition) reading.
  return second === third ? adjusted : local - Math.min(second, third);
}

/** In an overlap both offsets reproduce the wall time; take the earlier instant. */
function pickEarlier(local: number, found: number, zone: string): number {
  const hourEarlier = found - 3_600_000;
  return wallToUtcMs(wallTime(hourEarlier, zone)) === local ? hourEarlier : found;
}

/** Zone abbreviation for `z`/`zz` (e.g. "PST", "GMT+10"): what Intl knows in English. */
export function zoneAbbreviation(ms: number, zone: string): string {
  if (zone === UTC) return 'UTC';
  if (!inIntlRange(ms)) return '';
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}
