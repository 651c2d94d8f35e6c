/**
 * The communes the synthetic sample is generated for, with what the generators need to know about
 * each: shape, centre, population, density, the real roads inside it, and its role (ward, township,
 * district seat, remote mountain commune).
 *
 * The area is the pre-2025 communes of Gia Lai and Đắk Nông plus the 2025 Gia Lai communes that
 * lie mostly outside the old Gia Lai (share_in_former_gia_lai < 0.5, the former Bình Định part),
 * then the 2025 Lâm Đồng communes that lie mostly outside the old Đắk Nông
 * (share_in_former_dak_nong < 0.5: old Lâm Đồng and the Bình Thuận part). The Lâm Đồng part is
 * generated after the rest from its own random streams, so the rest stays byte-identical.
 */
import * as turf from '@turf/turf';
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { dataPath, type LooseCollection, readJson } from '../lib/data_io.ts';
import { distanceMetres, type LonLat, lineParts, pointsAlong, Shape } from '../lib/geo_sampling.ts';
import type { NameRegion } from '../lib/vn_names.ts';
import { shortName } from '../lib/vn_names.ts';

/** Properties of the normalised communes in data/sample/ (see scripts/build_data.ts). */
interface SampleCommuneProps {
  id: string;
  name: string;
  district_id: string | null;
  district: string | null;
  province_id: string;
  province: string;
  population: number;
  setting: 'urban' | 'rural';
  center: [number, number];
  share_in_former_gia_lai?: number;
  share_in_former_dak_nong?: number;
  before_merger?: string;
}

/**
 * Summary group of a unit: the two old provinces, the former Bình Định part of the 2025 Gia Lai, and
 * the rest of the 2025 Lâm Đồng (old Lâm Đồng + the Bình Thuận part).
 */
export type UnitGroup = 'Gia Lai' | 'Đắk Nông' | 'Bình Định (2025 units)' | 'Lâm Đồng (2025 units)';
export const UNIT_GROUPS: readonly UnitGroup[] = [
  'Gia Lai',
  'Đắk Nông',
  'Bình Định (2025 units)',
  'Lâm Đồng (2025 units)',
];

/**
 * Generation part: `base` is the sample as it was before the Lâm Đồng extension (pre-2025 communes and
 * the Bình Định part), `lamdong` the extension. Each part is generated from its own random streams.
 */
export type UnitPart = 'base' | 'lamdong';

/** Kind of unit: urban ward (phường), township (thị trấn, or a 2025 commune built around one), or rural commune. */
export type UnitKind = 'ward' | 'township' | 'rural';

export interface GenUnit {
  /** Position in the generation order (pre-2025 file order, then the Bình Định part). */
  index: number;
  id: string;
  name: string;
  /** Name without the unit type ("Ia Kênh"). */
  short: string;
  group: UnitGroup;
  part: UnitPart;
  boundarySet: 'pre2025' | '2025';
  district: string | null;
  districtId: string | null;
  kind: UnitKind;
  population: number;
  shape: Shape;
  /** Commune centre [lon, lat], inside the unit. */
  center: LonLat;
  /** People per km². */
  density: number;
  /** Points every ROAD_STEP_M along the real roads, inside the unit. */
  roadPoints: LonLat[];
  /** Distance from the centre to the nearest real road, in metres. */
  roadDistM: number;
  /** Nearest point on a real road to the centre. */
  nearestRoadPoint: LonLat;
  /** Whether the unit touches the outer boundary of its old province. */
  border: boolean;
  /** A low-density mountain border commune left with 0–1 mobile sites. */
  remote: boolean;
  /** District seat (pre-2025) or a 2025 unit built around a former township or ward. */
  seat: boolean;
  /** Whether the unit lies in a province capital (Pleiku, Gia Nghĩa, Quy Nhơn). */
  inCapital: boolean;
  /** Name of the capital city when this unit hosts its tier-I post office. */
  capitalPostOffice: string | null;
  region: NameRegion;
  /** Inside the unit and not claimed by another unit of the area (used by every sampler). */
  accept: (p: LonLat) => boolean;
}

/** Spacing of the road sample points, in metres. */
const ROAD_STEP_M = 250;
/** How many remote mountain communes get 0–1 mobile sites. */
export const REMOTE_COUNT = 10;
/** Districts (pre-2025) and 2025 ward-name prefixes that make up the province capitals. */
const CAPITAL_DISTRICTS: Record<string, string> = {
  'Thành phố Pleiku': 'Pleiku',
  'Thị xã Gia Nghĩa': 'Gia Nghĩa',
};
/** Former province capitals in the 2025 set: the ward with the tier-I post office, and the capital's wards. */
const CAPITALS_2025: readonly { seat: string; capital: string; ward: (name: string) => boolean }[] = [
  { seat: 'Phường Quy Nhơn', capital: 'Quy Nhơn', ward: (n) => n.startsWith('Phường Quy Nhơn') },
  { seat: 'Phường Xuân Hương - Đà Lạt', capital: 'Đà Lạt', ward: (n) => n.endsWith(' - Đà Lạt') },
  { seat: 'Phường Phan Thiết', capital: 'Phan Thiết', ward: (n) => n.startsWith('Phường Phan Thiết') },
];
/** 2025 province code of the Lâm Đồng units. */
const LAM_DONG_ID = '68';

type Area = Polygon | MultiPolygon;

/** Loads the real roads as a list of single lines. */
export function loadRoadLines(): { lines: Position[][]; names: string[] } {
  const roads = readJson<LooseCollection<LineString | MultiLineString, { ten: string }>>(
    dataPath('sample', 'roads.geojson'),
  );
  const lines: Position[][] = [];
  const names: string[] = [];
  for (const f of roads.features) {
    for (const part of lineParts(f.geometry)) {
      lines.push(part);
      names.push(f.properties.ten);
    }
  }
  return { lines, names };
}

/** Vertex keys ("lon,lat" at 5 decimals) of the outer rings of the pre-2025 provinces. */
function provinceOuterVertices(): Set<string> {
  const provinces = readJson<LooseCollection<Area>>(dataPath('sample', 'provinces-pre2025.geojson'));
  const keys = new Set<string>();
  for (const f of provinces.features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) for (const p of polygon[0] ?? []) keys.add(vertexKey(p));
  }
  return keys;
}

function vertexKey(p: Position): string {
  return `${(p[0] ?? 0).toFixed(5)},${(p[1] ?? 0).toFixed(5)}`;
}

/** Whether any vertex of the geometry lies on the given outer-ring vertex set. */
function touchesOuter(geometry: Area, outer: Set<string>): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((poly) => poly.some((ring) => ring.some((p) => outer.has(vertexKey(p)))));
}

/** Raw description of a unit before the derived fields are computed. */
interface RawUnit {
  props: SampleCommuneProps;
  geometry: Area;
  boundarySet: 'pre2025' | '2025';
}

/**
 * The pre-2025 communes, then the 2025 Gia Lai communes with share_in_former_gia_lai < 0.5, then the
 * 2025 Lâm Đồng communes with share_in_former_dak_nong < 0.5.
 */
function readRawUnits(): RawUnit[] {
  const pre = readJson<LooseCollection<Area, SampleCommuneProps>>(
    dataPath('sample', 'communes-pre2025.geojson'),
  );
  const now = readJson<LooseCollection<Area, SampleCommuneProps>>(
    dataPath('sample', 'communes-2025.geojson'),
  );
  const bd = now.features.filter((f) => (f.properties.share_in_former_gia_lai ?? 1) < 0.5);
  const ld = now.features.filter(
    (f) => f.properties.province_id === LAM_DONG_ID && (f.properties.share_in_former_dak_nong ?? 1) < 0.5,
  );
  return [
    ...pre.features.map((f) => ({
      props: f.properties,
      geometry: f.geometry,
      boundarySet: 'pre2025' as const,
    })),
    ...bd.map((f) => ({ props: f.properties, geometry: f.geometry, boundarySet: '2025' as const })),
    ...ld.map((f) => ({ props: f.properties, geometry: f.geometry, boundarySet: '2025' as const })),
  ];
}

function groupOf(raw: RawUnit): UnitGroup {
  if (raw.boundarySet === '2025')
    return raw.props.province_id === LAM_DONG_ID ? 'Lâm Đồng (2025 units)' : 'Bình Định (2025 units)';
  return raw.props.province === 'Đắk Nông' ? 'Đắk Nông' : 'Gia Lai';
}

function kindOf(raw: RawUnit): UnitKind {
  const { name, before_merger: before } = raw.props;
  if (name.startsWith('Phường')) return 'ward';
  if (name.startsWith('Thị trấn') || before?.includes('Thị trấn')) return 'township';
  return 'rural';
}

/** A centre inside the unit: the given one when it passes, else a point on the surface. */
function insideCentre(raw: RawUnit, accept: (p: LonLat) => boolean): LonLat {
  const given: LonLat = [raw.props.center[0], raw.props.center[1]];
  if (accept(given)) return given;
  const c = turf.pointOnFeature(turf.feature(raw.geometry)).geometry.coordinates;
  return [c[0] ?? given[0], c[1] ?? given[1]];
}

/** Builds every unit of the area with its derived fields (remote, seat and capital flags are set later). */
export function loadUnits(): GenUnit[] {
  const raws = readRawUnits();
  const roads = loadRoadLines();
  const roadNetwork = turf.multiLineString(roads.lines);
  const roadSamples = roads.lines.flatMap((l) => pointsAlong(l, ROAD_STEP_M));
  const outer = provinceOuterVertices();
  const shapes = raws.map((r) => new Shape(r.geometry));
  const preShapes = shapes.filter((_, i) => raws[i]?.boundarySet === 'pre2025');

  const units = raws.map((raw, index): GenUnit => {
    const shape = shapes[index]!;
    const claimedBy = raw.boundarySet === '2025' ? preShapes.filter((s) => s.bboxOverlaps(shape)) : [];
    const accept = (p: LonLat): boolean => shape.contains(p) && !claimedBy.some((s) => s.contains(p));
    const center = insideCentre(raw, accept);
    const nearest = turf.nearestPointOnLine(roadNetwork, center).geometry.coordinates;
    const nearestRoadPoint: LonLat = [nearest[0] ?? center[0], nearest[1] ?? center[1]];
    const group = groupOf(raw);
    return {
      index,
      id: raw.props.id,
      name: raw.props.name,
      short: shortName(raw.props.name),
      group,
      part: group === 'Lâm Đồng (2025 units)' ? 'lamdong' : 'base',
      boundarySet: raw.boundarySet,
      district: raw.props.district,
      districtId: raw.props.district_id,
      kind: kindOf(raw),
      population: raw.props.population,
      shape,
      center,
      density: raw.props.population / Math.max(shape.areaKm2, 0.01),
      roadPoints: roadSamples.filter((p) => accept(p)),
      roadDistM: distanceMetres(center, nearestRoadPoint),
      nearestRoadPoint,
      border: raw.boundarySet === 'pre2025' && touchesOuter(raw.geometry, outer),
      remote: false,
      seat: false,
      inCapital: false,
      capitalPostOffice: null,
      region: 'gia-lai',
      accept,
    };
  });
  for (const u of units) u.region = regionOf(u);
  markCapitalsAndSeats(units);
  markRemote(units);
  return units;
}

function regionOf(u: GenUnit): NameRegion {
  if (u.group === 'Gia Lai') return 'gia-lai';
  if (u.group === 'Đắk Nông') return 'dak-nong';
  // Old Lâm Đồng's highlands have K'Ho/Mạ/M'nông villages (bon, buôn) like Đắk Nông; the coast is Kinh.
  if (u.group === 'Lâm Đồng (2025 units)') return u.density < 60 ? 'dak-nong' : 'binh-dinh';
  return u.density < 60 ? 'binh-dinh-highland' : 'binh-dinh';
}

/** The ward whose centre is nearest the mean centre of the given wards (the "central" ward). */
function centralUnit(candidates: GenUnit[]): GenUnit | undefined {
  if (candidates.length === 0) return undefined;
  const mean: LonLat = [
    candidates.reduce((s, u) => s + u.center[0], 0) / candidates.length,
    candidates.reduce((s, u) => s + u.center[1], 0) / candidates.length,
  ];
  return [...candidates].sort((a, b) => distanceMetres(a.center, mean) - distanceMetres(b.center, mean))[0];
}

/**
 * Marks the province capitals and district seats. A pre-2025 district's seat is its township
 * (thị trấn), else its central ward (towns and cities), else its most populous commune. In the
 * 2025 parts every ward and every commune built around a former township counts as a seat.
 */
function markCapitalsAndSeats(units: GenUnit[]): void {
  const byDistrict = new Map<string, GenUnit[]>();
  for (const u of units) {
    if (u.boundarySet !== 'pre2025' || !u.districtId) continue;
    byDistrict.set(u.districtId, [...(byDistrict.get(u.districtId) ?? []), u]);
  }
  for (const members of byDistrict.values()) {
    const district = members[0]?.district ?? '';
    const capital = CAPITAL_DISTRICTS[district];
    const wards = members.filter((m) => m.kind === 'ward');
    if (capital) for (const w of wards) w.inCapital = true;
    const seat =
      members.find((m) => m.kind === 'township') ??
      centralUnit(wards) ??
      [...members].sort((a, b) => b.population - a.population)[0];
    if (!seat) continue;
    seat.seat = true;
    if (capital) seat.capitalPostOffice = capital;
  }
  const bd = units.filter((u) => u.boundarySet === '2025');
  for (const u of bd) {
    if (u.kind !== 'rural') u.seat = true;
    if (CAPITALS_2025.some((c) => c.ward(u.name))) u.inCapital = true;
  }
  for (const { seat, capital } of CAPITALS_2025) {
    const unit = bd.find((u) => u.name === seat);
    if (unit) unit.capitalPostOffice = capital;
  }
}

/**
 * Marks the REMOTE_COUNT remote mountain communes: rural, not a seat, on the outer boundary of the
 * old province, the lowest population density first.
 */
function markRemote(units: GenUnit[]): void {
  const candidates = units
    .filter((u) => u.boundarySet === 'pre2025' && u.kind === 'rural' && !u.seat && u.border)
    .sort((a, b) => a.density - b.density || a.index - b.index);
  for (const u of candidates.slice(0, REMOTE_COUNT)) u.remote = true;
}
