/**
 * What the emulator's search costs and finds. For each catalogue size (`BENCH_GENERATED`, default `1000,25000`
 * generated artists beside the real ones) an in-process emulator answers `GET /v1/search?type=artist,album` over HTTP,
 * one request at a time, for: every real artist's name (each once: its words' near misses are looked up), the same
 * names again (near misses remembered), each name with one letter dropped from its longest word (a typo), each
 * localized name (宇多田ヒカル, 방탄소년단, …), and unrelated words. Prints p50/p95 per set and how many queries found the
 * intended artist first (nothing, for the unrelated words). Numbers only: nothing here fails on time.
 */
import type { AddressInfo } from 'node:net';
import { createEmulatorApp, EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET } from '@albumboard/spotify-emulator';
import { summarizeLatencies } from './lib/latency-stats';

const SIZES = (process.env.BENCH_GENERATED ?? '1000,25000').split(',').map(Number);
const UNRELATED = ['xyzzyplugh', 'qwrtpsdf', 'zzzzzz', 'asdfghjkl', 'ヒカリ宇宙人', 'радиоголова', 'blorptangle', 'kvqxj'];

interface Query {
  q: string;
  /** The artist expected first, or null when nothing should be found. */
  expect: string | null;
}

/** One letter dropped from the middle of the name's longest word: "radiohead" → "radiohad". */
function typo(name: string): string {
  const words = name.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const at = Math.floor(longest.length / 2);
  return words.map((w) => (w === longest ? w.slice(0, at) + w.slice(at + 1) : w)).join(' ');
}

async function run(generatedArtists: number): Promise<void> {
  const { app, state } = createEmulatorApp({ generatedArtists, rateLimitPer30s: 0 });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const basic = Buffer.from(`${EMULATOR_DEFAULT_CLIENT_ID}:${EMULATOR_DEFAULT_CLIENT_SECRET}`).toString('base64');
    const tokenRes = await fetch(`${base}/api/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const real = [...state.catalog.artists.values()].filter((a) => !a.generated);
    const names = real.map((a) => ({ q: a.name, expect: a.name }));
    const sets: [string, Query[]][] = [
      ['names, first time', names],
      ['names again', names],
      ['names with a typo', real.filter((a) => typo(a.name).length >= 3).map((a) => ({ q: typo(a.name), expect: a.name }))],
      ['localized names', real.flatMap((a) => a.searchNames.slice(1).map((q) => ({ q, expect: a.name })))],
      ['unrelated words', UNRELATED.map((q) => ({ q, expect: null }))],
    ];
    console.log(`\n${real.length} real + ${generatedArtists} generated artists, ${state.catalog.albums.size} albums`);
    for (const [label, queries] of sets) {
      const durations: number[] = [];
      let right = 0;
      for (const { q, expect } of queries) {
        const started = performance.now();
        const res = await fetch(`${base}/v1/search?q=${encodeURIComponent(q)}&type=artist,album&limit=10`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await res.json()) as { artists: { total: number; items: { name: string }[] }; albums: { total: number } };
        durations.push(performance.now() - started);
        const found = body.artists.items[0]?.name ?? null;
        if (expect === null ? body.artists.total + body.albums.total === 0 : found === expect) right++;
      }
      const s = summarizeLatencies(durations);
      const goal = label === 'unrelated words' ? 'found nothing' : 'found the artist first';
      console.log(`  ${label.padEnd(20)} ${String(queries.length).padStart(4)} queries  p50 ${s.p50} ms  p95 ${s.p95} ms  ${goal}: ${right}/${queries.length}`);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function main(): Promise<void> {
  for (const size of SIZES) await run(size);
}

void main();
