import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Check 9: no secret or token in what ships. The packaged asar cannot be built on the build
 * machines (electron-builder needs Electron's binaries, which cannot be downloaded here), so
 * this scans the built app it would pack (`out/`, made by `npm run build`, which `npm test`
 * runs first) plus electron-builder.yml's file list; run it on `release/` where packaging works.
 */
const TOKEN_PATTERNS: Array<[string, RegExp]> = [
  ['personal access token', /pat[A-Za-z0-9]{14}\.[0-9a-f]{64}/],
  ['OAuth access or refresh token', /oa[ar][A-Za-z0-9]{14}\.v1\.[A-Za-z0-9_-]{20,}/],
  ['hard-coded bearer header', /Bearer [A-Za-z0-9._-]{20,}/],
  ['client secret assignment', /client_?secret["']?\s*[:=]\s*["'][^"']{8,}["']/i],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe('the built app carries no secrets (check 9)', () => {
  it('has no token, secret or key pattern in any built file', () => {
    expect(existsSync('out/main/index.js')).toBe(true);
    const built = files('out');
    expect(built.length).toBeGreaterThan(3);
    for (const file of built) {
      const text = readFileSync(file, 'latin1');
      for (const [label, pattern] of TOKEN_PATTERNS) expect(pattern.test(text), `${label} in ${file}`).toBe(false);
    }
  });

  it('packs nothing from test/ (where the sandbox and its tokens live)', () => {
    const config = readFileSync('electron-builder.yml', 'utf8');
    expect(config).toMatch(/- "!test\/\*\*"/);
    expect(config).toMatch(/files:\n\s+- out\/\*\*/);
    for (const file of files('out')) expect(readFileSync(file, 'latin1')).not.toContain('test/sandbox');
  });
});
