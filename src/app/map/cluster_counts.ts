/**
 * The number of sites in each site cluster on the map (issue 15), as HTML labels over the cluster
 * circles: MapLibre draws text only from glyph tiles served by a glyph server, which the offline app
 * does not have (see commune_labels.ts). The clusters rendered in view are read when the map is idle, at
 * most MAX_COUNTS of them (the largest first), and the labels follow the map while it pans; they are
 * hidden while it zooms (the clusters change). Counts go in with textContent.
 */
import type { MapLibreMap } from 'maplibre-gl';
import { fmt } from '../i18n/format.ts';
import { el } from '../ui/dom.ts';
import { SITE_CLUSTER_LAYER } from './map_style.ts';

/** The most counts drawn at once (each is a DOM element moved on every frame of a pan). */
export const MAX_COUNTS = 200;

export class ClusterCounts {
  readonly #layer: HTMLDivElement;
  #placed: { el: HTMLElement; at: [number, number] }[] = [];

  constructor(private readonly map: MapLibreMap) {
    this.#layer = el('div', { className: 'cluster-counts', attrs: { 'aria-hidden': 'true' } });
    map.getCanvasContainer().append(this.#layer);
    map.on('idle', () => this.place());
    map.on('move', () => this.#follow());
    map.on('zoomstart', () => {
      this.#layer.hidden = true;
    });
  }

  /** Reads the clusters in view and labels each with its `point_count` (again after a language switch). */
  place(): void {
    this.#layer.hidden = false;
    const clusters = new Map<number, { count: number; at: [number, number] }>();
    if (this.map.getLayer(SITE_CLUSTER_LAYER))
      for (const f of this.map.queryRenderedFeatures({ layers: [SITE_CLUSTER_LAYER] })) {
        const id = Number(f.properties.cluster_id);
        const count = Number(f.properties.point_count);
        if (f.geometry.type !== 'Point' || clusters.has(id) || !Number.isFinite(count)) continue;
        clusters.set(id, { count, at: f.geometry.coordinates.slice(0, 2) as [number, number] });
      }
    const chosen = [...clusters.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, MAX_COUNTS);
    this.#placed = chosen.map(([id, c]) => ({
      el: el('span', {
        className: 'cluster-count',
        text: fmt.int(c.count),
        dataset: { cluster: String(id), count: String(c.count) },
      }),
      at: c.at,
    }));
    this.#follow();
    this.#layer.replaceChildren(...this.#placed.map((p) => p.el));
  }

  #follow(): void {
    for (const { el: label, at } of this.#placed) {
      const p = this.map.project(at);
      label.style.transform = `translate(${p.x}px, ${p.y}px) translate(-50%, -50%)`;
    }
  }
}
