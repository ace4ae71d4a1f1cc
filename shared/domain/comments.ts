import { z } from 'zod';

/** Airtable comment ids, or the temporary id of a comment posted here and not sent yet. */
export const CommentId = z.string().regex(/^(com[A-Za-z0-9]{14}|tmp[0-9a-f]{32})$/);
/** Airtable refuses longer comments; so does the outbox, before anything is queued. */
export const MAX_COMMENT_CHARS = 100_000;
export const CommentText = z.string().max(MAX_COMMENT_CHARS).refine((text) => text.trim() !== '', 'A comment needs some text.');

export const CommentView = z
  .object({
    id: z.string(),
    recordId: z.string(),
    author: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).strict(),
    /** As Airtable stores it: a mention is `@[usr…]` (see `commentSegments`). */
    text: z.string(),
    createdTime: z.string(),
    lastUpdatedTime: z.string().nullable(),
    parentCommentId: z.string().nullable(),
    /** People mentioned, by Airtable user id: the name to show. */
    mentioned: z.record(z.string(), z.string()),
    /** Written by this profile's Airtable account: it may be edited and deleted. */
    mine: z.boolean(),
    /** A change made here and not sent yet: posted, edited, or (when it was refused) deleted. */
    unsent: z.enum(['create', 'update', 'delete']).nullable(),
    /** Why Airtable refused the unsent change (it waits for the person to discard it). */
    error: z.string().nullable(),
    /** The outbox entry of the unsent change (to discard it). */
    editSeq: z.number().nullable(),
  })
  .strict();
export type CommentView = z.infer<typeof CommentView>;

/** A comment change in the outbox, as the outbox screen lists it. */
export const CommentEditView = z
  .object({
    seq: z.number(),
    kind: z.enum(['create', 'update', 'delete']),
    tableId: z.string(),
    recordId: z.string(),
    /** The record's primary value, as the person knows it (null when it has none). */
    recordName: z.string().nullable(),
    text: z.string().nullable(),
    status: z.enum(['pending', 'sending', 'done', 'rejected']),
    error: z.string().nullable(),
    createdAt: z.number(),
  })
  .strict();

export type CommentSegment = { kind: 'text'; text: string } | { kind: 'mention'; userId: string; name: string | null };

const MENTION = /@\[(usr[A-Za-z0-9]{14})\]/g;

/** A comment's text as plain text and mentions, each mention with the name to show (null: unknown person). */
export function commentSegments(text: string, mentioned: Readonly<Record<string, string>>): CommentSegment[] {
  const segments: CommentSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const userId = match[1]!;
    if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) });
    segments.push({ kind: 'mention', userId, name: Object.hasOwn(mentioned, userId) ? mentioned[userId]! : null });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/**
 * What a person typed, with `@Name` of a known person written as Airtable's mention `@[usr…]`.
 * Longer names win (so "@Ann Lee" is not read as "@Ann"); a mention starts a word and its name ends at one.
 */
export function encodeMentions(text: string, people: ReadonlyArray<{ id: string; name: string }>): string {
  const byLength = people.filter((p) => /^usr[A-Za-z0-9]{14}$/.test(p.id) && p.name.trim() !== '').sort((a, b) => b.name.length - a.name.length);
  let out = '';
  let i = 0;
  while (i < text.length) {
    // A mention starts a word: "me@Ann.com" is an address, not a mention.
    if (text[i] === '@' && text[i + 1] !== '[' && (i === 0 || !/[\p{L}\p{N}_.+-]/u.test(text.charAt(i - 1)))) {
      const rest = text.slice(i + 1);
      const person = byLength.find((p) => rest.toLowerCase().startsWith(p.name.toLowerCase()) && !/[\p{L}\p{N}_]/u.test(rest.charAt(p.name.length)));
      if (person) {
        out += `@[${person.id}]`;
        i += 1 + person.name.length;
        continue;
      }
    }
    out += text[i];
    i++;
  }
  return out;
}
