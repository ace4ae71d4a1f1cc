import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type SandboxError } from './errors';

/**
 * Parses Airtable-style query strings: `fields[]=a&fields[]=b`, `sort[0][field]=x`,
 * `records[]=rec1`, plain `key=value`. Repeated plain keys become arrays.
 */
export function parseQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [rawKey, value] of params) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match?.[1]) continue;
    const name = match[1];
    const path = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
    if (isUnsafeKey(name) || path.some(isUnsafeKey)) continue;
    if (path.length === 0) {
      const existing = out[name];
      out[name] = existing === undefined ? value : Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
    } else if (path.length === 1 && path[0] === '') {
      const existing = out[name];
      out[name] = Array.isArray(existing) ? [...(existing as unknown[]), value] : [value];
    } else {
      let node = (out[name] ??= []) as Record<string, unknown>;
      path.forEach((segment, i) => {
        if (i === path.length - 1) node[segment] = value;
        else node = (node[segment] ??= {}) as Record<string, unknown>;
      });
    }
  }
  return out;
}

function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw errors.payloadTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, limitBytes: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, limitBytes);
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw errors.invalidJson();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.invalidJson();
  return parsed as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: SandboxError): void {
  sendJson(res, error.status, error.body, error.headers);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    ...headers,
  });
  res.end(html);
}

/** Text of a primitive query or body value; objects have none. */
export const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function asStringArray(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v): v is string => typeof v === 'string')) throw errors.invalidRequest(`${name} must be an array of strings`);
  return list;
}

export function asBoolean(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}
