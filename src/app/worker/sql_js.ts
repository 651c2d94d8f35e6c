/**
 * sql.js (SQLite compiled to WebAssembly) in the app's worker, with its .wasm from the app's own origin
 * (no network beyond it): the GeoPackage exports write with it and the GeoPackage import reads with it.
 * Loaded once, on first use.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';

let sql: Promise<SqlJsStatic> | null = null;

/** The initialised sql.js, shared by the worker's exports and imports. */
export function sqlJs(): Promise<SqlJsStatic> {
  sql ??= initSqlJs({ locateFile: () => new URL(sqlWasmUrl, self.location.href).href });
  return sql;
}
