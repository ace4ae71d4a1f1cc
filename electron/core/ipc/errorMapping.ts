import { AirtableError } from '../airtable';
import { AppError } from '../platform/errors';
import { SecureStorageUnavailableError } from '../ports';
import { FutureDatabaseError } from '../platform/db/migrate';
import { PortInUseError } from '../auth';
import type { ErrorCode } from '../../../shared/ipc/result';

/** Turns the typed errors of core into the closed list of IPC error codes, keeping their messages. */
export function toIpcError(error: unknown): { code: ErrorCode; message: string } | undefined {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof SecureStorageUnavailableError) return { code: 'SECURE_STORAGE_UNAVAILABLE', message: error.message };
  if (error instanceof FutureDatabaseError) return { code: 'UNAVAILABLE', message: error.message };
  if (error instanceof PortInUseError) return { code: 'UNAVAILABLE', message: error.message };
  if (error instanceof AirtableError) return { code: airtableCode(error), message: error.message };
  return undefined;
}

function airtableCode(error: AirtableError): ErrorCode {
  switch (error.kind) {
    case 'invalid-input':
    case 'validation':
      return error.kind === 'validation' ? 'AIRTABLE_REJECTED' : 'INVALID_INPUT';
    case 'unauthorized':
      return 'NEEDS_REAUTH';
    case 'profile-stopped':
      return error.type === 'REVOKED' ? 'REVOKED' : error.type === 'NOT_FOUND' ? 'NOT_FOUND' : 'NEEDS_REAUTH';
    case 'missing-scope':
      return 'SCOPE_MISSING';
    case 'forbidden':
    case 'outcome-unknown':
    case 'invalid-response':
      return 'AIRTABLE_REJECTED';
    case 'not-found':
      return 'NOT_FOUND';
    case 'rate-limited':
      return 'RATE_LIMITED';
    case 'quota-exceeded':
      return 'QUOTA_EXCEEDED';
    case 'server':
    case 'network':
      return 'NETWORK';
    case 'timeout':
      return 'TIMEOUT';
    case 'cancelled':
      return 'CANCELLED';
  }
}
