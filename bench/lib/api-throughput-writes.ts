/**
 * Closed-loop write runner for `api-throughput.bench.ts`: `concurrency` loops take the next of `count` operations
 * until none is left, so exactly `concurrency` are in flight (until the tail). Records every operation's latency.
 */
import { Agent, request } from 'node:http';
import { summarizeLatencies, type LatencySummary } from './latency-stats';

export interface WriteRunResult {
  count: number;
  ok: number;
  errors: number;
  /** First few error descriptions. */
  errorSamples: string[];
  elapsedMs: number;
  perSecond: number;
  latency: LatencySummary;
}

export async function runClosedLoop(count: number, concurrency: number, op: (index: number) => Promise<void>): Promise<WriteRunResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const loop = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, loop));
  const elapsedMs = performance.now() - started;
  return {
    count,
    ok: latencies.length,
    errors,
    errorSamples,
    elapsedMs: Math.round(elapsedMs),
    perSecond: Math.round((latencies.length / elapsedMs) * 1000 * 10) / 10,
    latency: summarizeLatencies(latencies),
  };
}

/** A keep-alive HTTP client for the PUTs (node:http, lighter on the bench's CPU than fetch). */
export function httpJsonClient(maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: string }> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request(
          url,
          {
            method,
            agent,
            headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}) },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
        req.end(payload);
      });
    },
    close(): void {
      agent.destroy();
    },
  };
}
