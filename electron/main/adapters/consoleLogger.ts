import type { Logger } from '../../core/ports';

/** Structured lines on stderr. Callers pass ids and codes, never values that could hold a secret. */
export function createConsoleLogger(scope: string): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, scope, message, ...fields });
    process.stderr.write(`${line}\n`);
  };
  return {
    debug: (m, f) => {
      if (process.env.AIRVAULT_DEBUG) write('debug', m, f);
    },
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
