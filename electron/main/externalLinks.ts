/**
 * The exact pages Airvault may open in the system browser: Airtable's consent page (the OAuth
 * sign-in) and the two pages the app tells a person to visit. Nothing else leaves the app, not
 * another path on airtable.com, not a subdomain, not a URL a setting or the renderer chose.
 */
export const EXTERNAL_PAGES = ['https://airtable.com/oauth2/v1/authorize', 'https://airtable.com/create/oauth', 'https://airtable.com/create/tokens'] as const;

/**
 * A web link a record holds (a button field's URL), opened because the person clicked it: http
 * or https only, with no credentials in it. Core has already read it from the cache itself.
 */
export function isOpenableRecordLink(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
}

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  // Look-alike hosts (unicode or punycode) never equal "airtable.com", but say so explicitly.
  if (!/^[a-z0-9.-]+$/.test(url.hostname) || url.hostname.includes('xn--')) return false;
  return (EXTERNAL_PAGES as readonly string[]).includes(`${url.origin}${url.pathname}`);
}
