/**
 * Seeded property-based fuzzing (fast-check) of every parser of the import layer: on any input of
 * bounded size each returns or throws a UserError with a message — never another error. A hang fails the
 * test by its timeout; speed on pathological inputs is measured by `npm run bench` (bench/import_speed.ts),
 * not asserted here, where a busy machine would fail it. Inputs are random, or corpus files with bytes
 * flipped and cut (inside the zip for shapefiles, XLSX and KMZ, so the inner readers are reached).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import { decodeBytes, parseCsv } from '../../src/io/formats/csv.ts';
import { readDbf } from '../../src/io/formats/dbf_read.ts';
import { readFeatureCollection } from '../../src/io/formats/geojson_input.ts';
import { kmlFeatures } from '../../src/io/formats/kml_read.ts';
import { xlsxTable } from '../../src/io/formats/xlsx_read.ts';
import { parseXml } from '../../src/io/formats/xml_read.ts';
import { readZip } from '../../src/io/formats/zip_read.ts';
import { parseCrsOption, resolveCrs } from '../../src/io/import/crs.ts';
import { IMPORT_KINDS, type ImportKind, importFile } from '../../src/io/import/import_file.ts';
import { ROOT } from '../support/sample.ts';

const SEED = 20_261_122;
const RUNS = 300;
const BAD = join(ROOT, 'tests/fixtures/bad');

/** Runs `fn`; passes when it returns or throws a UserError with a message. */
async function userErrorOnly(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof UserError)) throw new Error(`not a UserError: ${(e as Error)?.stack ?? String(e)}`);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

const corpus = readdirSync(BAD)
  .filter((f) => !f.endsWith('.expected.json') && f !== 'base')
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(BAD, name))) }));
const zipped = corpus
  .filter(
    (f) => /\.(zip|xlsx|kmz)$/.test(f.name) && f.name !== 'zip_bomb.zip' && f.name !== 'zip_traversal.zip',
  )
  .map((f) => ({ name: f.name, entries: unzipSync(f.bytes) }));

const kind = fc.constantFrom<ImportKind>(...IMPORT_KINDS);
const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
/** Flips some bytes and maybe cuts the tail. */
function mutate(bytes: Uint8Array, changes: [number, number][], cut: number | undefined): Uint8Array {
  const b = bytes.slice(0, cut === undefined ? undefined : cut % (bytes.length + 1));
  for (const [i, v] of changes) if (b.length) b[i % b.length] = v;
  return b;
}
const options = fc.constantFrom(
  {},
  { vn2000Meridian: 108.5 },
  { crs: 'EPSG:3405' },
  { crs: 'EPSG:4326' },
  { swapped: 'reject' as const },
);
const params = { seed: SEED, numRuns: RUNS };

describe('fuzzing: text parsers', () => {
  const csvText = fc.array(
    fc.array(
      fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.constantFrom(
          'id',
          'lon',
          'lat',
          'x',
          'y',
          'wkt',
          'population',
          '"',
          '""',
          '108,05',
          '1e400',
          '\r',
          '\n',
        ),
      ),
      { maxLength: 8 },
    ),
    { maxLength: 10 },
  );
  it('parseCsv', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.constantFrom(',', ';', '\t'), async (rows, d) => {
        await userErrorOnly(() => parseCsv(rows.map((r) => r.join(d)).join('\n'), 'f.csv'));
      }),
      params,
    );
  });
  it('decodeBytes never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => {
        expect(typeof decodeBytes(b).text).toBe('string');
      }),
      params,
    );
  });
  it('readFeatureCollection on any JSON text or value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 4 })), async (v) => {
        await userErrorOnly(() =>
          readFeatureCollection(typeof v === 'string' ? v : JSON.stringify(v), 'f.geojson'),
        );
      }),
      params,
    );
  });
  const xmlish = fc
    .array(
      fc.constantFrom(
        '<',
        '>',
        '/',
        '<a>',
        '</a>',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '"',
        "'",
        '=',
        'x',
        ' ',
        '&amp;',
        '&#',
        '<?',
        '?>',
        '<!DOCTYPE [',
        ']',
      ),
      {
        maxLength: 60,
      },
    )
    .map((parts) => parts.join(''));
  it('parseXml', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(xmlish, fc.string({ maxLength: 300 })), async (text) => {
        await userErrorOnly(() => parseXml(text, 'f.xml'));
      }),
      params,
    );
  });
  it('kmlFeatures on mutated KML', async () => {
    const kml = new TextDecoder().decode(corpus.find((f) => f.name === 'postal.kml')!.bytes);
    await fc.assert(
      fc.asyncProperty(flips, fc.option(fc.nat(), { nil: undefined }), async (changes, cut) => {
        await userErrorOnly(() =>
          kmlFeatures(new TextDecoder().decode(mutate(strToU8(kml), changes, cut)), 'f.kml'),
        );
      }),
      params,
    );
  });
  it('coordinate system options and .prj text', async () => {
    const wkt = fc
      .array(
        fc.constantFrom(
          'PROJCS[',
          'GEOGCS[',
          '"VN_2000"',
          'DATUM["D_Vietnam_2000"',
          'Transverse_Mercator',
          'PARAMETER["Central_Meridian",',
          'PARAMETER["Scale_Factor",',
          '1e999',
          '-5',
          '108.5',
          'NaN',
          ']',
          ',',
          'UNIT["Meter",1]',
          'TOWGS84[1,2,3]',
        ),
        { maxLength: 20 },
      )
      .map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(wkt, fc.string({ maxLength: 100 })), async (text) => {
        await userErrorOnly(() =>
          resolveCrs({ kind: 'wkt', wkt: text }, 'x.prj').toWgs84(500_000, 1_500_000),
        );
        await userErrorOnly(() => resolveCrs(parseCrsOption(text), 'x'));
      }),
      params,
    );
  });
});

describe('fuzzing: binary parsers', () => {
  it('readZip on random bytes and mutated archives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => new Uint8Array([0x50, 0x4b, 3, 4, ...b])),
          fc
            .tuple(
              fc.constantFrom(...corpus.filter((f) => /\.(zip|xlsx|kmz)$/.test(f.name))),
              flips,
              fc.option(fc.nat(), { nil: undefined }),
            )
            .map(([f, c, cut]) => mutate(f.bytes, c, cut)),
        ),
        async (bytes) => {
          await userErrorOnly(() => readZip(bytes, 'f.zip'));
        },
      ),
      params,
    );
  });
  it('readDbf on random and mutated tables', async () => {
    const dbf = zipped.find((z) => z.name === 'shapefile.zip')!.entries['xa/xa.dbf']!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          fc.tuple(flips, fc.option(fc.nat(), { nil: undefined })).map(([c, cut]) => mutate(dbf, c, cut)),
        ),
        fc.constantFrom(null, 'UTF-8', '1258', 'bogus'),
        async (bytes, cpg) => {
          await userErrorOnly(() => readDbf(bytes, 'f.dbf', cpg));
        },
      ),
      params,
    );
  });
  it('xlsxTable, shapefiles and KMZ with their inner files mutated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zipped),
        fc.nat(),
        flips,
        fc.option(fc.nat(), { nil: undefined }),
        kind,
        async (z, which, changes, cut, k) => {
          const names = Object.keys(z.entries);
          const name = names[which % names.length]!;
          const bytes = zipSync(
            { ...z.entries, [name]: mutate(z.entries[name]!, changes, cut) },
            { level: 0 },
          );
          if (z.name.endsWith('.xlsx')) await userErrorOnly(() => xlsxTable(bytes, z.name));
          await userErrorOnly(() => importFile(bytes, z.name, k));
        },
      ),
      params,
    );
  });
});

describe('fuzzing: importFile, the entry point of the CLI and the app', () => {
  it('on every corpus file with bytes flipped and cut, as every kind, with every option', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...corpus),
        kind,
        flips,
        fc.option(fc.nat(), { nil: undefined }),
        options,
        async (f, k, changes, cut, o) => {
          await userErrorOnly(() => importFile(mutate(f.bytes, changes, cut), f.name, k, o));
        },
      ),
      { ...params, numRuns: RUNS * 3 },
    );
  });
  it('on random GeoJSON-shaped data', async () => {
    const geometry = fc.record(
      {
        type: fc.constantFrom(
          'Point',
          'MultiPoint',
          'LineString',
          'MultiLineString',
          'Polygon',
          'MultiPolygon',
          'GeometryCollection',
          'Nope',
        ),
        coordinates: fc.oneof(
          fc.jsonValue({ maxDepth: 5 }),
          fc.array(fc.array(fc.tuple(fc.double(), fc.double()), { maxLength: 6 }), { maxLength: 3 }),
        ),
        geometries: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: ['type'] },
    );
    const properties = fc.dictionary(
      fc.constantFrom(
        'id',
        'name',
        'population',
        'technology',
        'operator',
        'type',
        'staffed',
        'internet',
        'lon',
        'lat',
        'medium',
        'year',
        'radius_m',
        'azimuth_deg',
        'beamwidth_deg',
        'has_grid_power',
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const feature = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          type: fc.constant('Feature'),
          geometry: fc.oneof(geometry, fc.constant(null)),
          properties: fc.oneof(properties, fc.jsonValue({ maxDepth: 2 })),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(feature, { maxLength: 6 }),
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        kind,
        options,
        async (features, crs, k, o) => {
          const text = JSON.stringify({
            type: 'FeatureCollection',
            features,
            ...(crs === undefined ? {} : { crs }),
          });
          await userErrorOnly(() => importFile(strToU8(text), 'f.geojson', k, o));
        },
      ),
      { ...params, numRuns: RUNS * 2 },
    );
  });
  it('on long pathological text (no quadratic regex)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('1', 'a', ' ', '<a ', '&', '"', ',', ';', '('),
        fc.constantFrom('f.csv', 'f.kml', 'f.geojson'),
        kind,
        async (unit, name, k) => {
          const body = unit.repeat(200_000);
          const text = name === 'f.csv' ? `id,lon,lat,wkt\n1,${body},${body},LINESTRING(${body})\n` : body;
          await userErrorOnly(() => importFile(strToU8(text), name, k));
        },
      ),
      { ...params, numRuns: 40 },
    );
  });
});

describe('fuzzing: numeric fields with values of every JSON type (issue 12)', () => {
  /** The documented number formats, written independently of the importer. */
  const reference = (v: unknown): number | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v !== 'string') return null;
    const t = v.trim();
    const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)
      ? Number(t)
      : /^[+-]?\d+,\d+$/.test(t)
        ? Number(t.replace(',', '.'))
        : Number.NaN;
    return Number.isFinite(n) ? n : null;
  };
  const numberish = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.double(),
    fc.integer({ min: -10, max: 200_000 }),
    fc.boolean(),
    fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 2 }),
    fc.constantFrom(
      '',
      ' ',
      '0x10',
      '0b1',
      '0o7',
      'Infinity',
      '-Infinity',
      'NaN',
      '1e3',
      '12,5',
      '1,234,567',
    ),
    fc.constantFrom('1.5e2', ' 42 ', '+7', '.5', '5.', '1e999', '١٢', '12abc', '0', '-0'),
    fc.integer({ min: 0, max: 5000 }).map(String),
  );
  const point = { type: 'Point', coordinates: [108.05, 14.05] };
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [108, 14],
        [108.1, 14],
        [108.1, 14.1],
        [108, 14.1],
        [108, 14],
      ],
    ],
  };
  const line = {
    type: 'LineString',
    coordinates: [
      [108, 14],
      [108.1, 14.1],
    ],
  };
  const cases: {
    kind: ImportKind;
    field: string;
    geometry: unknown;
    base: Record<string, unknown>;
    ok: (n: number) => boolean;
    /** Absent (null, "", undefined) is allowed for optional fields. */
    optional: boolean;
  }[] = [
    {
      kind: 'boundaries',
      field: 'population',
      geometry: square,
      base: { id: 'C', name: 'Xã' },
      ok: (n) => n >= 0,
      optional: false,
    },
    {
      kind: 'sites',
      field: 'radius_m',
      geometry: point,
      base: { id: 'S', operator: 'VNPT', technology: '4G' },
      ok: (n) => n >= 1 && n <= 100_000,
      optional: true,
    },
    {
      kind: 'sites',
      field: 'height_m',
      geometry: point,
      base: { id: 'S', operator: 'VNPT', technology: '4G' },
      ok: (n) => n >= 0 && n <= 1000,
      optional: true,
    },
    {
      kind: 'villages',
      field: 'population',
      geometry: point,
      base: { id: 'V' },
      ok: (n) => n >= 0,
      optional: false,
    },
    {
      kind: 'population',
      field: 'population',
      geometry: point,
      base: {},
      ok: (n) => n >= 0,
      optional: false,
    },
    {
      kind: 'fiber',
      field: 'year',
      geometry: line,
      base: { id: 'F' },
      ok: (n) => Number.isInteger(n) && n > 1900 && n < 2100,
      optional: true,
    },
  ];
  it.each(cases.map((c) => [`${c.kind}.${c.field}`, c] as const))('%s', async (_label, c) => {
    await fc.assert(
      fc.asyncProperty(numberish, async (value) => {
        const properties = { ...c.base, [c.field]: value };
        const text = JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties, geometry: c.geometry }],
        });
        const r = await importFile(strToU8(text), 'f.geojson', c.kind).catch((e: unknown) => {
          if (!(e instanceof UserError)) throw e;
          return null; // every feature rejected (boundaries): a UserError with the issues
        });
        const n = reference(value);
        const absent = value === null || value === '' || (typeof value === 'string' && value.trim() === '');
        const kept = r?.items[0] as Record<string, unknown> | undefined;
        if (n !== null && c.ok(n)) {
          expect(kept?.[c.field]).toBe(n);
        } else if (absent && c.optional) {
          expect(kept).toBeDefined();
          expect(kept?.[c.field] ?? null).toBeNull();
        } else {
          expect(kept).toBeUndefined();
          if (r) expect(r.issues.some((i) => i.severity === 'error' && i.field === c.field)).toBe(true);
        }
      }),
      { ...params, numRuns: 150 },
    );
  });
  it('CSV coordinates: kept only when they are numbers in the documented formats', async () => {
    const cell = fc.oneof(
      numberish.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
      fc.constantFrom('108.05', '108,05', '1.0805e2', '0x6C', '0b1101100', 'Infinity'),
    );
    await fc.assert(
      fc.asyncProperty(cell, async (lon) => {
        const csv = `id;lon;lat;technology;operator\nS1;${lon.replace(/[;"\r\n]/g, '')};14.05;4G;VNPT\n`;
        const r = await importFile(strToU8(csv), 'f.csv', 'sites').catch((e: unknown) => {
          if (!(e instanceof UserError)) throw e;
          return null; // e.g. "projected metres": refused as a whole, with the fix
        });
        const n = reference(lon.replace(/[;"\r\n]/g, ''));
        if (n !== null && Math.abs(n) <= 180) expect(r?.items[0]).toMatchObject({ lon: n });
        else if (r) {
          expect(r.items).toEqual([]);
          expect(r.issues[0]).toMatchObject({ severity: 'error', row: 2, field: 'lon' });
        }
      }),
      { ...params, numRuns: 150 },
    );
  });
});
