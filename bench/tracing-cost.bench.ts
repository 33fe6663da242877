/**
 * `pnpm bench:tracing`: what tracing costs a search. Two deployments run side by side in the same run — the api and
 * worker-spotify as real processes from their built dist/, on one emulator (50 ms latency) and this machine's Redis
 * and PostgreSQL — one with tracing off, one exporting every span (OTLP/HTTP JSON, sampler always on) to a receiver
 * of the bench's own. Searches alternate between them in pairs; prints p50/p95 of each and the on/off ratio, for
 * uncached searches (the whole path: api, queue, worker, Spotify) and cached ones (the api alone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator, generatedArtistName } from '@albumboard/spotify-emulator';
import { pairedLatency } from './lib/paired-latency';

const ROOT = join(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAIRS = Number(process.env.BENCH_PAIRS ?? 60);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startApp(entry: string, env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, entry)], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${entry} did not start: ${out.slice(-500)}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-5000);
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

async function main(): Promise<void> {
  let spans = 0;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      spans += (body.match(/"spanId"/g) ?? []).length;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const emulator = await startEmulator({ port: 0, latencyMs: 50, rateLimitPer30s: 0, logLevel: 'silent' });
  const spotify = { SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url };
  const tracingOn = {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_TRACES_SAMPLER: 'always_on',
  };
  const children: ChildProcess[] = [];
  const deployment = async (label: string, extra: Record<string, string>) => {
    const port = await freePort();
    const common = { REDIS_URL, QUEUE_PREFIX: `bench-tracing-${label}-${randomUUID().slice(0, 6)}`, LOG_LEVEL: 'warn', ...spotify, ...extra };
    children.push(await startApp('apps/worker-spotify/dist/index.js', { ...common, LOG_LEVEL: 'info', SPOTIFY_BUDGET_PER_30S: '100000', SPOTIFY_CONCURRENCY: '8' }, 'Listening on spotify'));
    children.push(
      await startApp('apps/api/dist/index.js', { ...common, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL, API_RATE_LIMIT_SEARCH_PER_MIN: '1000000', API_RATE_LIMIT_PER_MIN: '1000000' }, 'albumboard api listening on'),
    );
    return `http://127.0.0.1:${port}`;
  };
  try {
    const off = await deployment('off', {});
    const on = await deployment('on', tracingOn);
    const search = (base: string) => async (query: string) => {
      const res = await fetch(`${base}/api/v1/search?query=${encodeURIComponent(query)}`);
      if (res.status !== 200) throw new Error(`search answered ${res.status}`);
      await res.arrayBuffer();
    };
    // Uncached: each side searches a name of its own that neither has seen (same work on both sides).
    const names = Array.from({ length: PAIRS }, (_, i) => generatedArtistName(100 + i, 1000));
    const uncached = await pairedLatency({
      queries: names,
      a: (q) => search(off)(q),
      b: (q) => search(on)(q),
      pairIntervalMs: 0,
      warmUp: ['Taylor Swift', 'Radiohead'],
    });
    // Cached: the same names again, now answered from each side's cache.
    const cached = await pairedLatency({ queries: [...names, ...names], a: (q) => search(off)(q), b: (q) => search(on)(q), pairIntervalMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the last batch of spans
    const ratio = (b: number | null, a: number | null) => (a && b ? (b / a).toFixed(3) : 'n/a');
    const row = (name: string, r: typeof uncached) =>
      `| ${name} | ${r.a.count} | ${r.a.p50} | ${r.a.p95} | ${r.b.p50} | ${r.b.p95} | ${ratio(r.b.p50, r.a.p50)} | ${ratio(r.b.p95, r.a.p95)} | ${r.errors.a + r.errors.b} |`;
    process.stdout.write(
      [
        `tracing cost (alternating pairs, emulator latency 50 ms, ${PAIRS} names; ${spans} spans received while on)`,
        '',
        '| searches | pairs | off p50 ms | off p95 ms | on p50 ms | on p95 ms | on/off p50 | on/off p95 | errors |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        row('uncached (api → queue → worker → Spotify)', uncached),
        row('cached (api and Redis)', cached),
        '',
      ].join('\n'),
    );
  } finally {
    for (const child of children.reverse()) child.kill('SIGTERM');
    await emulator.close();
    receiver.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
