import { type InputIssue, UserError } from '../core/base/errors.ts';
import type { Commune } from '../core/base/types.ts';
import type { TableKind } from '../io/import/column_aliases.ts';
import { parseMeridian } from '../io/import/crs.ts';
import type { ColumnMap } from '../io/import/header_mapping.ts';
import {
  type ImportKind,
  type ImportOptions,
  type ImportResult,
  importFile,
} from '../io/import/import_file.ts';
import { type ColumnFlags, parseColumnFlags } from './column_flags.ts';
import { SAMPLE } from './paths.ts';
import { readBytes } from './read_inputs.ts';

/**
 * Reads every spatial input of a command through `importFile`, the importer the app uses (any format,
 * coordinate system, swapped coordinates, size and zip limits), collecting the issues and the summary
 * lines to print.
 */
export class InputLoader {
  readonly issues: InputIssue[] = [];
  readonly summaries: string[] = [];
  private readonly options: ImportOptions;
  private readonly columns: Map<TableKind, ColumnMap>;
  /** The kinds read so far. */
  private readonly loaded = new Set<ImportKind>();

  constructor(
    flags: {
      crs?: string | undefined;
      'vn2000-meridian'?: string | undefined;
      swapped?: string | undefined;
    } & ColumnFlags,
  ) {
    this.columns = parseColumnFlags(flags);
    const swapped = flags.swapped ?? 'fix';
    if (swapped !== 'fix' && swapped !== 'reject')
      throw new UserError(`--swapped must be fix or reject (got "${swapped}").`);
    this.options = {
      swapped,
      crsScope: 'undeclared-metres',
      ...(flags.crs ? { crs: flags.crs } : {}),
      ...(flags['vn2000-meridian'] ? { vn2000Meridian: parseMeridian(flags['vn2000-meridian']) } : {}),
    };
  }

  /**
   * The communes: `--boundaries` (with its field options), else the bundled set `--boundary-set`
   * (2025 by default, or pre2025).
   */
  async loadBoundaries(flags: {
    boundaries?: string | undefined;
    'id-field'?: string | undefined;
    'name-field'?: string | undefined;
    'population-field'?: string | undefined;
    'boundary-set'?: string | undefined;
  }): Promise<{ path: string; communes: Commune[] }> {
    const set = flags['boundary-set'] ?? '2025';
    if (set !== 'pre2025' && set !== '2025')
      throw new UserError(`--boundary-set must be pre2025 or 2025 (got "${set}").`);
    const path = flags.boundaries ?? SAMPLE.boundaries[set];
    const r = await this.load(path, 'boundaries', {
      boundaryFields: {
        ...(flags['id-field'] ? { idField: flags['id-field'] } : {}),
        ...(flags['name-field'] ? { nameField: flags['name-field'] } : {}),
        ...(flags['population-field'] ? { populationField: flags['population-field'] } : {}),
      },
    });
    return { path, communes: r.items };
  }

  /**
   * Refuses a column mapping for an input that was not read (`--postal-columns` without `--postal`):
   * called once every input is loaded.
   */
  checkColumnsUsed(): void {
    const unused = [...this.columns.keys()].filter((k) => !this.loaded.has(k));
    if (unused.length)
      throw new UserError(
        `a column mapping for ${unused.join(', ')} was given, but no ${unused.map((k) => `--${k}`).join(', ')} file is read.`,
      );
  }

  /** Imports one file as one kind of record. */
  async load<K extends ImportKind>(
    path: string,
    kind: K,
    extra: ImportOptions = {},
  ): Promise<ImportResult<K>> {
    const columns = kind === 'boundaries' || kind === 'settlements' ? undefined : this.columns.get(kind);
    if (columns && (SAMPLE as Record<string, unknown>)[kind] === path)
      throw new UserError(
        `a column mapping for ${kind} was given, but no --${kind} file: the bundled sample needs none.`,
      );
    const r = await importFile(readBytes(path, `--${kind}`), path, kind, {
      ...this.options,
      ...(columns ? { columns } : {}),
      ...extra,
    });
    this.loaded.add(kind);
    this.issues.push(...r.issues);
    this.summaries.push(r.summary);
    if (r.columnsNote) this.summaries.push(`  ${r.columnsNote}`);
    return r;
  }
}
