import { describe, expect, it } from 'vitest';
import { fiberFromCsv, lineFromWkt } from '../../src/io/import/fiber.ts';
import { postalFromCsv } from '../../src/io/import/postal.ts';
import { targetsFromCsv } from '../../src/io/import/targets_file.ts';

describe('postal CSV', () => {
  it('accepts Vietnamese types and flags, reports every bad row', () => {
    const csv = [
      'id,lon,lat,type,staffed,internet,online_public_services',
      'a,108,14,bưu cục cấp II,có,có,không',
      'b,108,14,điểm BĐVHX,yes,no,1',
      'c,108,14,cửa hàng,true,true,true',
      'd,108,14,kiosk,maybe,true,true',
      'a,108,14,agent,1,1,1',
    ].join('\n');
    const r = postalFromCsv(csv, 'p.csv');
    expect(r.points.map((p) => [p.id, p.type, p.staffed, p.internet, p.online_public_services])).toEqual([
      ['a', 'post_office_2', true, true, false],
      ['b', 'cultural_post_point', true, false, true],
    ]);
    expect(r.issues.map((i) => [i.row, i.field])).toEqual([
      [4, 'type'],
      [5, 'staffed'],
      [6, 'id'],
    ]);
  });
});

describe('fiber CSV (WKT)', () => {
  it('reads LINESTRING and MULTILINESTRING and rejects bad rows', () => {
    expect(lineFromWkt('LINESTRING (108 14, 108.1 14.1)')).toEqual({
      type: 'LineString',
      coordinates: [
        [108, 14],
        [108.1, 14.1],
      ],
    });
    expect(lineFromWkt('MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))')?.type).toBe('MultiLineString');
    const csv = [
      'id,operator,medium,placement,year,wkt',
      'f1,VNPT,fiber,aerial,2020,"LINESTRING (108 14, 108.1 14.1)"',
      'f2,VNPT,glass,aerial,2020,"LINESTRING (108 14, 108.1 14.1)"',
      'f3,VNPT,fiber,aerial,2020,POINT (1 2)',
      'f4,VNPT,fiber,aerial,20,"LINESTRING (108 14, 108.1 14.1)"',
    ].join('\n');
    const r = fiberFromCsv(csv, 'f.csv');
    expect(r.routes.map((x) => x.id)).toEqual(['f1']);
    expect(r.issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'medium'],
      [4, 'wkt'],
      [5, 'year'],
    ]);
  });
});

describe('targets CSV', () => {
  it('reads rows like the JSON format and names rows in problems', () => {
    const csv = [
      'id,indicator,network,technology,metric,comparator,value,unit,year,scope,levels,source_document,source_line,source_quote',
      'X-1,5G dân số,mobile,5G,mobile.population_pct,>=,90,%,2030,province,commune;province,kế hoạch,12,đạt 90%',
      'X-2,sai,mobile,5G,mobile.nope,≥,abc,%,2030,province,province,kế hoạch,13,q',
    ].join('\n');
    const r = targetsFromCsv(csv, 't.csv');
    expect(r.targets.map((t) => [t.id, t.comparator, t.value, t.levels])).toEqual([
      ['X-1', '≥', 90, ['commune', 'province']],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.field])).toEqual([
      [3, 'metric'],
      [3, 'value'],
    ]);
  });
});
