/**
 * Changes of the view: indicator, technology, operator, boundary set, basemap, language, selection,
 * tab and analysis settings, each redrawing what it affects; the view written to the URL (debounced),
 * and a URL edited by hand read back. Also the page's chrome: the language buttons, the tabs (click and
 * arrow keys) and the keyboard shortcuts (Esc, Ctrl+Z / Ctrl+Y).
 */
import type { UnitLevel } from '../../core/base/types.ts';
import { setLang } from '../i18n/i18n.ts';
import { mappableTargets } from '../map/indicators.ts';
import { panBeside } from '../map/pan_beside.ts';
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

  /** Outlines the selected commune, district or province on the map (nothing when nothing is selected). */
  selectOnMap(): void {
    const sel = this.page.store.view.selection;
    const unit = sel.kind === 'unit' ? sel : null;
    this.page.coverage.select(unit?.level === 'commune' ? unit.id : null);
    this.page.coverage.selectOutline(
      unit && unit.level !== 'commune' ? unit.level : null,
      unit && unit.level !== 'commune' ? unit.id : null,
    );
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
    this.page.why.render();
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

  /**
   * Pans the map so that a commune clicked at `at` (map pixels) lies beside the unit panel its click
   * opened, not under it (issue 15): the whole commune when it fits in the free part of the map, else
   * the point clicked.
   */
  keepBesidePanel(id: string, at: { x: number; y: number }): void {
    const { ui, coverage, store } = this.page;
    const box = store.data?.communeBox(id);
    if (ui.panel.hidden || !box) return;
    const map = coverage.map;
    const frame = map.getContainer().getBoundingClientRect();
    const p = ui.panel.getBoundingClientRect();
    const panel = {
      left: p.left - frame.left,
      top: p.top - frame.top,
      right: p.right - frame.left,
      bottom: p.bottom - frame.top,
    };
    const pad = mapPadding(ui);
    const free = {
      left: pad.left,
      top: pad.top,
      right: frame.width - pad.right,
      bottom: frame.height - pad.bottom,
    };
    const nw = map.project([box[0], box[3]]);
    const se = map.project([box[2], box[1]]);
    const whole = { left: nw.x, top: nw.y, right: se.x, bottom: se.y };
    const fits =
      whole.right - whole.left <= free.right - free.left &&
      whole.bottom - whole.top <= free.bottom - free.top;
    const target = fits ? whole : { left: at.x - 20, top: at.y - 20, right: at.x + 20, bottom: at.y + 20 };
    const shift = panBeside(target, panel, free);
    if (shift) map.panBy([-shift.dx, -shift.dy], { duration: 300 });
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
