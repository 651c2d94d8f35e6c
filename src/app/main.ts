import type { FeatureCollection } from 'geojson';
import { type MapMouseEvent, Popup } from 'maplibre-gl';
import { UserError } from '../core/base/errors.ts';
import type { PostalPoint } from '../core/base/infrastructure.ts';
import type { Site, UnitLevel } from '../core/base/types.ts';
import { decodeText } from '../io/formats/csv.ts';
import { checkFileSize, IMPORT_LIMITS } from '../io/formats/limits.ts';
import { client, type EarlyLoad, earlyLoad, onProgress, SAMPLE, storageOpening } from './early_start.ts';
import { fmt } from './i18n/format.ts';
import { type MessageKey, setLang, t } from './i18n/i18n.ts';
import { issueText } from './i18n/issue_text.ts';
import { indicatorScale } from './map/color_scale.ts';
import { CoverageMap } from './map/coverage_map.ts';
import { indicatorTitle, indicatorValue, mappableTargets, reportIndicatorOf } from './map/indicators.ts';
import { renderLayerControls } from './map/layer_controls.ts';
import { legendClasses, renderLegend } from './map/legend.ts';
import { provinceLines, renderMapControls } from './map/map_controls.ts';
import { mapImage, PNG_FACTOR } from './map/map_image.ts';
import { loadOutlines, type OutlineSet } from './map/outlines.ts';
import { SuggestLayer } from './map/suggest_layer.ts';
import { CommuneTable } from './panels/commune_table.ts';
import { renderDataPanel } from './panels/data_panel.ts';
import { ReportPanel } from './panels/report_panel.ts';
import {
  type EditMode,
  type NewPostal,
  type NewSite,
  type Picked,
  renderScenarioPanel,
} from './panels/scenario_panel.ts';
import { renderSettingsPanel } from './panels/settings_panel.ts';
import { SuggestPanel } from './panels/suggest_panel.ts';
import { renderUnitPanel } from './panels/unit_panel.ts';
import { DataStore } from './state/data_store.ts';
import {
  type DatasetKind,
  type DatasetPayload,
  detectKind,
  type ImportChoice,
  mayBeScenario,
} from './state/dataset_kind.ts';
import { type Edit, freshId, parseScenario, type ScenarioFile } from './state/scenario_edits.ts';
import type { Storage } from './state/storage.ts';
import {
  type AnalysisChoice,
  analysisOptions,
  decodeView,
  encodeView,
  type Lang,
  TAB_IDS,
  type TabId,
  type ViewState,
} from './state/view_state.ts';
import { installHook } from './test_hook.ts';
import { button, download, el, requireElement } from './ui/dom.ts';
import { AnalysisError } from './worker/analysis_client.ts';
import {
  type BBox,
  FEATURE_LAYERS,
  type FeatureLayer,
  failedImport,
  type ImportReport,
  type Snapshot,
} from './worker/worker_protocol.ts';

performance.mark('vp:main');

const SESSION_EDITS = 'edits';
/** How many edits each undo step holds (kept beside the edits, so that a reload keeps the steps). */
const SESSION_STEPS = 'steps';

let view: ViewState = decodeView(location.hash);
setLang(view.lang);
const hook = installHook(() => view);

const ui = {
  map: requireElement('map', HTMLDivElement),
  banner: requireElement('banner', HTMLParagraphElement),
  subtitle: requireElement('subtitle', HTMLParagraphElement),
  status: requireElement('status', HTMLParagraphElement),
  controls: requireElement('map-controls', HTMLDivElement),
  summary: requireElement('summary', HTMLDivElement),
  legend: requireElement('legend', HTMLDivElement),
  layers: requireElement('layers', HTMLDivElement),
  table: requireElement('tab-table', HTMLElement),
  scenario: requireElement('scenario-controls', HTMLDivElement),
  data: requireElement('tab-data', HTMLElement),
  settings: requireElement('tab-settings', HTMLElement),
  panel: requireElement('unit-panel', HTMLElement),
  modeHint: requireElement('mode-hint', HTMLDivElement),
  dropOverlay: requireElement('drop-overlay', HTMLDivElement),
};

// ---- state -------------------------------------------------------------------------------------

let store: DataStore | null = null;
let storage: Storage | null = null;
let imported: DatasetPayload[] = [];
let edits: Edit[] = [];
/**
 * How many edits each undo step added, oldest first (their sum is `edits.length`): a click adds one,
 * "Accept all" in the Suggest panel adds its rows as one step, so one undo takes them all out.
 */
let steps: number[] = [];
/** Undone steps, each as its edits; redo puts the last one back. */
let redoStack: Edit[][] = [];

/** Replaces the whole scenario (a saved one, a file, the stored session, or none): one step per edit. */
function setEdits(next: Edit[]): void {
  edits = next;
  steps = next.map(() => 1);
  redoStack = [];
}

/** Adds edits as one undo step. */
function addStep(added: readonly Edit[]): void {
  edits = [...edits, ...added];
  steps = [...steps, added.length];
  redoStack = [];
}
let mode: EditMode = { kind: 'browse' };
let picked: Picked | null = null;
let newSite: NewSite = { technologies: ['4G'], operator: 'Viettel', radius: null };
let newPostal: NewPostal = { type: 'cultural_post_point', staffed: true, internet: true, online: true };
let saved: ScenarioFile[] = [];
let saveName = '';
let reports: ImportReport[] = [];
let importKind: DatasetKind | 'auto' = 'auto';
let importChoice: ImportChoice = {};
let busy = false;
let lastUpdate: { totalMs: number; workerMs: number; communes: number } | null = null;
let popup: Popup | null = null;
let bboxes = new Map<string, BBox>();
/** What the next loaded analysis does with the camera: the URL's view, fit the communes, or nothing. */
let cameraPlan: 'url' | 'fit' | 'keep' = view.camera ? 'url' : 'fit';

onProgress((done, total) => setStatus(t('status.progress', { done: fmt.int(done), total: fmt.int(total) })));
const coverage = new CoverageMap(
  ui.map,
  view.boundarySet === 'imported'
    ? { type: 'FeatureCollection', features: [] }
    : SAMPLE.boundaries[view.boundarySet],
  t('map.attribution'),
);
/** Which boundary set the map's commune source holds (null: set from the worker's features). */
let mapCommunes: ViewState['boundarySet'] | null = view.boundarySet === 'imported' ? null : view.boundarySet;
hook.map = coverage.map;
coverage.map.on('error', (event) => console.error('map error', event.error));
coverage.onStyleRestored = () => {
  applyFills();
  coverage.applyLayers(view.layers);
};
const table = new CommuneTable(ui.table, (id) => openCommune(id, true));

// ---- "Suggest sites" (issue 6): the panel in #suggest-slot, its map layer, and its wiring ----------
// The worker plans on the current scenario (worker_plan.ts); accepted rows become add-site or
// add-postal edits, all in one step (one recompute), so undo/redo, saving and the list work as usual.
const suggestLayer = new SuggestLayer(coverage.map, (rank) => suggestPanel.focusRank(rank));
const suggestPanel = new SuggestPanel(requireElement('suggest-slot', HTMLDivElement), {
  context: () => {
    if (!store || store.snapshot.partial) return null;
    const s = store;
    const sel = view.selection;
    const selected =
      sel.kind === 'unit' && (sel.level === 'commune' || sel.level === 'district')
        ? { level: sel.level, id: sel.id, name: s.unit(sel.level, sel.id)?.name ?? sel.id }
        : null;
    return {
      loadKey: s.snapshot.datasets,
      provinces: s.unitsOf('province').map((u) => ({ id: u.id, name: u.name })),
      selected,
      operators: s.snapshot.operators,
      hasPostal: s.snapshot.datasets.some((d) => d.kind === 'postal' && d.source !== 'none'),
      edits,
      takenIds,
    };
  },
  plan: (request, progress) => client.plan(request, progress),
  accept: (list) => {
    addStep(list);
    void runEdits();
  },
  flyTo: (lon, lat) =>
    coverage.map.flyTo({ center: [lon, lat], zoom: Math.max(coverage.map.getZoom(), 11.5) }),
  layer: suggestLayer,
});

// ---- helpers -----------------------------------------------------------------------------------

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  ui.status.textContent = text;
  ui.status.classList.toggle('status-error', kind === 'error');
  ui.status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

let urlTimer: ReturnType<typeof setTimeout> | undefined;
let writtenHash = '';
function syncUrl(): void {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => {
    writtenHash = `#${encodeView(view)}`;
    if (location.hash !== writtenHash)
      history.replaceState(null, '', writtenHash === '#' ? location.pathname : writtenHash);
  }, 150);
}

/** Keeps focus on the control with the same id across a re-render (keyboard users keep their place). */
function keepFocus(render: () => void): void {
  const id = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  render();
  if (id) document.getElementById(id)?.focus();
}

/** Map padding that keeps a fitted box clear of the sidebar and the unit panel. */
function mapPadding(): { top: number; bottom: number; left: number; right: number } {
  const pad = { top: 30, bottom: 30, left: 30, right: 30 };
  const w = window.innerWidth;
  const h = window.innerHeight;
  const side = document.getElementById('sidebar')?.getBoundingClientRect();
  if (side && side.width < w * 0.7) pad.left = Math.max(pad.left, side.right + 20);
  else if (side) pad.top = Math.max(pad.top, side.bottom + 20);
  const panel = ui.panel.hidden ? null : ui.panel.getBoundingClientRect();
  if (panel && panel.top < h * 0.3) pad.right = Math.max(pad.right, w - panel.left + 20);
  else if (panel) pad.bottom = Math.max(pad.bottom, h - panel.top + 20);
  // Never leave less than a third of the map.
  if (pad.left + pad.right > w * 0.7) pad.right = 30;
  if (pad.top + pad.bottom > h * 0.7) pad.bottom = 30;
  return pad;
}

// ---- rendering ---------------------------------------------------------------------------------

function renderStatic(): void {
  document.documentElement.lang = view.lang;
  document.title = t('app.title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    node.textContent = t(node.dataset.i18n as MessageKey);
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-label]'))
    node.setAttribute('aria-label', t(node.dataset.i18nLabel as MessageKey));
  for (const b of document.querySelectorAll<HTMLButtonElement>('.lang-switch button'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === view.lang));
  const setName = t(`set.${view.boundarySet}` as MessageKey);
  ui.subtitle.textContent = t('app.subtitle', { set: setName });
  const synthetic = store ? store.snapshot.datasets.some((d) => d.synthetic) : true;
  ui.banner.replaceChildren(
    ...(synthetic ? [el('strong', { text: t('banner.syntheticLead') }), ` ${t('banner.synthetic')} `] : []),
    el('strong', { text: t('banner.modelledLead') }),
    ` ${t('banner.modelled')}`,
  );
  coverage.setAttribution(t('map.attribution'));
  coverage.setLabel(t('map.label'));
  renderModeHint();
}

function renderTabs(): void {
  if (view.tab === 'table' && tableStale) renderTable();
  const reportShown = view.tab === 'report' && document.getElementById('tab-report')?.hidden === true;
  for (const id of TAB_IDS) {
    const tab = document.getElementById(`tabbtn-${id}`);
    const panel = document.getElementById(`tab-${id}`);
    if (!tab || !panel) continue;
    const on = view.tab === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    panel.hidden = !on;
  }
  if (reportShown) reportPanel.render();
}

function renderControls(): void {
  keepFocus(() =>
    renderMapControls(
      ui.controls,
      view,
      store,
      imported.some((d) => d.kind === 'boundaries'),
      (patch) => changeView(patch),
    ),
  );
  renderSummary();
  renderLegend(ui.legend, view, store?.snapshot.targetDefs ?? []);
  keepFocus(() =>
    renderLayerControls(
      ui.layers,
      view.layers,
      (id) => layerAvailable(id),
      (id, setting) => {
        view = { ...view, layers: { ...view.layers, [id]: setting } };
        if (id !== 'communes' && setting.visible) showLayer(id);
        coverage.applyLayers(view.layers);
        syncUrl();
      },
    ),
  );
}

/** One line per province with the map's indicator; each opens the province summary. */
function renderSummary(): void {
  if (!store) return;
  ui.summary.replaceChildren(
    ...provinceLines(store, view).map((l) =>
      button(l.text, () => selectUnit('province', l.id), {
        className: 'summary-line link',
        dataset: { province: l.id },
      }),
    ),
  );
}

function layerAvailable(id: string): boolean {
  if (!store) return true;
  const kind: Partial<Record<string, DatasetKind>> = {
    sites: 'sites',
    footprints: 'sites',
    postal: 'postal',
    serviceCircles: 'postal',
    beyond: 'postal',
    fiber: 'fiber',
    villages: 'villages',
  };
  const k = kind[id];
  return !k || store.snapshot.datasets.some((d) => d.kind === k && d.source !== 'none');
}

function renderPanel(): void {
  suggestPanel.render(); // its scope follows the selection, its rows the scenario
  const sel = view.selection;
  if (sel.kind === 'none' || !store) {
    ui.panel.hidden = true;
    ui.panel.replaceChildren();
    return;
  }
  const wasOpen = !ui.panel.hidden;
  const scroll = ui.panel.querySelector('.panel-scroll')?.scrollTop ?? 0;
  keepFocus(() =>
    renderUnitPanel(ui.panel, store!, view, sel.level, sel.id, {
      select: (level, id) => selectUnit(level, id),
      close: () => selectUnit(null),
    }),
  );
  const scroller = ui.panel.querySelector('.panel-scroll');
  if (wasOpen && scroller) scroller.scrollTop = scroll;
}

let tableStale = true;

/** The commune table, drawn only while its tab is shown (it is 293 rows). */
function renderTable(): void {
  tableStale = true;
  if (!store || view.tab !== 'table') return;
  table.render(store, view);
  tableStale = false;
}

function renderScenario(): void {
  keepFocus(() =>
    renderScenarioPanel(
      ui.scenario,
      {
        mode,
        newSite,
        newPostal,
        edits,
        redoCount: redoStack.length,
        skipped: store?.snapshot.skippedEdits ?? [],
        picked,
        saved,
        saveName,
        operators: store?.snapshot.operators ?? [],
        hasPostal: store?.snapshot.datasets.some((d) => d.kind === 'postal' && d.source !== 'none') ?? false,
        lastUpdate,
      },
      scenarioActions,
    ),
  );
}

function renderData(): void {
  keepFocus(() =>
    renderDataPanel(
      ui.data,
      {
        datasets: store?.snapshot.datasets ?? [],
        reports,
        kind: importKind,
        choice: importChoice,
        busy,
        persistent: storage !== null,
      },
      dataActions,
    ),
  );
}

function renderSettings(): void {
  keepFocus(() =>
    renderSettingsPanel(ui.settings, view.lang, view.basemap, view.analysis, {
      setLang: (lang) => switchLang(lang),
      setBasemap: (basemap) => changeView({ basemap }),
      setAnalysis: (analysis) => changeAnalysis(analysis),
    }),
  );
}

function renderModeHint(): void {
  const text =
    mode.kind === 'add-site'
      ? t('hint.addSite')
      : mode.kind === 'add-postal'
        ? t('hint.addPostal')
        : mode.kind === 'move'
          ? t('hint.move', { id: mode.id })
          : '';
  ui.modeHint.hidden = text === '';
  ui.modeHint.replaceChildren(
    el('span', { text }),
    button(t('hint.cancel'), () => setMode({ kind: 'browse' }), { className: 'small' }),
  );
  ui.map.classList.toggle('editing', mode.kind !== 'browse');
}

function renderAll(): void {
  renderStatic();
  renderTabs();
  renderControls();
  table.build();
  renderTable();
  renderPanel();
  renderScenario();
  renderData();
  renderSettings();
  reportPanel.render();
}

function renderLoadedStatus(): void {
  if (!store) return;
  const s = store.snapshot;
  const sites = s.datasets.find((d) => d.kind === 'sites');
  const parts = [
    t('status.communes', { n: fmt.int(store.unitsOf('commune').length) }),
    t('status.sites', {
      n: fmt.int(store.keys('sites').length),
      source: sites?.source === 'imported' ? sites.name : t('data.synthetic'),
    }),
    t('status.analysis', { s: fmt.decimal(s.timings.analysisMs / 1000, 1) }),
  ];
  if (s.issues > 0) parts.push(t('status.issues', { n: fmt.int(s.issues) }));
  if (s.warnings.length > 0) parts.push(t('status.warnings', { n: fmt.int(s.warnings.length) }));
  setStatus(parts.join(' · '));
  ui.status.title = s.warnings.join('\n');
}

// ---- map ---------------------------------------------------------------------------------------

function applyFills(): void {
  if (!store) return;
  const scale = indicatorScale(view.indicator);
  const fills = new Map<string, string | null>();
  for (const u of store.unitsOf('commune')) {
    const v = indicatorValue(store, u, view);
    fills.set(u.id, v === null ? null : scale(v));
  }
  coverage.setFills(fills);
}

/** Layers whose features changed while they were hidden: set on the map when next shown. */
const staleLayers = new Set<FeatureLayer>(FEATURE_LAYERS);

/**
 * Puts the store's features on the map for the given layers. Hidden layers are only marked stale, so
 * MapLibre never indexes data nobody looks at (footprints alone are thousands of polygons).
 */
function refreshLayers(layers: readonly FeatureLayer[] = FEATURE_LAYERS): void {
  if (!store) return;
  const s = store;
  for (const layer of layers) {
    if (!view.layers[layer].visible) {
      staleLayers.add(layer);
      continue;
    }
    staleLayers.delete(layer);
    switch (layer) {
      case 'sites': {
        const tech = view.technology;
        const op = view.operator;
        coverage.setSites(
          s.collection('sites', (f) => {
            const p = f.properties ?? {};
            return (
              (tech === 'any' || String(p.tech).split(';').includes(tech)) &&
              (op === 'all' || p.operator === op)
            );
          }),
        );
        break;
      }
      case 'gaps': {
        const techs = new Set(s.collection('gaps').features.map((f) => f.properties?.technology));
        const tech = techs.has(view.technology) ? view.technology : 'any';
        coverage.setLayerData(
          'gaps',
          s.collection('gaps', (f) => f.properties?.technology === tech),
        );
        break;
      }
      default:
        coverage.setLayerData(layer, s.collection(layer));
    }
  }
  coverage.filterFootprints(view.technology, view.operator);
}

/** Shows a layer's features: fetched from the worker the first time, set on the map when stale. */
function showLayer(layer: FeatureLayer): void {
  if (!store) return;
  if (!store.loaded.has(layer)) {
    const s = store;
    void client.features([layer]).then((patch) => {
      if (store !== s) return;
      s.setLayers(patch);
      refreshLayers([layer]);
    }, fail);
    return;
  }
  if (staleLayers.has(layer)) refreshLayers([layer]);
}

// ---- view changes ------------------------------------------------------------------------------

/** Makes the view consistent with the data: a known operator and a target the map can show. */
function normaliseView(): void {
  if (!store) return;
  const s = store.snapshot;
  if (view.operator !== 'all' && !s.operators.includes(view.operator)) view = { ...view, operator: 'all' };
  if (view.indicator === 'target') {
    const targets = mappableTargets(s.targetDefs, view.year);
    if (!targets.some((d) => d.id === view.targetId)) view = { ...view, targetId: targets[0]?.id ?? null };
  }
  if (view.selection.kind === 'unit' && !store.unit(view.selection.level, view.selection.id))
    view = { ...view, selection: { kind: 'none' } };
}

function changeView(patch: Partial<ViewState>): void {
  const before = view;
  view = { ...view, ...patch };
  if (patch.boundarySet !== undefined && patch.boundarySet !== before.boundarySet) {
    view = { ...view, selection: { kind: 'none' }, camera: null };
    cameraPlan = 'fit';
    void reload();
    return;
  }
  if (patch.basemap) coverage.setBasemap(view.basemap);
  normaliseView();
  applyFills();
  if (patch.technology !== undefined || patch.operator !== undefined) refreshLayers(['sites', 'gaps']);
  renderControls();
  renderPanel();
  renderTable();
  if (patch.basemap) renderSettings();
  syncUrl();
}

function switchLang(lang: Lang): void {
  if (lang === view.lang) return;
  view = { ...view, lang };
  setLang(lang);
  renderAll();
  renderLoadedStatus();
  if (popup && picked) showPopup(picked);
  syncUrl();
}

function selectUnit(level: UnitLevel | null, id?: string): void {
  view = { ...view, selection: level === null || !id ? { kind: 'none' } : { kind: 'unit', level, id } };
  coverage.select(
    view.selection.kind === 'unit' && view.selection.level === 'commune' ? view.selection.id : null,
  );
  renderPanel();
  renderTable();
  syncUrl();
}

function openCommune(id: string, zoom: boolean): void {
  selectUnit('commune', id);
  const box = bboxes.get(id);
  if (zoom && box) coverage.fit(box, true, mapPadding());
}

// ---- analysis ----------------------------------------------------------------------------------

/** The load request for the current view: layers shown now, and outlines only for imported boundaries. */
function loadOptions() {
  return {
    boundarySet: view.boundarySet,
    sample: SAMPLE,
    imported,
    edits,
    layers: FEATURE_LAYERS.filter((l) => view.layers[l].visible),
    withGeometry: view.boundarySet === 'imported',
    analysis: analysisOptions(view.analysis),
  };
}

/**
 * Loads and analyses again (new boundary set, imported or cleared data). The quick mobile-only preview
 * colours the map first; the full snapshot replaces it.
 */
let generation = 0;

/**
 * Starts a load and analysis. The quick mobile-only preview is adopted as soon as it comes; the full
 * snapshot is returned, or null when a newer load has started since (its results are dropped).
 */
function startLoad(early?: EarlyLoad): Promise<Snapshot | null> {
  const gen = ++generation;
  let preview = Promise.resolve();
  const onPreview = (p: Snapshot) => {
    performance.mark('vp:preview-received');
    preview = coverage.loaded().then(() => {
      if (gen !== generation) return;
      adopt(p);
      coverage.map.once('render', () => {
        hook.previewMs ??= performance.now();
        performance.mark('vp:preview-drawn');
      });
    });
  };
  let final: Promise<Snapshot>;
  if (early) {
    early.onPreview(onPreview);
    final = early.snapshot;
  } else final = client.load(loadOptions(), onPreview);
  return final.then(async (snapshot) => {
    await coverage.loaded();
    await preview;
    return gen === generation ? snapshot : null;
  });
}

/** New postal counting rule or fiber reach: analysed again with them (the scenario's edits kept). */
function changeAnalysis(analysis: AnalysisChoice): void {
  view = { ...view, analysis };
  syncUrl();
  renderSettings();
  void reload();
}

/** Loads and analyses again (new boundary set, imported or cleared data). */
async function reload(): Promise<void> {
  busy = true;
  renderData();
  setStatus(t('status.loading'));
  if (view.boundarySet !== 'imported' && mapCommunes !== view.boundarySet) {
    coverage.setCommunesUrl(SAMPLE.boundaries[view.boundarySet]);
    mapCommunes = view.boundarySet;
  }
  showOutlines();
  try {
    const snapshot = await startLoad();
    if (snapshot) adopt(snapshot);
  } catch (error) {
    fail(error);
  } finally {
    busy = false;
    renderData();
  }
}

/** The boundary set whose district and province outlines are on the map or on their way (null: none). */
let outlinesShown: OutlineSet | null = null;

/**
 * Draws the outlines of the boundary set the map shows, fetched after the figures are on screen: they
 * are not needed for the first render, and tiling them would compete with it. Called again whenever
 * the communes on the map change; the old outlines go at once, and a fetch that comes back after
 * another set was chosen, or that failed, is dropped (the next call tries again).
 */
function showOutlines(): void {
  const set: OutlineSet = view.boundarySet === 'imported' ? 'imported' : (mapCommunes ?? 'imported');
  if (outlinesShown === set) return;
  outlinesShown = set;
  coverage.setOutlines(NO_OUTLINES);
  if (set === 'imported') {
    hook.outlines = set;
    return;
  }
  loadOutlines(set)
    .then(async (fc) => {
      if (outlinesShown !== set) return;
      coverage.setOutlines(fc);
      await coverage.idle();
      if (outlinesShown === set) hook.outlines = set;
    })
    .catch((error: unknown) => {
      if (outlinesShown === set) outlinesShown = null;
      console.warn('district and province outlines not drawn', error);
    });
}

const NO_OUTLINES: FeatureCollection = { type: 'FeatureCollection', features: [] };

function adopt(snapshot: Snapshot): void {
  const previous = store;
  store = new DataStore(snapshot);
  // The full snapshot leaves out what its preview already brought (the sites).
  if (previous?.snapshot.partial && !snapshot.partial)
    for (const layer of previous.loaded)
      if (!store.loaded.has(layer)) store.setLayers({ [layer]: previous.entries(layer) });
  hook.store = store;
  bboxes = new Map(snapshot.communeBoxes);
  if (snapshot.communes && view.boundarySet === 'imported') {
    coverage.setCommunes(snapshot.communes);
    mapCommunes = null;
  }
  coverage.setOperators(snapshot.operators);
  refreshLayers();
  coverage.applyLayers(view.layers);
  normaliseView();
  applyFills();
  coverage.select(
    view.selection.kind === 'unit' && view.selection.level === 'commune' ? view.selection.id : null,
  );
  if (cameraPlan === 'url' && view.camera)
    coverage.map.jumpTo({ center: [view.camera.lon, view.camera.lat], zoom: view.camera.zoom });
  else if (cameraPlan !== 'keep') coverage.fit(snapshot.bbox, false, mapPadding());
  cameraPlan = 'keep';
  if (picked && !store.feature(picked.what === 'site' ? 'sites' : 'postal', picked.id)) clearPick();
  renderAll();
  if (snapshot.partial) setStatus(t('status.partial'));
  else {
    renderLoadedStatus();
    hook.loads++;
  }
  syncUrl();
}

function fail(error: unknown): void {
  const message =
    error instanceof AnalysisError && error.userError
      ? t('status.badInput', { message: error.message })
      : t('status.bug', { message: error instanceof Error ? error.message : String(error) });
  const issues = error instanceof AnalysisError ? error.issues.slice(0, 5).map(issueText) : [];
  hook.error = message;
  document.body.dataset.state = 'failed';
  setStatus([message, ...issues].join('\n'), 'error');
  console.error(error);
}

/** Sends the scenario to the worker and applies what changed; measures the update. */
async function runEdits(): Promise<void> {
  if (!store) return;
  const started = performance.now();
  const sent = [...edits];
  void storage?.saveSession(SESSION_EDITS, sent);
  void storage?.saveSession(SESSION_STEPS, steps);
  try {
    const delta = await client.edit(sent);
    const changed = store.apply(delta);
    refreshLayers(changed);
    applyFills();
    renderSummary();
    renderPanel();
    renderTable();
    if (picked) refreshPick();
    lastUpdate = {
      totalMs: performance.now() - started,
      workerMs: delta.workerMs,
      communes: delta.recomputedCommunes.length,
    };
    hook.lastUpdate = lastUpdate;
    hook.updates++;
    renderScenario();
    reportPanel.scenarioChanged();
  } catch (error) {
    fail(error);
  }
}

function commit(edit: Edit): void {
  addStep([edit]);
  void runEdits();
}

// ---- what-if editing ---------------------------------------------------------------------------

function setMode(next: EditMode): void {
  mode = next;
  if (next.kind !== 'browse' && view.tab !== 'scenario') {
    view = { ...view, tab: 'scenario' };
    renderTabs();
    syncUrl();
  }
  renderModeHint();
  renderScenario();
}

function takenIds(layer: 'sites' | 'postal'): Set<string> {
  const ids = new Set(store?.keys(layer) ?? []);
  for (const e of [...edits, ...redoStack.flat()]) {
    if (e.kind === 'add-site') ids.add(e.site.id);
    if (e.kind === 'add-postal') ids.add(e.point.id);
  }
  return ids;
}

function addSiteAt(lon: number, lat: number): void {
  if (newSite.technologies.length === 0) {
    setStatus(t('scenario.needTech'), 'error');
    return;
  }
  const site: Site = {
    id: freshId('KB-TRAM-', takenIds('sites')),
    operator: newSite.operator,
    lon,
    lat,
    technologies: [...newSite.technologies],
    ...(newSite.radius !== null ? { radius_m: newSite.radius } : {}),
  };
  commit({ kind: 'add-site', site });
}

function addPostalAt(lon: number, lat: number): void {
  const point: PostalPoint = {
    id: freshId('KB-BC-', takenIds('postal')),
    lon,
    lat,
    type: newPostal.type,
    staffed: newPostal.staffed,
    internet: newPostal.internet,
    online_public_services: newPostal.online,
  };
  commit({ kind: 'add-postal', point });
}

function movePicked(lon: number, lat: number): void {
  if (!picked || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return;
  const from: [number, number] = [picked.lon, picked.lat];
  const edit: Edit =
    picked.what === 'site'
      ? { kind: 'move-site', id: picked.id, from, to: [lon, lat] }
      : { kind: 'move-postal', id: picked.id, from, to: [lon, lat] };
  picked = { ...picked, lon, lat };
  mode = { kind: 'browse' };
  renderModeHint();
  popup?.remove();
  commit(edit);
}

function deletePicked(): void {
  if (!picked) return;
  const edit: Edit =
    picked.what === 'site'
      ? { kind: 'delete-site', id: picked.id }
      : { kind: 'delete-postal', id: picked.id };
  clearPick();
  mode = { kind: 'browse' };
  renderModeHint();
  commit(edit);
}

function pick(what: 'site' | 'postal', id: string): void {
  const f = store?.feature(what === 'site' ? 'sites' : 'postal', id);
  if (f?.geometry.type !== 'Point') return;
  const [lon, lat] = f.geometry.coordinates as [number, number];
  picked = { what, id, lon, lat, props: { ...(f.properties ?? {}) } };
  coverage.setPick(f);
  showPopup(picked);
  renderScenario();
}

function refreshPick(): void {
  if (!picked) return;
  const f = store?.feature(picked.what === 'site' ? 'sites' : 'postal', picked.id);
  if (f?.geometry.type !== 'Point') {
    clearPick();
    return;
  }
  const [lon, lat] = f.geometry.coordinates as [number, number];
  picked = { ...picked, lon, lat, props: { ...(f.properties ?? {}) } };
  coverage.setPick(f);
}

function clearPick(): void {
  picked = null;
  popup?.remove();
  popup = null;
  coverage.setPick(null);
}

function showPopup(p: Picked): void {
  popup?.remove();
  const body =
    p.what === 'site'
      ? [
          el('strong', { text: t('popup.site', { id: p.id }) }),
          el('div', { text: `${p.props.operator} · ${String(p.props.tech).replace(/;/g, '+')}` }),
          el('div', {
            text: p.props.radius
              ? t('popup.radius', { r: fmt.int(Number(p.props.radius)) })
              : t('popup.defaultRadius'),
          }),
        ]
      : [
          el('strong', { text: t('popup.postal', { id: p.id }) }),
          ...(p.props.name ? [el('div', { text: String(p.props.name) })] : []),
          el('div', { text: t(`postalType.${String(p.props.type)}` as MessageKey) }),
          el('div', { text: p.props.staffed ? t('popup.staffed') : t('popup.unstaffed') }),
        ];
  const content = el('div', { className: 'popup' }, [
    ...body,
    el('div', { className: 'button-row' }, [
      button(t('scenario.moveOnMap'), () => setMode({ kind: 'move', what: p.what, id: p.id }), {
        className: 'small',
      }),
      button(t('scenario.delete'), deletePicked, { className: 'small danger' }),
    ]),
  ]);
  popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '260px' })
    .setLngLat([p.lon, p.lat])
    .setDOMContent(content)
    .addTo(coverage.map);
  popup
    .getElement()
    .querySelector('.maplibregl-popup-close-button')
    ?.setAttribute('aria-label', t('panel.close'));
  popup.on('close', () => {
    popup = null;
  });
}

coverage.map.on('click', (e: MapMouseEvent) => {
  if (!store) return;
  const { lng, lat } = e.lngLat;
  switch (mode.kind) {
    case 'add-site':
      addSiteAt(lng, lat);
      return;
    case 'add-postal':
      addPostalAt(lng, lat);
      return;
    case 'move':
      movePicked(lng, lat);
      return;
    case 'browse':
      break;
  }
  const hit = coverage.hitAt(e.point.x, e.point.y);
  switch (hit.kind) {
    case 'site':
    case 'postal':
      pick(hit.kind, hit.id);
      return;
    case 'cluster':
      coverage.map.easeTo({ center: [hit.lon, hit.lat], zoom: Math.min(12, coverage.map.getZoom() + 2) });
      return;
    case 'commune':
      clearPick();
      selectUnit('commune', hit.id);
      return;
    case 'nothing':
      clearPick();
      selectUnit(null);
      return;
  }
});
coverage.map.on('moveend', () => {
  view = { ...view, camera: coverage.camera() };
  syncUrl();
});

// Drag the picked site or postal point to move it (picking first keeps a pan that starts on a dot from
// moving it by accident). A press on it stops the map's own drag-pan; the drop is one move edit.
let drag: { x: number; y: number; moved: boolean } | null = null;
coverage.map.on('mousedown', (e: MapMouseEvent) => {
  if (!store || !picked || mode.kind !== 'browse' || e.originalEvent.button !== 0) return;
  const hit = coverage.hitAt(e.point.x, e.point.y);
  if ((hit.kind !== 'site' && hit.kind !== 'postal') || hit.kind !== picked.what || hit.id !== picked.id)
    return;
  e.preventDefault();
  drag = { x: e.point.x, y: e.point.y, moved: false };
});
coverage.map.on('mousemove', (e: MapMouseEvent) => {
  if (!drag || !picked) return;
  if (!drag.moved && Math.hypot(e.point.x - drag.x, e.point.y - drag.y) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    popup?.remove();
    coverage.map.getCanvas().style.cursor = 'grabbing';
  }
  coverage.setPick({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [e.lngLat.lng, e.lngLat.lat] },
    properties: picked.props,
  });
});
coverage.map.on('mouseup', (e: MapMouseEvent) => {
  const d = drag;
  drag = null;
  if (!d?.moved) return;
  coverage.map.getCanvas().style.cursor = '';
  movePicked(e.lngLat.lng, e.lngLat.lat);
});
for (const layer of [
  'communes-fill',
  'sites-point',
  'sites-edited-point',
  'sites-cluster',
  'postal-circle',
]) {
  coverage.map.on('mouseenter', layer, () => {
    if (mode.kind === 'browse') coverage.map.getCanvas().style.cursor = 'pointer';
  });
  coverage.map.on('mouseleave', layer, () => {
    if (mode.kind === 'browse') coverage.map.getCanvas().style.cursor = '';
  });
}

const scenarioActions = {
  setMode,
  setNewSite: (s: NewSite) => {
    newSite = s;
    renderScenario();
  },
  setNewPostal: (p: NewPostal) => {
    newPostal = p;
    renderScenario();
  },
  addAtCentre: () => {
    const c = coverage.map.getCenter();
    if (mode.kind === 'add-postal') addPostalAt(c.lng, c.lat);
    else addSiteAt(c.lng, c.lat);
  },
  movePicked,
  deletePicked,
  undo: () => {
    if (edits.length === 0) return;
    const n = Math.min(edits.length, steps.at(-1) ?? 1);
    redoStack = [...redoStack, edits.slice(-n)];
    edits = edits.slice(0, -n);
    steps = steps.slice(0, -1);
    void runEdits();
  },
  redo: () => {
    const next = redoStack.at(-1);
    if (!next) return;
    redoStack = redoStack.slice(0, -1);
    edits = [...edits, ...next];
    steps = [...steps, next.length];
    void runEdits();
  },
  reset: () => {
    setEdits([]);
    clearPick();
    void runEdits();
  },
  setSaveName: (name: string) => {
    saveName = name;
  },
  save: async () => {
    const name =
      saveName.trim() || t('scenario.defaultName', { date: fmt.dateTime(new Date().toISOString()) });
    const scenario: ScenarioFile = {
      format: 'vungphu-scenario',
      version: 1,
      name,
      saved_at: new Date().toISOString(),
      edits,
    };
    if (!storage) {
      setStatus(t('data.notPersistent'), 'error');
      return;
    }
    await storage.saveScenario(scenario);
    saved = await storage.scenarios();
    saveName = '';
    setStatus(t('scenario.savedAs', { name }));
    renderScenario();
  },
  load: (name: string) => {
    const s = saved.find((x) => x.name === name);
    if (!s) return;
    setEdits([...s.edits]);
    clearPick();
    setStatus(t('scenario.loaded', { name }));
    void runEdits();
  },
  remove: async (name: string) => {
    await storage?.removeScenario(name);
    saved = (await storage?.scenarios()) ?? [];
    renderScenario();
  },
  exportScenario: () => {
    const file: ScenarioFile = {
      format: 'vungphu-scenario',
      version: 1,
      name: saveName.trim() || 'scenario',
      saved_at: new Date().toISOString(),
      edits,
    };
    downloadText('vungphu-scenario.json', JSON.stringify(file, null, 1), 'application/json');
  },
  exportReport: async () => {
    const json = await client.reportJson();
    downloadText('report.json', json, 'application/json');
  },
};

const downloadText = download;

// ---- import ------------------------------------------------------------------------------------

/** Loads a saved scenario file (JSON) into the what-if editor. */
function importScenario(name: string, text: string): void {
  const { scenario, problems } = parseScenario(text);
  if (scenario) {
    setEdits(scenario.edits);
    clearPick();
    void runEdits();
    setStatus(t('scenario.loaded', { name: scenario.name }));
  }
  if (problems.length)
    setStatus(
      [
        t('scenario.problems', { name }),
        ...problems.map((p) => `${p.edit >= 0 ? `#${p.edit + 1}: ` : ''}${p.message}`),
      ].join('\n'),
      'error',
    );
}

/**
 * Imports files: each is size-checked before it is read, then read and validated by the importer in
 * the worker (any format, coordinate system, swapped coordinates), its kind detected unless chosen.
 * Files with valid rows are stored (IndexedDB) with the import choices and the analysis reloads.
 */
async function importFiles(files: File[]): Promise<void> {
  busy = true;
  view = { ...view, tab: 'data' };
  renderTabs();
  renderData();
  let changed = false;
  const fresh: ImportReport[] = [];
  for (const file of files) {
    try {
      checkFileSize(file.size, file.name, hook.maxImportBytes ?? IMPORT_LIMITS.fileBytes);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      fresh.push(failedImport('sites', file.name, error.message));
      continue;
    }
    const buffer = await file.arrayBuffer();
    if (mayBeScenario(file.name)) {
      const head = decodeText(new Uint8Array(buffer.slice(0, 20_000)));
      if (detectKind(file.name, head) === 'scenario') {
        importScenario(file.name, decodeText(new Uint8Array(buffer)));
        continue;
      }
    }
    const options = { ...importChoice };
    try {
      const report = await client.validate({
        kind: importKind,
        name: file.name,
        bytes: buffer,
        options,
        importedAt: '',
      });
      fresh.push(report);
      if (report.fatal) continue;
      const payload: DatasetPayload = {
        kind: report.kind,
        name: file.name,
        bytes: buffer,
        options,
        importedAt: new Date().toISOString(),
      };
      imported = [...imported.filter((d) => d.kind !== payload.kind), payload];
      await storage?.saveDataset(payload).catch(() => setStatus(t('data.saveFailed'), 'error'));
      if (payload.kind === 'boundaries') {
        view = { ...view, boundarySet: 'imported', selection: { kind: 'none' }, camera: null };
        cameraPlan = 'fit';
      }
      changed = true;
    } catch (error) {
      fail(error);
    }
  }
  reports = [...fresh, ...reports].slice(0, 10);
  busy = false;
  renderData();
  if (changed) await reload();
}

const dataActions = {
  setKind: (k: DatasetKind | 'auto') => {
    importKind = k;
  },
  setChoice: (choice: ImportChoice) => {
    importChoice = choice;
    renderData();
  },
  importFiles: (files: File[]) => void importFiles(files),
  removeDataset: async (kind: DatasetKind) => {
    imported = imported.filter((d) => d.kind !== kind);
    await storage?.removeDataset(kind);
    if (kind === 'boundaries' && view.boundarySet === 'imported') {
      view = { ...view, boundarySet: 'pre2025', selection: { kind: 'none' }, camera: null };
      cameraPlan = 'fit';
    }
    await reload();
  },
  clear: async () => {
    await storage?.clear();
    imported = [];
    setEdits([]);
    saved = [];
    reports = [];
    clearPick();
    if (view.boundarySet === 'imported') {
      view = { ...view, boundarySet: 'pre2025', selection: { kind: 'none' }, camera: null };
      cameraPlan = 'fit';
    }
    await reload();
    setStatus(t('data.cleared'));
  },
};

// Drag and drop anywhere on the page.
let dragDepth = 0;
const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
window.addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth++;
  ui.dropOverlay.hidden = false;
});
window.addEventListener('dragover', (e) => {
  if (hasFiles(e)) e.preventDefault();
});
window.addEventListener('dragleave', (e) => {
  if (!hasFiles(e)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) ui.dropOverlay.hidden = true;
});
window.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth = 0;
  ui.dropOverlay.hidden = true;
  const files = [...(e.dataTransfer?.files ?? [])];
  if (files.length) void importFiles(files);
});

// ---- keyboard and chrome -----------------------------------------------------------------------

for (const b of document.querySelectorAll<HTMLButtonElement>('.lang-switch button'))
  b.addEventListener('click', () => switchLang(b.dataset.lang === 'en' ? 'en' : 'vi'));

const tabList = document.querySelector<HTMLElement>('[role="tablist"]');
for (const id of TAB_IDS) {
  const tab = document.getElementById(`tabbtn-${id}`);
  tab?.addEventListener('click', () => {
    view = { ...view, tab: id };
    renderTabs();
    syncUrl();
  });
}
tabList?.addEventListener('keydown', (e) => {
  const i = TAB_IDS.indexOf(view.tab);
  const next =
    e.key === 'ArrowRight'
      ? (i + 1) % TAB_IDS.length
      : e.key === 'ArrowLeft'
        ? (i + TAB_IDS.length - 1) % TAB_IDS.length
        : -1;
  if (next < 0) return;
  e.preventDefault();
  view = { ...view, tab: TAB_IDS[next] as TabId };
  renderTabs();
  document.getElementById(`tabbtn-${view.tab}`)?.focus();
  syncUrl();
});

document.addEventListener('keydown', (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === 'Escape') {
    if (mode.kind !== 'browse') setMode({ kind: 'browse' });
    else if (popup) clearPick();
    else if (view.selection.kind !== 'none') selectUnit(null);
    return;
  }
  if (typing || !(e.ctrlKey || e.metaKey)) return;
  if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
    e.preventDefault();
    scenarioActions.undo();
  } else if (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)) {
    e.preventDefault();
    scenarioActions.redo();
  }
});

window.addEventListener('hashchange', () => {
  if (location.hash === writtenHash) return;
  const next = decodeView(location.hash);
  const reloadNeeded =
    next.boundarySet !== view.boundarySet || JSON.stringify(next.analysis) !== JSON.stringify(view.analysis);
  const langChanged = next.lang !== view.lang;
  view = next;
  setLang(view.lang);
  if (reloadNeeded) {
    cameraPlan = view.camera ? 'url' : 'fit';
    void reload();
    return;
  }
  coverage.setBasemap(view.basemap);
  coverage.applyLayers(view.layers);
  if (view.camera)
    coverage.map.jumpTo({ center: [view.camera.lon, view.camera.lat], zoom: view.camera.zoom });
  normaliseView();
  applyFills();
  refreshLayers(['sites', 'gaps']);
  coverage.select(
    view.selection.kind === 'unit' && view.selection.level === 'commune' ? view.selection.id : null,
  );
  if (langChanged) {
    renderAll();
    renderLoadedStatus();
  } else {
    renderTabs();
    renderControls();
    renderPanel();
    renderTable();
  }
});

// ---- report tab: exports, comparison with a baseline, map image (report_panel.ts, issue 5) ----------

const reportPanel = new ReportPanel(requireElement('tab-report', HTMLElement), {
  client,
  context: () => ({
    provinces: store?.snapshot.units.filter((u) => u.level === 'province').map((u) => u.name) ?? [],
    savedScenarios: saved,
    generation: store,
    ready: store !== null && !store.snapshot.partial,
  }),
  download: (name, bytes, mime) => download(name, bytes, mime),
  pngFactor: () => ({ factor: PNG_FACTOR, cssWidth: ui.map.clientWidth }),
  exportIndicator: () => {
    const defs = store?.snapshot.targetDefs ?? [];
    const id = reportIndicatorOf(view);
    // A target's status is no number to rank by: the CLI's default then.
    if (id) return { id, label: indicatorTitle(view, defs) };
    const fallback: ViewState = { ...view, indicator: 'mobile_pop', technology: '4G', operator: 'all' };
    return { id: reportIndicatorOf(fallback)!, label: indicatorTitle(fallback, defs) };
  },
  mapImage: () => {
    const scale = indicatorScale(view.indicator);
    const modelled = view.indicator === 'mobile_pop' || view.indicator === 'mobile_area';
    const synthetic = store?.snapshot.datasets.some((d) => d.synthetic) ?? true;
    return mapImage(coverage.map, {
      title: t('png.title', { indicator: indicatorTitle(view, store?.snapshot.targetDefs ?? []) }),
      date: t('png.date', { date: fmt.dateTime(new Date().toISOString()) }),
      labels: [...(synthetic ? [t('png.synthetic')] : []), t('png.modelled')],
      legendTitle: indicatorTitle(view, store?.snapshot.targetDefs ?? []),
      legend: legendClasses(view.indicator, scale),
      note: modelled ? t('legend.modelledNote') : '',
    });
  },
});

// ---- start -------------------------------------------------------------------------------------

async function start(): Promise<void> {
  renderAll();
  setStatus(t('status.loading'));
  // Most visits have nothing stored: boot.ts started on the sample straight away, while IndexedDB opened.
  const speculative = earlyLoad ? startLoad(earlyLoad) : null;
  speculative?.catch(() => undefined);
  try {
    storage = await storageOpening;
    if (!storage) throw new Error('IndexedDB unavailable');
    imported = await storage.datasets();
    setEdits((await storage.session<Edit[]>(SESSION_EDITS)) ?? []);
    // The stored steps, when they still add up to the stored edits (else one step per edit).
    const stored = await storage.session<unknown>(SESSION_STEPS);
    if (
      Array.isArray(stored) &&
      stored.every((n) => Number.isInteger(n) && n > 0) &&
      stored.reduce((a: number, b: number) => a + b, 0) === edits.length
    )
      steps = stored as number[];
    saved = await storage.scenarios();
  } catch (error) {
    storage = null;
    console.warn('IndexedDB unavailable; imported data will not survive a reload', error);
  }
  if (view.boundarySet === 'imported' && !imported.some((d) => d.kind === 'boundaries'))
    view = { ...view, boundarySet: 'pre2025' };
  const stored = imported.length > 0 || edits.length > 0 || view.boundarySet === 'imported';
  if (view.boundarySet !== 'imported' && mapCommunes !== view.boundarySet) {
    coverage.setCommunesUrl(SAMPLE.boundaries[view.boundarySet]);
    mapCommunes = view.boundarySet;
  }
  const snapshot = stored || !speculative ? await startLoad() : await speculative;
  if (!snapshot) return;
  performance.mark('vp:snapshot-received');
  hook.loadMs = snapshot.timings.loadMs;
  hook.analysisMs = snapshot.timings.analysisMs;
  adopt(snapshot);
  coverage.setBasemap(view.basemap);
  await coverage.idle();
  hook.renderMs = performance.now();
  performance.mark('vp:render');
  hook.ready = true;
  document.body.dataset.state = 'ready';
  showOutlines();
}

start().catch((error: unknown) => {
  fail(error);
});
