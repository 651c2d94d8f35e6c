import { describe, expect, it } from 'vitest';
import { type Place, placeIndex } from '../../src/app/map/place_matches.ts';

// Real names of the pre-2025 sample (data/sample/communes-pre2025.geojson) and made-up site codes.
const PLACES: Place[] = [
  { kind: 'province', id: '64', name: 'Gia Lai', context: '' },
  { kind: 'district', id: '622', name: 'Thành phố Pleiku', context: 'Gia Lai' },
  { kind: 'district', id: '634', name: 'Huyện Chư Sê', context: 'Gia Lai' },
  { kind: 'district', id: '663', name: 'Huyện Đắk Mil', context: 'Đắk Nông' },
  { kind: 'commune', id: '23563', name: 'Phường Ia Kring', context: 'Thành phố Pleiku, Gia Lai' },
  { kind: 'commune', id: '1', name: 'Xã Ia Băng', context: 'Huyện Chư Prông, Gia Lai' },
  { kind: 'commune', id: '2', name: 'Xã Ia Băng', context: 'Huyện Đak Đoa, Gia Lai' },
  { kind: 'commune', id: '3', name: 'Xã Đắk Lao', context: 'Huyện Đắk Mil, Đắk Nông' },
  { kind: 'commune', id: '4', name: 'Thị trấn Chư Sê', context: 'Huyện Chư Sê, Gia Lai' },
  { kind: 'commune', id: '5', name: 'Xã Ia Glai', context: 'Huyện Chư Sê, Gia Lai' },
  { kind: 'site', id: 'VT-000123', name: 'VT-000123', context: 'Viettel' },
  { kind: 'site', id: 'VT-001230', name: 'VT-001230', context: 'Viettel' },
];
const ids = (q: string, limit?: number) =>
  placeIndex(PLACES)
    .find(q, limit)
    .map((p) => `${p.kind}:${p.id}`);

describe('find a place (issue 15)', () => {
  it('folds Vietnamese: no diacritics, đ as d, any case', () => {
    expect(ids('dak mil')[0]).toBe('district:663');
    expect(ids('ĐẮK MIL')[0]).toBe('district:663');
    expect(ids('Đăk Lao')).toEqual(['commune:3']);
    expect(ids('ia kring')).toEqual(['commune:23563']);
  });

  it('the type word may be typed or left out', () => {
    expect(ids('xa ia bang')).toEqual(['commune:1', 'commune:2']);
    expect(ids('ia bang')).toEqual(['commune:1', 'commune:2']);
    expect(ids('pleiku')[0]).toBe('district:622');
  });

  it('exact before prefix before word start before inside; a larger unit first on a tie', () => {
    // "chu se": the district and the township have that bare name exactly, the district first.
    expect(ids('chu se').slice(0, 2)).toEqual(['district:634', 'commune:4']);
    // "ia": the start of every "Ia …" commune, then inside "Gia Lai".
    expect(ids('ia')).toEqual(['commune:1', 'commune:2', 'commune:5', 'commune:23563', 'province:64']);
    // "lao": a word start inside "Đắk Lao".
    expect(ids('lao')).toEqual(['commune:3']);
    expect(ids('kri')).toEqual(['commune:23563']);
  });

  it('every word somewhere in the name or its district and province', () => {
    expect(ids('ia bang chu prong')).toEqual(['commune:1']);
    expect(ids('ia glai gia lai')).toEqual(['commune:5']);
  });

  it('sites by code: exact, then prefix, then inside', () => {
    expect(ids('vt-000123')).toEqual(['site:VT-000123']);
    expect(ids('VT-0012')).toEqual(['site:VT-001230']);
    expect(ids('123')).toEqual(['site:VT-000123', 'site:VT-001230']);
  });

  it('nothing for an empty query or no match; the limit holds', () => {
    expect(ids('   ')).toEqual([]);
    expect(ids('hà nội')).toEqual([]);
    expect(ids('ia', 2)).toHaveLength(2);
  });
});
