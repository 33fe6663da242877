import { readYaml } from './repo';

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  profiles?: string[];
  deploy?: { replicas?: number | string };
  restart?: string;
  stop_grace_period?: string;
  volumes?: string[];
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const readCompose = (): ComposeFile => readYaml<ComposeFile>('docker-compose.yml');

const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}/g;

/** The variable names a compose value interpolates. */
export function interpolatedNames(value: string): string[] {
  return [...value.matchAll(INTERPOLATION)].map((m) => m[1]);
}

/**
 * Compose-style interpolation: `${A}`, `${A:-default}`, `${A-default}`, `${A:?err}`, `${A:+alt}`, `$$`.
 * Throws like compose does for `:?`/`?` when the variable is missing.
 */
export function interpolate(value: string, env: Record<string, string>): string {
  return value
    .replace(INTERPOLATION, (_all, name: string, op: string | undefined, arg: string | undefined) => {
      const set = Object.prototype.hasOwnProperty.call(env, name);
      const v = set ? env[name] : undefined;
      const nonEmpty = v !== undefined && v !== '';
      switch (op) {
        case ':-':
          return nonEmpty ? (v as string) : (arg ?? '');
        case '-':
          return set ? (v as string) : (arg ?? '');
        case ':?':
        case '?':
          if (op === ':?' ? !nonEmpty : !set) throw new Error(`required variable ${name} is missing: ${arg ?? ''}`);
          return v as string;
        case ':+':
          return nonEmpty ? (arg ?? '') : '';
        case '+':
          return set ? (arg ?? '') : '';
        default:
          return v ?? '';
      }
    })
    .replace(/\$\$/g, '$');
}

/** A service's container environment as compose would pass it, given the variables of the shell/.env. */
export function serviceEnvironment(service: ComposeService, vars: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(service.environment ?? {})) {
    out[key] = raw === null ? '' : interpolate(String(raw), vars);
  }
  return out;
}

/** Every `${VAR}` the compose file reads, with whether it has a default (`:-`, `-`) or is optional-by-design. */
export function composeVariables(text: string): Map<string, { hasDefault: boolean }> {
  const out = new Map<string, { hasDefault: boolean }>();
  for (const m of text.matchAll(INTERPOLATION)) {
    const hasDefault = m[2] === ':-' || m[2] === '-';
    const prev = out.get(m[1]);
    out.set(m[1], { hasDefault: (prev?.hasDefault ?? true) && hasDefault });
  }
  return out;
}

/** Variables compose itself reads (not passed to a container under the same name). */
export const COMPOSE_ONLY = ['API_PORT', 'SPOTIFY_EMULATOR_REPLICAS', 'JAEGER_UI_PORT'];
