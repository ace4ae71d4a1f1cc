import type { AirvaultApi } from '../../../shared/ipc/api';

// The store tests run in Node, and the node project has no DOM library: these are the only
// browser globals the stores touch. The tests install fakes for them (fakeBridge, memoryStorage).
declare global {
  var window: { airvault?: AirvaultApi };
  var localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void; clear(): void };
}
