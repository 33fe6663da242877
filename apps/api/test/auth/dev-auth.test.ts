import { devUserId, devUserNameSchema, uuidV5 } from '../../src/auth/dev-auth';

describe('dev users', () => {
  it('computes RFC 9562 UUID v5 (the RFC example: www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives each name one stable, case-insensitive v5 user id', () => {
    const alice = devUserId('alice');
    expect(alice).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(devUserId('alice')).toBe(alice);
    expect(devUserId('Alice')).toBe(alice);
    expect(devUserId('bob')).not.toBe(alice);
  });

  it('accepts short plain names only', () => {
    expect(devUserNameSchema.safeParse('alice.b_2-x').success).toBe(true);
    for (const bad of ['', 'a b', 'x'.repeat(65), 'ä', '../etc']) expect(devUserNameSchema.safeParse(bad).success).toBe(false);
  });
});
