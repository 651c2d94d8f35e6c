/**
 * The web app's pure pieces: scenario edits and files, the guess of an imported file's kind, the view
 * in the URL, and input problems in Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import { setLang } from '../../src/app/i18n/i18n.ts';
import { issueText, messageText } from '../../src/app/i18n/issue_text.ts';
import { detectKind } from '../../src/app/state/dataset_kind.ts';
import { applyEdits, type Edit, freshId, parseScenario } from '../../src/app/state/scenario_edits.ts';
import { DEFAULT_VIEW, decodeView, encodeView, type ViewState } from '../../src/app/state/view_state.ts';
import { rememberingReader } from '../../src/app/worker/read_dataset.ts';
import { validateImport } from '../../src/app/worker/validate_import.ts';
import type { PostalPoint } from '../../src/core/base/infrastructure.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { deepFreeze } from '../support/freeze.ts';

const sites: Site[] = deepFreeze([
  { id: 'A', operator: 'Viettel', lon: 108, lat: 14, technologies: ['4G'] },
  { id: 'B', operator: 'VNPT', lon: 108.1, lat: 14.1, technologies: ['4G', '5G'] },
]);
const postal: PostalPoint[] = deepFreeze([
  {
    id: 'P',
    lon: 108,
    lat: 14,
    type: 'cultural_post_point',
    staffed: true,
    internet: true,
    online_public_services: false,
  },
]);

describe('applyEdits', () => {
  it('adds, moves and deletes in order, keeps unchanged items as they are, and skips what cannot apply', () => {
    const edits: Edit[] = [
      { kind: 'add-site', site: { id: 'C', operator: 'VNPT', lon: 107, lat: 13, technologies: ['5G'] } },
      { kind: 'move-site', id: 'A', from: [108, 14], to: [108.5, 14.5] },
      { kind: 'delete-site', id: 'Z' },
      { kind: 'add-site', site: { id: 'B', operator: 'VNPT', lon: 1, lat: 1, technologies: ['4G'] } },
      { kind: 'move-postal', id: 'P', from: [108, 14], to: [108.2, 14] },
      { kind: 'delete-site', id: 'C' },
    ];
    const r = applyEdits(sites, postal, edits);
    expect(r.sites.map((s) => s.id)).toEqual(['A', 'B']);
    expect(r.sites[0]).toMatchObject({ lon: 108.5, lat: 14.5 });
    expect(r.sites[1]).toBe(sites[1]);
    expect(r.postal[0]).toMatchObject({ lon: 108.2 });
    expect(r.skipped).toEqual([2, 3]);
  });

  it('undoing every edit gives back the baseline', () => {
    const r = applyEdits(sites, postal, []);
    expect(r.sites).toEqual(sites);
    expect(r.sites[0]).toBe(sites[0]);
  });

  it('gives fresh ids', () => {
    expect(freshId('KB-', new Set(['KB-1', 'KB-2']))).toBe('KB-3');
  });
});

describe('parseScenario', () => {
  it('keeps valid edits and names each invalid one', () => {
    const text = JSON.stringify({
      format: 'vungphu-scenario',
      version: 1,
      name: 'Thử',
      saved_at: '2026-11-22T00:00:00Z',
      edits: [
        { kind: 'delete-site', id: 'A' },
        { kind: 'add-site', site: { id: 'X', operator: 'VNPT', lon: 500, lat: 1, technologies: ['4G'] } },
        { kind: 'teleport' },
        { kind: 'move-postal', id: 'P', from: [108, 14], to: [108.1, 14] },
      ],
    });
    const { scenario, problems } = parseScenario(text);
    expect(scenario?.edits.map((e) => e.kind)).toEqual(['delete-site', 'move-postal']);
    expect(problems.map((p) => p.edit)).toEqual([1, 2]);
  });

  it('rejects a file that is not a scenario', () => {
    expect(parseScenario('{"type":"FeatureCollection"}').scenario).toBeNull();
    expect(parseScenario('not json').problems[0]?.message).toMatch(/not valid JSON/);
  });
});

describe('detectKind', () => {
  const fc = (geometry: string, props: Record<string, unknown>) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: geometry, coordinates: [] }, properties: props }],
    });
  it.each([
    ['xa.geojson', fc('Polygon', { id: 1, name: 'Xã A', population: 10 }), 'boundaries'],
    ['tram.geojson', fc('Point', { id: 1, technologies: ['4G'], operator: 'VNPT' }), 'sites'],
    ['cap.geojson', fc('LineString', { operator: 'VNPT' }), 'fiber'],
    ['bc.geojson', fc('Point', { id: 1, type: 'agent', staffed: true, internet: true }), 'postal'],
    ['thon.geojson', fc('Point', { id: 1, name: 'Thôn 1', population: 300 }), 'villages'],
    ['dan.geojson', fc('Point', { population: 300 }), 'population'],
    ['tram.csv', 'id;lon;lat;technology;operator\n', 'sites'],
    ['bc.csv', '\uFEFFid,lon,lat,type,staffed,internet,online_public_services\n', 'postal'],
    ['cap.csv', 'id,operator,medium,wkt\n', 'fiber'],
    ['dan.csv', 'lon,lat,population\n', 'population'],
    ['worldpop.tif', '', 'population'],
    ['kb.json', '{"format": "vungphu-scenario", "edits": []}', 'scenario'],
  ])('%s → %s', (name, head, kind) => {
    expect(detectKind(name, head)).toBe(kind);
  });
  it('gives up on an unknown file', () => {
    expect(detectKind('x.csv', 'a,b,c\n')).toBeNull();
  });
  it('makes the import say so, and ask for the kind, when the fields say nothing', async () => {
    const bytes = new TextEncoder().encode('a,b,c\n1,2,3\n');
    const r = await validateImport({ kind: 'auto', name: 'x.csv', bytes: bytes.buffer, importedAt: '' });
    expect(r.fatal).toBe(
      'x.csv: could not tell what the file holds from its fields; choose its kind and import it again.',
    );
    expect(r.kept).toBe(0);
    const chosen = await validateImport({
      kind: 'postal',
      name: 'x.csv',
      bytes: bytes.buffer,
      importedAt: '',
    });
    expect(chosen.kind).toBe('postal');
    expect(chosen.fatal).toMatch(/missing column/);
  });
});

describe('the view in the URL', () => {
  it('round-trips every field, and leaves defaults out', () => {
    expect(encodeView(DEFAULT_VIEW)).toBe('');
    const v: ViewState = {
      ...DEFAULT_VIEW,
      lang: 'en',
      indicator: 'target',
      technology: '5G',
      operator: 'VNPT',
      boundarySet: '2025',
      year: 2030,
      targetId: 'GL-M1',
      selection: { kind: 'unit', level: 'district', id: '622' },
      camera: { lon: 108.12345, lat: 13.5, zoom: 9.25 },
      layers: { ...DEFAULT_VIEW.layers, fiber: { visible: true, opacity: 0.5 } },
      tab: 'table',
      basemap: { kind: 'osm' },
    };
    expect(decodeView(`#${encodeView(v)}`)).toEqual(v);
  });

  it('ignores what it cannot read', () => {
    const v = decodeView(
      '#ind=nonsense&tech=6G&year=abc&map=1,2&layers=bogus.1.50,sites.0.x&basemap=http://x',
    );
    expect(v.indicator).toBe('mobile_pop');
    expect(v.technology).toBe('4G');
    expect(v.year).toBe('all');
    expect(v.camera).toBeNull();
    expect(v.layers.sites).toEqual({ visible: false, opacity: DEFAULT_VIEW.layers.sites.opacity });
    expect(v.basemap).toEqual({ kind: 'none' });
  });
});

describe('input problems in the user’s language', () => {
  it('translates the parsers’ messages and says where the problem is', () => {
    setLang('vi');
    expect(
      issueText({
        path: 'rows[3].lon',
        row: 3,
        field: 'lon',
        message: 'coordinates must be numbers',
        severity: 'error',
      }),
    ).toBe('Dòng 3, trường "lon": toạ độ phải là số');
    expect(
      issueText({
        path: 'features[11].properties.id',
        field: 'id',
        message: 'duplicate id "X"',
        severity: 'error',
      }),
    ).toBe('Đối tượng 12, trường "id": mã "X" bị trùng');
    setLang('en');
    expect(messageText('coordinates must be numbers')).toBe('coordinates must be numbers');
    expect(
      issueText({
        path: 'rows[3].lon',
        row: 3,
        field: 'lon',
        message: 'coordinates must be numbers',
        severity: 'error',
      }),
    ).toBe('Row 3, field "lon": coordinates must be numbers');
    setLang('vi');
  });
});

describe('rememberingReader', () => {
  it('reads a file once per version, choices and boundaries; anything else reads it again', async () => {
    const read = rememberingReader();
    const bytes = new TextEncoder().encode('id,lon,lat,technology,operator\nA,108.0,14.0,4G,VNPT\n').buffer;
    const payload = { kind: 'sites' as const, name: 's.csv', bytes, importedAt: '' };
    // One commune around the site: the reference (the loaded boundaries) is then a real one, whose
    // identity keys the memory (an empty reference is "no boundaries" and shared).
    const communesA: Commune[] = [
      {
        id: 'c1',
        name: 'Xã A',
        districtId: 'd1',
        districtName: 'Huyện A',
        provinceId: 'p1',
        provinceName: 'Gia Lai',
        population: 1000,
        setting: 'rural',
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
      },
    ];
    const first = read(payload, communesA);
    expect(read({ ...payload, importedAt: 'later' }, communesA)).toBe(first);
    expect((await first).report.kept).toBe(1);
    const swapped = read({ ...payload, options: { swapped: 'reject' } }, communesA);
    expect(swapped).not.toBe(first);
    // Both versions stay remembered (a file added to another is read with it at every load).
    expect(read(payload, communesA)).toBe(first);
    expect(read({ ...payload, options: { swapped: 'reject' } }, communesA)).toBe(swapped);
    const other = read(payload, [...communesA]);
    expect(other).not.toBe(first);
    expect((await other).report).toEqual((await first).report);
  });
});
