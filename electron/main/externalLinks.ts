/**
 * Which URLs may leave the app for the system browser: https only, on an allow-listed host
 * (exact match or a subdomain), with no credentials in the URL. Everything else is refused.
 */
export function isAllowedExternalUrl(raw: string, allowedHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(host)) return false; // IDN look-alikes arrive as punycode or unicode: refuse both
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

export const DEFAULT_EXTERNAL_HOSTS = ['airtable.com', 'support.airtable.com'];
