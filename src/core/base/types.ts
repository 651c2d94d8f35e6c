/**
 * The data model shared by the analysis core, the CLI and the web app.
 * Everything here is plain data: no DOM, no Node built-ins.
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** Mobile radio technologies the engine knows. */
export const TECHNOLOGIES = ['2G', '3G', '4G', '5G'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

/** A technology or "any" (the union of all technologies). */
export type TechnologyKey = Technology | 'any';
/** An operator name or "all" (covered by any operator). */
export type OperatorKey = string;
export const ALL_OPERATORS = 'all';

export type Brand<T, B extends string> = T & { readonly __brand: B };
export type UnitId = Brand<string, 'UnitId'>;

/** Whether a commune is urban (phường/thị trấn) or rural (xã). Drives default footprint radii. */
export type Setting = 'urban' | 'rural';

/** A commune (xã/phường/thị trấn): the unit every indicator is computed for. */
export interface Commune {
  id: string;
  name: string;
  /** District id, or null for boundary sets without districts (2025). */
  districtId: string | null;
  districtName: string | null;
  provinceId: string;
  provinceName: string;
  /** Census population (people). */
  population: number;
  setting: Setting;
  geometry: Polygon | MultiPolygon;
  /** Commune centre (lon, lat), when known. */
  center?: [number, number];
  /**
   * 2025 units of a merged province: the share (0–1) of the unit's area in an old province
   * (from the source's `share_in_former_*` fields), e.g. `{ province: 'Đắk Nông', share: 0.998 }`.
   */
  former?: { province: string; share: number }[];
}

/** Whether a cell is on air today or planned (counted only with an "as of" year, see `countedSites`). */
export const CELL_STATUSES = ['on_air', 'planned'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/**
 * One cell (sector or omni antenna of one technology) of a site. What the cell carries wins over the
 * site's own values, which win over the configured defaults.
 */
export interface Cell {
  /** The operator's cell code, when the file has one. */
  id?: string;
  technology: Technology;
  band?: string;
  /** Sector azimuth in degrees clockwise from north; with beamwidth_deg the footprint is a sector. */
  azimuth_deg?: number;
  /** Sector beamwidth in degrees (0 < b < 360); absent or 360 is omni. */
  beamwidth_deg?: number;
  /** Antenna height above ground, metres. */
  height_m?: number;
  /** Own footprint radius in metres. */
  radius_m?: number;
  /** Effective isotropic radiated power, dBm. */
  eirp_dbm?: number;
  /** Downtilt in degrees (positive is down). */
  tilt_deg?: number;
  /** Operator-predicted coverage polygon of this cell; replaces any radius or sector. */
  coverage?: Polygon | MultiPolygon;
  status: CellStatus;
  /** Year on air (done or planned). */
  year?: number;
  /** 1-based row of the input file the cell came from, when it came from a table. */
  row?: number;
}

/** Where a site in a scenario came from: the input files, a what-if edit, or an accepted suggestion. */
export type SiteSource = 'input' | 'what-if' | 'suggested';

/**
 * A mobile site: one mast of one operator with one or more technologies.
 * Whatever the site carries (radius, sector, predicted polygon) wins over the configured defaults.
 */
export interface Site {
  id: string;
  operator: string;
  lon: number;
  lat: number;
  technologies: Technology[];
  /** Own footprint radius in metres, for all its technologies. */
  radius_m?: number;
  /** Sector azimuth in degrees clockwise from north; with beamwidth_deg the footprint is a sector. */
  azimuth_deg?: number;
  /** Sector beamwidth in degrees (0 < b < 360). */
  beamwidth_deg?: number;
  /** Operator-predicted coverage polygon; replaces any radius or sector. */
  coverage?: Polygon | MultiPolygon;
  band?: string;
  height_m?: number;
  /**
   * The site's cells, when the input lists them (one row per cell). The footprints are then the cells'
   * own and `technologies` is the union of the cells' technologies; the site-level radius, sector and
   * polygon above are not used. Without cells the site is one cell per technology with the site's values.
   */
  cells?: Cell[];
  /** Site name (Tên trạm), when given. */
  name?: string;
  /** Where the site came from in a scenario (absent: input). */
  source?: SiteSource;
}

/** A population point (village or raster cell centre) with a weight in people. */
export interface PopulationPoint {
  lon: number;
  lat: number;
  population: number;
  /**
   * A raster cell's size, [width, height] in degrees, centred on (lon, lat); absent for a village point.
   * With it the cell is a square of the populated area (`populatedZones`).
   */
  cell?: [number, number];
}

/**
 * How a commune's populated area (khu vực có dân cư) was drawn, in order of precedence: the settlement
 * polygons (`--settlements`), the population raster's cells with people, or a disc of
 * `populatedVillageRadiusM` around each village point.
 */
export type PopulatedAreaMethod = 'settlements' | 'raster' | 'villages';

/** Default footprint radius per technology and setting, in metres. */
export type RadiusTable = Record<Technology, Record<Setting, number>>;

export interface EngineConfig {
  radii: RadiusTable;
  /** Number of segments used to draw a sector's arc (and circles for map output). */
  arcSegments: number;
  /** Target height of one integration strip (scanline spacing), metres. */
  scanSpacingM: number;
  /** Fewest and most strips across one commune's height (bounds on height / scanSpacingM). */
  minScanlines: number;
  scanlines: number;
  /** Technologies for which gap (dead-zone) polygons are produced, at operator "all". */
  gapTechnologies: TechnologyKey[];
  /** Rows of the grid gap polygons are traced on, per commune (resolution ≈ commune height / rows). */
  gapGridRows: number;
  /** Gap polygons smaller than this (km²) are dropped from gaps.geojson (their area still counts in the figures). */
  minGapAreaKm2: number;
  /** Radius of the disc of populated area drawn around each village point (metres). */
  populatedVillageRadiusM: number;
}

/** Coverage of one unit for one technology/operator combination. */
export interface CoverageFigure {
  technology: TechnologyKey;
  operator: OperatorKey;
  /** Covered share of the unit's geodesic area, 0–100 %. */
  area_pct: number;
  /** Covered share of the unit's population, 0–100 %. */
  population_pct: number;
  /** People inside the footprint union. */
  covered_population: number;
  /**
   * Covered share of the unit's populated area (khu vực có dân cư), 0–100 %; null where the unit has
   * no populated area (no settlement, raster cell with people or village in it). Absent in reports
   * made before it existed.
   */
  populated_area_pct?: number | null;
}

export interface GapPolygon {
  unitId: string;
  technology: TechnologyKey;
  /** Area in km² (geodesic). */
  area_km2: number;
  /** Estimated people living in the gap. */
  population: number;
  geometry: Polygon | MultiPolygon;
}

export type UnitLevel = 'commune' | 'district' | 'province';

export interface UnitResult {
  id: string;
  name: string;
  level: UnitLevel;
  parent_id: string | null;
  /** Geodesic (WGS84 ellipsoid) area in km². */
  area_km2: number;
  population: number;
  /** Populated area (khu vực có dân cư) inside the unit, km²; null where none is known. */
  populated_area_km2?: number | null;
  /** How the populated area was drawn; `mixed` for a district or province whose communes differ. */
  populated_area_method?: PopulatedAreaMethod | 'mixed' | null;
  coverage: CoverageFigure[];
  /** Uncovered area and people per gap technology (operator "all"). */
  gaps: { technology: TechnologyKey; area_km2: number; population: number }[];
}

export type PopulationMethod = 'uniform' | 'points';

export interface AnalysisResult {
  units: UnitResult[];
  /** One per `probes` input point: technologies covering it (any operator), nearest 4G site. */
  probes: {
    technologies: Technology[];
    nearest4gSiteKm: number | null;
    nearest4gSiteId: string | null;
    nearest4gBearingDeg: number | null;
  }[];
  gaps: GapPolygon[];
  operators: string[];
  technologies: Technology[];
  /** How each commune's population was distributed. */
  populationMethod: Record<string, PopulationMethod>;
  /** With a DEM: the terrain model and DEM the footprints came from (absent: circles and sectors). */
  terrain?: TerrainSummary;
}

/** What an analysis's footprints were made of with a DEM: the model, the DEM's sources, the defaults used. */
export interface TerrainSummary {
  model: { vi: string; en: string };
  dem_sources: string[];
  /** Radio defaults used where the input had no value (EIRP, height, frequency, tilt), per language. */
  defaults: { vi: string; en: string } | null;
  /** Cells given a terrain footprint, and cells kept as circles or sectors (their site off the DEM). */
  terrain_cells: number;
  fallback_cells: number;
}

/** Injected callbacks: the core never prints. */
export interface Callbacks {
  onProgress?: (done: number, total: number, label: string) => void;
  onWarning?: (message: string) => void;
}
