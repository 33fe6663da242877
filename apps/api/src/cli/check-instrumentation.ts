import { startTracing } from '@albumboard/tracing';

/** `pnpm check`'s OpenTelemetry (service `check`), started before the rest loads; off unless an endpoint is set. */
export const tracing = startTracing('check');
