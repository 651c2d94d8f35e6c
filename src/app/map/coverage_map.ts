import type { Feature, FeatureCollection } from 'geojson';
import {
  type ExpressionSpecification,
  type FilterSpecification,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type MapLibreMap,
  Map as MapLibreMapClass,
  NavigationControl,
  type PaddingOptions,
  ScaleControl,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { BaseLayers, Basemap, LayerId, LayerSetting } from '../state/view_state.ts';
import { type BBox, FEATURE_LAYERS, type FeatureLayer } from '../worker/worker_protocol.ts';
import {
  BASEMAP_LAYER,
  COMMUNE_FILL_LAYER,
  COMMUNE_SOURCE,
  COUNTED,
  EDITED_SITE_LAYER,
  EDITED_SITES_SOURCE,
  FILL_STATE,
  FOOTPRINTS_PLANNED_LAYER,
  HILLSHADE_LAYER,
  HILLSHADE_SOURCE,
  LAYER_PARTS,
  OSM_ATTRIBUTION,
  OSM_SOURCE,
  OUTLINE_LAYER,
  OUTLINE_SELECTED_LAYER,
  OUTLINE_SOURCE,
  offlineStyle,
  operatorColorExpression,
  PICK_SOURCE,
  POSTAL_LAYER,
  ROADS_LAYER,
  ROADS_SOURCE,
  SELECTED_STATE,
  SITE_CLUSTER_LAYER,
  SITE_POINT_LAYER,
  siteFillExpression,
} from './map_style.ts';

/** The "why" profile's path on the map. */
const WHY_SOURCE = 'why-path';

// MapLibre looks for its worker next to its own module; once bundled that file is elsewhere, so point
// it at the copy Vite emits (same origin, hence offline).
setWorkerUrl(new URL(maplibreWorkerUrl, location.href).href);

/** Gia Lai and Đắk Nông, shown until the analysis reports the communes' real extent. */
const INITIAL_BOUNDS: BBox = [107.2, 11.7, 109.0, 14.7];

/** What a click on the map hit, most specific first. */
export type MapHit =
  | { kind: 'site'; id: string }
  | { kind: 'postal'; id: string }
  | { kind: 'cluster'; lon: number; lat: number }
  | { kind: 'commune'; id: string }
  | { kind: 'nothing' };

/**
 * The map: an offline MapLibre style (optionally over an online basemap), the commune choropleth
 * driven by feature-state colours, and the data layers filled from the worker's features.
 */
export class CoverageMap {
  readonly map: MapLibreMap;
  private communeIds: string[] = [];
  private fills = new Map<string, string | null>();
  private selected: string | null = null;
  private selectedOutline: { level: 'district' | 'province'; id: string } | null = null;
  private basemap: Basemap = { kind: 'none' };
  private operators: string[] = [];
  private baseSites: readonly Feature[] = [];
  private editedSites: readonly Feature[] = [];
  private outlines: FeatureCollection | null = null;
  private readonly firstLoad: Promise<void>;
  /** Whether the layers hidden while loading (offlineStyle) have been shown. */
  private revealed = false;
  /** The bundled basemap's layers shown (issue 15). */
  private base: BaseLayers = { roads: true, districts: true, labels: true };
  /** Called after a style swap (basemap by style URL), when the data and states have been restored. */
  onStyleRestored: () => void = () => {};
  /**
   * Called when the online basemap fails (true: a tile or its style could not be loaded, e.g. offline)
   * and when it loads again or is switched off (false), so that the page can say so (issue 15).
   */
  onBasemapTrouble: (failing: boolean) => void = () => {};

  constructor(container: HTMLElement, communes: string | FeatureCollection, attribution: string) {
    this.map = new MapLibreMapClass({
      container,
      style: offlineStyle(communes),
      bounds: INITIAL_BOUNDS,
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: false, customAttribution: attribution },
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    this.firstLoad = new Promise((resolve) =>
      this.map.once('load', () => {
        performance.mark('vp:map-load');
        resolve();
      }),
    );
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    // Zoom buttons (no compass: the map never rotates) and a metric scale bar (issue 15).
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    this.map.on('error', (e) => {
      const sourceId = (e as { sourceId?: string }).sourceId;
      if (this.basemap.kind === 'none') return;
      if (sourceId === BASEMAP_LAYER || (this.basemap.kind === 'style' && !this.ownSource(sourceId)))
        this.onBasemapTrouble(true);
    });
    this.map.on('data', (e) => {
      const { sourceId, tile } = e as { sourceId?: string; tile?: unknown };
      if (sourceId === BASEMAP_LAYER && tile) this.onBasemapTrouble(false);
    });
  }

  private ownSource(id: string | undefined): boolean {
    return (
      id !== undefined &&
      [COMMUNE_SOURCE, PICK_SOURCE, EDITED_SITES_SOURCE, OUTLINE_SOURCE, ROADS_SOURCE, 'sites']
        .concat(FEATURE_LAYERS)
        .includes(id)
    );
  }

  /** Titles of the zoom buttons in the page's language (MapLibre's own are English). */
  setControlLabels(zoomIn: string, zoomOut: string): void {
    const c = this.map.getContainer();
    for (const [cls, text] of [
      ['.maplibregl-ctrl-zoom-in', zoomIn],
      ['.maplibregl-ctrl-zoom-out', zoomOut],
    ] as const) {
      const b = c.querySelector(cls);
      b?.setAttribute('title', text);
      b?.setAttribute('aria-label', text);
    }
  }

  /** The bundled roads (a same-origin URL), drawn as the quiet basemap. */
  setRoadsUrl(url: string): void {
    void this.firstLoad.then(() =>
      (this.map.getSource(ROADS_SOURCE) as GeoJSONSource | undefined)?.setData(url),
    );
  }

  /** Shows or hides the bundled basemap's roads and district/province outlines. */
  setBase(base: BaseLayers): void {
    this.base = { ...base };
    if (this.revealed) this.applyBase();
  }

  private applyBase(): void {
    for (const [id, on] of [
      [ROADS_LAYER, this.base.roads],
      [OUTLINE_LAYER, this.base.districts],
    ] as const)
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
  }

  /** Resolves once the style and the first data have loaded (the map's one 'load' event). */
  loaded(): Promise<void> {
    return this.firstLoad;
  }

  /**
   * Resolves once everything requested has been drawn: on the map's next 'idle' when it has something
   * to draw or load, else after the next page frame (the map's last frame already shows everything).
   * A forced repaint would cost a whole frame for nothing, which under software WebGL is 0.1–0.4 s.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      let drew = false;
      const onRender = () => {
        drew = true;
      };
      const done = () => {
        this.map.off('render', onRender);
        this.map.off('idle', done);
        resolve();
      };
      this.map.on('render', onRender);
      this.map.on('idle', done);
      // A change made before this call schedules the map's frame for the next animation frame; by the
      // one after, either it has drawn (wait for 'idle') or nothing was pending.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!drew && this.map.loaded() && !this.map.isMoving()) done();
        }),
      );
    });
  }

  /** Names the map canvas for screen readers (MapLibre's own label is English). */
  setLabel(text: string): void {
    this.map.getCanvas().setAttribute('aria-label', text);
  }

  setAttribution(text: string): void {
    const el = this.map.getContainer().querySelector('.maplibregl-ctrl-attrib-inner');
    if (!el) return;
    // MapLibre joins the sources' attributions; ours is plain text.
    el.textContent = this.basemap.kind === 'osm' ? `${text} · ${OSM_ATTRIBUTION}` : text;
  }

  /** Loads a bundled boundary set straight from its same-origin URL. */
  setCommunesUrl(url: string): void {
    (this.map.getSource(COMMUNE_SOURCE) as GeoJSONSource).setData(url);
    this.fills.clear();
    this.selected = null;
  }

  setCommunes(fc: FeatureCollection): void {
    this.communeIds = fc.features.map((f) => String(f.properties?.id));
    (this.map.getSource(COMMUNE_SOURCE) as GeoJSONSource).setData(fc);
    this.fills.clear();
    this.selected = null;
  }

  /** Colours each commune (null = no data), through feature-state. */
  setFills(fills: ReadonlyMap<string, string | null>): void {
    for (const [id, color] of fills) {
      if (this.fills.get(id) === color) continue;
      this.fills.set(id, color);
      this.map.setFeatureState({ source: COMMUNE_SOURCE, id }, { [FILL_STATE]: color });
    }
  }

  /** Moves the selection outline (null clears it). */
  select(id: string | null): void {
    if (this.selected !== null)
      this.map.setFeatureState({ source: COMMUNE_SOURCE, id: this.selected }, { [SELECTED_STATE]: false });
    this.selected = id;
    if (id !== null) this.map.setFeatureState({ source: COMMUNE_SOURCE, id }, { [SELECTED_STATE]: true });
  }

  /** Outlines the selected district or province (null clears it); the outlines carry the unit ids. */
  selectOutline(level: 'district' | 'province' | null, id: string | null): void {
    this.selectedOutline = level && id !== null ? { level, id } : null;
    if (!this.map.getLayer(OUTLINE_SELECTED_LAYER)) return;
    const sel = this.selectedOutline;
    this.map.setFilter(
      OUTLINE_SELECTED_LAYER,
      sel
        ? ['all', ['==', ['get', 'level'], sel.level], ['==', ['get', 'id'], sel.id]]
        : ['==', ['get', 'id'], '\u0000'],
    );
  }

  /** The sites: those of the data clustered, those the scenario added or moved on their own. */
  setSites(fc: FeatureCollection): void {
    const edited = fc.features.filter((f) => f.properties?.state && f.properties.state !== 'base');
    const base = fc.features.filter((f) => !f.properties?.state || f.properties.state === 'base');
    // Re-clustering thousands of sites is the map's slowest update: skip it when only edits changed.
    const same = base.length === this.baseSites.length && base.every((f, i) => f === this.baseSites[i]);
    if (!same) {
      this.baseSites = base;
      (this.map.getSource('sites') as GeoJSONSource).setData({ type: 'FeatureCollection', features: base });
    }
    const sameEdited =
      edited.length === this.editedSites.length && edited.every((f, i) => f === this.editedSites[i]);
    if (!sameEdited) {
      this.editedSites = edited;
      (this.map.getSource(EDITED_SITES_SOURCE) as GeoJSONSource).setData({
        type: 'FeatureCollection',
        features: edited,
      });
    }
  }

  /** The district and province outlines (an empty collection clears them); kept across style swaps. */
  setOutlines(fc: FeatureCollection): void {
    this.outlines = fc;
    (this.map.getSource(OUTLINE_SOURCE) as GeoJSONSource | undefined)?.setData(fc);
  }

  setLayerData(layer: FeatureLayer, fc: FeatureCollection): void {
    (this.map.getSource(layer) as GeoJSONSource | undefined)?.setData(fc);
  }

  /**
   * The DEM's hillshade (issue 17) as an image over its box, under the data layers (null removes it).
   * Its visibility and opacity are the "hillshade" layer setting's, applied by `applyLayers`.
   */
  setHillshade(
    image: { url: string; bbox: BBox } | null,
    settings?: Readonly<Record<LayerId, LayerSetting>>,
  ): void {
    if (this.map.getLayer(HILLSHADE_LAYER)) this.map.removeLayer(HILLSHADE_LAYER);
    if (this.map.getSource(HILLSHADE_SOURCE)) this.map.removeSource(HILLSHADE_SOURCE);
    if (!image?.url) return;
    const [w, s, e, n] = image.bbox;
    this.map.addSource(HILLSHADE_SOURCE, {
      type: 'image',
      url: image.url,
      coordinates: [
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ],
    });
    const below = this.map.getLayer('footprints-fill') ? 'footprints-fill' : undefined;
    this.map.addLayer(
      {
        id: HILLSHADE_LAYER,
        type: 'raster',
        source: HILLSHADE_SOURCE,
        layout: { visibility: settings?.hillshade.visible ? 'visible' : 'none' },
        paint: { 'raster-opacity': settings?.hillshade.opacity ?? 0.6, 'raster-fade-duration': 0 },
      },
      below,
    );
  }

  /** The path of the "why" profile (issue 17): a dashed line from the site to the clicked point (null clears). */
  setWhyPath(path: [[number, number], [number, number]] | null): void {
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: path
        ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: path } }]
        : [],
    };
    const source = this.map.getSource(WHY_SOURCE) as GeoJSONSource | undefined;
    if (source) {
      source.setData(data);
      return;
    }
    if (!path) return;
    this.map.addSource(WHY_SOURCE, { type: 'geojson', data });
    this.map.addLayer({
      id: WHY_SOURCE,
      type: 'line',
      source: WHY_SOURCE,
      paint: { 'line-color': '#d55e00', 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
    });
  }

  /** Rings the picked site or postal point (null clears). */
  setPick(feature: Feature | null): void {
    (this.map.getSource(PICK_SOURCE) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: feature ? [feature] : [],
    });
  }

  /** Colours footprints and sites by the operators present. */
  setOperators(operators: readonly string[]): void {
    if (operators.join() === this.operators.join()) return;
    this.operators = [...operators];
    const expr = operatorColorExpression(operators);
    this.map.setPaintProperty('footprints-fill', 'fill-color', expr);
    this.map.setPaintProperty('footprints-line', 'line-color', expr);
    this.map.setPaintProperty(FOOTPRINTS_PLANNED_LAYER, 'line-color', expr);
    const edited: ExpressionSpecification = ['match', ['get', 'state'], ['added', 'moved'], true, false];
    const ring: ExpressionSpecification = ['case', edited, '#ffd700', COUNTED, '#ffffff', expr];
    for (const layer of [SITE_POINT_LAYER, EDITED_SITE_LAYER]) {
      this.map.setPaintProperty(layer, 'circle-color', siteFillExpression(expr));
      this.map.setPaintProperty(layer, 'circle-stroke-color', ring);
    }
  }

  /** Shows only the footprints of a technology (or any) and an operator (or all). */
  filterFootprints(technology: string, operator: string): void {
    const parts: ExpressionSpecification[] = [];
    if (technology !== 'any') parts.push(['==', ['get', 'technology'], technology]);
    if (operator !== 'all') parts.push(['==', ['get', 'operator'], operator]);
    // Cells the counting rule counts are filled; planned cells it leaves out only dashed (issue 13).
    this.map.setFilter('footprints-fill', ['all', COUNTED, ...parts] as FilterSpecification);
    this.map.setFilter('footprints-line', ['all', COUNTED, ...parts] as FilterSpecification);
    this.map.setFilter(FOOTPRINTS_PLANNED_LAYER, ['all', ['!', COUNTED], ...parts] as FilterSpecification);
  }

  applyLayers(settings: Readonly<Record<LayerId, LayerSetting>>): void {
    // The layers no toggle controls (outlines, selection, pick) start hidden too: shown with the data.
    if (!this.revealed) {
      this.revealed = true;
      const toggled = new Set(Object.values(LAYER_PARTS).flatMap((parts) => parts.map((p) => p.id)));
      for (const id of this.map.getLayersOrder())
        if (id !== 'background' && id !== BASEMAP_LAYER && !toggled.has(id))
          this.map.setLayoutProperty(id, 'visibility', 'visible');
    }
    this.applyBase();
    for (const [id, parts] of Object.entries(LAYER_PARTS) as [LayerId, (typeof LAYER_PARTS)[LayerId]][]) {
      const s = settings[id];
      for (const part of parts) {
        if (!this.map.getLayer(part.id)) continue;
        this.map.setLayoutProperty(part.id, 'visibility', s.visible ? 'visible' : 'none');
        for (const prop of part.opacity)
          this.map.setPaintProperty(part.id, prop as 'fill-opacity', s.opacity * (part.factor ?? 1));
      }
    }
  }

  /** Fits a box in the part of the map the side cards leave free. */
  fit(
    bbox: BBox,
    animate = false,
    padding: PaddingOptions = { top: 40, bottom: 40, left: 40, right: 40 },
  ): void {
    this.map.fitBounds(bbox as LngLatBoundsLike, { padding, animate, maxZoom: 12 });
  }

  camera(): { lon: number; lat: number; zoom: number } {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  /** What lies under a screen point: a site, a postal point, a site cluster, a commune, or nothing. */
  hitAt(x: number, y: number): MapHit {
    const box: [[number, number], [number, number]] = [
      [x - 5, y - 5],
      [x + 5, y + 5],
    ];
    const layers = [EDITED_SITE_LAYER, SITE_POINT_LAYER, POSTAL_LAYER, SITE_CLUSTER_LAYER].filter(
      (id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none',
    );
    const points: MapGeoJSONFeature[] = layers.length ? this.map.queryRenderedFeatures(box, { layers }) : [];
    const site = points.find((f) => f.layer.id === EDITED_SITE_LAYER || f.layer.id === SITE_POINT_LAYER);
    if (site) return { kind: 'site', id: String(site.properties.id) };
    const postal = points.find((f) => f.layer.id === POSTAL_LAYER);
    if (postal) return { kind: 'postal', id: String(postal.properties.id) };
    const cluster = points.find((f) => f.layer.id === SITE_CLUSTER_LAYER);
    if (cluster && cluster.geometry.type === 'Point') {
      const [lon, lat] = cluster.geometry.coordinates as [number, number];
      return { kind: 'cluster', lon, lat };
    }
    const [commune] = this.map.queryRenderedFeatures([x, y], { layers: [COMMUNE_FILL_LAYER] });
    return commune?.id === undefined ? { kind: 'nothing' } : { kind: 'commune', id: String(commune.id) };
  }

  /** Switches the online basemap: none (offline), the OSM raster, or a MapLibre style URL. */
  setBasemap(next: Basemap): void {
    const prev = this.basemap;
    if (JSON.stringify(prev) === JSON.stringify(next)) return;
    this.basemap = next;
    if (prev.kind === 'style' || next.kind === 'style') {
      const ours = this.ownStyle();
      const restore = () => {
        this.map.once('idle', () => this.restoreStates());
      };
      if (next.kind === 'style') {
        this.map.setStyle(next.url, {
          transformStyle: (_previous, fetched) => ({
            ...fetched,
            sources: { ...fetched.sources, ...ours.sources },
            layers: [...fetched.layers, ...ours.layers],
          }),
        });
      } else {
        this.map.setStyle(ours, { diff: false });
      }
      restore();
      if (next.kind === 'osm') this.map.once('styledata', () => this.addOsm());
      return;
    }
    if (next.kind === 'none') this.onBasemapTrouble(false);
    if (next.kind === 'osm') this.addOsm();
    else if (this.map.getLayer(BASEMAP_LAYER)) {
      this.map.removeLayer(BASEMAP_LAYER);
      this.map.removeSource(BASEMAP_LAYER);
    }
  }

  private addOsm(): void {
    if (this.map.getSource(BASEMAP_LAYER)) return;
    this.map.addSource(BASEMAP_LAYER, OSM_SOURCE);
    this.map.addLayer({ id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_LAYER }, COMMUNE_FILL_LAYER);
  }

  /** The app's own sources (with their current data) and layers, without any basemap. */
  private ownStyle(): StyleSpecification {
    const style = this.map.getStyle();
    const own = new Set<string>([
      COMMUNE_SOURCE,
      PICK_SOURCE,
      EDITED_SITES_SOURCE,
      OUTLINE_SOURCE,
      HILLSHADE_SOURCE,
      ROADS_SOURCE,
      ...FEATURE_LAYERS,
    ]);
    const sources = Object.fromEntries(Object.entries(style.sources).filter(([id]) => own.has(id)));
    const layers = style.layers.filter((l) => 'source' in l && own.has(String(l.source)));
    return {
      version: 8,
      name: 'Vùng Phủ',
      sources,
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0f2' } }, ...layers],
    };
  }

  private restoreStates(): void {
    // Outlines set while the new style was on its way would be lost with the style's old snapshot.
    if (this.outlines) this.setOutlines(this.outlines);
    const fills = new Map(this.fills);
    this.fills.clear();
    this.setFills(fills);
    const sel = this.selected;
    this.selected = null;
    this.select(sel);
    this.selectOutline(this.selectedOutline?.level ?? null, this.selectedOutline?.id ?? null);
    this.onStyleRestored();
  }

  /** Ids of the communes on the map. */
  communes(): readonly string[] {
    return this.communeIds;
  }
}
