/**
 * The corpus of bad and awkward files in tests/fixtures/bad/ (made by scripts/make_bad_fixtures.ts):
 * each file with its `<name>.expected.json` sidecar, the boundaries the other kinds are checked against,
 * and the import as the app's worker runs it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportChoice } from '../../src/app/state/dataset_kind.ts';
import { validateImport } from '../../src/app/worker/validate_import.ts';
import type { ImportReport } from '../../src/app/worker/worker_protocol.ts';
import type { Commune } from '../../src/core/base/types.ts';
import { type ImportKind, type ImportOptions, importFile } from '../../src/io/import/import_file.ts';
import { ROOT } from './sample.ts';

export const BAD = join(ROOT, 'tests/fixtures/bad');

export interface ExpectedIssue {
  severity: 'error' | 'warning';
  path?: string;
  row?: number;
  field?: string;
  message: string;
}
export interface Case {
  options?: ImportOptions;
  error?: string;
  errorAlso?: string;
  summary?: string;
  issues?: ExpectedIssue[];
  items?: Record<string, unknown>[];
  rejectedCsv?: string[];
}
export interface Sidecar {
  kind: ImportKind;
  problem: string;
  cases: Case[];
}

/** Every corpus file with its sidecar, by file name. */
export const corpus = readdirSync(BAD)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => ({
    file: f.replace(/\.expected\.json$/, ''),
    sidecar: JSON.parse(readFileSync(join(BAD, f), 'utf8')) as Sidecar,
  }));

/** Every case of every file, with a label for `it.each`. */
export const cases = corpus.flatMap(({ file, sidecar }) =>
  sidecar.cases.map((c, i) => ({
    file,
    kind: sidecar.kind,
    c,
    label: `${file} (${sidecar.problem}), case ${i + 1} ${JSON.stringify(c.options ?? {})}`,
  })),
);

/** The corpus' own boundaries: swapped coordinates are detected against them. */
export async function baseCommunes(): Promise<Commune[]> {
  const bytes = new Uint8Array(readFileSync(join(BAD, 'base/boundaries.geojson')));
  return (await importFile(bytes, 'base.geojson', 'boundaries')).items;
}

/** A corpus file imported as the app's worker imports it: the kind detected, the case's choices. */
export function importAsApp(file: string, c: Case, base: readonly Commune[]): Promise<ImportReport> {
  const o = c.options ?? {};
  const choice: ImportChoice = {
    ...(typeof o.crs === 'string' ? { crs: o.crs } : {}),
    ...(o.vn2000Meridian !== undefined ? { vn2000Meridian: o.vn2000Meridian } : {}),
    ...(o.swapped ? { swapped: o.swapped } : {}),
  };
  const bytes = readFileSync(join(BAD, file));
  return validateImport(
    {
      kind: 'auto',
      name: file,
      bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      options: choice,
      importedAt: '',
    },
    base,
  );
}
