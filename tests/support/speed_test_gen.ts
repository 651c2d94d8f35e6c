/**
 * A seeded generator of SYNTHETIC speed tests (no real measurement ships): tests placed around the
 * given sites, each on one of the site's technologies and its operator, with a download that falls
 * with the distance from the nearest site of that operator and technology and drops to 0 (no
 * service) beyond `radiusM` of every one; plus tests placed
 * anywhere in a box (mostly no service). The same seed gives the same tests.
 */
import type { SpeedTest } from '../../src/core/base/speed_tests.ts';
import type { Site, Technology } from '../../src/core/base/types.ts';

/** A seeded xorshift32 in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Peak download near a site, Mb/s. */
const PEAK: Record<Technology, number> = { '2G': 0.2, '3G': 8, '4G': 70, '5G': 400 };

export interface SpeedTestGenOptions {
  seed?: number;
  /** The radius within which a site gives service, per technology (m). */
  radiusM?: Partial<Record<Technology, number>>;
  /** Share of tests placed uniformly in `box` rather than around a site. */
  strayShare?: number;
  box?: readonly [number, number, number, number];
  /** The day range, ISO. */
  from?: string;
  days?: number;
}

const DEFAULT_RADIUS: Record<Technology, number> = { '2G': 12_000, '3G': 4_000, '4G': 4_000, '5G': 500 };

/**
 * `n` synthetic speed tests around `sites`: a test at distance d < R of a site of its operator and
 * technology gets PEAK·(1 − 0.8·d/R) Mb/s (the best such site), and 0 (no service) beyond R of all,
 * so a calibration can recover R.
 */
export function syntheticSpeedTests(
  sites: readonly Site[],
  n: number,
  options: SpeedTestGenOptions = {},
): SpeedTest[] {
  const rnd = seededRandom(options.seed ?? 20261202);
  const radius = { ...DEFAULT_RADIUS, ...options.radiusM };
  const box = options.box ?? [107.2074, 11.74886, 108.87332, 14.60316];
  const from = Date.parse(`${options.from ?? '2026-01-01'}T00:00:00Z`);
  const days = options.days ?? 180;
  const out: SpeedTest[] = [];
  for (let k = 0; k < n; k++) {
    const date = new Date(from + Math.floor(rnd() * days) * 86_400_000).toISOString().slice(0, 10);
    if (rnd() < (options.strayShare ?? 0) || sites.length === 0) {
      out.push({
        id: `row ${k + 2}`,
        lon: box[0] + rnd() * (box[2] - box[0]),
        lat: box[1] + rnd() * (box[3] - box[1]),
        technology: '4G',
        operator: 'Viettel',
        downloadMbps: 0,
        uploadMbps: 0,
        latencyMs: null,
        date,
        tests: 1,
      });
      continue;
    }
    const site = sites[Math.floor(rnd() * sites.length)]!;
    const tech = site.technologies[Math.floor(rnd() * site.technologies.length)] ?? '4G';
    const r = radius[tech];
    // Up to 1.5 R from the site, uniform over the disc's area.
    const d = 1.5 * r * Math.sqrt(rnd());
    const bearing = 2 * Math.PI * rnd();
    const dLat = (d * Math.cos(bearing)) / 111_320;
    const dLon = (d * Math.sin(bearing)) / (111_320 * Math.cos((site.lat * Math.PI) / 180));
    const lon = site.lon + dLon;
    const lat = site.lat + dLat;
    // The best of the operator's sites of that technology within reach (the generating one or another).
    let down = 0;
    for (const o of sites) {
      if (o.operator !== site.operator || !o.technologies.includes(tech)) continue;
      const e = (lon - o.lon) * 111_320 * Math.cos((o.lat * Math.PI) / 180);
      const n = (lat - o.lat) * 111_320;
      const dd = Math.hypot(e, n);
      if (dd < r) down = Math.max(down, PEAK[tech] * (1 - (0.8 * dd) / r));
    }
    out.push({
      id: `row ${k + 2}`,
      lon,
      lat,
      technology: tech,
      operator: site.operator,
      downloadMbps: Math.round(down * 100) / 100,
      uploadMbps: Math.round(down * 25) / 100,
      latencyMs: down > 0 ? Math.round(20 + 30 * rnd()) : null,
      date,
      tests: 1,
    });
  }
  return out;
}

/** The tests as a points CSV (the README's columns). */
export function speedTestsCsv(tests: readonly SpeedTest[]): string {
  const rows = tests.map((t) =>
    [
      t.lon.toFixed(6),
      t.lat.toFixed(6),
      t.technology ?? '',
      t.operator ?? '',
      t.downloadMbps,
      t.uploadMbps ?? '',
      t.latencyMs ?? '',
      t.date ?? '',
    ].join(','),
  );
  return `lon,lat,technology,operator,download_mbps,upload_mbps,latency_ms,date\n${rows.join('\n')}\n`;
}
