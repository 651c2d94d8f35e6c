/**
 * The infrastructure outputs of `vungphu analyze` and `vungphu plan-sites` (read back by GDAL), and
 * how the app marks where a scenario's sites came from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptedEdits } from '../../src/app/panels/suggest_state.ts';
import { applyEdits, type Edit, parseScenario } from '../../src/app/state/scenario_edits.ts';
import { scenarioInfrastructure } from '../../src/app/worker/scenario_infrastructure.ts';
import type { Session } from '../../src/app/worker/session.ts';
import { cellsOf } from '../../src/core/base/site_cells.ts';
import type { Site } from '../../src/core/base/types.ts';
import { parseCsv } from '../../src/io/formats/csv.ts';
import { type OgrValue, ogrFeatures, ogrSummary, requireTool } from '../support/ogr.ts';
import { loadSample, ROOT } from '../support/sample.ts';

const HAS_OGR = requireTool('ogrinfo');
const BIN = join(ROOT, 'bin/vungphu.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vungphu-infra-cli-'));

/** Sample's sites as the CLI reads them. */
const { sites } = loadSample();
const geojsonCount = (file: string) =>
  (JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { features: unknown[] }).features.length;

function expectSitesLayer(features: Record<string, OgrValue>[], want: readonly Site[], dbf = false): void {
  expect(features.length).toBe(want.length);
  want.forEach((s, i) => {
    // The Shapefile keeps the documented short names (README): technologies → techs.
    const f: Record<string, OgrValue | undefined> = dbf
      ? { ...features[i]!, technologies: features[i]!.techs }
      : features[i]!;
    expect(f.site_id).toBe(s.id);
    expect(f.operator).toBe(s.operator || null);
    expect(f.technologies).toBe(s.technologies.join(','));
    expect(f.cell_count).toBe(cellsOf(s).length);
    expect(f.source).toBe(s.source ?? 'input');
    expect(f.radius_m).toBe(s.radius_m ?? null);
  });
}

describe.skipIf(!HAS_OGR)('vungphu analyze: the infrastructure as GIS layers and sites_cells.csv', () => {
  const out = join(dir, 'analyze');
  let stdout = '';
  beforeAll(() => {
    stdout = execFileSync(process.execPath, [BIN, 'analyze', '--infrastructure', 'all', '--out', out], {
      encoding: 'utf8',
    });
  }, 120_000);

  it('names the files it wrote', () => {
    for (const f of [
      'infrastructure.gpkg',
      'infrastructure_shp.zip',
      'infrastructure.kml',
      'sites_cells.csv',
    ])
      expect(stdout).toContain(join(out, f));
  });

  it('the GeoPackage holds every site, cell, postal point, village and fiber route of the inputs', () => {
    const gpkg = join(out, 'infrastructure.gpkg');
    const cells = sites.reduce((n, s) => n + cellsOf(s).length, 0);
    expect(ogrSummary(gpkg)).toEqual([
      { layer: 'sites', geometry: 'Point', count: sites.length },
      { layer: 'cells', geometry: 'Point', count: cells },
      {
        layer: 'postal_points',
        geometry: 'Point',
        count: geojsonCount('data/synthetic/postal.synthetic.geojson'),
      },
      {
        layer: 'villages',
        geometry: 'Point',
        count: geojsonCount('data/synthetic/villages.synthetic.geojson'),
      },
      {
        layer: 'fiber_routes',
        geometry: 'Multi Line String',
        count: geojsonCount('data/synthetic/fiber.synthetic.geojson'),
      },
    ]);
    expectSitesLayer(ogrFeatures(gpkg, 'sites'), sites);
  });

  it('the Shapefile zip and the KML hold the same layers', () => {
    const gpkg = ogrSummary(join(out, 'infrastructure.gpkg'));
    const shp = ogrSummary(`/vsizip/${join(out, 'infrastructure_shp.zip')}`);
    const kml = ogrSummary(join(out, 'infrastructure.kml'));
    for (const l of gpkg) {
      expect(shp.find((x) => x.layer === l.layer)?.count, `shp ${l.layer}`).toBe(l.count);
      expect(kml.find((x) => x.layer === l.layer)?.count, `kml ${l.layer}`).toBe(l.count);
    }
    expectSitesLayer(ogrFeatures(`/vsizip/${join(out, 'infrastructure_shp.zip')}`, 'sites'), sites, true);
  });

  it('sites_cells.csv has one row per cell with a BOM', () => {
    const text = readFileSync(join(out, 'sites_cells.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const { header, rows } = parseCsv(text, 'sites_cells.csv');
    expect(rows.length).toBe(sites.reduce((n, s) => n + cellsOf(s).length, 0));
    const id = header.indexOf('site_id');
    const tech = header.indexOf('technology');
    expect(rows.map((r) => `${r.cells[id]} ${r.cells[tech]}`)).toEqual(
      sites.flatMap((s) => cellsOf(s).map((c) => `${s.id} ${c.technology}`)),
    );
  });
});

describe.skipIf(!HAS_OGR)('vungphu plan-sites: plan.gpkg with the existing and the suggested sites', () => {
  const out = join(dir, 'plan');
  beforeAll(() => {
    execFileSync(process.execPath, [BIN, 'plan-sites', '--k', '3', '--out', out], { encoding: 'utf8' });
  }, 120_000);

  it('holds the input sites (source input) then the suggested ones (source suggested) with their cells', () => {
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as {
      rows: { candidate_id: string; lon: number; lat: number; radius_m: number }[];
      technology: string;
    };
    expect(plan.rows.length).toBe(3);
    const gpkg = join(out, 'plan.gpkg');
    const got = ogrFeatures(gpkg, 'sites');
    expect(got.length).toBe(sites.length + 3);
    expectSitesLayer(got.slice(0, sites.length), sites);
    const suggested = got.slice(sites.length);
    expect(suggested.map((f) => [f.site_id, f.source, f.technologies, f.radius_m])).toEqual(
      plan.rows.map((r) => [r.candidate_id, 'suggested', plan.technology, r.radius_m]),
    );
    const geo = JSON.parse(
      execFileSync(
        'ogr2ogr',
        ['-f', 'GeoJSON', '/vsistdout/', gpkg, 'sites', '-where', "source = 'suggested'"],
        {
          encoding: 'utf8',
        },
      ),
    ) as { features: { geometry: { coordinates: [number, number] } }[] };
    geo.features.forEach((f, i) => {
      expect(Math.abs(f.geometry.coordinates[0] - plan.rows[i]!.lon)).toBeLessThan(1e-7);
      expect(Math.abs(f.geometry.coordinates[1] - plan.rows[i]!.lat)).toBeLessThan(1e-7);
    });
    const cells = ogrFeatures(gpkg, 'cells').filter((c) => c.source === 'suggested');
    expect(cells.map((c) => c.site_id)).toEqual(plan.rows.map((r) => r.candidate_id));
  });
});

describe('where a scenario site came from (Site.source)', () => {
  const base: Site[] = [{ id: 'A', operator: 'Viettel', lon: 108, lat: 14, technologies: ['4G'] }];
  it('a moved input site becomes what-if; a moved suggestion stays suggested', () => {
    const suggested: Site = {
      id: 'S',
      operator: 'Viettel',
      lon: 108.1,
      lat: 14,
      technologies: ['5G'],
      source: 'suggested',
    };
    const edits: Edit[] = [
      { kind: 'add-site', site: suggested },
      { kind: 'move-site', id: 'A', from: [108, 14], to: [108.01, 14.01] },
      { kind: 'move-site', id: 'S', from: [108.1, 14], to: [108.2, 14] },
    ];
    const { sites: after } = applyEdits(base, [], edits);
    expect(after.map((s) => [s.id, s.source, s.lon])).toEqual([
      ['A', 'what-if', 108.01],
      ['S', 'suggested', 108.2],
    ]);
    expect(base[0]!.source).toBeUndefined();
  });

  it('a scenario file with an unknown source is refused', () => {
    const { problems } = parseScenario(
      JSON.stringify({
        format: 'vungphu-scenario',
        version: 1,
        name: 'x',
        saved_at: '2026-12-01T00:00:00Z',
        edits: [{ kind: 'add-site', site: { ...base[0]!, id: 'B', source: 'operator' } }],
      }),
    );
    expect(problems.map((p) => p.message).join(' ')).toMatch(
      /site\.source must be input, what-if or suggested/,
    );
  });

  it('accepted suggestions are added with source suggested', () => {
    const { edits } = acceptedEdits(
      { accepted: new Map(), operator: null } as never,
      {
        mode: 'sites',
        technology: '5G',
        rows: [{ rank: 1, candidate_id: 'grid:1', lon: 108.3, lat: 14.2, radius_m: 900 }],
      } as never,
      { edits: [], operators: ['VNPT'], takenIds: () => new Set<string>() } as never,
      [1],
    );
    expect(edits).toEqual([
      {
        kind: 'add-site',
        site: {
          id: 'grid:1',
          operator: 'VNPT',
          lon: 108.3,
          lat: 14.2,
          technologies: ['5G'],
          radius_m: 900,
          source: 'suggested',
        },
      },
    ]);
  });

  it('the export marks sites added by an older scenario file (no source) as what-if, and edited postal points', () => {
    const old: Site = { id: 'KB-1', operator: 'VNPT', lon: 108.2, lat: 14, technologies: ['4G'] };
    const session = {
      edits: [
        { kind: 'add-site', site: old },
        { kind: 'add-postal', point: { id: 'P2' } },
      ],
      // Every cell of the scenario's sites (the analysis' input holds only the counted ones).
      sites: [...base, old],
      analysis: {
        input: {
          sites: [...base, old],
          postal: [
            {
              id: 'P1',
              lon: 108,
              lat: 14,
              type: 'agent',
              staffed: true,
              internet: true,
              online_public_services: false,
            },
            {
              id: 'P2',
              lon: 108,
              lat: 14,
              type: 'agent',
              staffed: true,
              internet: true,
              online_public_services: false,
            },
          ],
        },
      },
      basePostal: [],
      villages: [],
      fiber: null,
    } as unknown as Session;
    const infra = scenarioInfrastructure(session);
    expect(infra.sites!.map((s) => s.source ?? 'input')).toEqual(['input', 'what-if']);
    expect(infra.postal!.map((p) => infra.postalSource!(p))).toEqual(['input', 'what-if']);
    expect(infra.villages).toBeNull();
  });
});
