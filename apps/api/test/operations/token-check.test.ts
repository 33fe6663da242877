import { credentialOf, tokenMatches } from '../../src/operations/token-check';

describe('tokenMatches', () => {
  it('accepts only the exact token', () => {
    expect(tokenMatches('s3cret-token-0123456789', 's3cret-token-0123456789')).toBe(true);
    expect(tokenMatches('s3cret-token-012345678', 's3cret-token-0123456789')).toBe(false);
    expect(tokenMatches('S3cret-token-0123456789', 's3cret-token-0123456789')).toBe(false);
    expect(tokenMatches('', 's3cret-token-0123456789')).toBe(false);
    expect(tokenMatches(undefined, 's3cret-token-0123456789')).toBe(false);
  });
});

describe('credentialOf', () => {
  it('reads a Bearer token and the password of Basic credentials', () => {
    expect(credentialOf('Bearer abc')).toEqual({ scheme: 'bearer', secret: 'abc' });
    expect(credentialOf('bearer  abc')).toEqual({ scheme: 'bearer', secret: 'abc' });
    expect(credentialOf(`Basic ${Buffer.from('ops:pa:ss').toString('base64')}`)).toEqual({ scheme: 'basic', secret: 'pa:ss' });
  });

  it('ignores anything else', () => {
    expect(credentialOf(undefined)).toBeUndefined();
    expect(credentialOf('abc')).toBeUndefined();
    expect(credentialOf('Bearer')).toBeUndefined();
    expect(credentialOf(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(credentialOf('Digest abc')).toBeUndefined();
  });
});
