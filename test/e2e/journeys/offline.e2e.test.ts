import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { journeyEnv, SCREENSHOTS, type JourneyEnv } from '../host/journeyEnv';
import { journeyWorld } from '../host/journeyWorld';

const world = journeyWorld({ seed: '1x1x120:offline', rateLimits: false });
beforeEach(() => world.h.sandbox.reset());

/** A profile connected with the sandbox's token and its base synced, with the grid open. */
async function syncedProfile(env: JourneyEnv, name = 'Work', token = world.h.sandbox.defaultPat) {
  const { h } = world;
  const profile = await env.core.handlers.profilesCreate({ name });
  await env.core.handlers.profilesConnectPat({ id: profile.id, token });
  await env.core.sync.sync(profile.id, h.firstBase().id);
  return profile;
}

async function openRecord(page: Page, name: string) {
  await page.getByLabel('Search records').fill(name);
  const row = page.getByTestId('grid').locator('[data-record-id]').first();
  await expect.poll(() => row.locator('[role=gridcell]').first().textContent()).toBe(name);
  return row;
}

async function editFirstCell(page: Page, row: ReturnType<Page['locator']>, text: string) {
  await row.locator('[role=gridcell]').first().dblclick();
  await page.locator('.cell-editor').fill(text);
  await page.locator('.cell-editor').press('Enter');
}

describe('offline work, conflicts and revocation', () => {
  it('keeps browsing and editing with Airtable down, then drains the outbox when it is back', async () => {
    const { h, browser } = world;
    const env = await journeyEnv(h);
    await syncedProfile(env);
    const table = h.firstTable();
    const records = [...table.records.values()];
    const names = records.map((r) => String(r.cells[table.primaryFieldId]));
    const name = (i: number) => names[i]!;
    const page = await env.page(browser);
    await page.getByTestId('grid').locator('[data-record-id]').first().waitFor();

    await h.control('faults', { rules: [{ kind: 'drop' }] }); // Airtable unreachable
    const row = await openRecord(page, name(3));
    await editFirstCell(page, row, `${name(3)} (edited on a plane)`);
    await page.getByTestId('offline-banner').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'New record' }).click();
    await page.getByRole('complementary', { name: 'Record' }).waitFor();
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('2');
    // Still browsable offline: another search works from the cache.
    await openRecord(page, name(5));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline.png') });
    expect(table.records.get(records[3]!.id)!.cells[table.primaryFieldId]).toBe(name(3)); // nothing reached Airtable

    await h.control('faults', { rules: [] }); // back online: the background pass sends the outbox
    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => table.records.get(records[3]!.id)?.cells[table.primaryFieldId], { timeout: 15_000 }).toBe(`${name(3)} (edited on a plane)`);
    await expect.poll(() => table.records.size, { timeout: 15_000 }).toBe(records.length + 1);
    await page.getByRole('button', { name: /^Outbox/ }).click();
    await page.getByTestId('outbox-empty').waitFor({ timeout: 15_000 });
    await page.close();
    await env.close();
  });

  it('shows a conflict instead of overwriting, and keeps what the person chooses', async () => {
    const { h, browser } = world;
    const env = await journeyEnv(h);
    await syncedProfile(env);
    const base = h.firstBase();
    const table = h.firstTable();
    const record = [...table.records.values()][10]!;
    const original = String(record.cells[table.primaryFieldId]);
    const page = await env.page(browser);
    await page.getByTestId('grid').locator('[data-record-id]').first().waitFor();

    await h.control('faults', { rules: [{ kind: 'drop' }] });
    const row = await openRecord(page, original);
    await editFirstCell(page, row, 'Mine, written offline');
    await page.getByTestId('offline-banner').waitFor({ timeout: 15_000 });
    // Meanwhile someone changes the same field in Airtable.
    await h.control(`bases/${base.id}/tables/${table.id}/records`, { update: [{ id: record.id, fields: { [table.primaryFieldId]: 'Theirs, from a colleague' } }] });
    await h.control('faults', { rules: [] });

    await expect.poll(() => page.getByRole('button', { name: /conflicts/ }).count(), { timeout: 15_000 }).toBe(1);
    expect(table.records.get(record.id)!.cells[table.primaryFieldId]).toBe('Theirs, from a colleague'); // not overwritten
    await page.getByRole('button', { name: /^Outbox/ }).click();
    const conflict = page.getByRole('article', { name: /^Conflict on/ });
    await expect.poll(() => conflict.getByTestId('conflict-mine').textContent()).toBe('Mine, written offline');
    expect(await conflict.getByTestId('conflict-theirs').textContent()).toBe('Theirs, from a colleague');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'conflict.png') });
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => table.records.get(record.id)?.cells[table.primaryFieldId], { timeout: 15_000 }).toBe('Mine, written offline');
    await expect.poll(() => page.getByRole('article', { name: /^Conflict on/ }).count()).toBe(0);
    await page.close();
    await env.close();
  });

  it('turns a revoked profile to "reconnect", sends nothing more, and reconnects with a new token', async () => {
    const { h, browser } = world;
    const env = await journeyEnv(h);
    const token = ((await h.control('pats', {})).body as { token: string }).token;
    const profile = await syncedProfile(env, 'Revocable', token);
    const page = await env.page(browser);
    await page.getByTestId('grid').locator('[data-record-id]').first().waitFor();

    await h.control('revoke', { pat: token });
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await expect.poll(() => page.getByTestId('profile-badge').first().textContent(), { timeout: 15_000 }).toMatch(/needs re-auth|revoked/);
    await page.getByTestId('reconnect-banner').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'revoked.png') });
    // Still browsable from the cache, and no further call reaches Airtable.
    await h.control('stats/reset');
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.getByLabel('Search records').fill('project');
    await page.waitForTimeout(2000); // several background passes
    expect(((await h.control('stats', {}, 'GET')).body as { total: number }).total).toBe(0);

    await page.getByTestId('reconnect-banner').getByRole('button', { name: 'Reconnect' }).click();
    const card = page.getByRole('article', { name: 'Profile Revocable' });
    const fresh = ((await h.control('pats', {})).body as { token: string }).token;
    await card.getByLabel('New token').fill(fresh);
    await card.getByRole('button', { name: 'Reconnect' }).click();
    await expect.poll(() => card.getByTestId('profile-badge').textContent(), { timeout: 15_000 }).toBe('active');
    expect((await env.core.handlers.profilesList({})).find((p) => p.id === profile.id)?.status).toBe('active');
    await page.close();
    await env.close();
  });

  it('deletes several selected records at once, and brings them back with undo', async () => {
    const { h, browser } = world;
    const env = await journeyEnv(h);
    await syncedProfile(env);
    const table = h.firstTable();
    const page = await env.page(browser);
    const grid = page.getByTestId('grid');
    await grid.locator('[data-record-id]').first().waitFor();
    const count = table.records.size;
    const ids = await grid.locator('[data-record-id]').evaluateAll((rows) => rows.slice(0, 3).map((r) => r.getAttribute('data-record-id')!));
    const names = ids.map((id) => table.records.get(id)!.cells[table.primaryFieldId]);
    for (const i of [1, 2, 3]) await page.getByLabel(`Select row ${i}`, { exact: true }).check();
    await page.getByRole('button', { name: 'Delete 3 selected' }).click();
    for (const id of ids) await expect.poll(() => grid.locator(`[data-record-id="${id}"]`).count()).toBe(0);
    // A delete waits a few seconds before it leaves, so undo can bring back the very same records.
    for (const id of ids) expect(table.records.has(id)).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    for (const id of ids) await expect.poll(() => grid.locator(`[data-record-id="${id}"]`).count()).toBe(1);
    expect(table.records.size).toBe(count);
    expect(ids.map((id) => table.records.get(id)!.cells[table.primaryFieldId])).toEqual(names);
    // Nothing was deleted in Airtable, and nothing is left waiting to be.
    expect((await env.core.handlers.outboxList({ profileId: env.core.profiles.list()[0]!.id })).edits).toEqual([]);
    await page.close();
    await env.close();
  });
});
