import type { z } from 'zod';
import type { Fetch } from '../ports';
import { AirtableError, fromResponse } from './airtableError';
import { NOT_SENT_CODES, networkErrorCode } from './networkErrors';


export interface HttpAttempt {
  method: string;
  url: string;
  token: string;
  json?: unknown;
  signal: AbortSignal;
}


/**
 * One HTTP attempt: sends, reads the whole body, and either returns the parsed JSON checked
 * against `schema` or throws an AirtableError. A non-JSON or malformed answer is an error, never
 * a crash. Abort errors are rethrown as they are, for the scheduler to tell timeout from cancel.
 */
export async function sendOnce<T extends z.ZodType>(fetch: Fetch, attempt: HttpAttempt, schema: T): Promise<z.output<T>> {
  let response: Response;
  try {
    response = await fetch(attempt.url, {
      method: attempt.method,
      headers: {
        authorization: `Bearer ${attempt.token}`,
        ...(attempt.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(attempt.json !== undefined ? { body: JSON.stringify(attempt.json) } : {}),
      signal: attempt.signal,
    });
  } catch (error) {
    if (attempt.signal.aborted) throw error;
    const code = networkErrorCode(error);
    throw new AirtableError('network', `Could not reach Airtable${code ? ` (${code})` : ''}. Check the connection and try again.`, 0, 'NETWORK_ERROR', {
      cause: error,
      notSent: code !== undefined && NOT_SENT_CODES.has(code),
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (attempt.signal.aborted) throw error;
    throw new AirtableError('network', 'The connection to Airtable broke while reading its answer. Try again.', response.status, 'NETWORK_ERROR', { cause: error });
  }
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    if (response.status >= 500) throw fromResponse(response.status, undefined, retryAfter(response));
    throw new AirtableError('invalid-response', `Airtable sent an answer that is not JSON (HTTP ${response.status}). Try again; if it persists, Airtable may be having problems.`, response.status, 'INVALID_RESPONSE');
  }
  if (!response.ok) throw fromResponse(response.status, body, retryAfter(response));
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AirtableError('invalid-response', `Airtable's answer did not have the expected shape (${parsed.error.issues[0]?.path.join('.') || 'top level'}).`, response.status, 'INVALID_RESPONSE');
  }
  return parsed.data;
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
