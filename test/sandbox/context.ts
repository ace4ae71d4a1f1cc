import type { IncomingMessage } from 'node:http';
import type { Principal } from './auth';
import type { Base } from './model';
import type { Sandbox } from './sandbox';

/** Everything an API route handler receives. */
export interface ApiContext {
  sandbox: Sandbox;
  req: IncomingMessage;
  url: URL;
  method: string;
  /** Path segments after /v0/, URL-decoded. */
  segments: string[];
  principal: Principal;
  query: Record<string, unknown>;
  body: () => Promise<Record<string, unknown>>;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export const answer = (body: unknown, status = 200): ApiAnswer => ({ status, body });

export type BaseContext = ApiContext & { base: Base };
