/**
 * Issue 15: a dead-zone village next to a 4G site says why it has no 4G — the site's code, each 4G
 * cell's band, height and footprint, and the reason (the sector faces away, beyond the radius, outside
 * the operator's polygon, the terrain's shadow), in Vietnamese and English. The bearing and distance come
 * from the engine's dead-zone list for an analytic layout (a village 0.5 km due west of an east-facing
 * sector), the cells are written out by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { angleBetweenDeg, deadZoneWhyText, missReason } from '../../src/app/i18n/dead_zone_text.ts';
import { setLang } from '../../src/app/i18n/i18n.ts';
import type { CellInfo, SiteInfo } from '../../src/app/state/site_info.ts';
import type { Commune } from '../../src/core/base/types.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';

afterEach(() => setLang('vi'));

const cell = (over: Partial<CellInfo>): CellInfo => ({
  technology: '4G',
  band: '1800',
  azimuth_deg: 90,
  beamwidth_deg: 60,
  height_m: 30,
  status: 'on_air',
  year: null,
  counted: true,
  shape: { kind: 'sector', azimuth_deg: 90, beamwidth_deg: 60, radius_m: 3000 },
  ...over,
});

const info = (cells: CellInfo[]): SiteInfo => ({
  row: {
    id: 'S-EAST',
    name: null,
    operator: 'VNPT',
    commune: null,
    technologies: ['4G'],
    cells: cells.length,
    planned: 0,
    counted: true,
    lon: 108,
    lat: 14,
  },
  cells,
});

describe('angleBetweenDeg', () => {
  it('is the smaller angle across north', () => {
    expect(angleBetweenDeg(350, 10)).toBe(20);
    expect(angleBetweenDeg(90, 270)).toBe(180);
    expect(angleBetweenDeg(120, 300)).toBe(180);
    expect(angleBetweenDeg(0, 0)).toBe(0);
  });
});

describe('missReason', () => {
  it('a terrain footprint (a DEM under the site) misses by the model, not by a radius or a beam edge', () => {
    const onDem = cell({ shape: { kind: 'terrain', azimuth_deg: 90, beamwidth_deg: 60 } });
    // Behind the sector and far beyond the default radius: still the model's answer, not the flat shape's.
    expect(missReason(onDem, 270, 9, true)).toEqual({ kind: 'outside-terrain-footprint' });
    expect(missReason({ ...onDem, counted: false }, 270, 9, true).kind).toBe('not-counted');
  });

  it('names each way a footprint misses a village', () => {
    // 60° beam at 90°: covers bearings 60°–120°.
    expect(missReason(cell({}), 270, 0.5, false)).toEqual({
      kind: 'faces-away',
      azimuth_deg: 90,
      bearing_deg: 270,
    });
    expect(missReason(cell({}), 119, 0.5, false).kind).toBe('unexplained');
    expect(missReason(cell({}), 119, 0.5, true).kind).toBe('terrain');
    expect(missReason(cell({}), 100, 3.2, false)).toEqual({
      kind: 'beyond-radius',
      radius_m: 3000,
      own: true,
    });
    const omni = cell({ shape: { kind: 'omni', radius_m: 4000, own: false } });
    expect(missReason(omni, 10, 4.1, false)).toEqual({ kind: 'beyond-radius', radius_m: 4000, own: false });
    expect(missReason(cell({ shape: { kind: 'polygon' } }), 10, 0.1, false).kind).toBe('outside-polygon');
    expect(missReason(cell({ counted: false, status: 'planned' }), 90, 0.1, false).kind).toBe('not-counted');
  });
});

describe('the dead-zone explanation of a village behind a sector', () => {
  const c: Commune = {
    id: 'A',
    name: 'Xã A',
    districtId: 'D',
    districtName: 'Huyện D',
    provinceId: 'P',
    provinceName: 'Tỉnh P',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [107.9, 13.9],
          [108.1, 13.9],
          [108.1, 14.1],
          [107.9, 14.1],
          [107.9, 13.9],
        ],
      ],
    },
  } as Commune;
  const dLon = 0.5 / (111.32 * Math.cos((14 * Math.PI) / 180));
  const r = runAnalysis(
    {
      communes: [c],
      sites: [
        {
          id: 'S-EAST',
          operator: 'VNPT',
          lon: 108,
          lat: 14,
          technologies: ['4G'],
          radius_m: 3000,
          azimuth_deg: 90,
          beamwidth_deg: 60,
        },
      ],
      villages: [{ id: 'behind', lon: 108 - dLon, lat: 14, population: 80, hasGridPower: true }],
    },
    { gapPolygons: false },
  );
  const d = r.deadZoneVillages[0]!;

  it('says, in Vietnamese, the site, the cell and that the sector faces away', () => {
    const text = deadZoneWhyText(
      d.nearest_4g_site_id!,
      info([cell({})]),
      d.nearest_4g_bearing_deg!,
      d.nearest_4g_site_km!,
      false,
    );
    expect(text).toBe(
      'Trạm 4G gần nhất S-EAST — 4G · băng 1800 · cao 30 m · đang phát sóng, hướng 90°, búp sóng 60°, bán kính 3,0 km: hướng sóng quay đi nơi khác (hướng 90°, thôn ở phương vị 270°)',
    );
  });

  it('says it in English, and names a site that is not loaded', () => {
    setLang('en');
    const text = deadZoneWhyText('S-EAST', info([cell({})]), d.nearest_4g_bearing_deg!, 0.5, false);
    expect(text).toBe(
      'Nearest 4G site S-EAST — 4G · band 1800 · 30 m high · on air, sector 90°, 60° beam, radius 3.0 km: the sector faces away (azimuth 90°, village at bearing 270°)',
    );
    expect(deadZoneWhyText('S-EAST', null, 270, 0.5, false)).toBe(
      'Nearest 4G site S-EAST (not among the loaded sites)',
    );
  });
});
