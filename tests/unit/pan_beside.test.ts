/** The unit panel opens beside the clicked commune, not on top of it (issue 15): hand-computed shifts. */
import { describe, expect, it } from 'vitest';
import { panBeside } from '../../src/app/map/pan_beside.ts';

// A 1280 × 800 map; the sidebar takes x < 384, the unit panel the right 380 px (x ≥ 888).
const panel = { left: 888, top: 12, right: 1268, bottom: 788 };
const free = { left: 404, top: 30, right: 868, bottom: 770 };

describe('panBeside', () => {
  it('a commune clear of the panel does not move', () => {
    expect(panBeside({ left: 500, top: 300, right: 600, bottom: 380 }, panel, free)).toBeNull();
  });

  it('a commune under the panel moves left just enough to sit in the free part', () => {
    // Its right edge, 1000, goes to 868: a shift of −132 px; vertically it is inside already.
    expect(panBeside({ left: 900, top: 300, right: 1000, bottom: 380 }, panel, free)).toEqual({
      dx: -132,
      dy: 0,
    });
  });

  it('a commune partly under the panel and below the free part moves left and up', () => {
    expect(panBeside({ left: 850, top: 760, right: 900, bottom: 790 }, panel, free)).toEqual({
      dx: -32,
      dy: -20,
    });
  });

  it('a commune wider than the free part is aligned on its left edge', () => {
    expect(panBeside({ left: 700, top: 100, right: 1300, bottom: 200 }, panel, free)).toEqual({
      dx: -296,
      dy: 0,
    });
  });

  it('the tablet sheet at the bottom: a commune under it moves up', () => {
    const sheet = { left: 344, top: 512, right: 756, bottom: 1012 };
    const above = { left: 364, top: 30, right: 738, bottom: 492 };
    expect(panBeside({ left: 500, top: 600, right: 560, bottom: 650 }, sheet, above)).toEqual({
      dx: 0,
      dy: -158,
    });
  });
});
