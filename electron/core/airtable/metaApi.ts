import { z } from 'zod';
import { invalidInput } from './airtableError';
import type { AirtableClient } from './client';
import { checkId } from './ids';
import { BaseInfo, BasePage, BaseSchema, FieldModel, TableModel, TableUpdate, Whoami, type BaseSummary } from './schemas';
import type { CallOptions } from './callOptions';

export const FieldSpec = z
  .object({
    name: z.string().trim().min(1).max(255),
    type: z.string().min(1),
    description: z.string().max(20_000).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type FieldSpec = z.input<typeof FieldSpec>;

const TableSpec = z
  .object({ name: z.string().trim().min(1).max(255), description: z.string().max(20_000).optional(), fields: z.array(FieldSpec).min(1) })
  .strict();
const TablePatch = z.object({ name: z.string().trim().min(1).max(255).optional(), description: z.string().max(20_000).optional() }).strict();
const FieldPatch = z
  .object({ name: z.string().trim().min(1).max(255).optional(), description: z.string().max(20_000).optional(), options: z.record(z.string(), z.unknown()).optional() })
  .strict();

function check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`Invalid ${what}${issue?.path.length ? ` at "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'not allowed'}.`);
  }
  return parsed.data;
}

/** The metadata API: who am I, bases, base schema, and creating and updating tables and fields. */
export class MetaApi {
  constructor(
    private readonly client: AirtableClient,
    private readonly profileId: string,
  ) {}

  whoami(options: CallOptions = {}): Promise<Whoami> {
    return this.client.call(this.profileId, 'GET', '/meta/whoami', Whoami, options);
  }

  /** Every base the token can see, across pages. */
  async listBases(options: CallOptions = {}): Promise<BaseSummary[]> {
    const bases: BaseSummary[] = [];
    let offset: string | undefined;
    do {
      const page = await this.client.call(this.profileId, 'GET', '/meta/bases', BasePage, { ...options, scope: 'schema.bases:read', query: { offset } });
      bases.push(...page.bases);
      offset = page.offset;
    } while (offset);
    return bases;
  }

  async baseSchema(baseId: string, options: CallOptions & { includeVisibleFieldIds?: boolean } = {}): Promise<TableModel[]> {
    const { includeVisibleFieldIds = true, ...rest } = options;
    const res = await this.client.call(this.profileId, 'GET', `/meta/bases/${checkId('app', baseId)}/tables`, BaseSchema, {
      ...rest,
      scope: 'schema.bases:read',
      query: includeVisibleFieldIds ? { include: ['visibleFieldIds'] } : {},
    });
    return res.tables;
  }

  /** Base details, including its workspace (which the scheduler uses for quota accounting). */
  baseInfo(baseId: string, options: CallOptions = {}) {
    return this.client.call(this.profileId, 'GET', `/meta/bases/${checkId('app', baseId)}`, BaseInfo, options);
  }

  createTable(baseId: string, spec: z.input<typeof TableSpec>, options: CallOptions = {}): Promise<TableModel> {
    const json = check(TableSpec, spec, 'table');
    return this.client.call(this.profileId, 'POST', `/meta/bases/${checkId('app', baseId)}/tables`, TableModel, { ...options, json, idempotent: false, scope: 'schema.bases:write' });
  }

  updateTable(baseId: string, tableId: string, patch: z.input<typeof TablePatch>, options: CallOptions = {}) {
    const json = check(TablePatch, patch, 'table change');
    if (json.name === undefined && json.description === undefined) throw invalidInput('Give a new name or description.');
    return this.client.call(this.profileId, 'PATCH', `/meta/bases/${checkId('app', baseId)}/tables/${checkId('tbl', tableId)}`, TableUpdate, { ...options, json, idempotent: true, scope: 'schema.bases:write' });
  }

  createField(baseId: string, tableId: string, spec: FieldSpec, options: CallOptions = {}): Promise<FieldModel> {
    const json = check(FieldSpec, spec, 'field');
    return this.client.call(this.profileId, 'POST', `/meta/bases/${checkId('app', baseId)}/tables/${checkId('tbl', tableId)}/fields`, FieldModel, { ...options, json, idempotent: false, scope: 'schema.bases:write' });
  }

  updateField(baseId: string, tableId: string, fieldId: string, patch: z.input<typeof FieldPatch>, options: CallOptions = {}): Promise<FieldModel> {
    const json = check(FieldPatch, patch, 'field change');
    if (Object.keys(json).length === 0) throw invalidInput('Give a new name, description or options.');
    const path = `/meta/bases/${checkId('app', baseId)}/tables/${checkId('tbl', tableId)}/fields/${checkId('fld', fieldId)}`;
    return this.client.call(this.profileId, 'PATCH', path, FieldModel, { ...options, json, idempotent: true, scope: 'schema.bases:write' });
  }
}
