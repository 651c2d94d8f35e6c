/**
 * The fields each table kind reads (their canonical column names) and the headers people write for
 * them: Vietnamese with or without diacritics, and common English. Headers are compared folded (see
 * `headerKey`): case, diacritics, units in brackets ("(độ)", "[m]") and extra spaces or underscores
 * do not matter, so one alias covers "Góc phương vị (độ)", "goc_phuong_vi" and "GOC PHUONG VI".
 */
import { foldText } from '../../core/base/fold_text.ts';

/** The table kinds whose columns are mapped (boundaries have their own field options). */
export const TABLE_KINDS = ['sites', 'postal', 'villages', 'fiber', 'population', 'speedtests'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** One field a kind reads: its canonical column name, whether a table must have it, and its aliases. */
export interface FieldSpec {
  field: string;
  required: boolean;
  aliases: readonly string[];
}

/**
 * A header as compared: folded (lower case, no diacritics, đ → d), units in brackets dropped,
 * underscores, dashes, dots and slashes read as spaces, spaces collapsed. "Độ cao anten (m)" → "do cao anten".
 */
export function headerKey(header: string): string {
  return foldText(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
    .replace(/[_\-./\\:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const LON = ['lon', 'lng', 'long', 'longitude', 'x', 'easting', 'kinh do', 'kinhdo', 'toa do x'];
const LAT = ['lat', 'latitude', 'y', 'northing', 'vi do', 'vido', 'toa do y'];
const POPULATION = ['population', 'pop', 'dan so', 'danso', 'so dan', 'so nhan khau', 'nhan khau'];

const f = (field: string, required: boolean, aliases: readonly string[]): FieldSpec => ({
  field,
  required,
  aliases,
});

/** Per kind, the fields read, in the order the mapping form lists them. */
export const KIND_FIELDS: Record<TableKind, readonly FieldSpec[]> = {
  sites: [
    f('id', true, [
      'site id',
      'siteid',
      'site code',
      'site',
      'ma tram',
      'ma csht',
      'ma site',
      'ma tram bts',
      'ma bts',
      'ma nha tram',
      'station id',
    ]),
    f('name', false, [
      'site name',
      'ten tram',
      'ten',
      'ten site',
      'ten csht',
      'ten nha tram',
      'station name',
    ]),
    f('lon', true, LON),
    f('lat', true, LAT),
    f('technology', true, ['technologies', 'tech', 'rat', 'cong nghe', 'loai cong nghe', 'cong nghe mang']),
    f('operator', true, [
      'nha mang',
      'doanh nghiep',
      'nha cung cap',
      'nha khai thac',
      'mang',
      'telco',
      'carrier',
    ]),
    f('band', false, ['bang tan', 'tan so', 'frequency', 'frequency band']),
    f('azimuth_deg', false, ['azimuth', 'azi', 'goc phuong vi', 'phuong vi', 'huong anten']),
    f('beamwidth_deg', false, [
      'beamwidth',
      'beam width',
      'do rong bup song',
      'do rong bup',
      'bup song',
      'goc mo',
    ]),
    f('height_m', false, [
      'height',
      'antenna height',
      'do cao anten',
      'chieu cao anten',
      'do cao',
      'chieu cao',
      'do cao treo anten',
    ]),
    f('radius_m', false, ['radius', 'ban kinh', 'ban kinh phu song']),
    f('eirp_dbm', false, ['eirp', 'cong suat phat xa']),
    f('tilt_deg', false, ['tilt', 'downtilt', 'goc ngang', 'goc nghieng', 'goc cup']),
    f('status', false, ['trang thai', 'tinh trang', 'trang thai phat song']),
    f('year', false, ['nam', 'nam phat song', 'nam lap dat', 'nam dua vao su dung', 'on air year']),
    f('cell_id', false, ['cell id', 'cellid', 'cell', 'ma cell', 'ten cell', 'cell name']),
  ],
  postal: [
    f('id', true, ['ma buu cuc', 'ma bc', 'ma diem', 'ma diem phuc vu', 'post office id', 'code']),
    f('name', false, ['ten buu cuc', 'ten bc', 'ten diem', 'ten diem phuc vu', 'ten']),
    f('lon', true, LON),
    f('lat', true, LAT),
    f('type', true, ['loai hinh', 'loai', 'loai diem', 'loai buu cuc', 'loai hinh diem', 'kind']),
    f('staffed', true, ['co nguoi', 'co nhan vien', 'nhan vien', 'co nguoi phuc vu']),
    f('internet', true, ['co internet', 'ket noi internet']),
    f('online_public_services', true, [
      'dich vu cong',
      'dich vu cong truc tuyen',
      'dvc truc tuyen',
      'dvctt',
      'dvc',
      'online services',
    ]),
  ],
  villages: [
    f('id', false, ['ma thon', 'ma ban', 'ma thon ban', 'village id']),
    f('name', false, ['ten', 'ten thon', 'ten ban', 'ten thon ban', 'thon ban', 'village']),
    f('lon', true, LON),
    f('lat', true, LAT),
    f('population', true, POPULATION),
    f('commune_id', false, ['commune id', 'ma xa']),
    f('has_grid_power', false, [
      'has grid power',
      'grid power',
      'dien luoi',
      'co dien luoi',
      'dien luoi quoc gia',
    ]),
  ],
  fiber: [
    f('id', false, ['ma tuyen', 'ma tuyen cap', 'route id']),
    f('operator', false, ['nha mang', 'doanh nghiep', 'don vi', 'don vi quan ly']),
    f('medium', false, ['loai cap', 'moi truong', 'cap']),
    f('placement', false, ['hinh thuc', 'hinh thuc lap dat', 'cach lap dat', 'lap dat']),
    f('year', false, ['nam', 'nam lap dat', 'nam xay dung']),
    f('wkt', true, ['geometry', 'hinh hoc', 'duong di']),
  ],
  population: [f('lon', true, LON), f('lat', true, LAT), f('population', true, POPULATION)],
  // Points (lon, lat, download_mbps…) or Ookla-style tiles (quadkey, avg_d_kbps, tests…): neither
  // set is required as such; the importer says which columns a file lacks.
  speedtests: [
    f('lon', false, LON),
    f('lat', false, LAT),
    f('technology', false, ['tech', 'rat', 'cong nghe', 'loai mang', 'network type', 'mang']),
    f('operator', false, ['nha mang', 'doanh nghiep', 'nha cung cap', 'carrier', 'telco', 'provider']),
    f('download_mbps', false, [
      'download',
      'download mbps',
      'download speed',
      'dl',
      'dl mbps',
      'toc do tai xuong',
      'tai xuong',
      'toc do download',
    ]),
    f('upload_mbps', false, [
      'upload',
      'upload mbps',
      'upload speed',
      'ul',
      'ul mbps',
      'toc do tai len',
      'tai len',
      'toc do upload',
    ]),
    f('latency_ms', false, ['latency', 'ping', 'ping ms', 'do tre', 'tre']),
    f('date', false, ['test date', 'ngay', 'ngay do', 'thoi gian', 'thoi gian do', 'timestamp']),
    f('quadkey', false, ['quad key', 'tile', 'o luoi']),
    f('avg_d_kbps', false, ['avg d kbps', 'average download kbps']),
    f('avg_u_kbps', false, ['avg u kbps', 'average upload kbps']),
    f('avg_lat_ms', false, ['avg lat ms', 'average latency ms']),
    f('tests', false, ['so lan do', 'so phep do', 'test count']),
    f('devices', false, ['so thiet bi', 'device count']),
  ],
};

/** Row-number columns ("STT", "No."): known headers that map to no field. */
const ROW_NUMBER = new Set(['stt', 'so tt', 'so thu tu', 'tt', '#', 'no', 'row']);

/** True for a row-number column ("STT"), which is skipped. */
export function isRowNumberHeader(header: string): boolean {
  return ROW_NUMBER.has(headerKey(header)) || header.trim() === '#';
}

const lookup = new Map<TableKind, Map<string, string>>();

/** The field a header names for a kind (its canonical name or an alias), or null. */
export function fieldOfHeader(kind: TableKind, header: string): string | null {
  let map = lookup.get(kind);
  if (!map) {
    map = new Map();
    for (const spec of KIND_FIELDS[kind])
      for (const name of [spec.field, ...spec.aliases]) map.set(headerKey(name), spec.field);
    lookup.set(kind, map);
  }
  return map.get(headerKey(header)) ?? null;
}
