/**
 * The engine's per-commune area coverage against an exact vector computation on the real sample
 * boundaries and the synthetic sites: geodesic 64-gon footprints, union ∩ commune with polyclip-ts,
 * ellipsoidal areas with GeographicLib. The bar is 0.5 percentage points.
 */
import { describe, expect, it } from 'vitest';
import type { Site, Technology } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import { referenceAreaPct } from '../support/reference_coverage.ts';
import { loadSample } from '../support/sample.ts';

const { communes, sites } = loadSample();
const result = analyze({ communes, sites }, {}, { gapPolygons: false });
const locator = communeLocator(communes);
const settingOf = (s: Site) => {
  const i = locator.locate(s.lon, s.lat);
  return i >= 0 ? communes[i]!.setting : 'rural';
};

function worstError(technology: Technology, operator: string, every = 1) {
  const subset = communes.filter((_, i) => i % every === 0);
  const ref = referenceAreaPct(subset, sites, technology, operator, settingOf);
  let worst = 0;
  let where = '';
  subset.forEach((c, i) => {
    const unit = result.units.find((u) => u.id === c.id)!;
    const fig = unit.coverage.find((f) => f.technology === technology && f.operator === operator)!;
    const err = Math.abs(fig.area_pct - ref[i]!);
    if (err > worst) {
      worst = err;
      where = c.name;
    }
  });
  return { worst, where, n: subset.length };
}

describe('accuracy on the sample (0.5 pp bar)', () => {
  it.each([
    ['5G', 'all', 1],
    ['4G', 'VNPT', 1],
    ['4G', 'all', 5],
  ] as const)(
    '%s/%s area coverage is within 0.5 pp of the exact computation',
    (technology, operator, every) => {
      const { worst, where, n } = worstError(technology, operator, every);
      console.log(
        `${technology}/${operator}: worst error ${worst.toFixed(3)} pp over ${n} communes (${where})`,
      );
      expect(worst).toBeLessThan(0.5);
    },
    // The exact reference (polygon unions of every footprint) takes 5–60 s per case on a 2-core machine.
    240_000,
  );
});
