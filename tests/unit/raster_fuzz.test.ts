/**
 * Seeded fuzzing (fast-check) of the GeoTIFF population reader (issue 12, raster part): random byte
 * mutations of valid small TIFFs (one written by buildTiff, one by geotiff.js' writeArrayBuffer) and
 * random header fields (sizes, strip layout, compression, georeferencing, GeoKeys, nodata, cells). Every
 * outcome is a result or a UserError, never another exception; a result's points are finite WGS 84
 * positions with a finite population in (0, the per-cell limit]. A hang fails by the test timeout.
 */
import fc from 'fast-check';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { buildTiff, geokeys, georef, type TiffTag } from '../../scripts/bad_fixtures/raster.ts';
import { UserError } from '../../src/core/base/errors.ts';
import { IMPORT_LIMITS } from '../../src/io/formats/limits.ts';
import { importFile } from '../../src/io/import/import_file.ts';
import { populationFromGeoTIFF } from '../../src/io/import/population.ts';

const SEED = 20_261_201;
const RUNS = 250;
/** A small cell limit, so that a header that passes every check still allocates little. */
const MAX_CELLS = 4096;

/** Outcomes seen, so that a test can tell it reached the decoder and not only the header checks. */
const seen = { results: 0, refused: 0, messages: new Set<string>() };

async function check(bytes: Uint8Array): Promise<void> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let r: Awaited<ReturnType<typeof populationFromGeoTIFF>>;
  try {
    r = await populationFromGeoTIFF(buffer, 'f.tif', MAX_CELLS);
  } catch (e) {
    if (!(e instanceof UserError)) throw new Error(`not a UserError: ${(e as Error)?.stack ?? String(e)}`);
    expect(e.message).toMatch(/^f\.tif: ./);
    seen.refused++;
    seen.messages.add(e.message.replace(/[\d,.]+/g, 'N').slice(0, 60));
    return;
  }
  for (const p of r.points) {
    expect(Number.isFinite(p.lon) && Math.abs(p.lon) <= 180).toBe(true);
    expect(Number.isFinite(p.lat) && Math.abs(p.lat) <= 90).toBe(true);
    expect(Number.isFinite(p.population)).toBe(true);
    expect(p.population).toBeGreaterThan(0);
    expect(p.population).toBeLessThanOrEqual(IMPORT_LIMITS.rasterCellPeople);
  }
  expect(Number.isFinite(r.points.reduce((s, p) => s + p.population, 0))).toBe(true);
  seen.results++;
}

const cells = [10, 20, Number.NaN, -5, 3.4e38, Number.POSITIVE_INFINITY, 0, 7, 1, 2, 3, 4];
const mine = buildTiff({
  width: 4,
  height: 3,
  cells,
  tags: [...georef(108, 14.1, 0.05), geokeys(4326, false), { tag: 42113, type: 2, values: '-99999' }],
});
const theirs = new Uint8Array(
  writeArrayBuffer(new Float32Array(cells), {
    width: 4,
    height: 3,
    ModelPixelScale: [0.05, 0.05, 0],
    ModelTiepoint: [0, 0, 0, 108, 14.1, 0],
    GeographicTypeGeoKey: 4326,
    GDAL_NODATA: '-99999',
  } as Parameters<typeof writeArrayBuffer>[1]),
);

const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
function mutate(bytes: Uint8Array, changes: [number, number][], cut: number | undefined): Uint8Array {
  const b = bytes.slice(0, cut === undefined ? undefined : cut % (bytes.length + 1));
  for (const [i, v] of changes) if (b.length) b[i % b.length] = v;
  return b;
}

describe('GeoTIFF reader fuzzing (seeded)', () => {
  it('valid small TIFFs are read, with only finite populations', async () => {
    await check(mine);
    await check(theirs);
    const r = await populationFromGeoTIFF(theirs.slice().buffer, 'f.tif');
    expect(r.points.map((p) => p.population)).toEqual([10, 20, 7, 1, 2, 3, 4]);
  });

  it('random byte mutations: a result or a UserError', async () => {
    seen.results = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(mine, theirs),
        flips,
        fc.option(fc.nat(), { nil: undefined }),
        async (base, changes, cut) => check(mutate(base, changes, cut)),
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // Both outcomes happen (the file is usually cut, so refusals are the most common).
    expect(seen.results).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  }, 120_000);

  it('mutations inside the image directory (where the header lies): a result or a UserError', async () => {
    const ifd = new DataView(mine.buffer).getUint32(4, true);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: ifd, max: mine.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (changes) => check(mutate(mine, changes, undefined)),
      ),
      { seed: SEED + 1, numRuns: RUNS },
    );
  }, 120_000);

  const u32 = fc.oneof(fc.integer({ min: 0, max: 70 }), fc.nat(), fc.constant(0xffffffff));
  const double = fc.oneof(
    fc.double({ min: -200, max: 200, noNaN: true }),
    fc.double(),
    fc.constantFrom(0, 1e6, 1e300, Number.NaN, Number.POSITIVE_INFINITY),
  );
  /** Mostly absent (the valid value stays), sometimes a random replacement. */
  const rarely = <T>(a: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
  const tag = (n: number, type: 3 | 4, v: fc.Arbitrary<number>) =>
    rarely(fc.array(v, { minLength: 0, maxLength: 3 }).map((values): TiffTag => ({ tag: n, type, values })));
  const valid = (values: number[]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(values) },
      { weight: 1, arbitrary: fc.array(double, { minLength: 0, maxLength: values.length }) },
    );
  const header = fc.record({
    width: fc.integer({ min: 1, max: 8 }),
    height: fc.integer({ min: 1, max: 8 }),
    cells: fc.array(
      fc.oneof(fc.float({ noDefaultInfinity: false }), fc.constantFrom(0, -99999, Number.NaN, 3.4e38)),
      { maxLength: 64 },
    ),
    overrides: fc.tuple(
      tag(256, 4, u32),
      tag(257, 4, u32),
      tag(258, 3, fc.constantFrom(0, 1, 8, 16, 32, 64, 65535)),
      tag(259, 3, fc.constantFrom(1, 5, 7, 8, 32773, 50000, 34887)),
      tag(273, 4, u32),
      tag(277, 3, fc.constantFrom(0, 1, 2, 3, 255)),
      tag(278, 4, u32),
      tag(279, 4, u32),
      tag(284, 3, fc.constantFrom(1, 2, 3)),
      tag(322, 4, fc.constantFrom(0, 1, 16, 4096, 0xffffffff)),
      tag(323, 4, fc.constantFrom(0, 1, 16, 4096)),
      tag(339, 3, fc.constantFrom(1, 2, 3, 4, 9)),
    ),
    scale: valid([0.05, 0.05, 0]),
    tie: valid([0, 0, 0, 108, 14.1, 0]),
    transformation: rarely(fc.array(double, { minLength: 16, maxLength: 16 })),
    code: fc.option(fc.constantFrom(4326, 4756, 32648, 3405, 3857, 2154, 32767, 0), { nil: undefined }),
    projected: fc.boolean(),
    nodata: fc.option(fc.constantFrom('-99999', 'nan', '', 'abc', '1e400', '0'), { nil: undefined }),
  });

  it('random header fields: a result or a UserError', async () => {
    seen.results = 0;
    seen.messages.clear();
    await fc.assert(
      fc.asyncProperty(header, async (h) => {
        const tags: TiffTag[] = [];
        if (h.scale.length) tags.push({ tag: 33550, type: 12, values: h.scale });
        if (h.tie.length) tags.push({ tag: 33922, type: 12, values: h.tie });
        if (h.transformation) tags.push({ tag: 34264, type: 12, values: h.transformation });
        if (h.code !== undefined) tags.push(geokeys(h.code, h.projected));
        if (h.nodata !== undefined) tags.push({ tag: 42113, type: 2, values: h.nodata });
        const override = h.overrides.filter((t): t is TiffTag => t !== undefined);
        const cellsOf = Array.from({ length: h.width * h.height }, (_, i) => h.cells[i] ?? 1);
        await check(buildTiff({ width: h.width, height: h.height, cells: cellsOf, tags, override }));
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
    // Both outcomes, and many different refusals (from the header checks and from geotiff.js).
    expect(seen.results).toBeGreaterThan(0);
    expect(seen.messages.size).toBeGreaterThan(10);
  }, 120_000);

  it('through importFile (the one entry point): a result or a UserError', async () => {
    await fc.assert(
      fc.asyncProperty(flips, async (changes) => {
        try {
          const r = await importFile(mutate(mine, changes, undefined), 'f.tif', 'population');
          expect(r.items.every((p) => Number.isFinite(p.population))).toBe(true);
        } catch (e) {
          if (!(e instanceof UserError)) throw new Error(`not a UserError: ${(e as Error)?.stack}`);
        }
      }),
      { seed: SEED + 3, numRuns: 100 },
    );
  }, 120_000);
});
