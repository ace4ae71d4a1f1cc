// zustand's testing guide, for vitest in Node: every store made while this mock is active
// (vi.mock('zustand') in a test file) goes back to its initial state after each test, so no
// test sees what the one before it left behind. No act(): the store tests render nothing.
import { afterEach, vi } from 'vitest';
import type * as Zustand from 'zustand';

export * from 'zustand';

const { create: actualCreate, createStore: actualCreateStore } = await vi.importActual<typeof Zustand>('zustand');

const storeResetFns = new Set<() => void>();

const createUncurried = <T>(stateCreator: Zustand.StateCreator<T>) => {
  const store = actualCreate(stateCreator);
  const initialState = store.getInitialState();
  storeResetFns.add(() => store.setState(initialState, true));
  return store;
};

// Stores are made with create<State>()(...), so the curried form must work too.
export const create = (<T>(stateCreator?: Zustand.StateCreator<T>) => (typeof stateCreator === 'function' ? createUncurried(stateCreator) : createUncurried)) as typeof Zustand.create;

const createStoreUncurried = <T>(stateCreator: Zustand.StateCreator<T>) => {
  const store = actualCreateStore(stateCreator);
  const initialState = store.getInitialState();
  storeResetFns.add(() => store.setState(initialState, true));
  return store;
};

export const createStore = (<T>(stateCreator?: Zustand.StateCreator<T>) => (typeof stateCreator === 'function' ? createStoreUncurried(stateCreator) : createStoreUncurried)) as typeof Zustand.createStore;

afterEach(() => {
  for (const reset of storeResetFns) reset();
});
