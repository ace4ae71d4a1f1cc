import { it } from 'vitest';
import { launchChromium } from './browser';
import { journeyEnv, startSandbox } from './host/journeyEnv';
it('dbg', async () => {
  const h = await startSandbox({ seed: '1x2x300:journey', rateLimits: false });
  const browser = await launchChromium();
  const env = await journeyEnv(h);
  const p = await env.core.handlers.profilesCreate({ name: 'W' });
  await env.core.handlers.profilesConnectPat({ id: p.id, token: h.sandbox.defaultPat });
  await env.core.caches.sync(p.id, h.firstBase().id);
  const page = await env.page(browser);
  page.on('console', (m) => console.log('console:', m.text()));
  await page.waitForTimeout(3000);

  console.log('alive?', await Promise.race([page.evaluate(() => document.body.innerText.slice(0, 300)), new Promise((r) => setTimeout(() => r('FROZEN'), 3000))]));
  await page.screenshot({ path: 'test-results/screenshots/debug.png', timeout: 5000 }).catch((e: unknown) => console.log('shot failed', String(e)));
  await browser.close(); await env.close(); await h.sandbox.close();
}, 60000);
