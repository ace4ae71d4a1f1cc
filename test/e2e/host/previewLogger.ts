import type { Logger } from '../../../electron/core/ports';

/** Warnings and errors of the preview's core on stderr (debug and info stay quiet). */
export const consoleLikeLogger: Logger = {
  debug() {},
  info() {},
  warn: (message, fields) => process.stderr.write(`warn  ${message} ${fields ? JSON.stringify(fields) : ''}\n`),
  error: (message, fields) => process.stderr.write(`error ${message} ${fields ? JSON.stringify(fields) : ''}\n`),
};
