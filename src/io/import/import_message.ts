import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { type ColumnRequest, ColumnsError } from './header_mapping.ts';
import { type ImportKind, type ImportOptions, type ImportResult, importFile } from './import_file.ts';

/** A request to import one file, as posted to a Web Worker (everything structured-cloneable). */
export interface ImportRequest<K extends ImportKind = ImportKind> {
  bytes: ArrayBuffer | Uint8Array;
  fileName: string;
  kind: K;
  options?: ImportOptions;
}

/**
 * The answer, plain data that survives postMessage: the import result, or the error. `user` errors are
 * bad input (show the message and the issues); `bug` errors are ours (show "please report").
 */
export type ImportResponse<K extends ImportKind = ImportKind> =
  | { ok: true; result: ImportResult<K> }
  | {
      ok: false;
      error: {
        kind: 'user' | 'bug';
        message: string;
        issues: InputIssue[];
        /** A table whose required columns were not found: what a mapping form needs. */
        columns?: ColumnRequest;
      };
    };

/**
 * Worker-callable import: runs `importFile` and never throws, so a worker's `onmessage` can post the
 * answer straight back: `self.onmessage = async (e) => self.postMessage(await runImport(e.data))`.
 */
export async function runImport<K extends ImportKind>(request: ImportRequest<K>): Promise<ImportResponse<K>> {
  const bytes = request.bytes instanceof Uint8Array ? request.bytes : new Uint8Array(request.bytes);
  try {
    return {
      ok: true,
      result: await importFile(bytes, request.fileName, request.kind, request.options ?? {}),
    };
  } catch (e) {
    if (e instanceof ColumnsError)
      return { ok: false, error: { kind: 'user', message: e.message, issues: e.issues, columns: e.request } };
    if (e instanceof UserError)
      return { ok: false, error: { kind: 'user', message: e.message, issues: e.issues } };
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return {
      ok: false,
      error: {
        kind: 'bug',
        message: `internal error while importing ${request.fileName}: ${message}`,
        issues: [],
      },
    };
  }
}
