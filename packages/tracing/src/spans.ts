import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('albumboard');

/**
 * Runs `fn` inside a span `name` (albumboard's own: a cache lookup, an admission decision, a wait for a budget slot)
 * that ends when `fn` settles; a thrown error is recorded on it. Without tracing it costs a no-op span.
 */
export function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** An event on the span in progress (a cool-down refusal, a shared pause), when there is one. */
export function spanEvent(name: string, attributes: Attributes = {}): void {
  trace.getActiveSpan()?.addEvent(name, attributes);
}

/** The trace id of the span in progress, when one is recorded (for exemplars and log lines). */
export function currentTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) && (context.traceFlags & 1) === 1 ? context.traceId : undefined;
}
