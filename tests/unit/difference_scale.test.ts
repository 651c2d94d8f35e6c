import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR } from '../../src/app/map/color_scale.ts';
import { differenceColor } from '../../src/app/map/difference_scale.ts';

// ColorBrewer 2.0, PuOr, 7 data classes (colorbrewer2.org; marked colour-blind safe there).
const PUOR_7 = ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'];

describe('difference map colours (issue 15)', () => {
  it('is centred at 0: no change is the middle, near-white class', () => {
    expect(differenceColor(0)).toBe(PUOR_7[3]);
    expect(differenceColor(0.04)).toBe(PUOR_7[3]);
    expect(differenceColor(-0.04)).toBe(PUOR_7[3]);
  });

  it('rises are purple, falls orange, darker the larger', () => {
    expect(differenceColor(1)).toBe(PUOR_7[4]);
    expect(differenceColor(5)).toBe(PUOR_7[5]);
    expect(differenceColor(40)).toBe(PUOR_7[6]);
    expect(differenceColor(-1)).toBe(PUOR_7[2]);
    expect(differenceColor(-5)).toBe(PUOR_7[1]);
    expect(differenceColor(-40)).toBe(PUOR_7[0]);
  });

  it('is symmetric about 0 (the same class distance for +d and −d)', () => {
    for (const d of [0.01, 0.5, 1.99, 2.5, 9.9, 10.5, 100]) {
      const up = PUOR_7.indexOf(differenceColor(d));
      const down = PUOR_7.indexOf(differenceColor(-d));
      expect(up - 3, `±${d}`).toBe(3 - down);
    }
  });

  it('a unit with a value missing on either side gets the no-data colour', () => {
    expect(differenceColor(null)).toBe(NO_DATA_COLOR);
    expect(differenceColor(Number.NaN)).toBe(NO_DATA_COLOR);
  });
});
