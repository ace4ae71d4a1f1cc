import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import { createCore, type CorePorts, type CoreServices } from '../../core/core';
import { silentLogger, systemClock, type Logger, type SecretStore } from '../../core/ports';
import { KeytarSecretStore } from '../../main/adapters/keytarSecretStore';
import { openSqliteDatabase } from '../../main/adapters/sqlite';
import { KEYCHAIN_SERVICE } from '../../main/adapters/keychainService';

export interface CliEnvironment {
  dataDir?: string | undefined;
  apiUrl?: string | undefined;
  authorizeUrl?: string | undefined;
  tokenUrl?: string | undefined;
  clientId?: string | undefined;
  port?: number | undefined;
  /** Where the authorize URL goes when a connect starts (the CLI prints it). */
  showUrl(url: string): void;
  secrets?: SecretStore;
  logger?: Logger;
}

/** Electron's userData folder for "Airvault", so the CLI and the app share profiles by default. */
export function defaultDataDir(): string {
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'Airvault');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), 'Airvault');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'Airvault');
}

/** The same core the app runs, with Node adapters: SQLite, the OS keychain, fetch. */
export function createCliCore(env: CliEnvironment): CoreServices {
  const oauthDefaults: CorePorts['oauthDefaults'] = {
    ...(env.apiUrl ? { apiUrl: env.apiUrl } : {}),
    ...(env.authorizeUrl ? { authorizeUrl: env.authorizeUrl } : {}),
    ...(env.tokenUrl ? { tokenUrl: env.tokenUrl } : {}),
    ...(env.clientId ? { clientId: env.clientId } : {}),
    ...(env.port ? { loopbackPort: env.port } : {}),
  };
  const core = createCore({
    env: { name: 'Airvault', version: '0.1.0', platform: process.platform, dataFolder: env.dataDir ?? defaultDataDir() },
    openDatabase: openSqliteDatabase,
    secrets: env.secrets ?? new KeytarSecretStore(KEYCHAIN_SERVICE),
    fetch: globalThis.fetch,
    clock: systemClock,
    logger: env.logger ?? silentLogger,
    processId: `cli-${process.pid}-${randomUUID()}`,
    emit: () => {},
    browser: { open: (url) => Promise.resolve(env.showUrl(url)), openLink: (url) => Promise.resolve(env.showUrl(url)), openFile: (file) => Promise.resolve(env.showUrl(file)) },
    oauthDefaults,
    // One command, then exit: syncing happens only when asked.
    backgroundSync: false,
  });
  return core;
}
