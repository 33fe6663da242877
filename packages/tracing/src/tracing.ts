import { loadConfigOrExit, parseEnv } from '@albumboard/env-config';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { BullMQOtel } from 'bullmq-otel';
import { tracingEnvSchema } from './tracing-config.schema';

/** A process's tracing: started, or off with nothing running. */
export interface Tracing {
  enabled: boolean;
  /** Flushes the spans still buffered and stops the exporter (a no-op when off). */
  shutdown(): Promise<void>;
}

/** Paths probed every few seconds: a span per probe would drown the traces worth reading. */
const UNTRACED_PATHS = ['/healthz', '/readyz', '/metrics'];

let telemetry: BullMQOtel | undefined;

/** How long a stopping process waits to hand its last spans over: an unreachable collector must not hold it up. */
const SHUTDOWN_FLUSH_MS = 3_000;

/** Runs `flush`, giving up after `ms`; a failed or slow flush loses the last spans, never the shutdown. */
async function flushWithin(flush: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([flush().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this environment asks for traces: an OTLP endpoint set (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) and `OTEL_SDK_DISABLED` not `true`.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts OpenTelemetry's Node SDK for this process, configured only by the standard variables: the exporter's
 * endpoint and protocol (`OTEL_EXPORTER_OTLP_PROTOCOL`: `http/protobuf` by default, `http/json`, `grpc`), the sampler
 * (`OTEL_TRACES_SAMPLER`), the service name (`OTEL_SERVICE_NAME`, default `serviceName`, the app's name). Off, with
 * nothing started, unless an endpoint is set. Call it before anything else is loaded (each app's
 * `src/instrumentation.ts`, the first import of its `src/index.ts`): HTTP, express, ioredis, pg and pino are
 * instrumented as they are required.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  loadConfigOrExit(() => parseEnv(tracingEnvSchema, env));
  if (!tracingRequested(env)) return { enabled: false, shutdown: async () => undefined };
  // Traces only: metrics stay on /metrics (prom-client), logs on stdout.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME?.trim() || serviceName,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.some((path) => request.url?.startsWith(path)) }),
      new ExpressInstrumentation(),
      // Only commands made inside a traced operation: BullMQ's polling would otherwise be a root span per command.
      new IORedisInstrumentation({ requireParentSpan: true }),
      new PgInstrumentation({ requireParentSpan: true }),
      new PinoInstrumentation({ logKeys: { traceId: 'traceId', spanId: 'spanId', traceFlags: 'traceFlags' }, disableLogSending: true }),
    ],
  });
  sdk.start();
  telemetry = new BullMQOtel({ tracerName: 'bullmq' });
  return { enabled: true, shutdown: () => flushWithin(() => sdk.shutdown(), SHUTDOWN_FLUSH_MS) };
}

/**
 * BullMQ's `telemetry` option for every Queue and Worker of the process (bullmq-otel): a job carries its producer's
 * trace context, and the worker's spans continue that trace. `undefined` while tracing is off.
 */
export function queueTelemetry(): BullMQOtel | undefined {
  return telemetry;
}
