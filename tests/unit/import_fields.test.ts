/**
 * Issue 12, type coercion: the one field reader every kind uses (src/io/formats/fields.ts), and the
 * CSV parser's duplicate-column check and Excel row numbers.
 */
import { describe, expect, it } from 'vitest';
import { checkDuplicateColumns, columnLetter, parseCsv, parseNumber } from '../../src/io/formats/csv.ts';
import {
  idValue,
  notANumber,
  own,
  parseNumberText,
  readPosition,
  SHOWN_CHARS,
  setOwn,
  showValue,
  textValue,
  toNumber,
} from '../../src/io/formats/fields.ts';
import { parseJsonText } from '../../src/io/formats/json_text.ts';
import { kmlFeatures } from '../../src/io/formats/kml_read.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { fiberFromCsv } from '../../src/io/import/fiber.ts';
import { sitesFromCsv } from '../../src/io/import/sites.ts';

describe('numbers', () => {
  it.each([
    ['12', 12],
    ['-12.5', -12.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['12,5', 12.5],
    ['-0,25', -0.25],
    ['1.5e3', 1500],
    ['2E-2', 0.02],
    [' 7 ', 7],
  ])('%j is %d', (text, value) => {
    expect(parseNumberText(text)).toBe(value);
    expect(parseNumber(text)).toBe(value);
    expect(toNumber(text)).toBe(value);
  });
  it.each([
    '',
    ' ',
    '0x10',
    '0X10',
    '0b1',
    '0o7',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e999',
    '1,234,567',
    '1.234,5',
    '12abc',
    '1 000',
    '--1',
    'e5',
    '١٢',
  ])('%j is not a number', (text) => {
    expect(parseNumberText(text)).toBeNull();
    expect(toNumber(text)).toBeNull();
  });
  it('JSON numbers are numbers; booleans, arrays, objects, null and non-finite values are not', () => {
    expect(toNumber(3)).toBe(3);
    expect(toNumber(-0.5)).toBe(-0.5);
    for (const v of [true, false, [7], [], {}, { n: 1 }, null, undefined, Number.NaN, Infinity, 10n])
      expect(toNumber(v)).toBeNull();
  });
  it('says what a value is when it is not a number, showing it', () => {
    expect(notANumber(5)).toBeNull();
    expect(notANumber(true)).toBe('is a boolean, not a number (got true)');
    expect(notANumber([7])).toBe('is an array, not a number (got [7])');
    expect(notANumber('0x10')).toBe('is not a number (got "0x10")');
    expect(notANumber(' ')).toBe('is not a number (got " ")');
  });
});

describe('ids and text', () => {
  it('ids are text or numbers; anything else is a problem naming the field', () => {
    expect(idValue(' A1 ', 'ma_xa')).toEqual({ id: 'A1' });
    expect(idValue(7, 'ma_xa')).toEqual({ id: '7' });
    expect(idValue('', 'ma_xa')).toEqual({ missing: true });
    expect(idValue(null, 'ma_xa')).toEqual({ missing: true });
    expect(idValue({ a: 1 }, 'ma_xa')).toEqual({
      problem: 'ma_xa must be text or a number, not an object (got {"a":1})',
    });
    expect(idValue(['X'], 'id')).toEqual({
      problem: 'id must be text or a number, not an array (got ["X"])',
    });
    expect(idValue(false, 'id')).toEqual({
      problem: 'id must be text or a number, not a boolean (got false)',
    });
    expect(textValue({}, 'operator')).toEqual({ problem: 'operator must be text, not an object (got {})' });
    expect(textValue(' Viettel ', 'operator')).toEqual({ text: 'Viettel' });
  });
  it('shows values at a bounded length', () => {
    const long = showValue('x'.repeat(10_000));
    expect(long.length).toBe(SHOWN_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect(showValue(undefined)).toBe('nothing');
    expect(showValue(10n)).toBe('10');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    // A cycle is shown as far as the bound allows, never as "[object Object]" and never a crash.
    expect(showValue(cyclic)).toMatch(/^\{"self":\{"self":.*…$/);
    expect(showValue(cyclic).length).toBe(SHOWN_CHARS);
    expect(idValue({ a: 'y'.repeat(500) }, 'id')).toMatchObject({ problem: expect.stringMatching(/…\)$/) });
  });
  it('positions name the field that is not a number', () => {
    expect(readPosition('108', '14')).toEqual({ lon: 108, lat: 14, field: 'lon', problem: null });
    expect(readPosition('108', '0b1')).toMatchObject({
      field: 'lat',
      problem: expect.stringContaining('"0b1"'),
    });
    expect(readPosition(true, 14)).toMatchObject({
      field: 'lon',
      problem: expect.stringContaining('lon true'),
    });
  });
});

describe('own properties only', () => {
  it('reads only own properties and sets "__proto__" as a field, never as the prototype', () => {
    const rec: Record<string, unknown> = {};
    setOwn(rec, '__proto__', { id: 'P' });
    expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
    expect(own(rec, 'id')).toBeUndefined();
    expect(own(rec, '__proto__')).toEqual({ id: 'P' });
    expect(own({}, 'toString')).toBeUndefined();
    expect(own({}, 'constructor')).toBeUndefined();
  });
  it('JSON "__proto__" keys stay plain keys', () => {
    const data = parseJsonText('{"__proto__": {"id": "P"}}', 'x.json') as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(own(data, 'id')).toBeUndefined();
  });
  it('a boundary whose id, name and population are only under "__proto__" is rejected', () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [108, 14],
          [108.1, 14],
          [108.1, 14.1],
          [108, 14],
        ],
      ],
    };
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"id":"P","name":"N","population":5}},"geometry":${JSON.stringify(geometry)}},{"type":"Feature","properties":{"id":"A","name":"B","population":1},"geometry":${JSON.stringify(geometry)}}]}`;
    const r = communesFromGeoJSON(text, { file: 'p.geojson' });
    expect(r.communes.map((c) => c.id)).toEqual(['A']);
    expect(r.issues.map((i) => `${i.path} ${i.message}`)).toEqual([
      'features[0].properties.id missing id',
      'features[0].properties.name missing name',
      'features[0].properties.population population must be a number ≥ 0 (got null)',
    ]);
  });
  it('a KML Data field named "__proto__" is a field', () => {
    const fc = kmlFeatures(
      '<kml><Placemark><ExtendedData><Data name="__proto__"><value>x</value></Data></ExtendedData></Placemark></kml>',
      'p.kml',
    );
    const p = fc.features[0]!.properties;
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(own(p, '__proto__')).toBe('x');
  });
  it('a CSV column named "__proto__" or "constructor" is a column like any other', () => {
    const r = sitesFromCsv(
      'id,lon,lat,technology,operator,__proto__,constructor\nS1,108,14,4G,Viettel,x,y\n',
      's.csv',
    );
    expect(r.issues).toEqual([]);
    expect(r.sites.map((s) => s.id)).toEqual(['S1']);
  });
});

describe('numbers inside geometry text', () => {
  it('a WKT or KML coordinate in hex, or empty, is not a number (it was 108, or 0)', () => {
    const r = fiberFromCsv(
      'id,wkt,year\nF1,"LINESTRING (0x6C 14, 108.1 14.1)",2020\nF2,"LINESTRING (108 14, 108.1 14.1)",0x7E4\nF3,"LINESTRING (108 14, 108.1 14.1)",2020\n',
      'f.csv',
    );
    expect(r.routes.map((x) => x.id)).toEqual(['F3']);
    expect(r.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'wkt'],
      [3, 'year'],
    ]);
    expect(r.issues[1]!.message).toBe('year must be a 4-digit year (got "0x7E4")');
    const kml = kmlFeatures(
      '<kml><Placemark><Point><coordinates>108.05,</coordinates></Point></Placemark></kml>',
      'k.kml',
    );
    expect(kml.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [108.05, Number.NaN] });
  });
});

describe('CSV headers and row numbers', () => {
  it('duplicate columns, after aliases, are an error naming both', () => {
    expect(() => checkDuplicateColumns(['id', 'lon', 'lat', 'lon'], 'd.csv')).toThrowError(
      'd.csv: duplicate columns: "lon" (column B) and "lon" (column D) are both the lon field. Delete or rename one of them.',
    );
    expect(() =>
      checkDuplicateColumns(['id', 'lng', 'lat', 'longitude', 'tech', 'technology'], 'd.csv'),
    ).toThrowError(
      /"lng" \(column B\) and "longitude" \(column D\) are both the lon field; "tech" \(column E\) and "technology" \(column F\) are both the technology field/,
    );
    expect(() => checkDuplicateColumns(['id', 'lon', 'lat', '', ''], 'd.csv')).not.toThrow();
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(701)).toBe('ZZ');
    expect(columnLetter(702)).toBe('AAA');
  });
  it('row numbers are records as Excel shows them, whatever line breaks quoted fields hold', () => {
    const t = parseCsv('a,b\n"x\ny\nz",1\n"p\r\nq",2\n\nr,3\n', 'q.csv');
    expect(t.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, 'x\ny\nz'],
      [3, 'p\r\nq'],
      [5, 'r'],
    ]);
    expect(() => parseCsv('a,b\n"x\ny",1\n"never closed\n\n', 'q.csv')).toThrowError(
      'q.csv: row 3: a quoted field is never closed.',
    );
  });
});

describe('a position out of range (issue 15)', () => {
  it('names the latitude when only it is out of range, with no VN-2000 hint', () => {
    const r = readPosition('108.1', '95.5');
    expect(r.field).toBe('lat');
    expect(r.problem).toBe(
      'coordinates (108.1, 95.5) are outside the lon/lat range; latitude 95.5 is not within −90…90',
    );
    expect(r.problem).not.toMatch(/VN-2000|metres/);
  });
  it('names the longitude when it is out of range', () => {
    expect(readPosition('208', '14')).toMatchObject({
      field: 'lon',
      problem: expect.stringMatching(/longitude 208 is not within −180…180$/),
    });
  });
  it('gives the VN-2000 hint only for values that look like metres', () => {
    expect(readPosition('500000', '1500000').problem).toMatch(/projected metres \(e\.g\. VN-2000\)/);
    expect(readPosition('14', '108').problem).toMatch(/look swapped$/);
  });
});
