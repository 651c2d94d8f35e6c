/**
 * Checks the files made by build_data.ts and sample_data.ts, and previews the coverage the
 * synthetic sample gives. Exits 1 when a check fails.
 *
 *   npx tsx scripts/check_data.ts
 *
 * Checks: every file parses as a FeatureCollection with valid positions; every synthetic file and
 * feature is labelled synthetic; every synthetic point lies inside the area and inside the commune
 * it names; village populations add up exactly to each commune's census population; each CSV holds
 * the same rows as its GeoJSON twin; census totals per province.
 *
 * The coverage preview uses plain circles with the DOMAIN.md fallback radii (4G 4 km rural, 1.5 km
 * urban; 5G 0.5 / 0.3 km), sectors where a site has one, and villages as population points. It is
 * a rough sanity check of the sample, not the engine's result.
 */
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import { dataPath, readCsv, readJson } from './lib/data_io.ts';
import { distanceMetres, type LonLat, Shape } from './lib/geo_sampling.ts';
import { Rng } from './lib/prng.ts';
import { type GenUnit, loadUnits } from './synthetic/units.ts';

type Props = Record<string, unknown>;
type Collection = FeatureCollection<Geometry, Props> & { metadata?: Props };

let failures = 0;

function fail(message: string): void {
  failures++;
  console.error(`FAIL ${message}`);
}

function ok(message: string): void {
  console.log(`ok   ${message}`);
}

/** Whether a position is two finite numbers within lon/lat range. */
function validPosition(p: Position): boolean {
  const [lon, lat] = p;
  return (
    p.length >= 2 &&
    Number.isFinite(lon) &&
    Number.isFinite(lat) &&
    Math.abs(lon!) <= 180 &&
    Math.abs(lat!) <= 90
  );
}

/** All positions of a geometry, flattened. */
function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return g.geometries.flatMap(positionsOf);
  }
}

/** Reads a GeoJSON file and checks its structure. */
function readCollection(folder: string, name: string): Collection {
  const fc = readJson<Collection>(dataPath(folder, name));
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    fail(`${name}: not a FeatureCollection`);
  const bad = fc.features.filter(
    (f) => f.type !== 'Feature' || !f.geometry || !positionsOf(f.geometry).every(validPosition),
  );
  if (bad.length > 0) fail(`${name}: ${bad.length} features with a missing or invalid geometry`);
  const shortLines = fc.features.filter(
    (f) => f.geometry?.type === 'LineString' && f.geometry.coordinates.length < 2,
  );
  if (shortLines.length > 0) fail(`${name}: ${shortLines.length} LineStrings with fewer than 2 positions`);
  const ids = fc.features.map((f) => f.properties?.id).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) fail(`${name}: duplicate ids`);
  ok(`${folder}/${name}: ${fc.features.length} features`);
  return fc;
}

/** Checks the synthetic labels: file metadata and every feature. */
function checkSyntheticLabels(name: string, fc: Collection): void {
  const m = fc.metadata ?? {};
  if (m.synthetic !== true || m.generator !== 'scripts/sample_data.ts' || typeof m.seed !== 'number') {
    fail(`${name}: metadata does not label the file synthetic`);
  }
  if (!fc.features.every((f) => f.properties?.synthetic === true))
    fail(`${name}: a feature lacks synthetic: true`);
}

/** Index of the units' bounding boxes, answering "which units contain this point". */
class UnitIndex {
  private readonly index: Flatbush;

  constructor(private readonly units: readonly GenUnit[]) {
    this.index = new Flatbush(units.length);
    for (const u of units) this.index.add(...u.shape.bbox);
    this.index.finish();
  }

  containing(p: LonLat): GenUnit[] {
    return this.index
      .search(p[0], p[1], p[0], p[1])
      .map((i) => this.units[i]!)
      .filter((u) => u.shape.contains(p));
  }
}

/** Checks that every point lies in the area, and in the commune it names when it names one. */
function checkPointsInside(name: string, fc: Collection, index: UnitIndex): void {
  let outside = 0;
  let wrongCommune = 0;
  for (const f of fc.features as Feature<Point, Props>[]) {
    const p = f.geometry.coordinates as LonLat;
    const inside = index.containing(p);
    if (inside.length === 0) outside++;
    const communeId = f.properties.commune_id;
    if (typeof communeId === 'string' && !inside.some((u) => u.id === communeId)) wrongCommune++;
  }
  if (outside > 0) fail(`${name}: ${outside} points outside the area`);
  else ok(`${name}: every point inside the area`);
  if (wrongCommune > 0) fail(`${name}: ${wrongCommune} points outside the commune they name`);
}

/** Checks that village populations add up exactly to each commune's population. */
function checkVillageSums(villages: Collection, units: readonly GenUnit[]): void {
  const sums = new Map<string, number>();
  for (const f of villages.features) {
    const id = String(f.properties.commune_id);
    sums.set(id, (sums.get(id) ?? 0) + Number(f.properties.population));
  }
  const mismatched = units.filter((u) => (sums.get(u.id) ?? 0) !== u.population);
  if (mismatched.length > 0) {
    fail(`villages: ${mismatched.length} communes whose village sum differs, e.g. ${mismatched[0]?.name}`);
  } else ok(`villages: population sums equal the census for all ${units.length} communes`);
  const empty = villages.features.filter((f) => Number(f.properties.population) <= 0).length;
  if (empty > 0) fail(`villages: ${empty} villages with no people`);
}

/** Checks that a CSV has the expected header and the same ids and coordinates as its GeoJSON twin. */
function checkCsvTwin(csvName: string, header: readonly string[], fc: Collection): void {
  const rows = readCsv(dataPath('synthetic', csvName));
  const actualHeader = Object.keys(rows[0] ?? {});
  if (actualHeader.join(',') !== header.join(',')) fail(`${csvName}: header ${actualHeader.join(',')}`);
  if (rows.length !== fc.features.length)
    fail(`${csvName}: ${rows.length} rows, GeoJSON has ${fc.features.length}`);
  const mismatch = rows.filter((r, i) => {
    const f = fc.features[i] as Feature<Point, Props> | undefined;
    const [lon, lat] = f?.geometry.coordinates ?? [];
    return !f || r.id !== f.properties.id || Number(r.lon) !== lon || Number(r.lat) !== lat;
  }).length;
  if (mismatch > 0) fail(`${csvName}: ${mismatch} rows differ from the GeoJSON`);
  else ok(`${csvName}: ${rows.length} rows match the GeoJSON`);
}

/** A site as the preview needs it. */
interface PreviewSite {
  p: LonLat;
  tech: string[];
  radius?: number;
  azimuth?: number;
  beam?: number;
}

/** Whether a site covers a point with the given technology (circle or sector, fallback radii). */
function covers(s: PreviewSite, q: LonLat, tech: '4G' | '5G', urban: boolean): boolean {
  if (!s.tech.includes(tech)) return false;
  const fallback = tech === '4G' ? (urban ? 1500 : 4000) : urban ? 300 : 500;
  const r = s.radius ?? fallback;
  if (distanceMetres(s.p, q) > r) return false;
  if (s.azimuth === undefined || s.beam === undefined) return true;
  const lonScale = Math.cos((s.p[1] * Math.PI) / 180);
  const bearing = (Math.atan2((q[0] - s.p[0]) * lonScale, q[1] - s.p[1]) * 180) / Math.PI;
  const diff = Math.abs(((bearing - s.azimuth + 540) % 360) - 180);
  return diff <= s.beam / 2;
}

/** Prints the distribution of 4G/5G population and area coverage over the communes. */
function coveragePreview(units: readonly GenUnit[], sitesFc: Collection, villages: Collection): void {
  const sites: PreviewSite[] = (sitesFc.features as Feature<Point, Props>[]).map((f) => ({
    p: f.geometry.coordinates as LonLat,
    tech: f.properties.technologies as string[],
    radius: f.properties.radius_m as number | undefined,
    azimuth: f.properties.azimuth_deg as number | undefined,
    beam: f.properties.beamwidth_deg as number | undefined,
  }));
  const index = new Flatbush(sites.length);
  for (const s of sites) index.add(s.p[0], s.p[1], s.p[0], s.p[1]);
  index.finish();
  const near = (q: LonLat): PreviewSite[] =>
    index.search(q[0] - 0.05, q[1] - 0.05, q[0] + 0.05, q[1] + 0.05).map((i) => sites[i]!);
  const villagesByCommune = new Map<string, Feature<Point, Props>[]>();
  for (const f of villages.features as Feature<Point, Props>[]) {
    const id = String(f.properties.commune_id);
    villagesByCommune.set(id, [...(villagesByCommune.get(id) ?? []), f]);
  }
  const rng = new Rng(1);
  for (const tech of ['4G', '5G'] as const) {
    const popShares: number[] = [];
    const areaShares: number[] = [];
    let coveredPeople = 0;
    let people = 0;
    for (const u of units) {
      const urban = u.kind !== 'rural';
      let covered = 0;
      for (const v of villagesByCommune.get(u.id) ?? []) {
        const q = v.geometry.coordinates as LonLat;
        if (near(q).some((s) => covers(s, q, tech, urban))) covered += Number(v.properties.population);
      }
      popShares.push(u.population > 0 ? covered / u.population : 0);
      coveredPeople += covered;
      people += u.population;
      areaShares.push(sampleAreaShare(rng, u, (q) => near(q).some((s) => covers(s, q, tech, urban))));
    }
    console.log(
      `     ${tech} (any operator, preview): population ${((100 * coveredPeople) / people).toFixed(1)}%; ` +
        `communes by population covered: ${bucketText(popShares)}; by area covered: ${bucketText(areaShares)}`,
    );
  }
}

/** Share of 200 random points of the unit that pass `covered`. */
function sampleAreaShare(rng: Rng, u: GenUnit, covered: (q: LonLat) => boolean): number {
  const [minX, minY, maxX, maxY] = u.shape.bbox;
  let inside = 0;
  let hit = 0;
  for (let i = 0; i < 2000 && inside < 200; i++) {
    const q: LonLat = [rng.uniform(minX, maxX), rng.uniform(minY, maxY)];
    if (!u.shape.contains(q)) continue;
    inside++;
    if (covered(q)) hit++;
  }
  return inside > 0 ? hit / inside : 0;
}

function bucketText(shares: readonly number[]): string {
  const full = shares.filter((s) => s >= 0.995).length;
  const none = shares.filter((s) => s < 0.005).length;
  const low = shares.filter((s) => s >= 0.005 && s < 0.5).length;
  const mid = shares.length - full - none - low;
  return `100% ${full}, 50–99% ${mid}, 1–49% ${low}, 0% ${none}`;
}

/** Checks the census totals of the normalised pre-2025 communes. */
function checkCensusTotals(communes: Collection): void {
  const expected: Record<string, number> = { 'Gia Lai': 1_513_847, 'Đắk Nông': 622_168 };
  for (const [province, total] of Object.entries(expected)) {
    const sum = communes.features
      .filter((f) => f.properties.province === province)
      .reduce((s, f) => s + Number(f.properties.population), 0);
    if (sum !== total) fail(`communes-pre2025: ${province} has ${sum} people, expected ${total}`);
    else ok(`communes-pre2025: ${province} ${sum.toLocaleString('en-US')} people`);
  }
}

function main(): void {
  const pre = readCollection('sample', 'communes-pre2025.geojson');
  readCollection('sample', 'communes-2025.geojson');
  readCollection('sample', 'districts-pre2025.geojson');
  readCollection('sample', 'provinces-pre2025.geojson');
  readCollection('sample', 'provinces-2025.geojson');
  readCollection('sample', 'roads.geojson');
  checkCensusTotals(pre);

  const units = loadUnits();
  const index = new UnitIndex(units);
  const files = ['sites', 'postal', 'villages', 'fiber'].map((n) => {
    const fc = readCollection('synthetic', `${n}.synthetic.geojson`);
    checkSyntheticLabels(n, fc);
    return fc;
  });
  const [sites, postal, villages] = files as [Collection, Collection, Collection, Collection];
  checkPointsInside('sites', sites, index);
  checkPointsInside('postal', postal, index);
  checkPointsInside('villages', villages, index);
  checkVillageSums(villages, units);
  checkCsvTwin(
    'sites.synthetic.csv',
    [
      'id',
      'lon',
      'lat',
      'technology',
      'operator',
      'radius_m',
      'azimuth_deg',
      'beamwidth_deg',
      'band',
      'height_m',
    ],
    sites,
  );
  checkCsvTwin(
    'postal.synthetic.csv',
    ['id', 'lon', 'lat', 'type', 'staffed', 'internet', 'online_public_services', 'name', 'commune_id'],
    postal,
  );
  checkCsvTwin(
    'villages.synthetic.csv',
    ['id', 'name', 'commune_id', 'lon', 'lat', 'population', 'households', 'has_grid_power'],
    villages,
  );
  const areaKm2 = units.reduce((s, u) => s + new Shape(u.shape.feature.geometry).areaKm2, 0);
  console.log(`     area: ${units.length} units, ${Math.round(areaKm2).toLocaleString('en-US')} km²`);
  coveragePreview(units, sites, villages);
  if (failures > 0) {
    console.error(`${failures} check(s) failed`);
    process.exitCode = 1;
  } else console.log('all checks passed');
}

main();
