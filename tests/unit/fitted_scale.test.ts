import { describe, expect, it } from 'vitest';
import { mapScale } from '../../src/app/map/fitted_scale.ts';
import { quantileBreaks } from '../../src/io/export/map_classes.ts';

describe('classes fitted to the data (issue 15)', () => {
  it('splits values into classes of about equal size (quantiles)', () => {
    const values = Array.from({ length: 60 }, (_, i) => i); // 0 … 59
    const breaks = quantileBreaks(values);
    expect(breaks).toEqual([9.8, 19.7, 29.5, 39.3, 49.2]);
    const scale = mapScale('mobile_pop', 'quantile', values);
    const counts = new Map<string, number>();
    for (const v of values) counts.set(scale(v), (counts.get(scale(v)) ?? 0) + 1);
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(9);
  });

  it('merges tied classes: a 5G map with most communes at 0 % still has classes above 0', () => {
    const values = [...Array(40).fill(0), 0.5, 1, 2, 4, 8, 16, 32, null];
    const breaks = quantileBreaks(values);
    expect(breaks.length).toBeGreaterThan(0);
    expect(breaks[0]!).toBeGreaterThan(0);
    for (let i = 1; i < breaks.length; i++) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!);
    const scale = mapScale('mobile_pop', 'quantile', values);
    expect(scale(0)).not.toBe(scale(32));
  });

  it('keeps the fixed classes for one distinct value, no values, or the target indicator', () => {
    expect(quantileBreaks([5, 5, 5])).toEqual([]);
    expect(quantileBreaks([])).toEqual([]);
    expect(mapScale('mobile_pop', 'quantile', [5, 5]).domain()).toEqual([50, 80, 90, 95, 99]);
    expect(mapScale('target', 'quantile', [0, 1, 2]).domain()).toEqual([0.5, 1.5]);
    expect(mapScale('mobile_pop', 'fixed', [1, 2, 3]).domain()).toEqual([50, 80, 90, 95, 99]);
  });
});
