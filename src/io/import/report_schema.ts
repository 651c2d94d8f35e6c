/**
 * The schema of report.json (docs/report-schema.md) as a validator: every problem with its JSON path,
 * e.g. `units[3].coverage[0].population_pct: must be a number`. Used when a saved report.json is read
 * back (`vungphu report --from`, `--baseline`, and the app's baseline import), so that a tampered or
 * hand-edited file is refused with the field at fault instead of a TypeError later on.
 */
import { UserError } from '../../core/base/errors.ts';
import { showValue } from '../../core/base/show_value.ts';
import type { CoverageReport } from '../../core/report/report.ts';
import { parseJsonText } from '../formats/json_text.ts';

/** A schema check: pushes the problems of `v` (found at `path`) onto `out`. */
type Check = (v: unknown, path: string, out: string[]) => void;

/** Most problems listed in a message (the count of the rest is given). */
const MAX_LISTED = 20;

const got = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : showValue(v, 60);

const str: Check = (v, p, out) => {
  if (typeof v !== 'string') out.push(`${p}: must be a text (got ${got(v)})`);
};
const bool: Check = (v, p, out) => {
  if (typeof v !== 'boolean') out.push(`${p}: must be true or false (got ${got(v)})`);
};
/** A finite number, optionally within [lo, hi]. */
const num =
  (lo = -Infinity, hi = Infinity): Check =>
  (v, p, out) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) out.push(`${p}: must be a number (got ${got(v)})`);
    else if (v < lo || v > hi)
      out.push(
        `${p}: must be ${hi === Infinity ? `at least ${lo}` : `between ${lo} and ${hi}`} (got ${showValue(v)})`,
      );
  };
const anyNum = num();
const count = num(0);
const pct = num(0, 100);
const oneOf =
  (...values: string[]): Check =>
  (v, p, out) => {
    if (typeof v !== 'string' || !values.includes(v))
      out.push(`${p}: must be one of ${values.join(', ')} (got ${got(v)})`);
  };
const nullable =
  (c: Check): Check =>
  (v, p, out) => {
    if (v !== null) c(v, p, out);
  };
const list =
  (item: Check): Check =>
  (v, p, out) => {
    if (!Array.isArray(v)) {
      out.push(`${p}: must be a list (got ${got(v)})`);
      return;
    }
    for (let i = 0; i < v.length && out.length <= MAX_LISTED * 50; i++) item(v[i], `${p}[${i}]`, out);
  };
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** An object with these required fields (and optional ones, checked when present); others are allowed. */
const obj =
  (required: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (v, p, out) => {
    if (!isObject(v)) {
      out.push(`${p}: must be an object (got ${got(v)})`);
      return;
    }
    for (const [k, c] of Object.entries(required)) {
      if (!Object.hasOwn(v, k)) out.push(`${p}.${k}: is missing`);
      else c(v[k], `${p}.${k}`, out);
    }
    for (const [k, c] of Object.entries(optional)) if (Object.hasOwn(v, k)) c(v[k], `${p}.${k}`, out);
  };
/** An object whose every value passes `c` (a map keyed by id). */
const record =
  (c: Check): Check =>
  (v, p, out) => {
    if (!isObject(v)) {
      out.push(`${p}: must be an object (got ${got(v)})`);
      return;
    }
    for (const [k, x] of Object.entries(v)) c(x, `${p}.${k}`, out);
  };
const anything: Check = () => {};

const TECH_KEYS = ['2G', '3G', '4G', '5G', 'any'];

const coverage = obj(
  {
    technology: oneOf(...TECH_KEYS),
    operator: str,
    area_pct: pct,
    population_pct: pct,
    covered_population: count,
  },
  { populated_area_pct: nullable(pct) },
);
const gap = obj({ technology: str, area_km2: count, population: count }, { operator: str });
const tierStandard = obj(
  {},
  {
    categories: list(str),
    points: count,
    avg_service_radius_km: nullable(count),
    population_per_point: nullable(count),
    max_radius_km: count,
    max_population_per_point: count,
    meets_radius: nullable(bool),
    meets_population: nullable(bool),
  },
);
const postal = obj(
  {
    counting_rule: list(str),
    points: count,
    staffed_points: count,
    area_km2: count,
  },
  {
    points_by_type: record(count),
    points_with_internet: count,
    staffed_points_with_internet: count,
    points_with_online_public_services: count,
    staffed_with_internet_pct: nullable(pct),
    online_services_pct: nullable(pct),
    avg_service_radius_km: nullable(count),
    population_per_point: nullable(count),
    points_needed_3km: count,
    beyond_distance_area_pct: pct,
    beyond_distance_population_pct: pct,
    beyond_distance_population: count,
    communes: count,
    communes_with_staffed_point: count,
    communes_with_cultural_point: count,
    tier_standards: nullable(obj({ agents_and_cultural: tierStandard, post_offices: tierStandard })),
  },
);
const fiber = obj(
  { reach_m: count, route_km: count },
  {
    centre_within_reach: nullable(bool),
    communes: count,
    communes_with_centre: count,
    communes_centre_within_reach: count,
    population_within_reach_pct: pct,
    population_within_reach: count,
    area_within_reach_pct: pct,
    villages: count,
    villages_within_reach: count,
    villages_within_reach_pct: nullable(pct),
  },
);
const villages = obj(
  { villages: count, covered: list(anything) },
  {
    grid_powered: count,
    population: count,
    dead_zone_villages: count,
    dead_zone_population: count,
    commune_centres: count,
    commune_centres_covered: count,
  },
);
const villagesStrict: Check = (v, p, out) => {
  villages(v, p, out);
  if (isObject(v) && Array.isArray(v.covered))
    list(
      obj(
        { technology: oneOf(...TECH_KEYS) },
        {
          villages_covered: count,
          villages_covered_pct: nullable(pct),
          grid_powered_covered: count,
          grid_powered_covered_pct: nullable(pct),
        },
      ),
    )(v.covered, `${p}.covered`, out);
};
const nullNum = nullable(count);
const date = nullable(str);
const measuredGroup = obj(
  { technology: oneOf(...TECH_KEYS), operator: str, tests: count },
  {
    records: count,
    download_mean_mbps: nullNum,
    download_median_mbps: nullNum,
    upload_mean_mbps: nullNum,
    upload_median_mbps: nullNum,
    latency_mean_ms: nullNum,
    latency_median_ms: nullNum,
    threshold_mbps: nullNum,
    tests_at_or_above: nullNum,
    tests_at_or_above_pct: nullable(pct),
    shares: list(
      obj({ threshold_mbps: count, tests_at_or_above: count }, { tests_at_or_above_pct: nullable(pct) }),
    ),
    date_from: date,
    date_to: date,
  },
);
const agreementRow = obj(
  { operator: str, tests: count, agreeing: count },
  { agreement_pct: nullable(pct), poor_inside: count, good_outside: count },
);
const measured = obj(
  { tests: count, groups: list(measuredGroup) },
  { date_from: date, date_to: date, agreement: list(agreementRow) },
);
const unit = obj(
  {
    id: str,
    name: str,
    level: oneOf('commune', 'district', 'province'),
    parent_id: nullable(str),
    area_km2: count,
    population: count,
    coverage: list(coverage),
    gaps: list(gap),
  },
  {
    postal: nullable(postal),
    fiber: nullable(fiber),
    villages: villagesStrict,
    measured: nullable(measured),
    populated_area_km2: nullable(count),
    populated_area_method: nullable(oneOf('settlements', 'raster', 'villages', 'mixed')),
  },
);
const target = obj(
  {
    target_id: str,
    unit_id: str,
    level: oneOf('commune', 'district', 'province'),
    value: nullable(anyNum),
    target_value: anyNum,
    status: oneOf('met', 'not_met', 'not_evaluable'),
    gap: nullable(anyNum),
  },
  {
    unit_name: str,
    comparator: str,
    gap_count: anyNum,
    gap_text_vi: str,
    gap_text_en: str,
    territory_id: str,
    territory_name: str,
  },
);
const idName = obj({ id: str, name: str, parent_id: nullable(str) });
const report = obj(
  {
    inputs: obj(
      { boundaries: str, sites: str, targets: list(str) },
      {
        population: nullable(str),
        postal: nullable(str),
        fiber: nullable(str),
        villages: nullable(str),
        speedtests: nullable(str),
        settlements: nullable(str),
        baseline: nullable(str),
        config: nullable(str),
        synthetic: bool,
      },
    ),
    method: obj(
      {
        coverage: str,
        area: str,
        population_surface: str,
        population_method_by_commune: record(str),
        footprint_radii_m: record(obj({}, { rural: count, urban: count })),
        footprint_precedence: str,
        scanlines_per_commune: count,
        gap_technologies: list(str),
        modelled: str,
      },
      {
        postal_counting_rule: list(str),
        postal_radius_formula: str,
        postal_distance_km: count,
        fiber_reach_m: count,
        villages: str,
        measured: str,
        footprints: obj({ kind: oneOf('terrain', 'circles'), vi: str, en: str }, { terrain: anything }),
        cell_counting: obj(
          {
            as_of: nullable(count),
            rule: str,
            on_air_cells: count,
            planned_counted: count,
            planned_left_out: count,
            planned_without_year: count,
            sites_left_out: count,
          },
          {},
        ),
      },
    ),
    operators: list(str),
    technologies: list(str),
    units: list(unit),
    targets: list(target),
  },
  {
    generated_at: str,
    measured: nullable(
      obj(
        { tests: count },
        { records: count, tests_outside: count, date_from: date, date_to: date, operators: list(str) },
      ),
    ),
    calibration: nullable(
      obj(
        {
          applied: bool,
          fits: list(obj({ operator: str, technology: oneOf(...TECH_KEYS), tests: count, scale: count })),
        },
        {},
      ),
    ),
    offset_calibration: obj(
      {
        applied: bool,
        fits: list(
          obj({
            operator: str,
            technology: oneOf(...TECH_KEYS),
            tests: count,
            offset_db: anyNum,
            agreement_before_pct: pct,
            agreement_after_pct: pct,
          }),
        ),
      },
      {},
    ),
    dead_zone_villages: list(
      obj(
        { village_id: str, commune_id: str, population: count },
        {
          name: nullable(str),
          commune_name: str,
          has_grid_power: nullable(bool),
          nearest_4g_site_km: nullable(count),
          // Added in issue 15: absent in older reports.
          nearest_4g_site_id: nullable(str),
          nearest_4g_bearing_deg: nullable(num(0, 360)),
        },
      ),
    ),
    new_dead_zone_villages: nullable(list(obj({ village_id: str, commune_id: str, population: count }))),
    communes_without_staffed_postal_point: list(idName),
    communes_without_cultural_post_point: list(idName),
    villages_out_of_fiber_reach: list(
      obj(
        { commune_id: str, village_id: str, population: count },
        { commune_name: str, name: nullable(str) },
      ),
    ),
  },
);

/** Every problem of a parsed report.json, each as "json.path: what is wrong" (none when it is valid). */
export function reportProblems(value: unknown): string[] {
  const out: string[] = [];
  if (!isObject(value)) return [`(top level): must be an object (got ${got(value)})`];
  report(value, '', out);
  return out.map((m) => m.replace(/^\./, ''));
}

/**
 * Reads a saved report.json from its text: a UserError naming the file and every field at fault
 * (the first 20 listed, with the count of the rest) when it is not JSON or not a valid report.
 */
export function readReportJson(text: string, name: string): CoverageReport {
  const value = parseJsonText(text, name);
  // Another kind of JSON altogether (a target file, a GeoJSON): say so rather than list every field.
  if (!isObject(value) || !['units', 'method'].some((k) => Object.hasOwn(value, k)))
    throw new UserError(`${name}: not a Vùng Phủ report.json (no units or method).`);
  const problems = reportProblems(value);
  if (problems.length) {
    const listed = problems.slice(0, MAX_LISTED);
    const more = problems.length - listed.length;
    throw new UserError(
      `${name}: not a valid Vùng Phủ report.json (${problems.length} problem(s)): ${listed.join('; ')}` +
        `${more > 0 ? `; and ${more} more` : ''}. Use a report.json written by 'vungphu analyze', unedited.`,
    );
  }
  return value as unknown as CoverageReport;
}
