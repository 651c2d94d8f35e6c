import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import { type CsvTable, decodeBytes, parseCsv } from '../../src/io/formats/csv.ts';
import { editRows, readCsvBytes } from '../../src/io/formats/csv_stream.ts';

/** The table (or the UserError's message) the whole-text parser gives, with the encoding. */
function whole(bytes: Uint8Array) {
  const { text, encoding } = decodeBytes(bytes);
  try {
    const t = parseCsv(text, 'f.csv');
    return { header: t.header, delimiter: t.delimiter, rows: t.rows, encoding };
  } catch (e) {
    if (e instanceof UserError) return { error: e.message };
    throw e;
  }
}

/** The same from the chunked reader, `chunk` bytes decoded at a time; the rows read twice. */
function chunked(bytes: Uint8Array, chunk?: number) {
  try {
    const { table, encoding } = readCsvBytes(bytes, 'f.csv', chunk);
    const rows = [...table.rows];
    expect([...table.rows]).toEqual(rows); // a second pass gives the same rows
    expect(table.rows.length).toBe(rows.length);
    return { header: table.header, delimiter: table.delimiter, rows, encoding };
  } catch (e) {
    if (e instanceof UserError) return { error: e.message };
    throw e;
  }
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
};

describe('readCsvBytes (CSV read in chunks)', () => {
  const dirs = ['tests/fixtures/bad', 'data/synthetic', 'tests/fixtures'];
  const files = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.(csv|tsv|txt)$/i.test(f))
      .map((f) => `${d}/${f}`),
  );

  it('finds the CSV fixtures', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s: the same table as the whole-text parser, at any chunk size', (path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const expected = whole(bytes);
    for (const chunk of [1, 2, 3, 5, 64, 4096, undefined]) expect(chunked(bytes, chunk)).toEqual(expected);
  });

  // Characters that matter to the parser and to decoding: delimiters, quotes, both line breaks,
  // blanks, precomposed and combining diacritics (NFC joins them across a chunk boundary), a BOM,
  // an astral character (a surrogate pair in UTF-16).
  const alphabet = [
    'a',
    ',',
    ';',
    '\t',
    '"',
    '""',
    '"a',
    'a"',
    '\n',
    '\r',
    '\r\n',
    ' ',
    'é',
    'e\u0301',
    'ư',
    '\u0303',
    '\ufeff',
    '😀',
  ];
  const text = fc
    .array(fc.constantFrom(...alphabet), { maxLength: 30, size: 'medium' })
    .map((parts) => parts.join(''));

  it('random CSV texts (UTF-8, with or without a BOM, or UTF-16): the same at every chunk boundary', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le'), (t, enc) => {
        const bytes = enc === 'utf-16le' ? utf16le(t) : utf8(enc === 'utf-8-bom' ? `\ufeff${t}` : t);
        const expected = whole(bytes);
        for (let chunk = 1; chunk <= bytes.length + 1; chunk++)
          expect(chunked(bytes, chunk)).toEqual(expected);
      }),
      { seed: 20261201, numRuns: 400 },
    );
  });

  it('random bytes that are not UTF-8: read as Windows-1258, the same at every chunk boundary', () => {
    // Windows-1258 bytes: ASCII structure plus 0x80–0xFF (tone marks 0xCC, 0xEC, 0xD2, 0xDE, 0xF2).
    const byte = fc.constantFrom(
      0x61,
      0x2c,
      0x3b,
      0x22,
      0x0a,
      0x0d,
      0x20,
      0xe2,
      0xcc,
      0xec,
      0xd2,
      0xde,
      0xf2,
      0xd0,
      0x80,
      0xff,
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (bs) => {
        const bytes = Uint8Array.from(bs);
        const expected = whole(bytes);
        for (let chunk = 1; chunk <= bytes.length + 1; chunk++)
          expect(chunked(bytes, chunk)).toEqual(expected);
      }),
      { seed: 1258, numRuns: 300 },
    );
  });

  it('a file whose first non-UTF-8 byte comes after many chunks is read as Windows-1258', () => {
    const head = 'id,name,lon,lat\n';
    const rows = Array.from({ length: 2000 }, (_, i) => `S${i},Tram ${i},108.1,14.1\n`).join('');
    // "Tr\xE2m" is "Trâm" in Windows-1258 and invalid UTF-8; "Kho\xECa" is "Khỏa" only after NFC.
    const tail = Uint8Array.from([
      0x53, 0x58, 0x2c, 0x54, 0x72, 0xe2, 0x6d, 0x20, 0x4b, 0x68, 0x6f, 0xd2, 0x61, 0x2c, 0x31, 0x2c, 0x32,
      0x0a,
    ]);
    const bytes = new Uint8Array([...utf8(head + rows), ...tail]);
    const expected = whole(bytes);
    expect(expected.encoding).toBe('windows-1258');
    const got = chunked(bytes, 1000);
    expect(got).toEqual(expected);
    expect(got.rows?.at(-1)?.cells[1]).toBe('Trâm Kh\u1ecfa'); // the hook above composed with its o
  });

  it('an unclosed quote gives the same message, naming the row', () => {
    const bytes = utf8('id,lon\nA,1\n"B,2\nC,3\n');
    expect(chunked(bytes, 3)).toEqual({ error: 'f.csv: row 3: a quoted field is never closed.' });
    expect(chunked(bytes, 3)).toEqual(whole(bytes));
  });

  it('a table over the row limit is refused after one pass, with the count', () => {
    const bytes = utf8('id,lon\nA,1\n\nB,2\nC,3\n');
    expect(readCsvBytes(bytes, 'f.csv', 4, 3).table.rows.length).toBe(3);
    expect(() => readCsvBytes(bytes, 'f.csv', 4, 2)).toThrow(
      new UserError(
        'f.csv: 3 data rows, over the 2-row limit of a table (every row becomes a record held in memory). Split the file (for example by district) and import the parts.',
      ),
    );
  });

  it('slices and edits of the streamed rows', () => {
    const bytes = utf8('id,lon,lat\nA,1,2\n\nB,3,4\nC,5,6\n');
    const { table } = readCsvBytes(bytes, 'f.csv', 4);
    expect(table.rows.length).toBe(3);
    expect(table.headerText).toEqual(['id', 'lon', 'lat']);
    expect(table.headerRow).toBe(1);
    expect(readCsvBytes(utf8('\n\nID,Lon\nA,1\n'), 'f.csv', 2).table).toMatchObject({
      header: ['id', 'lon'],
      headerText: ['ID', 'Lon'],
      headerRow: 3,
    });
    expect([...table.rows.slice(0, 2)].map((r) => r.row)).toEqual([2, 4]);
    const rest: CsvTable = { ...table, rows: table.rows.slice(1) };
    expect(rest.rows.length).toBe(2);
    editRows(rest, (r) => {
      [r.cells[1], r.cells[2]] = [r.cells[2]!, r.cells[1]!];
    });
    const once = [...rest.rows];
    expect(once).toEqual([
      { row: 4, cells: ['B', '4', '3'] },
      { row: 5, cells: ['C', '6', '5'] },
    ]);
    expect([...rest.rows]).toEqual(once); // re-applied to fresh rows, not applied twice
    expect([...table.rows][0]!.cells).toEqual(['A', '1', '2']); // the original table is not edited
  });
});
