import { startTracing } from '@albumboard/tracing';

/**
 * worker-default's OpenTelemetry, started before any other module is loaded (the first import of src/index.ts) so that HTTP,
 * express, ioredis, pg and pino are instrumented; off, with nothing started, unless OTEL_EXPORTER_OTLP_ENDPOINT is set
 * (docs/operations.md, Tracing).
 */
export const tracing = startTracing('worker-default');
