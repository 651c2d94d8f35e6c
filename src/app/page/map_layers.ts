/**
 * Puts the store's figures and features on the map: the choropleth fills of the chosen indicator, and
 * the feature layers (sites filtered by technology and operator, gaps of one technology, the rest as
 * they are). Hidden layers are only marked stale, so MapLibre never indexes data nobody looks at
 * (footprints alone are thousands of polygons); a layer's features are fetched from the worker the
 * first time it is shown.
 */
import { mapScale } from '../map/fitted_scale.ts';
import { indicatorValue } from '../map/indicators.ts';
import { FEATURE_LAYERS, type FeatureLayer } from '../worker/worker_protocol.ts';
import type { Page } from './page.ts';

export class MapLayers {
  /** Layers whose features changed while they were hidden: set on the map when next shown. */
  readonly #stale = new Set<FeatureLayer>(FEATURE_LAYERS);

  constructor(private readonly page: Page) {}

  /** Colours every commune by the view's indicator. */
  applyFills(): void {
    const { store, coverage } = this.page;
    const data = store.data;
    if (!data) return;
    if (this.page.difference.active()) {
      this.page.difference.applyFills();
      return;
    }
    const view = store.view;
    const communes = data.unitsOf('commune');
    const values = communes.map((u) => indicatorValue(data, u, view));
    const scale = mapScale(view.indicator, view.classes, values);
    const fills = new Map<string, string | null>();
    communes.forEach((u, i) => {
      const v = values[i] ?? null;
      fills.set(u.id, v === null ? null : scale(v));
    });
    coverage.setFills(fills);
  }

  /** Sets the store's features on the map for the given layers (hidden ones only marked stale). */
  refresh(layers: readonly FeatureLayer[] = FEATURE_LAYERS): void {
    const { store, coverage } = this.page;
    const s = store.data;
    if (!s) return;
    const view = store.view;
    for (const layer of layers) {
      if (!view.layers[layer].visible) {
        this.#stale.add(layer);
        continue;
      }
      this.#stale.delete(layer);
      switch (layer) {
        case 'sites': {
          const tech = view.technology;
          const op = view.operator;
          coverage.setSites(
            s.collection('sites', (f) => {
              const p = f.properties ?? {};
              return (
                (tech === 'any' || String(p.tech).split(';').includes(tech)) &&
                (op === 'all' || p.operator === op) &&
                (view.showOutside || p.outside !== true)
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
        case 'postal':
        case 'serviceCircles':
        case 'fiber':
          coverage.setLayerData(
            layer,
            s.collection(layer, (f) => view.showOutside || f.properties?.outside !== true),
          );
          break;
        default:
          coverage.setLayerData(layer, s.collection(layer));
      }
    }
    coverage.filterFootprints(view.technology, view.operator);
  }

  /** Shows a layer's features: fetched from the worker the first time, set on the map when stale. */
  show(layer: FeatureLayer): void {
    const { store, client, loader } = this.page;
    const data = store.data;
    if (!data) return;
    if (!data.loaded.has(layer)) {
      void client.features([layer]).then((patch) => {
        if (store.data !== data) return;
        data.setLayers(patch);
        this.refresh([layer]);
      }, loader.fail);
      return;
    }
    if (this.#stale.has(layer)) this.refresh([layer]);
  }
}
