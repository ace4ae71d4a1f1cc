import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/ipc/contract';

/**
 * One handler per contract method. Because this is a mapped type over the contract, a method
 * without a handler (or a handler of the wrong shape) is a compile error in the composition root.
 */
export type Handlers = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<MethodOutput<K>>;
};

/** The answer of a method that only does something: `{ done: true }` once `work` has finished. */
export async function doneAfter(work: () => void | Promise<void>): Promise<{ done: true }> {
  await work();
  return { done: true };
}

/**
 * The answer of a method computed synchronously, as a promise: whatever `work` throws becomes a
 * rejection (a handler never throws at its caller, whichever host calls it).
 */
export function answer<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
