import { DEFAULT_FAULTS } from '../../src/runtime-config';
import { FaultPicker } from '../../src/services/fault-picker.service';

describe('FaultPicker', () => {
  it('never injects with all rates 0 and always injects the kind at rate 1', () => {
    const picker = new FaultPicker(1);
    for (let i = 0; i < 100; i += 1) expect(picker.pick(DEFAULT_FAULTS)).toBeNull();
    for (let i = 0; i < 100; i += 1) expect(picker.pick({ ...DEFAULT_FAULTS, reset: 1 })).toBe('reset');
  });

  it('is reproducible per seed and roughly follows the rates', () => {
    const draw = (seed: number) => {
      const picker = new FaultPicker(seed);
      return Array.from({ length: 2_000 }, () => picker.pick({ ...DEFAULT_FAULTS, http500: 0.1, hang: 0.05 }));
    };
    const a = draw(3);
    expect(draw(3)).toEqual(a);
    expect(draw(4)).not.toEqual(a);
    const share = (kind: string) => a.filter((k) => k === kind).length / a.length;
    expect(share('http500')).toBeGreaterThan(0.07);
    expect(share('http500')).toBeLessThan(0.13);
    expect(share('hang')).toBeGreaterThan(0.03);
    expect(share('hang')).toBeLessThan(0.07);
  });

  it('jitter stays within latency ± jitter and never below 0', () => {
    const picker = new FaultPicker(9);
    const values = Array.from({ length: 500 }, () => picker.latency(100, 40));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...values)).toBeLessThanOrEqual(140);
    expect(new Set(values).size).toBeGreaterThan(10);
    expect(picker.latency(10, 50)).toBeGreaterThanOrEqual(0);
    expect(picker.latency(25, 0)).toBe(25);
  });

  it('reseed restarts the sequence', () => {
    const picker = new FaultPicker(5);
    const rates = { ...DEFAULT_FAULTS, http502: 0.5 };
    const first = Array.from({ length: 20 }, () => picker.pick(rates));
    picker.reseed();
    expect(Array.from({ length: 20 }, () => picker.pick(rates))).toEqual(first);
  });
});
