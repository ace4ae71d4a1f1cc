import type { ErrorCode } from '../../../shared/ipc/result';
import { ApiError } from './api';

/** What a person can do about each typed error; the message itself comes from main. */
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  NEEDS_REAUTH: 'Reconnect this profile to Airtable.',
  REVOKED: 'Access was revoked in Airtable: reconnect to grant it again.',
  SCOPE_MISSING: 'Reconnect the profile and allow the missing permission.',
  RATE_LIMITED: 'Airtable asked us to slow down; Airvault will retry by itself in about 30 seconds.',
  QUOTA_EXCEEDED: 'This workspace has used its monthly API calls; edits stay queued until the quota resets or the plan changes.',
  NETWORK: 'Airtable cannot be reached. You can keep working: edits are saved and sent when you are back online.',
  TIMEOUT: 'Airtable did not answer in time. Try again in a moment.',
  SECURE_STORAGE_UNAVAILABLE: 'Unlock or set up the system keychain, then try again.',
  UNAVAILABLE: 'Restart Airvault if this keeps happening.',
};

export interface Problem {
  code: ErrorCode | 'UNKNOWN';
  message: string;
  nextStep: string | null;
}

export function describeError(error: unknown): Problem {
  if (error instanceof ApiError) return { code: error.error.code, message: error.error.message, nextStep: NEXT_STEP[error.error.code] ?? null };
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : 'Something went wrong.', nextStep: null };
}
