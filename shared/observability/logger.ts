// The one way Roost's Node servers make their pino logger: JSON lines on stdout, the service's
// name on each line, the level from ROOST_LOG_LEVEL. Under vitest the default is `silent` (tests
// must not spew); a test that reads log lines passes its own destination and level.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** ROOST_LOG_LEVEL when it names a pino level; else `silent` under vitest and `info` otherwise. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.ROOST_LOG_LEVEL?.trim().toLowerCase();
  if (wanted && LEVELS.includes(wanted)) return wanted;
  return env.VITEST ? 'silent' : 'info';
}

export function createLogger(name: string, options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const settings = { name, level: options.level ?? logLevel() };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
