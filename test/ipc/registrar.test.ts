import { afterEach, describe, expect, it, vi } from 'vitest';
import { methodNames, methods, type MethodName } from '../../shared/ipc/contract';

import type { Handlers } from '../../electron/core/platform/ipc/handlers';
import { AppError } from '../../electron/core/platform/errors';
import { silentLogger } from '../../electron/core/ports';
import { registerIpc } from '../../electron/main/ipc/registrar';
import { createSenderPolicy } from '../../electron/main/ipc/senderPolicy';
import { createEventEmitter } from '../../electron/main/ipc/eventEmitter';
import { createBridge } from '../../electron/preload/bridge';
import { FakeIpcMain, FakeIpcRenderer, frame } from '../helpers/fakeIpc';
import { testCore } from '../helpers/services';

const APP = frame('airvault://app/index.html');

function setup(override: Partial<Handlers> = {}) {
  const real = { ...testCore().handlers, ...override };
  const spies = Object.fromEntries(methodNames.map((name) => [name, vi.fn(real[name])])) as unknown as Record<MethodName, ReturnType<typeof vi.fn>>;
  const ipcMain = new FakeIpcMain();
  const unregister = registerIpc({
    ipcMain,
    handlers: spies as unknown as Handlers,
    isTrustedSender: createSenderPolicy(['airvault://app']),
    logger: silentLogger,
  });
  return { ipcMain, spies, unregister };
}

/** Payloads that must never reach any handler, whatever the channel. */
const hostile: Array<[string, () => unknown]> = [
  ['a string', () => 'hello'],
  ['a number', () => 42],
  ['an array', () => [1, 2, 3]],
  ['null', () => null],
  ['an extra key', () => ({ unexpected: true })],
  ['a 10 MB string', () => ({ payload: 'x'.repeat(10 * 1024 * 1024) })],
  ['a __proto__ key', () => JSON.parse('{"__proto__": {"polluted": true}}') as unknown],
  ['a constructor.prototype key', () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown],
];

describe('the IPC registrar', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('registers exactly one handler per contract channel', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.listeners.keys()].sort()).toEqual(methodNames.map((n) => methods[n].channel).sort());
    unregister();
    expect(ipcMain.listeners.size).toBe(0);
  });

  it('answers a good call with the ok envelope', async () => {
    const { ipcMain } = setup();
    const result = await ipcMain.invoke('app:info', {}, APP);
    expect(result).toEqual({ ok: true, value: { name: 'Airvault', version: '0.0.0-test', platform: 'linux', dataFolder: expect.stringContaining('airvault-test-'), secureStorage: 'unknown' } });
  });

  for (const name of methodNames) {
    for (const [label, make] of hostile) {
      it(`refuses ${label} on ${methods[name].channel} with INVALID_INPUT before the handler runs`, async () => {
        const { ipcMain, spies } = setup();
        const result = await ipcMain.invoke(methods[name].channel, make(), APP);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('INVALID_INPUT');
          expect(result.error.message).not.toMatch(/\n\s+at /);
        }
        expect(spies[name]).not.toHaveBeenCalled();
      });
    }
  }

  const badFrames: Array<[string, ReturnType<typeof frame> | null]> = [
    ['a null sender frame', null],
    ['a subframe of the app', frame('airvault://app/index.html', APP)],
    ['a file:// page', frame('file:///x')],
    ['a web page', frame('https://evil.test/')],
    ['a look-alike custom origin', frame('airvault://app.evil/index.html')],
    ['a malformed url', frame('not a url')],
  ];
  for (const [label, senderFrame] of badFrames) {
    it(`refuses a call from ${label} before parsing or running anything`, async () => {
      const { ipcMain, spies } = setup();
      for (const name of methodNames) {
        const result = await ipcMain.invoke(methods[name].channel, {}, senderFrame);
        expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This window may not call Airvault.' } });
        expect(spies[name]).not.toHaveBeenCalled();
      }
    });
  }

  it('turns an unexpected throw into INTERNAL without the message or stack', async () => {
    const { ipcMain } = setup({ appInfo: () => Promise.reject(new Error('disk at /home/me/secret failed')) });
    const result = await ipcMain.invoke('app:info', {}, APP);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Airvault. Please try again.' } });
  });

  it('passes an AppError through with its code and message', async () => {
    const { ipcMain } = setup({ appInfo: () => Promise.reject(new AppError('UNAVAILABLE', 'Storage is not ready yet.')) });
    expect(await ipcMain.invoke('app:info', {}, APP)).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'Storage is not ready yet.' } });
  });

  it('never lets a handler return a key the contract does not list (such as a token)', async () => {
    const leaky = () => Promise.resolve({ name: 'A', version: '1', platform: 'linux' as const, dataFolder: '/x', secureStorage: 'available' as const, accessToken: 'sentinel-token' });
    const { ipcMain } = setup({ appInfo: leaky });
    const result = await ipcMain.invoke('app:info', {}, APP);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('sentinel-token');
  });
});

describe('the preload bridge', () => {
  it('calls through to main and returns the envelope', async () => {
    const { ipcMain } = setup();
    const bridge = createBridge(new FakeIpcRenderer(ipcMain, APP));
    const result = await bridge.appInfo({});
    expect(result.ok).toBe(true);
  });

  it('turns a broken IPC into an UNAVAILABLE envelope instead of a rejection', async () => {
    const bridge = createBridge({ invoke: () => Promise.reject(new Error('gone')), on() {}, removeListener() {} });
    expect(await bridge.appInfo({})).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'Airvault could not reach its main process.' } });
  });

  it('delivers event payloads without the Electron event object, and unsubscribes', () => {
    const renderer = new FakeIpcRenderer(new FakeIpcMain(), APP);
    const bridge = createBridge(renderer);
    const received: unknown[][] = [];
    const off = bridge.on('appChanged', (...args: unknown[]) => received.push(args));
    renderer.emit('app:changed', { dataFolder: '/a' });
    off();
    renderer.emit('app:changed', { dataFolder: '/b' });
    expect(received).toEqual([[{ dataFolder: '/a' }]]);
  });

  it('ignores subscriptions to events outside the contract', () => {
    const renderer = new FakeIpcRenderer(new FakeIpcMain(), APP);
    const bridge = createBridge(renderer);
    const off = bridge.on('nope' as 'appChanged', () => {});
    expect(renderer.subscriptions.size).toBe(0);
    off();
  });
});

describe('typed event emission', () => {
  it('sends a valid payload to every live window and drops one that breaks the contract', () => {
    const sent: Array<[string, unknown]> = [];
    const live = { isDestroyed: () => false, send: (c: string, p: unknown) => sent.push([c, p]) };
    const dead = { isDestroyed: () => true, send: () => sent.push(['dead', null]) };
    const emit = createEventEmitter(() => [live, dead], silentLogger);
    emit('appChanged', { dataFolder: '/data' });
    emit('appChanged', { dataFolder: '/data', token: 'x' } as never);
    expect(sent).toEqual([['app:changed', { dataFolder: '/data' }]]);
  });
});
