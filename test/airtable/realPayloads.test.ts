import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AirtableRecord, BaseSchema, FieldModel, RecordPage, TableModel } from '../../electron/core/airtable/schemas';

const SAMPLES = 'test/fixtures/pyairtable/sample_data';
const read = (file: string) => JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as unknown;

describe('Airtable’s real payload shapes (pyairtable’s sample data)', () => {
  it.each(readdirSync(path.join(SAMPLES, 'field_schema')))('accepts the field schema %s', (file) => {
    const parsed = FieldModel.safeParse(read(`field_schema/${file}`));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('reads "options": null (manualSort) as no options, so a base with a manual sort syncs', () => {
    const table = TableModel.parse({ ...(read('TableSchema.json') as object), fields: [read('field_schema/ManualSortFieldSchema.json'), read('field_schema/SingleLineTextFieldSchema.json')] });
    expect(table.fields.map((f) => [f.type, f.options])).toEqual([['manualSort', undefined], ['singleLineText', undefined]]);
  });

  it('keeps an unknown field type with its options, and a table’s new keys', () => {
    const table = TableModel.parse({ ...(read('TableSchema.json') as object), fields: [read('field_schema/UnknownFieldSchema.json')] });
    expect(table.fields[0]).toMatchObject({ type: 'somethingUnrecognizable', options: { something: 'wacky' } });
    expect((table as Record<string, unknown>).dateDependencySettings).toBeDefined();
  });

  it('accepts the sample base schema whole', () => {
    expect(BaseSchema.parse(read('BaseSchema.json')).tables).toHaveLength(2);
  });
});

describe('ids are checked by pattern when they arrive (check 48)', () => {
  it('drops a record whose id is not an Airtable record id, keeping the rest of the page', () => {
    const page = RecordPage.parse({
      records: [
        { id: 'recAAAAAAAAAAAAAA', createdTime: '2026-01-01T00:00:00.000Z', fields: {} },
        { id: "rec'); DROP TABLE records;--", createdTime: '2026-01-01T00:00:00.000Z', fields: {} },
        { id: 'https://evil.test/x', createdTime: '2026-01-01T00:00:00.000Z', fields: {} },
      ],
    });
    expect(page.records.map((r) => r.id)).toEqual(['recAAAAAAAAAAAAAA']);
    expect(AirtableRecord.safeParse({ id: 'recAAAAAAAAAAAAA', createdTime: 'x', fields: {} }).success).toBe(false);
  });

  it('drops a field whose id could carry SQL or a JSON path, keeping the other fields of the table', () => {
    const table = TableModel.parse({
      id: 'tblAAAAAAAAAAAAAA',
      name: 'T',
      primaryFieldId: 'fldAAAAAAAAAAAAAA',
      fields: [
        { id: 'fldAAAAAAAAAAAAAA', name: 'Name', type: 'singleLineText' },
        { id: "fldA') || (SELECT name FROM sqlite_master", name: 'Evil', type: 'singleLineText' },
        { id: 'fldB.x', name: 'Path', type: 'singleLineText' },
      ],
      views: [{ id: 'viwAAAAAAAAAAAAAA', name: 'Grid', type: 'grid', visibleFieldIds: ['fldAAAAAAAAAAAAAA'] }, { id: 'viw<script>', name: 'Bad', type: 'grid' }],
    });
    expect(table.fields.map((f) => f.id)).toEqual(['fldAAAAAAAAAAAAAA']);
    expect(table.views.map((v) => v.id)).toEqual(['viwAAAAAAAAAAAAAA']);
  });

  it('refuses a table whose own id is not an Airtable table id (the rest of the base stays)', () => {
    const schema = BaseSchema.parse({ tables: [{ id: 'tbl../../x', name: 'Bad', primaryFieldId: 'fldAAAAAAAAAAAAAA', fields: [], views: [] }, { id: 'tblAAAAAAAAAAAAAA', name: 'Good', primaryFieldId: 'fldAAAAAAAAAAAAAA', fields: [], views: [] }] });
    expect(schema.tables.map((t) => t.name)).toEqual(['Good']);
  });
});
