/**
 * The app's page: builds the store, the map, the panels and the controllers (src/app/page/), wires
 * them together and starts the first load. The state is in `AppStore` (state/app_store.ts); what each
 * user action does is in the controllers; this file only puts the page together.
 */
import type { FeatureCollection } from 'geojson';
import { client, earlyLoad, onProgress, SAMPLE, storageOpening } from './early_start.ts';
import { fmt } from './i18n/format.ts';
import { mapAttribution, setLang, t } from './i18n/i18n.ts';
import { CoverageMap } from './map/coverage_map.ts';
import { differenceLegend } from './map/difference_scale.ts';
import { viewScale } from './map/fitted_scale.ts';
import { indicatorTitle, reportIndicatorOf } from './map/indicators.ts';
import { legendClasses } from './map/legend.ts';
import { mapImage, PNG_FACTOR } from './map/map_image.ts';
import { SuggestLayer } from './map/suggest_layer.ts';
import { DataActions } from './page/data_actions.ts';
import { DemActions } from './page/dem_actions.ts';
import { DifferenceMap } from './page/difference_map.ts';
import { Editing } from './page/editing.ts';
import { Loader } from './page/loader.ts';
import { MapExtras } from './page/map_extras.ts';
import { MapLayers } from './page/map_layers.ts';
import type { Page } from './page/page.ts';
import { PlaceFinder } from './page/place_finder.ts';
import { RadioActions } from './page/radio_actions.ts';
import { PageRenderer } from './page/render.ts';
import { ScenarioActions } from './page/scenario_actions.ts';
import { findUi, setStatus, sidebarCover } from './page/ui.ts';
import { ViewActions } from './page/view_actions.ts';
import { WhyActions } from './page/why_actions.ts';
import { CommuneTable } from './panels/commune_table.ts';
import { ReportPanel } from './panels/report_panel.ts';
import { SiteTable } from './panels/site_table.ts';
import { SuggestPanel } from './panels/suggest_panel.ts';
import { AppStore } from './state/app_store.ts';
import { decodeView, type ViewState } from './state/view_state.ts';
import { installHook } from './test_hook.ts';
import { download } from './ui/dom.ts';
import { TERRAIN_PROGRESS } from './worker/worker_protocol.ts';

performance.mark('vp:main');

const store = new AppStore(decodeView(location.hash));
setLang(store.view.lang);
const hook = installHook(() => store.view);
const ui = findUi();

onProgress((done, total, label) =>
  setStatus(
    ui,
    t(label === TERRAIN_PROGRESS ? 'status.terrain' : 'status.progress', {
      done: fmt.int(done),
      total: fmt.int(total),
    }),
  ),
);

const NO_COMMUNES: FeatureCollection = { type: 'FeatureCollection', features: [] };
const coverage = new CoverageMap(
  ui.map,
  store.view.boundarySet === 'imported' ? NO_COMMUNES : SAMPLE.boundaries[store.view.boundarySet],
  mapAttribution(store.view.boundarySet, true),
);
hook.map = coverage.map;
coverage.map.on('error', (event) => console.error('map error', event.error));

// The page is filled in below; the controllers reach each other through it only when called.
const page = { store, ui, coverage, client, sample: SAMPLE, hook, storage: null } as Partial<Page> as Page;
const mutable = page as { -readonly [K in keyof Page]: Page[K] };

mutable.render = new PageRenderer(page);
mutable.layers = new MapLayers(page);
mutable.loader = new Loader(page);
mutable.views = new ViewActions(page);
mutable.editing = new Editing(page);
mutable.scenario = new ScenarioActions(page);
mutable.data = new DataActions(page);
mutable.dem = new DemActions(page);
mutable.radio = new RadioActions(page);
mutable.why = new WhyActions(page);
mutable.finder = new PlaceFinder(page);
mutable.extras = new MapExtras(page);
mutable.difference = new DifferenceMap(page);
mutable.table = new CommuneTable(ui.table, (id) => page.views.openCommune(id, true));
mutable.siteTable = new SiteTable(ui.sites, (id) => page.editing.openSite(id));

// ---- "Suggest sites" (issue 6): the panel in #suggest-slot, its map layer, and its wiring ----------
// The worker plans on the current scenario (worker_plan.ts); accepted rows become add-site or
// add-postal edits, all in one step (one recompute), so undo/redo, saving and the list work as usual.
const suggestLayer = new SuggestLayer(coverage.map, (rank) => page.suggestPanel.focusRank(rank));
mutable.suggestPanel = new SuggestPanel(ui.suggest, {
  context: () => {
    const data = store.data;
    if (!data || data.snapshot.partial) return null;
    const sel = store.view.selection;
    const selected =
      sel.kind === 'unit' && (sel.level === 'commune' || sel.level === 'district')
        ? { level: sel.level, id: sel.id, name: data.unit(sel.level, sel.id)?.name ?? sel.id }
        : null;
    return {
      loadKey: data.snapshot.datasets,
      provinces: data.unitsOf('province').map((u) => ({ id: u.id, name: u.name })),
      selected,
      operators: data.snapshot.operators,
      hasPostal: data.snapshot.datasets.some((d) => d.kind === 'postal' && d.source !== 'none'),
      edits: store.edits,
      takenIds: (layer) => store.takenIds(layer),
    };
  },
  plan: (request, progress) => client.plan(request, progress),
  accept: (list) => page.editing.commit(list),
  flyTo: (lon, lat) =>
    coverage.map.flyTo({ center: [lon, lat], zoom: Math.max(coverage.map.getZoom(), 11.5) }),
  layer: suggestLayer,
});

// ---- report tab: exports, comparison with a baseline, map image (report_panel.ts, issue 5) ----------
mutable.reportPanel = new ReportPanel(ui.report, {
  client,
  context: () => ({
    provinces: store.data?.snapshot.units.filter((u) => u.level === 'province').map((u) => u.name) ?? [],
    savedScenarios: store.state.library.saved,
    generation: store.data,
    ready: store.data !== null && !store.data.snapshot.partial,
  }),
  download: (name, bytes, mime) => download(name, bytes, mime),
  pngFactor: () => ({ factor: PNG_FACTOR, cssWidth: ui.map.clientWidth - sidebarCover(ui) }),
  exportIndicator: () => {
    const view = store.view;
    const defs = store.data?.snapshot.targetDefs ?? [];
    const id = reportIndicatorOf(view);
    // A target's status is no number to rank by: the CLI's default then.
    if (id) return { id, label: indicatorTitle(view, defs), classes: view.classes };
    const fallback: ViewState = { ...view, indicator: 'mobile_pop', technology: '4G', operator: 'all' };
    return { id: reportIndicatorOf(fallback)!, label: indicatorTitle(fallback, defs), classes: view.classes };
  },
  mapImage: () => {
    const view = store.view;
    const defs = store.data?.snapshot.targetDefs ?? [];
    const scale = viewScale(view, store.data);
    const modelled =
      view.indicator === 'mobile_pop' ||
      view.indicator === 'mobile_area' ||
      view.indicator === 'mobile_populated';
    const synthetic = store.data?.snapshot.datasets.some((d) => d.synthetic) ?? true;
    // The difference map (issue 15) prints with its own title and diverging legend.
    const diff = page.difference.active();
    const title = diff
      ? t('diff.title', { indicator: indicatorTitle(view, defs) })
      : indicatorTitle(view, defs);
    return mapImage(
      coverage.map,
      {
        title: t('png.title', { indicator: title }),
        date: t('png.date', { date: fmt.dateTime(new Date().toISOString()) }),
        labels: [...(synthetic ? [t('png.synthetic')] : []), t('png.modelled')],
        legendTitle: title,
        legend: diff ? differenceLegend() : legendClasses(view.indicator, scale),
        note: modelled ? t('legend.modelledNote') : '',
      },
      PNG_FACTOR,
      sidebarCover(ui),
    );
  },
});

coverage.onStyleRestored = () => {
  page.layers.applyFills();
  coverage.applyLayers(store.view.layers);
};
page.editing.install();
page.views.install();
page.data.installDrop();
page.finder.install(ui.find);
page.extras.install(ui.mapTools);

page.loader.start(earlyLoad, storageOpening).catch((error: unknown) => page.loader.fail(error));
