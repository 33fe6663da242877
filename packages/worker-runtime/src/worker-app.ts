import { loadConfigOrExit } from '@albumboard/env-config';
import { createLogger, type Logger } from '@albumboard/observability';
import type { QueueName } from '@albumboard/queue-contracts';
import type { WorkerSettings } from './env';
import { parseQueuesArgOrExit } from './queues-arg';
import { runWorkerProcess, type QueueWorkerFactory } from './worker-process';

/** What a worker app's `src/index.ts` tells the runtime: its name, its queue, its config, and how to build its worker. */
export interface WorkerAppSpec<C extends WorkerSettings> {
  /** The app name, e.g. `worker-spotify`: the logger's name and the first word of every start-up line. */
  name: string;
  /** The one queue this app consumes (the default and the only value `--queues` accepts). */
  queue: QueueName;
  /** The app's config parser (throws a ConfigError: printed as one line, exit 2). */
  loadConfig: (env: NodeJS.ProcessEnv) => C;
  /** The config without secrets, for the start-up log line. */
  describeConfig: (config: C) => unknown;
  /** The process's tracing, from the app's `src/instrumentation.ts` (imported first). */
  tracing?: { shutdown(): Promise<void> };
}

/** What `build` returns: the factory of the queue's worker, and what to close after the worker stopped. */
export interface WorkerAppParts {
  worker: QueueWorkerFactory;
  onShutdown?: () => Promise<void>;
}

/**
 * A worker app's `main`: load the config once (one line naming a bad setting, exit 2), create the logger, parse
 * `--queues`, log the settings without secrets, `build` (open what the worker needs: its rating store, a producer
 * connection), then run the worker process (`runWorkerProcess`: Redis check, the worker, /healthz, a clean stop on
 * SIGTERM/SIGINT). A failure to start is one plain line and exit 1.
 */
export function runWorkerApp<C extends WorkerSettings>(spec: WorkerAppSpec<C>, build: (config: C, logger: Logger) => Promise<WorkerAppParts> | WorkerAppParts): void {
  const main = async (): Promise<void> => {
    const config = loadConfigOrExit(() => spec.loadConfig(process.env));
    const logger = createLogger({ name: spec.name, level: config.logLevel, pretty: config.logPretty });
    const queues = parseQueuesArgOrExit(process.argv.slice(2), { defaults: [spec.queue], allowed: [spec.queue] });
    logger.info({ config: spec.describeConfig(config) }, `${spec.name} configuration`);
    const { worker, onShutdown } = await build(config, logger);
    await runWorkerProcess({
      name: spec.name,
      queues,
      redis: config.redis,
      logger,
      healthPort: config.healthPort,
      tracing: spec.tracing,
      workers: { [spec.queue]: worker },
      onShutdown,
    });
  };
  main().catch((error: unknown) => {
    process.stderr.write(`${spec.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
