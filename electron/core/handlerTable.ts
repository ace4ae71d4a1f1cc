import type { Handlers } from './ipc/handlers';
import type { AppEnvironment } from './ports';
import { createAppHandlers } from './app/appHandlers';

/** Everything the handler table needs; later issues add their services here. */
export interface CoreServices {
  env: AppEnvironment;
}

/**
 * The one handler table. Electron's registrar and the end-to-end test host serve exactly
 * this object, so the renderer cannot tell them apart.
 */
export function createHandlerTable(services: CoreServices): Handlers {
  return {
    ...createAppHandlers(services.env),
  };
}
