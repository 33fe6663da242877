import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { logContextMixin } from './log-context';

export type { Logger } from 'pino';

/** Keys whose values are secrets wherever they appear in a log line (top level or one/two levels down). */
export const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'authorization',
  'cookie',
  'clientSecret',
  'SPOTIFY_CLIENT_SECRET',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SUPABASE_JWT_SECRET',
  'serviceRoleKey',
  'jwtSecret',
  'ADMIN_TOKEN',
  'adminToken',
  'apiKey',
  'apikey',
];

const redactPaths = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `req.headers.${key.toLowerCase()}`]);

export interface CreateLoggerOptions {
  /** The app or component name, e.g. `api` or `worker-spotify`. */
  name: string;
  level?: string;
  /** Human-readable output (for `pnpm dev`); JSON otherwise. */
  pretty?: boolean;
  /** Where to write (tests pass a stream to capture lines). Defaults to stdout. */
  destination?: DestinationStream;
}

/** A pino logger with albumboard's redaction rules; make one per process and `child({ component })` per component. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Lines written inside runWithLogContext carry its fields (requestId, jobId).
    mixin: logContextMixin,
  };
  if (options.destination) return pino(config, options.destination);
  if (options.pretty) {
    return pino({ ...config, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } });
  }
  // Asynchronous stdout: lines written while a write is in flight go out together in one syscall instead of one each
  // (a sixth of the api's CPU went to writev under load, `pnpm bench:api`); pino flushes what is pending when the
  // process exits, a crash included.
  return pino(config, pino.destination({ dest: 1, sync: false }));
}

/** A logger that writes nothing, for tests and library defaults. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * A child for lines whose fields are all known and hold no secret (the api's access log: id, method, URL, status,
 * duration): it skips the redaction pass, which costs a sixth of the api's CPU on a cached search when run on every
 * line. Anything else — an error, a config, a request's headers — goes through a redacting logger.
 */
export function plainChild(logger: Logger, bindings: Record<string, unknown>): Logger {
  return logger.child(bindings, { redact: { paths: [], censor: '[redacted]' } });
}
