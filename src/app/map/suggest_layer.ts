/**
 * The map layer of "Suggest sites": every candidate as a small grey dot, the chosen ones as coloured
 * dots numbered by rank (HTML markers: the offline style has no glyphs) with their footprint circles.
 * Its own sources and layers, added on top of the app's style (and again after a basemap style swap).
 */
import type { Feature, FeatureCollection } from 'geojson';
import { type GeoJSONSource, type MapLibreMap, Marker } from 'maplibre-gl';
import { el } from '../ui/dom.ts';
import { circleRing } from '../worker/map_features.ts';

export const SUGGEST_CANDIDATES = 'suggest-candidates';
export const SUGGEST_CHOSEN = 'suggest-chosen';
export const SUGGEST_FOOTPRINTS = 'suggest-footprints';
export const SUGGEST_COLOR = '#c2185b';
/** Numbered markers are HTML elements: only the first ranks get one. */
const MAX_MARKERS = 30;

export interface ChosenPoint {
  rank: number;
  id: string;
  lon: number;
  lat: number;
  /** Footprint (or service) radius, m. */
  radius_m: number;
  accepted: boolean;
}

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export class SuggestLayer {
  private candidates: FeatureCollection = empty();
  private chosen: FeatureCollection = empty();
  private footprints: FeatureCollection = empty();
  private markers: Marker[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly onMarkerClick: (rank: number) => void,
  ) {
    // A basemap given as a style URL replaces the whole style: add ours back.
    map.on('styledata', () => {
      if (map.isStyleLoaded() && !map.getSource(SUGGEST_CANDIDATES)) this.ensure();
    });
  }

  private ensure(): void {
    const m = this.map;
    if (m.getSource(SUGGEST_CANDIDATES)) return;
    m.addSource(SUGGEST_FOOTPRINTS, { type: 'geojson', data: this.footprints });
    m.addSource(SUGGEST_CANDIDATES, { type: 'geojson', data: this.candidates });
    m.addSource(SUGGEST_CHOSEN, { type: 'geojson', data: this.chosen });
    m.addLayer({
      id: 'suggest-footprints-fill',
      type: 'fill',
      source: SUGGEST_FOOTPRINTS,
      paint: { 'fill-color': SUGGEST_COLOR, 'fill-opacity': 0.12 },
    });
    m.addLayer({
      id: 'suggest-footprints-line',
      type: 'line',
      source: SUGGEST_FOOTPRINTS,
      paint: { 'line-color': SUGGEST_COLOR, 'line-width': 1.2, 'line-dasharray': [2, 1.5] },
    });
    m.addLayer({
      id: 'suggest-candidates-circle',
      type: 'circle',
      source: SUGGEST_CANDIDATES,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 1.6, 12, 3.5],
        'circle-color': '#7b8089',
        'circle-opacity': 0.75,
      },
    });
    m.addLayer({
      id: 'suggest-chosen-circle',
      type: 'circle',
      source: SUGGEST_CHOSEN,
      paint: {
        'circle-radius': 5,
        'circle-color': ['case', ['get', 'accepted'], '#6a1b9a', SUGGEST_COLOR],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    });
  }

  /** Shows the candidates and the chosen points (null candidates: keep the ones shown). */
  set(
    candidates: readonly { id: string; lon: number; lat: number }[] | null,
    chosen: readonly ChosenPoint[],
  ): void {
    if (candidates)
      this.candidates = {
        type: 'FeatureCollection',
        features: candidates.map(
          (c): Feature => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
            properties: { id: c.id },
          }),
        ),
      };
    this.chosen = {
      type: 'FeatureCollection',
      features: chosen.map(
        (c): Feature => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
          properties: { id: c.id, rank: c.rank, accepted: c.accepted },
        }),
      ),
    };
    this.footprints = {
      type: 'FeatureCollection',
      features: chosen.map(
        (c): Feature => ({
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [circleRing(c.lon, c.lat, c.radius_m)] },
          properties: { id: c.id, rank: c.rank },
        }),
      ),
    };
    this.draw();
    for (const m of this.markers) m.remove();
    this.markers = chosen.slice(0, MAX_MARKERS).map((c) => {
      const element = el('div', {
        className: `suggest-marker${c.accepted ? ' accepted' : ''}`,
        text: String(c.rank),
        dataset: { rank: String(c.rank) },
      });
      element.addEventListener('click', (event) => {
        event.stopPropagation();
        this.onMarkerClick(c.rank);
      });
      return new Marker({ element, anchor: 'bottom-left', offset: [3, -3] })
        .setLngLat([c.lon, c.lat])
        .addTo(this.map);
    });
  }

  clear(): void {
    this.set([], []);
  }

  private draw(): void {
    if (!this.map.isStyleLoaded() && !this.map.getSource(SUGGEST_CANDIDATES)) {
      this.map.once('load', () => this.draw());
      return;
    }
    this.ensure();
    (this.map.getSource(SUGGEST_FOOTPRINTS) as GeoJSONSource).setData(this.footprints);
    (this.map.getSource(SUGGEST_CANDIDATES) as GeoJSONSource).setData(this.candidates);
    (this.map.getSource(SUGGEST_CHOSEN) as GeoJSONSource).setData(this.chosen);
  }
}
