/**
 * The corpus of bad and awkward files in tests/fixtures/bad/ (made by scripts/make_bad_fixtures.ts),
 * each run through EVERY import path with the expectations of its `<name>.expected.json`:
 * - the app's import as its worker runs it (`validateImport`, with the kind detected from the file);
 * - `importFile`, the function under both: the UserError, or the summary, every issue
 *   (severity, row or feature path, field, message) and the records kept, and rejected.csv's content;
 * - the CLI (`vungphu analyze`): exit code 1 with the same message, or exit 0 with every issue and the
 *   summary on stderr and rejected.csv in the output folder when rows were rejected.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatIssue, type InputIssue, UserError } from '../../src/core/base/errors.ts';
import { type ImportKind, type ImportOptions, importFile } from '../../src/io/import/import_file.ts';
import { rejectedRowsCsv } from '../../src/io/import/rejected_rows.ts';
import { BAD, baseCommunes, cases, corpus, type ExpectedIssue, importAsApp } from '../support/bad_corpus.ts';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const run = promisify(execFile);

const base = await baseCommunes();

/** Turns `{ "closeTo": [v, digits] }` into expect.closeTo, recursively. */
function matcher(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(matcher);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.closeTo)) return expect.closeTo(o.closeTo[0] as number, o.closeTo[1] as number);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, matcher(x)]));
  }
  return v;
}

/** Checks an item against its expectation; `firstPosition` and `rings` look into a commune's geometry. */
function checkItem(item: Record<string, unknown>, expected: Record<string, unknown>): void {
  const { firstPosition, rings, ...rest } = expected;
  expect(item).toMatchObject(matcher(rest) as Record<string, unknown>);
  const geometry = item.geometry as { type: string; coordinates: unknown } | undefined;
  const polys = geometry
    ? ((geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][])
    : [];
  if (firstPosition) expect(polys[0]![0]![0]).toEqual(matcher(firstPosition));
  if (rings !== undefined) expect(polys[0]).toHaveLength(rings as number);
}

const issueMatcher = (e: ExpectedIssue) => ({
  severity: e.severity,
  ...(e.path !== undefined ? { path: e.path } : {}),
  ...(e.row !== undefined ? { row: e.row } : {}),
  ...(e.field !== undefined ? { field: e.field } : {}),
  message: expect.stringContaining(e.message),
});

function cliArgs(kind: ImportKind, file: string, options: ImportOptions, out: string): string[] {
  const args = ['analyze', '--out', out];
  args.push('--boundaries', kind === 'boundaries' ? file : 'base/boundaries.geojson');
  args.push('--sites', kind === 'sites' ? file : 'base/sites.csv');
  if (kind !== 'boundaries' && kind !== 'sites') args.push(`--${kind}`, file);
  if (options.vn2000Meridian !== undefined) args.push('--vn2000-meridian', String(options.vn2000Meridian));
  if (typeof options.crs === 'string') args.push('--crs', options.crs);
  if (options.swapped) args.push('--swapped', options.swapped);
  return args;
}

describe('every corpus file has a sidecar and every sidecar a file', () => {
  it('pairs them', () => {
    const inputs = readdirSync(BAD).filter((f) => !f.endsWith('.expected.json') && f !== 'base');
    expect(inputs.sort()).toEqual(corpus.map((c) => c.file));
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });
  it('keeps binary fixtures small (a few KB; the zip bomb too)', () => {
    for (const c of corpus) expect(readFileSync(join(BAD, c.file)).length).toBeLessThan(10_000);
  });
});

describe('importFile (the app import)', () => {
  it.each(cases)('$label', async ({ file, kind, c }) => {
    const options: ImportOptions = { ...(c.options ?? {}), reference: base };
    const bytes = new Uint8Array(readFileSync(join(BAD, file)));
    if (c.error) {
      const error = await importFile(bytes, file, kind, options).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toContain(c.error);
      if (c.errorAlso) expect((error as UserError).message).toContain(c.errorAlso);
      return;
    }
    const r = await importFile(bytes, file, kind, options);
    expect(r.summary).toBe(`${file}: ${c.summary}`);
    expect(r.issues).toHaveLength(c.issues!.length);
    for (const [i, e] of c.issues!.entries()) expect(r.issues[i]).toMatchObject(issueMatcher(e));
    expect(r.issues.every((i) => i.file === file)).toBe(true);
    for (const [i, e] of (c.items ?? []).entries())
      checkItem(r.items[i] as unknown as Record<string, unknown>, e);
    expect(r.kept + r.rejected).toBe(r.total);
    const csv = rejectedRowsCsv(r.issues);
    for (const s of c.rejectedCsv ?? []) expect(csv).toContain(s);
  });
});

describe("the app's import (validateImport, as the worker runs it; the kind detected from the file)", () => {
  it.each(cases)('$label', async ({ file, kind, c }) => {
    const r = await importAsApp(file, c, base);
    if (c.error) {
      expect(r.fatal).toContain(c.error);
      if (c.errorAlso) expect(r.fatal).toContain(c.errorAlso);
      expect(r.kept).toBe(0);
      return;
    }
    // Every corpus file's kind is detected from its fields.
    expect(r.kind).toBe(kind);
    expect(r.summary).toBe(`${file}: ${c.summary}`);
    expect(r.issues).toHaveLength(c.issues!.length);
    for (const [i, e] of c.issues!.entries()) expect(r.issues[i]).toMatchObject(issueMatcher(e));
    expect(r.rejectedCsv !== null).toBe(c.issues!.some((i) => i.severity === 'error'));
    for (const s of c.rejectedCsv ?? []) expect(r.rejectedCsv).toContain(s);
  });
});

describe('the CLI (vungphu analyze)', () => {
  it.concurrent.each(cases)('$label', async ({ file, kind, c }) => {
    const out = mkdtempSync(join(tmpdir(), 'vungphu-corpus-'));
    const args = cliArgs(kind, file, c.options ?? {}, out);
    const result = await run(process.execPath, [BIN, ...args], { cwd: BAD, encoding: 'utf8' }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.stderr).not.toMatch(/internal error|\bat .*\.ts:\d+/);
    if (c.error) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`error: ${c.error}`);
      if (c.errorAlso) expect(result.stderr).toContain(c.errorAlso);
      return;
    }
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${file}: ${c.summary}`);
    const lines = result.stderr.split('\n');
    for (const e of c.issues!) {
      const prefix = `${e.severity}: ${formatIssue({ ...e, file, path: e.path ?? '', message: '' } as InputIssue)}`;
      expect(
        lines.some((l) => l.startsWith(prefix) && l.includes(e.message)),
        `${prefix}…${e.message}`,
      ).toBe(true);
    }
    const rejected = join(out, 'rejected.csv');
    expect(existsSync(rejected)).toBe(c.issues!.some((i) => i.severity === 'error'));
    if (c.rejectedCsv) {
      const csv = readFileSync(rejected, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      for (const s of c.rejectedCsv) expect(csv).toContain(s);
    }
  });
});
