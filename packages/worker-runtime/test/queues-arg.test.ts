import { formatQueueList, parseQueuesArg, QueuesArgError } from '../src/queues-arg';

describe('parseQueuesArg', () => {
  const all = { defaults: ['default'] as const };

  it('returns the defaults without --queues', () => {
    expect(parseQueuesArg([], { defaults: ['spotify'] })).toEqual(['spotify']);
  });

  it('accepts --queues a,b and --queues=a,b, trimming and de-duplicating', () => {
    expect(parseQueuesArg(['--queues', 'default, leaderboard'], all)).toEqual(['default', 'leaderboard']);
    expect(parseQueuesArg(['--queues=leaderboard,leaderboard'], all)).toEqual(['leaderboard']);
  });

  it('refuses to mix spotify with another queue', () => {
    expect(() => parseQueuesArg(['--queues', 'spotify,default'], all)).toThrow(QueuesArgError);
    expect(() => parseQueuesArg(['--queues=default,spotify'], all)).toThrow(/spotify queue must run in its own process/);
  });

  it('refuses unknown names, queues the app does not serve, and empty values', () => {
    expect(() => parseQueuesArg(['--queues', 'spotfy'], all)).toThrow(/Unknown queue "spotfy"/);
    expect(() => parseQueuesArg(['--queues', 'default'], { defaults: ['spotify'], allowed: ['spotify'] })).toThrow(/does not serve queue "default"/);
    expect(() => parseQueuesArg(['--queues=,'], all)).toThrow(/names no queue/);
    expect(() => parseQueuesArg(['--queues'], all)).toThrow(/needs a value/);
  });
});

describe('formatQueueList', () => {
  it('prints a Python-style list', () => {
    expect(formatQueueList(['spotify'])).toBe("['spotify']");
    expect(formatQueueList(['default', 'leaderboard'])).toBe("['default', 'leaderboard']");
  });
});

describe('parseQueuesArg in a spotify-only app', () => {
  it('names the spotify rule first when spotify is mixed with a queue the app does not serve', () => {
    expect(() => parseQueuesArg(['--queues', 'spotify,default'], { defaults: ['spotify'], allowed: ['spotify'] })).toThrow(/spotify queue must run in its own process/);
  });
});
