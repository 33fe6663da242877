import { authSettingsOf } from '../../src/auth/auth-settings';
import { devUserId } from '../../src/auth/dev-auth';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import { loadConfig } from '../../src/config';
import { runMintDevToken } from '../../src/cli/mint-dev-token';

function sink(): { write(text: string): void; text: string } {
  return {
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

describe('pnpm run token <name> (mint-dev-token)', () => {
  const verifier = createTokenVerifier(authSettingsOf(loadConfig({ DATABASE_URL: 'postgres://db/app' })));

  it('prints only the token on stdout: a dev-mode api accepts it as the named user, for 24 h', async () => {
    const out = sink();
    const err = sink();
    expect(await runMintDevToken(['alice'], out, err)).toBe(0);
    const token = out.text.trim();
    expect(out.text).toBe(`${token}\n`);
    expect(await verifier.verify(token)).toEqual({ id: devUserId('alice'), role: 'authenticated' });
    const { exp, iat } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number; iat: number };
    expect(exp - iat).toBe(24 * 3600);
    expect(err.text).toContain(devUserId('alice'));
  });

  it('takes a lifetime in hours', async () => {
    const out = sink();
    expect(await runMintDevToken(['bob', '2'], out, sink())).toBe(0);
    const { exp, iat } = JSON.parse(Buffer.from(out.text.trim().split('.')[1], 'base64url').toString('utf8')) as { exp: number; iat: number };
    expect(exp - iat).toBe(2 * 3600);
  });

  it.each([[[]], [['a b']], [['alice', '0']], [['alice', '721']], [['alice', 'x']], [['alice', '2', 'extra']]])(
    'refuses %j with the usage line and exit code 2',
    async (argv) => {
      const out = sink();
      const err = sink();
      expect(await runMintDevToken(argv, out, err)).toBe(2);
      expect(out.text).toBe('');
      expect(err.text).toMatch(/^usage: pnpm run -s token <name>/);
    },
  );

  it('is refused by an api configured for Supabase', async () => {
    const out = sink();
    await runMintDevToken(['alice'], out, sink());
    const supabase = createTokenVerifier(
      authSettingsOf(loadConfig({ SUPABASE_URL: 'http://127.0.0.1:1', SUPABASE_SERVICE_ROLE_KEY: 'k'.repeat(40), SUPABASE_JWT_SECRET: 's'.repeat(40) })),
    );
    await expect(supabase.verify(out.text.trim())).rejects.toThrow(/signature|not issued/);
  });
});
