import { appConfigModule, configEnvNamesFor, runConfigCases, type ConfigCase } from './support/app-config';
import { IMAGES, WORKER_QUEUES } from './support/images';
import {
  deployments,
  effectiveEnv,
  find,
  parseEnvFile,
  podContainers,
  podSpec,
  probePort,
  render,
  splitImage,
  type Container,
  type K8sObject,
} from './support/kustomize';
import { RULES_FILE } from './support/prometheus-files';
import { appNames, read, readYaml, workerApps } from './support/repo';

const OVERLAYS = ['local', 'managed-redis', 'prometheus-operator'] as const;
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, render(`infra/k8s/overlays/${o}`)])) as Record<(typeof OVERLAYS)[number], K8sObject[]>;
/** What an operator creates from the template for the managed-redis overlay. */
const secretTemplate = parseEnvFile(read('infra/k8s/base/secret.example.env'));
const extraSecrets = { 'albumboard-secrets': secretTemplate };
const appsIn = (overlay: (typeof OVERLAYS)[number]): string[] => (overlay === 'local' ? appNames() : appNames().filter((a) => a !== 'spotify-emulator'));
const container = (objects: K8sObject[], app: string): Container => {
  const cs = podContainers(find(objects, 'Deployment', app));
  expect(cs).toHaveLength(1);
  return cs[0];
};

describe.each(OVERLAYS.map((o) => [o]))('overlay %s', (overlay) => {
  const objects = rendered[overlay];

  it('has a Deployment per app, in the albumboard namespace', () => {
    for (const app of appsIn(overlay)) expect(find(objects, 'Deployment', app).metadata.namespace).toBe('albumboard');
    expect(find(objects, 'Namespace', 'albumboard')).toBeDefined();
  });

  it('runs exactly one worker-spotify and replaces it with Recreate (never two during a rollout)', () => {
    const spec = find(objects, 'Deployment', 'worker-spotify').spec as { replicas: number; strategy: { type: string } };
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('exposes the api through a Service on its http port', () => {
    const svc = find(objects, 'Service', 'api').spec as { selector: Record<string, string>; ports: Array<{ targetPort: string }> };
    const pod = find(objects, 'Deployment', 'api').spec as { template: { metadata: { labels: Record<string, string> } } };
    expect(pod.template.metadata.labels).toMatchObject(svc.selector);
    expect(container(objects, 'api').ports?.map((p) => p.name)).toContain(svc.ports[0].targetPort);
  });

  it('gives every app that keeps ratings the same real database (never a per-pod PGlite)', () => {
    const dbApps = appsIn(overlay).filter((app) => configEnvNamesFor(app).includes('DATABASE_URL'));
    expect(dbApps).toEqual(expect.arrayContaining(['api', 'worker-default', 'worker-leaderboard']));
    const targets = new Set(
      dbApps.map((app) => {
        const env = effectiveEnv(objects, container(objects, app), extraSecrets);
        return env.DATABASE_URL || (env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY ? env.SUPABASE_URL : '');
      }),
    );
    expect(targets.size).toBe(1);
    expect([...targets][0]).toMatch(/^(postgres|https):\/\//);
  });

  it('probes the api on /healthz (liveness) and /readyz (readiness), on the port it listens on', () => {
    const c = container(objects, 'api');
    const env = effectiveEnv(objects, c, extraSecrets);
    expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(probePort(c, c.livenessProbe ?? {})).toBe(Number(env.PORT));
    expect(probePort(c, c.readinessProbe ?? {})).toBe(Number(env.PORT));
  });

  it('lets the api stay in its Service through a worker restart (/readyz also checks the workers)', () => {
    const probe = container(objects, 'api').readinessProbe as { periodSeconds: number; failureThreshold: number };
    const grace = podSpec(find(objects, 'Deployment', 'worker-spotify'))?.terminationGracePeriodSeconds ?? 30;
    expect(probe.periodSeconds * probe.failureThreshold).toBeGreaterThanOrEqual(Math.max(60, grace * 2));
  });

  it('probes every worker on /healthz at WORKER_HEALTH_PORT (8081)', () => {
    for (const app of workerApps()) {
      const c = container(objects, app);
      const env = effectiveEnv(objects, c, extraSecrets);
      expect(env.WORKER_HEALTH_PORT).toBe('8081');
      for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
        expect(probe?.httpGet?.path).toBe('/healthz');
        expect(probePort(c, probe ?? {})).toBe(8081);
      }
    }
  });

  it('runs every pod as non-root with no privilege escalation, all capabilities dropped, a read-only root', () => {
    for (const d of deployments(objects)) {
      const pod = podSpec(d);
      expect([d.metadata.name, pod?.securityContext?.runAsNonRoot]).toEqual([d.metadata.name, true]);
      expect(pod?.securityContext?.runAsUser).toBeGreaterThan(0);
      for (const c of pod?.containers ?? []) {
        expect([c.name, c.securityContext]).toEqual([c.name, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }]);
      }
    }
  });

  it('sets CPU/memory requests and a memory limit on every container, and probes on every container', () => {
    for (const c of deployments(objects).flatMap(podContainers)) {
      expect([c.name, c.resources?.requests?.cpu, c.resources?.requests?.memory, c.resources?.limits?.memory].every(Boolean)).toBe(true);
      expect([c.name, Boolean(c.livenessProbe && c.readinessProbe)]).toEqual([c.name, true]);
    }
  });

  it('starts each app with its image’s CMD (workers on their own queue)', () => {
    for (const app of appsIn(overlay)) {
      expect(container(objects, app).args).toEqual(IMAGES.find((i) => i.name === app)?.cmd);
    }
    for (const [app, queue] of Object.entries(WORKER_QUEUES)) expect(container(objects, app).args?.slice(-2)).toEqual(['--queues', queue]);
  });

  it('gives every app an environment its own configuration schema accepts', () => {
    const cases: ConfigCase[] = appsIn(overlay).map((app) => ({
      label: `${overlay}/${app}`,
      module: appConfigModule(app),
      exportName: 'loadConfig',
      env: effectiveEnv(objects, container(objects, app), extraSecrets),
    }));
    for (const r of runConfigCases(cases)) expect([r.label, r.ok, r.error]).toEqual([r.label, true, undefined]);
  });
});

describe('overlay local', () => {
  const objects = rendered.local;

  it('brings its own Redis and emulator and points the apps at their Services', () => {
    const env = effectiveEnv(objects, container(objects, 'worker-spotify'));
    const redisSvc = find(objects, 'Service', 'redis').spec as { ports: Array<{ port: number }> };
    expect(env.REDIS_URL).toBe(`redis://redis:${redisSvc.ports[0].port}`);
    const emu = find(objects, 'Service', 'spotify-emulator').spec as { ports: Array<{ port: number }> };
    expect(new URL(env.SPOTIFY_API_URL).host).toBe(`spotify-emulator:${emu.ports[0].port}`);
    expect(new URL(env.SPOTIFY_ACCOUNTS_URL).host).toBe(`spotify-emulator:${emu.ports[0].port}`);
    expect(container(objects, 'redis').args).toEqual(['redis-server', '--appendonly', 'yes']);
  });

  it('uses the locally built images (tag local)', () => {
    for (const app of appNames()) expect(container(objects, app).image).toBe(`albumboard-${app}:local`);
  });

  it('its generated Secret holds only development values: the emulator’s credentials, the in-cluster database', () => {
    const secret = find(objects, 'Secret', 'albumboard-secrets');
    expect(secret.data).toEqual({
      SPOTIFY_CLIENT_ID: 'albumboard-dev-client',
      SPOTIFY_CLIENT_SECRET: 'albumboard-dev-secret',
      DATABASE_URL: 'postgres://albumboard:albumboard@postgres:5432/albumboard',
    });
    const db = new URL(secret.data?.DATABASE_URL as string);
    const svc = find(objects, 'Service', 'postgres').spec as { ports: Array<{ port: number }> };
    expect(`${db.hostname}:${db.port}`).toBe(`postgres:${svc.ports[0].port}`);
    const pgEnv = Object.fromEntries((container(objects, 'postgres').env ?? []).map((e) => [e.name, e.value]));
    expect([db.username, db.password, db.pathname.slice(1)]).toEqual([pgEnv.POSTGRES_USER, pgEnv.POSTGRES_PASSWORD, pgEnv.POSTGRES_DB]);
  });
});

describe('overlay managed-redis', () => {
  const objects = rendered['managed-redis'];

  it('takes REDIS_URL (rediss://) from the Secret, not the ConfigMap, and uses the {albumboard} hash tag', () => {
    const config = find(objects, 'ConfigMap', 'albumboard-config').data ?? {};
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.QUEUE_PREFIX).toBe('{albumboard}');
    expect(secretTemplate.REDIS_URL).toMatch(/^rediss:\/\//);
    expect(effectiveEnv(objects, container(objects, 'api'), extraSecrets).REDIS_URL).toBe(secretTemplate.REDIS_URL);
  });

  it('checks users’ tokens with Supabase Auth settings, never in dev auth mode', () => {
    const env = effectiveEnv(objects, container(objects, 'api'), extraSecrets);
    expect(Boolean(env.SUPABASE_URL) || Boolean(env.SUPABASE_JWT_SECRET)).toBe(true);
  });

  it('generates no Secret (it is created from the template outside git) and ships no emulator', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(objects.find((o) => o.metadata.name === 'spotify-emulator')).toBeUndefined();
  });

  it('pulls registry images with an explicit tag', () => {
    for (const c of deployments(objects).flatMap(podContainers)) {
      const [name, tag] = splitImage(c.image);
      expect(name).toMatch(/^ghcr\.io\/[\w-]+\/albumboard-[\w-]+$/);
      expect(tag).toMatch(/^v\d+\.\d+\.\d+$/);
    }
  });
});

describe('secret template', () => {
  it('holds placeholders only', () => {
    for (const [name, value] of Object.entries(secretTemplate)) expect([name, value]).toEqual([name, expect.stringContaining('CHANGE_ME')]);
  });
});

describe('overlay prometheus-operator', () => {
  const objects = rendered['prometheus-operator'];

  it('is managed-redis plus a ServiceMonitor and a PrometheusRule, in the albumboard namespace', () => {
    const kinds = (list: K8sObject[]) => list.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds(objects)).toEqual([...kinds(rendered['managed-redis']), 'PrometheusRule/albumboard', 'ServiceMonitor/albumboard-api'].sort());
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe('albumboard');
  });

  it("scrapes the api Service's port at /metrics with METRICS_TOKEN from the secret the apps use", () => {
    const monitor = find(objects, 'ServiceMonitor', 'albumboard-api').spec as {
      selector: { matchLabels: Record<string, string> };
      endpoints: Array<{ port: string; path: string; authorization: { type: string; credentials: { name: string; key: string } } }>;
    };
    const service = find(objects, 'Service', 'api');
    expect(service.metadata.labels).toMatchObject(monitor.selector.matchLabels);
    const ports = (service.spec as { ports: Array<{ name: string }> }).ports.map((p) => p.name);
    expect(monitor.endpoints).toHaveLength(1);
    expect(ports).toContain(monitor.endpoints[0].port);
    expect(monitor.endpoints[0].path).toBe('/metrics');
    expect(monitor.endpoints[0].authorization).toEqual({ type: 'Bearer', credentials: { name: 'albumboard-secrets', key: 'METRICS_TOKEN' } });
    expect(Object.keys(secretTemplate)).toContain('METRICS_TOKEN');
    const apiEnvFrom = container(objects, 'api').envFrom?.map((e) => e.secretRef?.name);
    expect(apiEnvFrom).toContain('albumboard-secrets');
  });

  it('carries exactly the rules promtool checks (infra/prometheus/albumboard.rules.yml)', () => {
    const rule = find(objects, 'PrometheusRule', 'albumboard').spec as { groups: unknown };
    expect(rule.groups).toEqual(readYaml<{ groups: unknown }>(RULES_FILE).groups);
  });
});
