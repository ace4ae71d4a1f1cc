import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CALLBACK_PATH = '/oauth/callback';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(port: number) {
    super(`Port ${port} on 127.0.0.1 is in use, so the sign-in cannot receive Airtable's answer. Close the program using it, or pick another port in the OAuth settings (and register that redirect URI on the Airtable integration).`);
  }
}

/** Everything printed into the page is text: a profile name like `<img onerror=…>` stays text. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32em;text-align:center;color:#222}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;

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
    /** `ended`: the sign-in is over (success, denial, expiry); otherwise keep listening for the real redirect. */
    private readonly onCallback: (url: URL) => Promise<{ ok: boolean; ended: boolean; message: string }>,
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
      void this.onCallback(url).then(
        (result) => {
          // One use: the receiver closes once the answer that ended the sign-in has been sent.
          if (result.ended) res.once('finish', () => this.close());
          res.writeHead(result.ok ? 200 : 400, { ...headers, connection: 'close' });
          res.end(PAGE(result.ok ? 'Airvault is connected' : 'Sign-in did not complete', `${result.message} You can close this tab.`));
        },
        () => {
          res.once('finish', () => this.close());
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
