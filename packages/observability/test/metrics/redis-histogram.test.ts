import { histogramFromHash, histogramIncrements, histogramQuantile } from '../../src/metrics/redis-histogram';

describe('Redis hash histogram', () => {
  const bounds = [1, 2, 5];

  function hashOf(values: number[]): Record<string, string> {
    const hash: Record<string, number> = {};
    for (const value of values) {
      const { fields, sum } = histogramIncrements(value, bounds);
      for (const field of fields) hash[field] = (hash[field] ?? 0) + 1;
      hash.sum = (hash.sum ?? 0) + sum;
    }
    return Object.fromEntries(Object.entries(hash).map(([k, v]) => [k, String(v)]));
  }

  it('counts each observation in every bucket whose bound it does not exceed', () => {
    const snapshot = histogramFromHash(hashOf([0.5, 1.5, 1.5, 4, 10]), bounds);
    expect(snapshot.buckets).toEqual([
      [1, 1],
      [2, 3],
      [5, 4],
      [Infinity, 5],
    ]);
    expect(snapshot.count).toBe(5);
    expect(snapshot.sum).toBeCloseTo(17.5);
  });

  it('estimates quantiles by linear interpolation inside the bucket', () => {
    const snapshot = histogramFromHash(hashOf([0.5, 1.5, 1.5, 4]), bounds);
    expect(histogramQuantile(0.5, snapshot)).toBeCloseTo(1.5);
    expect(histogramQuantile(1, snapshot)).toBe(5);
    expect(histogramQuantile(0.5, histogramFromHash({}, bounds))).toBeNull();
  });
});
