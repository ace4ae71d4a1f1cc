import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { registerIpc } from '../../electron/main/ipc/registrar';
import { createSenderPolicy } from '../../electron/main/ipc/senderPolicy';
import { FakeIpcMain, frame } from '../helpers/fakeIpc';
import { Comment } from '../../electron/core/airtable/schemas';
import { CommentsRepository } from '../../electron/core/records/comments/commentsRepository';
import { testRecords } from '../helpers/records';
import { commentSegments, encodeMentions, type CommentView } from '../../shared/domain/comments';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x20:comments', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

const GRACE = 'usrSandboxColl001';
const ALAN = 'usrSandboxColl002';
const ME = 'usrSandboxOwner01';

interface RecordComments {
  comments: CommentView[];
  syncedAt: number | null;
  people: Array<{ id: string; name: string }>;
  canComment: boolean;
  me: string | null;
  fresh?: boolean;
}

function wire(v: Awaited<ReturnType<typeof vaultAgainst>>) {
  const ipcMain = new FakeIpcMain();
  registerIpc({ ipcMain, handlers: v.core.handlers, isTrustedSender: createSenderPolicy(['airvault://app']), logger: v.core.logger });
  const app = frame('airvault://app/index.html');
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await ipcMain.invoke(channel, input, app);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code} ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
  return { v, call };
}

/** A profile connected to the sandbox with its only base synced. */
async function syncedProfile() {
  const { v, call } = wire(await vaultAgainst(h));
  const profile = await call<{ id: string }>('profiles:create', { name: 'Comments' });
  await call('profiles:connect-pat', { id: profile.id, token: h.sandbox.defaultPat });
  const base = h.firstBase();
  await v.core.sync.sync(profile.id, base.id);
  return { v, call, profileId: profile.id, base, table: base.tables[0]! };
}

/** Someone else's comment in Airtable, mentioning a third person. */
function seedComment(recordId: string, text: string, authorId = GRACE, createdTime = '2026-01-02T10:00:00.000Z') {
  const record = h.firstBase().tables[0]!.records.get(recordId)!;
  const id = `com${String(record.comments.length).padStart(14, 'A')}`;
  record.comments.push({ id, authorId, text, createdTime, lastUpdatedTime: null });
  return id;
}

describe('record comments', () => {
  it('reads a record’s comments, with mentions by name, and keeps them for reading offline', async () => {
    const { call, profileId, table } = await syncedProfile();
    const recordId = [...table.records.keys()][0]!;
    seedComment(recordId, `Ask @[${ALAN}] about this`, GRACE, '2026-01-02T10:00:00.000Z');
    seedComment(recordId, 'Done, thanks', ALAN, '2026-01-03T10:00:00.000Z');
    const before = await call<RecordComments>('comments:list', { profileId, recordId });
    expect(before).toMatchObject({ comments: [], syncedAt: null, canComment: true, me: ME });

    const read = await call<RecordComments>('comments:refresh', { profileId, recordId });
    expect(read.fresh).toBe(true);
    expect(read.comments.map((c) => [c.author.name, c.text, c.mine, c.unsent])).toEqual([
      ['Grace Hopper', `Ask @[${ALAN}] about this`, false, null],
      ['Alan Turing', 'Done, thanks', false, null],
    ]);
    expect(commentSegments(read.comments[0]!.text, read.comments[0]!.mentioned)).toEqual([
      { kind: 'text', text: 'Ask ' },
      { kind: 'mention', userId: ALAN, name: 'Alan Turing' },
      { kind: 'text', text: ' about this' },
    ]);
    expect(read.people.map((p) => p.name)).toEqual(['Alan Turing', 'Grace Hopper']);

    await h.control('faults', { rules: [{ kind: 'drop' }] });
    const offline = await call<RecordComments>('comments:refresh', { profileId, recordId });
    expect(offline.fresh).toBe(false);
    expect(offline.comments.map((c) => c.text)).toEqual(read.comments.map((c) => c.text));
  });

  it('posts, edits and deletes your own comments, and refuses to change someone else’s', async () => {
    const { v, call, profileId, table } = await syncedProfile();
    const recordId = [...table.records.keys()][1]!;
    const graces = seedComment(recordId, 'Grace was here');
    await call('comments:refresh', { profileId, recordId });
    const posted = await call<{ id: string }>('comments:create', { profileId, recordId, text: encodeMentions('Thanks @Grace Hopper!', [{ id: GRACE, name: 'Grace Hopper' }]) });
    // Shown at once, marked as not sent yet, with the mention's name already known.
    const shown = (await call<RecordComments>('comments:list', { profileId, recordId })).comments.find((c) => c.id === posted.id)!;
    expect(shown).toMatchObject({ text: `Thanks @[${GRACE}]!`, mine: true, mentioned: { [GRACE]: 'Grace Hopper' } });
    await v.core.outbox.flush(profileId);
    const inAirtable = () => table.records.get(recordId)!.comments;
    expect(inAirtable().map((c) => [c.authorId, c.text])).toEqual([[GRACE, 'Grace was here'], [ME, `Thanks @[${GRACE}]!`]]);
    const sent = (await call<RecordComments>('comments:list', { profileId, recordId })).comments.find((c) => c.text.startsWith('Thanks'))!;
    expect(sent).toMatchObject({ unsent: null, mine: true });
    expect(sent.id).toMatch(/^com/);
    expect(v.core.emitted.some((e) => e.event === 'commentsChanged' && (e.payload as { recordIds: string[] }).recordIds.includes(recordId))).toBe(true);

    await call('comments:update', { profileId, recordId, commentId: sent.id, text: 'Thanks, Grace!' });
    await v.core.outbox.flush(profileId);
    expect(inAirtable().find((c) => c.id === sent.id)?.text).toBe('Thanks, Grace!');

    await expect(call('comments:update', { profileId, recordId, commentId: graces, text: 'hijacked' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('comments:delete', { profileId, recordId, commentId: graces })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await call<{ comments: unknown[] }>('outbox:list', { profileId })).comments).toEqual([]);

    await call('comments:delete', { profileId, recordId, commentId: sent.id });
    expect((await call<RecordComments>('comments:list', { profileId, recordId })).comments.map((c) => c.id)).toEqual([graces]);
    await v.core.outbox.flush(profileId);
    expect(inAirtable().map((c) => c.id)).toEqual([graces]);
  });

  it('posts offline through the outbox, survives a restart, and sends each comment exactly once', async () => {
    const first = await syncedProfile();
    const { profileId, table } = first;
    const recordId = [...table.records.keys()][2]!;
    await h.control('faults', { rules: [{ kind: 'drop' }] });
    const posted = await first.call<{ id: string }>('comments:create', { profileId, recordId, text: 'Written on the plane' });
    const edited = await first.call<{ id: string }>('comments:create', { profileId, recordId, text: 'Typo heer' });
    await first.call('comments:update', { profileId, recordId, commentId: edited.id, text: 'Typo here' }); // not sent yet: one post with the new text
    await first.v.core.outbox.flush(profileId);
    const waiting = await first.call<{ comments: Array<{ kind: string; text: string; status: string }> }>('outbox:list', { profileId });
    expect(waiting.comments.map((c) => [c.kind, c.text])).toEqual([['create', 'Written on the plane'], ['create', 'Typo here']]);
    // A post that left before the connection dropped may have landed: it stays "sending" and is looked for first.
    expect(waiting.comments.every((c) => c.status === 'pending' || c.status === 'sending')).toBe(true);
    expect(first.v.core.emitted.filter((e) => e.event === 'outboxChanged').at(-1)?.payload).toMatchObject({ pending: 2 });
    expect((await first.call<RecordComments>('comments:list', { profileId, recordId })).comments.map((c) => [c.id, c.unsent])).toEqual([[posted.id, 'create'], [edited.id, 'create']]);
    await first.v.core.stop();

    // The app restarts on the same data; the network is back.
    await h.control('faults', { rules: [] });
    const second = wire(await vaultAgainst(h, { env: first.v.core.ports.env, secrets: first.v.secrets }));
    await second.v.core.start();
    await second.v.core.outbox.flush(profileId);
    expect(table.records.get(recordId)!.comments.map((c) => c.text)).toEqual(['Written on the plane', 'Typo here']);
    await second.v.core.outbox.flush(profileId);
    expect(table.records.get(recordId)!.comments).toHaveLength(2);
    await second.v.core.stop();
  });

  it('a post whose answer was lost is found in Airtable, not posted twice', async () => {
    const { v, call, profileId, table } = await syncedProfile();
    const recordId = [...table.records.keys()][3]!;
    await h.control('faults', { rules: [{ kind: 'drop-after', method: 'POST', pathPrefix: `/v0/${h.firstBase().id}/${table.id}/${recordId}/comments`, count: 1 }] });
    await call('comments:create', { profileId, recordId, text: 'Only once, please' });
    await v.core.outbox.flush(profileId);
    await v.core.outbox.flush(profileId);
    expect(table.records.get(recordId)!.comments.map((c) => c.text)).toEqual(['Only once, please']);
    const listed = await call<RecordComments>('comments:list', { profileId, recordId });
    expect(listed.comments.map((c) => [c.text, c.unsent])).toEqual([['Only once, please', null]]);
  });

  it('waits for a record created offline, then comments on its Airtable id', async () => {
    const { v, call, profileId, base, table } = await syncedProfile();
    await h.control('faults', { rules: [{ kind: 'drop' }] });
    const created = await call<{ id: string }>('records:create', { profileId, baseId: base.id, tableId: table.id, fields: { [table.primaryFieldId]: 'New idea' } });
    await call('comments:create', { profileId, recordId: created.id, text: 'First thoughts' });
    await h.control('faults', { rules: [] });
    await v.core.outbox.flush(profileId);
    const record = [...table.records.values()].find((r) => r.cells[table.primaryFieldId] === 'New idea')!;
    expect(record.comments.map((c) => c.text)).toEqual(['First thoughts']);
    expect((await call<RecordComments>('comments:list', { profileId, recordId: record.id })).comments.map((c) => [c.text, c.unsent])).toEqual([['First thoughts', null]]);
  });

  it('keeps a refused comment with the reason until it is retried or discarded; bad text changes nothing', async () => {
    const { v, call, profileId, base, table } = await syncedProfile();
    const recordId = [...table.records.keys()][4]!;
    await h.control('faults', { rules: [{ kind: 'status', status: 422, method: 'POST', pathPrefix: `/v0/${base.id}/${table.id}/${recordId}/comments`, count: 1 }] });
    const posted = await call<{ id: string }>('comments:create', { profileId, recordId, text: 'Refused once' });
    await v.core.outbox.flush(profileId);
    const refused = (await call<RecordComments>('comments:list', { profileId, recordId })).comments.find((c) => c.id === posted.id)!;
    expect(refused.unsent).toBe('create');
    expect(refused.error).toBeTruthy();
    await call('comments:retry', { profileId, seq: refused.editSeq });
    await v.core.outbox.flush(profileId);
    expect(table.records.get(recordId)!.comments.map((c) => c.text)).toEqual(['Refused once']);

    for (const text of ['', '   ', 'x'.repeat(100_001)]) await expect(call('comments:create', { profileId, recordId, text })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('comments:create', { profileId, recordId: 'recZZZZZZZZZZZZZZ', text: 'nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const hostile = '<img src=x onerror=alert(1)> @[usrSandboxColl001] {"__proto__":1}';
    await call('comments:create', { profileId, recordId, text: hostile });
    await v.core.outbox.flush(profileId);
    expect(table.records.get(recordId)!.comments.at(-1)!.text).toBe(hostile);
    expect((await call<{ comments: unknown[] }>('outbox:list', { profileId })).comments).toEqual([]);
  });
});

describe('comments as Airtable really sends them (pyairtable’s sample)', () => {
  it('reads an author without a name, a mention, reactions and attachments it does not use', () => {
    const sample = JSON.parse(readFileSync('test/fixtures/pyairtable/sample_data/Comment.json', 'utf8')) as unknown;
    const p = testRecords();
    const comments = new CommentsRepository(p.cacheDb);
    comments.replace('recAAAAAAAAAAAAAA', [Comment.parse(sample)], 5);
    const [stored] = comments.list('recAAAAAAAAAAAAAA');
    expect(stored).toMatchObject({ author: { id: 'usrLkNDICXNqxSDhG', name: null, email: 'author@example.com' }, parentCommentId: 'comkNDICXNqxSDhGL', mentioned: { usr00000mentioned: 'Alice Doe' } });
    expect(commentSegments(stored!.text, stored!.mentioned)).toEqual([
      { kind: 'text', text: 'Hello, ' },
      { kind: 'mention', userId: 'usr00000mentioned', name: 'Alice Doe' },
      { kind: 'text', text: '!' },
    ]);
    expect(comments.people()).toEqual([{ id: 'usr00000mentioned', name: 'Alice Doe' }]);
  });

  it('writes @Name of a known person as a mention, longest name first, and leaves e-mail addresses and the rest alone', () => {
    const people = [{ id: 'usrAAAAAAAAAAAAAA', name: 'Ann' }, { id: 'usrBBBBBBBBBBBBBB', name: 'Ann Lee' }];
    expect(encodeMentions('Hi @Ann Lee and @ann, not @Annabel or me@Ann.', people)).toBe('Hi @[usrBBBBBBBBBBBBBB] and @[usrAAAAAAAAAAAAAA], not @Annabel or me@Ann.');
    expect(encodeMentions('@[usrCCCCCCCCCCCCCC] stays', people)).toBe('@[usrCCCCCCCCCCCCCC] stays');
  });
});
