/**
 * Every failure of an Airtable call, typed. `kind` is what callers branch on; `status` and
 * `type` are Airtable's own (status 0 when no answer came back); `message` is written for a
 * person and says what to do next. It never carries a token or a raw response body.
 */
export type AirtableErrorKind =
  | 'invalid-input'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'rate-limited'
  | 'quota-exceeded'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'invalid-response'
  | 'outcome-unknown'
  | 'missing-scope'
  | 'profile-stopped';

export class AirtableError extends Error {
  override readonly name = 'AirtableError';
  /** True when the request certainly never reached Airtable (connection refused), so any request may be retried. */
  readonly notSent: boolean;
  /** Seconds Airtable asked us to wait (503 Retry-After), if it did. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly kind: AirtableErrorKind,
    message: string,
    readonly status = 0,
    readonly type = kind.toUpperCase().replace(/-/g, '_'),
    options?: { cause?: unknown; notSent?: boolean; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.notSent = options?.notSent ?? false;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** Errors worth retrying for an idempotent request (the request may simply be sent again). */
  get transient(): boolean {
    return this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

/** Airtable could not be reached or could not answer: the one test of "we are offline" in core. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof AirtableError && error.transient;
}

export const invalidInput = (message: string) => new AirtableError('invalid-input', message, 0, 'INVALID_INPUT');

/** Airtable answers errors as `{"error":{"type","message"}}` or, for some 404s, `{"error":"NOT_FOUND"}`. */
export function fromResponse(status: number, body: unknown, retryAfterSeconds?: number): AirtableError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const type = typeof error === 'string' ? error : typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' ? (error as { type: string }).type : `HTTP_${status}`;
  const serverMessage = typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : '';
  const detail = serverMessage ? ` Airtable said: ${serverMessage.slice(0, 300)}` : '';
  if (status === 401) return new AirtableError('unauthorized', 'Airtable did not accept this profile\'s credentials. Reconnect the profile.', status, type);
  if (status === 403) {
    return new AirtableError(
      'forbidden',
      type === 'INVALID_PERMISSIONS'
        ? `Airtable refused: this account may not do that here.${detail}`
        : 'Airtable refused access: the base, table or record does not exist, or this profile lacks the permission or scope for it. Check the profile\'s access, or reconnect it to grant more.',
      status,
      type,
    );
  }
  if (status === 404) return new AirtableError('not-found', `Not found on Airtable (it may have been deleted).${detail}`, status, type);
  if (status === 429 && type === 'PUBLIC_API_BILLING_LIMIT_EXCEEDED') {
    return new AirtableError('quota-exceeded', "This workspace has used its monthly Airtable API calls. Waiting will not help before the quota resets next month; upgrade the workspace's plan to continue.", status, type);
  }
  if (status === 429) return new AirtableError('rate-limited', "Airtable's rate limit was reached; requests to this base resume in 30 seconds.", status, type);
  if (status >= 500) return new AirtableError('server', `Airtable had a server error (${status}). Try again in a moment.`, status, type, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  if (status === 413) return new AirtableError('validation', 'The request was too large for Airtable. Send fewer or smaller records.', status, type);
  return new AirtableError('validation', `Airtable rejected the request (${type}).${detail}`, status, type);
}
