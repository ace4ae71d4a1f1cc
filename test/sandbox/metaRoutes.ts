import { errors } from './errors';
import { asStringArray, text } from './http';
import { findField, tableModel, fieldModel, type Base } from './model';
import { answer, type ApiAnswer, type ApiContext, type BaseContext } from './context';
import { tableOr404 } from './recordRoutes';

/** GET /v0/meta/whoami: no scope needed; email only with user.email:read; scopes only for OAuth tokens. */
export function whoami(ctx: ApiContext): ApiAnswer {
  const user = ctx.sandbox.store.users.get(ctx.principal.userId);
  return answer({
    id: ctx.principal.userId,
    ...(ctx.principal.scopes.has('user.email:read') && user ? { email: user.email } : {}),
    ...(ctx.principal.kind === 'oauth' ? { scopes: [...ctx.principal.scopes] } : {}),
  });
}

/** GET /v0/meta/bases: the bases this token may see, a page at a time. */
export function listBases(ctx: ApiContext): ApiAnswer {
  const visible = [...ctx.sandbox.store.bases.values()].filter((b) => canSee(ctx, b));
  const pageSize = ctx.sandbox.settings.basesPageSize;
  const start = ctx.query.offset === undefined ? 0 : Number(text(ctx.query.offset).replace(/^itr/, ''));
  if (!Number.isInteger(start) || start < 0) throw errors.invalidOffset();
  const page = visible.slice(start, start + pageSize);
  const next = start + pageSize < visible.length ? { offset: `itr${start + pageSize}` } : {};
  return answer({ bases: page.map((b) => ({ id: b.id, name: b.name, permissionLevel: b.permissionLevel })), ...next });
}

export function canSee(ctx: ApiContext, base: Base): boolean {
  return base.permissionLevel !== 'none' && (ctx.principal.baseIds === 'all' || ctx.principal.baseIds.has(base.id));
}

/** /v0/meta/bases/{baseId}[/tables[/{table}[/fields[/{field}]]]] */
export async function baseMetaRoutes(ctx: BaseContext, rest: string[]): Promise<ApiAnswer> {
  const { base, method, sandbox } = ctx;
  const actor = ctx.principal.userId;
  if (rest.length === 0 && method === 'GET') {
    return answer({ id: base.id, name: base.name, permissionLevel: base.permissionLevel, workspaceId: base.workspaceId, createdTime: '2024-01-01T00:00:00.000Z' });
  }
  if (rest[0] !== 'tables') throw errors.notFound();
  if (rest.length === 1 && method === 'GET') {
    const include = asStringArray(ctx.query.include, 'include') ?? [];
    return answer({ tables: base.tables.map((t) => tableModel(t, include.includes('visibleFieldIds'))) });
  }
  if (base.permissionLevel !== 'create') throw errors.invalidPermissions('You need creator permission on this base to change its schema');
  if (rest.length === 1 && method === 'POST') return answer(tableModel(sandbox.schema.createTable(base, await ctx.body(), actor), false));
  const table = tableOr404(base, rest[1] ?? '');
  if (rest.length === 2 && method === 'PATCH') {
    const updated = sandbox.schema.updateTable(base, table, await ctx.body(), actor);
    return answer({ id: updated.id, name: updated.name, ...(updated.description ? { description: updated.description } : {}) });
  }
  if (rest[2] === 'fields' && rest.length === 3 && method === 'POST') {
    if (rest[1] !== table.id) throw errors.notFound(); // create field takes a table id only
    return answer(fieldModel(sandbox.schema.createField(base, table, await ctx.body(), actor)));
  }
  if (rest[2] === 'fields' && rest.length === 4 && method === 'PATCH') {
    const field = findField(table, rest[3] ?? '');
    if (!field || field.id !== rest[3]) throw errors.notFound();
    return answer(fieldModel(sandbox.schema.updateField(base, table, field, await ctx.body(), actor)));
  }
  throw errors.notFound();
}
