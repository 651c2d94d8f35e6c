/**
 * Model against measurement (the FCC challenge idea): a speed test with no service, or far below the
 * threshold, inside a modelled footprint of its technology and operator, and a test with good service
 * outside every such footprint, are disagreements. Per commune and operator: the share of tests that
 * agree. A test that names no operator is held to every operator's footprints, one that names no
 * technology to every technology's.
 */
import Flatbush from 'flatbush';
import type { SpeedTest, SpeedThresholds } from '../base/speed_tests.ts';
import type { Commune, EngineConfig, Setting, Site, Technology, TechnologyKey } from '../base/types.ts';
import { unitGroups } from '../base/unit_groups.ts';
import { buildFootprints, type Footprint, footprintContains, pairLayout } from '../coverage/footprints.ts';
import { bandedRings } from '../geometry/banded_rings.ts';
import type { CommuneLocator } from '../geometry/commune_locator.ts';
import type { TerrainContext } from '../terrain/terrain_context.ts';

/** "Far below the threshold": under this share of it. */
export const POOR_SHARE = 0.1;
/** Polygon footprints with at least this many vertices are tested through `bandedRings`. */
const BANDED_FROM = 64;

/** How a test compares with the model. */
export type Verdict = 'agree' | 'poor_inside' | 'good_outside';

/** The download (Mb/s) below which a test counts as no or poor service, and at or above which as good. */
export function serviceLevels(
  technology: TechnologyKey,
  thresholds: SpeedThresholds,
): { poor: number; good: number | null } {
  const good = thresholds[technology];
  // Without a threshold (2G, 3G) only "no service" (0 Mb/s) is poor, and no level is "good".
  return good === null ? { poor: Number.MIN_VALUE, good: null } : { poor: POOR_SHARE * good, good };
}

/** One test's verdict, from whether it lies inside a footprint and its download. */
export function verdictOf(
  inside: boolean,
  download: number,
  levels: { poor: number; good: number | null },
): Verdict {
  if (inside && download < levels.poor) return 'poor_inside';
  if (!inside && levels.good !== null && download >= levels.good) return 'good_outside';
  return 'agree';
}

/** The footprints of some sites, found by position. */
export interface FootprintIndex {
  /** Whether (lon, lat) lies inside a footprint of the technology (null: any) and operator (null: any). */
  covers(lon: number, lat: number, technology: Technology | null, operator: string | null): boolean;
}

/**
 * Indexes every cell footprint of the sites (`settingOf`: urban or rural, for the default radii); with
 * `terrain` (a DEM is loaded), the terrain footprints the analysis uses.
 */
export function footprintIndex(
  sites: readonly Site[],
  config: EngineConfig,
  settingOf: (site: Site) => Setting,
  terrain: TerrainContext | null = null,
): FootprintIndex {
  const operators = [...new Set(sites.map((s) => s.operator))].sort();
  const layout = pairLayout(['2G', '3G', '4G', '5G'], operators);
  // One R-tree per technology × operator: a test searches only the footprints it is judged against.
  const byPair = new Map<string, { footprints: Footprint[]; index: Flatbush }>();
  for (const f of buildFootprints(sites, layout, config, settingOf, -1, terrain)) {
    const key = `${f.technology}|${f.operator}`;
    const entry = byPair.get(key) ?? { footprints: [], index: null as unknown as Flatbush };
    entry.footprints.push(f);
    byPair.set(key, entry);
  }
  for (const entry of byPair.values()) {
    entry.index = new Flatbush(entry.footprints.length);
    for (const f of entry.footprints) entry.index.add(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]);
    entry.index.finish();
  }
  const entries = [...byPair].map(([key, entry]) => ({
    key,
    ...entry,
    // Many-vertex rings (terrain footprints) get their edges banded on first use (`bandedRings`).
    tests: entry.footprints.map(() => null as ((lon: number, lat: number) => boolean) | null),
  }));
  const testOf = (f: Footprint): ((lon: number, lat: number) => boolean) => {
    if (f.kind !== 'polygon' || f.rings.reduce((n, r) => n + r.length, 0) < BANDED_FROM) {
      return (lon, lat) => footprintContains(f, lon, lat);
    }
    const inRings = bandedRings(f.rings);
    const [w, s, e, n] = f.bbox;
    return (lon, lat) => lon >= w && lon <= e && lat >= s && lat <= n && inRings(lon, lat);
  };
  return {
    covers(lon, lat, technology, operator) {
      for (const { key, footprints, index, tests } of entries) {
        const [t, o] = key.split('|');
        if ((technology !== null && t !== technology) || (operator !== null && o !== operator)) continue;
        for (const i of index.search(lon, lat, lon, lat)) {
          let test = tests[i];
          if (!test) {
            test = testOf(footprints[i]!);
            tests[i] = test;
          }
          if (test(lon, lat)) return true;
        }
      }
      return false;
    },
  };
}

/** The agreement of the tests of one operator (or `all`) in one unit. */
export interface AgreementRow {
  operator: string;
  /** Tests judged (a tile counts with its test count). */
  tests: number;
  agreeing: number;
  /** agreeing ÷ tests × 100; null without tests. */
  agreement_pct: number | null;
  /** Tests with no or poor service inside a modelled footprint. */
  poor_inside: number;
  /** Tests with good service outside every modelled footprint. */
  good_outside: number;
}

export interface AgreementResult {
  /** Each test's verdict and whether it lies inside a modelled footprint. */
  verdicts: Verdict[];
  inside: boolean[];
  /** One list per report unit (communes, then districts and provinces): `all`, then each operator. */
  units: AgreementRow[][];
}

/**
 * Judges every test against the footprints and sums the verdicts per commune, district and province,
 * for every operator and `all`. `communeOf` is each test's commune (−1: outside all, not counted).
 */
export function modelAgreement(
  communes: readonly Commune[],
  tests: readonly SpeedTest[],
  communeOf: Int32Array,
  footprints: FootprintIndex,
  thresholds: SpeedThresholds,
  operators: readonly string[],
): AgreementResult {
  const verdicts: Verdict[] = [];
  const inside: boolean[] = [];
  for (const t of tests) {
    const isIn = footprints.covers(t.lon, t.lat, t.technology, t.operator);
    inside.push(isIn);
    verdicts.push(verdictOf(isIn, t.downloadMbps, serviceLevels(t.technology ?? 'any', thresholds)));
  }
  const byCommune = communes.map(() => [] as number[]);
  tests.forEach((_t, k) => {
    const i = communeOf[k]!;
    if (i >= 0) byCommune[i]!.push(k);
  });
  const rows = (idx: readonly number[]) =>
    ['all', ...operators].flatMap((operator) => {
      const sel = operator === 'all' ? idx : idx.filter((k) => tests[k]!.operator === operator);
      if (sel.length === 0 && operator !== 'all') return [];
      let n = 0;
      let agree = 0;
      let poor = 0;
      let good = 0;
      for (const k of sel) {
        const w = tests[k]!.tests;
        n += w;
        if (verdicts[k] === 'agree') agree += w;
        else if (verdicts[k] === 'poor_inside') poor += w;
        else good += w;
      }
      return [
        {
          operator,
          tests: n,
          agreeing: agree,
          agreement_pct: n > 0 ? (100 * agree) / n : null,
          poor_inside: poor,
          good_outside: good,
        },
      ];
    });
  const units = byCommune.map(rows);
  for (const g of unitGroups(communes)) units.push(rows(g.members.flatMap((i) => byCommune[i]!)));
  return { verdicts, inside, units };
}

/** A site's setting from the commune it stands in (rural outside every commune). */
export function settingLookup(communes: readonly Commune[], locator: CommuneLocator): (s: Site) => Setting {
  return (s) => {
    const i = locator.locate(s.lon, s.lat);
    return i >= 0 ? communes[i]!.setting : 'rural';
  };
}
