import { Rng, makeId } from './rng';
import type { Base, Collaborator, Field, StoredRecord, Table, View } from './model';
import { attachmentBytes, mimeType, type SandboxStore } from './store';

export interface SeedSpec {
  seed: string;
  bases: number;
  tablesPerBase: number;
  recordsPerTable: number;
  /** How many of the bases (from the end) the sandbox user may only read. */
  readOnlyBases?: number;
  /** Names of the bases, in order; generated where missing. */
  baseNames?: string[];
}

/** Named presets for the command line and tests. `demo` is small and browsable; `bench` is the benchmark's shape. */
export const presets: Record<string, SeedSpec> = {
  demo: { seed: 'demo', bases: 3, tablesPerBase: 3, recordsPerTable: 150, readOnlyBases: 1, baseNames: ['Product Roadmap', 'Customer CRM', 'Archive 2025'] },
  small: { seed: 'small', bases: 2, tablesPerBase: 2, recordsPerTable: 25 },
  bench: { seed: 'bench', bases: 4, tablesPerBase: 10, recordsPerTable: 2000 },
  large: { seed: 'large', bases: 1, tablesPerBase: 1, recordsPerTable: 100_000 },
  empty: { seed: 'empty', bases: 0, tablesPerBase: 0, recordsPerTable: 0 },
};

/** Parses `demo`, `bench`, or `BASESxTABLESxRECORDS[:seed]` such as `4x10x2000:x`. */
export function parseSeed(text: string): SeedSpec {
  const preset = presets[text];
  if (preset) return preset;
  const match = /^(\d+)x(\d+)x(\d+)(?::(.+))?$/.exec(text);
  if (!match) throw new Error(`Unknown seed "${text}": use ${Object.keys(presets).join(', ')} or BASESxTABLESxRECORDS[:seed]`);
  return { seed: match[4] ?? text, bases: Number(match[1]), tablesPerBase: Number(match[2]), recordsPerTable: Number(match[3]) };
}

const TABLE_NAMES = ['Projects', 'Tasks', 'People', 'Clients', 'Invoices', 'Assets', 'Events', 'Vendors', 'Products', 'Orders', 'Tickets', 'Campaigns'];
const WORDS = ['alpha', 'bravo', 'cobalt', 'delta', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper', 'kelvin', 'lumen', 'meadow', 'nimbus', 'orchid', 'pylon', 'quartz', 'raven', 'sierra', 'tundra', 'umber', 'vertex', 'willow', 'xenon', 'yarrow', 'zephyr'];
const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen'];
const STATUSES = ['Todo', 'In progress', 'Done', 'Blocked'];
const TAGS = ['urgent', 'backend', 'frontend', 'design', 'ops', 'research'];
const EPOCH = Date.UTC(2026, 0, 1);
export const SANDBOX_USER_ID = 'usrSandboxOwner01';

export function seedUsers(store: SandboxStore): Collaborator[] {
  const users: Collaborator[] = [
    { id: SANDBOX_USER_ID, email: 'owner@sandbox.test', name: 'Sandbox Owner' },
    { id: 'usrSandboxColl001', email: 'grace@sandbox.test', name: 'Grace Hopper' },
    { id: 'usrSandboxColl002', email: 'alan@sandbox.test', name: 'Alan Turing' },
    { id: 'usrSandboxColl003', email: 'katherine@sandbox.test', name: 'Katherine Johnson' },
    { id: 'usrSandboxOther01', email: 'someone.else@sandbox.test', name: 'Someone Else' },
  ];
  for (const user of users) store.users.set(user.id, user);
  return users;
}

/** Fills the store with deterministic bases; the same spec always yields the same ids and values. */
export function seed(store: SandboxStore, spec: SeedSpec): Base[] {
  const rng = new Rng(spec.seed);
  const id = (prefix: string) => makeId(prefix, () => rng.next());
  const users = [...store.users.values()].filter((u) => u.id !== 'usrSandboxOther01');
  const created: Base[] = [];
  for (let b = 0; b < spec.bases; b++) {
    const base: Base = {
      id: id('app'),
      name: spec.baseNames?.[b] ?? `Base ${b + 1} ${capitalise(rng.pick(WORDS))}`,
      workspaceId: `wsp${String(Math.floor(b / 2)).padStart(14, '0')}`,
      permissionLevel: b >= spec.bases - (spec.readOnlyBases ?? 0) ? 'read' : 'create',
      tables: [],
    };
    for (let t = 0; t < spec.tablesPerBase; t++) {
      const name = spec.tablesPerBase <= TABLE_NAMES.length ? (TABLE_NAMES[t] ?? `Table ${t + 1}`) : `Table ${t + 1}`;
      base.tables.push(buildTable(id, name));
    }
    linkTables(id, base);
    for (const table of base.tables) fillRecords(store, rng, id, table, spec.recordsPerTable, users);
    for (const table of base.tables) fillLinks(rng, base, table);
    store.bases.set(base.id, base);
    created.push(base);
  }
  return created;
}

function buildTable(id: (prefix: string) => string, name: string): Table {
  const f = (fieldName: string, type: string, options?: Record<string, unknown>): Field => ({ id: id('fld'), name: fieldName, type, ...(options ? { options } : {}) });
  const choices = (names: string[], colors: string[]) => ({ choices: names.map((n, i) => ({ id: id('sel'), name: n, color: colors[i % colors.length] })) });
  const fields: Field[] = [
    f('Name', 'singleLineText'),
    { ...f('Notes', 'multilineText'), description: 'Free-form notes' },
    f('Status', 'singleSelect', choices(STATUSES, ['blueLight2', 'yellowLight2', 'greenLight2', 'redLight2'])),
    f('Tags', 'multipleSelects', choices(TAGS, ['cyanLight2', 'purpleLight2', 'tealLight2'])),
    f('Amount', 'currency', { precision: 2, symbol: '$' }),
    f('Quantity', 'number', { precision: 0 }),
    f('Progress', 'percent', { precision: 0 }),
    f('Done', 'checkbox', { icon: 'check', color: 'greenBright' }),
    f('Due', 'date', { dateFormat: { name: 'iso', format: 'YYYY-MM-DD' } }),
    f('Updated', 'dateTime', { dateFormat: { name: 'iso', format: 'YYYY-MM-DD' }, timeFormat: { name: '24hour', format: 'HH:mm' }, timeZone: 'utc' }),
    f('Email', 'email'),
    f('Website', 'url'),
    f('Phone', 'phoneNumber'),
    f('Rating', 'rating', { icon: 'star', max: 5, color: 'yellowBright' }),
    f('Time spent', 'duration', { durationFormat: 'h:mm' }),
    f('Owner', 'singleCollaborator'),
    f('Watchers', 'multipleCollaborators'),
    f('Files', 'multipleAttachments', { isReversed: false }),
    f('Barcode', 'barcode'),
    f('Summary', 'richText'),
  ];
  const byName = (n: string) => fields.find((x) => x.name === n)?.id ?? '';
  fields.push(
    f('Total', 'formula', { formula: `{${byName('Amount')}} * {${byName('Quantity')}}`, isValid: true, referencedFieldIds: [byName('Amount'), byName('Quantity')], result: { type: 'currency', options: { precision: 2, symbol: '$' } } }),
    f('Label', 'formula', { formula: `UPPER(LEFT({${byName('Name')}}, 3)) & "-" & {${byName('Quantity')}}`, isValid: true, referencedFieldIds: [byName('Name'), byName('Quantity')], result: { type: 'singleLineText' } }),
    f('Row', 'autoNumber'),
    f('Created', 'createdTime', { result: { type: 'dateTime', options: { timeZone: 'utc' } } }),
    f('Last modified', 'lastModifiedTime', { isValid: true, referencedFieldIds: [], result: { type: 'dateTime', options: { timeZone: 'utc' } } }),
    f('Created by', 'createdBy'),
    f('Modified by', 'lastModifiedBy'),
    f('Open', 'button', { label: 'Open' }),
    f('AI summary', 'aiText', { prompt: [], referencedFieldIds: [] }),
  );
  const visible = fields.filter((x) => !['Notes', 'Summary', 'AI summary'].includes(x.name)).map((x) => x.id);
  const views: View[] = [
    { id: id('viw'), name: 'Grid view', type: 'grid', visibleFieldIds: visible },
    { id: id('viw'), name: 'Open work', type: 'grid', visibleFieldIds: visible, filterFormula: `NOT({${byName('Done')}})`, sort: [{ fieldId: byName('Due'), direction: 'asc' }] },
    { id: id('viw'), name: 'By status', type: 'kanban' },
    { id: id('viw'), name: 'Gallery', type: 'gallery' },
  ];
  return { id: id('tbl'), name, primaryFieldId: fields[0]!.id, fields, views, records: new Map(), nextAutoNumber: 1 };
}

/** Each table links to the next one (the last to the first; a lone table to itself), with lookups over the link. */
function linkTables(id: (prefix: string) => string, base: Base): void {
  base.tables.forEach((table, index) => {
    const target = base.tables[(index + 1) % base.tables.length]!;
    const link: Field = { id: id('fld'), name: 'Related', type: 'multipleRecordLinks', options: { linkedTableId: target.id, prefersSingleRecordLink: false, isReversed: false } };
    table.fields.push(link);
    if (target !== table) {
      const inverse: Field = { id: id('fld'), name: `From ${table.name}`, type: 'multipleRecordLinks', options: { linkedTableId: table.id, inverseLinkFieldId: link.id, prefersSingleRecordLink: false, isReversed: false } };
      link.options = { ...link.options, inverseLinkFieldId: inverse.id };
      target.fields.push(inverse);
    }
    const quantity = target.fields.find((f) => f.name === 'Quantity')!;
    table.fields.push(
      { id: id('fld'), name: 'Related count', type: 'count', options: { isValid: true, recordLinkFieldId: link.id } },
      { id: id('fld'), name: 'Related names', type: 'multipleLookupValues', options: { isValid: true, recordLinkFieldId: link.id, fieldIdInLinkedTable: target.primaryFieldId, result: { type: 'singleLineText' } } },
      { id: id('fld'), name: 'Related quantity', type: 'rollup', options: { isValid: true, recordLinkFieldId: link.id, fieldIdInLinkedTable: quantity.id, referencedFieldIds: [], result: { type: 'number', options: { precision: 0 } } } },
    );
  });
}

function fillRecords(store: SandboxStore, rng: Rng, id: (prefix: string) => string, table: Table, count: number, users: Collaborator[]): void {
  const field = (name: string) => table.fields.find((f) => f.name === name)!.id;
  const F = {
    name: field('Name'), notes: field('Notes'), status: field('Status'), tags: field('Tags'), amount: field('Amount'), quantity: field('Quantity'), progress: field('Progress'),
    done: field('Done'), due: field('Due'), updated: field('Updated'), email: field('Email'), website: field('Website'), phone: field('Phone'), rating: field('Rating'),
    time: field('Time spent'), owner: field('Owner'), watchers: field('Watchers'), files: field('Files'), barcode: field('Barcode'), summary: field('Summary'), ai: field('AI summary'),
  };
  for (let i = 0; i < count; i++) {
    const created = EPOCH - rng.int(0, 365 * 24 * 3600) * 1000;
    const modified = created + rng.int(0, 30 * 24 * 3600) * 1000;
    const word = rng.pick(WORDS);
    const person = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    const cells: Record<string, unknown> = { [F.name]: `${capitalise(word)} ${table.name.replace(/s$/, '').toLowerCase()} ${i + 1}` };
    const maybe = (p: number, key: string, make: () => unknown) => {
      if (rng.chance(p)) cells[key] = make();
    };
    maybe(0.6, F.notes, () => `${person} asked about ${word}.\nFollow up with ${rng.pick(WORDS)} next week.`);
    maybe(0.9, F.status, () => rng.pick(STATUSES));
    maybe(0.6, F.tags, () => rng.sample(TAGS, rng.int(1, 3)));
    maybe(0.85, F.amount, () => rng.int(100, 5_000_000) / 100);
    maybe(0.85, F.quantity, () => rng.int(0, 500));
    maybe(0.7, F.progress, () => rng.int(0, 100) / 100);
    maybe(0.45, F.done, () => true);
    maybe(0.8, F.due, () => new Date(EPOCH + rng.int(-120, 240) * 86_400_000).toISOString().slice(0, 10));
    maybe(0.7, F.updated, () => new Date(modified).toISOString());
    maybe(0.6, F.email, () => `${person.split(' ')[0]!.toLowerCase()}.${word}@example.test`);
    maybe(0.5, F.website, () => `https://${word}.example.test/${i}`);
    maybe(0.4, F.phone, () => `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}`);
    maybe(0.6, F.rating, () => rng.int(1, 5));
    maybe(0.5, F.time, () => rng.int(1, 40) * 900);
    maybe(0.7, F.owner, () => pickUser(rng, users));
    maybe(0.4, F.watchers, () => rng.sample(users, rng.int(1, 3)).map((u) => ({ id: u.id, email: u.email, name: u.name })));
    maybe(0.25, F.files, () => Array.from({ length: rng.int(1, 2) }, (_, n) => attachment(store, id, `${word}-${i}-${n}.${rng.pick(['png', 'jpg', 'pdf', 'txt'])}`)));
    maybe(0.3, F.barcode, () => ({ text: String(rng.int(10_000_000, 99_999_999)), type: 'ean8' }));
    maybe(0.3, F.summary, () => `**${capitalise(word)}**: ${rng.pick(WORDS)} and _${rng.pick(WORDS)}_`);
    maybe(0.3, F.ai, () => ({ state: 'generated', isStale: false, value: `A ${word} item owned by ${person}.` }));
    const author = pickUser(rng, users).id;
    const record: StoredRecord = {
      id: id('rec'),
      createdTime: new Date(created).toISOString(),
      cells,
      modifiedAt: Object.fromEntries(Object.keys(cells).map((k) => [k, modified])),
      lastModifiedAt: modified,
      createdBy: author,
      lastModifiedBy: author,
      autoNumber: table.nextAutoNumber++,
      comments: [],
    };
    table.records.set(record.id, record);
  }
}

function fillLinks(rng: Rng, base: Base, table: Table): void {
  const link = table.fields.find((f) => f.name === 'Related')!;
  const target = base.tables.find((t) => t.id === link.options?.linkedTableId)!;
  const inverseId = link.options?.inverseLinkFieldId as string | undefined;
  const targetIds = [...target.records.keys()];
  if (targetIds.length === 0) return;
  for (const record of table.records.values()) {
    if (!rng.chance(0.5)) continue;
    const ids = [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(targetIds)))];
    record.cells[link.id] = ids;
    record.modifiedAt[link.id] = record.lastModifiedAt;
    if (!inverseId) continue;
    for (const linkedId of ids) {
      const linked = target.records.get(linkedId)!;
      const cell = (linked.cells[inverseId] as string[] | undefined) ?? [];
      cell.push(record.id);
      linked.cells[inverseId] = cell;
      linked.modifiedAt[inverseId] = linked.lastModifiedAt;
    }
  }
}

function attachment(store: SandboxStore, id: (prefix: string) => string, filename: string): Record<string, unknown> {
  const attachmentId = id('att');
  const type = mimeType(filename);
  const size = attachmentBytes({ id: attachmentId, filename, type }).length;
  store.attachments.set(attachmentId, { id: attachmentId, filename, type, size });
  return { id: attachmentId, filename, type, size, ...(type.startsWith('image/') ? { width: 64, height: 64 } : {}) };
}

function pickUser(rng: Rng, users: Collaborator[]) {
  const user = rng.pick(users);
  return { id: user.id, email: user.email, name: user.name };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
