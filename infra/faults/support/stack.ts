import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { PostgresServer } from './postgres-server';
import { startProcess, stopProcess, type ManagedProcess } from './processes';
import { QueueInspector } from './queue-inspector';
import { RedisServer } from './redis-server';

export type AppName = 'emulator' | 'api' | 'worker-spotify' | 'worker-default' | 'worker-leaderboard';

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY: Record<AppName, { file: string; ready: string }> = {
  emulator: { file: 'apps/spotify-emulator/dist/main.js', ready: 'Spotify emulator listening on' },
  api: { file: 'apps/api/dist/index.js', ready: 'albumboard api listening on' },
  'worker-spotify': { file: 'apps/worker-spotify/dist/index.js', ready: 'Listening on spotify...' },
  'worker-default': { file: 'apps/worker-default/dist/index.js', ready: 'Listening on default...' },
  'worker-leaderboard': { file: 'apps/worker-leaderboard/dist/index.js', ready: 'Listening on leaderboard...' },
};

const secret = (label: string) => `${label}-${randomBytes(18).toString('base64url')}`;

/** The settings that must never show up in a log line. */
export interface StackSecrets {
  spotifyClientSecret: string;
  jwtSecret: string;
  adminToken: string;
  metricsToken: string;
}

/**
 * The whole deployment as real processes from the built apps, on unique ports, with a Redis and a PostgreSQL of its
 * own: the emulator, the api, worker-spotify, worker-default and worker-leaderboard.
 */
/**
 * A Redis the suite did not start itself as a plain server (TLS, Cluster, Sentinel): the settings every app gets
 * for it, and the QUEUE_PREFIX to use (a hash tag on a Cluster).
 */
export interface ExternalRedis {
  env: Record<string, string>;
  prefix: string;
}

export class Stack {
  readonly tmp = mkdtempSync(join(tmpdir(), 'albumboard-faults-'));
  readonly logDir = join(this.tmp, 'logs');
  readonly prefix: string;
  readonly clientId = `faults-client-${randomBytes(4).toString('hex')}`;
  readonly jwtIssuer = 'https://faults.albumboard.test/auth/v1';
  readonly secrets: StackSecrets = { spotifyClientSecret: secret('spotify'), jwtSecret: secret('jwt-secret'), adminToken: secret('admin'), metricsToken: secret('metrics') };
  readonly started: ManagedProcess[] = [];
  private readonly running = new Map<AppName, ManagedProcess>();
  redis!: RedisServer;
  pg!: PostgresServer;
  queues!: QueueInspector;
  apiPort = 0;
  emulatorPort = 0;

  private readonly external?: ExternalRedis;
  private readonly extraEnv: Record<string, string>;

  /**
   * `redis`: the apps use that Redis and the stack starts none (no `redis`, no `queues`). `env`: settings every app
   * gets on top of its own (tracing, say).
   */
  constructor(options: { redis?: ExternalRedis; env?: Record<string, string> } = {}) {
    this.external = options.redis;
    this.extraEnv = options.env ?? {};
    this.prefix = options.redis?.prefix ?? 'faults';
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  get emulatorUrl(): string {
    return `http://127.0.0.1:${this.emulatorPort}`;
  }

  async boot(): Promise<void> {
    mkdirSync(this.logDir);
    [this.apiPort, this.emulatorPort] = [await freePort(), await freePort()];
    this.pg = new PostgresServer(await freePort(), mkdtempSync(join(tmpdir(), 'albumboard-faults-pg-')));
    if (this.external) await this.pg.init();
    else {
      this.redis = new RedisServer(await freePort(), this.tmp, this.logDir);
      this.queues = new QueueInspector(this.redis, this.prefix);
      await Promise.all([this.redis.start(), this.pg.init()]);
    }
    await this.start('emulator');
    await this.start('api'); // applies the migrations before the workers open the database
    await Promise.all([this.start('worker-spotify'), this.start('worker-default'), this.start('worker-leaderboard')]);
  }

  process(app: AppName): ManagedProcess {
    const proc = this.running.get(app);
    if (!proc) throw new Error(`${app} is not running`);
    return proc;
  }

  async start(app: AppName): Promise<ManagedProcess> {
    const proc = startProcess(app, process.execPath, [ENTRY[app].file], { env: { ...this.envOf(app), ...this.extraEnv }, cwd: ROOT, logDir: this.logDir });
    this.started.push(proc);
    this.running.set(app, proc);
    await proc.waitFor(ENTRY[app].ready, 30_000);
    return proc;
  }

  async stop(app: AppName): Promise<void> {
    const proc = this.running.get(app);
    this.running.delete(app);
    if (proc) await stopProcess(proc);
  }

  /** Every app process that should be running, and whether it is. */
  liveness(): Record<string, boolean> {
    return Object.fromEntries([...this.running].map(([app, proc]) => [app, proc.alive()]));
  }

  async configureEmulator(patch: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.emulatorUrl}/__emulator/config`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
    if (!res.ok) throw new Error(`emulator refused ${JSON.stringify(patch)}: ${await res.text()}`);
  }

  async emulatorStats(): Promise<{ requests: number; byEndpoint: Record<string, number>; tokens: { requests: number } }> {
    return (await fetch(`${this.emulatorUrl}/__emulator/stats`)).json() as never;
  }

  async close(): Promise<void> {
    for (const app of [...this.running.keys()].reverse()) await this.stop(app);
    await this.pg?.stop('fast').catch(() => undefined);
    if (this.redis?.process?.alive()) await this.redis.shutdown();
  }

  private envOf(app: AppName): Record<string, string> {
    const spotify = { SPOTIFY_CLIENT_ID: this.clientId, SPOTIFY_CLIENT_SECRET: this.secrets.spotifyClientSecret, SPOTIFY_API_URL: `${this.emulatorUrl}/v1`, SPOTIFY_ACCOUNTS_URL: this.emulatorUrl };
    const common = { ...(this.external?.env ?? { REDIS_URL: this.redis.url }), QUEUE_PREFIX: this.prefix, LOG_LEVEL: 'info' };
    switch (app) {
      case 'emulator':
        return { EMULATOR_PORT: String(this.emulatorPort), EMULATOR_HOST: '127.0.0.1', EMULATOR_CLIENT_ID: this.clientId, EMULATOR_CLIENT_SECRET: this.secrets.spotifyClientSecret, EMULATOR_RATE_LIMIT_PER_30S: '360' };
      case 'api':
        return {
          ...common,
          ...spotify,
          PORT: String(this.apiPort),
          HOST: '127.0.0.1',
          DATABASE_URL: this.pg.url,
          SUPABASE_JWT_SECRET: this.secrets.jwtSecret,
          SUPABASE_JWT_ISSUER: this.jwtIssuer,
          ADMIN_TOKEN: this.secrets.adminToken,
          METRICS_TOKEN: this.secrets.metricsToken,
          SPOTIFY_CALL_TIMEOUT_MS: '8000',
          TRUST_PROXY: 'loopback',
          API_RATE_LIMIT_SEARCH_PER_MIN: '1000',
          API_RATE_LIMIT_PER_MIN: '5000',
        };
      case 'worker-spotify':
        return { ...common, ...spotify, SPOTIFY_BUDGET_PER_30S: '300', SPOTIFY_CONCURRENCY: '4', SPOTIFY_REQUEST_TIMEOUT_MS: '2000' };
      case 'worker-default':
        return { ...common, DATABASE_URL: this.pg.url, SPOTIFY_CALL_TIMEOUT_MS: '8000' };
      case 'worker-leaderboard':
        return { ...common, DATABASE_URL: this.pg.url };
    }
  }
}
