import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import { candidatesFromCsv } from '../../src/io/import/candidates_csv.ts';

describe('candidatesFromCsv', () => {
  it('reports every bad row with its row and field, and keeps the valid rows', () => {
    const csv = [
      'id,lon,lat,radius_m,cost',
      'A,108.1,14.1,500,100',
      ',108.2,14.2,,50', // row 3: missing id
      'B,abc,14.2,,50', // row 4: lon not a number
      'A,108.3,14.3,,50', // row 5: duplicate id
      'C,108.4,14.4,0,50', // row 6: radius out of range
      'D,108.5,14.5,800,-3', // row 7: cost not above 0
      'E,500000,1500000,,20', // row 8: projected metres, not degrees
      'F,"108,6",14.6,600,"1,5"', // decimal commas are fine
    ].join('\n');
    const r = candidatesFromCsv(csv, 'cands.csv');
    expect(r.total).toBe(8);
    expect(r.candidates.map((c) => c.id)).toEqual(['A', 'F']);
    expect(r.candidates[1]).toEqual({
      id: 'F',
      lon: 108.6,
      lat: 14.6,
      radius_m: 600,
      cost: 1.5,
      source: 'file',
    });
    const where = r.issues.map((i) => [i.row, i.field]);
    expect(where).toEqual([
      [3, 'id'],
      [4, 'lon'],
      [5, 'id'],
      [6, 'radius_m'],
      [7, 'cost'],
      [8, 'lon'],
    ]);
    expect(r.issues.every((i) => i.severity === 'error' && i.file === 'cands.csv')).toBe(true);
    expect(r.issues[4]!.message).toMatch(/above 0/);
    expect(r.issues[5]!.message).toMatch(/projected/);
  });

  it('a cost on some rows but not others is an error on each row without one', () => {
    const r = candidatesFromCsv('id;lon;lat;cost\nA;108.1;14.1;10\nB;108.2;14.2;\nC;108.3;14.3;\n', 'c.csv');
    expect(r.candidates.map((c) => c.id)).toEqual(['A']);
    expect(r.issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'cost'],
      [4, 'cost'],
    ]);
  });

  it('a missing required column is a UserError naming it', () => {
    expect(() => candidatesFromCsv('id,lon\nA,108', 'c.csv')).toThrow(UserError);
    expect(() => candidatesFromCsv('id,lon\nA,108', 'c.csv')).toThrow(/lat/);
  });

  it('never throws anything but a UserError on arbitrary text', () => {
    const junk = ['', '"', 'id,lon,lat\n"unterminated', 'id,lon,lat\n,,,,,\n\n', '\uFEFFID,LON,LAT\nx,1,2'];
    for (const text of junk) {
      try {
        candidatesFromCsv(text, 'j.csv');
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
      }
    }
  });
});
