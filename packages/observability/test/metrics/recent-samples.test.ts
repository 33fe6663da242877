import { RecentSamples } from '../../src/metrics/recent-samples';

describe('RecentSamples', () => {
  it('gives nearest-rank percentiles of what it keeps', () => {
    const samples = new RecentSamples(100);
    for (let i = 1; i <= 100; i += 1) samples.add(i);
    expect(samples.percentile(50)).toBe(50);
    expect(samples.percentile(95)).toBe(95);
    expect(samples.percentile(100)).toBe(100);
  });

  it('keeps only the last `capacity` values', () => {
    const samples = new RecentSamples(3);
    [100, 100, 100, 1, 2, 3].forEach((v) => samples.add(v));
    expect(samples.size).toBe(3);
    expect(samples.percentile(100)).toBe(3);
    expect(new RecentSamples(3).percentile(50)).toBeNull();
  });
});
