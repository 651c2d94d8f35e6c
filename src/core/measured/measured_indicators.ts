/**
 * Measured indicators: what the speed tests in a commune, district or province say, per technology
 * and operator. Every mean is over tests (a tile's means are weighted by its test count), and so are
 * the medians and the share of tests at or above a threshold.
 */
import { DEFAULT_SPEED_THRESHOLDS_MBPS, type SpeedTest, type SpeedThresholds } from '../base/speed_tests.ts';
import { type Commune, TECHNOLOGIES, type TechnologyKey } from '../base/types.ts';
import { unitGroups } from '../base/unit_groups.ts';
import type { CommuneLocator } from '../geometry/commune_locator.ts';
import type { AgreementRow } from './model_agreement.ts';

/** The measured figures of one technology × operator in one unit. */
export interface MeasuredGroup {
  /** 2G…5G, or `any`: every test, including those that do not name a technology. */
  technology: TechnologyKey;
  /** An operator, or `all`: every test, including those that do not name one. */
  operator: string;
  /** Tests (a tile counts with its test count). */
  tests: number;
  /** Records read: points plus tiles. */
  records: number;
  download_mean_mbps: number | null;
  download_median_mbps: number | null;
  /** Over the tests that measured upload (null when none did). */
  upload_mean_mbps: number | null;
  upload_median_mbps: number | null;
  /** Over the tests that measured latency (null when none did). */
  latency_mean_ms: number | null;
  latency_median_ms: number | null;
  /** The download the share is counted against (Mb/s); null when the technology has none. */
  threshold_mbps: number | null;
  /** Tests with download ≥ the threshold (a tile counts whole, by its mean). */
  tests_at_or_above: number | null;
  /** tests_at_or_above ÷ tests × 100. */
  tests_at_or_above_pct: number | null;
  /** The same share at the other thresholds the targets name for this technology (DN-S1: 220 Mb/s). */
  shares: { threshold_mbps: number; tests_at_or_above: number; tests_at_or_above_pct: number | null }[];
  /** First and last test day (ISO), over the tests with a date; null when none has one. */
  date_from: string | null;
  date_to: string | null;
}

/** The measured block of a unit: every group with tests, `any`/`all` first (present even when empty). */
export interface MeasuredBlock {
  tests: number;
  date_from: string | null;
  date_to: string | null;
  groups: MeasuredGroup[];
  /** Model against measurement per operator (`all` first), when the analysis had sites. */
  agreement?: AgreementRow[];
}

export type { SpeedThresholds };

/** Further thresholds (Mb/s) per technology at which the share of tests is counted too. */
export type ExtraThresholds = Readonly<Partial<Record<TechnologyKey, readonly number[]>>>;

export interface MeasuredResult {
  /** One block per report unit: the communes, then the districts and provinces of `unitGroups`. */
  units: MeasuredBlock[];
  /** The commune index of each test (−1: outside every commune). */
  communeOf: Int32Array;
  /** Tests (by count) outside every commune, left out. */
  testsOutside: number;
  /** The operators named by the tests, sorted. */
  operators: string[];
}

const KEYS: readonly TechnologyKey[] = ['any', ...TECHNOLOGIES];

/**
 * The measured indicators of every commune, district and province: each test is placed in the commune
 * its position (a tile: its centre) falls in, and counted once at every level above it.
 */
export function measuredIndicators(
  communes: readonly Commune[],
  locator: CommuneLocator,
  tests: readonly SpeedTest[],
  thresholds: SpeedThresholds = DEFAULT_SPEED_THRESHOLDS_MBPS,
  extra: ExtraThresholds = {},
): MeasuredResult {
  const communeOf = new Int32Array(tests.length);
  const byCommune = communes.map(() => [] as number[]);
  let testsOutside = 0;
  const ops = new Set<string>();
  tests.forEach((t, k) => {
    const i = locator.locate(t.lon, t.lat);
    communeOf[k] = i;
    if (i < 0) {
      testsOutside += t.tests;
      return;
    }
    byCommune[i]!.push(k);
    if (t.operator !== null) ops.add(t.operator);
  });
  const operators = [...ops].sort();
  const units = byCommune.map((idx) => measuredBlock(tests, idx, operators, thresholds, extra));
  for (const g of unitGroups(communes))
    units.push(
      measuredBlock(
        tests,
        g.members.flatMap((i) => byCommune[i]!),
        operators,
        thresholds,
        extra,
      ),
    );
  return { units, communeOf, testsOutside, operators };
}

/** The measured block of the tests `indices`: one group per technology × operator that has tests. */
export function measuredBlock(
  tests: readonly SpeedTest[],
  indices: readonly number[],
  operators: readonly string[],
  thresholds: SpeedThresholds = DEFAULT_SPEED_THRESHOLDS_MBPS,
  extra: ExtraThresholds = {},
): MeasuredBlock {
  // One pass: the tests of each technology, of each operator, and of each technology × operator.
  const opIndex = new Map(operators.map((o, i) => [o, i]));
  const byTech = TECHNOLOGIES.map(() => [] as number[]);
  const byOp = operators.map(() => [] as number[]);
  const byTechOp = TECHNOLOGIES.map(() => operators.map(() => [] as number[]));
  for (const k of indices) {
    const t = tests[k]!;
    const ti = t.technology === null ? -1 : TECHNOLOGIES.indexOf(t.technology);
    const oi = t.operator === null ? undefined : opIndex.get(t.operator);
    if (ti >= 0) byTech[ti]!.push(k);
    if (oi !== undefined) byOp[oi]!.push(k);
    if (ti >= 0 && oi !== undefined) byTechOp[ti]![oi]!.push(k);
  }
  const groups: MeasuredGroup[] = [];
  for (const technology of KEYS) {
    const ti = technology === 'any' ? -1 : TECHNOLOGIES.indexOf(technology);
    const ofTech = ti < 0 ? indices : byTech[ti]!;
    for (const operator of ['all', ...operators]) {
      const oi = operator === 'all' ? -1 : opIndex.get(operator)!;
      const sel = oi < 0 ? ofTech : ti < 0 ? byOp[oi]! : byTechOp[ti]![oi]!;
      if (sel.length === 0 && !(technology === 'any' && operator === 'all')) continue;
      groups.push(
        measuredGroup(tests, sel, technology, operator, thresholds[technology], extra[technology] ?? []),
      );
    }
  }
  const all = groups[0]!;
  return { tests: all.tests, date_from: all.date_from, date_to: all.date_to, groups };
}

/** The figures of one group of tests. */
export function measuredGroup(
  tests: readonly SpeedTest[],
  sel: readonly number[],
  technology: TechnologyKey,
  operator: string,
  threshold: number | null,
  extra: readonly number[] = [],
): MeasuredGroup {
  const others = [...new Set(extra)].filter((x) => x !== threshold).sort((a, b) => a - b);
  const aboveOthers = others.map(() => 0);
  let n = 0;
  let above = 0;
  let from: string | null = null;
  let to: string | null = null;
  const down = new Sample(sel.length);
  const up = new Sample(sel.length);
  const lat = new Sample(sel.length);
  for (const k of sel) {
    const t = tests[k]!;
    n += t.tests;
    down.add(t.downloadMbps, t.tests);
    if (t.uploadMbps !== null) up.add(t.uploadMbps, t.tests);
    if (t.latencyMs !== null) lat.add(t.latencyMs, t.tests);
    if (threshold !== null && t.downloadMbps >= threshold) above += t.tests;
    for (let j = 0; j < others.length; j++) if (t.downloadMbps >= others[j]!) aboveOthers[j]! += t.tests;
    if (t.date !== null) {
      if (from === null || t.date < from) from = t.date;
      if (to === null || t.date > to) to = t.date;
    }
  }
  return {
    technology,
    operator,
    tests: n,
    records: sel.length,
    download_mean_mbps: down.mean(),
    download_median_mbps: down.median(),
    upload_mean_mbps: up.mean(),
    upload_median_mbps: up.median(),
    latency_mean_ms: lat.mean(),
    latency_median_ms: lat.median(),
    threshold_mbps: threshold,
    tests_at_or_above: threshold === null ? null : above,
    tests_at_or_above_pct: threshold === null || n === 0 ? null : (100 * above) / n,
    shares: others.map((x, j) => ({
      threshold_mbps: x,
      tests_at_or_above: aboveOthers[j]!,
      tests_at_or_above_pct: n === 0 ? null : (100 * aboveOthers[j]!) / n,
    })),
    date_from: from,
    date_to: to,
  };
}

/** Values with whole-number weights (a tile's tests), in typed arrays: mean and median over tests. */
class Sample {
  private readonly values: Float64Array;
  private readonly weights: Float64Array;
  private size = 0;
  private total = 0;
  private sum = 0;
  private unit = true;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
  }
  add(x: number, w: number): void {
    this.values[this.size] = x;
    this.weights[this.size++] = w;
    this.total += w;
    this.sum += x * w;
    if (w !== 1) this.unit = false;
  }
  mean(): number | null {
    return this.total > 0 ? this.sum / this.total : null;
  }
  median(): number | null {
    if (this.total <= 0) return null;
    const v = this.values.subarray(0, this.size);
    if (this.unit) {
      const s = Float64Array.from(v);
      const m = s.length >> 1;
      const upper = select(s, m);
      if (s.length % 2) return upper;
      // The lower middle is the largest value left of m once m is in place.
      let lower = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < m; i++) if (s[i]! > lower) lower = s[i]!;
      return (lower + upper) / 2;
    }
    const order = Uint32Array.from({ length: this.size }, (_x, i) => i).sort((a, b) => v[a]! - v[b]!);
    return medianOfSorted(
      Array.from(order, (i) => v[i]!),
      Array.from(order, (i) => this.weights[i]!),
      this.total,
    );
  }
}

/** Puts the k-th smallest value (0-based) of `a` at a[k] and returns it (Hoare's quickselect, in place). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** The median of sorted values each repeated by its weight (total weight `total`). */
function medianOfSorted(values: readonly number[], weights: readonly number[], total: number): number {
  // The values at (1-based) positions ⌊(W+1)/2⌋ and ⌊W/2⌋+1 of the expanded list.
  const lo = Math.floor((total + 1) / 2);
  const hi = Math.floor(total / 2) + 1;
  let seen = 0;
  let a: number | null = null;
  for (let i = 0; i < values.length; i++) {
    seen += weights[i]!;
    if (a === null && seen >= lo) a = values[i]!;
    if (seen >= hi) return (a! + values[i]!) / 2;
  }
  return a!;
}

/**
 * The median of the values each repeated by its (whole-number) weight, as if every test of a tile
 * were listed: the middle value, or the mean of the two middle ones when the total weight is even.
 */
export function weightedMedian(pairs: readonly (readonly [number, number])[]): number | null {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, p) => s + p[1], 0);
  if (total <= 0) return null;
  return medianOfSorted(
    sorted.map((p) => p[0]),
    sorted.map((p) => p[1]),
    total,
  );
}
