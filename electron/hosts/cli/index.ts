import { parseArgs } from 'node:util';
import { AppError } from '../../core/platform/errors';
import { toIpcError } from '../../core/ipc/errorMapping';
import { createCliCore } from './cliCore';

const USAGE = `Usage: airvault [options] <command>

Commands:
  profile list
  profile add NAME --pat            reads the personal access token from standard input
  profile connect NAME              prints the authorize URL, waits for the redirect
  profile remove NAME
  request NAME METHOD PATH [--query k=v ...] [--json BODY]
                                    PATH as in Airtable's docs: /v0/meta/whoami, /meta/whoami or meta/whoami

Options (or environment variables):
  --data-dir DIR        AIRVAULT_DATA_DIR        where profiles live
  --api-url URL         AIRVAULT_API_URL         Airtable API (…/v0)
  --authorize-url URL   AIRVAULT_AUTHORIZE_URL   OAuth authorize endpoint
  --token-url URL       AIRVAULT_TOKEN_URL       OAuth token endpoint
  --client-id ID        AIRVAULT_CLIENT_ID       your Airtable integration's client id
  --port N              AIRVAULT_OAUTH_PORT      loopback redirect port
`;

/** The command line over the same core as the app: prints JSON on stdout, errors on stderr. */
export async function runCli(argv: string[], io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'api-url': { type: 'string' },
      'authorize-url': { type: 'string' },
      'token-url': { type: 'string' },
      'client-id': { type: 'string' },
      port: { type: 'string' },
      pat: { type: 'boolean', default: false },
      query: { type: 'string', multiple: true },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  if (values.help || positionals.length === 0) {
    io.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const env = process.env;
  const portText = values.port ?? env.AIRVAULT_OAUTH_PORT;
  const core = createCliCore({
    dataDir: values['data-dir'] ?? env.AIRVAULT_DATA_DIR,
    apiUrl: values['api-url'] ?? env.AIRVAULT_API_URL,
    authorizeUrl: values['authorize-url'] ?? env.AIRVAULT_AUTHORIZE_URL,
    tokenUrl: values['token-url'] ?? env.AIRVAULT_TOKEN_URL,
    clientId: values['client-id'] ?? env.AIRVAULT_CLIENT_ID,
    port: portText ? Number(portText) : undefined,
    showUrl: (url) => io.stdout.write(`Open this URL to connect:\n${url}\n`),
  });
  // Core's timers do not hold the process open (the app must be able to quit), so while a
  // command waits on a retry backoff nothing else would: without this the command line exited
  // silently with 0 in the middle of its work.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    const [command, sub, name, ...rest] = positionals;
    if (command === 'profile' && sub === 'list') {
      print(core.profiles.list());
    } else if (command === 'profile' && sub === 'add' && name) {
      if (!values.pat) throw new AppError('INVALID_INPUT', 'Use --pat and pipe the token on standard input, or "profile connect" for OAuth.');
      const token = (await readAll(io.stdin)).trim();
      const profile = core.profiles.create(name);
      try {
        print(await core.handlers.profilesConnectPat({ id: profile.id, token }));
      } catch (error) {
        await core.profiles.delete(profile.id);
        throw error;
      }
    } else if (command === 'profile' && sub === 'connect' && name) {
      const existing = core.profiles.list().find((p) => p.name.toLowerCase() === name.toLowerCase());
      const profile = existing ?? core.profiles.create(name);
      const { done } = await core.connect.startOAuth(profile.id);
      const connected = await done;
      print(core.profiles.list().find((p) => p.id === connected.id));
    } else if (command === 'profile' && sub === 'remove' && name) {
      await core.profiles.delete(core.profiles.byName(name).id);
      print({ removed: name });
    } else if (command === 'request' && sub && name && rest[0]) {
      const profile = core.profiles.byName(sub);
      const query = Object.fromEntries((values.query ?? []).map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new AppError('INVALID_INPUT', `--query takes key=value, got "${pair}".`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }));
      let json: unknown;
      if (values.json !== undefined) {
        try {
          json = JSON.parse(values.json);
        } catch {
          throw new AppError('INVALID_INPUT', '--json is not valid JSON.');
        }
      }
      print(await core.client.request(profile.id, name, apiPath(rest[0]), { query, ...(json !== undefined ? { json } : {}) }));
    } else {
      io.stderr.write(USAGE);
      return 2;
    }
    return 0;
  } catch (error) {
    const known = toIpcError(error);
    io.stderr.write(`airvault: ${known ? `${known.message} (${known.code})` : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    clearInterval(keepAlive);
    await core.stop();
  }
}

/**
 * A path as Airtable's docs and hosted proxies write it (`/v0/meta/whoami`), or bare
 * (`meta/whoami`), relative to the profile's API (which already ends in /v0).
 */
export function apiPath(path: string): string {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return absolute.replace(/^\/v0(?=\/|$)/, '') || '/';
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`airvault: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
