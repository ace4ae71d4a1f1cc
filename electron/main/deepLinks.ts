/**
 * What an `airvault://` URL handed to the app (open-url on macOS, second-instance argv on
 * Windows and Linux) may do. Only known hosts and paths are routed; everything else, including
 * command-line switches smuggled in argv, is ignored and logged by the caller.
 */
export type DeepLink =
  | { kind: 'oauth-callback'; url: string }
  | { kind: 'open'; target: OpenTarget }
  | { kind: 'ignored'; reason: string };

/** airvault://open/<profile id>[/<base id>[/<table id>[/<record id>]]] */
export interface OpenTarget {
  profileId: string;
  baseId?: string;
  tableId?: string;
  recordId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID = { baseId: /^app[A-Za-z0-9]{14}$/, tableId: /^tbl[A-Za-z0-9]{14}$/, recordId: /^rec[A-Za-z0-9]{14}$/ } as const;

export function parseDeepLink(raw: string): DeepLink {
  if (raw.length > 4096) return { kind: 'ignored', reason: 'too long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'ignored', reason: 'not a URL' };
  }
  if (url.protocol !== 'airvault:') return { kind: 'ignored', reason: 'not an airvault: link' };
  if (url.username || url.password || url.port) return { kind: 'ignored', reason: 'unexpected URL parts' };
  if (url.host === 'oauth' && url.pathname === '/callback') return { kind: 'oauth-callback', url: url.toString() };
  if (url.host === 'open') return openTarget(url);
  return { kind: 'ignored', reason: `unknown link ${url.host}${url.pathname}` };
}

/** The one `airvault://` URL in a second instance's argv, if any; switches like --inspect are never links. */
export function deepLinkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.startsWith('airvault://'));
}

function openTarget(url: URL): DeepLink {
  if (url.search || url.hash) return { kind: 'ignored', reason: 'open links take no query' };
  const [profileId, ...rest] = url.pathname.split('/').filter(Boolean);
  if (!profileId || !UUID.test(profileId) || rest.length > 3) return { kind: 'ignored', reason: 'not a profile link' };
  const target: OpenTarget = { profileId };
  const keys = ['baseId', 'tableId', 'recordId'] as const;
  for (const [i, value] of rest.entries()) {
    const key = keys[i]!;
    if (!ID[key].test(value)) return { kind: 'ignored', reason: `bad ${key}` };
    target[key] = value;
  }
  return { kind: 'open', target };
}
