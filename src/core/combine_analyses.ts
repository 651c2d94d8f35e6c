import { assembleUnits, evaluateTargetSets, type FullInput, type FullResult } from './run_analysis.ts';

/**
 * The full analysis put together from two halves that can run side by side (in two workers):
 * - `mobile`: `runAnalysis` of the communes, sites, villages and population points (no postal points,
 *   no fiber, no targets);
 * - `infrastructure`: `runAnalysis` of the same communes, villages and population points with the
 *   postal points and fiber and no sites (null when there is neither).
 * The result equals `runAnalysis(input)`: the same commune blocks, rolled up and evaluated against the
 * targets in the same way.
 */
export function combineAnalyses(
  input: FullInput,
  mobile: FullResult,
  infrastructure: FullResult | null,
): FullResult {
  const { communes } = input;
  const n = communes.length;
  const infra = infrastructure;
  const postalOptions = infra?.postalOptions ?? mobile.postalOptions;
  const communeUnits = (r: FullResult) => r.units.slice(0, n);
  const units = assembleUnits(
    communes,
    mobile.mobile.units,
    input.postal && infra ? communeUnits(infra).map((u) => u.postal!) : null,
    input.fiber && infra ? communeUnits(infra).map((u) => u.fiber!) : null,
    communeUnits(mobile).map((u) => u.villages),
    postalOptions,
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
    postalOptions,
    fiberReachM: infra?.fiberReachM ?? mobile.fiberReachM,
  };
}
