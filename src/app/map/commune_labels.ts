/**
 * Commune names on the map (issue 15): a tooltip with the name and the indicator's value under the
 * pointer, and labels of the communes in view once zoomed in.
 *
 * The labels are HTML, not MapLibre symbol layers: symbols need glyph tiles (PBF) from a glyph server,
 * and the app makes no outside request. The page's own fonts draw every Vietnamese letter, so the
 * names need no bundled font. At most MAX_LABELS labels are placed, the largest communes first, none
 * over another, each at the commune's `center` (a point inside it, data/SOURCES.md) or else the middle
 * of its box; they are re-chosen when the map stops moving and follow it while it moves. Names go in
 * with textContent only.
 */
import type { MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { el } from '../ui/dom.ts';
import type { BBox } from '../worker/worker_protocol.ts';
import { COMMUNE_FILL_LAYER, COMMUNE_SOURCE } from './map_style.ts';

/** Labels appear from this zoom on (about 1:300 000; the communes are then 2–4 cm across). */
export const LABEL_MIN_ZOOM = 10;
/** The most labels drawn at once (each is a DOM element moved on every frame of a pan). */
export const MAX_LABELS = 60;

export class CommuneLabels {
  readonly #layer: HTMLDivElement;
  readonly #tip: HTMLDivElement;
  #placed: { el: HTMLElement; at: [number, number] }[] = [];
  #enabled = true;
  #hovered: string | null = null;

  #frame = 0;

  /**
   * @param tooltipText the tooltip's name and value (the indicator's) for a commune, or null
   * @param boxOf a commune's bounding box (to label the larger ones first)
   */
  constructor(
    private readonly map: MapLibreMap,
    private readonly tooltipText: (id: string) => { name: string; value: string } | null,
    private readonly boxOf: (id: string) => BBox | undefined,
  ) {
    const container = map.getCanvasContainer();
    this.#layer = el('div', { className: 'commune-labels', attrs: { 'aria-hidden': 'true' } });
    this.#tip = el('div', { className: 'commune-tip', attrs: { role: 'tooltip', id: 'commune-tip' } });
    this.#tip.hidden = true;
    container.append(this.#layer, this.#tip);
    map.on('moveend', () => this.#schedule());
    map.on('sourcedata', (e) => {
      if (e.sourceId === COMMUNE_SOURCE && e.isSourceLoaded) this.#schedule();
    });
    map.on('move', () => this.#follow());
    map.on('mousemove', (e) => this.#hover(e));
    map.on('mouseout', () => this.#hideTip());
    map.on('movestart', () => this.#hideTip());
  }

  /** Labels on or off (the tooltip stays). */
  setEnabled(on: boolean): void {
    this.#enabled = on;
    this.#schedule();
  }

  /** Redraws the tooltip's text (after a change of indicator or language). */
  refreshTip(): void {
    if (this.#hovered !== null && !this.#tip.hidden) this.#fillTip(this.#hovered);
  }

  /** Places the labels at the next frame (several triggers in one frame place them once). */
  #schedule(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#place());
  }

  /** The communes of the source's loaded tiles (those in view), largest first. */
  #communes(): { id: string; name: string; at: [number, number]; size: number }[] {
    const seen = new Map<string, { id: string; name: string; at: [number, number]; size: number }>();
    for (const f of this.map.querySourceFeatures(COMMUNE_SOURCE)) {
      const id = f.id === undefined ? String(f.properties.id ?? '') : String(f.id);
      if (id === '' || seen.has(id)) continue;
      const box = this.boxOf(id);
      const at =
        pointOf(f.properties.center) ?? (box ? [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] : null);
      if (!at) continue;
      const size = box ? (box[2] - box[0]) * (box[3] - box[1]) : 0;
      seen.set(id, { id, name: String(f.properties.name ?? id), at, size });
    }
    return [...seen.values()].sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  }

  #place(): void {
    const zoom = this.map.getZoom();
    const frag: HTMLElement[] = [];
    this.#placed = [];
    if (this.#enabled && zoom >= LABEL_MIN_ZOOM && this.map.getSource(COMMUNE_SOURCE)) {
      const w = this.map.getContainer().clientWidth;
      const h = this.map.getContainer().clientHeight;
      const boxes: [number, number, number, number][] = [];
      for (const c of this.#communes()) {
        if (this.#placed.length >= MAX_LABELS) break;
        const p = this.map.project(c.at);
        if (p.x < 0 || p.y < 0 || p.x > w || p.y > h) continue;
        // An estimate of the label's box (12 px text, about 6.5 px a letter), for the overlap test.
        const half = (c.name.length * 6.5) / 2 + 3;
        const box: [number, number, number, number] = [p.x - half, p.y - 9, p.x + half, p.y + 9];
        if (boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
        boxes.push(box);
        const label = el('span', { className: 'commune-label', text: c.name, dataset: { id: c.id } });
        label.style.transform = `translate(${p.x}px, ${p.y}px) translate(-50%, -50%)`;
        this.#placed.push({ el: label, at: c.at });
        frag.push(label);
      }
    }
    this.#layer.replaceChildren(...frag);
  }

  #follow(): void {
    for (const { el: label, at } of this.#placed) {
      const p = this.map.project(at);
      label.style.transform = `translate(${p.x}px, ${p.y}px) translate(-50%, -50%)`;
    }
  }

  #hover(e: MapMouseEvent): void {
    if (!this.map.getLayer(COMMUNE_FILL_LAYER)) return;
    const [f] = this.map.queryRenderedFeatures(e.point, { layers: [COMMUNE_FILL_LAYER] });
    if (f?.id === undefined) {
      this.#hideTip();
      return;
    }
    const id = String(f.id);
    if (id !== this.#hovered || this.#tip.hidden) this.#fillTip(id);
    const w = this.map.getContainer().clientWidth;
    // Right of the pointer, or left of it near the right edge.
    const left = e.point.x + 14 + 220 > w ? e.point.x - 14 - this.#tip.offsetWidth : e.point.x + 14;
    this.#tip.style.transform = `translate(${Math.max(0, left)}px, ${e.point.y + 14}px)`;
  }

  #fillTip(id: string): void {
    const text = this.tooltipText(id);
    this.#hovered = id;
    if (!text) {
      this.#tip.hidden = true;
      return;
    }
    this.#tip.replaceChildren(
      el('strong', { text: text.name }),
      el('span', { className: 'commune-tip-value', text: text.value }),
    );
    this.#tip.hidden = false;
  }

  #hideTip(): void {
    this.#tip.hidden = true;
    this.#hovered = null;
  }
}

/** A `center` property as MapLibre hands it back: an array, or the array as JSON text. */
function pointOf(value: unknown): [number, number] | null {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  return Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? [v[0] as number, v[1] as number]
    : null;
}
