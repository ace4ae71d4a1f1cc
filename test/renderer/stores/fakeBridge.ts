import { afterEach, vi } from 'vitest';
import type { AirvaultApi } from '../../../shared/ipc/api';
import { methodNames, methods, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/ipc/contract';
import type { ErrorCode, Result } from '../../../shared/ipc/result';

/** Thrown by a fake handler to fail the call as main fails one: a typed error in the envelope. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Handlers = { [K in MethodName]?: (input: MethodInput<K>) => MethodOutput<K> | Promise<MethodOutput<K>> };

export interface FakeBridge {
  /** Every call in the order the stores made them. */
  calls: Array<{ method: MethodName; input: unknown }>;
  inputsOf<K extends MethodName>(method: K): Array<MethodInput<K>>;
  /** Pushes an event as main would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listening(event: EventName): number;
}

/**
 * A stand-in for main behind window.airvault: each method answers from the test's handler,
 * after checking the input against the contract as main's registrar does, so a store that
 * sends a wrong shape fails here as it would in the app. No real core is needed.
 */
export function installBridge(handlers: Handlers): FakeBridge {
  const calls: FakeBridge['calls'] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const answer = async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    calls.push({ method, input });
    const parsed = methods[method].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${parsed.error.message}` } };
    const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `The test has no fake for ${method}.` } };
    try {
      return { ok: true, value: await handler(input) };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: { code: error.code, message: error.message } };
      throw error;
    }
  };
  const api = {
    ...Object.fromEntries(methodNames.map((method) => [method, (input: unknown) => answer(method, input)])),
    on(event: EventName, callback: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(callback);
      listeners.set(event, set);
      return () => void set.delete(callback);
    },
  } as unknown as AirvaultApi;
  vi.stubGlobal('window', { airvault: api });
  return {
    calls,
    inputsOf: <K extends MethodName>(method: K) => calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<K>),
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    listening: (event) => listeners.get(event)?.size ?? 0,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A promise the test settles when it chooses, to look at a store while a call is on its way. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
