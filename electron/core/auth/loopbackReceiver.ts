import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CALLBACK_PATH = '/oauth/callback';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(port: number) {
    super(`Port ${port} on 127.0.0.1 is in use, so the sign-in cannot receive Airtable's answer. Close the program using it, or pick another port in the OAuth settings (and register that redirect URI on the Airtable integration).`);
  }
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32em;text-align:center;color:#222}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * The loopback half of the OAuth redirect: listens on 127.0.0.1 only, at the registered port,
 * before the browser opens; accepts one GET on the callback path with the expected Host, once;
 * answers with a self-contained page that never echoes the code; closes after the first valid
 * hit or the timeout. A wrong path or Host gets 400 and does not consume the flow.
 */
export class LoopbackReceiver {
  private server: Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  port = 0;

  constructor(
    private readonly onCallback: (url: URL) => Promise<{ ok: boolean; message: string }>,
    private readonly onTimeout: () => void,
  ) {}

  async listen(port: number, timeoutMs: number): Promise<void> {
    const server = createServer((req, res) => {
      const hostOk = req.headers.host === `127.0.0.1:${this.port}` || req.headers.host === `localhost:${this.port}`;
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
      const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'referrer-policy': 'no-referrer' };
      if (req.method !== 'GET' || !hostOk || url.pathname !== CALLBACK_PATH) {
        res.writeHead(400, headers);
        res.end(PAGE('Not here', 'This address only receives Airvault sign-ins.'));
        return;
      }
      // The receiver closes once this answer has been sent: one valid hit, one use.
      res.once('finish', () => this.close());
      void this.onCallback(url).then(
        (result) => {
          res.writeHead(result.ok ? 200 : 400, { ...headers, connection: 'close' });
          res.end(PAGE(result.ok ? 'Airvault is connected' : 'Sign-in did not complete', `${result.message} You can close this tab.`));
        },
        () => {
          res.writeHead(500, { ...headers, connection: 'close' });
          res.end(PAGE('Sign-in did not complete', 'Return to Airvault and try again.'));
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port) : error));
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.timer = setTimeout(() => {
      this.close();
      this.onTimeout();
    }, timeoutMs);
    this.timer.unref();
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.server?.close();
    this.server?.closeIdleConnections();
    this.server = undefined;
  }
}
