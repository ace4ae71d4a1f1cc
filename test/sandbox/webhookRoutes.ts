import { errors } from './errors';
import { answer, type ApiAnswer, type BaseContext } from './context';
import { webhookModel } from './webhooks';

/** /v0/bases/{baseId}/webhooks[/{id}[/refresh|/payloads|/enableNotifications]] */
export async function webhookRoutes(ctx: BaseContext, rest: string[]): Promise<ApiAnswer> {
  const { base, method, sandbox, principal } = ctx;
  const registry = sandbox.webhooks;
  const owner = principal.kind === 'oauth' ? `oauth:${principal.clientId ?? ''}` : `pat:${principal.userId}`;
  if (rest.length === 0 && method === 'GET') {
    return answer({ webhooks: registry.list(base, owner).map((h) => webhookModel(h, registry.isExpired(h))) });
  }
  if (rest.length === 0 && method === 'POST') {
    if (base.permissionLevel !== 'create') throw errors.invalidPermissions('Creating a webhook needs creator permission on the base');
    const body = await ctx.body();
    const dataTypes = (body.specification as { options?: { filters?: { dataTypes?: unknown } } } | undefined)?.options?.filters?.dataTypes;
    const types = Array.isArray(dataTypes) ? dataTypes.map(String) : [];
    if (types.includes('tableData') && !principal.scopes.has('data.records:read')) throw errors.permissionsOrModel();
    if ((types.includes('tableFields') || types.includes('tableMetadata')) && !principal.scopes.has('schema.bases:read')) throw errors.permissionsOrModel();
    const hook = registry.create(base, owner, body);
    return answer({ id: hook.id, macSecretBase64: hook.macSecretBase64, expirationTime: new Date(hook.expirationTime).toISOString() });
  }
  const hook = registry.get(base, owner, rest[0] ?? '');
  const action = rest[1];
  if (rest.length === 1 && method === 'DELETE') {
    registry.hooks.delete(hook.id);
    return answer({});
  }
  // UNCONFIRMED: what Airtable answers for refresh or payloads of an expired webhook; the
  // sandbox answers 404 so a client must recreate it, which is the safe reading.
  if (registry.isExpired(hook)) throw errors.webhookNotFound();
  if (action === 'refresh' && method === 'POST') {
    registry.extend(hook);
    return answer({ expirationTime: new Date(hook.expirationTime).toISOString() });
  }
  if (action === 'payloads' && method === 'GET') {
    const cursor = ctx.query.cursor === undefined ? 1 : Number(ctx.query.cursor);
    const limit = ctx.query.limit === undefined ? 50 : Number(ctx.query.limit);
    if (!Number.isInteger(cursor) || cursor < 1) throw errors.invalidRequest('cursor must be a positive integer');
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw errors.invalidRequest('limit must be from 1 to 50');
    registry.extend(hook);
    return answer(registry.payloads(hook, cursor, limit));
  }
  if (action === 'enableNotifications' && method === 'POST') {
    const body = await ctx.body();
    if (typeof body.enable !== 'boolean') throw errors.invalidRequest('"enable" must be a boolean');
    hook.areNotificationsEnabled = body.enable;
    return answer({});
  }
  throw errors.notFound();
}
