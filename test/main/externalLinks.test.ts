import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../electron/main/externalLinks';

/**
 * Checklist 37, with the hardening issue's stricter reading: an exact list of pages rather than
 * every path on airtable.com (so the checklist's example `https://airtable.com/x` is refused too).
 */
describe('what may be opened in the system browser (check 37)', () => {
  it.each([
    'https://airtable.com/oauth2/v1/authorize?client_id=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Foauth%2Fcallback&state=s',
    'https://airtable.com/create/oauth',
    'https://airtable.com/create/tokens',
    'https://AIRTABLE.com/create/tokens',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'https://airtable.com/x',
    'https://airtable.com/',
    'http://airtable.com/create/tokens',
    'http://airtable.com',
    'https://airtable.com.evil.test/create/tokens',
    'https://airtable.com@evil.test/create/tokens',
    'https://user:pass@airtable.com/create/tokens',
    'https://airtable.com:8443/create/tokens',
    'https://evil.airtable.com/create/tokens',
    'https://support.airtable.com/docs',
    'https://аirtable.com/create/tokens', // Cyrillic "а"
    'https://xn--irtable-3fg.com/create/tokens',
    'https://evil.test/oauth2/v1/authorize',
    'http://127.0.0.1:8787/oauth2/v1/authorize',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://airtable.com/create/tokens',
    'airvault://open/x',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
