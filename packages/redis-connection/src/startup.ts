import type { RedisConnection } from './connection';
import { describeRedisTarget, type RedisSettings } from './redis-config.schema';

/** Redis cannot be used at start-up; `message` is the one line the process prints before it stops. */
export class RedisStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisStartupError';
  }
}

/** Node's codes for a certificate that failed verification (chain, self-signed, expiry, host name). */
const TLS_VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** True when `error` is a TLS certificate verification failure. */
export function isTlsVerificationError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && TLS_VERIFY_CODES.has(code);
}

function tlsLine(settings: RedisSettings, error: Error): string {
  // Node 24 appends its own hint to the reason ("self-signed certificate; if the root CA is installed locally, try
  // running Node.js with --use-system-ca"): the line keeps the reason and gives albumboard's settings as the way out.
  const reason = error.message.split(';')[0];
  return (
    `Redis TLS certificate rejected at ${describeRedisTarget(settings)} (${reason}): ` +
    'set REDIS_TLS_CA_FILE to the CA that signed it, or REDIS_TLS_REJECT_UNAUTHORIZED=false to accept it unverified (e.g. Heroku Key-Value Store)'
  );
}

/**
 * Connects (if not yet) and waits for PING, at start-up. A certificate that fails verification is refused at once
 * with one line naming TLS and the two settings out of it (no retry loop); no answer within `timeoutMs` is one line
 * naming where it looked and the last socket error. On failure the connection is disconnected.
 */
export async function connectAndPing(connection: RedisConnection, settings: RedisSettings, timeoutMs = 5_000): Promise<void> {
  let lastError: Error | undefined;
  let rejectTls: (error: Error) => void = () => undefined;
  const tlsFailure = new Promise<never>((_, reject) => {
    rejectTls = reject;
  });
  const onError = (error: Error) => {
    lastError ??= error; // e.g. ECONNREFUSED: more telling than ioredis's later "Connection is closed."
    if (isTlsVerificationError(error)) rejectTls(new RedisStartupError(tlsLine(settings, error)));
  };
  const onNodeError = (error: Error) => onError(error);
  connection.on('error', onError);
  connection.on('node error', onNodeError);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const why = lastError ? ` (${lastError.message})` : '';
      reject(
        new RedisStartupError(
          `Redis did not answer at ${describeRedisTarget(settings)} within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}${why}. ` +
            'Start one with `redis-server` (or `docker compose up -d redis`), or set REDIS_URL.',
        ),
      );
    }, timeoutMs);
  });
  let settled = false;
  const ping = (async () => {
    if (connection.status === 'wait') await connection.connect().catch((error: Error) => onError(error));
    // A lazy fail-fast connection whose connect() failed keeps reconnecting; wait for it to be ready before PING.
    while (!settled) {
      try {
        await connection.ping();
        return;
      } catch (error) {
        onError(error as Error);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  })();
  try {
    await Promise.race([ping, timeout, tlsFailure]);
  } catch (error) {
    await stopReconnecting(connection);
    throw error;
  } finally {
    settled = true;
    clearTimeout(timer);
    connection.off('error', onError);
    connection.off('node error', onNodeError);
  }
}

/** Disconnects for good and waits (at most 1 s) for the connection to end, so no reconnect loop is left behind. */
async function stopReconnecting(connection: RedisConnection): Promise<void> {
  connection.disconnect();
  if (connection.status === 'end') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1_000);
    connection.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
