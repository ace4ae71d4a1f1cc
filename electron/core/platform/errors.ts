import type { ErrorCode } from '../../../shared/ipc/result';

/**
 * The one error type core services throw on purpose. Its code is from the closed list in the
 * contract and its message is written for a person: it never carries a token, a stack or a
 * raw server body.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
