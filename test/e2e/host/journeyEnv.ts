import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { CorePorts } from '../../../electron/core/core';
import { vaultAgainst } from '../../helpers/vaultHarness';
import type { SandboxHarness } from '../../helpers/sandboxClient';
import { startTestHost, type TestHost } from './testHost';

export const SCREENSHOTS = path.resolve('test-results/screenshots');

/**
 * One journey's world: a sandbox Airtable, a real core in a fresh data folder pointed at it
 * (background sync on a fast tick so offline edits drain quickly), and the built renderer
 * served over the test host. Events from core reach the page exactly as IPC events would.
 * The preview (`npm run preview:web`) is the same world with its own ports.
 */
export async function journeyEnv(h: SandboxHarness, overrides: Partial<CorePorts> = {}) {
  const late: { host?: TestHost } = {};
  const v = await vaultAgainst(h, {
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => late.host?.emit(event, payload),
    backgroundSync: { firstTickMs: 300, tickMs: 700 },
    ...overrides,
  });
  const host = await startTestHost({ handlers: v.core.handlers, rendererDir: 'out/renderer' });
  late.host = host;
  await v.core.start();
  return {
    ...v,
    host,
    async page(browser: Browser): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
      page.on('pageerror', (error) => {
        throw error;
      });
      if (process.env.AIRVAULT_E2E_TRACE) page.on('websocket', (ws) => ws.on('framesent', (f) => console.log('sent', String(f.payload).slice(0, 120))).on('framereceived', (f) => console.log('recv', String(f.payload).slice(0, 160))));
      await page.goto(host.url);
      return page;
    },
    async close() {
      await v.core.stop();
      await host.close();
    },
  };
}

export type JourneyEnv = Awaited<ReturnType<typeof journeyEnv>>;
