import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON lines on stdout, never coloured; secrets that may ride on requests are redacted at the
 * source. `service` and `pid` come from the base bindings on every line: a log call or child
 * logger that sets them again makes pino write the key twice, not replace it.
 */
export function createLogger(options: { level: string; name: string }): Logger {
  const loggerOptions: LoggerOptions = {
    level: options.level,
    base: { service: options.name, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization'],
      censor: '[redacted]',
    },
  };
  return pino(loggerOptions);
}
