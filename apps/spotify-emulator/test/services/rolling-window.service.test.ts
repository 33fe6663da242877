import { RollingWindow } from '../../src/services/rolling-window.service';

describe('RollingWindow', () => {
  it('allows up to the limit inside 30 s and reports when the next slot opens', () => {
    const w = new RollingWindow();
    for (const t of [0, 1_000, 2_000]) {
      expect(w.check(t, 3)).toEqual({ allowed: true });
      w.record(t);
    }
    expect(w.check(2_500, 3)).toEqual({ allowed: false, retryAfterS: 28 }); // slot opens at 30 000
    expect(w.check(29_999, 3)).toEqual({ allowed: false, retryAfterS: 1 });
    expect(w.check(30_000, 3)).toEqual({ allowed: true });
  });

  it('limit 0 means unlimited', () => {
    const w = new RollingWindow();
    for (let t = 0; t < 100; t += 1) w.record(t);
    expect(w.check(100, 0)).toEqual({ allowed: true });
    expect(w.maxCount).toBe(100);
  });

  it('maxCount is exact at the boundary: a stamp exactly 30 s old is outside', () => {
    const w = new RollingWindow();
    w.record(0);
    w.record(30_000);
    expect(w.maxCount).toBe(1);
    w.record(30_001);
    expect(w.maxCount).toBe(2);
    expect(w.count(60_000)).toBe(1);
  });

  it('reset forgets everything', () => {
    const w = new RollingWindow();
    w.record(1);
    w.reset();
    expect(w.count(2)).toBe(0);
    expect(w.maxCount).toBe(0);
  });

  it('keeps working after many stamps leave the window (compaction)', () => {
    const w = new RollingWindow();
    for (let t = 0; t < 20_000; t += 1) w.record(t * 10);
    expect(w.count(200_000)).toBe(2_999);
    expect(w.maxCount).toBe(3_000);
  });
});
