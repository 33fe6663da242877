import { z } from 'zod';
import { devUserNameSchema } from '../auth/dev-auth';
import { mintDevToken } from '../auth/dev-token';

const USAGE = 'usage: pnpm run -s token <name> [hours]   (name: 1–64 of A-Z a-z 0-9 . _ -; hours: 1–720, default 24)';

const argsSchema = z.tuple([devUserNameSchema, z.coerce.number().int().min(1).max(720).optional()]);

interface Output {
  write(text: string): unknown;
}

/**
 * `pnpm run -s token alice [hours]`: prints a dev access token for user `alice` on stdout (only the token, so
 * `TOKEN=$(pnpm run -s token alice)` works) and who it is for on stderr. Returns the exit code.
 */
export async function runMintDevToken(argv: string[], stdout: Output, stderr: Output): Promise<number> {
  const parsed = argsSchema.safeParse(argv);
  if (!parsed.success) {
    stderr.write(`${USAGE}\n`);
    return 2;
  }
  const [name, hours = 24] = parsed.data;
  const minted = await mintDevToken(name, { ttlSeconds: hours * 3600 });
  stdout.write(`${minted.token}\n`);
  stderr.write(
    `dev token for "${name}" (user id ${minted.userId}), valid until ${minted.expiresAt.toISOString()}.\n` +
      'Accepted only by an api in dev auth mode (no SUPABASE_URL / SUPABASE_JWT_SECRET). Use it as: Authorization: Bearer <token>\n',
  );
  return 0;
}

if (require.main === module) {
  runMintDevToken(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`cannot mint a dev token: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
