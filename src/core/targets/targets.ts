/**
 * Plan targets as data: what a provincial plan promises (5G for 99% of people, a postal radius of at
 * most 3 km…), with the comparator, year, scope and the line of the plan that states it.
 * Plain data and lookups only: no DOM, no Node built-ins.
 */

/** How a target compares: "đạt X%" → ≥, "trên X%" → >, "tối đa"/"không quá" → ≤. */
export type Comparator = '≥' | '>' | '≤';
export const COMPARATORS: readonly Comparator[] = ['≥', '>', '≤'];

/** The unit a target value is written in. */
export type TargetUnit = '%' | 'km' | 'people' | 'count' | 'Mb/s';

/** Which infrastructure a target is about. */
export type TargetNetwork = 'mobile' | 'postal' | 'fiber';

/** The administrative levels a target can be evaluated at. */
export type TargetLevel = 'commune' | 'district' | 'province';
export const TARGET_LEVELS: readonly TargetLevel[] = ['commune', 'district', 'province'];

/** The set of things a target counts over (the plans' "100% thôn đã có điện lưới", "đô thị"…). */
export const TARGET_SCOPES = [
  'province',
  'commune',
  'urban_communes',
  'grid_powered_villages',
  'villages',
  'commune_centres',
  'staffed_postal_points',
  'postal_points',
  'urban_or_centre_communes',
  'key_roads',
  'households',
] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];

/** Technologies a mobile target can name; "any" is the union of all. */
export const TARGET_TECHNOLOGIES = ['2G', '3G', '4G', '5G', 'any'] as const;

/**
 * How the gap to a target is phrased:
 * - `percent`: percentage points, plus a count when the lookup gives numerator/denominator;
 * - `radius`: km, phrased as the number of extra points needed, ⌈S/(π·R*²)⌉ − N;
 * - `per_point`: people per point, phrased as extra points needed, ⌈P/P*⌉ − N;
 * - `count`: a plain count (new dead-zone villages);
 * - `speed`: Mb/s short.
 */
export type MetricKind = 'percent' | 'radius' | 'per_point' | 'count' | 'speed';

/** What one metric is, and how to talk about its gap in Vietnamese and English. */
export interface MetricInfo {
  unit: TargetUnit;
  network: TargetNetwork;
  kind: MetricKind;
  /** Whether a target on this metric must name a technology (2G/3G/4G/5G/any). */
  needsTechnology: boolean;
  description: string;
  /** For `percent` with counts: the counted thing and what it lacks, e.g. "thôn có điện lưới" + "chưa có 4G". */
  counted?: { vi: string; en: string; lacking_vi: string; lacking_en: string };
  /** For `radius`/`per_point`: the kind of point to add, e.g. "điểm phục vụ bưu chính". */
  point?: { vi: string; en: string };
  /** Why the tool usually cannot evaluate it (shown when the lookup has no value). */
  missing: { vi: string; en: string };
}

const NO_SITES = { vi: 'không có dữ liệu trạm di động', en: 'no mobile site data' };
const NO_POSTAL = { vi: 'không có dữ liệu điểm phục vụ bưu chính', en: 'no postal point data' };
const NO_VILLAGES = { vi: 'không có dữ liệu thôn, làng', en: 'no village data' };
const NO_FIBER = { vi: 'không có dữ liệu tuyến cáp quang', en: 'no fiber route data' };
const POSTAL_POINT = { vi: 'điểm phục vụ bưu chính', en: 'postal points' };

/** Every metric a target can name, with its unit and a short description. */
export const KNOWN_METRICS = {
  'mobile.population_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description: 'Share of the population inside the coverage footprint of a technology, any operator (%).',
    counted: { vi: 'người', en: 'people', lacking_vi: 'chưa được phủ sóng', lacking_en: 'not yet covered' },
    missing: NO_SITES,
  },
  'mobile.area_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description: 'Share of the area inside the coverage footprint of a technology, any operator (%).',
    missing: NO_SITES,
  },
  'mobile.populated_area_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description:
      'Share of the populated area (khu vực có dân cư: settlements, raster cells with people or village discs) inside the coverage footprint of a technology, any operator (%).',
    missing: {
      vi: 'không có dữ liệu khu vực có dân cư (khu dân cư, raster dân số hoặc thôn, làng)',
      en: 'no populated-area data (settlements, a population raster or villages)',
    },
  },
  'mobile.commune_centres_covered_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description: 'Share of commune centres with a mobile signal (%).',
    counted: {
      vi: 'trung tâm xã',
      en: 'commune centres',
      lacking_vi: 'chưa có sóng di động',
      lacking_en: 'without a mobile signal',
    },
    missing: { vi: 'không có toạ độ trung tâm xã', en: 'no commune centre locations' },
  },
  'mobile.key_roads_5g_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description: 'Share of key roads, tourist areas and scenic spots with a 5G signal (%).',
    missing: {
      vi: 'chưa có danh mục tuyến đường trọng điểm, khu du lịch',
      en: 'key roads and tourist sites are not defined yet',
    },
  },
  'villages.grid_powered_with_4g_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description: 'Share of villages with national-grid power that have a 4G signal (%).',
    counted: {
      vi: 'thôn có điện lưới',
      en: 'grid-powered villages',
      lacking_vi: 'chưa có 4G',
      lacking_en: 'still without 4G',
    },
    missing: NO_VILLAGES,
  },
  'villages.with_mobile_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description: 'Share of villages with a mobile signal of the given technology (%).',
    counted: {
      vi: 'thôn',
      en: 'villages',
      lacking_vi: 'chưa có sóng di động',
      lacking_en: 'still without a mobile signal',
    },
    missing: NO_VILLAGES,
  },
  'villages.new_dead_zones': {
    unit: 'count',
    network: 'mobile',
    kind: 'count',
    needsTechnology: false,
    description: 'Villages that lost mobile broadband since the previous period (count; needs a baseline).',
    counted: {
      vi: 'thôn',
      en: 'villages',
      lacking_vi: 'mới bị lõm sóng',
      lacking_en: 'newly in a dead zone',
    },
    missing: { vi: 'cần dữ liệu kỳ trước để so sánh', en: 'needs a baseline from the previous period' },
  },
  'postal.avg_service_radius_km': {
    unit: 'km',
    network: 'postal',
    kind: 'radius',
    needsTechnology: false,
    description: 'Average service radius R̄ = √(S / (π·N)) of the counted postal points (km).',
    point: POSTAL_POINT,
    missing: NO_POSTAL,
  },
  'postal.communes_with_staffed_point_pct': {
    unit: '%',
    network: 'postal',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of communes with at least one staffed postal service point (%).',
    counted: {
      vi: 'xã',
      en: 'communes',
      lacking_vi: 'chưa có điểm phục vụ bưu chính có người phục vụ',
      lacking_en: 'without a staffed postal point',
    },
    missing: NO_POSTAL,
  },
  'postal.staffed_points_with_internet_pct': {
    unit: '%',
    network: 'postal',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of staffed postal points connected to the Internet (%).',
    counted: {
      vi: 'điểm có người phục vụ',
      en: 'staffed points',
      lacking_vi: 'chưa kết nối Internet',
      lacking_en: 'without Internet',
    },
    missing: NO_POSTAL,
  },
  'postal.points_with_online_services_pct': {
    unit: '%',
    network: 'postal',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of postal points able to help citizens with online public services (%).',
    counted: {
      vi: 'điểm phục vụ',
      en: 'postal points',
      lacking_vi: 'chưa hỗ trợ dịch vụ công trực tuyến',
      lacking_en: 'not yet helping with online public services',
    },
    missing: NO_POSTAL,
  },
  'postal.communes_with_cultural_point_pct': {
    unit: '%',
    network: 'postal',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of communes with a commune cultural post point (điểm BĐVHX) (%).',
    counted: {
      vi: 'xã',
      en: 'communes',
      lacking_vi: 'chưa có điểm bưu điện văn hóa xã',
      lacking_en: 'without a cultural post point',
    },
    missing: NO_POSTAL,
  },
  'postal.tier_agents_radius_km': {
    unit: 'km',
    network: 'postal',
    kind: 'radius',
    needsTechnology: false,
    description: 'Average service radius of agents, kiosks and cultural post points (km).',
    point: { vi: 'đại lý, ki ốt hoặc điểm BĐVHX', en: 'agents, kiosks or cultural post points' },
    missing: NO_POSTAL,
  },
  'postal.tier_agents_population_per_point': {
    unit: 'people',
    network: 'postal',
    kind: 'per_point',
    needsTechnology: false,
    description: 'People per agent, kiosk or cultural post point (people).',
    point: { vi: 'đại lý, ki ốt hoặc điểm BĐVHX', en: 'agents, kiosks or cultural post points' },
    missing: NO_POSTAL,
  },
  'postal.tier_post_offices_radius_km': {
    unit: 'km',
    network: 'postal',
    kind: 'radius',
    needsTechnology: false,
    description: 'Average service radius of post offices (bưu cục) (km).',
    point: { vi: 'bưu cục', en: 'post offices' },
    missing: NO_POSTAL,
  },
  'postal.tier_post_offices_population_per_point': {
    unit: 'people',
    network: 'postal',
    kind: 'per_point',
    needsTechnology: false,
    description: 'People per post office (bưu cục) (people).',
    point: { vi: 'bưu cục', en: 'post offices' },
    missing: NO_POSTAL,
  },
  'fiber.population_within_reach_pct': {
    unit: '%',
    network: 'fiber',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of the population within reach of a fiber route (households ≈ population) (%).',
    counted: {
      vi: 'người',
      en: 'people',
      lacking_vi: 'ngoài vùng cáp quang',
      lacking_en: 'beyond fiber reach',
    },
    missing: NO_FIBER,
  },
  'fiber.commune_centres_within_reach_pct': {
    unit: '%',
    network: 'fiber',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of commune centres within reach of a fiber route (%).',
    counted: {
      vi: 'trung tâm xã',
      en: 'commune centres',
      lacking_vi: 'chưa có cáp quang',
      lacking_en: 'without fiber',
    },
    missing: NO_FIBER,
  },
  'fiber.villages_within_reach_pct': {
    unit: '%',
    network: 'fiber',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of villages within reach of a fiber route (%).',
    counted: { vi: 'thôn', en: 'villages', lacking_vi: 'chưa có cáp quang', lacking_en: 'without fiber' },
    missing: NO_FIBER,
  },
  'fiber.households_subscribed_pct': {
    unit: '%',
    network: 'fiber',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of households with a fiber broadband subscription (%).',
    counted: {
      vi: 'hộ gia đình',
      en: 'households',
      lacking_vi: 'chưa có cáp quang',
      lacking_en: 'without fiber',
    },
    missing: {
      vi: 'không có dữ liệu thuê bao cáp quang hộ gia đình',
      en: 'no household fiber subscription data',
    },
  },
  'fiber.households_1gbps_pct': {
    unit: '%',
    network: 'fiber',
    kind: 'percent',
    needsTechnology: false,
    description: 'Share of households with fixed Internet access at 1 Gb/s (%).',
    counted: {
      vi: 'hộ gia đình',
      en: 'households',
      lacking_vi: 'chưa có Internet cố định 1 Gb/s',
      lacking_en: 'without 1 Gb/s fixed Internet',
    },
    missing: { vi: 'không có dữ liệu thuê bao 1 Gb/s', en: 'no data on 1 Gb/s household access' },
  },
  'speed.download_mbps': {
    unit: 'Mb/s',
    network: 'mobile',
    kind: 'speed',
    needsTechnology: true,
    description: 'Average mobile download speed from speed tests (i-Speed), mean over tests (Mb/s).',
    missing: { vi: 'không có dữ liệu đo tốc độ', en: 'no speed-test data' },
  },
  'speed.tests_meeting_pct': {
    unit: '%',
    network: 'mobile',
    kind: 'percent',
    needsTechnology: true,
    description:
      'Share of speed tests whose download is at or above the target’s threshold_mbps (%); the plans’ “tối thiểu 95% truy nhập có tốc độ tải xuống đạt yêu cầu”.',
    counted: {
      vi: 'lần đo',
      en: 'tests',
      lacking_vi: 'dưới ngưỡng tốc độ',
      lacking_en: 'below the speed threshold',
    },
    missing: { vi: 'không có dữ liệu đo tốc độ', en: 'no speed-test data' },
  },
} as const satisfies Record<string, MetricInfo>;

/** A metric id the analysis produces per unit, e.g. `mobile.population_pct`. */
export type MetricId = keyof typeof KNOWN_METRICS;

/** All metric ids, in declaration order. */
export const METRIC_IDS = Object.keys(KNOWN_METRICS) as MetricId[];

/** The metric's description record; `undefined` for an unknown id. */
export function metricInfo(id: string): MetricInfo | undefined {
  return Object.hasOwn(KNOWN_METRICS, id) ? (KNOWN_METRICS as Record<string, MetricInfo>)[id] : undefined;
}

/** Where a plan states a target: the seed/document, the line with the value, and a short quote. */
export interface TargetSource {
  document: string;
  /** 1-based line of the document where the value is stated. */
  line: number;
  /** When the quoted sentence wraps over several lines: its first and last line. */
  span?: [number, number];
  quote: string;
}

/** One quantitative plan target, e.g. "5G for ≥ 99% of people by 2030" (Gia Lai, 000:128). */
export interface Target {
  /** Unique within a file, e.g. "GL-M1", "DN-P5-radius". */
  id: string;
  /** Short Vietnamese label. */
  indicator: string;
  indicator_en: string;
  network: TargetNetwork;
  /** 2G/3G/4G/5G/any for mobile metrics; null otherwise. */
  technology: string | null;
  metric: MetricId;
  comparator: Comparator;
  /** In the metric's unit (% 0–100, km, people, count, Mb/s). */
  value: number;
  unit: TargetUnit;
  /** The target's horizon; null when the plan states none. */
  year: number | null;
  scope: TargetScope;
  levels: TargetLevel[];
  source: TargetSource;
  note?: string;
  /**
   * The boundaries the plan was written for: a plan's scope is its province as it was then. On the
   * 2025 set, a `pre2025` target of a merged province is evaluated over the 2025 units that cover the
   * old province (its "former area", see `unitGroups`). Absent: the province of that name in the set.
   */
  boundary_set?: 'pre2025' | '2025';
  /** For `speed.tests_meeting_pct`: the download a test must reach to count as meeting (Mb/s). */
  threshold_mbps?: number;
}
