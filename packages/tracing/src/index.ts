export { queueTelemetry, startTracing, tracingRequested, type Tracing } from './tracing';
export { currentTraceId, inSpan, spanEvent } from './spans';
export { tracingEnvSchema } from './tracing-config.schema';
