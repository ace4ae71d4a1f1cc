import { beforeEach } from 'vitest';

// The app store reads localStorage when its module loads, so a test file that imports it must
// import this module first. Node (20) has no localStorage of its own.
const items = new Map<string, string>();
globalThis.localStorage = {
  getItem: (key) => items.get(key) ?? null,
  setItem: (key, value) => void items.set(key, String(value)),
  removeItem: (key) => void items.delete(key),
  clear: () => items.clear(),
};

beforeEach(() => items.clear());
