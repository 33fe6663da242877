import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess } from '../faults/support/processes';
import { Stack } from '../faults/support/stack';

/**
 * One search across the deployment as one trace: the built apps as processes (the emulator, the api, the three
 * workers), each exporting OTLP/HTTP JSON to a receiver of this test's own.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, unknown>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
type OtlpExport = {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{ spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[] }> }>;
  }>;
};

const valueOf = (v: OtlpValue): unknown => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue));
const attributesOf = (list: OtlpAttribute[] = []): Record<string, unknown> => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** An OTLP/HTTP receiver (JSON encoding) that keeps every span it is sent. */
function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; contentTypes: Set<string> }> {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      contentTypes.add(String(req.headers['content-type']));
      if (req.method === 'POST' && req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const resource of body.resourceSpans ?? []) {
          const service = String(attributesOf(resource.resource?.attributes)['service.name']);
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, kind: span.kind, attributes: attributesOf(span.attributes) });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, contentTypes })));
}

async function eventually<T>(read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('tracing: one search is one trace across the api, the spotify queue and worker-spotify', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: Stack;

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = new Stack({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100' } });
    await stack.boot();
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    receiver?.server.close();
  });

  it('holds the api request span, the job producer and consumer spans and the upstream HTTP client spans, in one tree', async () => {
    const res = await fetch(`${stack.apiUrl}/api/v1/search?query=${encodeURIComponent('Sigur Rós')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cached: boolean }).cached).toBe(false);

    // The api's server span of this request (inbound HTTP), then every span of its trace, once worker-spotify's are in.
    const root = await eventually(() => receiver.spans.find((s) => s.service === 'api' && s.kind === 2 && String(s.attributes['url.path'] ?? s.attributes['http.target'] ?? '').startsWith('/api/v1/search')), 20_000);
    expect(root).toBeDefined();
    const trace = () => receiver.spans.filter((s) => s.traceId === root!.traceId);
    const upstream = (s: ReceivedSpan) => s.service === 'worker-spotify' && s.kind === 3 && String(s.attributes['url.full'] ?? s.attributes['http.url'] ?? '').includes('/v1/search');
    await eventually(() => (trace().some(upstream) && trace().some((s) => s.service === 'api' && s.name === 'search.cache') ? true : undefined), 20_000);
    // Each process exports in its own batches: a span can arrive before its parent (worker-default's `process default`
    // before the api's add of catalog.upsert-albums). Wait until every parent named has arrived; the tree checks below
    // fail if one never does.
    const closed = () => {
      const ids = new Set(trace().map((s) => s.spanId));
      return trace().every((s) => !s.parentSpanId || ids.has(s.parentSpanId)) ? true : undefined;
    };
    await eventually(closed, 20_000);
    const spans = trace();

    expect(receiver.contentTypes).toContain('application/json');
    // worker-spotify runs the call; worker-default the catalogue upsert the search handed it, in the same trace.
    expect([...new Set(spans.map((s) => s.service))].sort()).toEqual(expect.arrayContaining(['api', 'worker-spotify']));
    expect(spans.filter((s) => s.service === 'api' && s.kind === 4).length).toBeGreaterThanOrEqual(1); // BullMQ producer: the add
    const consumer = spans.find((s) => s.service === 'worker-spotify' && s.kind === 5); // BullMQ consumer: the job
    expect(consumer).toBeDefined();
    expect(spans.filter(upstream).length).toBeGreaterThanOrEqual(1);
    expect(spans.find((s) => s.name === 'search.cache')?.attributes['cache.outcome']).toBe('miss');
    expect(spans.find((s) => s.name === 'spotify.admission')?.attributes['admission.kind']).toBeDefined();
    expect(spans.some((s) => s.name === 'spotify.budget.wait')).toBe(true);

    // One tree: a single root (the api's request), every other span's parent in the same trace, and the upstream
    // request reached from the root through the consumer.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    expect(spans.filter((s) => !s.parentSpanId).map((s) => s.spanId)).toEqual([root!.spanId]);
    for (const span of spans) if (span.parentSpanId) expect([span.name, byId.has(span.parentSpanId)]).toEqual([span.name, true]);
    const ancestors = (span: ReceivedSpan): string[] => (span.parentSpanId ? [span.parentSpanId, ...ancestors(byId.get(span.parentSpanId)!)] : []);
    const request = spans.find(upstream)!;
    expect(ancestors(request)).toEqual(expect.arrayContaining([consumer!.spanId, root!.spanId]));
  }, 60_000);

  it("carries the request's trace id as an exemplar on its /metrics latency bucket (OpenMetrics)", async () => {
    const res = await fetch(`${stack.apiUrl}/api/v1/search?query=${encodeURIComponent('Metallica')}`);
    expect(res.status).toBe(200);
    const root = await eventually(() => receiver.spans.find((s) => s.service === 'api' && s.kind === 2 && String(s.attributes['url.query'] ?? s.attributes['http.target'] ?? s.attributes['url.full'] ?? '').includes('Metallica')), 20_000);
    expect(root).toBeDefined();
    const scrape = await fetch(`${stack.apiUrl}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0', authorization: `Bearer ${stack.secrets.metricsToken}` } });
    expect(scrape.headers.get('content-type')).toMatch(/^application\/openmetrics-text/);
    const lines = (await scrape.text()).split('\n').filter((l) => l.startsWith('http_request_duration_seconds_bucket{') && l.includes('route="/api/v1/search"'));
    expect(lines.some((l) => l.includes(`# {traceId="${root!.traceId}"}`))).toBe(true);
  }, 60_000);

  it('puts the trace and span ids on the log lines of a traced request', async () => {
    await fetch(`${stack.apiUrl}/api/v1/search?query=${encodeURIComponent('Björk')}`);
    const traced = await eventually(() => {
      const lines = stack.process('worker-spotify').output().split('\n').filter((l) => l.includes('Björk') || l.includes('Successfully completed'));
      return lines.find((l) => l.includes('"traceId"') && l.includes('"spanId"'));
    }, 20_000);
    expect(traced).toBeDefined();
    const line = JSON.parse(traced!) as { traceId: string; spanId: string };
    expect(receiver.spans.some((s) => s.traceId === line.traceId)).toBe(true);
  }, 60_000);

  it('a process whose collector went away still stops on SIGTERM (its last spans given up), with exit code 0', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', () => resolve()));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve())); // nothing listens there any more
    const logDir = mkdtempSync(join(tmpdir(), 'albumboard-tracing-'));
    const worker = startProcess('worker-spotify', process.execPath, ['apps/worker-spotify/dist/index.js'], {
      env: { REDIS_URL: stack.redis.url, QUEUE_PREFIX: 'tracing-stop', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      cwd: join(__dirname, '..', '..'),
      logDir,
    });
    await worker.waitFor('Listening on spotify...');
    worker.signal('SIGTERM');
    const gaveUp = setTimeout(() => worker.signal('SIGKILL'), 30_000);
    await worker.exited;
    clearTimeout(gaveUp);
    expect([worker.exitCode(), worker.output().includes('Worker stopped')]).toEqual([0, true]);
  }, 60_000);
});
