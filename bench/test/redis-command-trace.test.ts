import { Redis } from 'ioredis';
import { traceCommands, unquoteMonitorArg } from '../lib/redis-command-trace';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const key = `bench-trace-test-${process.pid}`;
// A quote, a backslash and a tab: MONITOR prints all three escaped.
const SCRIPT = `local note = "tab\\there \\\\ \\"quoted\\""\nredis.call('SET', KEYS[1], note)\nredis.call('INCR', KEYS[1] .. ':n')\nreturn redis.call('GET', KEYS[1])`;

describe('traceCommands (real Redis, MONITOR)', () => {
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    await redis.del(key, `${key}:n`);
    await redis.quit();
  });

  it('undoes MONITOR quoting', () => {
    expect(unquoteMonitorArg('a\\nb\\"c\\\\d\\x41\\t')).toBe('a\nb"c\\dA\t');
  });

  it('groups a named script with the commands it ran inside, by EVAL and EVALSHA, and plain commands by name', async () => {
    redis.defineCommand('benchTraceScript', { numberOfKeys: 1, lua: SCRIPT });
    const named = redis as unknown as { benchTraceScript(key: string): Promise<string> };
    const { result, trace } = await traceCommands(REDIS_URL, { 'test script': SCRIPT }, async () => {
      await redis.eval(SCRIPT, 1, key); // EVAL: matched by its body
      await named.benchTraceScript(key); // EVALSHA (ioredis sends the sha1 first): matched by the sha1
      return redis.get(key);
    });
    expect(result).toBe('tab\there \\ "quoted"');
    const byLabel = Object.fromEntries(trace.groups.map((g) => [g.label, g]));
    expect(byLabel['test script']).toEqual({ label: 'test script', calls: 2, commands: 2 * 4 });
    expect(byLabel.get).toMatchObject({ calls: 1, commands: 1 });
    expect(trace.total).toBe(trace.groups.reduce((sum, g) => sum + g.commands, 0));
  });
});
