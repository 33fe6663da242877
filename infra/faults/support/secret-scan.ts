import { readFileSync } from 'node:fs';

/** Log lines of `files` that contain one of `secrets` (raw or base64, as in a Basic header). */
export function scanForSecrets(files: readonly string[], secrets: readonly string[]): { lines: number; leaks: string[] } {
  const needles = secrets.flatMap((secret) => [secret, Buffer.from(secret).toString('base64')]);
  let lines = 0;
  const leaks: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      lines += 1;
      if (needles.some((needle) => line.includes(needle))) leaks.push(`${file}: ${line.slice(0, 160)}`);
    }
  }
  return { lines, leaks };
}
