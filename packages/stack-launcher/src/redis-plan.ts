import fs from 'node:fs';
import path from 'node:path';
import type { StackConfig } from './config';
import { canConnect } from './wait-for-tcp';

/**
 * Where the apps' Redis comes from: REDIS_URL (or REDIS_CLUSTER_NODES / REDIS_SENTINELS) as given; else one already answering on 127.0.0.1:<probe port>;
 * else a private `redis-server` the launcher starts on that port (when one is on the PATH); else nothing — the
 * apps then start without REDIS_URL and the api says in one line that Redis does not answer.
 */
export type RedisPlan =
  | { kind: 'given' }
  | { kind: 'found'; url: string }
  | { kind: 'private'; url: string; port: number; command: string; dataDir: string }
  | { kind: 'none'; port: number };

export interface RedisFacts {
  /** Something accepts TCP connections on 127.0.0.1:<probe port>. */
  answers: boolean;
  /** The redis-server executable on the PATH, if any. */
  redisServer?: string;
}

export function planRedis(config: Pick<StackConfig, 'redisGiven' | 'redisProbePort' | 'redisDataDir'>, facts: RedisFacts): RedisPlan {
  if (config.redisGiven) return { kind: 'given' };
  const url = `redis://127.0.0.1:${config.redisProbePort}`;
  if (facts.answers) return { kind: 'found', url };
  if (facts.redisServer) return { kind: 'private', url, port: config.redisProbePort, command: facts.redisServer, dataDir: config.redisDataDir };
  return { kind: 'none', port: config.redisProbePort };
}

/** The facts `planRedis` needs, looked up once at start (no probe when Redis is given). */
export async function redisFacts(config: Pick<StackConfig, 'redisGiven' | 'redisProbePort'>, env: NodeJS.ProcessEnv): Promise<RedisFacts> {
  if (config.redisGiven) return { answers: true };
  return { answers: await canConnect('127.0.0.1', config.redisProbePort), redisServer: findOnPath('redis-server', env.PATH) };
}

function findOnPath(name: string, searchPath = ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The private redis-server's arguments: loopback only, its own port, AOF on, data under `dataDir`. */
export function privateRedisArgs(plan: Extract<RedisPlan, { kind: 'private' }>): string[] {
  return ['--port', String(plan.port), '--bind', '127.0.0.1', '--dir', plan.dataDir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'];
}
