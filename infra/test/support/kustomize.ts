import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { abs, read } from './repo';

/**
 * A small kustomize renderer for the subset infra/k8s uses (resources, namespace, labels, configMapGenerator,
 * secretGenerator, images). It refuses any other kustomization field, so the tests cannot silently check
 * something other than what `kubectl apply -k` deploys. Generated names keep no hash suffix; the CI workflow
 * also renders the overlays with the real `kubectl kustomize`.
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

interface Generator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  envs?: string[];
  literals?: string[];
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  labels?: Array<{ pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }>;
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'labels', 'configMapGenerator', 'secretGenerator', 'images']);

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

function generatorData(dir: string, gen: Generator): Record<string, string> {
  const data: Record<string, string> = {};
  for (const file of gen.envs ?? []) Object.assign(data, parseEnvFile(read(path.join(dir, file))));
  for (const lit of gen.literals ?? []) Object.assign(data, parseEnvFile(lit));
  return data;
}

function loadYamlObjects(rel: string): K8sObject[] {
  return parseAllDocuments(read(rel))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

const key = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

/** Renders the kustomization in `dir` (relative to the repository root). Secrets' data stay plain text. */
export function render(dir: string): K8sObject[] {
  const k = parse(read(path.join(dir, 'kustomization.yaml')));
  const unknown = Object.keys(k).filter((f) => !SUPPORTED.has(f));
  if (unknown.length > 0) throw new Error(`${dir}/kustomization.yaml uses fields this renderer does not know: ${unknown.join(', ')}`);

  let objects: K8sObject[] = [];
  for (const res of k.resources ?? []) {
    const rel = path.join(dir, res);
    if (fs.statSync(abs(rel)).isDirectory()) objects.push(...render(rel));
    else objects.push(...loadYamlObjects(rel));
  }

  const generate = (kind: 'ConfigMap' | 'Secret', gens: Generator[] | undefined): void => {
    for (const gen of gens ?? []) {
      const data = generatorData(dir, gen);
      const existing = objects.find((o) => o.kind === kind && o.metadata.name === gen.name);
      if (gen.behavior === 'merge' || gen.behavior === 'replace') {
        if (!existing) throw new Error(`${dir}: ${gen.behavior} of ${kind} ${gen.name}, which no resource generates`);
        existing.data = gen.behavior === 'merge' ? { ...existing.data, ...data } : data;
      } else {
        if (existing) throw new Error(`${dir}: ${kind} ${gen.name} generated twice`);
        objects.push({ apiVersion: 'v1', kind, metadata: { name: gen.name }, data, ...(kind === 'Secret' ? { type: 'Opaque' } : {}) });
      }
    }
  };
  generate('ConfigMap', k.configMapGenerator);
  generate('Secret', k.secretGenerator);

  for (const l of k.labels ?? []) {
    if (l.includeSelectors || l.includeTemplates) throw new Error(`${dir}: labels with includeSelectors/includeTemplates are not supported here`);
    for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
  }
  if (k.namespace) {
    objects = objects.map((o) => (o.kind === 'Namespace' ? o : { ...o, metadata: { ...o.metadata, namespace: k.namespace } }));
  }
  for (const img of k.images ?? []) {
    for (const c of objects.flatMap(podContainers)) {
      const [name, tag] = splitImage(c.image);
      if (name !== img.name) continue;
      c.image = `${img.newName ?? name}${img.newTag ? `:${img.newTag}` : tag ? `:${tag}` : ''}`;
    }
  }
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(key(o))) throw new Error(`${dir}: ${key(o)} defined twice`);
    seen.add(key(o));
  }
  return objects;
}

function parse(text: string): Kustomization {
  const docs = parseAllDocuments(text);
  return docs[0].toJS() as Kustomization;
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

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
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
