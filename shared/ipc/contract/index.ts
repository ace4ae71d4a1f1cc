import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import { attachmentsMethods } from './attachments';
import { commentsEvents, commentsMethods } from './comments';
import { outboxEvents, outboxMethods } from './outbox';
import { profilesEvents, profilesMethods } from './profiles';
import { recordsEvents, recordsMethods } from './records';
import { schemaMethods } from './schema';
import { syncEvents, syncMethods } from './sync';

export { MAX_INPUT_BYTES } from './common';

/**
 * The whole contract between renderer and main, one file per domain, combined here. Every method
 * is `{ channel, input, output }` and every event `{ channel, payload }`; channels are
 * `domain:verb` / `domain:changed` in kebab-case and exist nowhere else. Inputs are strict
 * objects (unknown keys are refused), so a payload either matches exactly or never reaches a
 * handler.
 */
export const methods = {
  ...appMethods,
  ...profilesMethods,
  ...syncMethods,
  ...schemaMethods,
  ...recordsMethods,
  ...outboxMethods,
  ...attachmentsMethods,
  ...commentsMethods,
} as const;

export const events = {
  ...appEvents,
  ...profilesEvents,
  ...syncEvents,
  ...recordsEvents,
  ...outboxEvents,
  ...commentsEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Methods[K]['output']>;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** Channel names follow one rule; the contract test checks every entry against it. */
export const METHOD_CHANNEL = /^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/;
export const EVENT_CHANNEL = /^[a-z]+(-[a-z]+)*:changed$/;
