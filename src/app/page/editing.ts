/**
 * What-if editing on the map: a click adds a site or postal point (in an add mode), moves the picked
 * one (in move mode), or picks a site, a postal point or a commune; the picked item's popup offers
 * move and delete; a picked item can be dragged to a new place. Each change is one undo step, sent to
 * the worker at once.
 */
import { type MapMouseEvent, Popup } from 'maplibre-gl';
import type { PostalPoint } from '../../core/base/infrastructure.ts';
import type { Site } from '../../core/base/types.ts';
import { cellFactsText, cellShapeText } from '../i18n/cell_text.ts';
import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import type { EditMode, Picked } from '../state/editor.ts';
import { type Edit, freshId } from '../state/scenario_edits.ts';
import type { SiteInfo } from '../state/site_info.ts';
import { button, el } from '../ui/dom.ts';
import type { Page } from './page.ts';
import { mapPadding } from './ui.ts';

/** The layers under the pointer that a click picks (the cursor shows a hand over them). */
const CLICKABLE_LAYERS = [
  'communes-fill',
  'sites-point',
  'sites-edited-point',
  'sites-cluster',
  'postal-circle',
];

/**
 * A site's popup: its code, name, operator and commune, then each cell (technology, band, height,
 * status and year) with why its footprint has its shape (issue 13). The cells come from the worker
 * (`info`; null while on their way). All text, never HTML.
 */
function siteBody(p: Picked, info: SiteInfo | null): HTMLElement[] {
  const row = info?.row;
  const where = [String(p.props.operator), ...(row?.commune ? [row.commune] : [])];
  const head = [
    el('strong', { text: t('popup.site', { id: p.id }) }),
    ...(row?.name ? [el('div', { text: row.name })] : []),
    el('div', { text: where.join(' · ') }),
    ...(p.props.counted === false
      ? [el('div', { className: 'muted small', text: t('popup.plannedOnly') })]
      : []),
  ];
  if (!info) return head;
  return [
    ...head,
    el('div', { className: 'popup-cells-title', text: t('popup.cells', { n: fmt.int(info.cells.length) }) }),
    el(
      'ol',
      { className: 'popup-cells' },
      info.cells.map((c) =>
        el(
          'li',
          { className: c.counted ? '' : 'not-counted', dataset: { azimuth: String(c.azimuth_deg ?? '') } },
          [
            el('div', { text: cellFactsText(c) }),
            el('div', { className: 'muted small', text: cellShapeText(c.shape) }),
          ],
        ),
      ),
    ),
  ];
}

export class Editing {
  #popup: Popup | null = null;
  /** A press on the picked item, and whether it has moved enough to be a drag. */
  #drag: { x: number; y: number; moved: boolean } | null = null;

  constructor(private readonly page: Page) {}

  /** Adds edits as one undo step and sends the scenario to the worker. */
  commit(edits: readonly Edit[]): void {
    this.page.store.addStep(edits);
    void this.page.loader.runEdits();
  }

  setMode(next: EditMode): void {
    const { store, render, views } = this.page;
    store.setMode(next);
    if (next.kind !== 'browse' && store.view.tab !== 'scenario') views.setTab('scenario');
    render.modeHint();
    render.scenario();
  }

  /** Back to browsing after a move or delete (no redraw of the what-if panel: the update does it). */
  #browse(): void {
    this.page.store.setMode({ kind: 'browse' });
    this.page.render.modeHint();
  }

  addSiteAt(lon: number, lat: number): void {
    const { store, render } = this.page;
    const newSite = store.state.editor.newSite;
    if (newSite.technologies.length === 0) {
      render.status(t('scenario.needTech'), 'error');
      return;
    }
    const site: Site = {
      id: freshId('KB-TRAM-', store.takenIds('sites')),
      operator: newSite.operator,
      lon,
      lat,
      technologies: [...newSite.technologies],
      ...(newSite.radius !== null ? { radius_m: newSite.radius } : {}),
      source: 'what-if',
    };
    this.commit([{ kind: 'add-site', site }]);
  }

  addPostalAt(lon: number, lat: number): void {
    const { store } = this.page;
    const newPostal = store.state.editor.newPostal;
    const point: PostalPoint = {
      id: freshId('KB-BC-', store.takenIds('postal')),
      lon,
      lat,
      type: newPostal.type,
      staffed: newPostal.staffed,
      internet: newPostal.internet,
      online_public_services: newPostal.online,
    };
    this.commit([{ kind: 'add-postal', point }]);
  }

  /** Adds a site or postal point (as the mode says) at the centre of the map. */
  addAtCentre(): void {
    const c = this.page.coverage.map.getCenter();
    if (this.page.store.state.editor.mode.kind === 'add-postal') this.addPostalAt(c.lng, c.lat);
    else this.addSiteAt(c.lng, c.lat);
  }

  movePicked(lon: number, lat: number): void {
    const { store } = this.page;
    const picked = store.state.editor.picked;
    if (
      !picked ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat) ||
      Math.abs(lon) > 180 ||
      Math.abs(lat) > 90
    )
      return;
    const from: [number, number] = [picked.lon, picked.lat];
    const edit: Edit =
      picked.what === 'site'
        ? { kind: 'move-site', id: picked.id, from, to: [lon, lat] }
        : { kind: 'move-postal', id: picked.id, from, to: [lon, lat] };
    store.pick({ ...picked, lon, lat });
    this.#browse();
    this.#popup?.remove();
    this.commit([edit]);
  }

  deletePicked(): void {
    const picked = this.page.store.state.editor.picked;
    if (!picked) return;
    const edit: Edit =
      picked.what === 'site'
        ? { kind: 'delete-site', id: picked.id }
        : { kind: 'delete-postal', id: picked.id };
    this.clearPick();
    this.#browse();
    this.commit([edit]);
  }

  pick(what: 'site' | 'postal', id: string): void {
    const { store, coverage, render } = this.page;
    const f = store.data?.feature(what === 'site' ? 'sites' : 'postal', id);
    if (f?.geometry.type !== 'Point') return;
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const picked: Picked = { what, id, lon, lat, props: { ...(f.properties ?? {}) } };
    store.pick(picked);
    coverage.setPick(f);
    this.#showPopup(picked);
    render.scenario();
  }

  /** Flies the map to a site and opens its popup (a row of the Sites tab). */
  openSite(id: string): void {
    const { store, coverage } = this.page;
    const f = store.data?.feature('sites', id);
    if (f?.geometry.type !== 'Point') return;
    const [lon, lat] = f.geometry.coordinates as [number, number];
    coverage.map.flyTo({
      center: [lon, lat],
      zoom: Math.max(coverage.map.getZoom(), 13),
      padding: mapPadding(this.page.ui),
    });
    this.pick('site', id);
  }

  /** The picked item after an update: its new place and properties, or no pick when it is gone. */
  refreshPick(): void {
    const { store, coverage } = this.page;
    const picked = store.state.editor.picked;
    if (!picked) return;
    const f = store.data?.feature(picked.what === 'site' ? 'sites' : 'postal', picked.id);
    if (f?.geometry.type !== 'Point') {
      this.clearPick();
      return;
    }
    const [lon, lat] = f.geometry.coordinates as [number, number];
    store.pick({ ...picked, lon, lat, props: { ...(f.properties ?? {}) } });
    coverage.setPick(f);
  }

  /** Lets go of the picked site or postal point: no popup, no ring on the map, no inspector (issue 15). */
  clearPick(): void {
    const had = this.page.store.state.editor.picked !== null;
    this.page.store.pick(null);
    this.#popup?.remove();
    this.#popup = null;
    this.page.coverage.setPick(null);
    if (had) this.page.render.scenario();
  }

  /** Whether a site or postal point is picked (ringed on the map, in the inspector). */
  hasPick(): boolean {
    return this.page.store.state.editor.picked !== null;
  }

  hasPopup(): boolean {
    return this.#popup !== null;
  }

  /** The popup again in the current language (after a language switch). */
  relabelPopup(): void {
    const picked = this.page.store.state.editor.picked;
    if (this.#popup && picked) this.#showPopup(picked);
  }

  #showPopup(p: Picked, info: SiteInfo | null = null): void {
    this.#popup?.remove();
    const body =
      p.what === 'site'
        ? siteBody(p, info)
        : [
            el('strong', { text: t('popup.postal', { id: p.id }) }),
            ...(p.props.name ? [el('div', { text: String(p.props.name) })] : []),
            el('div', { text: t(`postalType.${String(p.props.type)}` as MessageKey) }),
            el('div', { text: p.props.staffed ? t('popup.staffed') : t('popup.unstaffed') }),
          ];
    const content = el('div', { className: 'popup' }, [
      ...body,
      el('div', { className: 'button-row' }, [
        button(t('scenario.moveOnMap'), () => this.setMode({ kind: 'move', what: p.what, id: p.id }), {
          className: 'small',
        }),
        button(t('scenario.delete'), () => this.deletePicked(), { className: 'small danger' }),
        ...(p.what === 'site'
          ? [
              button(t('why.button'), () => this.page.why.start(p.id), {
                className: 'small',
                attrs: { id: 'why-start' },
              }),
            ]
          : []),
      ]),
      el('p', { className: 'muted small popup-keys', text: t('scenario.keysHint') }),
    ]);
    const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '320px' })
      .setLngLat([p.lon, p.lat])
      .setDOMContent(content)
      .addTo(this.page.coverage.map);
    popup
      .getElement()
      .querySelector('.maplibregl-popup-close-button')
      ?.setAttribute('aria-label', t('panel.close'));
    popup.on('close', () => {
      if (this.#popup === popup) this.#popup = null;
    });
    this.#popup = popup;
    // The site's cells, from the worker: the popup is drawn again with them, if still open on that site.
    if (p.what === 'site' && !info)
      void this.page.client.siteInfo(p.id).then((answer) => {
        const picked = this.page.store.state.editor.picked;
        if (this.#popup === popup && answer && picked?.what === 'site' && picked.id === p.id)
          this.#showPopup(picked, answer);
      }, this.page.loader.fail);
  }

  #click(e: MapMouseEvent): void {
    const { store, coverage, views } = this.page;
    if (!store.data) return;
    const { lng, lat } = e.lngLat;
    if (store.state.editor.mode.kind === 'browse' && this.page.why.takeClick(lng, lat)) return;
    switch (store.state.editor.mode.kind) {
      case 'add-site':
        this.addSiteAt(lng, lat);
        return;
      case 'add-postal':
        this.addPostalAt(lng, lat);
        return;
      case 'move':
        this.movePicked(lng, lat);
        return;
      case 'browse':
        break;
    }
    const hit = coverage.hitAt(e.point.x, e.point.y);
    switch (hit.kind) {
      case 'site':
      case 'postal':
        this.pick(hit.kind, hit.id);
        return;
      case 'cluster':
        coverage.map.easeTo({ center: [hit.lon, hit.lat], zoom: Math.min(12, coverage.map.getZoom() + 2) });
        return;
      case 'commune':
        this.clearPick();
        views.selectUnit('commune', hit.id);
        views.keepBesidePanel(hit.id, e.point);
        return;
      case 'nothing':
        this.clearPick();
        views.selectUnit(null);
        return;
    }
  }

  /** Wires the map's clicks, the drag of the picked item and the pointer cursor. */
  /**
   * The keyboard on the picked site or postal point (issue 15): the arrow keys move it by 100 m (with
   * Shift 1 km), Delete (or Backspace) removes it; one edit per key press, undone like the mouse's.
   * A site is picked from the keyboard in the Sites tab (Tab to its code, Enter).
   */
  #key(e: KeyboardEvent): void {
    const picked = this.page.store.state.editor.picked;
    if (!picked || this.page.store.state.editor.mode.kind !== 'browse' || e.ctrlKey || e.metaKey || e.altKey)
      return;
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('input, textarea, select, [contenteditable], [role="tablist"], [role="slider"]'))
      return;
    const step = (e.shiftKey ? 1000 : 100) / 111_320; // degrees of latitude per step (m / m per degree)
    const east = step / Math.cos((picked.lat * Math.PI) / 180);
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
      ArrowLeft: [-east, 0],
      ArrowRight: [east, 0],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      e.stopPropagation();
      this.movePicked(picked.lon + move[0], picked.lat + move[1]);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      this.deletePicked();
    }
  }

  install(): void {
    const { store, coverage, views } = this.page;
    const map = coverage.map;
    // Captured before the map's own keyboard handler, which would pan with the arrow keys.
    window.addEventListener('keydown', (e) => this.#key(e), true);
    map.on('click', (e: MapMouseEvent) => this.#click(e));
    map.on('moveend', () => views.cameraMoved());

    // Drag the picked site or postal point to move it (picking first keeps a pan that starts on a dot
    // from moving it by accident). A press on it stops the map's own drag-pan; the drop is one move edit.
    map.on('mousedown', (e: MapMouseEvent) => {
      const picked = store.state.editor.picked;
      if (!store.data || !picked || store.state.editor.mode.kind !== 'browse' || e.originalEvent.button !== 0)
        return;
      const hit = coverage.hitAt(e.point.x, e.point.y);
      if ((hit.kind !== 'site' && hit.kind !== 'postal') || hit.kind !== picked.what || hit.id !== picked.id)
        return;
      e.preventDefault();
      this.#drag = { x: e.point.x, y: e.point.y, moved: false };
    });
    map.on('mousemove', (e: MapMouseEvent) => {
      const drag = this.#drag;
      const picked = store.state.editor.picked;
      if (!drag || !picked) return;
      if (!drag.moved && Math.hypot(e.point.x - drag.x, e.point.y - drag.y) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        this.#popup?.remove();
        map.getCanvas().style.cursor = 'grabbing';
      }
      coverage.setPick({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [e.lngLat.lng, e.lngLat.lat] },
        properties: picked.props,
      });
    });
    map.on('mouseup', (e: MapMouseEvent) => {
      const d = this.#drag;
      this.#drag = null;
      if (!d?.moved) return;
      map.getCanvas().style.cursor = '';
      this.movePicked(e.lngLat.lng, e.lngLat.lat);
    });
    for (const layer of CLICKABLE_LAYERS) {
      map.on('mouseenter', layer, () => {
        if (store.state.editor.mode.kind === 'browse') map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        if (store.state.editor.mode.kind === 'browse') map.getCanvas().style.cursor = '';
      });
    }
  }
}
