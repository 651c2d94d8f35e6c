/**
 * Generates the SYNTHETIC infrastructure sample in data/synthetic/ on top of the real boundaries,
 * population and roads in data/sample/ (run `npm run build-data` first).
 *
 *   npm run sample-data [-- --seed N]
 *
 * No public source has mobile sites, post offices, fiber or village points for these provinces, so
 * these files are made up. They are labelled synthetic in their names, in a top-level `metadata`
 * member and on every feature. Deterministic: the same seed gives byte-identical files.
 */
import type { Feature } from 'geojson';
import { type CsvCell, dataPath, writeCsv, writeFeatureCollection } from './lib/data_io.ts';
import { Rng } from './lib/prng.ts';
import { type FiberRoute, generateFiber, generateSpurs } from './synthetic/fiber.ts';
import { generatePostal, type PostalPoint } from './synthetic/postal.ts';
import { generateSites, OPERATORS, type Site } from './synthetic/sites.ts';
import { type GenUnit, loadRoadLines, loadUnits, UNIT_GROUPS } from './synthetic/units.ts';
import { generateVillages, type Village } from './synthetic/villages.ts';

/** Default seed of the published sample. */
const DEFAULT_SEED = 20261122;
const GENERATOR = 'scripts/sample_data.ts';

/** Reads `--seed N` (or `--seed=N`) from the command line. */
function parseSeed(argv: readonly string[]): number {
  const i = argv.findIndex((a) => a === '--seed' || a.startsWith('--seed='));
  if (i < 0) return DEFAULT_SEED;
  const arg = argv[i] ?? '';
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[i + 1] ?? '');
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`--seed needs an integer between 0 and 4294967295, got "${text}"`);
  }
  return seed;
}

/** The top-level metadata every synthetic file carries. */
function metadata(seed: number): Record<string, unknown> {
  return {
    synthetic: true,
    generator: GENERATOR,
    seed,
    warning: 'SYNTHETIC SAMPLE — not real infrastructure',
  };
}

function pointFeature(position: [number, number], properties: Record<string, unknown>): Feature {
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: position } };
}

/** GeoJSON properties of a site; optional members only when set. */
function siteProperties(s: Site): Record<string, unknown> {
  const props: Record<string, unknown> = {
    id: s.id,
    operator: s.operator,
    technologies: s.technologies,
    band: s.band,
    height_m: s.height_m,
  };
  if (s.azimuth_deg !== undefined) props.azimuth_deg = s.azimuth_deg;
  if (s.beamwidth_deg !== undefined) props.beamwidth_deg = s.beamwidth_deg;
  if (s.radius_m !== undefined) props.radius_m = s.radius_m;
  props.synthetic = true;
  return props;
}

function writeSites(seed: number, sites: readonly Site[]): void {
  const features = sites.map((s) => pointFeature(s.position, siteProperties(s)));
  writeFeatureCollection(dataPath('synthetic', 'sites.synthetic.geojson'), features, metadata(seed));
  const header = [
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
  ];
  const rows: CsvCell[][] = sites.map((s) => [
    s.id,
    s.position[0],
    s.position[1],
    s.technologies.join(';'),
    s.operator,
    s.radius_m,
    s.azimuth_deg,
    s.beamwidth_deg,
    s.band,
    s.height_m,
  ]);
  writeCsv(dataPath('synthetic', 'sites.synthetic.csv'), header, rows);
}

function writePostal(seed: number, points: readonly PostalPoint[]): void {
  const features = points.map((p) =>
    pointFeature(p.position, {
      id: p.id,
      type: p.type,
      name: p.name,
      commune_id: p.communeId,
      staffed: p.staffed,
      internet: p.internet,
      online_public_services: p.onlinePublicServices,
      synthetic: true,
    }),
  );
  writeFeatureCollection(dataPath('synthetic', 'postal.synthetic.geojson'), features, metadata(seed));
  const header = [
    'id',
    'lon',
    'lat',
    'type',
    'staffed',
    'internet',
    'online_public_services',
    'name',
    'commune_id',
  ];
  const rows: CsvCell[][] = points.map((p) => [
    p.id,
    p.position[0],
    p.position[1],
    p.type,
    String(p.staffed),
    String(p.internet),
    String(p.onlinePublicServices),
    p.name,
    p.communeId,
  ]);
  writeCsv(dataPath('synthetic', 'postal.synthetic.csv'), header, rows);
}

function writeFiber(seed: number, routes: readonly FiberRoute[]): void {
  const features: Feature[] = routes.map((r) => ({
    type: 'Feature',
    properties: {
      id: r.id,
      operator: r.operator,
      medium: r.medium,
      placement: r.placement,
      year: r.year,
      route: r.route,
      ...(r.route === 'trunk' ? { road: r.along } : { commune_id: r.along }),
      synthetic: true,
    },
    geometry: { type: 'LineString', coordinates: r.coordinates },
  }));
  writeFeatureCollection(dataPath('synthetic', 'fiber.synthetic.geojson'), features, metadata(seed));
}

function writeVillages(seed: number, villages: readonly Village[]): void {
  const features = villages.map((v) =>
    pointFeature(v.position, {
      id: v.id,
      name: v.name,
      commune_id: v.communeId,
      population: v.population,
      households: v.households,
      has_grid_power: v.hasGridPower,
      synthetic: true,
    }),
  );
  writeFeatureCollection(dataPath('synthetic', 'villages.synthetic.geojson'), features, metadata(seed));
  const header = ['id', 'name', 'commune_id', 'lon', 'lat', 'population', 'households', 'has_grid_power'];
  const rows: CsvCell[][] = villages.map((v) => [
    v.id,
    v.name,
    v.communeId,
    v.position[0],
    v.position[1],
    v.population,
    v.households,
    String(v.hasGridPower),
  ]);
  writeCsv(dataPath('synthetic', 'villages.synthetic.csv'), header, rows);
}

/** Counts items by a key, in first-seen order. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function formatCounts(counts: Map<string, number>): string {
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

/** Units (of each group) for which `has` is false, as "group n" text. */
function unitsLacking(units: readonly GenUnit[], has: (u: GenUnit) => boolean): string {
  const missing = units.filter((u) => !has(u));
  const perGroup = UNIT_GROUPS.map((g) => `${g} ${missing.filter((u) => u.group === g).length}`).join(', ');
  return `${missing.length} (${perGroup})`;
}

interface Generated {
  units: GenUnit[];
  villages: Village[];
  sites: Site[];
  postal: PostalPoint[];
  fiber: FiberRoute[];
}

/** Prints counts per file, group, operator and technology, and the gaps the sample leaves. */
function printSummary({ units, villages, sites, postal, fiber }: Generated): void {
  const groupOf = (unitIndex: number): string => units[unitIndex]?.group ?? '?';
  console.log(`Units: ${units.length} (${formatCounts(countBy(units, (u) => u.group))})`);
  console.log(`Sites: ${sites.length} (${formatCounts(countBy(sites, (s) => groupOf(s.unitIndex)))})`);
  console.log(`  per operator: ${formatCounts(countBy(sites, (s) => s.operator))}`);
  const perTech = ['2G', '3G', '4G', '5G'].map(
    (t) => `${t} ${sites.filter((s) => s.technologies.includes(t as Site['technologies'][number])).length}`,
  );
  console.log(`  per technology: ${perTech.join(', ')}`);
  const sectors = sites.filter((s) => s.azimuth_deg !== undefined).length;
  const small = sites.filter((s) => s.radius_m !== undefined).length;
  console.log(`  sectorised ${sectors}, with own radius (small cells) ${small}`);
  for (const op of OPERATORS) {
    const own = sites.filter((s) => s.operator === op.name);
    console.log(
      `  ${op.name}: ${own.length} sites, 5G ${own.filter((s) => s.technologies.includes('5G')).length}`,
    );
  }
  const siteUnits = new Set(sites.map((s) => s.unitIndex));
  const fiveG = new Set(sites.filter((s) => s.technologies.includes('5G')).map((s) => s.unitIndex));
  console.log(`  communes with no site: ${unitsLacking(units, (u) => siteUnits.has(u.index))}`);
  console.log(`  communes with no 5G site: ${unitsLacking(units, (u) => fiveG.has(u.index))}`);
  console.log(
    `  remote communes (0–1 site): ${units
      .filter((u) => u.remote)
      .map((u) => u.name)
      .join(', ')}`,
  );

  console.log(
    `Postal points: ${postal.length} (${formatCounts(countBy(postal, (p) => groupOf(p.unitIndex)))})`,
  );
  console.log(`  per type: ${formatCounts(countBy(postal, (p) => p.type))}`);
  const staffed = postal.filter((p) => p.staffed);
  const staffedUnits = new Set(staffed.map((p) => p.unitIndex));
  const culturalUnits = new Set(
    postal.filter((p) => p.type === 'cultural_post_point').map((p) => p.unitIndex),
  );
  console.log(
    `  staffed ${staffed.length}, with internet ${staffed.filter((p) => p.internet).length}, online public services ${postal.filter((p) => p.onlinePublicServices).length}`,
  );
  console.log(`  communes with no staffed point: ${unitsLacking(units, (u) => staffedUnits.has(u.index))}`);
  console.log(
    `  communes with no cultural post point: ${unitsLacking(units, (u) => culturalUnits.has(u.index))}`,
  );

  const spurs = fiber.filter((f) => f.route === 'spur');
  console.log(
    `Fiber routes: ${fiber.length} (trunks ${fiber.length - spurs.length}, spurs ${spurs.length}); per operator: ${formatCounts(countBy(fiber, (f) => f.operator))}; copper ${fiber.filter((f) => f.medium === 'copper').length}`,
  );
  console.log(`  communes with no spur: ${unitsLacking(units, (u) => spurs.some((s) => s.along === u.id))}`);

  console.log(
    `Villages: ${villages.length} (${formatCounts(countBy(villages, (v) => groupOf(v.unitIndex)))})`,
  );
  const powered = villages.filter((v) => v.hasGridPower).length;
  console.log(`  with grid power ${powered} (${((100 * powered) / villages.length).toFixed(1)}%)`);
  for (const g of UNIT_GROUPS) {
    const sum = villages.filter((v) => groupOf(v.unitIndex) === g).reduce((s, v) => s + v.population, 0);
    const census = units.filter((u) => u.group === g).reduce((s, u) => s + u.population, 0);
    console.log(
      `  ${g}: village population ${sum.toLocaleString('en-US')} (census ${census.toLocaleString('en-US')})`,
    );
  }
}

function main(): void {
  let seed: number;
  try {
    seed = parseSeed(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const units = loadUnits();
  const base = generatePart(seed, units, 'base');
  const ext = generatePart(seed, units, 'lamdong');
  const villages = [...base.villages, ...ext.villages];
  const sites = [...base.sites, ...renumberSites(ext.sites, base.sites)];
  const postal = [
    ...base.postal,
    ...ext.postal.map((p, i) => ({ ...p, id: `BC-${String(base.postal.length + i + 1).padStart(6, '0')}` })),
  ];
  const fiber = [...base.fiber, ...ext.fiber];

  writeSites(seed, sites);
  writePostal(seed, postal);
  writeFiber(seed, fiber);
  writeVillages(seed, villages);
  console.log(`SYNTHETIC sample written to data/synthetic/ (seed ${seed})`);
  printSummary({ units, villages, sites, postal, fiber });
}

/**
 * Generates one part of the sample. The base part (pre-2025 communes and the Bình Định part) uses the
 * streams it always used; the Lâm Đồng part has its own streams ("…:lamdong") and comes after it, so
 * adding it left every base file's first rows byte-identical. Unit indices come back global.
 */
function generatePart(
  seed: number,
  all: readonly GenUnit[],
  part: GenUnit['part'],
): Omit<Generated, 'units'> {
  const members = all.filter((u) => u.part === part);
  const offset = members[0]?.index ?? 0;
  const units = members.map((u, i) => ({ ...u, index: i }));
  const label = (name: string): string => (part === 'base' ? name : `${name}:${part}`);
  const villages = generateVillages(Rng.stream(seed, label('villages')), units);
  const villagesByUnit: Village[][] = units.map(() => []);
  for (const v of villages) villagesByUnit[v.unitIndex]?.push(v);
  const sites = generateSites(Rng.stream(seed, label('sites')), units, villagesByUnit);
  const postal = generatePostal(Rng.stream(seed, label('postal')), units, villagesByUnit);
  const fiber =
    part === 'base'
      ? generateFiber(Rng.stream(seed, 'fiber'), units, loadRoadLines())
      : generateSpurs(Rng.stream(seed, label('fiber')), units, FIRST_EXTENSION_FIBER_ID);
  const global = <T extends { unitIndex: number }>(items: T[]): T[] =>
    items.map((x) => ({ ...x, unitIndex: x.unitIndex + offset }));
  return { villages: global(villages), sites: global(sites), postal: global(postal), fiber };
}

/** Fiber ids of the Lâm Đồng part start here, well after the base part's (FO-000389). */
const FIRST_EXTENSION_FIBER_ID = 1001;

/** Site ids of a later part, continuing each operator's serial after the earlier sites. */
function renumberSites(later: readonly Site[], earlier: readonly Site[]): Site[] {
  const serial = new Map<string, number>();
  for (const s of earlier) {
    const [prefix = '', n = '0'] = s.id.split('-');
    serial.set(prefix, Math.max(serial.get(prefix) ?? 0, Number(n)));
  }
  return later.map((s) => {
    const [prefix = ''] = s.id.split('-');
    const next = (serial.get(prefix) ?? 0) + 1;
    serial.set(prefix, next);
    return { ...s, id: `${prefix}-${String(next).padStart(6, '0')}` };
  });
}

main();
