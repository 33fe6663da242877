import { z } from 'zod';

/**
 * The standard OpenTelemetry variables albumboard honours (the Node SDK reads them itself; this schema checks them
 * first so a typo stops the process with one line instead of silently exporting nothing).
 */
export const tracingEnvSchema = z.object({
  /** Where spans go (`http://collector:4318`); unset: tracing off, nothing started. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json', 'grpc'], { error: 'must be http/protobuf, http/json or grpc' }).optional(),
  /** Default: the app's name (`api`, `worker-spotify`, …). */
  OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'], {
      error: 'must be an OpenTelemetry sampler name, e.g. parentbased_traceidratio',
    })
    .optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});
