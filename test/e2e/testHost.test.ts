import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './host/testHost';
import { testCore } from '../helpers/services';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({ handlers: testCore().handlers, rendererDir: 'out/renderer' });
});
afterAll(() => host.close());

/** A raw GET, with the path and Host header exactly as given (fetch would normalise both). */
function get(path: string, hostHeader = new URL(host.url).host): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers: { host: hostHeader } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the test host (and the preview built on it)', () => {
  it('answers a malformed path escape with 400 and keeps serving', async () => {
    expect((await get('/%E0')).status).toBe(400);
    expect((await get('/')).status).toBe(200);
  });

  it('serves nothing to a request for another host name (DNS rebinding)', async () => {
    const { status, body } = await get('/', 'evil.test');
    expect(status).toBe(400);
    expect(body).not.toContain('__airvault');
    expect((await get('/__airvault-bridge.js', 'evil.test:80')).status).toBe(400);
  });

  it('does not serve files outside the built renderer', async () => {
    const { body } = await get('/..%2f..%2fpackage.json');
    expect(body).not.toContain('"name": "airvault"');
  });
});
