/**
 * What the user is looking at, as one plain value: language, indicator and filters, the selected unit,
 * the camera and the layer settings. It round-trips through the URL hash, so a link reproduces the view.
 */
import { POSTAL_CATEGORIES, type PostalCategory } from '../../core/base/infrastructure.ts';
import type { TechnologyKey, UnitLevel } from '../../core/base/types.ts';
import { isFiberReach } from '../../core/run_analysis.ts';
import { type AnalysisOptionsChoice, type BoundarySet, FEATURE_LAYERS } from '../worker/worker_protocol.ts';

export type Lang = 'vi' | 'en';

export const INDICATOR_IDS = [
  'mobile_pop',
  'mobile_area',
  'mobile_populated',
  'postal_radius',
  'postal_beyond',
  'fiber_reach',
  'target',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const TECH_CHOICES: readonly TechnologyKey[] = ['2G', '3G', '4G', '5G', 'any'];

/** Map layers with a toggle and an opacity: the communes, and every layer the worker sends features of. */
export const LAYER_IDS = ['communes', 'hillshade', ...FEATURE_LAYERS] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface LayerSetting {
  visible: boolean;
  /** 0–1. */
  opacity: number;
}

export type Selection = { kind: 'none' } | { kind: 'unit'; level: UnitLevel; id: string };

/** Target year filter: every target, the targets of one year, or those without a year. */
export type YearFilter = 'all' | 'none' | number;

export type Basemap = { kind: 'none' } | { kind: 'osm' } | { kind: 'style'; url: string };

export const TAB_IDS = ['map', 'table', 'sites', 'scenario', 'report', 'data', 'settings'] as const;
export type TabId = (typeof TAB_IDS)[number];

export interface ViewState {
  lang: Lang;
  indicator: IndicatorId;
  technology: TechnologyKey;
  /** An operator's name or "all". */
  operator: string;
  boundarySet: BoundarySet;
  year: YearFilter;
  /** The target the "target met" indicator shows. */
  targetId: string | null;
  selection: Selection;
  camera: { lon: number; lat: number; zoom: number } | null;
  layers: Record<LayerId, LayerSetting>;
  tab: TabId;
  basemap: Basemap;
  /**
   * The choropleth's classes: the indicator's fixed ones (the plans' thresholds), or fitted to the
   * communes' values (quantiles), so that a map where every commune is under 50 % still shows
   * differences (issue 15).
   */
  classes: ClassMode;
  /** Analysis choices that change the figures (null: the defaults of the CLI). */
  analysis: AnalysisChoice;
  /** Draw (greyed) the sites that lie outside every commune of the boundary set; hidden otherwise. */
  showOutside: boolean;
  /** The quiet basemap from the bundled data, and the commune names at higher zoom (issue 15). */
  base: BaseLayers;
  /** The sidebar is open (false: collapsed to its button, for map space on a tablet). */
  sidebar: boolean;
  /** The choropleth shows the scenario minus its baseline (the data without edits), in points. */
  difference: boolean;
}

/** The bundled basemap's layers and the commune labels, each on or off. */
export interface BaseLayers {
  roads: boolean;
  districts: boolean;
  labels: boolean;
}

export const BASE_LAYER_IDS = [
  'roads',
  'districts',
  'labels',
] as const satisfies readonly (keyof BaseLayers)[];

export type ClassMode = 'fixed' | 'quantile';

/** The postal counting rule (categories counted for R̄) and the fiber reach distance, as in the CLI. */
export interface AnalysisChoice {
  countingRule: PostalCategory[] | null;
  fiberReachM: number | null;
  /** Count the sites' planned cells on air by this year too (the CLI's --as-of); null: on air today. */
  asOf?: number | null;
  /** Use the default radii fitted to the imported speed tests (the CLI's --calibrate). */
  calibrate?: boolean;
}

/** The years the "as planned by" control accepts. */
export const isPlanYear = (y: number): boolean => Number.isInteger(y) && y >= 1990 && y <= 2100;

const DEFAULT_LAYERS: Record<LayerId, LayerSetting> = {
  communes: { visible: true, opacity: 1 },
  hillshade: { visible: false, opacity: 0.6 },
  sites: { visible: true, opacity: 0.85 },
  footprints: { visible: false, opacity: 0.3 },
  postal: { visible: false, opacity: 0.9 },
  serviceCircles: { visible: false, opacity: 0.6 },
  fiber: { visible: false, opacity: 0.9 },
  villages: { visible: false, opacity: 0.9 },
  speedtests: { visible: false, opacity: 0.9 },
  gaps: { visible: false, opacity: 0.6 },
  beyond: { visible: false, opacity: 0.5 },
};

export const DEFAULT_VIEW: ViewState = {
  lang: 'vi',
  indicator: 'mobile_pop',
  technology: '4G',
  operator: 'all',
  boundarySet: '2025',
  year: 'all',
  targetId: null,
  selection: { kind: 'none' },
  camera: null,
  layers: DEFAULT_LAYERS,
  tab: 'map',
  basemap: { kind: 'none' },
  classes: 'fixed',
  analysis: { countingRule: null, fiberReachM: null },
  showOutside: false,
  base: { roads: true, districts: true, labels: true },
  sidebar: true,
  difference: false,
};

const LEVEL_CODE: Record<UnitLevel, string> = { commune: 'c', district: 'd', province: 'p' };

/** The view as a URL hash (`#lang=en&ind=…`); defaults are left out to keep links short. */
export function encodeView(v: ViewState): string {
  const q = new URLSearchParams();
  const d = DEFAULT_VIEW;
  if (v.lang !== d.lang) q.set('lang', v.lang);
  if (v.indicator !== d.indicator) q.set('ind', v.indicator);
  if (v.technology !== d.technology) q.set('tech', v.technology);
  if (v.operator !== d.operator) q.set('op', v.operator);
  if (v.boundarySet !== d.boundarySet) q.set('set', v.boundarySet);
  if (v.year !== d.year) q.set('year', String(v.year));
  if (v.targetId) q.set('target', v.targetId);
  if (v.selection.kind === 'unit') q.set('sel', `${LEVEL_CODE[v.selection.level]}:${v.selection.id}`);
  if (v.camera)
    q.set('map', `${v.camera.lon.toFixed(5)},${v.camera.lat.toFixed(5)},${v.camera.zoom.toFixed(2)}`);
  const layers = LAYER_IDS.filter(
    (id) => v.layers[id].visible !== d.layers[id].visible || v.layers[id].opacity !== d.layers[id].opacity,
  ).map((id) => `${id}.${v.layers[id].visible ? 1 : 0}.${Math.round(v.layers[id].opacity * 100)}`);
  if (layers.length) q.set('layers', layers.join(','));
  if (v.tab !== d.tab) q.set('tab', v.tab);
  if (v.basemap.kind === 'osm') q.set('basemap', 'osm');
  if (v.basemap.kind === 'style') q.set('basemap', v.basemap.url);
  if (v.classes !== d.classes) q.set('classes', v.classes);
  if (v.analysis.countingRule) q.set('count', v.analysis.countingRule.join(','));
  if (v.analysis.fiberReachM !== null) q.set('reach', String(v.analysis.fiberReachM));
  if (v.analysis.asOf != null) q.set('asof', String(v.analysis.asOf));
  if (v.showOutside) q.set('outside', '1');
  if (v.analysis.calibrate) q.set('calib', '1');
  for (const id of BASE_LAYER_IDS) if (!v.base[id]) q.set(id, '0');
  if (!v.sidebar) q.set('side', '0');
  if (v.difference) q.set('diff', '1');
  return q.toString();
}

const oneOf = <T extends string>(list: readonly T[], v: string | null, fallback: T): T =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : fallback;

/** Reads a view from a URL hash; anything missing or unreadable keeps its default. */
export function decodeView(hash: string): ViewState {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const d = DEFAULT_VIEW;
  const yearRaw = q.get('year');
  const year: YearFilter =
    yearRaw === null || yearRaw === 'all'
      ? 'all'
      : yearRaw === 'none'
        ? 'none'
        : Number.isInteger(Number(yearRaw))
          ? Number(yearRaw)
          : 'all';
  let selection: ViewState['selection'] = { kind: 'none' };
  const sel = /^([cdp]):(.+)$/.exec(q.get('sel') ?? '');
  if (sel) {
    const level = (Object.entries(LEVEL_CODE).find(([, code]) => code === sel[1])?.[0] ??
      'commune') as UnitLevel;
    selection = { kind: 'unit', level, id: sel[2]! };
  }
  let camera: ViewState['camera'] = null;
  const cam = (q.get('map') ?? '').split(',').map(Number);
  if (cam.length === 3 && cam.every(Number.isFinite)) camera = { lon: cam[0]!, lat: cam[1]!, zoom: cam[2]! };
  const layers = { ...d.layers };
  for (const part of (q.get('layers') ?? '').split(',')) {
    const [id, vis, op] = part.split('.');
    if (!id || !(LAYER_IDS as readonly string[]).includes(id)) continue;
    const opacity = Number(op);
    layers[id as LayerId] = {
      visible: vis === '1',
      opacity: Number.isFinite(opacity)
        ? Math.min(1, Math.max(0, opacity / 100))
        : d.layers[id as LayerId].opacity,
    };
  }
  const basemapRaw = q.get('basemap');
  const basemap: Basemap =
    basemapRaw === 'osm'
      ? { kind: 'osm' }
      : basemapRaw && /^https:\/\//.test(basemapRaw)
        ? { kind: 'style', url: basemapRaw }
        : { kind: 'none' };
  return {
    lang: oneOf(['vi', 'en'], q.get('lang'), d.lang),
    indicator: oneOf(INDICATOR_IDS, q.get('ind'), d.indicator),
    technology: oneOf(TECH_CHOICES, q.get('tech'), d.technology),
    operator: q.get('op') ?? d.operator,
    boundarySet: oneOf(['pre2025', '2025', 'imported'], q.get('set'), d.boundarySet),
    year,
    targetId: q.get('target'),
    selection,
    camera,
    layers,
    tab: oneOf(TAB_IDS, q.get('tab'), d.tab),
    basemap,
    classes: oneOf(['fixed', 'quantile'], q.get('classes'), d.classes),
    analysis: decodeAnalysis(q),
    showOutside: q.get('outside') === '1',
    base: {
      roads: q.get('roads') !== '0',
      districts: q.get('districts') !== '0',
      labels: q.get('labels') !== '0',
    },
    sidebar: q.get('side') !== '0',
    difference: q.get('diff') === '1',
  };
}

/** The analysis choices as the worker's load options (defaults left out). */
export function analysisOptions(a: AnalysisChoice): AnalysisOptionsChoice {
  return {
    ...(a.countingRule ? { countingRule: a.countingRule } : {}),
    ...(a.fiberReachM !== null ? { fiberReachM: a.fiberReachM } : {}),
    ...(a.asOf != null ? { asOf: a.asOf } : {}),
    ...(a.calibrate ? { calibrate: true } : {}),
  };
}

/** `count=post_office,agent&reach=1500&asof=2027`; anything unreadable keeps the default. */
function decodeAnalysis(q: URLSearchParams): AnalysisChoice {
  const rule = (q.get('count') ?? '')
    .split(',')
    .filter((c): c is PostalCategory => (POSTAL_CATEGORIES as readonly string[]).includes(c));
  const reach = Number(q.get('reach'));
  const asOf = Number(q.get('asof'));
  return {
    countingRule: rule.length ? [...new Set(rule)] : null,
    fiberReachM: q.get('reach') !== null && isFiberReach(reach) ? reach : null,
    ...(q.get('asof') !== null && isPlanYear(asOf) ? { asOf } : {}),
    ...(q.get('calib') === '1' ? { calibrate: true } : {}),
  };
}
