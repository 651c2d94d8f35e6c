/**
 * Issue 13 in the app: a site's cells as the popup and the Sites tab show them, the table's search, and
 * the worker counting planned cells on air by a year (the load and the incremental what-if update alike).
 */
import type { Feature } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import { cellFactsText, cellShapeText } from '../../src/app/i18n/cell_text.ts';
import { setLang } from '../../src/app/i18n/i18n.ts';
import type { DatasetPayload } from '../../src/app/state/dataset_kind.ts';
import { applyEdits, type Edit } from '../../src/app/state/scenario_edits.ts';
import { type CellInfo, matchSites, type SiteRow } from '../../src/app/state/site_info.ts';
import { DEFAULT_VIEW, decodeView, encodeView } from '../../src/app/state/view_state.ts';
import { cellInfo, footprintFeatures, siteFeature } from '../../src/app/worker/map_features.ts';
import type { DatasetItems } from '../../src/app/worker/read_dataset.ts';
import type { Session } from '../../src/app/worker/session.ts';
import { edit } from '../../src/app/worker/worker_edit.ts';
import { load } from '../../src/app/worker/worker_load.ts';
import type {
  AnalysisOptionsChoice,
  Delta,
  Snapshot,
  WorkerMessage,
  WorkerRequest,
} from '../../src/app/worker/worker_protocol.ts';
import { siteInfo, siteRows } from '../../src/app/worker/worker_sites.ts';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { TODAY } from '../../src/core/coverage/counted_sites.ts';

afterEach(() => setLang('vi'));

/** A site of three 4G sectors (a row per cell, as an operator sends them) and a planned 5G+4G site. */
const THREE_SECTORS: Site = {
  id: 'GL-PLK-0012',
  name: 'Trạm Ia Kring',
  operator: 'Viettel',
  lon: 108.0,
  lat: 13.98,
  technologies: ['4G'],
  cells: [0, 120, 240].map((azimuth_deg) => ({
    technology: '4G' as const,
    band: '1800',
    azimuth_deg,
    beamwidth_deg: 65,
    height_m: 30,
    status: 'on_air' as const,
    year: 2019,
  })),
};
const PLANNED: Site = {
  id: 'GL-PLK-0099',
  operator: 'Viettel',
  lon: 108.03,
  lat: 13.99,
  technologies: ['4G'],
  cells: [{ technology: '4G', status: 'planned', year: 2027 }],
};

describe('a cell in words', () => {
  const sector: CellInfo = {
    technology: '4G',
    band: '1800',
    azimuth_deg: 162,
    beamwidth_deg: 120,
    height_m: 30,
    status: 'on_air',
    year: 2019,
    counted: true,
    shape: { kind: 'sector', azimuth_deg: 162, beamwidth_deg: 120, radius_m: 3000 },
  };

  it('says why the footprint has its shape, in English and Vietnamese', () => {
    setLang('en');
    expect(cellShapeText(sector.shape)).toBe('sector 162°, 120° beam, radius 3.0 km');
    expect(cellShapeText({ kind: 'omni', radius_m: 2500, own: true })).toBe('omni, radius 2.5 km');
    expect(cellShapeText({ kind: 'omni', radius_m: 4000, own: false })).toBe('omni, default radius 4.0 km');
    expect(cellShapeText({ kind: 'polygon' })).toBe("operator's predicted polygon");
    setLang('vi');
    expect(cellShapeText(sector.shape)).toBe('hướng 162°, búp sóng 120°, bán kính 3,0 km');
    expect(cellShapeText({ kind: 'polygon' })).toBe('vùng phủ dự báo của nhà mạng');
  });

  it('lists technology, band, height and status, and marks a planned cell not counted', () => {
    setLang('en');
    expect(cellFactsText(sector)).toBe('4G · band 1800 · 30 m high · on air since 2019');
    const planned: CellInfo = {
      ...sector,
      band: null,
      height_m: null,
      status: 'planned',
      year: 2027,
      counted: false,
    };
    expect(cellFactsText(planned)).toBe('4G · planned 2027 (not counted)');
    setLang('vi');
    expect(cellFactsText({ ...planned, counted: true })).toBe('4G · quy hoạch 2027');
  });
});

describe('site features with cells', () => {
  it('on a DEM a cell without its own polygon is described by the terrain model, not a radius (vi, en)', () => {
    const cells = THREE_SECTORS.cells!.map((c) =>
      cellInfo(THREE_SECTORS, c, 'rural', DEFAULT_CONFIG, TODAY, true),
    );
    expect(cells[1]!.shape).toEqual({
      kind: 'terrain',
      azimuth_deg: 120,
      beamwidth_deg: THREE_SECTORS.cells![1]!.beamwidth_deg,
    });
    setLang('en');
    expect(cellShapeText(cells[1]!.shape)).toBe(
      `sector 120°, ${THREE_SECTORS.cells![1]!.beamwidth_deg}° beam, footprint modelled over the terrain (DEM)`,
    );
    expect(cellShapeText({ kind: 'terrain', azimuth_deg: null, beamwidth_deg: null })).toBe(
      'omni, footprint modelled over the terrain (DEM)',
    );
    setLang('vi');
    expect(cellShapeText({ kind: 'terrain', azimuth_deg: null, beamwidth_deg: null })).toBe(
      'vô hướng, vùng phủ mô hình hoá theo địa hình (DEM)',
    );
  });

  it('a three-sector site is three cells, each a sector of the default radius', () => {
    const cells = THREE_SECTORS.cells!.map((c) => cellInfo(THREE_SECTORS, c, 'rural', DEFAULT_CONFIG, TODAY));
    expect(cells.map((c) => c.azimuth_deg)).toEqual([0, 120, 240]);
    expect(cells.every((c) => c.shape.kind === 'sector' && c.shape.radius_m === 4000)).toBe(true);
    // The point feature stays small: no cells, and `counted` / `planned` only when they apply.
    expect(siteFeature(THREE_SECTORS, 'base', TODAY).properties).toEqual({
      id: THREE_SECTORS.id,
      operator: 'Viettel',
      tech: '4G',
      radius: null,
      sector: true,
      state: 'base',
    });
    const wedges = footprintFeatures(THREE_SECTORS, 'urban', DEFAULT_CONFIG, TODAY);
    expect(wedges).toHaveLength(3);
    expect(wedges.map((w) => w.properties?.radius)).toEqual([1500, 1500, 1500]);
  });

  it('a planned cell is not counted today, and counted as planned by its year', () => {
    const cell = PLANNED.cells![0]!;
    expect(cellInfo(PLANNED, cell, 'rural', DEFAULT_CONFIG, TODAY).counted).toBe(false);
    expect(cellInfo(PLANNED, cell, 'rural', DEFAULT_CONFIG, { asOf: 2026 }).counted).toBe(false);
    expect(cellInfo(PLANNED, cell, 'rural', DEFAULT_CONFIG, { asOf: 2027 }).counted).toBe(true);
    expect(siteFeature(PLANNED, 'base', TODAY).properties).toMatchObject({ counted: false, planned: 1 });
    expect(siteFeature(PLANNED, 'base', { asOf: 2027 }).properties?.counted).toBeUndefined();
    expect(footprintFeatures(PLANNED, 'rural', DEFAULT_CONFIG, TODAY)[0]!.properties?.counted).toBe(false);
  });

  it('a site given as one record is one omni cell per technology', () => {
    const one: Site = {
      id: 'A',
      operator: 'VNPT',
      lon: 108,
      lat: 14,
      technologies: ['3G', '4G'],
      radius_m: 2500,
    };
    const cells = [
      { technology: '3G' as const, status: 'on_air' as const },
      { technology: '4G' as const, status: 'on_air' as const },
    ].map((c) => cellInfo(one, c, 'rural', DEFAULT_CONFIG, TODAY));
    expect(cells.map((c) => [c.technology, c.shape])).toEqual([
      ['3G', { kind: 'omni', radius_m: 2500, own: true }],
      ['4G', { kind: 'omni', radius_m: 2500, own: true }],
    ]);
  });

  it('moving a site in the what-if editor keeps its cells', () => {
    const edits: Edit[] = [
      { kind: 'move-site', id: THREE_SECTORS.id, from: [108, 13.98], to: [108.01, 13.97] },
    ];
    const [moved] = applyEdits([THREE_SECTORS], [], edits).sites;
    expect(moved).toMatchObject({ lon: 108.01, lat: 13.97, cells: THREE_SECTORS.cells });
  });
});

describe('the site table search', () => {
  const row = (id: string, extra: Partial<SiteRow> = {}): SiteRow => ({
    id,
    name: null,
    operator: 'Viettel',
    commune: null,
    technologies: ['4G'],
    cells: 1,
    planned: 0,
    counted: true,
    lon: 108,
    lat: 14,
    ...extra,
  });
  const rows = [
    row('GL-PLK-0012', { name: 'Trạm Ia Kring', commune: 'Ia Kring' }),
    row('GL-PLK-0099', { operator: 'VNPT', commune: 'Biển Hồ' }),
    row('DN-GN-0001', { operator: 'MobiFone', commune: 'Nghĩa Đức' }),
  ];

  it('finds by part of the code, by name or commune without diacritics, by operator', () => {
    expect(matchSites(rows, 'plk-00', 10).shown.map((r) => r.id)).toEqual(['GL-PLK-0012', 'GL-PLK-0099']);
    expect(matchSites(rows, 'ia kring', 10).shown.map((r) => r.id)).toEqual(['GL-PLK-0012']);
    expect(matchSites(rows, 'bien ho', 10).shown.map((r) => r.id)).toEqual(['GL-PLK-0099']);
    expect(matchSites(rows, 'nghia duc mobifone', 10).shown.map((r) => r.id)).toEqual(['DN-GN-0001']);
    expect(matchSites(rows, 'vnpt 0012', 10).matches).toBe(0);
    expect(matchSites(rows, '', 10).matches).toBe(3);
  });

  it('shows at most the limit and counts every match', () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(`S-${i}`));
    const { shown, matches } = matchSites(many, 's-1', 200);
    expect(matches).toBe(1111); // S-1, S-10…S-19, S-100…S-199, S-1000…S-1999
    expect(shown).toHaveLength(200);
  });
});

describe('the year in the URL', () => {
  it('round-trips, and a bad year is today', () => {
    const view = { ...DEFAULT_VIEW, analysis: { ...DEFAULT_VIEW.analysis, asOf: 2027 } };
    expect(encodeView(view)).toBe('asof=2027');
    expect(decodeView('#asof=2027').analysis.asOf).toBe(2027);
    expect(decodeView('#asof=27.5').analysis.asOf).toBeUndefined();
    expect(decodeView('#').analysis).toEqual(DEFAULT_VIEW.analysis);
  });
});

// ---- the worker: counted sites in the load and in the incremental update -----------------------------

/** A square rural commune of about 11 × 11 km around the two sites. */
const COMMUNE: Commune = {
  id: 'X1',
  name: 'Ia Kring',
  districtId: null,
  districtName: null,
  provinceId: 'P1',
  provinceName: 'Gia Lai',
  population: 10_000,
  setting: 'rural',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [107.96, 13.94],
        [108.06, 13.94],
        [108.06, 14.04],
        [107.96, 14.04],
        [107.96, 13.94],
      ],
    ],
  },
};

async function runLoad(analysis: AnalysisOptionsChoice, edits: Edit[] = []) {
  const messages: WorkerMessage[] = [];
  let session: Session | null = null;
  const items: Record<string, DatasetItems> = {
    boundaries: { kind: 'boundaries', items: [COMMUNE] },
    sites: { kind: 'sites', items: [THREE_SECTORS, PLANNED] },
  };
  const payload = (kind: 'boundaries' | 'sites'): DatasetPayload => ({
    kind,
    name: `${kind}.csv`,
    text: '',
    importedAt: '',
  });
  const request: Extract<WorkerRequest, { kind: 'load' }> = {
    kind: 'load',
    id: 1,
    boundarySet: 'imported',
    sample: {
      boundaries: { pre2025: '', '2025': '' },
      sites: '',
      postal: '',
      fiber: '',
      villages: '',
      targets: [],
      crosswalk: '',
    },
    imported: [payload('boundaries'), payload('sites')],
    edits,
    layers: ['sites', 'footprints'],
    withGeometry: false,
    preview: false,
    analysis,
  };
  await load(request, {
    post: (m) => messages.push(m),
    readDataset: async (p) => ({
      data: items[p.kind]!,
      report: {
        kind: p.kind,
        name: p.name,
        format: 'csv',
        total: 1,
        kept: 1,
        rejected: 0,
        issues: [],
        fatal: null,
        summary: null,
        crs: null,
        swapped: 0,
        repaired: 0,
        rejectedCsv: null,
      },
    }),
    adopt: (s) => {
      session = s;
    },
  });
  const last = messages.at(-1)!;
  if (last.kind !== 'snapshot') throw new Error(`no snapshot: ${JSON.stringify(last)}`);
  return { snapshot: last.snapshot, session: session! as Session };
}

const pct4G = (
  units: readonly {
    level: string;
    coverage: { technology: string; operator: string; population_pct: number }[];
  }[],
) =>
  units
    .find((u) => u.level === 'commune')!
    .coverage.find((c) => c.technology === '4G' && c.operator === 'all')!.population_pct;

const siteProps = (snapshot: Snapshot | Delta, id: string) =>
  (snapshot.layers.sites ?? []).find(([key]) => key === id)?.[1][0] as Feature | undefined;

describe('the worker counts planned cells by the year', () => {
  it('as planned by 2027 raises 4G, today leaves the planned site out; the map shows both', async () => {
    const today = await runLoad({});
    const plan = await runLoad({ asOf: 2027 });
    expect(pct4G(plan.snapshot.units)).toBeGreaterThan(pct4G(today.snapshot.units));
    expect(today.snapshot.cellCounting).toMatchObject({
      asOf: null,
      onAirCells: 3,
      plannedLeftOut: 1,
      sitesLeftOut: 1,
    });
    expect(plan.snapshot.cellCounting).toMatchObject({ asOf: 2027, plannedCounted: 1, sitesLeftOut: 0 });
    expect(today.session.analysis.input.sites.map((s) => s.id)).toEqual([THREE_SECTORS.id]);
    expect(siteProps(today.snapshot, PLANNED.id)?.properties).toMatchObject({ counted: false });
    expect(siteProps(plan.snapshot, PLANNED.id)?.properties?.counted).toBeUndefined();
    // The Sites tab's rows and the popup's cells, as the worker answers them.
    expect(siteRows(today.session).map((r) => [r.id, r.cells, r.planned, r.counted, r.commune])).toEqual([
      [THREE_SECTORS.id, 3, 0, true, 'Ia Kring'],
      [PLANNED.id, 1, 1, false, 'Ia Kring'],
    ]);
    expect(siteInfo(plan.session, PLANNED.id)?.cells.map((c) => [c.status, c.year, c.counted])).toEqual([
      ['planned', 2027, true],
    ]);
    expect(siteInfo(today.session, 'nope')).toBeNull();
    expect(today.snapshot.layers.footprints?.find(([k]) => k === THREE_SECTORS.id)?.[1]).toHaveLength(3);
  });

  it('an edit under the 2027 rule gives exactly the figures of a full load with that edit', async () => {
    const moveIt: Edit[] = [
      { kind: 'move-site', id: THREE_SECTORS.id, from: [108, 13.98], to: [107.99, 13.97] },
    ];
    const { session } = await runLoad({ asOf: 2027 });
    let delta: Delta | null = null;
    edit(session, { kind: 'edit', id: 2, edits: moveIt }, (m) => {
      if (m.kind === 'delta') delta = m.delta;
    });
    const full = await runLoad({ asOf: 2027 }, moveIt);
    expect(pct4G(delta!.units)).toBe(pct4G(full.snapshot.units));
    // The moved site keeps its three cells; the planned site, unchanged, is not sent again.
    expect(siteProps(delta!, THREE_SECTORS.id)?.geometry).toEqual({
      type: 'Point',
      coordinates: [107.99, 13.97],
    });
    const moved = siteInfo(session, THREE_SECTORS.id);
    expect(moved?.cells.map((c) => c.azimuth_deg)).toEqual([0, 120, 240]);
    expect(siteProps(delta!, PLANNED.id)).toBeUndefined();
  });
});
