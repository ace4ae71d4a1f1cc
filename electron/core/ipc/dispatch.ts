import type { Logger } from '../ports';
import type { Handlers } from '../platform/ipc/handlers';
import { MAX_INPUT_BYTES, methods, type MethodName } from '../../../shared/ipc/contract';
import { fail, ok, type Result } from '../../../shared/ipc/result';
import { toIpcError } from './errorMapping';

/**
 * The transport-agnostic half of the IPC registrar: it parses the input strictly, calls the
 * handler, checks the output against the contract and returns the envelope. It never throws
 * and never returns a stack or an internal message. Electron's `ipcMain.handle` and the
 * end-to-end test host's WebSocket both call this, so both behave identically.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  if (!Object.hasOwn(methods, method)) return fail('INVALID_INPUT', `Unknown method "${truncate(method)}".`);
  const name = method as MethodName;
  const spec = methods[name];
  const size = measure(rawInput);
  if (size === undefined || size > MAX_INPUT_BYTES) {
    return fail('INVALID_INPUT', `The request for ${spec.channel} is too large or not serialisable.`);
  }
  const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
    return fail('INVALID_INPUT', `Invalid input for ${spec.channel}${where}: ${first?.message ?? 'does not match'}.`);
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      logger.error('handler output does not match the contract', { channel: spec.channel });
      return fail('INTERNAL', 'Airvault produced an unexpected answer. Please report this.');
    }
    return ok(checked.data);
  } catch (error) {
    const known = toIpcError(error);
    if (known) return fail(known.code, known.message);
    logger.error('handler failed', { channel: spec.channel, error: describe(error) });
    return fail('INTERNAL', 'Something went wrong inside Airvault. Please try again.');
  }
}

function measure(value: unknown): number | undefined {
  try {
    return value === undefined ? 0 : JSON.stringify(value).length;
  } catch {
    return undefined;
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Error name and message only: logs must not carry values that could hold a secret. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
