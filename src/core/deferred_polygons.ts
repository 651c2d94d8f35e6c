import { type AnalysisState, resumeAnalysis } from './incremental_analysis.ts';
import { type FullOptions, runAnalysis } from './run_analysis.ts';

/**
 * Fills in the map polygons an analysis left out (`gapPolygons: false`, `postalBeyondPolygons: false`),
 * for the state's current input (baseline and edits), and turns them on for later updates. The figures
 * do not change: gap polygons come from a mobile-only run (they do not depend on postal or fiber data),
 * the beyond-distance polygons from a postal-only run, each exactly as in one full run.
 */
export function withDeferredPolygons(
  state: AnalysisState,
  want: { gaps?: boolean; beyond?: boolean },
): AnalysisState {
  const { input, options } = state;
  const gaps = want.gaps === true && options.gapPolygons === false;
  const beyond = want.beyond === true && options.postalBeyondPolygons === false;
  if (!gaps && !beyond) return state;
  const next: FullOptions = { ...options };
  let result = state.result;
  const { postal, fiber: _fiber, targets: _targets, ...common } = input;
  if (gaps) {
    delete next.gapPolygons;
    const mobile = runAnalysis(common, { ...options, gapPolygons: true });
    result = { ...result, mobile: { ...result.mobile, gaps: mobile.mobile.gaps } };
  }
  if (beyond) {
    delete next.postalBeyondPolygons;
    if (postal) {
      const run = runAnalysis(
        { ...common, sites: [], postal },
        { ...options, gapPolygons: false, postalBeyondPolygons: true },
      );
      result = { ...result, postalBeyondPolygons: run.postalBeyondPolygons };
    }
  }
  return resumeAnalysis(input, next, result);
}
