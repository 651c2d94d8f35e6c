import type { MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { CoverageReport } from '../../core/report/report.ts';
import { reportIndicators } from '../../core/report/report_indicators.ts';
import { reportUnits } from '../../core/report/report_units.ts';
import { indicatorHeader, type ReportLang } from './report_labels.ts';

/** The geometries the GIS exports and the PDF map need besides report.json. */
export interface ReportGeometry {
  /** Commune boundaries by commune id. */
  communes: ReadonlyMap<string, Polygon | MultiPolygon>;
  /** Gap (dead-zone) polygons, as in gaps.geojson. */
  gaps: readonly {
    unitId: string;
    technology: string;
    area_km2: number;
    population: number;
    geometry: Polygon | MultiPolygon;
  }[];
  /** Areas farther than 3 km from a staffed postal point, as in postal_beyond_3km.geojson. */
  postalBeyond?: readonly { unitId: string; geometry: Polygon | MultiPolygon }[];
}

export type FieldType = 'string' | 'integer' | 'real';

/** One attribute of a layer: its long name (GeoJSON, GeoPackage, KML), DBF name and label. */
export interface LayerField {
  name: string;
  /** At most 10 characters (Shapefile). */
  short: string;
  type: FieldType;
  label: string;
}

/** The geometry of a layer's features: one type per layer, as GeoPackage and Shapefile want. */
export type LayerGeometry = MultiPolygon | Point | MultiLineString;

export interface LayerFeature {
  /** Of the layer's `geometryType`; null when unknown. */
  geometry: LayerGeometry | null;
  values: (string | number | null)[];
}

/** A table of features with a fixed schema, ready for any GIS format (GeoPackage, Shapefile, KML, GeoJSON). */
export interface ReportLayer {
  /** The table, file or folder name: `communes`, `gaps`, `postal_beyond_3km`, `sites`, `cells`, … */
  name: string;
  geometryType: LayerGeometry['type'];
  fields: LayerField[];
  features: LayerFeature[];
}

/** A Polygon or MultiPolygon as a MultiPolygon. */
export function asMultiPolygon(g: Polygon | MultiPolygon): MultiPolygon {
  return g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] };
}

/** The positions that bound a geometry: a point, a line's vertices, a polygon's outer rings. */
function boundingPositions(g: LayerGeometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flatMap((poly) => poly[0] ?? []);
  }
}

/** Bounding box [minX, minY, maxX, maxY] in degrees of layer geometries (Infinity when there are none). */
export function bbox(geoms: readonly (LayerGeometry | null)[]): [number, number, number, number] {
  let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geoms) {
    if (!g) continue;
    for (const p of boundingPositions(g))
      b = [Math.min(b[0], p[0]!), Math.min(b[1], p[1]!), Math.max(b[2], p[0]!), Math.max(b[3], p[1]!)];
  }
  return b;
}

/**
 * The report as GIS layers: communes with every indicator of the report (the same schema for every
 * format), the gap polygons, and the areas beyond 3 km of a staffed postal point when given. Field
 * names are the indicator ids with `_` for `.` (`mobile_4G_population_pct`); short names fit a DBF.
 */
export function reportLayers(
  report: CoverageReport,
  geometry: ReportGeometry,
  lang: ReportLang = 'vi',
): ReportLayer[] {
  const units = reportUnits(report);
  const indicators = reportIndicators(report);
  const vi = lang === 'vi';
  const communeFields: LayerField[] = [
    { name: 'id', short: 'id', type: 'string', label: vi ? 'Mã xã' : 'Commune id' },
    { name: 'name', short: 'name', type: 'string', label: vi ? 'Tên xã' : 'Commune' },
    { name: 'district', short: 'district', type: 'string', label: vi ? 'Huyện' : 'District' },
    { name: 'province', short: 'province', type: 'string', label: vi ? 'Tỉnh' : 'Province' },
    ...indicators.map(
      (i): LayerField => ({
        name: i.id.replace(/\./g, '_'),
        short: i.short,
        type: i.unit === 'count' ? 'integer' : 'real',
        label: indicatorHeader(i, lang),
      }),
    ),
  ];
  const communes: ReportLayer = {
    name: 'communes',
    geometryType: 'MultiPolygon',
    fields: communeFields,
    features: units.communes.map((u) => {
      const place = units.byId.get(u.id);
      const g = geometry.communes.get(u.id);
      return {
        geometry: g ? asMultiPolygon(g) : null,
        values: [
          u.id,
          u.name,
          place?.district?.name ?? null,
          place?.province?.name ?? null,
          ...indicators.map((i) => i.get(u)),
        ],
      };
    }),
  };
  const nameOf = (id: string) => units.byId.get(id)?.unit.name ?? null;
  const gaps: ReportLayer = {
    name: 'gaps',
    geometryType: 'MultiPolygon',
    fields: [
      { name: 'unit_id', short: 'unit_id', type: 'string', label: vi ? 'Mã xã' : 'Commune id' },
      { name: 'commune', short: 'commune', type: 'string', label: vi ? 'Xã' : 'Commune' },
      { name: 'technology', short: 'technology', type: 'string', label: vi ? 'Công nghệ' : 'Technology' },
      { name: 'area_km2', short: 'area_km2', type: 'real', label: vi ? 'Diện tích (km²)' : 'Area (km²)' },
      {
        name: 'population',
        short: 'population',
        type: 'real',
        label: vi ? 'Dân số (người)' : 'Population (people)',
      },
    ],
    features: geometry.gaps.map((g) => ({
      geometry: asMultiPolygon(g.geometry),
      values: [g.unitId, nameOf(g.unitId), g.technology, g.area_km2, g.population],
    })),
  };
  const layers = [communes, gaps];
  if (geometry.postalBeyond) {
    layers.push({
      name: 'postal_beyond_3km',
      geometryType: 'MultiPolygon',
      fields: [
        { name: 'unit_id', short: 'unit_id', type: 'string', label: vi ? 'Mã xã' : 'Commune id' },
        { name: 'commune', short: 'commune', type: 'string', label: vi ? 'Xã' : 'Commune' },
      ],
      features: geometry.postalBeyond.map((p) => ({
        geometry: asMultiPolygon(p.geometry),
        values: [p.unitId, nameOf(p.unitId)],
      })),
    });
  }
  return layers;
}
