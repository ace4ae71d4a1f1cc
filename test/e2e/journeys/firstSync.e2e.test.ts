import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journeyEnv, SCREENSHOTS } from '../host/journeyEnv';
import { journeyWorld } from '../host/journeyWorld';

const world = journeyWorld({ seed: '1x2x300:journey', rateLimits: false, latencyMs: 20 });

describe('a person connects with a token, syncs a base, and works with records', () => {
  it('adds a PAT profile, syncs with progress, browses, searches, filters, sorts and edits cells that reach Airtable', async () => {
    const { h, browser } = world;
    const env = await journeyEnv(h);
    const page = await env.page(browser);
    const base = h.firstBase();
    const table = base.tables[0]!;

    // Add a profile with a personal access token.
    await page.getByLabel('Profile name', { exact: true }).first().fill('Work');
    await page.getByLabel('Personal access token').check();
    await page.getByLabel('Token', { exact: true }).fill(h.sandbox.defaultPat);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByTestId('profile-badge').first().textContent()).toBe('active');

    // First sync from the bases screen, with a progress bar.
    await page.getByRole('button', { name: 'Bases & sync' }).click();
    const row = page.getByRole('row', { name: `Base ${base.name}` });
    await row.getByRole('button', { name: 'Make available offline' }).click();
    await page.getByRole('progressbar', { name: 'Sync progress' }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sync-progress.png') });
    await row.getByText(/synced just now/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bases.png') });

    // Browse: the table's rows are in the grid.
    await page.getByRole('button', { name: new RegExp(`^${table.name}`) }).click();
    const grid = page.getByTestId('grid');
    await grid.locator('[data-record-id]').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'records-grid.png') });
    expect(await page.getByTestId('row-count').textContent()).toContain('300');

    // Search finds a record by its primary value.
    const primary = table.fields.find((f) => f.id === table.primaryFieldId)!;
    const target = [...table.records.values()][7]!;
    const name = String(target.cells[primary.id]);
    await page.getByLabel('Search records').fill(name);
    await expect.poll(() => grid.locator('[data-record-id]').first().getAttribute('data-record-id')).toBe(target.id);
    await page.getByLabel('Search records').fill('');

    // Filter: a checkbox field, then sort by clicking a header.
    const done = table.fields.find((f) => f.type === 'checkbox')!;
    await page.getByRole('button', { name: /^Filter/ }).click();
    await page.getByLabel('Filter field').selectOption({ label: done.name });
    await page.getByLabel('Filter value').selectOption('true');
    await page.getByRole('button', { name: 'Add filter' }).click();
    const expectedChecked = [...table.records.values()].filter((r) => r.cells[done.id] === true).length;
    expect(expectedChecked).toBeLessThan(200); // one page: the count shown is exact
    await expect.poll(() => page.getByTestId('row-count').textContent()).toMatch(new RegExp(`^${expectedChecked} records`));
    // Every record on screen is one whose Done box is ticked in Airtable.
    const shown = await grid.locator('[data-record-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-id')!));
    expect(shown.length).toBeGreaterThan(10);
    for (const id of shown) expect(table.records.get(id)?.cells[done.id]).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'records-filtered.png') });
    await page.getByRole('button', { name: /^Remove filter/ }).click();
    await page.getByRole('columnheader', { name: primary.name, exact: true }).getByRole('button').click();
    const sortedFirst = [...table.records.values()].map((r) => { const v = r.cells[primary.id]; return typeof v === 'string' ? v : ''; }).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))[0];
    await expect.poll(() => grid.locator('[data-record-id]').first().locator('[role=gridcell]').first().textContent()).toBe(sortedFirst);

    // Back to the table's own order (descending, then unsorted), which edits do not change.
    const sortButton = page.getByRole('columnheader', { name: new RegExp(`^${primary.name}`) }).getByRole('button');
    await sortButton.click();
    await sortButton.click();
    await expect.poll(() => page.getByRole('columnheader', { name: primary.name, exact: true }).getAttribute('aria-sort')).toBe('none');

    // Edit with the keyboard: Space toggles a checkbox, Enter edits text; both reach the sandbox.
    const firstId = (await grid.locator('[data-record-id]').first().getAttribute('data-record-id'))!;
    const oldName = table.records.get(firstId)!.cells[primary.id];
    await grid.locator('[data-record-id]').first().locator('[role=gridcell]').first().click();
    // The grid shows the primary field first, then the others in Airtable's order.
    const order = [primary, ...table.fields.filter((f) => f.id !== primary.id)];
    const doneIndex = order.findIndex((f) => f.id === done.id);
    for (let i = 0; i < doneIndex; i++) await page.keyboard.press('ArrowRight');
    const before = table.records.get(firstId)!.cells[done.id] === true;
    await page.keyboard.press(' ');
    await expect.poll(() => table.records.get(firstId)?.cells[done.id] === true, { timeout: 10_000 }).toBe(!before);
    for (let i = 0; i < doneIndex; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    // Type into the editor once it is there (fill waits for it, as a person waits to see it).
    await page.locator('.cell-editor').fill('Edited in Airvault');
    await page.locator('.cell-editor').press('Enter');
    await expect.poll(() => table.records.get(firstId)?.cells[primary.id], { timeout: 10_000 }).toBe('Edited in Airvault');

    // A single select through its dropdown, and a number typed in: both reach Airtable typed.
    const status = table.fields.find((f) => f.type === 'singleSelect')!;
    const quantity = table.fields.find((f) => f.type === 'number')!;
    await page.keyboard.press('ArrowRight');
    for (let i = 1; i < order.findIndex((f) => f.id === status.id); i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByLabel(`Edit ${status.name}`).selectOption('Blocked');
    await page.getByLabel(`Edit ${status.name}`).press('Enter');
    await expect.poll(() => table.records.get(firstId)?.cells[status.id], { timeout: 10_000 }).toBe('Blocked');
    for (let i = order.findIndex((f) => f.id === status.id); i < order.findIndex((f) => f.id === quantity.id); i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByLabel(`Edit ${quantity.name}`).fill('1234');
    await page.getByLabel(`Edit ${quantity.name}`).press('Enter');
    await expect.poll(() => table.records.get(firstId)?.cells[quantity.id], { timeout: 10_000 }).toBe(1234);
    // Typing on a selected cell starts editing with that key, replacing the value.
    await page.keyboard.press('4');
    await expect.poll(() => page.locator('.cell-editor').inputValue()).toBe('4');
    await page.locator('.cell-editor').press('2');
    await page.locator('.cell-editor').press('Enter');
    await expect.poll(() => table.records.get(firstId)?.cells[quantity.id], { timeout: 10_000 }).toBe(42);
    for (let i = 0; i < order.findIndex((f) => f.id === quantity.id); i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    // Type into the editor once it is there (fill waits for it, as a person waits to see it).
    await page.locator('.cell-editor').fill('Edited twice');
    await page.locator('.cell-editor').press('Enter');
    await expect.poll(() => table.records.get(firstId)?.cells[primary.id], { timeout: 10_000 }).toBe('Edited twice');

    // Undo the last edit with Ctrl/Cmd+Z: Airtable gets the previous value back.
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => table.records.get(firstId)?.cells[primary.id], { timeout: 10_000 }).toBe('Edited in Airvault');
    expect(oldName).not.toBe('Edited in Airvault');

    await page.screenshot({ path: path.join(SCREENSHOTS, 'records-edited.png') });

    // Cmd/Ctrl+K opens the command palette; it jumps to the outbox, which is empty once edits are sent.
    await page.keyboard.press('ControlOrMeta+k');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await page.getByLabel('Command', { exact: true }).fill('outbox');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'command-palette.png') });
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Outbox' }).waitFor();
    await page.getByTestId('outbox-empty').waitFor({ timeout: 10_000 });

    // The table's schema: add a field; it is created in Airtable and shown here.
    await page.getByRole('button', { name: new RegExp(`^${table.name}`) }).click();
    await page.getByRole('button', { name: 'Fields & views' }).click();
    await page.getByLabel('New field name').fill('Follow-up');
    await page.getByLabel('New field type').selectOption('checkbox');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByRole('cell', { name: 'Follow-up' }).waitFor();
    expect(table.fields.find((f) => f.name === 'Follow-up')?.type).toBe('checkbox');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'schema.png') });

    // An airvault://open/… link shows the record it names, with linked records by name.
    const profileId = (await env.core.handlers.profilesList({}))[0]!.id;
    const linked = [...table.records.values()].find((r) => table.fields.some((f) => f.type === 'multipleRecordLinks' && Array.isArray(r.cells[f.id]) && (r.cells[f.id] as unknown[]).length > 0)) ?? target;
    env.host.emit('navigationChanged', { profileId, baseId: base.id, tableId: table.id, recordId: linked.id });
    const detail = page.getByRole('complementary', { name: 'Record' });
    await expect.poll(() => detail.locator('h2').textContent()).toBe(String(linked.cells[primary.id]));

    // Attachment previews come from the offline cache (thumbnails kept with the sync).
    const files = table.fields.find((f) => f.type === 'multipleAttachments')!;
    const withImage = [...table.records.values()].find((r) => Array.isArray(r.cells[files.id]) && (r.cells[files.id] as Array<{ type: string }>).some((a) => a.type.startsWith('image/')))!;
    env.host.emit('navigationChanged', { profileId, baseId: base.id, tableId: table.id, recordId: withImage.id });
    await expect.poll(() => detail.locator('.attachment img').count()).toBeGreaterThan(0);
    expect(await detail.locator('.attachment img').first().getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await detail.locator('.attachment img').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'record-detail.png') });

    // Duplicate: a new record with the same values reaches Airtable.
    const countBefore = table.records.size;
    await detail.getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => table.records.size, { timeout: 10_000 }).toBe(countBefore + 1);
    const copy = [...table.records.values()].at(-1)!;
    expect(copy.cells[primary.id]).toBe(withImage.cells[primary.id]);
    await page.close();
    await env.close();
  });
});
