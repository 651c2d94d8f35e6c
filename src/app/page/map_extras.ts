/**
 * The map's essentials of issue 15 that are not data layers: the quiet basemap from the bundled data
 * (real roads, district and province outlines) with its toggles, the commune names (tooltip and
 * labels), the site clusters' counts, the collapsible sidebar, zoom buttons and scale bar labels, and the notice shown when the
 * optional online basemap cannot be loaded (offline).
 */
import roadsUrl from '../../../data/sample/roads.geojson?url';
import { type MessageKey, t } from '../i18n/i18n.ts';
import { ClusterCounts } from '../map/cluster_counts.ts';
import { CommuneLabels } from '../map/commune_labels.ts';
import { differenceText } from '../map/difference_scale.ts';
import { formatIndicator, indicatorTitle, indicatorValue } from '../map/indicators.ts';
import { BASE_LAYER_IDS, type BaseLayers } from '../state/view_state.ts';
import { button, el } from '../ui/dom.ts';
import type { Page } from './page.ts';

const BASE_LABEL: Record<keyof BaseLayers, MessageKey> = {
  roads: 'layer.basemapRoads',
  districts: 'layer.basemapDistricts',
  labels: 'layer.communeLabels',
};

export class MapExtras {
  #labels: CommuneLabels | null = null;
  #counts: ClusterCounts | null = null;
  #toggle: HTMLButtonElement | null = null;
  #notice: HTMLElement | null = null;
  #basemapFailing = false;

  constructor(private readonly page: Page) {}

  install(tools: HTMLElement): void {
    const { coverage, store } = this.page;
    this.#toggle = button('', () => this.setSidebar(!store.view.sidebar), {
      className: 'sidebar-toggle',
      attrs: { id: 'sidebar-toggle', 'aria-controls': 'sidebar' },
    });
    this.#notice = el('p', { className: 'map-notice', attrs: { id: 'basemap-notice', role: 'alert' } });
    this.#notice.hidden = true;
    tools.prepend(this.#toggle);
    tools.append(this.#notice);
    coverage.setRoadsUrl(roadsUrl);
    coverage.onBasemapTrouble = (failing) => {
      this.#basemapFailing = failing;
      this.#showNotice();
    };
    this.#labels = new CommuneLabels(
      coverage.map,
      (id) => this.#tooltip(id),
      (id) => store.data?.communeBox(id),
    );
    this.#counts = new ClusterCounts(coverage.map);
    this.apply();
  }

  /** Applies the view's basemap layers, labels and sidebar state. */
  apply(): void {
    const { store, coverage } = this.page;
    const view = store.view;
    coverage.setBase(view.base);
    this.#labels?.setEnabled(view.base.labels);
    document.body.classList.toggle('sidebar-collapsed', !view.sidebar);
    this.relabel();
  }

  setSidebar(open: boolean): void {
    this.page.store.setView({ sidebar: open });
    this.apply();
    // The map's box does not change (the sidebar floats over it), but its padded fits and the
    // controls' places do; resize() also catches a layout where the map's box follows the sidebar.
    // Not at start: its 'moveend' would record the camera before the link's camera is applied.
    this.page.coverage.map.resize();
    this.page.views.syncUrl();
    if (open) document.getElementById(`tabbtn-${this.page.store.view.tab}`)?.focus();
  }

  /** The texts in the current language. */
  relabel(): void {
    const open = this.page.store.view.sidebar;
    if (this.#toggle) {
      this.#toggle.textContent = open ? '«' : '»';
      this.#toggle.title = t(open ? 'sidebar.collapse' : 'sidebar.expand');
      this.#toggle.setAttribute('aria-label', this.#toggle.title);
      this.#toggle.setAttribute('aria-expanded', String(open));
    }
    this.page.coverage.setControlLabels(t('zoom.in'), t('zoom.out'));
    this.#showNotice();
    this.#labels?.refreshTip();
    this.#counts?.place();
  }

  /** The basemap toggles, under the layer list. */
  renderControls(container: HTMLElement): void {
    const { store, views } = this.page;
    const base = store.view.base;
    const list = el('ul', { className: 'layer-list' });
    for (const id of BASE_LAYER_IDS) {
      const check = el('input', { attrs: { type: 'checkbox', id: `base-${id}` } });
      check.checked = base[id];
      check.addEventListener('change', () => {
        store.setView({ base: { ...store.view.base, [id]: check.checked } });
        this.apply();
        views.syncUrl();
      });
      const label = el('label', { attrs: { for: `base-${id}` } }, [
        el('span', { className: `layer-key key-base-${id}`, attrs: { 'aria-hidden': 'true' } }),
        el('span', { text: t(BASE_LABEL[id]) }),
      ]);
      list.append(el('li', { dataset: { base: id } }, [check, label]));
    }
    container.replaceChildren(el('h3', { text: t('layers.basemapTitle') }), list);
  }

  #showNotice(): void {
    if (!this.#notice) return;
    const show = this.#basemapFailing && this.page.store.view.basemap.kind !== 'none';
    this.#notice.hidden = !show;
    this.#notice.textContent = show ? t('osm.offline') : '';
  }

  /** The tooltip of a commune: its name and the map's indicator value. */
  #tooltip(id: string): { name: string; value: string } | null {
    const data = this.page.store.data;
    const u = data?.unit('commune', id);
    if (!data || !u) return null;
    const view = this.page.store.view;
    const v = indicatorValue(data, u, view);
    const diff = this.page.difference.valueOf(id);
    if (diff !== undefined)
      return {
        name: u.name,
        value: `${t('diff.title', { indicator: indicatorTitle(view, data.snapshot.targetDefs) })}: ${differenceText(diff)}`,
      };
    const value = v === null ? t('tooltip.noData') : formatIndicator(view.indicator, v);
    return { name: u.name, value: `${indicatorTitle(view, data.snapshot.targetDefs)}: ${value}` };
  }
}
