import { AppError } from '../../platform/errors';
import type { RecordsOf } from '../profileRecords';
import { runsCode } from '../../../../shared/domain/localFiles';

/**
 * Attachments as a person uses them: what the offline space holds and its cap, thumbnails, and
 * opening a full file. The renderer names the attachment, never a URL or a path: core finds it
 * in the cached record, downloads it (or takes the cached copy, offline too), and asks main to
 * open it with the system viewer, or, for a kind that would run code, to show it in its folder.
 */
export class AttachmentsService {
  constructor(private readonly deps: { recordsOf: RecordsOf; openFile(file: string, how: 'open' | 'reveal'): Promise<void> }) {}

  usage(profileId: string) {
    return this.deps.recordsOf(profileId).attachments.usage();
  }

  thumbnail(profileId: string, attachmentId: string) {
    return { dataUrl: this.deps.recordsOf(profileId).attachments.thumbnailDataUrl(attachmentId) };
  }

  setCap(profileId: string, bytes: number): void {
    this.deps.recordsOf(profileId).attachments.setCap(bytes);
  }

  async open(profileId: string, recordId: string, fieldId: string, attachmentId: string): Promise<{ filename: string; shown: 'viewer' | 'folder' }> {
    const p = this.deps.recordsOf(profileId);
    const record = p.records.find(recordId);
    const table = record && p.schema.table(record.tableId);
    if (!record || !table) throw new AppError('NOT_FOUND', 'That record is not in the offline cache.');
    const cell = record.cells[fieldId];
    if (!Array.isArray(cell) || !cell.some((a) => typeof a === 'object' && a !== null && (a as { id?: unknown }).id === attachmentId)) {
      throw new AppError('NOT_FOUND', 'That attachment is not on this record (it may have been removed).');
    }
    const file = await p.attachments.file(table.baseId, table.id, recordId, fieldId, attachmentId);
    const shown = runsCode(file.filename) ? 'folder' : 'viewer';
    await this.deps.openFile(file.path, shown === 'viewer' ? 'open' : 'reveal');
    return { filename: file.filename, shown };
  }
}
