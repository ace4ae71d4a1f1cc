import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_CHANNEL, METHOD_CHANNEL, eventNames, events, methodNames, methods } from '../../shared/ipc/contract';
import { appEvents, appMethods } from '../../shared/ipc/contract/app';
import { attachmentsMethods } from '../../shared/ipc/contract/attachments';
import { commentsEvents, commentsMethods } from '../../shared/ipc/contract/comments';
import { outboxEvents, outboxMethods } from '../../shared/ipc/contract/outbox';
import { profilesEvents, profilesMethods } from '../../shared/ipc/contract/profiles';
import { recordsEvents, recordsMethods } from '../../shared/ipc/contract/records';
import { schemaMethods } from '../../shared/ipc/contract/schema';
import { syncEvents, syncMethods } from '../../shared/ipc/contract/sync';

import { createBridge } from '../../electron/preload/bridge';
import { FakeIpcMain, FakeIpcRenderer, frame } from '../helpers/fakeIpc';
import { testCore } from '../helpers/services';

describe('the IPC contract', () => {
  it('names every channel domain:verb and every event domain:changed, with no duplicates', () => {
    const channels = methodNames.map((name) => methods[name].channel);
    for (const channel of channels) expect(channel).toMatch(METHOD_CHANNEL);
    for (const name of eventNames) expect(events[name].channel).toMatch(EVENT_CHANNEL);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('defines each method and event in exactly one domain file (a name repeated in two would silently replace the other)', () => {
    const domainMethods = [appMethods, profilesMethods, syncMethods, schemaMethods, recordsMethods, outboxMethods, attachmentsMethods, commentsMethods].flatMap((m) => Object.keys(m));
    const domainEvents = [appEvents, profilesEvents, syncEvents, recordsEvents, outboxEvents, commentsEvents].flatMap((e) => Object.keys(e));
    expect(domainMethods.sort()).toEqual([...methodNames].sort());
    expect(domainEvents.sort()).toEqual([...eventNames].sort());
  });

  it('gives every method a handler in the handler table', () => {
    const handlers = testCore().handlers;
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(typeof handlers[name]).toBe('function');
  });

  it('gives every method a preload binding, and nothing else besides `on`', () => {
    const bridge = createBridge(new FakeIpcRenderer(new FakeIpcMain(), frame('airvault://app/index.html')));
    expect(Object.keys(bridge).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('has no output or event schema that can carry a token or secret', () => {
    const forbidden = /token|secret|password|verifier|refresh|authorization|bearer|code/i;
    const keys = new Set<string>();
    for (const name of methodNames) collectKeys(methods[name].output, keys);
    for (const name of eventNames) collectKeys(events[name].payload, keys);
    expect(keys.size).toBeGreaterThan(20);
    // Only a flag, a timestamp and an endpoint URL may mention these words.
    const allowed = new Set(['hasClientSecret', 'refreshExpiresAt', 'tokenUrl']);
    expect([...keys].filter((key) => forbidden.test(key) && !allowed.has(key))).toEqual([]);
    expect(methods.oauthSettingsGet.output.shape.hasClientSecret).toBeInstanceOf(z.ZodBoolean);
  });
});

/** Walks a zod schema and collects every object key it can produce, however deeply nested. */
function collectKeys(schema: z.ZodType, into: Set<string>, seen = new Set<z.ZodType>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  if (schema instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(schema.shape)) {
      into.add(key);
      collectKeys(child, into, seen);
    }
    const catchall = schema.def.catchall;
    if (catchall && !(catchall instanceof z.ZodNever)) into.add('<any key>');
    return;
  }
  if (schema instanceof z.ZodRecord) into.add('<any key>');
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  for (const value of Object.values(def)) {
    if (value instanceof z.ZodType) collectKeys(value, into, seen);
    if (Array.isArray(value)) for (const item of value) if (item instanceof z.ZodType) collectKeys(item, into, seen);
  }
  if (schema instanceof z.ZodLazy) collectKeys(schema.def.getter() as z.ZodType, into, seen);
}
