import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root (/work/main): src/test-support → packages/spotify-client → packages → root. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The recorded Spotify bodies: `<repo root>/../shared/spotify/real-responses`, or SPOTIFY_REAL_RESPONSES_DIR. */
export function realResponsesDir(): string {
  return process.env.SPOTIFY_REAL_RESPONSES_DIR ?? path.resolve(REPO_ROOT, '../shared', 'spotify', 'real-responses');
}

export function realResponseFiles(): string[] {
  return readdirSync(realResponsesDir())
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** The raw text of one recorded body. */
export function readRealResponseText(name: string): string {
  return readFileSync(path.join(realResponsesDir(), name), 'utf8');
}

export function readRealResponse(name: string): unknown {
  return JSON.parse(readRealResponseText(name));
}
