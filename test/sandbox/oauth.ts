import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALL_SCOPES, s256, type AuthRegistry, type Grant } from './auth';
import { readBody, sendHtml, sendJson } from './http';

/** How the sandbox's consent screen answers: approve at once (tests), deny, or show a page. */
export interface ConsentSettings {
  mode: 'approve' | 'deny' | 'page';
  userId: string;
  baseIds: string[] | 'all';
}

const PKCE_CHARS = /^[A-Za-z0-9._-]+$/;
const known = new Set<string>(ALL_SCOPES);

/** GET /oauth2/v1/authorize, following AIRTABLE-API.md §1 to the letter. */
export function handleAuthorize(url: URL, res: ServerResponse, auth: AuthRegistry, consent: ConsentSettings): void {
  const q = url.searchParams;
  const client = auth.clients.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  // A redirect URI that does not match the client exactly gets no redirect: the person is stuck here.
  if (!client || !client.redirectUris.includes(redirectUri)) {
    sendHtml(res, 400, page('Invalid request', 'The client_id or redirect_uri is not valid for this integration.'));
    return;
  }
  const state = q.get('state') ?? '';
  const fail = (error: string, description: string) => redirect(res, redirectUri, { error, error_description: description, state });
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be "code"');
  const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0 || new Set(scopes).size !== scopes.length || scopes.some((s) => !known.has(s) || !client.scopes.includes(s))) {
    return fail('invalid_scope', 'The requested scope is invalid, duplicated or not enabled for this integration');
  }
  if (state.length < 16 || state.length > 1024 || !PKCE_CHARS.test(state)) return fail('invalid_request', 'state must be 16 to 1024 characters from [A-Za-z0-9._-]');
  const challenge = q.get('code_challenge') ?? '';
  if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return fail('invalid_request', 'code_challenge with code_challenge_method=S256 is required');
  }
  const approve = () => {
    const code = auth.issueCode({ clientId: client.clientId, redirectUri, codeChallenge: challenge, scopes, userId: consent.userId, baseIds: consent.baseIds });
    redirect(res, redirectUri, { code, state });
  };
  if (consent.mode === 'deny') return fail('access_denied', 'The user denied access to your application');
  if (consent.mode === 'approve' || q.get('decision') === 'approve') return approve();
  if (q.get('decision') === 'deny') return fail('access_denied', 'The user denied access to your application');
  const approveUrl = new URL(url);
  approveUrl.searchParams.set('decision', 'approve');
  const denyUrl = new URL(url);
  denyUrl.searchParams.set('decision', 'deny');
  sendHtml(
    res,
    200,
    page(
      'Airtable sandbox: grant access',
      `<p>${escapeHtml(client.clientId)} asks for: ${scopes.map(escapeHtml).join(', ')}</p><p><a id="approve" href="${escapeHtml(approveUrl.pathname + approveUrl.search)}">Grant access</a> · <a id="deny" href="${escapeHtml(denyUrl.pathname + denyUrl.search)}">Cancel</a></p>`,
    ),
  );
}

/** POST /oauth2/v1/token: code exchange and refresh, with rotation and the 409 grace window. */
export async function handleToken(req: IncomingMessage, res: ServerResponse, auth: AuthRegistry): Promise<void> {
  auth.tokenEndpointCalls++;
  const oauthError = (status: number, error: string, description: string) => sendJson(res, status, { error, error_description: description }, { 'cache-control': 'no-store' });
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
  const basic = parseBasic(req.headers.authorization);
  const clientId = basic?.clientId ?? form.get('client_id') ?? '';
  const client = auth.clients.get(clientId);
  if (!client) return oauthError(401, 'invalid_client', 'Unknown client');
  if (client.clientSecret) {
    if (!basic || basic.clientSecret !== client.clientSecret) return oauthError(401, 'invalid_client', 'Client authentication with HTTP Basic is required');
  } else if (basic || req.headers.authorization) {
    return oauthError(401, 'invalid_client', 'This integration has no client secret: do not send an Authorization header');
  }

  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = auth.codes.get(form.get('code') ?? '');
    if (!code) return oauthError(400, 'invalid_grant', 'The authorization code is invalid');
    const wasUsed = code.used;
    code.used = true; // single use, even when this exchange fails
    const verifier = form.get('code_verifier') ?? '';
    if (verifier.length < 43 || verifier.length > 128 || !PKCE_CHARS.test(verifier)) {
      return oauthError(400, 'invalid_request', 'code_verifier must be 43 to 128 characters from [A-Za-z0-9._-]');
    }
    if (wasUsed) return oauthError(400, 'invalid_grant', 'The authorization code was already used');
    if (code.expiresAt <= auth.clock.now()) return oauthError(400, 'invalid_grant', 'The authorization code expired');
    if (code.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'The code was issued to another client');
    if (form.get('redirect_uri') !== code.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    if (s256(verifier) !== code.codeChallenge) return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    return sendTokens(res, auth.createGrant(code), auth);
  }

  if (grantType === 'refresh_token') {
    const token = form.get('refresh_token') ?? '';
    const grant = auth.grantForRefreshToken(token);
    if (!grant || grant.clientId !== client.clientId || grant.revoked) return oauthError(400, 'invalid_grant', 'The refresh token is invalid or revoked');
    const now = auth.clock.now();
    if (grant.refreshToken !== token) {
      const rotatedAt = grant.rotated.get(token) ?? 0;
      auth.refreshReuses++;
      if (now - rotatedAt <= auth.settings.refreshGraceMs) {
        return sendJson(res, 409, { error: 'conflict', error_description: 'This refresh token was recently used. Use the newest tokens.' });
      }
      // Reusing an old refresh token after the grace period kills the whole grant.
      auth.revoke(grant);
      return oauthError(400, 'invalid_grant', 'The refresh token was already used');
    }
    if (grant.refreshExpiresAt <= now) return oauthError(400, 'invalid_grant', 'The refresh token expired');
    const requested = form.get('scope');
    if (requested) {
      const scopes = requested.split(' ').filter(Boolean);
      if (scopes.some((s) => !grant.scopes.includes(s))) return oauthError(400, 'invalid_scope', 'A refresh may only narrow the granted scopes');
      grant.scopes = scopes;
    }
    grant.refreshCount++;
    auth.rotate(grant);
    return sendTokens(res, grant, auth);
  }
  return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
}

function sendTokens(res: ServerResponse, grant: Grant, auth: AuthRegistry): void {
  sendJson(
    res,
    200,
    {
      access_token: grant.accessToken,
      refresh_token: grant.refreshToken,
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      expires_in: auth.settings.accessTtlSeconds,
      refresh_expires_in: auth.settings.refreshTtlSeconds,
    },
    { 'cache-control': 'no-store' },
  );
}

function parseBasic(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic (\S+)$/.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function redirect(res: ServerResponse, redirectUri: string, params: Record<string, string>): void {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value) target.searchParams.set(key, value);
  res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' });
  res.end();
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
