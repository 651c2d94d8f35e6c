/**
 * Normalises the real public data in data/real/ into the project's own schema in data/sample/.
 *
 *   npm run build-data
 *
 * Reads only data/real/ (copied verbatim from the shared data folder; see data/SOURCES.md)
 * and writes:
 *   - data/sample/communes-pre2025.geojson     293 communes of Gia Lai + Đắk Nông before 1 July 2025
 *   - data/sample/communes-2025.geojson        259 communes/wards from 1 July 2025: merged Gia Lai (135)
 *                                              and merged Lâm Đồng (124), the boundary set `2025`
 *   - data/sample/districts-pre2025.geojson    districts dissolved from the pre-2025 communes
 *   - data/sample/provinces-pre2025.geojson    provinces dissolved from the pre-2025 communes
 *   - data/sample/provinces-2025.geojson       the two 2025 provinces dissolved from their communes
 *   - data/sample/roads.geojson                the real national/provincial roads, unchanged
 *   - data/sample/composition-pre2025-2025.csv the official successor of each pre-2025 commune
 *                                              (from before_merger and from the admin-units list)
 *   - data/sample/crosswalk-pre2025-2025.csv   the geometric crosswalk (as `vungphu crosswalk` writes it)
 *
 * Deterministic: no clock, no randomness; running it twice gives byte-identical files.
 */
import { writeFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Commune } from '../src/core/base/types.ts';
import { buildCrosswalk } from '../src/core/crosswalk/crosswalk.ts';
import { crosswalkCsv } from '../src/io/export/crosswalk_csv.ts';
import {
  dataPath,
  type LooseCollection,
  readCsv,
  readJson,
  roundCoords,
  roundPosition,
  writeCsv,
  writeFeatureCollection,
} from './lib/data_io.ts';

/** Properties of data/real/communes-pre2025-gialai-daknong.geojson (only the ones used here). */
interface RawPre2025Props {
  province_gso: string;
  province: string;
  district: string;
  commune: string;
  src_commune_id: number;
  src_district_id: number;
  gso_code?: string | null;
  gso_district_code?: string | null;
  gadm41_gid3: string | null;
  pop2019: number | null;
}

/** Properties of data/real/communes-2025-{gialai,lamdong}.geojson (only the ones used here). */
interface Raw2025Props {
  ma_xa: string;
  name: string;
  type: string;
  population: number;
  before_merger: string;
  admin_center_lonlat: [number, number] | null;
  /** Gia Lai file only. */
  share_in_former_gia_lai?: number;
  /** Lâm Đồng file only. */
  share_in_former_dak_nong?: number;
}

type Area = Polygon | MultiPolygon;

/** The normalised commune schema shared by both boundary sets. */
export interface CommuneProps {
  id: string;
  name: string;
  district_id: string | null;
  district: string | null;
  province_id: string;
  province: string;
  /** Census population (people). */
  population: number;
  setting: 'urban' | 'rural';
  /** Commune centre [lon, lat] in degrees (WGS84). */
  center: [number, number];
  center_source: string;
  /** 2025 Gia Lai units only: fraction (0–1) of the unit's area that lies in the old Gia Lai. */
  share_in_former_gia_lai?: number;
  /** 2025 Lâm Đồng units only: fraction (0–1) of the unit's area that lies in the old Đắk Nông. */
  share_in_former_dak_nong?: number;
  /** 2025 set only: the old units it was made from. */
  before_merger?: string;
}

/** Properties of a dissolved district or province. */
interface AggregateProps {
  id: string;
  name: string;
  parent_id: string | null;
  population: number;
  commune_count: number;
}

/** Expected census 2019 totals (people), used as a check. */
const EXPECTED_TOTALS: Record<string, number> = { 'Gia Lai': 1_513_847, 'Đắk Nông': 622_168 };

/** Decimal places kept for dissolved boundaries (≈ 0.1 m); the source has 5. */
const DISSOLVE_DIGITS = 6;

/**
 * Holes smaller than this (km²) left by a dissolve are sliver gaps between neighbouring commune
 * polygons of the 1:250k source (the largest is about 0.5 km²); they are removed. Set to 0 to keep them.
 */
const SLIVER_HOLE_MAX_KM2 = 1;

const SOURCE_PRE2025 =
  'choisy/censusVN2009 @ b1a66891 : data/communes.rda (WHO Vietnam / VIETGIS 1:250k communes), ' +
  'with GSO codes from daohoangson/dvhcvn and Census 2019 population from hgscarlette/vn-demographic; ' +
  'copied into data/real/communes-pre2025-gialai-daknong.geojson';
const SOURCE_2025 =
  'lamngockhuong/vietnam-3d-map @ dc6095c4 : public/wards/52.json + data/wards-metadata/24.json (Gia Lai), ' +
  'public/wards/68.json + data/wards-metadata/26.json (Lâm Đồng) ' +
  '(2025 reorganisation maps, simplified ~50 m); copied into data/real/communes-2025-gialai.geojson ' +
  'and data/real/communes-2025-lamdong.geojson';

/** The 2025 provinces of the bundled set: source file, GSO code, name and unit count. */
const PROVINCES_2025 = [
  { file: 'communes-2025-gialai.geojson', id: '52', name: 'Gia Lai', count: 135 },
  { file: 'communes-2025-lamdong.geojson', id: '68', name: 'Lâm Đồng', count: 124 },
] as const;

/** Urban units are wards (phường) and townships (thị trấn). */
function settingFromName(name: string): 'urban' | 'rural' {
  return name.startsWith('Phường') || name.startsWith('Thị trấn') ? 'urban' : 'rural';
}

/** A point guaranteed to lie on the polygon's surface, as [lon, lat] rounded to 5 decimals (≈ 1 m). */
function surfacePoint(geometry: Area): [number, number] {
  return roundPosition(turf.pointOnFeature(turf.feature(geometry)).geometry.coordinates, 5);
}

/** Census 2019 totals (people) keyed by GADM 4.1 ward id. */
function readCensusTotals(): Map<string, number> {
  const rows = readCsv(dataPath('real', 'census2019-communes-gialai-daknong.csv'));
  const totals = new Map<string, number>();
  for (const row of rows) {
    const total = Number(row.total);
    if (row.ward_id && row.total !== '' && Number.isFinite(total)) totals.set(row.ward_id, Math.round(total));
  }
  return totals;
}

/** Census population of a pre-2025 commune: pop2019, else the census CSV joined on the GADM id, else 0. */
function populationOf(p: RawPre2025Props, census: Map<string, number>): number {
  if (p.pop2019 !== null && Number.isFinite(p.pop2019)) return Math.round(p.pop2019);
  const fromCsv = p.gadm41_gid3 ? census.get(p.gadm41_gid3) : undefined;
  if (fromCsv !== undefined) return fromCsv;
  process.stderr.write(`warning: no population for ${p.commune} (${p.district}, ${p.province}); using 0\n`);
  return 0;
}

/**
 * GSO district code per source district id, taken from the communes that have one. The 4 communes
 * merged away before March 2025 lack GSO codes but still belong to a district that has one.
 */
function districtCodesBySourceId(features: Feature<Area, RawPre2025Props>[]): Map<number, string> {
  const codes = new Map<number, string>();
  for (const { properties: p } of features) {
    if (p.gso_district_code && !codes.has(p.src_district_id))
      codes.set(p.src_district_id, p.gso_district_code);
  }
  return codes;
}

/** Normalises the pre-2025 communes (Gia Lai + Đắk Nông). Geometry is unchanged. */
function normalisePre2025(): Feature<Area, CommuneProps>[] {
  const raw = readJson<LooseCollection<Area, RawPre2025Props>>(
    dataPath('real', 'communes-pre2025-gialai-daknong.geojson'),
  );
  const census = readCensusTotals();
  const districtCodes = districtCodesBySourceId(raw.features);
  return raw.features.map((f) => {
    const p = f.properties;
    const props: CommuneProps = {
      id: p.gso_code ?? `src-${p.src_commune_id}`,
      name: p.commune,
      district_id: p.gso_district_code ?? districtCodes.get(p.src_district_id) ?? `src-${p.src_district_id}`,
      district: p.district,
      province_id: p.province_gso,
      province: p.province,
      population: populationOf(p, census),
      setting: settingFromName(p.commune),
      center: surfacePoint(f.geometry),
      center_source: 'derived (point on surface)',
    };
    return { type: 'Feature', properties: props, geometry: f.geometry };
  });
}

/**
 * Normalises the 2025 communes/wards of one merged province. Names get their type prefix ("Xã …",
 * "Phường …"); the share of the unit in the old province (Gia Lai or Đắk Nông) is kept as given.
 */
function normalise2025(province: (typeof PROVINCES_2025)[number]): Feature<Area, CommuneProps>[] {
  const raw = readJson<LooseCollection<Area, Raw2025Props>>(dataPath('real', province.file));
  expectCount(province.file, raw.features.length, province.count);
  return raw.features.map((f) => {
    const p = f.properties;
    const official = p.admin_center_lonlat;
    const props: CommuneProps = {
      id: p.ma_xa,
      name: `${p.type} ${p.name}`,
      district_id: null,
      district: null,
      province_id: province.id,
      province: province.name,
      population: Math.round(p.population),
      setting: p.type === 'Phường' ? 'urban' : 'rural',
      center: official ? roundPosition(official, 5) : surfacePoint(f.geometry),
      center_source: official ? 'official admin centre' : 'derived (point on surface)',
      ...(p.share_in_former_gia_lai !== undefined
        ? { share_in_former_gia_lai: p.share_in_former_gia_lai }
        : {}),
      ...(p.share_in_former_dak_nong !== undefined
        ? { share_in_former_dak_nong: p.share_in_former_dak_nong }
        : {}),
      before_merger: p.before_merger,
    };
    return { type: 'Feature', properties: props, geometry: f.geometry };
  });
}

/** Dissolves polygons into one (Multi)Polygon with turf.union; coordinates rounded to 6 decimals. */
function dissolve(geometries: Area[]): Area {
  const [first] = geometries;
  if (!first) throw new Error('dissolve: no geometry');
  if (geometries.length === 1) return first;
  const merged = turf.union(turf.featureCollection(geometries.map((g) => turf.feature(g))));
  if (!merged) throw new Error('dissolve: empty union');
  const geometry = merged.geometry;
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: roundCoords(dropSliverHoles(geometry.coordinates), DISSOLVE_DIGITS) }
    : {
        type: 'MultiPolygon',
        coordinates: roundCoords(geometry.coordinates.map(dropSliverHoles), DISSOLVE_DIGITS),
      };
}

/** Keeps a polygon's outer ring and those holes whose geodesic area is at least SLIVER_HOLE_MAX_KM2. */
function dropSliverHoles(rings: Position[][]): Position[][] {
  const [outer, ...holes] = rings;
  if (!outer) return rings;
  const kept = holes.filter((h) => turf.area(turf.polygon([h])) / 1e6 >= SLIVER_HOLE_MAX_KM2);
  return [outer, ...kept];
}

/** A grouping rule: which unit a commune belongs to, and that unit's name and parent. */
interface GroupRule {
  key: (c: CommuneProps) => string;
  name: (c: CommuneProps) => string;
  parent: (c: CommuneProps) => string | null;
}

/** Groups communes by `rule.key` (in first-seen order) and dissolves each group into one feature. */
function aggregate(
  communes: Feature<Area, CommuneProps>[],
  rule: GroupRule,
): Feature<Area, AggregateProps>[] {
  const groups = new Map<string, Feature<Area, CommuneProps>[]>();
  for (const c of communes) {
    const k = rule.key(c.properties);
    const list = groups.get(k) ?? [];
    list.push(c);
    groups.set(k, list);
  }
  return [...groups.entries()].map(([id, members]) => {
    const first = members[0]!.properties;
    const props: AggregateProps = {
      id,
      name: rule.name(first),
      parent_id: rule.parent(first),
      population: members.reduce((s, m) => s + m.properties.population, 0),
      commune_count: members.length,
    };
    return { type: 'Feature', properties: props, geometry: dissolve(members.map((m) => m.geometry)) };
  });
}

/** Prints the population per province and warns when it differs from the census totals. */
function checkTotals(communes: Feature<Area, CommuneProps>[]): void {
  const totals = new Map<string, number>();
  for (const c of communes) {
    totals.set(c.properties.province, (totals.get(c.properties.province) ?? 0) + c.properties.population);
  }
  for (const [province, total] of totals) {
    const expected = EXPECTED_TOTALS[province];
    const verdict =
      expected === undefined ? '' : total === expected ? ' (matches census)' : ` (EXPECTED ${expected})`;
    console.log(`  ${province}: ${total.toLocaleString('en-US')} people${verdict}`);
    if (expected !== undefined && total !== expected) process.exitCode = 1;
  }
}

/** Warns (and fails) when a file does not have the expected number of features. */
function expectCount(label: string, actual: number, expected: number): void {
  if (actual === expected) return;
  process.stderr.write(`error: ${label} has ${actual} features, expected ${expected}\n`);
  process.exitCode = 1;
}

/** Folds a unit name for matching: no case, no diacritics, no spaces or punctuation ("Xã Adơk" = "Xã A Dơk"). */
function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A folded name without its unit type ("Thị trấn Quảng Khê" → "quangkhe"). */
function bareName(s: string): string {
  return foldName(s.replace(/^(Xã|Phường|Thị trấn)\s+/u, ''));
}

/** Levenshtein distance between two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** Splits a `before_merger` text at the commas outside parentheses, dropping the parentheses ("(huyện …)"). */
function beforeMergerNames(text: string): { name: string; hint: string }[] {
  const out: { name: string; hint: string }[] = [];
  let depth = 0;
  let part = '';
  for (const ch of `${text},`) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      const hint = /\(([^)]*)\)/.exec(part)?.[1] ?? '';
      const name = part.replace(/\([^)]*\)/g, '').trim();
      if (name) out.push({ name, hint });
      part = '';
    } else part += ch;
  }
  return out;
}

/** One old commune's successor by the two official sources. */
interface CompositionRow {
  old_id: string;
  old_name: string;
  new_id_before_merger: string;
  new_id_admin_list: string;
}

/**
 * The official composition of the 2025 units in terms of the pre-2025 communes, from the two public
 * sources: each 2025 unit's `before_merger` text (names matched, folded, to the pre-2025 communes
 * within 0.5° of the unit's centre; among several, the one whose district matches the "(huyện …)"
 * hint, else the one nearest the unit's centre; "Không sáp nhập" means the commune of the same name),
 * and the successor
 * codes of the admin-units list. Either may be empty when that source does not place the commune.
 */
function officialComposition(
  pre: Feature<Area, CommuneProps>[],
  now: Feature<Area, CommuneProps>[],
): CompositionRow[] {
  const fromText = new Map<string, string>();
  const listed = now.map(({ properties: u }) => {
    const text = u.before_merger ?? '';
    const names = /không sáp nhập/i.test(text) ? [{ name: u.name, hint: '' }] : beforeMergerNames(text);
    return { u, names: names.map((n) => ({ ...n, done: false })) };
  });
  const all = pre.map((f) => f.properties);
  // Three passes, each over every unit, so that a looser match never takes a commune a stricter one
  // would give to another unit: the folded name with its type, the name without its type (Thị trấn →
  // Xã), then spelling variants of the older source within one edit ("Đăk Roong" / "Đak Rong").
  const passes: ((c: CommuneProps, name: string) => boolean)[] = [
    (c, name) => foldName(c.name) === foldName(name),
    (c, name) => bareName(c.name) === bareName(name),
    (c, name) => editDistance(bareName(c.name), bareName(name)) <= 1,
  ];
  for (const matches of passes) {
    for (const { u, names } of listed) {
      const d = (c: CommuneProps) => (c.center[0] - u.center[0]) ** 2 + (c.center[1] - u.center[1]) ** 2;
      for (const entry of names) {
        if (entry.done) continue;
        // Same-name communes far away (over 0.5°, about 55 km) belong to another unit's merger.
        const candidates = all.filter((c) => d(c) < 0.25 && !fromText.has(c.id) && matches(c, entry.name));
        const folded = foldName(entry.hint).replace(/^(huyen|thanhpho|thixa)/, '');
        const hinted = entry.hint
          ? candidates.filter((c) => foldName(c.district ?? '').endsWith(folded))
          : [];
        const pool = hinted.length > 0 ? hinted : candidates;
        const exact = (c: CommuneProps) => (c.name.toLowerCase() === entry.name.toLowerCase() ? 0 : 1);
        const best = [...pool].sort((a, b) => exact(a) - exact(b) || d(a) - d(b))[0];
        if (!best) continue;
        fromText.set(best.id, u.id);
        entry.done = true;
      }
    }
  }
  const fromList = new Map<string, string>();
  for (const row of readCsv(dataPath('real', 'admin-units-pre2025-gialai-daknong.csv'))) {
    if (row.commune_gso && row.new_2025_codes) fromList.set(row.commune_gso, row.new_2025_codes);
  }
  return pre.map(({ properties: c }) => ({
    old_id: c.id,
    old_name: c.name,
    new_id_before_merger: fromText.get(c.id) ?? '',
    new_id_admin_list: fromList.get(c.id) ?? '',
  }));
}

/** A normalised commune as the core's Commune (what the crosswalk reads). */
function asCommune(f: Feature<Area, CommuneProps>): Commune {
  const p = f.properties;
  return {
    id: p.id,
    name: p.name,
    districtId: p.district_id,
    districtName: p.district,
    provinceId: p.province_id,
    provinceName: p.province,
    population: p.population,
    setting: p.setting,
    geometry: f.geometry,
    center: p.center,
  };
}

function main(): void {
  const pre = normalisePre2025();
  const now = PROVINCES_2025.flatMap(normalise2025);
  expectCount('communes-pre2025', pre.length, 293);
  const metaPre = { boundary_set: 'pre2025', source: SOURCE_PRE2025, population: 'Census 2019' };
  const meta2025 = {
    boundary_set: '2025',
    source: SOURCE_2025,
    population: '2025 reorganisation metadata (lamngockhuong/vietnam-3d-map)',
    provinces: 'Gia Lai (52), Lâm Đồng (68)',
  };

  writeFeatureCollection(dataPath('sample', 'communes-pre2025.geojson'), pre, metaPre);
  writeFeatureCollection(dataPath('sample', 'communes-2025.geojson'), now, meta2025);

  const districts = aggregate(pre, {
    key: (c) => c.district_id ?? '',
    name: (c) => c.district ?? '',
    parent: (c) => c.province_id,
  });
  const provinces = aggregate(pre, {
    key: (c) => c.province_id,
    name: (c) => c.province,
    parent: () => null,
  });
  const province2025 = aggregate(now, {
    key: (c) => c.province_id,
    name: (c) => c.province,
    parent: () => null,
  });
  const dissolvedNote = {
    derived: `dissolved from the communes with turf.union (scripts/build_data.ts); holes under ${SLIVER_HOLE_MAX_KM2} km² (sliver gaps between source communes) removed`,
  };
  writeFeatureCollection(dataPath('sample', 'districts-pre2025.geojson'), districts, {
    ...metaPre,
    level: 'district',
    ...dissolvedNote,
  });
  writeFeatureCollection(dataPath('sample', 'provinces-pre2025.geojson'), provinces, {
    ...metaPre,
    level: 'province',
    ...dissolvedNote,
  });
  writeFeatureCollection(dataPath('sample', 'provinces-2025.geojson'), province2025, {
    ...meta2025,
    level: 'province',
    ...dissolvedNote,
  });

  const composition = officialComposition(pre, now);
  const header: (keyof CompositionRow)[] = [
    'old_id',
    'old_name',
    'new_id_before_merger',
    'new_id_admin_list',
  ];
  writeCsv(
    dataPath('sample', 'composition-pre2025-2025.csv'),
    header,
    composition.map((r) => header.map((h) => r[h])),
  );
  const placed = composition.filter((r) => r.new_id_before_merger).length;
  const differ = composition.filter(
    (r) => r.new_id_before_merger && r.new_id_admin_list && r.new_id_before_merger !== r.new_id_admin_list,
  );
  console.log(
    `composition-pre2025-2025: ${placed} of ${composition.length} old communes placed by before_merger, ` +
      `${composition.filter((r) => r.new_id_admin_list).length} by the admin-units list; they differ on ${differ.length}: ` +
      differ
        .map((r) => `${r.old_id} ${r.old_name} (${r.new_id_before_merger} / ${r.new_id_admin_list})`)
        .join(', '),
  );

  const xw = buildCrosswalk(pre.map(asCommune), now.map(asCommune));
  writeFileSync(dataPath('sample', 'crosswalk-pre2025-2025.csv'), crosswalkCsv(xw), 'utf8');
  console.log(
    `crosswalk-pre2025-2025: ${xw.rows.length} pieces, ${xw.rows.filter((r) => r.sliver).length} slivers`,
  );

  const roads = readJson<LooseCollection>(
    dataPath('real', 'roads-national-provincial-gialai-daknong.geojson'),
  );
  writeFeatureCollection(dataPath('sample', 'roads.geojson'), roads.features, {
    source: 'CTU-SematX/LegoCity @ e37353d6 : opendata/giaothong/giaothong.geojson (CC BY-SA 4.0)',
    note: roads.source ?? '',
  });

  console.log(`communes-pre2025: ${pre.length}, communes-2025: ${now.length}`);
  console.log(`districts-pre2025: ${districts.length}, provinces-pre2025: ${provinces.length}`);
  console.log(`roads: ${roads.features.length}`);
  console.log('Census 2019 population (pre-2025 communes):');
  checkTotals(pre);
  for (const p of PROVINCES_2025) {
    const total = now
      .filter((c) => c.properties.province_id === p.id)
      .reduce((s, c) => s + c.properties.population, 0);
    console.log(`${p.name} 2025 (${p.count} units): ${total.toLocaleString('en-US')} people`);
  }
}

main();
