import {
  assembleUnits,
  calibrationOf,
  evaluateTargetSets,
  type FullInput,
  type FullOptions,
  type FullResult,
  type InfrastructureResult,
  measuredOf,
  reportedComparisons,
} from './run_analysis.ts';

/**
 * The full analysis put together from two halves that can run one after the other (the app colours
 * the map with the first):
 * - `mobile`: `runAnalysis` of the communes, sites, villages and population points (no postal points,
 *   no fiber, no targets);
 * - `infrastructure`: `infrastructureIndicators` of the same input (null when there are neither postal
 *   points nor fiber routes).
 * The measured (speed-test) figures are computed here from the full input (with its targets'
 * thresholds), unless the mobile half already has them.
 * The result equals `runAnalysis(input)`: the same commune blocks, rolled up and evaluated against the
 * targets in the same way.
 */
export function combineAnalyses(
  input: FullInput,
  mobile: FullResult,
  infrastructure: InfrastructureResult | null,
  options: FullOptions = {},
): FullResult {
  const { communes } = input;
  const measured = mobile.measured ?? measuredOf(input, options);
  const infra = infrastructure;
  const postalOptions = infra?.postalOptions ?? mobile.postalOptions;
  const units = assembleUnits(
    communes,
    mobile.mobile.units,
    input.postal ? (infra?.postal ?? null) : null,
    input.fiber ? (infra?.fiber ?? null) : null,
    mobile.units.slice(0, communes.length).map((u) => u.villages),
    postalOptions,
    measured?.units ?? null,
  );
  return {
    mobile: mobile.mobile,
    units,
    deadZoneVillages: mobile.deadZoneVillages,
    communesWithoutStaffedPoint: infra?.communesWithoutStaffedPoint ?? [],
    communesWithoutCulturalPoint: infra?.communesWithoutCulturalPoint ?? [],
    villagesOutOfFiberReach: infra?.villagesOutOfFiberReach ?? [],
    postalBeyondPolygons: infra?.postalBeyondPolygons ?? [],
    targets: evaluateTargetSets(input.targets ?? [], units, communes),
    reported: reportedComparisons(input.targets ?? [], units, communes),
    postalOptions,
    fiberReachM: infra?.fiberReachM ?? mobile.fiberReachM,
    measured,
    ...(mobile.newDeadZoneVillages ? { newDeadZoneVillages: mobile.newDeadZoneVillages } : {}),
    ...(mobile.offsetCalibration ? { offsetCalibration: mobile.offsetCalibration } : {}),
    calibration:
      mobile.calibration ??
      (() => {
        const fits = calibrationOf(input, options);
        return fits ? { applied: options.calibrate === true, fits } : null;
      })(),
  };
}
