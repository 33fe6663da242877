import { trace } from '@opentelemetry/api';
import { withInterceptedExit } from '@albumboard/test-support';
import { inSpan, queueTelemetry, startTracing, tracingRequested } from '../src';

describe('startTracing', () => {
  it('starts nothing without an endpoint, or when OTEL_SDK_DISABLED=true', async () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);

    const off = startTracing('api', {});
    expect(off.enabled).toBe(false);
    expect(queueTelemetry()).toBeUndefined();
    // No SDK registered: the global tracer hands out non-recording spans only.
    await inSpan('probe', {}, async (span) => expect(span.isRecording()).toBe(false));
    await off.shutdown();
  });

  // Exporting itself is tested on real processes (infra/test/tracing.test.ts): the OTLP exporter loads its HTTP agent
  // with a dynamic import, which jest's module system cannot run.
  it('with an endpoint, starts the SDK and BullMQ telemetry; spans record', async () => {
    const on = startTracing('worker-default', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    try {
      expect(on.enabled).toBe(true);
      expect(queueTelemetry()).toBeDefined();
      expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(true);
    } finally {
      await on.shutdown();
    }
  });
});

describe('tracing settings', () => {
  it('stops the process with one line naming a bad OTEL setting', () => {
    withInterceptedExit((write) => {
      expect(() => startTracing('api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'json' })).toThrow('exit 1');
      expect(write).toHaveBeenCalledWith('Invalid setting OTEL_EXPORTER_OTLP_PROTOCOL: must be http/protobuf, http/json or grpc\n');
    });
  });
});
