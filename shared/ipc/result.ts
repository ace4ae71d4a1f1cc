import { z } from 'zod';

/**
 * The closed list of error codes that may cross IPC. The renderer switches over these
 * exhaustively to pick a message and a next step, so adding one is a contract change.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'CANCELLED',
  'NEEDS_REAUTH',
  'REVOKED',
  'SCOPE_MISSING',
  'SECURE_STORAGE_UNAVAILABLE',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'NETWORK',
  'TIMEOUT',
  'AIRTABLE_REJECTED',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcError = z.object({ code: ErrorCode, message: z.string() }).strict();
export type IpcError = z.infer<typeof IpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
