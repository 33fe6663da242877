import { z } from 'zod';
import { thrownBy, withInterceptedExit } from '@albumboard/test-support';
import { ConfigError, envBoolean, envPort, loadConfigOrExit, parseEnv, parseEnvParts } from '../src';

const schema = z.object({
  PORT: envPort.default(3000),
  LOG_PRETTY: envBoolean.default(false),
  SOME_SECRET: z.string().min(8),
});

describe('parseEnv', () => {
  it('applies defaults and treats empty and blank values as unset', () => {
    expect(parseEnv(schema, { SOME_SECRET: 'long-enough', PORT: '', LOG_PRETTY: ' ' })).toEqual({ PORT: 3000, LOG_PRETTY: false, SOME_SECRET: 'long-enough' });
  });

  it.each([
    ['true', true], ['1', true], ['yes', true], ['on', true],
    ['false', false], ['0', false], ['no', false], ['off', false],
  ])('reads the boolean %s as %s', (raw, value) => {
    expect(parseEnv(schema, { SOME_SECRET: 'long-enough', LOG_PRETTY: raw }).LOG_PRETTY).toBe(value);
  });

  it('names one bad setting in one line', () => {
    const error = thrownBy(() => parseEnv(schema, { SOME_SECRET: 'long-enough', LOG_PRETTY: 'maybe' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('Invalid setting LOG_PRETTY: must be true or false');
  });

  it('names every bad setting in one line, never echoing a value', () => {
    const error = thrownBy(() => parseEnv(schema, { PORT: '70000', LOG_PRETTY: 'x', SOME_SECRET: 'short-s' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^Invalid settings: /);
    expect(error.message).not.toContain('\n');
    for (const name of ['PORT', 'LOG_PRETTY', 'SOME_SECRET']) expect(error.message).toContain(name);
    expect(error.message).not.toContain('short-s');
  });
});

describe('parseEnvParts', () => {
  it('names a setting two parts both refuse once', () => {
    const port = z.object({ PORT: envPort });
    expect(() => parseEnvParts({ a: port, b: port }, { PORT: '-1' })).toThrow(new ConfigError('Invalid setting PORT: must be a port (0-65535)'));
  });

  const store = z.object({ DATABASE_URL: z.string().startsWith('postgres://', 'must be a postgres:// URL') });

  it('parses every part from the same environment', () => {
    expect(parseEnvParts({ app: schema, store }, { SOME_SECRET: 'long-enough', DATABASE_URL: 'postgres://db/x' })).toEqual({
      app: { PORT: 3000, LOG_PRETTY: false, SOME_SECRET: 'long-enough' },
      store: { DATABASE_URL: 'postgres://db/x' },
    });
  });

  it('names the bad settings of all parts at once', () => {
    const error = thrownBy(() => parseEnvParts({ app: schema, store }, { PORT: 'x', SOME_SECRET: 'long-enough', DATABASE_URL: 'mysql://db' }));
    expect(error.message).toBe('Invalid settings: PORT: Invalid input: expected number, received NaN; DATABASE_URL: must be a postgres:// URL');
  });
});

describe('loadConfigOrExit', () => {
  it('prints the ConfigError line and exits 1; other errors propagate', () => {
    withInterceptedExit((write) => {
      expect(() => loadConfigOrExit(() => parseEnv(schema, {}))).toThrow('exit 1');
      expect(write).toHaveBeenCalledWith('Invalid setting SOME_SECRET: Invalid input: expected string, received undefined\n');
      expect(() => loadConfigOrExit(() => { throw new TypeError('a bug'); })).toThrow(TypeError);
      expect(loadConfigOrExit(() => 42)).toBe(42);
    });
  });
});
