import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink } from '../../electron/main/deepLinks';

describe('deep links (check 10)', () => {
  it('routes the OAuth callback', () => {
    expect(parseDeepLink('airvault://oauth/callback?code=a&state=b')).toEqual({ kind: 'oauth-callback', url: 'airvault://oauth/callback?code=a&state=b' });
  });

  it.each([
    ['an unknown host', 'airvault://evil/callback?code=a'],
    ['an unknown path', 'airvault://oauth/other'],
    ['another scheme', 'https://oauth/callback'],
    ['credentials in the URL', 'airvault://user:pw@oauth/callback'],
    ['a port', 'airvault://oauth:99/callback'],
    ['garbage', 'not a url'],
    ['a huge link', `airvault://oauth/callback?x=${'a'.repeat(5000)}`],
  ])('ignores %s', (_label, raw) => {
    expect(parseDeepLink(raw).kind).toBe('ignored');
  });

  it('opens a profile, base, table or record, with every id checked', () => {
    const profile = '0b6f7c8e-1d2a-4b3c-8d4e-5f6a7b8c9d0e';
    expect(parseDeepLink(`airvault://open/${profile}`)).toEqual({ kind: 'open', target: { profileId: profile } });
    expect(parseDeepLink(`airvault://open/${profile}/appAAAAAAAAAAAAA1/tblBBBBBBBBBBBBB2/recCCCCCCCCCCCCC3`)).toEqual({
      kind: 'open',
      target: { profileId: profile, baseId: 'appAAAAAAAAAAAAA1', tableId: 'tblBBBBBBBBBBBBB2', recordId: 'recCCCCCCCCCCCCC3' },
    });
    for (const bad of [`airvault://open/not-a-uuid`, `airvault://open/${profile}/tblBBBBBBBBBBBBB2`, `airvault://open/${profile}/appAAAAAAAAAAAAA1/x`, `airvault://open/${profile}?next=https://evil.test`, `airvault://open/${profile}/appAAAAAAAAAAAAA1/tblBBBBBBBBBBBBB2/recCCCCCCCCCCCCC3/extra`]) {
      expect(parseDeepLink(bad).kind, bad).toBe('ignored');
    }
  });

  it('takes only an airvault:// URL from a second instance’s argv, never a switch', () => {
    expect(deepLinkFromArgv(['/usr/bin/airvault', '--inspect=9229', '--remote-debugging-port=1'])).toBeUndefined();
    expect(deepLinkFromArgv(['/usr/bin/airvault', '--inspect=9229', 'airvault://oauth/callback?code=x'])).toBe('airvault://oauth/callback?code=x');
  });
});
