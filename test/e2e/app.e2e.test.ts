import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { methodNames } from '../../shared/ipc/contract';
import { testCore } from '../helpers/services';
import { launchChromium } from './browser';
import { startTestHost, type TestHost } from './host/testHost';

const SCREENSHOTS = path.resolve('test-results/screenshots');
let browser: Browser;
let host: TestHost;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  host = await startTestHost({ handlers: testCore().handlers, rendererDir: 'out/renderer' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('renderer in Chromium through the test host', () => {
  it('renders app info fetched from the real core over the contract', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await expect.poll(() => page.textContent('main')).toContain('Version 0.0.0-test on linux');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'foundation-app-info.png') });
    await page.close();
  });

  it('exposes exactly the contract as window.airvault and no Node or Electron objects (checklist 35)', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const surface = await page.evaluate(() => ({
      keys: Object.keys((globalThis as unknown as { airvault: object }).airvault).sort(),
      require: typeof (globalThis as unknown as { require?: unknown }).require,
      process: typeof (globalThis as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (globalThis as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(surface).toEqual({ keys: [...methodNames, 'on'].sort(), require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
    await page.close();
  });

  it('delivers pushed events to subscribers without extra arguments', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.evaluate(() => {
      const w = globalThis as unknown as { airvault: { on(e: string, cb: (...a: unknown[]) => void): () => void }; received: unknown[][] };
      w.received = [];
      w.airvault.on('appChanged', (...args) => w.received.push(args));
    });
    await expect.poll(async () => {
      host.emit('appChanged', { dataFolder: '/moved' });
      return page.evaluate(() => (globalThis as unknown as { received: unknown[][] }).received.length);
    }).toBeGreaterThan(0);
    const first = await page.evaluate(() => (globalThis as unknown as { received: unknown[][] }).received[0]);
    expect(first).toEqual([{ dataFolder: '/moved' }]);
    await page.close();
  });

  it('answers a call with a bad payload with a typed error, not a crash', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const result = await page.evaluate(() => (globalThis as unknown as { airvault: { appInfo(i: unknown): Promise<unknown> } }).airvault.appInfo({ extra: 1 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await page.close();
  });
});
