/**
 * Loading and analysing: the first load (the sample's analysis boot.ts already started, or a new one
 * when something was stored), reloads after a new boundary set, import or setting, and the what-if
 * updates after every edit. The quick mobile-only preview colours the map first; the full snapshot
 * replaces it. Also draws the district and province outlines once the figures are on screen.
 */
import type { FeatureCollection } from 'geojson';
import type { EarlyLoad } from '../early_start.ts';
import { t } from '../i18n/i18n.ts';
import { issueText } from '../i18n/issue_text.ts';
import { loadOutlines, type OutlineSet } from '../map/outlines.ts';
import type { Edit } from '../state/scenario_edits.ts';
import type { Storage } from '../state/storage.ts';
import type { ViewState } from '../state/view_state.ts';
import { analysisOptions } from '../state/view_state.ts';
import { AnalysisError } from '../worker/analysis_client.ts';
import { FEATURE_LAYERS, type Snapshot } from '../worker/worker_protocol.ts';
import type { Page } from './page.ts';
import { mapPadding } from './ui.ts';

/** Keys of the scenario in IndexedDB's session store: the edits, and how many each undo step holds. */
export const SESSION_EDITS = 'edits';
export const SESSION_STEPS = 'steps';

const NO_OUTLINES: FeatureCollection = { type: 'FeatureCollection', features: [] };

export class Loader {
  /** What the next loaded analysis does with the camera: the URL's view, fit the communes, or nothing. */
  cameraPlan: 'url' | 'fit' | 'keep';
  /** Which boundary set the map's commune source holds (null: set from the worker's features). */
  #mapCommunes: ViewState['boundarySet'] | null;
  /** The boundary set whose district and province outlines are on the map or on their way (null: none). */
  #outlinesShown: OutlineSet | null = null;
  /** Counts loads; a load's results are dropped when a newer one has started. */
  #generation = 0;

  constructor(private readonly page: Page) {
    const view = page.store.view;
    this.cameraPlan = view.camera ? 'url' : 'fit';
    this.#mapCommunes = view.boundarySet === 'imported' ? null : view.boundarySet;
  }

  /** The load request for the current view: layers shown now, and outlines only for imported boundaries. */
  #loadOptions() {
    const { store, sample } = this.page;
    const view = store.view;
    return {
      boundarySet: view.boundarySet,
      sample,
      imported: [...store.state.imported],
      edits: [...store.edits],
      layers: FEATURE_LAYERS.filter((l) => view.layers[l].visible),
      withGeometry: view.boundarySet === 'imported',
      analysis: analysisOptions(view.analysis),
    };
  }

  /**
   * Starts a load and analysis. The quick mobile-only preview is adopted as soon as it comes; the full
   * snapshot is returned, or null when a newer load has started since (its results are dropped).
   */
  startLoad(early?: EarlyLoad): Promise<Snapshot | null> {
    const { coverage, client, hook } = this.page;
    const gen = ++this.#generation;
    let preview = Promise.resolve();
    const onPreview = (p: Snapshot) => {
      performance.mark('vp:preview-received');
      preview = coverage.loaded().then(() => {
        if (gen !== this.#generation) return;
        this.adopt(p);
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
    } else final = client.load(this.#loadOptions(), onPreview);
    return final.then(async (snapshot) => {
      await coverage.loaded();
      await preview;
      return gen === this.#generation ? snapshot : null;
    });
  }

  /** Puts the sample's communes of the view's boundary set on the map, unless they are there already. */
  showSampleCommunes(): void {
    const view = this.page.store.view;
    if (view.boundarySet !== 'imported' && this.#mapCommunes !== view.boundarySet) {
      this.page.coverage.setCommunesUrl(this.page.sample.boundaries[view.boundarySet]);
      this.#mapCommunes = view.boundarySet;
    }
  }

  /** Loads and analyses again (new boundary set, imported or cleared data, new settings). */
  async reload(): Promise<void> {
    const { store, render } = this.page;
    store.setBusy(true);
    render.dataTab();
    render.status(t('status.loading'));
    this.showSampleCommunes();
    this.showOutlines();
    try {
      const snapshot = await this.startLoad();
      if (snapshot) this.adopt(snapshot);
    } catch (error) {
      this.fail(error);
    } finally {
      store.setBusy(false);
      render.dataTab();
    }
  }

  /**
   * Draws the outlines of the boundary set the map shows, fetched after the figures are on screen: they
   * are not needed for the first render, and tiling them would compete with it. Called again whenever
   * the communes on the map change; the old outlines go at once, and a fetch that comes back after
   * another set was chosen, or that failed, is dropped (the next call tries again).
   */
  showOutlines(): void {
    const { store, coverage, hook } = this.page;
    const set: OutlineSet =
      store.view.boundarySet === 'imported' ? 'imported' : (this.#mapCommunes ?? 'imported');
    if (this.#outlinesShown === set) return;
    this.#outlinesShown = set;
    coverage.setOutlines(NO_OUTLINES);
    if (set === 'imported') {
      hook.outlines = set;
      return;
    }
    loadOutlines(set)
      .then(async (fc) => {
        if (this.#outlinesShown !== set) return;
        coverage.setOutlines(fc);
        await coverage.idle();
        if (this.#outlinesShown === set) hook.outlines = set;
      })
      .catch((error: unknown) => {
        if (this.#outlinesShown === set) this.#outlinesShown = null;
        console.warn('district and province outlines not drawn', error);
      });
  }

  /** Takes a snapshot (preview or full) into the store and draws everything from it. */
  adopt(snapshot: Snapshot): void {
    const { store, coverage, hook, layers, views, editing, render, ui } = this.page;
    const data = store.adoptSnapshot(snapshot);
    hook.store = data;
    if (snapshot.communes && store.view.boundarySet === 'imported') {
      coverage.setCommunes(snapshot.communes);
      this.#mapCommunes = null;
    }
    coverage.setOperators(snapshot.operators);
    layers.refresh();
    coverage.applyLayers(store.view.layers);
    views.normaliseView();
    layers.applyFills();
    views.selectOnMap();
    const view = store.view;
    if (this.cameraPlan === 'url' && view.camera)
      coverage.map.jumpTo({ center: [view.camera.lon, view.camera.lat], zoom: view.camera.zoom });
    else if (this.cameraPlan !== 'keep') coverage.fit(snapshot.bbox, false, mapPadding(ui));
    this.cameraPlan = 'keep';
    const picked = store.state.editor.picked;
    if (picked && !data.feature(picked.what === 'site' ? 'sites' : 'postal', picked.id)) editing.clearPick();
    render.all();
    if (snapshot.partial) render.status(t('status.partial'));
    else {
      render.loadedStatus();
      hook.loads++;
    }
    views.syncUrl();
  }

  /** Shows a failed load or update in the status line: the user's mistake, or a bug. */
  readonly fail = (error: unknown): void => {
    const { hook, render } = this.page;
    const message =
      error instanceof AnalysisError && error.userError
        ? t('status.badInput', { message: error.message })
        : t('status.bug', { message: error instanceof Error ? error.message : String(error) });
    const issues = error instanceof AnalysisError ? error.issues.slice(0, 5).map(issueText) : [];
    hook.error = message;
    document.body.dataset.state = 'failed';
    render.status([message, ...issues].join('\n'), 'error');
    console.error(error);
  };

  /** Sends the scenario to the worker and applies what changed; measures the update. */
  async runEdits(): Promise<void> {
    const { store, storage, client, layers, render, editing, hook, reportPanel } = this.page;
    if (!store.data) return;
    const started = performance.now();
    const sent = [...store.edits];
    void storage?.saveSession(SESSION_EDITS, sent);
    void storage?.saveSession(SESSION_STEPS, [...store.state.scenario.steps]);
    try {
      const delta = await client.edit(sent);
      const changed = store.applyDelta(delta);
      layers.refresh(changed);
      layers.applyFills();
      render.summary();
      render.unitPanel();
      render.table();
      render.siteTable();
      if (store.state.editor.picked) editing.refreshPick();
      const lastUpdate = {
        totalMs: performance.now() - started,
        workerMs: delta.workerMs,
        analysisMs: delta.analysisMs,
        communes: delta.recomputedCommunes.length,
      };
      store.setLastUpdate(lastUpdate);
      hook.lastUpdate = lastUpdate;
      hook.updates++;
      render.scenario();
      reportPanel.scenarioChanged();
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * The first load: the stored datasets and scenario are read while the sample's analysis (started by
   * boot.ts) runs; that analysis is used when nothing was stored, else a new one starts.
   */
  async start(early: EarlyLoad | null, storageOpening: Promise<Storage | null>): Promise<void> {
    const page = this.page;
    const { store, render, coverage, hook } = page;
    render.all();
    render.status(t('status.loading'));
    const speculative = early ? this.startLoad(early) : null;
    speculative?.catch(() => undefined);
    try {
      const storage = await storageOpening;
      if (!storage) throw new Error('IndexedDB unavailable');
      page.storage = storage;
      store.setImported(await storage.datasets());
      const edits = (await storage.session<Edit[]>(SESSION_EDITS)) ?? [];
      store.restoreScenario(edits, await storage.session<unknown>(SESSION_STEPS));
      store.setSaved(await storage.scenarios());
      await page.dem.restore();
      await page.radio.restore();
    } catch (error) {
      page.storage = null;
      console.warn('IndexedDB unavailable; imported data will not survive a reload', error);
    }
    if (store.view.boundarySet === 'imported' && !store.hasImported('boundaries'))
      store.setView({ boundarySet: '2025' });
    const stored =
      store.state.imported.length > 0 ||
      store.edits.length > 0 ||
      store.view.boundarySet === 'imported' ||
      page.dem.info !== null ||
      page.radio.name !== null;
    this.showSampleCommunes();
    const snapshot = stored || !speculative ? await this.startLoad() : await speculative;
    if (!snapshot) return;
    performance.mark('vp:snapshot-received');
    hook.loadMs = snapshot.timings.loadMs;
    hook.analysisMs = snapshot.timings.analysisMs;
    this.adopt(snapshot);
    coverage.setBasemap(store.view.basemap);
    await coverage.idle();
    hook.renderMs = performance.now();
    performance.mark('vp:render');
    hook.ready = true;
    document.body.dataset.state = 'ready';
    this.showOutlines();
  }
}
