import Airtable from 'airtable';

/**
 * The peer: Airtable's official `airtable` npm client, used the way its documentation shows,
 * with its own rate-limit handling (retry 429 with backoff from 5 s). It does not split writes,
 * so the benchmark splits them into tens and sends the chunks with bounded concurrency, as a
 * careful user would.
 */
export function peerBase(url: string, token: string, baseId: string) {
  const airtable = new Airtable({ apiKey: token, endpointUrl: url, requestTimeout: 120_000 });
  return airtable.base(baseId);
}

export async function peerReadTable(url: string, token: string, baseId: string, tableId: string, onRecords: (n: number) => void): Promise<void> {
  const base = peerBase(url, token, baseId);
  await base(tableId)
    .select({ pageSize: 100 })
    .eachPage((records, next) => {
      onRecords(records.length);
      next();
    });
}

export async function peerCreate(url: string, token: string, baseId: string, tableId: string, fields: Array<Record<string, unknown>>, concurrency: number, onRecords: (n: number) => void): Promise<void> {
  const table = peerBase(url, token, baseId)(tableId);
  const chunks: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < fields.length; i += 10) chunks.push(fields.slice(i, i + 10));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      await table.create(chunk.map((f) => ({ fields: f as Airtable.FieldSet })));
      onRecords(chunk.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
