/**
 * Draws the page from the store: the static texts in the chosen language, the tabs, the map controls
 * and legend, the unit panel, the commune table, the what-if, Data and Settings tabs, and the status
 * line. Each part is one method, so that an action redraws only what it changed.
 */
import { fmt } from '../i18n/format.ts';
import { type MessageKey, mapAttribution, t } from '../i18n/i18n.ts';
import { renderLayerControls } from '../map/layer_controls.ts';
import { renderLegend } from '../map/legend.ts';
import { provinceLines, renderMapControls } from '../map/map_controls.ts';
import { countingRuleText } from '../panels/counting_control.ts';
import { renderDataPanel } from '../panels/data_panel.ts';
import { calibrationBanner } from '../panels/offset_calibration.ts';
import { renderScenarioPanel } from '../panels/scenario_panel.ts';
import { renderSettingsPanel } from '../panels/settings_panel.ts';
import { renderUnitPanel } from '../panels/unit_panel.ts';
import type { DatasetKind } from '../state/dataset_kind.ts';
import { TAB_IDS } from '../state/view_state.ts';
import { button, el } from '../ui/dom.ts';
import type { Page } from './page.ts';
import { keepFocus, setStatus } from './ui.ts';

/** Which dataset a map layer draws (a layer without its data is greyed out in the layer list). */
const LAYER_KIND: Partial<Record<string, DatasetKind>> = {
  sites: 'sites',
  footprints: 'sites',
  postal: 'postal',
  serviceCircles: 'postal',
  beyond: 'postal',
  fiber: 'fiber',
  villages: 'villages',
  speedtests: 'speedtests',
};

export class PageRenderer {
  /** The commune table is drawn only while its tab is shown (it is hundreds of rows). */
  #tableStale = true;
  /** The site table likewise (thousands of sites). */
  #sitesStale = true;

  constructor(private readonly page: Page) {}

  status(text: string, kind: 'info' | 'error' = 'info'): void {
    setStatus(this.page.ui, text, kind);
  }

  staticTexts(): void {
    const { store, ui, coverage } = this.page;
    const view = store.view;
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
    const data = store.data;
    const synthetic = data ? data.snapshot.datasets.some((d) => d.synthetic) : true;
    ui.banner.replaceChildren(
      ...(synthetic ? [el('strong', { text: t('banner.syntheticLead') }), ` ${t('banner.synthetic')} `] : []),
      el('strong', { text: t('banner.modelledLead') }),
      // With a DEM the footprints follow the terrain, with the radio config in use (issue 17).
      ` ${
        this.page.dem.info
          ? t('banner.modelledTerrain', {
              radio: this.page.radio.name
                ? t('radio.inUseFile', { name: this.page.radio.name })
                : t('radio.inUseDefault'),
            })
          : t('banner.modelled')
      }`,
      ...calibrationBanner(data?.snapshot ?? null),
    );
    coverage.setAttribution(mapAttribution(view.boundarySet, synthetic));
    coverage.setLabel(t('map.label'));
    this.page.finder.relabel();
    this.page.extras.relabel();
    this.modeHint();
  }

  tabs(): void {
    const view = this.page.store.view;
    if (view.tab === 'table' && this.#tableStale) this.table();
    if (view.tab === 'sites' && this.#sitesStale) this.siteTable();
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
    if (reportShown) this.page.reportPanel.render();
  }

  controls(): void {
    const { store, ui, views, layers, coverage } = this.page;
    keepFocus(ui.controls, () =>
      renderMapControls(ui.controls, store.view, store.data, store.hasImported('boundaries'), (patch) =>
        views.changeView(patch),
      ),
    );
    this.summary();
    keepFocus(ui.legend, () =>
      this.page.difference.active()
        ? this.page.difference.renderLegend(ui.legend)
        : renderLegend(ui.legend, store.view, store.data, (classes) => views.changeView({ classes })),
    );
    keepFocus(ui.difference, () => this.page.difference.renderToggle(ui.difference));
    keepFocus(ui.layers, () =>
      renderLayerControls(
        ui.layers,
        store.view.layers,
        (id) => this.layerAvailable(id),
        (id, setting) => {
          store.setView({ layers: { ...store.view.layers, [id]: setting } });
          if (id !== 'communes' && id !== 'hillshade' && setting.visible) layers.show(id);
          coverage.applyLayers(store.view.layers);
          views.syncUrl();
          // The speed-test layer has its own legend, shown while the layer is.
          if (id === 'speedtests')
            keepFocus(ui.legend, () =>
              renderLegend(ui.legend, store.view, store.data, (classes) => views.changeView({ classes })),
            );
        },
      ),
    );
    keepFocus(ui.baseLayers, () => this.page.extras.renderControls(ui.baseLayers));
  }

  /** One line per province with the map's indicator; each opens the province summary. */
  summary(): void {
    const { store, ui, views } = this.page;
    const data = store.data;
    if (!data) return;
    ui.summary.replaceChildren(
      ...provinceLines(data, store.view).map((l) =>
        button(l.text, () => views.selectUnit('province', l.id), {
          className: 'summary-line link',
          dataset: { province: l.id },
        }),
      ),
      // Which cells the figures count, beside the figures (issue 13).
      el('p', {
        className: 'muted counting-rule',
        attrs: { id: 'counting-rule' },
        text: countingRuleText(data.snapshot.cellCounting.asOf),
      }),
    );
  }

  layerAvailable(id: string): boolean {
    if (id === 'hillshade') return this.page.dem.info !== null;
    const data = this.page.store.data;
    if (!data) return true;
    const k = LAYER_KIND[id];
    return !k || data.snapshot.datasets.some((d) => d.kind === k && d.source !== 'none');
  }

  unitPanel(): void {
    const { store, ui, views, suggestPanel } = this.page;
    suggestPanel.render(); // its scope follows the selection, its rows the scenario
    keepFocus(ui.panel, () => {
      const sel = store.view.selection;
      const data = store.data;
      if (sel.kind === 'none' || !data) {
        ui.panel.hidden = true;
        ui.panel.replaceChildren();
        return;
      }
      const wasOpen = !ui.panel.hidden;
      const scroll = ui.panel.querySelector('.panel-scroll')?.scrollTop ?? 0;
      renderUnitPanel(ui.panel, data, store.view, sel.level, sel.id, {
        select: (level, id) => views.selectUnit(level, id),
        close: () => views.selectUnit(null),
        flyTo: (lon, lat) =>
          this.page.coverage.map.flyTo({
            center: [lon, lat],
            zoom: Math.max(this.page.coverage.map.getZoom(), 13),
          }),
        siteInfo: (id) => this.page.client.siteInfo(id),
        terrain: () => this.page.dem.info !== null,
      });
      const scroller = ui.panel.querySelector('.panel-scroll');
      if (wasOpen && scroller) scroller.scrollTop = scroll;
    });
  }

  table(): void {
    this.#tableStale = true;
    const { store, table } = this.page;
    if (!store.data || store.view.tab !== 'table') return;
    table.render(store.data, store.view);
    this.#tableStale = false;
  }

  /** The Sites tab: drawn while shown, from the worker's rows of the current scenario. */
  siteTable(): void {
    this.#sitesStale = true;
    const { store, siteTable, client, loader } = this.page;
    if (!store.data || store.view.tab !== 'sites') return;
    this.#sitesStale = false;
    void client.siteRows().then((rows) => {
      if (store.view.tab === 'sites') siteTable.render(rows);
    }, loader.fail);
  }

  scenario(): void {
    const { store, ui, scenario } = this.page;
    keepFocus(ui.scenario, () => {
      const { editor, library } = store.state;
      const data = store.data;
      renderScenarioPanel(
        ui.scenario,
        {
          mode: editor.mode,
          newSite: editor.newSite,
          newPostal: editor.newPostal,
          edits: store.edits,
          redoCount: store.state.scenario.redo.length,
          skipped: data?.snapshot.skippedEdits ?? [],
          picked: editor.picked,
          saved: library.saved,
          saveName: library.saveName,
          operators: data?.snapshot.operators ?? [],
          hasPostal: data?.snapshot.datasets.some((d) => d.kind === 'postal' && d.source !== 'none') ?? false,
          lastUpdate: editor.lastUpdate,
        },
        scenario.actions,
      );
    });
  }

  dataTab(): void {
    const { store, ui, data, storage } = this.page;
    keepFocus(ui.data, () => {
      const importer = store.state.importer;
      renderDataPanel(
        ui.data,
        {
          datasets: store.data?.snapshot.datasets ?? [],
          reports: importer.reports,
          kind: importer.kind,
          choice: importer.choice,
          busy: importer.busy,
          persistent: storage !== null,
          dem: { info: this.page.dem.info, error: this.page.dem.error },
          radio: { name: this.page.radio.name, error: this.page.radio.error },
          question: importer.question,
          outcome: importer.outcome,
        },
        data.actions,
      );
    });
  }

  settings(): void {
    const { store, ui, views } = this.page;
    keepFocus(ui.settings, () => {
      const view = store.view;
      renderSettingsPanel(
        ui.settings,
        view.lang,
        view.basemap,
        view.analysis,
        {
          setLang: (lang) => views.switchLang(lang),
          setBasemap: (basemap) => views.changeView({ basemap }),
          setAnalysis: (analysis) => views.changeAnalysis(analysis),
        },
        {
          counting: store.data?.snapshot.cellCounting ?? null,
          calibration: store.data?.snapshot.calibration ?? null,
          offsetCalibration: store.data?.snapshot.offsetCalibration ?? null,
        },
      );
    });
  }

  modeHint(): void {
    const { store, ui, editing } = this.page;
    const mode = store.state.editor.mode;
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
      button(t('hint.cancel'), () => editing.setMode({ kind: 'browse' }), { className: 'small' }),
    );
    ui.map.classList.toggle('editing', mode.kind !== 'browse');
  }

  all(): void {
    this.staticTexts();
    this.tabs();
    this.controls();
    this.page.table.build();
    this.table();
    this.page.siteTable.build();
    this.siteTable();
    this.unitPanel();
    this.scenario();
    this.dataTab();
    this.settings();
    this.page.reportPanel.render();
  }

  /** The status line after a load: communes, sites and their source, analysis time, problems. */
  loadedStatus(): void {
    const { store, ui } = this.page;
    const data = store.data;
    if (!data) return;
    const s = data.snapshot;
    const sites = s.datasets.find((d) => d.kind === 'sites');
    const parts = [
      t('status.communes', { n: fmt.int(data.unitsOf('commune').length) }),
      t('status.sites', {
        n: fmt.int(data.keys('sites').length - s.outsideSites),
        source: sites?.source === 'imported' ? sites.name : t('data.synthetic'),
      }),
      t('status.analysis', { s: fmt.decimal(s.timings.analysisMs / 1000, 1) }),
    ];
    if (s.outsideSites > 0) parts.push(t('status.outside', { n: fmt.int(s.outsideSites) }));
    if (s.issues > 0) parts.push(t('status.issues', { n: fmt.int(s.issues) }));
    if (s.warnings.length > 0) parts.push(t('status.warnings', { n: fmt.int(s.warnings.length) }));
    this.status(parts.join(' · '));
    ui.status.title = s.warnings.join('\n');
  }
}
