import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { testCore } from '../helpers/services';
import type { ProfileRecords } from '../../electron/core/records';
import { launchChromium } from '../e2e/browser';
import { startTestHost } from '../e2e/host/testHost';
import { sandboxTable } from './sandboxRecords';
import { percentile, round } from './stats';

/**
 * `npm run bench:ui [-- --quick]`: the records grid in headless Chromium, through the test host
 * and the real core, with a 100,000-record table in the offline cache. Measures the time from
 * clicking the table to its first rows, frame times while scrolling the whole table, and how
 * much the page's heap grew. Prints figures, then one JSON line. Targets: first rows ≤ 100 ms,
 * scroll p95 ≤ 20 ms, heap growth ≤ 50 MB. Needs `npm run build` first (it serves out/renderer).
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const ROWS = values.quick ? 20_000 : 100_000;
/** Pixels scrolled per frame: about 37 rows (2,250 rows a second), a fast scrollbar drag held all the way down. */
const STEP_PX = 1200;
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);

/** Records of every field type, as the API returns them, stored the way a sync stores them. */
function fillCache(p: ProfileRecords): string {
  const { base, table, records, schema } = sandboxTable('ui-bench', ROWS);
  p.schema.saveBases([{ id: base.id, name: base.name, permissionLevel: 'create' }]);
  p.schema.saveSchema(base.id, [schema]);
  const started = Date.now();
  p.state.beginFullSync(base.id, table.id, started);
  for (let i = 0; i < records.length; i += 2000) p.records.upsertFromAirtable(table.id, records.slice(i, i + 2000), started);
  p.state.finishFullSync(table.id, started, Date.now());
  return table.name;
}

async function main(): Promise<void> {
  if (!existsSync('out/renderer/index.html')) throw new Error('run "npm run build" first');
  const core = testCore();
  const profile = await core.handlers.profilesCreate({ name: 'Bench' });
  const tableName = fillCache(core.workspaces.records(profile.id));
  // The generated records are garbage now: collect them before measuring, so a major GC of
  // this process does not take the CPU from Chromium in the middle of the scroll.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  line('records cached', ROWS.toLocaleString('en'));

  const host = await startTestHost({ handlers: core.handlers, rendererDir: 'out/renderer' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    // tsx names functions with an __name helper that exists only in Node: give the page one.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(host.url);
    // Start from the bases screen, so opening the table is measured from the click.
    await page.getByRole('button', { name: 'Bases & sync' }).click();
    await page.getByRole('region', { name: 'Bases and sync' }).waitFor();
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };

    const firstRowsMs = await page.evaluate(async (name) => {
      const button = [...document.querySelectorAll('nav button')].find((b) => b.textContent?.startsWith(name)) as HTMLButtonElement;
      const t0 = performance.now();
      button.click();
      for (;;) {
        if (document.querySelector('[data-record-id]')) return performance.now() - t0;
        await new Promise((r) => setTimeout(r, 0));
      }
    }, tableName);
    await page.waitForTimeout(500);
    const heapBefore = await heap();

    const scroll = await page.evaluate(async (step) => {
      const grid = document.querySelector('[data-testid=grid]') as HTMLElement;
      const frames: number[] = [];
      let blank = 0;
      let last = performance.now();
      await new Promise<void>((done) => {
        const frame = (now: number) => {
          frames.push(now - last);
          last = now;
          if (grid.querySelector('.row.placeholder')) blank++;
          if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) return done();
          grid.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(frame);
        });
      });
      return { frames, blank, end: grid.scrollTop };
    }, STEP_PX);
    // Let the last pages arrive, then check the last record is really on screen.
    await page.getByTestId('grid').locator('[data-record-id]').last().waitFor();
    const heapAfter = await heap();

    const frames = scroll.frames.slice(1);
    // Long frames come in bursts on this 2-core machine (Chromium rasterises in software while
    // the core serves pages from the same CPUs): show where they fell.
    const tenth = Math.ceil(frames.length / 10);
    const longByTenth = [...Array(10).keys()].map((k) => frames.slice(k * tenth, (k + 1) * tenth).filter((f) => f > 25).length);
    const out = {
      benchmark: 'ui',
      quick: values.quick,
      rows: ROWS,
      firstRowsMs: round(firstRowsMs, 1),
      scrollFrames: frames.length,
      frameP50Ms: round(percentile(frames, 50), 1),
      frameP95Ms: round(percentile(frames, 95), 1),
      frameP99Ms: round(percentile(frames, 99), 1),
      framesOver25MsPct: round((100 * frames.filter((f) => f > 25).length) / frames.length, 1),
      framesWithPlaceholdersPct: round((100 * scroll.blank) / frames.length, 1),
      heapBeforeMb: round(heapBefore / 1e6, 1),
      heapAfterMb: round(heapAfter / 1e6, 1),
      heapGrowthMb: round((heapAfter - heapBefore) / 1e6, 1),
    };
    line('open table → first rows', `${out.firstRowsMs} ms (target ≤ 100)`);
    line(`scroll the whole table (${frames.length} frames)`, `p50 ${out.frameP50Ms} ms  p95 ${out.frameP95Ms} ms  p99 ${out.frameP99Ms} ms (target p95 ≤ 20)`);
    line('frames over 25 ms', `${out.framesOver25MsPct}% (per tenth of the scroll: ${longByTenth.join(' ')})`);
    line('frames showing rows still loading', `${out.framesWithPlaceholdersPct}%`);
    line('renderer heap after GC', `${out.heapBeforeMb} MB → ${out.heapAfterMb} MB, growth ${out.heapGrowthMb} MB (target ≤ 50)`);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await browser.close();
    await host.close();
    await core.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ui failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
