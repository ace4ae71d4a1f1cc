import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox } from '../../helpers/vaultHarness';
import type { SandboxHarness } from '../../helpers/sandboxClient';
import type { SandboxOptions } from '../../sandbox/sandbox';
import { launchChromium } from '../browser';
import { SCREENSHOTS } from './journeyEnv';

/** One sandbox and one Chromium for a journey file, started before its tests and closed after. */
export function journeyWorld(options: SandboxOptions): { readonly h: SandboxHarness; readonly browser: Browser } {
  const world = {} as { h: SandboxHarness; browser: Browser };
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    world.h = await startSandbox(options);
    world.browser = await launchChromium();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.h?.sandbox.close();
  });
  return world;
}
