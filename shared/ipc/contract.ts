import { z } from 'zod';
import { AppInfo } from '../domain/app';

/**
 * The whole contract between renderer and main. Every method is `{ channel, input, output }`
 * and every event `{ channel, payload }`; channels are `domain:verb` / `domain:changed` in
 * kebab-case and exist nowhere else. Inputs are strict objects (unknown keys are refused),
 * so a payload either matches exactly or never reaches a handler.
 */

/** Inputs carry only what a handler needs; no method takes more than this many bytes of JSON. */
export const MAX_INPUT_BYTES = 1_000_000;

const noInput = z.object({}).strict();

export const methods = {
  appInfo: { channel: 'app:info', input: noInput, output: AppInfo },
} as const;

export const events = {
  appChanged: { channel: 'app:changed', payload: z.object({ dataFolder: z.string() }).strict() },
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
