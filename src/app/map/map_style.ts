import type { FeatureCollection } from 'geojson';
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { LayerId } from '../state/view_state.ts';
import { FEATURE_LAYERS } from '../worker/worker_protocol.ts';
import { DEAD_ZONE_COLOR, NO_DATA_COLOR, operatorColor } from './color_scale.ts';

export const COMMUNE_SOURCE = 'communes';
export const COMMUNE_FILL_LAYER = 'communes-fill';
export const SITE_POINT_LAYER = 'sites-point';
export const SITE_CLUSTER_LAYER = 'sites-cluster';
/** Sites the scenario added or moved: never clustered, so an edit stays visible at every zoom. */
export const EDITED_SITES_SOURCE = 'sites-edited';
export const EDITED_SITE_LAYER = 'sites-edited-point';
export const POSTAL_LAYER = 'postal-circle';
const VILLAGE_LAYER = 'villages-circle';
const SPEED_POINT_LAYER = 'speedtests-circle';
const SPEED_TILE_LAYER = 'speedtests-fill';

/**
 * A speed test's colour by its download (Mb/s): dark red for no service (0), then red, orange,
 * yellow, light and dark green at 10, 40 (the 4G target) and 100 (the 5G target) Mb/s.
 */
export const SPEED_COLOR: ExpressionSpecification = [
  'step',
  ['get', 'download'],
  '#67001f',
  0.001,
  '#d6604d',
  10,
  '#f4a582',
  40,
  '#fee08b',
  100,
  '#a6d96a',
  220,
  '#1a9850',
];
export const BASEMAP_LAYER = 'basemap';
export const PICK_SOURCE = 'pick';
/** District and province boundaries, drawn over the communes (bundled boundary sets only). */
export const OUTLINE_SOURCE = 'outlines';
export const OUTLINE_LAYER = 'outlines-line';
/** The bundled real roads (data/sample/roads.geojson): the quiet basemap's lines (issue 15). */
export const ROADS_SOURCE = 'roads';
export const ROADS_LAYER = 'roads-line';

/** Footprints of planned cells the counting rule leaves out: a dashed outline, no fill (issue 13). */
export const FOOTPRINTS_PLANNED_LAYER = 'footprints-planned-line';
/** Whether the rule counts a site or a cell (a feature without the property counts). */
export const COUNTED: ExpressionSpecification = ['!=', ['get', 'counted'], false];

/**
 * A site point's fill: its operator's colour when a cell of it counts, else light grey (planned only);
 * the ring then takes the operator's colour.
 */
export function siteFillExpression(byOperator: ExpressionSpecification): ExpressionSpecification {
  return ['case', COUNTED, byOperator, '#e3e6e8'];
}

/** Feature-state keys on communes: the fill colour of the indicator's class, and the selection. */
export const FILL_STATE = 'fill';
export const SELECTED_STATE = 'selected';
/** The line of the selected district's or province's outline. */
export const OUTLINE_SELECTED_LAYER = 'outlines-selected';

/** The MapLibre layers of each toggleable layer, and the paint properties its opacity drives. */
/** The DEM's hillshade image (issue 17): its source and raster layer. */
export const HILLSHADE_SOURCE = 'hillshade';
export const HILLSHADE_LAYER = 'hillshade';

export const LAYER_PARTS: Record<LayerId, { id: string; opacity: string[]; factor?: number }[]> = {
  communes: [{ id: COMMUNE_FILL_LAYER, opacity: ['fill-opacity'] }],
  hillshade: [{ id: HILLSHADE_LAYER, opacity: ['raster-opacity'] }],
  footprints: [
    { id: 'footprints-fill', opacity: ['fill-opacity'], factor: 0.6 },
    { id: 'footprints-line', opacity: ['line-opacity'] },
    { id: FOOTPRINTS_PLANNED_LAYER, opacity: ['line-opacity'] },
  ],
  gaps: [
    { id: 'gaps-fill', opacity: ['fill-opacity'] },
    { id: 'gaps-line', opacity: ['line-opacity'] },
  ],
  beyond: [
    { id: 'beyond-fill', opacity: ['fill-opacity'] },
    { id: 'beyond-line', opacity: ['line-opacity'] },
  ],
  serviceCircles: [{ id: 'service-line', opacity: ['line-opacity'] }],
  fiber: [{ id: 'fiber-line', opacity: ['line-opacity'] }],
  villages: [{ id: VILLAGE_LAYER, opacity: ['circle-opacity', 'circle-stroke-opacity'] }],
  speedtests: [
    { id: SPEED_TILE_LAYER, opacity: ['fill-opacity'], factor: 0.8 },
    { id: SPEED_POINT_LAYER, opacity: ['circle-opacity', 'circle-stroke-opacity'] },
  ],
  postal: [{ id: POSTAL_LAYER, opacity: ['circle-opacity', 'circle-stroke-opacity'] }],
  sites: [
    { id: SITE_CLUSTER_LAYER, opacity: ['circle-opacity', 'circle-stroke-opacity'], factor: 0.75 },
    { id: SITE_POINT_LAYER, opacity: ['circle-opacity', 'circle-stroke-opacity'] },
    { id: EDITED_SITE_LAYER, opacity: ['circle-opacity', 'circle-stroke-opacity'] },
  ],
};

/** Postal point fills by type (the map and its legend); every tier of post office shares one. */
export const POSTAL_TYPE_COLORS = {
  post_office: '#1b7837',
  cultural_post_point: '#762a83',
  agent: '#2166ac',
  kiosk: '#8c6bb1',
} as const;

/** Colour by operator, for footprints and site points. */
export function operatorColorExpression(operators: readonly string[]): ExpressionSpecification {
  if (operators.length === 0) return ['literal', '#555555'] as unknown as ExpressionSpecification;
  const pairs = operators.flatMap((o) => [o, operatorColor(o, operators)]);
  return ['match', ['get', 'operator'], ...pairs, '#555555'] as unknown as ExpressionSpecification;
}

const empty = (): SourceSpecification => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
});

/** The OSM raster basemap (online; only when the user switches it on). */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
export const OSM_SOURCE: SourceSpecification = {
  type: 'raster',
  tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
  tileSize: 256,
  maxzoom: 19,
  attribution: OSM_ATTRIBUTION,
};

/**
 * The app's own sources and layers (no tiles, no glyphs, no sprite: everything is same-origin GeoJSON,
 * so the map makes no outside request). Text labels are HTML, never symbol layers. `communesData` is a
 * same-origin URL or the communes themselves.
 */
function appSources(communesData: string | FeatureCollection): Record<string, SourceSpecification> {
  const sources: Record<string, SourceSpecification> = {
    [COMMUNE_SOURCE]: { type: 'geojson', data: communesData, promoteId: 'id' },
    [PICK_SOURCE]: empty(),
    [EDITED_SITES_SOURCE]: empty(),
    [OUTLINE_SOURCE]: empty(),
    [ROADS_SOURCE]: empty(),
  };
  for (const layer of FEATURE_LAYERS) sources[layer] = empty();
  sources.sites = {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    cluster: true,
    clusterMaxZoom: 10,
    clusterRadius: 28,
  };
  return sources;
}

function appLayers(operators: readonly string[]): LayerSpecification[] {
  const byOperator = operatorColorExpression(operators);
  const edited: ExpressionSpecification = ['match', ['get', 'state'], ['added', 'moved'], true, false];
  // Baseline and edited sites are drawn alike; edits get a larger dot and a gold ring.
  const outside: ExpressionSpecification = ['==', ['get', 'outside'], true];
  const sitePaint: CircleLayerSpecification['paint'] = {
    // A site outside every commune of the set is drawn grey (when shown at all).
    'circle-color': ['case', outside, '#9e9e9e', siteFillExpression(byOperator)],
    'circle-radius': [
      'interpolate',
      ['linear'],
      ['zoom'],
      7,
      ['case', edited, 6, 2.5],
      12,
      ['case', edited, 8, 5],
    ],
    'circle-stroke-color': ['case', edited, '#ffd700', COUNTED, '#ffffff', byOperator],
    'circle-stroke-width': ['case', edited, 3, COUNTED, 1, 1.5],
    'circle-opacity': 0.9,
    'circle-stroke-opacity': 0.9,
  };
  return [
    {
      id: COMMUNE_FILL_LAYER,
      type: 'fill',
      source: COMMUNE_SOURCE,
      paint: {
        'fill-color': ['to-color', ['coalesce', ['feature-state', FILL_STATE], NO_DATA_COLOR]],
        'fill-opacity': 1,
      },
    },
    {
      // Thin grey over the choropleth (under it they would be hidden), national roads a little wider
      // and darker than provincial ones (`cap_duong` of the source).
      id: ROADS_LAYER,
      type: 'line',
      source: ROADS_SOURCE,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['match', ['get', 'cap_duong'], 'Quốc Gia', '#5f6468', '#80868a'],
        'line-opacity': 0.8,
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          7,
          ['match', ['get', 'cap_duong'], 'Quốc Gia', 1.1, 0.7],
          12,
          ['match', ['get', 'cap_duong'], 'Quốc Gia', 3, 2],
        ],
      },
    },
    {
      id: 'footprints-fill',
      type: 'fill',
      source: 'footprints',
      paint: { 'fill-color': byOperator, 'fill-opacity': 0.2 },
    },
    {
      id: 'gaps-fill',
      type: 'fill',
      source: 'gaps',
      paint: { 'fill-color': '#b2182b', 'fill-opacity': 0.6 },
    },
    {
      id: 'beyond-fill',
      type: 'fill',
      source: 'beyond',
      paint: { 'fill-color': '#762a83', 'fill-opacity': 0.5 },
    },
    {
      id: 'communes-line',
      type: 'line',
      source: COMMUNE_SOURCE,
      paint: {
        'line-color': '#4f5b63',
        'line-opacity': 0.75,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.4, 12, 1.4],
      },
    },
    {
      id: OUTLINE_LAYER,
      type: 'line',
      source: OUTLINE_SOURCE,
      paint: {
        'line-color': '#1c2429',
        'line-opacity': 0.85,
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          7,
          ['match', ['get', 'level'], 'province', 2, 1],
          12,
          ['match', ['get', 'level'], 'province', 3.5, 2.2],
        ],
      },
    },
    {
      id: 'footprints-line',
      type: 'line',
      source: 'footprints',
      paint: { 'line-color': byOperator, 'line-width': 0.8, 'line-opacity': 0.6 },
    },
    {
      id: FOOTPRINTS_PLANNED_LAYER,
      type: 'line',
      source: 'footprints',
      filter: ['!', COUNTED],
      paint: { 'line-color': byOperator, 'line-width': 1, 'line-opacity': 0.8, 'line-dasharray': [3, 2] },
    },
    {
      id: 'gaps-line',
      type: 'line',
      source: 'gaps',
      paint: { 'line-color': '#67001f', 'line-width': 0.8, 'line-opacity': 0.8 },
    },
    {
      id: 'beyond-line',
      type: 'line',
      source: 'beyond',
      paint: { 'line-color': '#40004b', 'line-width': 0.8, 'line-opacity': 0.8, 'line-dasharray': [2, 1] },
    },
    {
      id: 'service-line',
      type: 'line',
      source: 'serviceCircles',
      paint: { 'line-color': '#542788', 'line-width': 1, 'line-opacity': 0.6, 'line-dasharray': [3, 2] },
    },
    {
      id: 'fiber-line',
      type: 'line',
      source: 'fiber',
      paint: {
        'line-color': [
          'case',
          outside,
          '#9e9e9e',
          ['match', ['get', 'medium'], 'copper', '#8c510a', '#01665e'],
        ],
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1, 12, 2.5],
        'line-opacity': 0.9,
      },
    },
    {
      id: SPEED_TILE_LAYER,
      type: 'fill',
      source: 'speedtests',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': SPEED_COLOR, 'fill-opacity': 0.7, 'fill-outline-color': '#555555' },
    },
    {
      id: SPEED_POINT_LAYER,
      type: 'circle',
      source: 'speedtests',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': SPEED_COLOR,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 2, 12, 5],
        'circle-stroke-color': ['case', ['get', 'disagree'], '#000000', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'disagree'], 1.5, 0.5],
        'circle-opacity': 0.9,
        'circle-stroke-opacity': 0.9,
      },
    },
    {
      id: VILLAGE_LAYER,
      type: 'circle',
      source: 'villages',
      paint: {
        'circle-color': ['case', ['get', 'dead'], DEAD_ZONE_COLOR, '#4d4d4d'],
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          7,
          ['case', ['get', 'dead'], 3, 1.2],
          12,
          ['case', ['get', 'dead'], 7, 4],
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', ['get', 'dead'], 1, 0],
        'circle-opacity': 0.9,
        'circle-stroke-opacity': 0.9,
      },
    },
    {
      id: POSTAL_LAYER,
      type: 'circle',
      source: 'postal',
      paint: {
        'circle-color': [
          'case',
          outside,
          '#9e9e9e',
          [
            'match',
            ['get', 'type'],
            ['post_office', 'post_office_1', 'post_office_2', 'post_office_3'],
            POSTAL_TYPE_COLORS.post_office,
            'cultural_post_point',
            POSTAL_TYPE_COLORS.cultural_post_point,
            'agent',
            POSTAL_TYPE_COLORS.agent,
            POSTAL_TYPE_COLORS.kiosk,
          ],
        ],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 2.5, 12, 6],
        'circle-stroke-color': ['case', edited, '#ffd700', ['get', 'staffed'], '#ffffff', '#333333'],
        'circle-stroke-width': ['case', edited, 3, 1],
        'circle-opacity': 0.9,
        'circle-stroke-opacity': 0.9,
      },
    },
    {
      id: SITE_CLUSTER_LAYER,
      type: 'circle',
      source: 'sites',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#3b1d4a',
        // Wide enough for the count drawn over it (cluster_counts.ts): up to 2, 3 and 4 digits.
        'circle-radius': ['step', ['get', 'point_count'], 8, 10, 10, 100, 12, 1000, 15],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
        'circle-opacity': 0.75,
        'circle-stroke-opacity': 0.8,
      },
    },
    {
      id: SITE_POINT_LAYER,
      type: 'circle',
      source: 'sites',
      filter: ['!', ['has', 'point_count']],
      paint: sitePaint,
    },
    {
      id: EDITED_SITE_LAYER,
      type: 'circle',
      source: EDITED_SITES_SOURCE,
      paint: sitePaint,
    },
    {
      id: 'communes-selected',
      type: 'line',
      source: COMMUNE_SOURCE,
      paint: {
        'line-color': '#d7301f',
        'line-width': 3,
        'line-opacity': ['case', ['boolean', ['feature-state', SELECTED_STATE], false], 1, 0],
      },
    },
    {
      // The selected district or province (issue 15): its outline, drawn like the selected commune's.
      id: OUTLINE_SELECTED_LAYER,
      type: 'line',
      source: OUTLINE_SOURCE,
      filter: ['==', ['get', 'id'], '\u0000'],
      paint: {
        'line-color': '#d7301f',
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 2.5, 12, 4],
      },
    },
    {
      id: 'pick-ring',
      type: 'circle',
      source: PICK_SOURCE,
      paint: {
        'circle-radius': 11,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#111111',
        'circle-stroke-width': 2.5,
      },
    },
  ];
}

/** The whole offline style: a background and the app's layers. */
export function offlineStyle(communesData: string | FeatureCollection): StyleSpecification {
  return {
    version: 8,
    name: 'Vùng Phủ (offline)',
    sources: appSources(communesData),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0f2' } },
      // Hidden until the first analysis arrives (CoverageMap.applyLayers): a frame of the loading map
      // costs as much as a full one where WebGL runs in software, and shows nothing useful.
      ...appLayers([]).map((l) => ({ ...l, layout: { ...(l.layout ?? {}), visibility: 'none' as const } })),
    ],
  };
}
