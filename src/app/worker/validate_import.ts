import { UserError } from '../../core/base/errors.ts';
import type { Commune } from '../../core/base/types.ts';
import type { DatasetKind } from '../state/dataset_kind.ts';
import { detectFileKind } from './detect_file_kind.ts';
import { readImported } from './read_dataset.ts';
import { failedImport, type ImportPayload, type ImportReport } from './worker_protocol.ts';

/**
 * Checks a file the user is importing: detects its kind when asked, then imports it against the
 * communes loaded (for swapped latitude/longitude) and reports what was kept and rejected. The import
 * worker's `validate` request; never throws for a user's file (only for a bug).
 */
export async function validateImport(
  dataset: ImportPayload,
  communes?: readonly Commune[],
  read: typeof readImported = readImported,
): Promise<ImportReport> {
  let kind: DatasetKind | null = dataset.kind === 'auto' ? null : dataset.kind;
  if (kind === null) {
    try {
      kind = detectFileKind(
        new Uint8Array(dataset.bytes ?? new TextEncoder().encode(dataset.text ?? '')),
        dataset.name,
      );
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return failedImport('sites', dataset.name, error.message, error.issues);
    }
    if (kind === null)
      return failedImport(
        'sites',
        dataset.name,
        `${dataset.name}: could not tell what the file holds from its fields; choose its kind and import it again.`,
      );
  }
  const reference = kind === 'boundaries' ? undefined : communes;
  return (await read({ ...dataset, kind }, reference)).report;
}
