import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file of the product's core, with its text. */
function coreFiles(dir = 'electron/core'): Array<{ file: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return coreFiles(full);
    return full.endsWith('.ts') ? [{ file: full, text: readFileSync(full, 'utf8') }] : [];
  });
}

/** Files whose SQL writes `table` (migrations create tables and move data; they are allowed). */
function writersOf(table: string): string[] {
  const write = new RegExp(`\\b(INSERT(\\s+OR\\s+\\w+)?\\s+INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+${table}\\b`, 'i');
  return coreFiles()
    .filter(({ file, text }) => !/Migrations\.ts$/.test(file) && write.test(text))
    .map(({ file }) => file)
    .sort();
}

describe('one owner per table (ARCHITECTURE.md, "Rules that keep it livable")', () => {
  it('only the records repository writes records and their search index', () => {
    expect(writersOf('records')).toEqual(['electron/core/records/recordsRepository.ts']);
    expect(writersOf('records_fts')).toEqual(['electron/core/records/recordsRepository.ts']);
  });

  it('only the token ledger writes token generations, and only the token manager holds the ledger', () => {
    expect(writersOf('grants')).toEqual(['electron/core/tokens/tokenLedger.ts']);
    const constructs = coreFiles().filter(({ text }) => /new TokenLedger\(/.test(text)).map(({ file }) => file);
    expect(constructs).toEqual(['electron/core/tokens/tokenManager.ts']);
  });

  it('gives every other table of the cache and the vault exactly one writer', () => {
    const owners: Record<string, string> = {
      profiles: 'electron/core/profiles/profileRepository.ts',
      leases: 'electron/core/tokens/lease.ts',
      bases: 'electron/core/records/cache/schemaRepository.ts',
      tables: 'electron/core/records/cache/schemaRepository.ts',
      fields: 'electron/core/records/cache/schemaRepository.ts',
      views: 'electron/core/records/cache/schemaRepository.ts',
      sync_state: 'electron/core/records/sync/syncState.ts',
      webhooks: 'electron/core/records/sync/syncState.ts',
      call_log: 'electron/core/records/sync/callBudget.ts',
      call_plans: 'electron/core/records/sync/callBudget.ts',
      attachments: 'electron/core/records/attachments/attachmentCache.ts',
      view_records: 'electron/core/records/cache/viewMembers.ts',
      view_syncs: 'electron/core/records/cache/viewMembers.ts',
      comments: 'electron/core/records/comments/commentsRepository.ts',
      comment_syncs: 'electron/core/records/comments/commentsRepository.ts',
      comment_edits: 'electron/core/records/comments/commentOutbox.ts',
    };
    for (const [table, owner] of Object.entries(owners)) expect(writersOf(table), table).toEqual([owner]);
  });

  it('keeps SQL out of every IPC handler', () => {
    const handlers = coreFiles().filter(({ file }) => /Handlers\.ts$/.test(file));
    expect(handlers.length).toBeGreaterThanOrEqual(7);
    for (const { file, text } of handlers) expect(text, file).not.toMatch(/\.prepare\(|\.exec\(|\bSELECT\b|\bINSERT\b|\bUPDATE\b|\bDELETE\b/);
  });
});
