/**
 * Horn hillshade (issue 17, part A). On a plane Horn's differences are the plane's own gradient, so
 * the shade is the cosine formula of the illumination angle between the plane's normal and the sun:
 * cos i = cos Z cos S + sin Z sin S cos(A − aspect) (Burrough & McDonnell, Principles of GIS, 1998),
 * computed here from the normal and the sun vectors directly (a dot product, not the code's formula).
 */
import { describe, expect, it } from 'vitest';
import { syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { hillshade } from '../../src/core/terrain/hillshade.ts';

const M_LAT = 110_574;
const rad = Math.PI / 180;

/** A plane over a small box near 14° N: height rising `gE` m per metre east and `gN` per metre north. */
function plane(gE: number, gN: number) {
  const lat0 = 14;
  return syntheticGrid([108, 13.99, 108.01, 14.01], 0.001, (lon, lat) => {
    // East–west metres at each post's own latitude, as the hillshade measures them.
    const m = 111_320 * Math.cos(lat * rad);
    return gE * (lon - 108) * m + gN * (lat - lat0) * M_LAT;
  });
}

/** 255 × max(0, n · s): n the plane's unit normal, s the unit vector towards the sun (E, N, up). */
function expected(gE: number, gN: number, azimuth = 315, altitude = 45): number {
  const n = [-gE, -gN, 1];
  const len = Math.hypot(...n);
  const s = [
    Math.cos(altitude * rad) * Math.sin(azimuth * rad),
    Math.cos(altitude * rad) * Math.cos(azimuth * rad),
    Math.sin(altitude * rad),
  ];
  const dot = (n[0]! * s[0]! + n[1]! * s[1]! + n[2]! * s[2]!) / len;
  return Math.round(255 * Math.max(0, dot));
}

describe('hillshade (Horn, sun at 315°, 45°)', () => {
  it('a plane facing the sun at 45° is lit full; the same slope facing away is black', () => {
    // Falling towards the north-west at 45°: rises 1 m per metre towards the south-east.
    const g = 1 / Math.SQRT2;
    const toSun = hillshade(plane(g, -g));
    const away = hillshade(plane(-g, g));
    const centre = 10 * 11 + 5; // row 10 of 21, column 5 of 11
    expect(toSun[centre]).toBe(255);
    expect(away[centre]).toBe(0);
    expect(expected(g, -g)).toBe(255);
    expect(expected(-g, g)).toBe(0);
  });
  it('flat ground is cos Z = sin 45° of full light everywhere, edges included', () => {
    const flat = hillshade(syntheticGrid([108, 14, 108.01, 14.01], 0.001, () => 700));
    expect(new Set(flat)).toEqual(new Set([Math.round(255 * Math.SQRT1_2)]));
  });
  it('planes of other slopes and aspects match the dot product of normal and sun', () => {
    for (const [gE, gN] of [
      [0.2, 0],
      [0, 0.3],
      [-0.5, 0.1],
      [0.05, -0.7],
      [1.5, 1.5],
    ] as const) {
      const shade = hillshade(plane(gE, gN));
      expect(Math.abs(shade[115]! - expected(gE, gN))).toBeLessThanOrEqual(1);
    }
  });
  it('another sun: from the east at 30°, an east-facing slope is brighter than a west-facing one', () => {
    expect(hillshade(plane(-0.4, 0), 90, 30)[115]!).toBeGreaterThan(hillshade(plane(0.4, 0), 90, 30)[115]!);
    expect(Math.abs(hillshade(plane(-0.4, 0), 90, 30)[115]! - expected(-0.4, 0, 90, 30))).toBeLessThanOrEqual(
      1,
    );
  });
});
