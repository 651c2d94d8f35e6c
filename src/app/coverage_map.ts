import type { ScaleThreshold } from 'd3';
import { type MapLibreMap, Map as MapLibreMapClass, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { type Indicator, indicatorValue } from './indicators.ts';
import { COMMUNE_FILL_LAYER, COMMUNE_SOURCE, mapStyle, SELECTED_STATE, VALUE_STATE } from './map_style.ts';
import type { ResultIndex } from './result_index.ts';
import type { BBox } from './worker_protocol.ts';

// MapLibre looks for its worker next to its own module; once bundled that file is elsewhere, so point
// it at the copy Vite emits (same origin, hence offline).
setWorkerUrl(new URL(maplibreWorkerUrl, location.href).href);

/** Gia Lai and Đắk Nông, shown until the analysis reports the communes' real extent. */
const INITIAL_BOUNDS: BBox = [107.2, 11.7, 109.0, 14.7];

/** Creates the full-window map of communes and sites from same-origin GeoJSON URLs. */
export function createCoverageMap(
  container: HTMLElement,
  urls: { communesUrl: string; sitesUrl: string },
  scale: ScaleThreshold<number, string>,
): MapLibreMap {
  return new MapLibreMapClass({
    container,
    style: mapStyle(urls.communesUrl, urls.sitesUrl, scale),
    bounds: INITIAL_BOUNDS,
    fitBoundsOptions: { padding: 20 },
    attributionControl: {
      compact: false,
      customAttribution:
        'Ranh giới: censusVN2009 (WHO/VIETGIS), mã GSO · Dân số: TĐT 2019 · Trạm: mẫu tổng hợp',
    },
    dragRotate: false,
    pitchWithRotate: false,
  });
}

/** Sets each commune's feature-state to the indicator's %, which the fill colour reads. */
export function applyIndicator(map: MapLibreMap, index: ResultIndex, indicator: Indicator): void {
  for (const commune of index.communes()) {
    const value = indicatorValue(commune, indicator);
    map.setFeatureState({ source: COMMUNE_SOURCE, id: commune.id }, { [VALUE_STATE]: value ?? null });
  }
}

/** Moves the selection outline from one commune to another (either may be null). */
export function highlightCommune(map: MapLibreMap, previous: string | null, next: string | null): void {
  if (previous !== null)
    map.setFeatureState({ source: COMMUNE_SOURCE, id: previous }, { [SELECTED_STATE]: false });
  if (next !== null) map.setFeatureState({ source: COMMUNE_SOURCE, id: next }, { [SELECTED_STATE]: true });
}

/** Calls `onClick` with the id of the commune clicked (or null for a click outside every commune). */
export function onCommuneClick(map: MapLibreMap, onClick: (communeId: string | null) => void): void {
  map.on('click', (event) => {
    const [feature] = map.queryRenderedFeatures(event.point, { layers: [COMMUNE_FILL_LAYER] });
    onClick(feature?.id === undefined ? null : String(feature.id));
  });
  map.on('mouseenter', COMMUNE_FILL_LAYER, () => {
    map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', COMMUNE_FILL_LAYER, () => {
    map.getCanvas().style.cursor = '';
  });
}

/** Resolves on the next 'idle' event: everything requested has been drawn. */
export function nextIdle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

/** Resolves once the style and the first data have loaded. */
export function loaded(map: MapLibreMap): Promise<void> {
  return map.loaded() ? Promise.resolve() : new Promise((resolve) => map.once('load', () => resolve()));
}
