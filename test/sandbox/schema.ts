import { isComputedFieldType, writableFieldTypes } from '../../shared/domain/fieldTypes';
import { errors } from './errors';
import { fieldModel, type Base, type Field, type Table } from './model';
import { randomId, type SandboxStore } from './store';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const writable = new Set<string>(writableFieldTypes);
const PRIMARY_TYPES = new Set(['singleLineText', 'multilineText', 'email', 'url', 'phoneNumber', 'number', 'currency', 'percent', 'date', 'dateTime', 'barcode', 'autoNumber', 'duration']);

function checkName(name: unknown, existing: string[], kind: 'table' | 'field'): string {
  if (typeof name !== 'string' || name.trim() === '') throw errors.invalidRequest(`A ${kind} needs a non-empty name`);
  if (existing.some((n) => n.toLowerCase() === name.trim().toLowerCase())) throw errors.duplicateName(kind, name);
  return name.trim();
}

/** Checks a new field's type and options as the create-field endpoint does, and fills in ids. */
function buildField(base: Base, table: Table | undefined, input: unknown, existingNames: string[]): Field {
  if (!isObject(input)) throw errors.invalidRequest('Each field must be an object');
  const name = checkName(input.name, existingNames, 'field');
  const type = typeof input.type === 'string' ? input.type : '';
  if (isComputedFieldType(type)) throw errors.invalidFieldType(`Fields of type ${type} cannot be created through the API`);
  if (!writable.has(type)) throw errors.invalidFieldType(`Unknown field type: ${type}`);
  const options = isObject(input.options) ? { ...input.options } : undefined;
  const need = (key: string) => {
    if (!options || options[key] === undefined) throw errors.invalidOptions(`Field type ${type} requires options.${key}`);
  };
  switch (type) {
    case 'number':
    case 'percent':
      need('precision');
      break;
    case 'currency':
      need('precision');
      need('symbol');
      break;
    case 'singleSelect':
    case 'multipleSelects': {
      need('choices');
      const choices = options?.choices;
      if (!Array.isArray(choices)) throw errors.invalidOptions('options.choices must be an array');
      options!.choices = choices.map((c) => {
        if (!isObject(c) || typeof c.name !== 'string') throw errors.invalidOptions('Each choice needs a name');
        return { id: randomId('sel'), name: c.name, color: typeof c.color === 'string' ? c.color : 'blueLight2' };
      });
      break;
    }
    case 'multipleRecordLinks': {
      need('linkedTableId');
      const linked = base.tables.find((t) => t.id === options?.linkedTableId);
      if (!linked && options?.linkedTableId !== table?.id) throw errors.invalidOptions('options.linkedTableId is not a table of this base');
      break;
    }
    case 'date':
      need('dateFormat');
      break;
    case 'dateTime':
      need('dateFormat');
      need('timeFormat');
      need('timeZone');
      break;
    default:
      break;
  }
  const field: Field = { id: randomId('fld'), name, type };
  if (typeof input.description === 'string' && input.description !== '') field.description = input.description;
  if (options) field.options = options;
  return field;
}

/** Schema writes, each one committed as a change that webhooks with `tableFields`/`tableMetadata` see. */
export class SchemaEditor {
  constructor(private readonly store: SandboxStore) {}

  createTable(base: Base, input: Record<string, unknown>, actorId: string): Table {
    const name = checkName(input.name, base.tables.map((t) => t.name), 'table');
    if (!Array.isArray(input.fields) || input.fields.length === 0) throw errors.invalidRequest('A table needs at least one field');
    const names: string[] = [];
    const fields = input.fields.map((f) => {
      const field = buildField(base, undefined, f, names);
      names.push(field.name);
      return field;
    });
    const primary = fields[0]!;
    if (!PRIMARY_TYPES.has(primary.type)) throw errors.invalidFieldType(`A ${primary.type} field cannot be the primary field`);
    const table: Table = {
      id: randomId('tbl'),
      name,
      primaryFieldId: primary.id,
      fields,
      views: [{ id: randomId('viw'), name: 'Grid view', type: 'grid' }],
      records: new Map(),
      nextAutoNumber: 1,
    };
    if (typeof input.description === 'string' && input.description !== '') table.description = input.description;
    base.tables.push(table);
    for (const field of fields) if (field.type === 'multipleRecordLinks') this.addInverse(base, table, field);
    const change = this.store.emptyChange(base, actorId);
    const entry = this.store.tableChange(change, table.id);
    entry.created = true;
    for (const field of fields) entry.createdFields.set(field.id, { name: field.name, type: field.type });
    this.store.commit(change);
    return table;
  }

  updateTable(base: Base, table: Table, input: Record<string, unknown>, actorId: string): Table {
    if (input.name === undefined && input.description === undefined) throw errors.invalidRequest('Provide a name or a description');
    const previous = { name: table.name, description: table.description ?? null };
    if (input.name !== undefined) table.name = checkName(input.name, base.tables.filter((t) => t !== table).map((t) => t.name), 'table');
    if (input.description !== undefined) {
      if (typeof input.description !== 'string') throw errors.invalidRequest('description must be a string');
      if (input.description === '') delete table.description;
      else table.description = input.description;
    }
    const change = this.store.emptyChange(base, actorId);
    this.store.tableChange(change, table.id).changedMetadata = { current: { name: table.name, description: table.description ?? null }, previous };
    this.store.commit(change);
    return table;
  }

  createField(base: Base, table: Table, input: Record<string, unknown>, actorId: string): Field {
    const field = buildField(base, table, input, table.fields.map((f) => f.name));
    table.fields.push(field);
    if (field.type === 'multipleRecordLinks') this.addInverse(base, table, field);
    const change = this.store.emptyChange(base, actorId);
    this.store.tableChange(change, table.id).createdFields.set(field.id, { name: field.name, type: field.type });
    this.store.commit(change);
    return field;
  }

  updateField(base: Base, table: Table, field: Field, input: Record<string, unknown>, actorId: string): Field {
    if (input.name === undefined && input.description === undefined && input.options === undefined) throw errors.invalidRequest('Provide a name, description or options');
    const previous = fieldModel(field);
    if (input.name !== undefined) field.name = checkName(input.name, table.fields.filter((f) => f !== field).map((f) => f.name), 'field');
    if (input.description !== undefined) {
      if (typeof input.description !== 'string') throw errors.invalidRequest('description must be a string');
      if (input.description === '') delete field.description;
      else field.description = input.description;
    }
    if (input.options !== undefined) {
      if (field.type === 'multipleRecordLinks' || isComputedFieldType(field.type)) throw errors.invalidOptions(`The options of a ${field.type} field cannot be changed through the API`);
      if (!isObject(input.options)) throw errors.invalidOptions('options must be an object');
      field.options = { ...field.options, ...input.options };
    }
    this.invalidateFormulas(table);
    const change = this.store.emptyChange(base, actorId);
    this.store.tableChange(change, table.id).changedFields.set(field.id, { current: fieldModel(field), previous });
    this.store.commit(change);
    return field;
  }

  /** Not in the public API; the control API uses it to simulate a person deleting a field in Airtable. */
  deleteField(base: Base, table: Table, field: Field, actorId: string): void {
    if (field.id === table.primaryFieldId) throw errors.invalidRequest('The primary field cannot be deleted');
    table.fields = table.fields.filter((f) => f !== field);
    for (const record of table.records.values()) {
      delete record.cells[field.id];
      delete record.modifiedAt[field.id];
    }
    for (const view of table.views) if (view.visibleFieldIds) view.visibleFieldIds = view.visibleFieldIds.filter((id) => id !== field.id);
    this.invalidateFormulas(table);
    const change = this.store.emptyChange(base, actorId, 'client');
    this.store.tableChange(change, table.id).destroyedFieldIds.push(field.id);
    this.store.commit(change);
  }

  private addInverse(base: Base, table: Table, field: Field): void {
    const linked = base.tables.find((t) => t.id === field.options?.linkedTableId);
    if (!linked || linked === table) {
      field.options = { ...field.options, prefersSingleRecordLink: field.options?.prefersSingleRecordLink ?? false };
      return;
    }
    let name = table.name;
    for (let i = 2; linked.fields.some((f) => f.name.toLowerCase() === name.toLowerCase()); i++) name = `${table.name} ${i}`;
    const inverse: Field = { id: randomId('fld'), name, type: 'multipleRecordLinks', options: { linkedTableId: table.id, inverseLinkFieldId: field.id, prefersSingleRecordLink: false } };
    field.options = { ...field.options, inverseLinkFieldId: inverse.id, prefersSingleRecordLink: field.options?.prefersSingleRecordLink ?? false };
    linked.fields.push(inverse);
  }

  private invalidateFormulas(table: Table): void {
    for (const f of table.fields) delete f.compiled;
  }
}
