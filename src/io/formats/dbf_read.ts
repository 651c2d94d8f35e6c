import { UserError } from '../../core/base/errors.ts';
import { setOwn } from './fields.ts';

export interface DbfTable {
  /** Field names, lower-cased (DBF names are upper-case and at most 10 characters). */
  fields: string[];
  /** One record per row; `null` for a row marked deleted. */
  records: (Record<string, string | number | boolean | null> | null)[];
  /** The encoding the text fields were read with. */
  encoding: string;
  /** Records the header announced but the file is too short to hold. */
  missing: number;
}

/** The encoding named by a .cpg file ("UTF-8", "65001", "1258", "CP1252"…), or null when unknown. */
function encodingFromCpg(cpg: string | null): string | null {
  if (!cpg) return null;
  const s = cpg.trim().toLowerCase();
  if (s === '') return null;
  if (/^(utf-?8|65001)$/.test(s)) return 'utf-8';
  const cp = /^(?:cp|windows-?|ansi_?)?(\d{3,4})$/.exec(s)?.[1];
  const label = cp ? `windows-${cp}` : s;
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return null;
  }
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a dBase III/IV table (the .dbf of a shapefile). Text fields are decoded with the .cpg encoding
 * when there is one, else UTF-8 when every byte is valid UTF-8, else Windows-1258 (Vietnamese ANSI);
 * NFC-normalised. Numbers become numbers, logicals booleans, blanks null. A header that promises more
 * records than the file holds is read as far as it goes (`missing` says how many were lost).
 */
export function readDbf(bytes: Uint8Array, file: string, cpg: string | null): DbfTable {
  if (bytes.length < 33) throw new UserError(`${file}: the .dbf is too short to be a dBase table.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: { name: string; type: string; offset: number; length: number }[] = [];
  let offset = 1; // the deletion flag
  for (let p = 32; p + 32 <= Math.min(headerLength, bytes.length) && bytes[p] !== 0x0d; p += 32) {
    const rawName = bytes.subarray(p, p + 11);
    const end = rawName.indexOf(0);
    const name = new TextDecoder('latin1')
      .decode(end < 0 ? rawName : rawName.subarray(0, end))
      .trim()
      .toLowerCase();
    const length = bytes[p + 16]!;
    fields.push({ name, type: String.fromCharCode(bytes[p + 11]!).toUpperCase(), offset, length });
    offset += length;
  }
  if (fields.length === 0) throw new UserError(`${file}: the .dbf declares no fields.`);
  if (recordLength < 1 || headerLength < 33)
    throw new UserError(`${file}: the .dbf header is corrupt (record length ${recordLength}).`);
  const available = Math.max(0, Math.floor((bytes.length - headerLength) / recordLength));
  const readable = Math.min(count, available);
  const body = bytes.subarray(headerLength, headerLength + readable * recordLength);
  const encoding = encodingFromCpg(cpg) ?? (validUtf8(body) ? 'utf-8' : 'windows-1258');
  const decoder = new TextDecoder(encoding);
  const records: DbfTable['records'] = [];
  for (let r = 0; r < readable; r++) {
    const start = headerLength + r * recordLength;
    if (bytes[start] === 0x2a) {
      records.push(null); // '*': deleted
      continue;
    }
    const rec: Record<string, string | number | boolean | null> = {};
    for (const f of fields) {
      const from = start + Math.min(f.offset, recordLength);
      const raw = bytes.subarray(from, Math.min(from + f.length, start + recordLength));
      const text = decoder.decode(raw).replace(/\0+$/, '').trim().normalize('NFC');
      if (f.type === 'N' || f.type === 'F') {
        const v = text === '' ? null : Number(text);
        setOwn(rec, f.name, v === null || Number.isFinite(v) ? v : text);
      } else if (f.type === 'L') {
        setOwn(rec, f.name, /^[TtYy]$/.test(text) ? true : /^[FfNn]$/.test(text) ? false : null);
      } else setOwn(rec, f.name, text);
    }
    records.push(rec);
  }
  return { fields: fields.map((f) => f.name), records, encoding, missing: count - readable };
}
