import type { EngineConfig } from './types.ts';

/**
 * Default engine configuration.
 *
 * Radii (metres) follow the GSMA/Collins fallback given in DOMAIN.md for rural areas
 * (2G 12 km, 3G/4G 4 km, 5G 0.5 km). Urban cells are smaller because sites are denser
 * and clutter is higher; the urban values are our assumption (roughly a third of rural
 * for 2G–4G, 0.3 km for 5G) and are documented as such in the README. They are defaults,
 * not truths: a site's own radius, sector or predicted polygon replaces them.
 */
export const DEFAULT_CONFIG: EngineConfig = {
  radii: {
    '2G': { rural: 12_000, urban: 4_000 },
    '3G': { rural: 4_000, urban: 1_500 },
    '4G': { rural: 4_000, urban: 1_500 },
    '5G': { rural: 500, urban: 300 },
  },
  arcSegments: 64,
  scanSpacingM: 50,
  minScanlines: 48,
  scanlines: 200,
  gapTechnologies: ['4G', 'any'],
  gapGridRows: 80,
  minGapAreaKm2: 0.01,
  // A village point stands for its houses and gardens: 500 m is our assumption for the built-up core of a
  // Central Highlands thôn/làng (0.79 km²), not a published figure; override it with --config.
  populatedVillageRadiusM: 500,
};
