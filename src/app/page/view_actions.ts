/**
 * Changes of the view: indicator, technology, operator, boundary set, basemap, language, selection,
 * tab and analysis settings, each redrawing what it affects; the view written to the URL (debounced),
 * and a URL edited by hand read back. Also the page's chrome: the language buttons, the tabs (click and
 * arrow keys) and the keyboard shortcuts (Esc, Ctrl+Z / Ctrl+Y).
 */
import type { UnitLevel } from '../../core/base/types.ts';
import { setLang } from '../i18n/i18n.ts';
import { mappableTargets } from '../map/indicators.ts';
import {
  type AnalysisChoice,
  decodeView,
  encodeView,
  type Lang,
  TAB_IDS,
  type TabId,
  type ViewState,
} from '../state/view_state.ts';
import type { Page } from './page.ts';
import { mapPadding } from './ui.ts';

/** How long the URL waits for the view to settle before it is written (a pan fires many moves). */
const URL_DEBOUNCE_MS = 150;

export class ViewActions {
  #urlTimer: ReturnType<typeof setTimeout> | undefined;
  /** The hash this page wrote last: its own hashchange is not read back. */
  #writtenHash = '';

  constructor(private readonly page: Page) {}

  /** Writes the view to the URL once it has been still for a moment. */
  syncUrl(): void {
    clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => {
      this.#writtenHash = `#${encodeView(this.page.store.view)}`;
      if (location.hash !== this.#writtenHash)
        history.replaceState(null, '', this.#writtenHash === '#' ? location.pathname : this.#writtenHash);
    }, URL_DEBOUNCE_MS);
  }

  /** Makes the view consistent with the data: a known operator and a target the map can show. */
  normaliseView(): void {
    const { store } = this.page;
    const data = store.data;
    if (!data) return;
    const s = data.snapshot;
    const view = store.view;
    if (view.operator !== 'all' && !s.operators.includes(view.operator)) store.setView({ operator: 'all' });
    if (view.indicator === 'target') {
      const targets = mappableTargets(s.targetDefs, view.year);
      if (!targets.some((d) => d.id === view.targetId)) store.setView({ targetId: targets[0]?.id ?? null });
    }
    const sel = store.view.selection;
    if (sel.kind === 'unit' && !data.unit(sel.level, sel.id)) store.selectUnit(null);
  }

  /** Outlines the selected commune on the map (nothing when another level or nothing is selected). */
  selectOnMap(): void {
    const sel = this.page.store.view.selection;
    this.page.coverage.select(sel.kind === 'unit' && sel.level === 'commune' ? sel.id : null);
  }

  changeView(patch: Partial<ViewState>): void {
    const { store, coverage, layers, render, loader } = this.page;
    const before = store.view;
    store.setView(patch);
    if (patch.boundarySet !== undefined && patch.boundarySet !== before.boundarySet) {
      store.switchBoundarySet(patch.boundarySet);
      loader.cameraPlan = 'fit';
      void loader.reload();
      return;
    }
    if (patch.basemap) coverage.setBasemap(store.view.basemap);
    this.normaliseView();
    layers.applyFills();
    if (patch.technology !== undefined || patch.operator !== undefined) layers.refresh(['sites', 'gaps']);
    if (patch.showOutside !== undefined) layers.refresh(['sites', 'postal', 'serviceCircles', 'fiber']);
    render.controls();
    render.unitPanel();
    render.table();
    if (patch.basemap) render.settings();
    this.syncUrl();
  }

  switchLang(lang: Lang): void {
    const { store, render, editing } = this.page;
    if (lang === store.view.lang) return;
    store.setView({ lang });
    setLang(lang);
    render.all();
    render.loadedStatus();
    editing.relabelPopup();
    this.syncUrl();
  }

  selectUnit(level: UnitLevel | null, id?: string): void {
    const { store, render } = this.page;
    store.selectUnit(level, id);
    this.selectOnMap();
    render.unitPanel();
    render.table();
    this.syncUrl();
  }

  openCommune(id: string, zoom: boolean): void {
    this.selectUnit('commune', id);
    const box = this.page.store.data?.communeBox(id);
    if (zoom && box) this.page.coverage.fit(box, true, mapPadding(this.page.ui));
  }

  /** New postal counting rule or fiber reach: analysed again with them (the scenario's edits kept). */
  changeAnalysis(analysis: AnalysisChoice): void {
    this.page.store.setView({ analysis });
    this.syncUrl();
    this.page.render.settings();
    void this.page.loader.reload();
  }

  setTab(tab: TabId): void {
    this.page.store.setView({ tab });
    this.page.render.tabs();
    this.syncUrl();
  }

  /** The camera moved: kept in the URL. */
  cameraMoved(): void {
    this.page.store.setView({ camera: this.page.coverage.camera() });
    this.syncUrl();
  }

  /** A URL edited by hand (or a link followed within the page): the view it holds. */
  #hashChanged(): void {
    const { store, coverage, layers, render, loader } = this.page;
    if (location.hash === this.#writtenHash) return;
    const next = decodeView(location.hash);
    const view = store.view;
    const reloadNeeded =
      next.boundarySet !== view.boundarySet ||
      JSON.stringify(next.analysis) !== JSON.stringify(view.analysis);
    const langChanged = next.lang !== view.lang;
    store.replaceView(next);
    setLang(next.lang);
    if (reloadNeeded) {
      loader.cameraPlan = next.camera ? 'url' : 'fit';
      void loader.reload();
      return;
    }
    coverage.setBasemap(next.basemap);
    coverage.applyLayers(next.layers);
    this.page.extras.apply();
    if (next.camera)
      coverage.map.jumpTo({ center: [next.camera.lon, next.camera.lat], zoom: next.camera.zoom });
    this.normaliseView();
    layers.applyFills();
    layers.refresh(['sites', 'gaps']);
    this.selectOnMap();
    if (langChanged) {
      render.all();
      render.loadedStatus();
    } else {
      render.tabs();
      render.controls();
      render.unitPanel();
      render.table();
    }
  }

  /** Wires the language buttons, the tabs, the keyboard shortcuts and the URL. */
  install(): void {
    const { store, editing, scenario } = this.page;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.lang-switch button'))
      b.addEventListener('click', () => this.switchLang(b.dataset.lang === 'en' ? 'en' : 'vi'));

    for (const id of TAB_IDS)
      document.getElementById(`tabbtn-${id}`)?.addEventListener('click', () => this.setTab(id));
    document.querySelector<HTMLElement>('[role="tablist"]')?.addEventListener('keydown', (e) => {
      const i = TAB_IDS.indexOf(store.view.tab);
      const next =
        e.key === 'ArrowRight'
          ? (i + 1) % TAB_IDS.length
          : e.key === 'ArrowLeft'
            ? (i + TAB_IDS.length - 1) % TAB_IDS.length
            : -1;
      if (next < 0) return;
      e.preventDefault();
      store.setView({ tab: TAB_IDS[next] as TabId });
      this.page.render.tabs();
      document.getElementById(`tabbtn-${store.view.tab}`)?.focus();
      this.syncUrl();
    });

    document.addEventListener('keydown', (e) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === 'Escape') {
        if (store.state.editor.mode.kind !== 'browse') editing.setMode({ kind: 'browse' });
        else if (editing.hasPopup() || editing.hasPick()) editing.clearPick();
        else if (store.view.selection.kind !== 'none') this.selectUnit(null);
        return;
      }
      if (typing || !(e.ctrlKey || e.metaKey)) return;
      if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
        e.preventDefault();
        scenario.actions.undo();
      } else if (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)) {
        e.preventDefault();
        scenario.actions.redo();
      }
    });

    window.addEventListener('hashchange', () => this.#hashChanged());
  }
}
