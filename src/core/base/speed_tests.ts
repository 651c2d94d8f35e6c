/**
 * Speed-test records (plain data): a measured download, upload and latency at a place, from a phone
 * app (i-Speed, Ookla), a drive test, or an Ookla-style open-data tile that averages many tests.
 */
import type { Technology, TechnologyKey } from './types.ts';

/** The download (Mb/s) each technology's tests are held to; null: no threshold (2G, 3G). */
export type SpeedThresholds = Readonly<Record<TechnologyKey, number | null>>;

/** One speed test, or one tile of tests (its figures are the tile's means over `tests` tests). */
export interface SpeedTest {
  /** "row 12" / "feature 3": where the record came from, for lists and messages. */
  id: string;
  /** The test's position, or a tile's centre (WGS 84, degrees). */
  lon: number;
  lat: number;
  /** The technology the phone was on; null when the file does not say (Ookla tiles mix them). */
  technology: Technology | null;
  /** The operator (Viettel, VNPT, MobiFone…); null when the file does not say. */
  operator: string | null;
  /** Download, Mb/s (a tile: the mean over its tests). 0 means no service. */
  downloadMbps: number;
  /** Upload, Mb/s; null when not measured. */
  uploadMbps: number | null;
  /** Latency, ms; null when not measured. */
  latencyMs: number | null;
  /** Day of the test, ISO `YYYY-MM-DD`; null when the file gives none. */
  date: string | null;
  /** Tests the record stands for: 1 for a point, the tile's test count for a tile (≥ 1). */
  tests: number;
  /** A tile's quadkey (zoom 16); absent for a point. */
  quadkey?: string;
  /** A tile's device count, when given. */
  devices?: number;
}

/** The download a technology's tests are held to by default (Mb/s): the plans' S1 values (000:117). */
export const DEFAULT_SPEED_THRESHOLDS_MBPS: SpeedThresholds = {
  '2G': null,
  '3G': null,
  '4G': 40,
  '5G': 100,
  any: 40,
};
