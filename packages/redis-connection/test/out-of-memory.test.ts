import { isOutOfMemoryError, retryOnceAfterOutOfMemory } from '../src';

const oom = () => Object.assign(new Error("OOM command not allowed when used memory > 'maxmemory'."), { name: 'ReplyError' });

describe('isOutOfMemoryError', () => {
  it("knows Redis's refusal, also quoted from inside a script, and nothing else", () => {
    expect(isOutOfMemoryError(oom())).toBe(true);
    expect(isOutOfMemoryError(new Error("ERR Error running script: @user_script:12: OOM command not allowed when used memory > 'maxmemory'."))).toBe(true);
    expect(isOutOfMemoryError(new Error('Connection is closed.'))).toBe(false);
    expect(isOutOfMemoryError('OOM command not allowed')).toBe(false);
  });
});

describe('retryOnceAfterOutOfMemory', () => {
  it('after an OOM refusal, relieves and tries once more', async () => {
    const attempt = jest.fn().mockRejectedValueOnce(oom()).mockResolvedValueOnce('added');
    const relieve = jest.fn().mockResolvedValue(4096);
    await expect(retryOnceAfterOutOfMemory(attempt, relieve)).resolves.toBe('added');
    expect([attempt.mock.calls.length, relieve.mock.calls.length]).toEqual([2, 1]);
  });

  it('throws the refusal when relief frees nothing, fails, or is not given, and a second refusal as is', async () => {
    for (const relieve of [jest.fn().mockResolvedValue(0), jest.fn().mockRejectedValue(new Error('down')), undefined]) {
      const attempt = jest.fn().mockRejectedValue(oom());
      await expect(retryOnceAfterOutOfMemory(attempt, relieve)).rejects.toThrow('OOM command not allowed');
      expect(attempt).toHaveBeenCalledTimes(1);
    }
    const twice = jest.fn().mockRejectedValue(oom());
    await expect(retryOnceAfterOutOfMemory(twice, async () => 1)).rejects.toThrow('OOM');
    expect(twice).toHaveBeenCalledTimes(2);
  });

  it('does not retry other failures', async () => {
    const attempt = jest.fn().mockRejectedValue(new Error('Connection is closed.'));
    const relieve = jest.fn().mockResolvedValue(1);
    await expect(retryOnceAfterOutOfMemory(attempt, relieve)).rejects.toThrow('Connection is closed.');
    expect(relieve).not.toHaveBeenCalled();
  });
});
