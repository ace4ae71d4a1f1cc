/**
 * Whether a cached record holds Airtable's last answer or a local change waiting in the outbox.
 * Stored as a small integer in `records.pending`; only the records repository writes it.
 */
export const PendingState = {
  /** As Airtable last sent it. */
  Synced: 0,
  /** Changed or created here; the change waits in the outbox. */
  Edited: 1,
  /** Deleted here; hidden everywhere until the delete is sent. */
  Deleted: 2,
} as const;

export type PendingState = (typeof PendingState)[keyof typeof PendingState];
