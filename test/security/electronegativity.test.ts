import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

interface Finding {
  rule: string;
  file: string;
}

/**
 * Checklist 31: Electronegativity over the Electron code and the page it loads. Its exit code
 * is always 0, so the SARIF report is read instead: a finding not in the reviewed baseline (each
 * entry with its reason) fails, and so does a baseline entry that no longer appears.
 */
async function scan(): Promise<Finding[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'airvault-electronegativity-'));
  cpSync('electron', path.join(root, 'electron'), { recursive: true });
  mkdirSync(path.join(root, 'renderer'));
  cpSync('renderer/index.html', path.join(root, 'renderer/index.html'));
  const report = path.join(root, 'report.sarif');
  // -e: the Electron version is read from package.json, which is not in the scanned folder; it
  // also tries to fetch release data and translations, which fails without a network, harmlessly.
  await promisify(execFile)(path.resolve('node_modules/.bin/electronegativity'), ['-i', root, '-o', report, '-r', '-e', '45.4.1'], { timeout: 120_000 });
  const sarif = JSON.parse(readFileSync(report, 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
  return sarif.runs.flatMap((run) => run.results.map((r) => ({ rule: r.ruleId, file: r.locations[0]!.physicalLocation.artifactLocation.uri.replace(/^.*?(electron\/|renderer\/)/, '$1') })));
}

describe('Electronegativity (check 31)', () => {
  it('finds nothing outside the reviewed baseline, and every baseline entry still applies', async () => {
    const baseline = (JSON.parse(readFileSync('test/security/electronegativity-baseline.json', 'utf8')) as { accepted: Array<Finding & { reason: string }> }).accepted;
    for (const entry of baseline) expect(entry.reason.length, `${entry.rule} needs a reason`).toBeGreaterThan(20);
    const key = (f: Finding) => `${f.rule} ${f.file}`;
    const found = [...new Set((await scan()).map(key))].sort();
    expect(found).toEqual(baseline.map(key).sort());
  }, 180_000);
});
