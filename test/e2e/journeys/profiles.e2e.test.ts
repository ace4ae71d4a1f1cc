import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journeyEnv, SCREENSHOTS } from '../host/journeyEnv';
import { journeyWorld } from '../host/journeyWorld';

const world = journeyWorld({ seed: '2x1x50:profiles', rateLimits: false });

describe('profiles', () => {
  it('connects through OAuth in the system browser, adds a second profile with a token, and keeps their data apart', async () => {
    const { h, browser } = world;
    const env = await journeyEnv(h);
    const page = await env.page(browser);
    const [workBase, personalBase] = [...h.sandbox.store.bases.values()];

    // OAuth: the guide shows the exact redirect URI; the consent page opens in the system browser.
    await page.getByLabel('Profile name', { exact: true }).fill('Work');
    expect(await page.getByTestId('redirect-uri').textContent()).toBe(`http://127.0.0.1:${env.port}/oauth/callback`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'add-profile.png') });
    await page.getByRole('button', { name: 'Continue in browser' }).click();
    await expect.poll(() => env.opened.length).toBe(1);
    expect(env.opened[0]).toContain('code_challenge_method=S256');
    await env.approve(); // what the person's browser does: approve, follow the redirect to Airvault
    await expect.poll(() => page.getByTestId('profile-badge').first().textContent(), { timeout: 15_000 }).toBe('active');

    // Sync the first base with the OAuth profile.
    await page.getByRole('button', { name: 'Bases & sync' }).click();
    await page.getByRole('row', { name: `Base ${workBase!.name}` }).getByRole('button', { name: 'Make available offline' }).click();
    await page.getByRole('row', { name: `Base ${workBase!.name}` }).getByText('synced just now').waitFor({ timeout: 20_000 });

    // A second profile, a different Airtable user whose token sees only the other base.
    const token = ((await h.control('pats', { userId: 'usrPersonal0000001', baseIds: [personalBase!.id] })).body as { token: string }).token;
    await page.getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByLabel('Profile name', { exact: true }).first().fill('Personal');
    await page.getByLabel('Personal access token').check();
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Connect' }).click();
    // A new profile opens on its bases, ready to choose what to keep offline.
    await expect.poll(() => page.getByLabel('Active profile').locator('option:checked').textContent()).toBe('Personal');
    const personalRow = page.getByRole('row', { name: `Base ${personalBase!.name}` });
    await personalRow.getByRole('button', { name: 'Make available offline' }).click();
    // The first sync of a new profile lands on its first table.
    await page.getByTestId('grid').locator('[data-record-id]').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Bases & sync' }).click();
    await personalRow.getByText('synced just now').waitFor();
    // The token sees one base only, and the sidebar shows only this profile's cache.
    expect(await page.locator('tbody').getByRole('row').count()).toBe(1);
    const tree = page.getByRole('list', { name: 'Bases and tables' });
    await expect.poll(() => tree.textContent()).toContain(personalBase!.name);
    expect(await tree.textContent()).not.toContain(workBase!.name);

    // Searching the Work profile's record names from the Personal profile finds nothing.
    const workTable = workBase!.tables[0]!;
    const workName = String([...workTable.records.values()][0]!.cells[workTable.primaryFieldId]);
    await tree.getByRole('button').first().click();
    await page.getByLabel('Search records').fill(workName);
    await page.waitForTimeout(400);
    const shown = await page.getByTestId('grid').locator('[data-record-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-id')));
    for (const id of shown) expect(workTable.records.has(id!)).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'second-profile.png') });

    // Switching back shows the Work profile's base again.
    await page.getByLabel('Active profile').selectOption({ label: 'Work' });
    await expect.poll(() => tree.textContent()).toContain(workBase!.name);
    // Only synced bases are listed, not every base the grant can see.
    expect(await tree.textContent()).not.toContain(personalBase!.name);
    await page.getByRole('button', { name: 'Profiles' }).click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'profiles.png') });
    await page.close();
    await env.close();
  });
});
