/**
 * Airtable's error bodies. Most are `{"error":{"type","message"}}`; some 404s are the bare
 * `{"error":"NOT_FOUND"}`. Where AIRTABLE-API.md marks a type UNCONFIRMED, the sandbox uses
 * the most likely name and the client must not depend on it (it keys off the status first).
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body && 'error' in body ? JSON.stringify(body) : `HTTP ${status}`);
  }
}

const typed = (status: number, type: string, message: string, headers?: Record<string, string>) =>
  new SandboxError(status, { error: { type, message } }, headers);

export const errors = {
  notFound: () => new SandboxError(404, { error: 'NOT_FOUND' }),
  authenticationRequired: () => typed(401, 'AUTHENTICATION_REQUIRED', 'Authentication required'),
  // UNCONFIRMED: Airtable's type for an expired or revoked token; the status (401) is what counts.
  invalidToken: () => typed(401, 'AUTHENTICATION_REQUIRED', 'Invalid authentication token'),
  permissionsOrModel: () =>
    typed(
      403,
      'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
      'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
    ),
  invalidPermissions: (message: string) => typed(403, 'INVALID_PERMISSIONS', message),
  tableNotFound: (table: string, baseId: string) => typed(404, 'TABLE_NOT_FOUND', `Could not find table ${table} in application ${baseId}`),
  recordNotFound: () => new SandboxError(404, { error: 'NOT_FOUND' }),
  modelIdNotFound: (id: string) => typed(404, 'MODEL_ID_NOT_FOUND', `Could not find a record with ID "${id}".`),
  invalidJson: () => typed(400, 'INVALID_REQUEST_BODY', 'The request body is not valid JSON'),
  // The unread rest of the body makes the connection unusable, so it is closed after the answer.
  payloadTooLarge: () => typed(413, 'REQUEST_TOO_LARGE', 'Request body is too large', { connection: 'close' }),
  urlTooLong: () => typed(414, 'URL_TOO_LONG', 'The request URL is longer than 16,000 characters; use POST listRecords instead'),
  invalidRequest: (message: string) => typed(422, 'INVALID_REQUEST_UNKNOWN', message),
  missingFields: (message: string) => typed(422, 'INVALID_REQUEST_MISSING_FIELDS', message),
  unknownField: (name: string) => typed(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`),
  invalidValue: (message: string) => typed(422, 'INVALID_VALUE_FOR_COLUMN', message),
  invalidSelectOption: (value: string) => typed(422, 'INVALID_MULTIPLE_CHOICE_OPTIONS', `Insufficient permissions to create new select option ""${value}""`),
  rowDoesNotExist: (id: string) => typed(422, 'ROW_DOES_NOT_EXIST', `Record ID ${id} does not exist`),
  tooManyRecords: () => typed(422, 'INVALID_RECORDS', 'You can create, update or delete at most 10 records per request'),
  invalidRecords: (message: string) => typed(422, 'INVALID_RECORDS', message),
  invalidFilter: (detail: string) => typed(422, 'INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${detail}`),
  invalidSort: (message: string) => typed(422, 'INVALID_SORT_PARAMETER', message),
  invalidPageSize: () => typed(422, 'INVALID_PAGE_SIZE_PARAMETER', 'pageSize must be an integer from 1 to 100'),
  invalidMaxRecords: () => typed(422, 'INVALID_MAX_RECORDS_PARAMETER', 'maxRecords must be a positive integer'),
  viewNotFound: (view: string) => typed(422, 'VIEW_NAME_NOT_FOUND', `Could not find view ${view}`),
  iteratorExpired: () => typed(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'The iterator for this list is no longer available. Please restart the listing from the first page.'),
  invalidOffset: () => typed(422, 'INVALID_OFFSET_VALUE', 'The offset value is invalid'),
  cellFormat: () => typed(422, 'INVALID_REQUEST_UNKNOWN', 'cellFormat "string" requires timeZone and userLocale'),
  duplicateName: (kind: 'table' | 'field', name: string) =>
    typed(422, kind === 'table' ? 'DUPLICATE_TABLE_NAME' : 'DUPLICATE_OR_EMPTY_FIELD_NAME', `A ${kind} named "${name}" already exists`),
  invalidFieldType: (message: string) => typed(422, 'INVALID_FIELD_TYPE', message),
  invalidOptions: (message: string) => typed(422, 'INVALID_FIELD_OPTIONS', message),
  upsertAmbiguous: () => typed(422, 'INVALID_RECORDS', 'More than one record matches the fields to merge on'),
  tooManyWebhooks: () => typed(422, 'TOO_MANY_WEBHOOKS_IN_BASE', 'A base can have at most 10 webhooks'),
  tooManyWebhooksForIntegration: () => typed(422, 'TOO_MANY_WEBHOOKS_BY_OAUTH_INTEGRATION_IN_BASE', 'An OAuth integration can have at most 2 webhooks per base'),
  webhookNotFound: () => new SandboxError(404, { error: 'NOT_FOUND' }),
  // UNCONFIRMED: the type name for a plain 429; the message is Airtable's documented one.
  rateLimited: () => typed(429, 'RATE_LIMIT_REACHED', 'Rate limit exceeded. Please try again later'),
  billingLimit: () =>
    typed(429, 'PUBLIC_API_BILLING_LIMIT_EXCEEDED', 'API billing plan limit exceeded. Please upgrade your plan or wait until the limit resets at the start of next month.'),
  serverError: (status: number) =>
    typed(status, status === 502 ? 'BAD_GATEWAY' : status === 503 ? 'SERVICE_UNAVAILABLE' : 'SERVER_ERROR', 'Try again. If the problem persists, contact support.', status === 503 ? { 'retry-after': '1' } : {}),
};
