import { allConfigEnvNames, configFiles, envNamesIn } from './support/app-config';
import { COMPOSE_ONLY, readCompose } from './support/compose';
import { IMAGES } from './support/images';
import { deployments, podContainers, render } from './support/kustomize';
import { appNames, appServesPath, read } from './support/repo';

/** Values allowed for secret-like names in .env.example: empty, placeholders, or the emulator's public dev values. */
const PLACEHOLDER = /^(|your-[\w-]+|CHANGE_ME|albumboard-dev-[a-z]+|albumboard)$/;

function envExample(): Array<{ name: string; value: string; line: string }> {
  return read('.env.example')
    .split('\n')
    .map((line) => ({ line, m: /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line) }))
    .filter((x) => x.m)
    .map(({ line, m }) => ({ name: (m as RegExpExecArray)[1], value: (m as RegExpExecArray)[2].trim(), line }));
}

describe('environment variables', () => {
  it('finds the config modules of every app and the shared packages', () => {
    const files = configFiles();
    for (const app of appNames()) expect(files).toContain(`apps/${app}/src/config.ts`);
    expect(files).toContain('packages/worker-runtime/src/env.ts');
    expect(files).toContain('packages/stack-launcher/src/config.ts');
    for (const f of files) expect([f, envNamesIn(f).length > 0]).toEqual([f, true]);
  });

  it('every name any app’s configuration reads is documented in .env.example or docs/deployment.md', () => {
    const docs = `${read('.env.example')}\n${read('docs/deployment.md')}`;
    for (const name of allConfigEnvNames()) expect([name, new RegExp(`\\b${name}\\b`).test(docs)]).toEqual([name, true]);
  });

  it('.env.example only documents: every line is a comment, and every name is real', () => {
    for (const line of read('.env.example').split('\n')) expect([line, line === '' || line.startsWith('#')]).toEqual([line, true]);
    const known = new Set([...allConfigEnvNames(), ...COMPOSE_ONLY]);
    for (const { name } of envExample()) expect([name, known.has(name)]).toEqual([name, true]);
  });

  it('.env.example holds no real secret', () => {
    for (const { name, value } of envExample().filter((e) => /SECRET|TOKEN|PASSWORD|_KEY$|CLIENT_ID/.test(e.name))) {
      expect([name, PLACEHOLDER.test(value)]).toEqual([name, true]);
    }
  });
});

describe('health endpoints named by the deployment files exist in the apps', () => {
  it('Dockerfile HEALTHCHECKs', () => {
    for (const spec of IMAGES) {
      const app = spec.name === 'single-container' ? 'api' : spec.name;
      expect([spec.name, spec.health.path, appServesPath(app, spec.health.path)]).toEqual([spec.name, spec.health.path, true]);
    }
  });

  it('Kubernetes probes (api /healthz and /readyz, workers /healthz, emulator stats)', () => {
    for (const overlay of ['local', 'managed-redis']) {
      for (const d of deployments(render(`infra/k8s/overlays/${overlay}`))) {
        const app = d.metadata.name;
        if (!appNames().includes(app)) continue; // redis
        for (const c of podContainers(d)) {
          for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
            const p = probe?.httpGet?.path;
            if (p) expect([app, p, appServesPath(app, p)]).toEqual([app, p, true]);
          }
        }
      }
    }
  });

  it('compose healthchecks of app services', () => {
    for (const [name, s] of Object.entries(readCompose().services)) {
      if (!appNames().includes(name)) continue;
      for (const p of (s.healthcheck?.test ?? []).join(' ').match(/\/[\w_/]+(?=['"])/g) ?? []) {
        expect([name, p, appServesPath(name, p)]).toEqual([name, p, true]);
      }
    }
  });
});
