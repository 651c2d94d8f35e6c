/**
 * The analysis worker's session: everything loaded, and the current analysis of the scenario. Owned by
 * analysis.worker.ts; the export builder (worker_export.ts) reads it.
 */
import type { FiberRoute, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import type { Commune, Site } from '../../core/base/types.ts';
import type { AnalysisState } from '../../core/incremental_analysis.ts';
import type { ReportInputs } from '../../core/report/report.ts';
import type { Target } from '../../core/targets/targets.ts';
import type { Edit } from '../state/scenario_edits.ts';
import type { DatasetInfo, FeatureLayer } from './worker_protocol.ts';

/** Everything loaded, and the current analysis of the scenario. */
export interface Session {
  communes: Commune[];
  setting: (s: Site) => 'urban' | 'rural';
  baseSites: Site[];
  basePostal: PostalPoint[] | null;
  fiber: FiberRoute[] | null;
  villages: Village[];
  villagesByCommune: Map<string, Village[]>;
  datasets: DatasetInfo[];
  reportInputs: ReportInputs;
  analysis: AnalysisState;
  skipped: number[];
  edits: Edit[];
  /** Layers the page shows: their features go with every update. */
  subscribed: Set<FeatureLayer>;
  /** Target definitions of the loaded target files (labels, years, sources for the exports). */
  targets: Target[];
}
