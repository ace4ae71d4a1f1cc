import { createHash } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

// Checklist 1: the library that makes Airvault's PKCE pairs and states, checked against Airtable's rules.
describe('PKCE and state (oauth4webapi)', () => {
  it('makes 1,000 verifiers of 43–128 allowed characters with S256 challenges', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const verifier = oauth.generateRandomCodeVerifier();
      // Airtable allows [A-Za-z0-9._-]; RFC 7636 also allows "~", which Airtable refuses.
      expect(verifier).toMatch(/^[A-Za-z0-9._-]{43,128}$/);
      const challenge = await oauth.calculatePKCECodeChallenge(verifier);
      expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
      expect(challenge).not.toMatch(/[=+/]/);
      seen.add(verifier);
    }
    expect(seen.size).toBe(1000);
  });

  it('reproduces the RFC 7636 Appendix B vector', async () => {
    expect(await oauth.calculatePKCECodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes states Airtable accepts (16–1024 of [A-Za-z0-9._-])', () => {
    for (let i = 0; i < 200; i++) expect(oauth.generateRandomState()).toMatch(/^[A-Za-z0-9._-]{16,1024}$/);
  });
});
