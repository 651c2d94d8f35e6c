/**
 * What the page's controllers share: the store, the page's elements, the map, the worker client, the
 * panels and each other. main.ts builds it once; every controller keeps it and reaches the others
 * through it only when called (never while being built), so the order of construction does not matter.
 */
import type { CoverageMap } from '../map/coverage_map.ts';
import type { CommuneTable } from '../panels/commune_table.ts';
import type { ReportPanel } from '../panels/report_panel.ts';
import type { SiteTable } from '../panels/site_table.ts';
import type { SuggestPanel } from '../panels/suggest_panel.ts';
import type { AppStore } from '../state/app_store.ts';
import type { Storage } from '../state/storage.ts';
import type { VungPhuHook } from '../test_hook.ts';
import type { AnalysisClient } from '../worker/analysis_client.ts';
import type { SampleUrls } from '../worker/worker_protocol.ts';
import type { DataActions } from './data_actions.ts';
import type { DemActions } from './dem_actions.ts';
import type { DifferenceMap } from './difference_map.ts';
import type { Editing } from './editing.ts';
import type { Loader } from './loader.ts';
import type { MapExtras } from './map_extras.ts';
import type { MapLayers } from './map_layers.ts';
import type { PlaceFinder } from './place_finder.ts';
import type { RadioActions } from './radio_actions.ts';
import type { PageRenderer } from './render.ts';
import type { ScenarioActions } from './scenario_actions.ts';
import type { Ui } from './ui.ts';
import type { ViewActions } from './view_actions.ts';
import type { WhyActions } from './why_actions.ts';

export interface Page {
  readonly store: AppStore;
  readonly ui: Ui;
  readonly coverage: CoverageMap;
  readonly client: AnalysisClient;
  readonly sample: SampleUrls;
  readonly hook: VungPhuHook;
  /** The browser's storage; null when IndexedDB is unavailable (nothing survives a reload then). */
  storage: Storage | null;
  readonly table: CommuneTable;
  /** The Sites tab (issue 13). */
  readonly siteTable: SiteTable;
  readonly suggestPanel: SuggestPanel;
  readonly reportPanel: ReportPanel;
  readonly render: PageRenderer;
  readonly layers: MapLayers;
  readonly loader: Loader;
  readonly views: ViewActions;
  readonly editing: Editing;
  readonly scenario: ScenarioActions;
  readonly data: DataActions;
  /** The DEM (issue 17): its files, status and hillshade. */
  readonly dem: DemActions;
  /** The radio config of the terrain model (issue 17): an imported file, or the defaults. */
  readonly radio: RadioActions;
  /** The "why" profile card (issue 17). */
  readonly why: WhyActions;
  /** "Find a place" over the map (issue 15). */
  readonly finder: PlaceFinder;
  /** Basemap, commune names, sidebar toggle, map controls (issue 15). */
  readonly extras: MapExtras;
  /** The difference map: scenario minus baseline (issue 15). */
  readonly difference: DifferenceMap;
}
