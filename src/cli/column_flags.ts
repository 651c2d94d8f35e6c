/**
 * The column-mapping flags: `--columns` and `--sites-columns`, `--postal-columns`, … Each takes
 * `field=Column` pairs separated by commas (`id="Mã trạm",lon="Kinh độ"`; quote a column holding a
 * comma). An entry of `--columns` may start with its kind (`postal:id="Mã bưu cục"`); one without a
 * kind is for the sites file.
 */
import { UserError } from '../core/base/errors.ts';
import { TABLE_KINDS, type TableKind } from '../io/import/column_aliases.ts';
import type { ColumnMap } from '../io/import/header_mapping.ts';
import type { COLUMN_FLAG_OPTIONS } from './import_flags.ts';

export type ColumnFlags = { [K in keyof typeof COLUMN_FLAG_OPTIONS]?: string | undefined };

/** Splits `a=b,c="d, e"` at the commas outside double quotes. */
function entries(text: string, flag: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new UserError(`${flag}: a quoted column name is never closed (${text}).`);
  out.push(cur);
  return out.map((e) => e.trim()).filter((e) => e !== '');
}

const unquote = (s: string) =>
  s
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .trim();

function add(maps: Map<TableKind, ColumnMap>, kind: TableKind, field: string, column: string, flag: string) {
  const map = maps.get(kind) ?? {};
  if (Object.hasOwn(map, field))
    throw new UserError(
      `${flag}: the ${kind} field ${field} is given twice ("${map[field]}" and "${column}"); give it once.`,
    );
  Object.defineProperty(map, field, { value: column, enumerable: true, writable: true, configurable: true });
  maps.set(kind, map);
}

/**
 * The mapping of each kind from the column flags: kind → field → column. A malformed entry or a field
 * given twice is a UserError naming the flag; fields and columns are checked against each file when it
 * is imported.
 */
export function parseColumnFlags(flags: ColumnFlags): Map<TableKind, ColumnMap> {
  const maps = new Map<TableKind, ColumnMap>();
  const read = (flag: string, text: string, fixedKind: TableKind | null) => {
    for (const entry of entries(text, flag)) {
      const eq = entry.indexOf('=');
      if (eq < 0) throw new UserError(`${flag}: "${entry}" is not field=Column (for example id="Mã trạm").`);
      let field = unquote(entry.slice(0, eq));
      const column = unquote(entry.slice(eq + 1));
      let kind: TableKind = fixedKind ?? 'sites';
      const colon = field.indexOf(':');
      if (fixedKind === null && colon >= 0) {
        const k = field.slice(0, colon).trim();
        if (!(TABLE_KINDS as readonly string[]).includes(k))
          throw new UserError(`${flag}: unknown input "${k}" in "${entry}"; use ${TABLE_KINDS.join(', ')}.`);
        kind = k as TableKind;
        field = field.slice(colon + 1).trim();
      }
      if (field === '' || column === '')
        throw new UserError(`${flag}: "${entry}" needs a field and a column (for example id="Mã trạm").`);
      add(maps, kind, field, column, flag);
    }
  };
  if (flags.columns !== undefined) read('--columns', flags.columns, null);
  for (const kind of TABLE_KINDS) {
    const text = flags[`${kind}-columns`];
    if (text !== undefined) read(`--${kind}-columns`, text, kind);
  }
  return maps;
}
