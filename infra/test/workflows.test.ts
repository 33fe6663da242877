import fs from 'node:fs';
import { z } from 'zod';
import { IMAGES } from './support/images';
import { abs, exists, pinnedPnpmVersion, read, readPackageJson, readYaml } from './support/repo';

const stepSchema = z
  .object({ name: z.string().optional(), uses: z.string().optional(), run: z.string().optional(), with: z.record(z.string(), z.unknown()).optional(), if: z.string().optional(), id: z.string().optional(), env: z.record(z.string(), z.unknown()).optional() })
  .strict()
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), { message: 'a step needs exactly one of uses/run' });

const jobSchema = z
  .object({
    name: z.string().optional(),
    'runs-on': z.string().min(1),
    'timeout-minutes': z.number().int().positive(),
    steps: z.array(stepSchema).min(1),
    services: z.record(z.string(), z.object({ image: z.string(), env: z.record(z.string(), z.string()).optional(), ports: z.array(z.string()).optional(), options: z.string().optional() }).strict()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])).optional(),
    strategy: z.object({ 'fail-fast': z.boolean().optional(), matrix: z.record(z.string(), z.unknown()) }).optional(),
  })
  .strict();

const workflowSchema = z
  .object({
    name: z.string().min(1),
    on: z.record(z.string(), z.unknown()),
    permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])),
    concurrency: z.object({ group: z.string(), 'cancel-in-progress': z.boolean() }).optional(),
    jobs: z.record(z.string(), jobSchema),
  })
  .strict();

type Workflow = z.infer<typeof workflowSchema>;

const files = fs.readdirSync(abs('.github/workflows')).filter((f) => /\.ya?ml$/.test(f));
const load = (file: string): Workflow => workflowSchema.parse(readYaml(`.github/workflows/${file}`));

describe.each(files.map((f) => [f]))('%s', (file) => {
  it('is a valid workflow: triggers, least-privilege permissions, jobs with runs-on, a timeout and steps', () => {
    const wf = load(file);
    expect(Object.keys(wf.on).length).toBeGreaterThan(0);
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action to a version tag or a commit SHA', () => {
    const wf = load(file);
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps.filter((s) => s.uses)) {
        expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      }
    }
  });
});

describe('ci.yml', () => {
  const wf = () => load('ci.yml');
  const job = () => Object.values(wf().jobs)[0];
  const runs = () => job().steps.map((s) => s.run ?? '').join('\n');

  it('runs on pushes to main and on pull requests', () => {
    expect(Object.keys(wf().on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it(`installs pnpm ${pinnedPnpmVersion()} (packageManager) and installs with a frozen lockfile`, () => {
    const pins = [...runs().matchAll(/pnpm@([\w.-]+)/g)].map((m) => m[1]);
    expect(pins).toEqual([pinnedPnpmVersion()]);
    expect(runs()).toMatch(/pnpm install --frozen-lockfile/);
  });

  it("tests on the Node.js major the images run and on the oldest major the root package.json's engines allows", () => {
    expect(job().steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with).toEqual({ 'node-version': '${{ matrix.node }}' });
    const majors = job().strategy?.matrix.node;
    const imageMajor = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim$/m.exec(read('apps/api/Dockerfile'))?.[1];
    const oldestMajor = /^\^?(\d+)\./.exec(readPackageJson('.').engines?.node ?? '')?.[1];
    expect(majors).toEqual([Number(oldestMajor), Number(imageMajor)]);
    expect(majors).toEqual([20, 24]);
  });

  it('typechecks and tests against Redis 7 and PostgreSQL 15 service containers', () => {
    expect(runs()).toMatch(/^pnpm typecheck$/m);
    expect(runs()).toMatch(/^pnpm test$/m);
    const services = job().services ?? {};
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services.redis.options).toContain('redis-cli ping');
    expect(services.postgres.image).toMatch(/^postgres:15/);
    expect(services.postgres.options).toContain('pg_isready');
    expect(job().env).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
  });

  it('renders every Kubernetes overlay with kustomize', () => {
    const overlays = fs.readdirSync(abs('infra/k8s/overlays'));
    for (const o of overlays) expect(runs()).toContain(`kubectl kustomize infra/k8s/overlays/${o}`);
  });
});

describe('images.yml', () => {
  const wf = () => load('images.yml');
  const job = () => wf().jobs.image;
  const step = (action: string) => job().steps.find((s) => s.uses?.startsWith(action));

  it('builds one image per app plus the single-container image, each from its Dockerfile', () => {
    const include = (job().strategy?.matrix.include ?? []) as Array<{ image: string; dockerfile: string }>;
    expect(include.map((i) => i.image).sort()).toEqual(IMAGES.map((i) => i.name).sort());
    for (const i of include) {
      expect(i.dockerfile).toBe(IMAGES.find((x) => x.name === i.image)?.dockerfile);
      expect(exists(i.dockerfile)).toBe(true);
    }
  });

  it('pushes to ghcr.io only for v* tags, logging in with GITHUB_TOKEN and packages: write', () => {
    expect(wf().on.push).toEqual({ tags: ['v*'] });
    expect(job().permissions).toMatchObject({ packages: 'write' });
    const login = step('docker/login-action');
    expect(login?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(login?.with).toMatchObject({ registry: 'ghcr.io', password: '${{ secrets.GITHUB_TOKEN }}' });
    const build = step('docker/build-push-action');
    expect(build?.with?.push).toBe("${{ startsWith(github.ref, 'refs/tags/v') }}");
    expect(String(step('docker/metadata-action')?.with?.images)).toBe('ghcr.io/${{ github.repository_owner }}/albumboard-${{ matrix.image }}');
  });

  it('builds with the repository root as context and a GitHub Actions cache scoped per image', () => {
    const build = step('docker/build-push-action');
    expect(build?.with).toMatchObject({
      context: '.',
      file: '${{ matrix.dockerfile }}',
      'cache-from': 'type=gha,scope=${{ matrix.image }}',
      'cache-to': 'type=gha,mode=max,scope=${{ matrix.image }}',
    });
  });

  it('pull requests that change an image input build it', () => {
    const paths = (wf().on.pull_request as { paths: string[] }).paths;
    for (const p of ['apps/**', 'packages/**', 'infra/single-container/**', 'pnpm-lock.yaml', '.dockerignore', 'tsconfig.base.json']) expect(paths).toContain(p);
  });
});
