import type { CoreServices } from '../../electron/core/handlerTable';

export function testServices(overrides: Partial<CoreServices> = {}): CoreServices {
  return {
    env: { name: 'Airvault', version: '0.0.0-test', platform: 'linux', dataFolder: '/tmp/airvault-test' },
    ...overrides,
  };
}
