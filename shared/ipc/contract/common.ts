import { z } from 'zod';

/** Inputs carry only what a handler needs; no method takes more than this many bytes of JSON. */
export const MAX_INPUT_BYTES = 1_000_000;

export const noInput = z.object({}).strict();
export const profileId = z.string().uuid();
export const done = z.object({ done: z.literal(true) }).strict();
