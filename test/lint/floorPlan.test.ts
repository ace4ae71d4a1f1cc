import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CONFIG = path.resolve('.dependency-cruiser.cjs');
const DEPCRUISE = path.resolve('node_modules/.bin/depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** A throwaway tree of files (path → source) with the tsconfig the rules name. */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'airvault-floorplan-'));
  writeFileSync(path.join(root, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true }, include: ['electron/**/*.ts'] }));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

/** Runs the project's dependency rules over the `electron/` folder under `cwd`, as `npm run lint` does. */
function cruise(cwd: string): Violation[] {
  let output: string;
  try {
    output = execFileSync(DEPCRUISE, ['electron', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8' });
  } catch (error) {
    // depcruise exits non-zero when it finds errors; the report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

const rulesBroken = (violations: Violation[]) => [...new Set(violations.map((v) => v.rule.name))].sort();

describe('the floor plan, checked by lint', () => {
  it('finds nothing wrong in the real tree', () => {
    expect(cruise(process.cwd())).toEqual([]);
  });

  it('refuses an import cycle, even one through type-only imports', () => {
    const violations = cruise(fixture({
      'electron/core/airtable/client.ts': "import type { ProfileApi } from './profileApi';\nexport const client = (api: ProfileApi) => api;\n",
      'electron/core/airtable/profileApi.ts': "import type { client } from './client';\nexport interface ProfileApi { c: typeof client }\n",
    }));
    expect(rulesBroken(violations)).toEqual(['no-circular']);
  });

  it('refuses an upward import inside core (the client reaching into records)', () => {
    const violations = cruise(fixture({
      'electron/core/airtable/client.ts': "import { records } from '../records';\nexport const client = records;\n",
      'electron/core/records/index.ts': 'export const records = 1;\n',
    }));
    expect(violations).toMatchObject([{ rule: { name: 'core-no-upward-import' }, from: 'electron/core/airtable/client.ts', to: 'electron/core/records/index.ts' }]);
  });

  it('refuses a domain reaching into another domain’s internals instead of its index', () => {
    const violations = cruise(fixture({
      'electron/core/records/sync.ts': "import { AirtableClient } from '../airtable/client';\nexport const sync = AirtableClient;\n",
      'electron/core/airtable/client.ts': 'export class AirtableClient {}\n',
      'electron/core/airtable/index.ts': "export { AirtableClient } from './client';\n",
    }));
    expect(rulesBroken(violations)).toEqual(['core-domain-through-index']);
  });

  it('allows the same import through the domain’s index', () => {
    const violations = cruise(fixture({
      'electron/core/records/sync.ts': "import { AirtableClient } from '../airtable';\nexport const sync = AirtableClient;\n",
      'electron/core/airtable/client.ts': 'export class AirtableClient {}\n',
      'electron/core/airtable/index.ts': "export { AirtableClient } from './client';\n",
    }));
    expect(violations).toEqual([]);
  });
});
