/**
 * The column mappings the user chose in the mapping form, remembered in localStorage by kind and by the
 * file's header: the next file with the same header imports with that mapping directly.
 */

const KEY = 'vungphu.columns.v1';
/** At most this many headers are remembered (the oldest go first). */
const MAX_REMEMBERED = 50;

type Remembered = Record<string, Record<string, string>>;

/** The memory's key of a header: the kind and the columns, trimmed and lower-cased, in order. */
function headerId(kind: string, header: readonly string[]): string {
  return `${kind}|${header.map((h) => h.trim().toLowerCase()).join('\u001f')}`;
}

function read(store: Storage | undefined): Remembered {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Remembered) : {};
  } catch {
    return {};
  }
}

const browserStorage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (privacy settings)
  }
};

/**
 * The mapping remembered for this kind and header, when every column it names is still in the
 * header; null otherwise.
 */
export function rememberedColumns(
  kind: string,
  header: readonly string[],
  store: Storage | undefined = browserStorage(),
): Record<string, string> | null {
  const entry = read(store)[headerId(kind, header)];
  if (!entry || typeof entry !== 'object') return null;
  const columns = Object.entries(entry).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && header.includes(e[1]),
  );
  if (columns.length === 0 || columns.length !== Object.keys(entry).length) return null;
  return Object.fromEntries(columns);
}

/** Remembers the mapping chosen for this kind and header (quietly nothing when storage is blocked). */
export function rememberColumns(
  kind: string,
  header: readonly string[],
  columns: Record<string, string>,
  store: Storage | undefined = browserStorage(),
): void {
  const all = read(store);
  const id = headerId(kind, header);
  delete all[id];
  all[id] = columns;
  const ids = Object.keys(all);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED))) delete all[old];
  try {
    store?.setItem(KEY, JSON.stringify(all));
  } catch {
    // full or blocked: the mapping is used for this import only
  }
}
