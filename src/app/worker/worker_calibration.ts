/**
 * The calibration of a load (issue 16), as the CLI's `--calibrate` does it: without a DEM the default
 * radii fitted to the speed tests (`calibrationOf`), with one the loss offsets (`offsetCalibrationOf`,
 * over the analysis's terrain model), both always fitted and shown, applied only when the user asks.
 * An applied offset Δ is the terrain model with the EIRP Δ dB lower for that operator × technology
 * (`applyOffsets`): the cells' resolved radio parameters change, and with them the footprints' cache keys.
 */
import type { SpeedTest } from '../../core/base/speed_tests.ts';
import type { Commune, Site } from '../../core/base/types.ts';
import { analysisTerrain } from '../../core/coverage/analysis_terrain.ts';
import type { CommuneLocator } from '../../core/geometry/commune_locator.ts';
import { applyOffsets, type OffsetFit } from '../../core/measured/calibrate_offset.ts';
import { applyCalibration, type RadiusFit } from '../../core/measured/calibrate_radius.ts';
import { calibrationOf, type FullOptions, offsetCalibrationOf } from '../../core/run_analysis.ts';
import type { Dem } from '../../core/terrain/dem.ts';

/** What a session keeps of its calibration: the fits shown, and how a counted site is calibrated. */
export interface SessionCalibration {
  /** The radii fitted (null without speed tests); applied only without a DEM. */
  calibration: { applied: boolean; fits: RadiusFit[] } | null;
  /** With a DEM and speed tests: the loss offsets fitted (dB), and whether the figures use them. */
  offsetCalibration: { applied: boolean; fits: OffsetFit[] } | null;
  /** Gives a counted site its fitted radii or lowered EIRP; null when nothing is applied. */
  calibrated: ((site: Site) => Site) | null;
}

/**
 * The fits of the speed tests against the counted sites, and, with `apply`, the calibration of a
 * site: the fitted loss offsets with `dem`, else the fitted radii. `options` are the analysis's (its
 * radio settings and terrain model), so that the fit and the footprints use the same link budget.
 */
export function sessionCalibration(
  speedTests: readonly SpeedTest[] | null,
  communes: readonly Commune[],
  countedSites: readonly Site[],
  dem: Dem | null,
  setting: (site: Site) => 'urban' | 'rural',
  locator: CommuneLocator,
  apply: boolean,
  options: FullOptions = {},
): SessionCalibration {
  if (!speedTests) return { calibration: null, offsetCalibration: null, calibrated: null };
  const input = { communes, sites: countedSites, speedTests };
  const fits = calibrationOf(input, options, locator);
  const offsets = dem ? offsetCalibrationOf({ ...input, dem }, options, locator) : null;
  if (dem && offsets) {
    const model = analysisTerrain(dem, options).model;
    const applied = apply && offsets.length > 0;
    return {
      calibration: fits ? { applied: false, fits } : null,
      offsetCalibration: { applied, fits: offsets },
      calibrated: applied
        ? (site) => applyOffsets([site], offsets, setting, (s, c, st) => model.resolve(s, c, st), dem)[0]!
        : null,
    };
  }
  const applied = apply && !dem && fits !== null && fits.length > 0;
  return {
    calibration: fits ? { applied, fits } : null,
    offsetCalibration: null,
    calibrated: applied ? (site) => applyCalibration([site], fits, setting)[0]! : null,
  };
}
