import { appNames } from './repo';

/** How an image (or a process) proves it is alive. */
export interface HealthSpec {
  path: string;
  /** The environment variable holding the port, and the port the deployment files use. */
  portEnv: string;
  port: number;
}

export interface ImageSpec {
  /** `api`, `worker-spotify`, … or `single-container`. */
  name: string;
  dockerfile: string;
  /** Workspace packages the image builds and deploys (the first one owns the CMD). */
  packages: string[];
  /** The exec-form CMD, relative to the runner's WORKDIR. */
  cmd: string[];
  health: HealthSpec;
}

const WORKER_HEALTH: HealthSpec = { path: '/healthz', portEnv: 'WORKER_HEALTH_PORT', port: 8081 };
const API_HEALTH: HealthSpec = { path: '/healthz', portEnv: 'PORT', port: 3000 };

/** The queue each worker app consumes (its `--queues` argument everywhere: Dockerfile, compose, Procfile, k8s). */
export const WORKER_QUEUES: Record<string, string> = {
  'worker-default': 'default',
  'worker-spotify': 'spotify',
  'worker-leaderboard': 'leaderboard',
};

/** One entry per app under apps/, plus the single-container image. */
export const IMAGES: ImageSpec[] = [
  { name: 'api', dockerfile: 'apps/api/Dockerfile', packages: ['@albumboard/api'], cmd: ['node', 'dist/index.js'], health: API_HEALTH },
  ...Object.entries(WORKER_QUEUES).map(([app, queue]) => ({
    name: app,
    dockerfile: `apps/${app}/Dockerfile`,
    packages: [`@albumboard/${app}`],
    cmd: ['node', 'dist/index.js', '--queues', queue],
    health: WORKER_HEALTH,
  })),
  {
    name: 'spotify-emulator',
    dockerfile: 'apps/spotify-emulator/Dockerfile',
    packages: ['@albumboard/spotify-emulator'],
    cmd: ['node', 'dist/main.js'],
    health: { path: '/__emulator/stats', portEnv: 'EMULATOR_PORT', port: 4010 },
  },
  {
    name: 'single-container',
    dockerfile: 'infra/single-container/Dockerfile',
    packages: [
      '@albumboard/stack-launcher',
      '@albumboard/api',
      '@albumboard/worker-default',
      '@albumboard/worker-spotify',
      '@albumboard/worker-leaderboard',
      '@albumboard/spotify-emulator',
    ],
    cmd: ['node', 'packages/stack-launcher/dist/index.js'],
    health: API_HEALTH,
  },
];

export const appImages = (): ImageSpec[] => IMAGES.filter((i) => i.name !== 'single-container');

/** Sanity: the table above covers exactly the apps that exist. */
export function missingImageSpecs(): string[] {
  const known = new Set(appImages().map((i) => i.name));
  return appNames().filter((a) => !known.has(a));
}
