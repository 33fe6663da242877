import path from 'node:path';
import { appConfigModule, runConfigCases } from './support/app-config';
import { appServesPath, appSourceContains, exists, listFiles, read, readPackageJson } from './support/repo';

const DOCS = ['docs/deployment.md', 'docs/deployment-checklist.md', 'docs/architecture.md'];
const text = (doc: string): string => read(doc);
const codeSpans = (md: string): string[] => [...md.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
const codeBlocks = (md: string): string[] => [...md.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);

describe.each(DOCS.map((d) => [d]))('%s', (doc) => {
  it('every repository path it names exists', () => {
    const md = text(doc);
    const candidates = new Set<string>();
    for (const span of codeSpans(md)) {
      for (const word of span.split(/\s+/)) {
        if (/^(apps|packages|infra|docs|bench|\.github|\.ci)\/[\w./-]*[\w]$/.test(word) && !word.includes('<')) candidates.add(word);
        if (['docker-compose.yml', '.env.example', 'Procfile', 'app.json', '.dockerignore'].includes(word)) candidates.add(word);
      }
    }
    for (const m of md.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
      if (!/^https?:/.test(m[1])) candidates.add(path.normalize(path.join(path.dirname(doc), m[1])));
    }
    for (const block of codeBlocks(md)) {
      for (const m of block.matchAll(/(?:^|\s)((?:apps|packages|infra)\/[\w./-]*\w)/g)) if (!m[1].includes('$')) candidates.add(m[1]);
    }
    // `overlays/local` style shorthands are relative to infra/k8s; built files (dist/x.js) must have their source (src/x.ts).
    const resolved = [...candidates].map((c) => (c.startsWith('overlays/') ? `infra/k8s/${c}` : c.replace(/\/dist\/(.+)\.js$/, '/src/$1.ts')));
    expect(resolved.length).toBeGreaterThan(3);
    for (const p of resolved) expect([p, exists(p.replace(/\/$/, ''))]).toEqual([p, true]);
  });

  it('every `pnpm <script>` it mentions is a root script (or a pnpm command)', () => {
    const scripts = readPackageJson('.').scripts ?? {};
    const builtins = new Set(['install', 'deploy', 'exec', 'add', 'store', 'dlx']);
    const code = [...codeSpans(text(doc)), ...codeBlocks(text(doc))].join('\n');
    for (const m of code.matchAll(/\bpnpm ([a-z][\w:-]*)/g)) {
      if (builtins.has(m[1])) continue;
      expect([m[1], m[1] in scripts]).toEqual([m[1], true]);
    }
  });

  it('every api path it names is one the api serves', () => {
    const md = text(doc);
    const paths = new Set<string>();
    for (const span of codeSpans(md)) {
      for (const m of span.matchAll(/(?:^|\s|https:\/\/<[^>]+>)(\/(?:healthz|readyz|metrics|docs|admin\/queues|api\/v1\/[\w/{}-]*\w))\b/g)) paths.add(m[1]);
    }
    expect(paths.size).toBeGreaterThan(0);
    for (const p of paths) expect([p, appServesPath('api', p)]).toEqual([p, true]);
  });
});

describe('deployment-checklist.md', () => {
  const md = () => text('docs/deployment-checklist.md');

  it('quotes log lines the code really writes', () => {
    expect(md()).toContain("Starting worker listening on queues: ['spotify']");
    expect(appSourceContains('worker-spotify', 'Starting worker listening on queues: ')).toBe(true);
    expect(md()).toContain('Listening on spotify...');
    expect(appSourceContains('worker-spotify', 'Listening on ${queue}...')).toBe(true);
    for (const line of ['[SPOTIFY WORKER] Executing method: ', '[SPOTIFY WORKER] Successfully completed: ']) {
      expect(md()).toContain(`${line}searchArtistAlbums`);
      expect([line, appSourceContains('worker-spotify', line)]).toEqual([line, true]);
    }
    // Every worker-spotify log line the checklist quotes, split around its variable parts (numbers, method names).
    const quoted = md().split('\n').filter((l) => l.includes('[SPOTIFY WORKER]')).map((l) => l.replace(/^.*?(\[SPOTIFY WORKER\][^`]*).*$/, '$1'));
    expect(quoted.length).toBeGreaterThanOrEqual(4);
    for (const line of quoted) {
      for (const chunk of line.split(/\d+|searchArtistAlbums|…/).filter((c) => c.trim().length > 3)) {
        expect([line, chunk, appSourceContains('worker-spotify', chunk)]).toEqual([line, chunk, true]);
      }
    }
    // What the api's operator routes answer, as the checklist quotes it.
    for (const [quote, source] of [
      ['workers listening on queue spotify; run exactly 1', 'workers listening on queue ${overview.queue}; run exactly 1'],
      ['no worker listening on queue spotify', 'no worker listening on queue ${overview.queue}'],
      ['upstream429LastHour', 'upstream429LastHour'],
      ['"status":"not_ready"', "'not_ready'"],
      ['workers:<queue>', 'workers:${queue}'],
    ]) {
      expect([quote, md().includes(quote), appSourceContains('api', source)]).toEqual([quote, true, true]);
    }
    expect(md()).toContain('`DEV AUTH IS ON`');
    expect(appSourceContains('api', 'DEV AUTH IS ON')).toBe(true);
    expect(md()).toContain('`rating store ready`');
    for (const app of ['api', 'worker-default', 'worker-leaderboard']) expect([app, appSourceContains(app, "'rating store ready'")]).toEqual([app, true]);
    expect(md()).toContain('Spotify worker timed out');
    expect(appSourceContains('api', 'Spotify worker timed out')).toBe(true);
  });

  it('covers the seed’s operations: scaling, troubleshooting and rollback', () => {
    for (const needle of [
      'heroku ps:scale worker_spotify=1',
      'SPOTIFY_CALL_MODE=direct',
      'heroku releases:rollback',
      'kubectl -n albumboard rollout undo',
      '"Spotify worker timed out"',
      '429s',
      'Searches are slow',
      'Never scale worker-spotify',
    ]) {
      expect([needle, md().includes(needle)]).toEqual([needle, true]);
    }
  });

  it('uses the process names of the Procfile and the compose file', () => {
    for (const name of ['web', 'worker_default', 'worker_spotify', 'worker_leaderboard']) expect(read('Procfile')).toMatch(new RegExp(`^${name}:`, 'm'));
    for (const name of ['worker_default', 'worker_spotify', 'worker_leaderboard', 'worker-default', 'worker-spotify', 'worker-leaderboard']) {
      expect(md()).toContain(`\`${name}\``);
    }
  });

  it('gives the right BullMQ connection names for the worker count check', () => {
    for (const [queue, b64] of [...md().matchAll(/name=bull:([A-Za-z0-9+/=]+)'/g)].map((m) => [Buffer.from(m[1], 'base64').toString(), m[1]])) {
      expect(['spotify', 'default', 'leaderboard']).toContain(queue);
      expect(Buffer.from(queue).toString('base64')).toBe(b64);
    }
  });
});

describe('deployment.md', () => {
  const md = () => text('docs/deployment.md');

  it('shows the Procfile exactly as it is', () => {
    expect(codeBlocks(md())).toContain(read('Procfile'));
  });

  it('documents defaults that match what the apps’ configurations return', () => {
    // The api needs a database (it opens none of its own); any postgres:// URL parses.
    const sections: Array<[string, string]> = [['### Shared', 'api'], ['### api', 'api'], ['### worker-spotify', 'worker-spotify'], ['### spotify-emulator', 'spotify-emulator']];
    const checked: string[] = [];
    const results = runConfigCases(sections.map(([, app]) => ({ label: app, module: appConfigModule(app), exportName: 'loadConfig', env: (app === 'api' ? { DATABASE_URL: 'postgres://db/app' } : {}) as Record<string, string> })));
    for (const [i, [heading, app]] of sections.entries()) {
      const body = md().split(heading)[1].split('\n### ')[0].split('\n## ')[0];
      const result = results[i];
      expect([app, result.ok, result.error]).toEqual([app, true, undefined]);
      const config = result.value as Record<string, unknown>;
      for (const row of body.matchAll(/^\| `([A-Z0-9_]+)` \| `([^`]+)` \|/gm)) {
        if (!(row[1] in config)) continue;
        expect([row[1], String(config[row[1]])]).toEqual([row[1], row[2]]);
        checked.push(row[1]);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['PORT', 'HOST', 'REDIS_URL', 'QUEUE_PREFIX', 'SPOTIFY_CALL_MODE', 'SPOTIFY_CALL_TIMEOUT_MS', 'SEARCH_CACHE_TTL_S', 'LOG_LEVEL']));
  });

  it('states the Redis topologies the apps support truthfully', () => {
    expect(md()).toMatch(/\*\*Redis Cluster\*\* \(AWS ElastiCache in cluster mode, MemoryDB/);
    expect(md()).toMatch(/\*\*Redis Sentinel\*\*: set `REDIS_SENTINELS=/);
    expect(md()).not.toMatch(/not supported yet/);
    // Only the one connection module builds Cluster or Sentinel clients; no app opens its own.
    const own = (app: string, text: string) => listFiles(`apps/${app}/src`, /\.ts$/).some((f) => !f.endsWith('.test.ts') && read(f).includes(text));
    for (const app of ['api', 'worker-spotify', 'worker-default', 'worker-leaderboard']) {
      expect([app, own(app, 'new Cluster(') || own(app, 'new Redis(')]).toEqual([app, false]);
    }
  });
});
