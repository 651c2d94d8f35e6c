/**
 * Reading one field of a record (a CSV row, a GeoJSON feature's properties, a KML/DBF attribute set),
 * the same way for every kind. Numbers are JSON numbers or numeric text in the documented formats only:
 * digits with a decimal point or a decimal comma ("12,5"), optionally signed, optionally in scientific
 * notation ("1.5e3"). Booleans, arrays, objects, blank text, hex ("0x10"), binary ("0b1"), octal
 * ("0o7"), "Infinity" and "NaN" are not numbers. Ids are text or numbers. Lookups see own properties
 * only, never inherited ones or a `__proto__` key's object.
 */
import { showValue as boundedValue } from '../../core/base/show_value.ts';
import { coordinateField, coordinateProblem } from './geojson_input.ts';

/** The longest value shown in a message, in characters. */
export const SHOWN_CHARS = 60;

/** A value as a message shows it: JSON, cut to SHOWN_CHARS characters. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  // Bounded in depth and length while it is built (a 5,000-level nesting or a 50 MB string costs little).
  const s = boundedValue(v, SHOWN_CHARS * 2);
  return s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 1)}…` : s;
}

/** What kind of JSON value this is, for messages ("a boolean", "an array", …). */
export function valueKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'string') return v.trim() === '' ? 'blank text' : 'text';
  return `a ${typeof v}`;
}

/** The record's own property `key`, or undefined (inherited properties are never read). */
export function own(rec: Record<string, unknown> | null | undefined, key: string): unknown {
  return rec && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** True when a field is absent: undefined, null, or blank text. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

const DECIMAL_POINT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** Parses numeric text (decimal point or decimal comma, scientific notation); null when not a number. */
export function parseNumberText(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const t = raw.trim();
  let v: number;
  if (DECIMAL_POINT.test(t)) v = Number(t);
  else if (DECIMAL_COMMA.test(t)) v = Number(t.replace(',', '.'));
  else return null;
  return Number.isFinite(v) ? v : null;
}

/** A field's value as a number (a finite JSON number or numeric text), or null when it is not one. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return parseNumberText(v);
  return null;
}

/**
 * Why a value that is present is not a number, or null when it is one: "is a boolean, not a number
 * (got true)". Callers prefix the field name.
 */
export function notANumber(v: unknown): string | null {
  if (toNumber(v) !== null) return null;
  if (typeof v === 'string' || typeof v === 'number') return `is not a number (got ${showValue(v)})`;
  return `is ${valueKind(v)}, not a number (got ${showValue(v)})`;
}

/**
 * An id field: text (NFC, trimmed) or a finite number, as text. `missing` when absent or blank; a
 * `problem` naming the field when it is a boolean, an array or an object.
 */
export function idValue(v: unknown, field: string): { id: string } | { missing: true } | { problem: string } {
  if (isBlank(v)) return { missing: true };
  if (typeof v === 'string') return { id: v.normalize('NFC').trim() };
  if (typeof v === 'number' && Number.isFinite(v)) return { id: String(v) };
  return { problem: `${field} must be text or a number, not ${valueKind(v)} (got ${showValue(v)})` };
}

/**
 * A text field (name, operator, …): text as NFC and trimmed, a number as its digits; null when absent
 * or blank; `problem` naming the field for a boolean, an array or an object.
 */
export function textValue(v: unknown, field: string): { text: string | null } | { problem: string } {
  if (isBlank(v)) return { text: null };
  if (typeof v === 'string') return { text: v.normalize('NFC').trim() };
  if (typeof v === 'number' && Number.isFinite(v)) return { text: String(v) };
  return { problem: `${field} must be text, not ${valueKind(v)} (got ${showValue(v)})` };
}

/**
 * Sets `rec[key] = value` as an own data property, so that a field called `__proto__` (a CSV header,
 * a KML Data name, a DBF field) is a field like any other and never replaces the record's prototype.
 */
export function setOwn(rec: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * One table row as a record of own properties, header name → trimmed cell text (a missing cell is
 * blank). A header named `__proto__` or `constructor` is an ordinary field.
 */
export function rowRecord(header: readonly string[], cells: readonly string[]): Record<string, string> {
  const rec: Record<string, string> = {};
  // Plain assignment is several times faster than defineProperty (millions of rows); only `__proto__`
  // needs defineProperty (an assignment would set the prototype).
  const plain = !header.includes('__proto__');
  for (let i = 0; i < header.length; i++) {
    const v = cells[i]?.trim() ?? '';
    if (plain) rec[header[i]!] = v;
    else setOwn(rec, header[i]!, v);
  }
  return rec;
}

/**
 * A position from two field values (numbers or numeric text): the numbers, and the problem when they
 * are not a lon/lat in range (non-numbers are shown as written), with the field to name (`lat` when
 * only the latitude is not a number or only it is out of range, else `lon`).
 */
export function readPosition(
  lonRaw: unknown,
  latRaw: unknown,
): { lon: number | null; lat: number | null; problem: string | null; field: 'lon' | 'lat' } {
  const lon = toNumber(lonRaw);
  const lat = toNumber(latRaw);
  if (lon === null || lat === null)
    return {
      lon,
      lat,
      field: lon === null ? 'lon' : 'lat',
      problem: `coordinates must be numbers (got lon ${showValue(lonRaw)}, lat ${showValue(latRaw)})`,
    };
  return { lon, lat, field: coordinateField(lon, lat), problem: coordinateProblem([lon, lat]) };
}
