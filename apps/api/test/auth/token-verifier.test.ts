import { DEV_JWT_AUDIENCE, DEV_JWT_ISSUER, DEV_JWT_SECRET } from '../../src/auth/dev-auth';
import { createTokenVerifier, InvalidTokenError, VERIFIED_TOKEN_TTL_MS } from '../../src/auth/token-verifier';
import { signHs256 } from '../support/tokens';

const USER = '2b1c8a3e-5f4d-4e6a-9b7c-0d1e2f3a4b5c';
const settings = { mode: 'dev' as const, jwksUrl: null, secret: DEV_JWT_SECRET, issuer: DEV_JWT_ISSUER, audience: DEV_JWT_AUDIENCE };

/** A verified token is remembered (the next request skips the signature check), but never past its `exp`. */
describe('createTokenVerifier: verified tokens are remembered until they expire', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a verified token again, and refuses it once it has expired although it was remembered', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const verifier = createTokenVerifier(settings);
    const token = await signHs256(USER, { expiresIn: 20 });
    await expect(verifier.verify(token)).resolves.toEqual({ id: USER, role: 'authenticated' });
    await expect(verifier.verify(token)).resolves.toEqual({ id: USER, role: 'authenticated' });
    jest.advanceTimersByTime(30_000); // past exp and jose's 5 s clock tolerance
    await expect(verifier.verify(token)).rejects.toThrow(new InvalidTokenError('The access token has expired'));
  });

  it('remembers the exact token text only: the same claims with a forged signature are refused after a good one', async () => {
    const verifier = createTokenVerifier(settings);
    const token = await signHs256(USER);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(verifier.verify(forged)).rejects.toThrow(new InvalidTokenError('The access token signature is invalid'));
    const otherSecret = createTokenVerifier({ ...settings, secret: 'another-secret-of-32-characters-x' });
    await expect(otherSecret.verify(token)).rejects.toThrow(InvalidTokenError); // no cache shared between verifiers
  });

  it('checks a remembered token again after VERIFIED_TOKEN_TTL_MS, and still answers it while it is valid', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const verifier = createTokenVerifier(settings);
    const token = await signHs256(USER, { expiresIn: 3600 });
    await verifier.verify(token);
    jest.advanceTimersByTime(VERIFIED_TOKEN_TTL_MS + 1);
    await expect(verifier.verify(token)).resolves.toEqual({ id: USER, role: 'authenticated' });
  });

  it('never remembers a refused token', async () => {
    const verifier = createTokenVerifier(settings);
    const expired = await signHs256(USER, { expiresIn: -60 });
    for (let i = 0; i < 2; i += 1) await expect(verifier.verify(expired)).rejects.toThrow(InvalidTokenError);
  });
});

describe('createTokenVerifier: what a refused token is told', () => {
  const verifier = createTokenVerifier(settings);

  it('a token without sub names no user; a sub that is not a uuid is not a user id', async () => {
    await expect(verifier.verify(await signHs256(undefined))).rejects.toThrow(new InvalidTokenError('The access token does not name a user (it has no "sub" claim)'));
    await expect(verifier.verify(await signHs256('alice'))).rejects.toThrow(new InvalidTokenError('The access token\'s "sub" claim is not a user id (a UUID)'));
  });
});
