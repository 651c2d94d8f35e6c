import { describe, expect, it } from 'vitest';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';

describe('gridDem', () => {
  it('is exact on a plane (bilinear reproduces a linear surface) and NaN outside', () => {
    const plane = (lon: number, lat: number) => 100 + 1000 * (lon - 108) - 500 * (lat - 14);
    const dem = gridDem([syntheticGrid([108, 14, 108.1, 14.1], 1 / 1200, plane)]);
    expect(dem.elevation(108.0537, 14.0291)).toBeCloseTo(plane(108.0537, 14.0291), 3);
    expect(dem.elevation(108.2, 14.05)).toBeNaN();
    expect(dem.spacing_m).toBeGreaterThan(85);
    expect(dem.spacing_m).toBeLessThan(93);
  });

  it('takes a point from the first tile that holds it, across a mosaic', () => {
    const a = syntheticGrid([108, 14, 108.1, 14.1], 0.01, () => 10, 'a');
    const b = syntheticGrid([108.1, 14, 108.2, 14.1], 0.01, () => 20, 'b');
    const dem = gridDem([a, b]);
    expect(dem.elevation(108.05, 14.05)).toBe(10);
    expect(dem.elevation(108.15, 14.05)).toBe(20);
    expect(dem.elevation(108.1, 14.05)).toBe(10);
    for (const [i, v] of dem.bbox.entries()) expect(v).toBeCloseTo([108, 14, 108.2, 14.1][i]!, 9);
  });

  it('reads a point on the outer edge whose lat/lon is not exact in binary', () => {
    const dem = gridDem([syntheticGrid([107.3, 11.7, 107.4, 11.9], 0.1 / 360, () => 7)]);
    expect(dem.elevation(107.3, 11.9)).toBe(7);
    expect(dem.elevation(107.4, 11.7)).toBe(7);
    expect(dem.elevation(107.4 + 1e-6, 11.7)).toBeNaN();
  });

  it('makes points next to a void post NaN', () => {
    const g = syntheticGrid([108, 14, 108.1, 14.1], 0.01, () => 5);
    g.heights[5 * g.cols + 5] = Number.NaN;
    const dem = gridDem([g]);
    expect(dem.elevation(108.052, 14.052)).toBeNaN();
    expect(dem.elevation(108.02, 14.08)).toBe(5);
  });
});
