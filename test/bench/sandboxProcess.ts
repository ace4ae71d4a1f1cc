import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SandboxInfo {
  url: string;
  personalAccessToken: string;
  bases: Array<{ id: string; name: string; tables: number; records: number }>;
}

/**
 * Starts the sandbox in its own process, with a large young generation so that its garbage
 * collector (it holds every record in memory) pauses rarely and briefly, and apart from the client's
 * event loop, as Airtable would be. Returns the JSON line it prints.
 */
export async function startSandboxProcess(args: string[]): Promise<{ info: SandboxInfo; control: (path: string, body?: unknown, method?: string) => Promise<unknown>; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx', 'test/sandbox/cli.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  const info = JSON.parse(line) as SandboxInfo;
  const control = async (path: string, body: unknown = {}, method = 'POST') => {
    const res = await fetch(`${info.url}/__control/${path}`, { method, ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    return res.json();
  };
  return { info, control, stop: () => child.kill('SIGTERM') };
}
