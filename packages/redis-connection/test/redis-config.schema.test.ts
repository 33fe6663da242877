import { hashTagOf, parseRedisSettings } from '../src/redis-config.schema';

describe('parseRedisSettings', () => {
  it('defaults to a local plain Redis, verified TLS and the bull prefix', () => {
    expect(parseRedisSettings({})).toEqual({
      url: 'redis://127.0.0.1:6379',
      tls: { rejectUnauthorized: true, caFile: undefined },
      clusterNodes: undefined,
      sentinels: undefined,
      sentinelName: undefined,
      queuePrefix: 'bull',
    });
  });

  it('reads the TLS opt-out and the node lists', () => {
    const settings = parseRedisSettings({ REDIS_URL: 'rediss://:pw@h:1', REDIS_TLS_REJECT_UNAUTHORIZED: 'false', REDIS_CLUSTER_NODES: 'a:1, b:2', QUEUE_PREFIX: '{albumboard}' });
    expect(settings.tls.rejectUnauthorized).toBe(false);
    expect(settings.clusterNodes).toEqual([{ host: 'a', port: 1 }, { host: 'b', port: 2 }]);
  });

  it.each([
    [{ REDIS_CLUSTER_NODES: 'a:1' }, /^Invalid setting QUEUE_PREFIX: must be a hash tag such as \{albumboard\}/],
    [{ REDIS_CLUSTER_NODES: 'a:1', QUEUE_PREFIX: '{}' }, /QUEUE_PREFIX: must be a hash tag/],
    [{ REDIS_CLUSTER_NODES: 'a' }, /REDIS_CLUSTER_NODES: must be a comma-separated list of host:port/],
    [{ REDIS_SENTINELS: 'a:1' }, /REDIS_SENTINEL_NAME: is required/],
    [{ REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'm', REDIS_CLUSTER_NODES: 'a:1', QUEUE_PREFIX: '{x}' }, /REDIS_SENTINELS: cannot be set together/],
    [{ REDIS_TLS_CA_FILE: '/ca.pem' }, /REDIS_TLS_CA_FILE: needs a rediss:\/\//],
    [{ REDIS_TLS_REJECT_UNAUTHORIZED: 'maybe' }, /REDIS_TLS_REJECT_UNAUTHORIZED: must be true or false/],
    [{ QUEUE_PREFIX: 'a/b' }, /QUEUE_PREFIX: must be 1-64 characters/],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => parseRedisSettings(env)).toThrow(message);
  });

  it('finds the hash tag Redis Cluster hashes on', () => {
    expect([hashTagOf('{albumboard}'), hashTagOf('app{x}y'), hashTagOf('{}x'), hashTagOf('bull')]).toEqual(['albumboard', 'x', undefined, undefined]);
  });
});
