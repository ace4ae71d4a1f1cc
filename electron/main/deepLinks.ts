/**
 * What an `airvault://` URL handed to the app (open-url on macOS, second-instance argv on
 * Windows and Linux) may do. Only known hosts and paths are routed; everything else, including
 * command-line switches smuggled in argv, is ignored and logged by the caller.
 */
export type DeepLink = { kind: 'oauth-callback'; url: string } | { kind: 'ignored'; reason: string };

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
  return { kind: 'ignored', reason: `unknown link ${url.host}${url.pathname}` };
}

/** The one `airvault://` URL in a second instance's argv, if any; switches like --inspect are never links. */
export function deepLinkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.startsWith('airvault://'));
}
