import type { AppEnvironment } from '../ports';
import { answer, type Handlers } from '../platform/ipc/handlers';

export function createAppHandlers(env: AppEnvironment, secureStorage: () => 'available' | 'unavailable' | 'unknown'): Pick<Handlers, 'appInfo'> {
  return {
    appInfo: () =>
      answer(() => ({
        name: env.name,
        version: env.version,
        platform: env.platform === 'darwin' || env.platform === 'win32' || env.platform === 'linux' ? env.platform : 'other',
        dataFolder: env.dataFolder,
        secureStorage: secureStorage(),
      })),
  };
}
