import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../../../electron/core/ipc/dispatch';
import type { Handlers } from '../../../electron/core/platform/ipc/handlers';
import { silentLogger, type Logger } from '../../../electron/core/ports';
import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract';
import { bridgeScript } from './bridgeScript';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

export interface TestHost {
  url: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the real core's handler table over a loopback WebSocket, so a
 * browser runs the real UI against the real core. The socket only accepts this host's own page
 * origin and the random secret embedded in the injected script. Test and preview use only;
 * never part of the packaged app.
 */
export async function startTestHost(options: { handlers: Handlers; rendererDir: string; logger?: Logger }): Promise<TestHost> {
  const logger = options.logger ?? silentLogger;
  const secret = randomBytes(32).toString('base64url');
  const root = path.resolve(options.rendererDir);
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`No built renderer at ${root}: run "npm run build" first`);
  let origin = '';

  const server: Server = createServer((req, res) => {
    // Only this host's own name: a page elsewhere that rebinds its DNS to 127.0.0.1 gets nothing.
    if (req.headers.host !== new URL(origin).host) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('Wrong host.');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed escape such as /%E0 is a bad request, not a crash of the host.
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('Bad path.');
      return;
    }
    if (url.pathname === '/__airvault-bridge.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(bridgeScript(`${origin.replace('http', 'ws')}/__airvault?secret=${secret}`));
      return;
    }
    const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    const inside = file === indexFile || file.startsWith(root + path.sep);
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      // The renderer is a single-page app: unknown paths get the page itself.
      return sendIndex();
    }
    if (file === indexFile) return sendIndex();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);

    function sendIndex() {
      // The app's page allows no socket; only here, the test host lets it reach this host's own.
      const html = readFileSync(indexFile, 'utf8')
        .replace('<head>', '<head>\n    <script src="/__airvault-bridge.js"></script>')
        .replace("connect-src 'self'", `connect-src 'self' ${origin.replace('http', 'ws')}`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    }
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    server,
    path: '/__airvault',
    verifyClient: ({ origin: from, req }: { origin: string; req: IncomingMessage }) => {
      const given = Buffer.from(new URL(req.url ?? '', 'http://x').searchParams.get('secret') ?? '');
      const expected = Buffer.from(secret);
      return from === origin && given.length === expected.length && timingSafeEqual(given, expected);
    },
  });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data: Buffer) => {
      let message: { id?: unknown; method?: unknown; input?: unknown };
      try {
        message = JSON.parse(data.toString('utf8')) as typeof message;
      } catch {
        return;
      }
      if (typeof message.id !== 'number' || typeof message.method !== 'string') return;
      const id = message.id;
      void dispatch(options.handlers, message.method, message.input, logger).then((result) => socket.send(JSON.stringify({ id, result })));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    emit(event, payload) {
      const spec = events[event];
      const checked = spec.payload.parse(payload);
      for (const socket of sockets) socket.send(JSON.stringify({ channel: spec.channel, payload: checked }));
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
