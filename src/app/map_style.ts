import type { ScaleThreshold } from 'd3';
import type { StyleSpecification } from 'maplibre-gl';
import { fillColorExpression } from './color_scale.ts';

/** Source and layer ids, shared by the map setup, the click handler and the tests. */
export const COMMUNE_SOURCE = 'communes';
export const SITE_SOURCE = 'sites';
export const COMMUNE_FILL_LAYER = 'communes-fill';
export const COMMUNE_LINE_LAYER = 'communes-line';
export const COMMUNE_SELECTED_LAYER = 'communes-selected';
export const SITE_LAYER = 'sites-circle';

/** Feature-state key holding the selected indicator's % for each commune. */
export const VALUE_STATE = 'value';
/** Feature-state key set on the commune whose panel is open. */
export const SELECTED_STATE = 'selected';

/**
 * The whole map style, inline: a background, the communes and the sites, all from same-origin
 * GeoJSON bundled with the app. There are no tiles, no `glyphs` and no `sprite`, so the map makes no
 * request outside the app; labels are therefore HTML, never symbol layers.
 */
export function mapStyle(
  communesUrl: string,
  sitesUrl: string,
  scale: ScaleThreshold<number, string>,
): StyleSpecification {
  return {
    version: 8,
    name: 'Vùng Phủ (offline)',
    sources: {
      [COMMUNE_SOURCE]: { type: 'geojson', data: communesUrl, promoteId: 'id' },
      [SITE_SOURCE]: { type: 'geojson', data: sitesUrl },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0f2' } },
      {
        id: COMMUNE_FILL_LAYER,
        type: 'fill',
        source: COMMUNE_SOURCE,
        paint: { 'fill-color': fillColorExpression(scale, VALUE_STATE), 'fill-opacity': 1 },
      },
      {
        id: COMMUNE_LINE_LAYER,
        type: 'line',
        source: COMMUNE_SOURCE,
        paint: {
          'line-color': '#5f6b73',
          'line-opacity': 0.7,
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.4, 12, 1.2],
        },
      },
      {
        id: SITE_LAYER,
        type: 'circle',
        source: SITE_SOURCE,
        paint: {
          'circle-color': '#3b1d4a',
          'circle-opacity': 0.75,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 1.2, 12, 4],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 7, 0, 12, 1],
        },
      },
      {
        id: COMMUNE_SELECTED_LAYER,
        type: 'line',
        source: COMMUNE_SOURCE,
        paint: {
          'line-color': '#d7301f',
          'line-width': 3,
          'line-opacity': ['case', ['boolean', ['feature-state', SELECTED_STATE], false], 1, 0],
        },
      },
    ],
  };
}
