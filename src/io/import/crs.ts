import proj4 from 'proj4';
import { UserError } from '../../core/base/errors.ts';

/**
 * VN-2000 → WGS 84 datum shift: the seven parameters of Decision 05/2007/QĐ-BTNMT (Ministry of Natural
 * Resources and Environment), in proj's position-vector convention, exactly as EPSG's "VN-2000 to
 * WGS 84 (2)" is written as TOWGS84 for EPSG:4756/3405/3406 (dX, dY, dZ m; rX, rY, rZ arc-seconds;
 * scale ppm). The widely copied variant with the three rotation signs flipped is ~0.6 m off in Gia Lai.
 */
export const VN2000_TOWGS84 =
  '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278';

/** Central meridians (degrees) of the VN-2000 TM-3 zones of the provinces covered and their neighbours. */
export const VN2000_PROVINCE_MERIDIANS: Readonly<Record<string, number>> = {
  'Gia Lai': 108.5,
  'Đắk Nông': 108.5,
  'Đắk Lắk': 108.5,
  'Phú Yên': 108.5,
  'Bình Định': 108.25,
  'Khánh Hòa': 108.25,
  'Kon Tum': 107.5,
  'Lâm Đồng': 107.75,
};

/** A coordinate system chosen by the user or found in a file. */
export type CrsChoice =
  | { kind: 'epsg'; code: number }
  | { kind: 'vn2000-tm3'; meridian: number }
  | { kind: 'wkt'; wkt: string };

/** A resolved coordinate system: its name, whether it is projected (metres), and the way to WGS 84. */
export interface Crs {
  label: string;
  projected: boolean;
  /** Converts one position to WGS 84 [lon, lat] degrees; non-finite when it cannot. */
  toWgs84(x: number, y: number): [number, number];
  /** Converts WGS 84 [lon, lat] degrees to this system (the inverse, for resampling a raster onto lon/lat). */
  fromWgs84?(lon: number, lat: number): [number, number];
  /** Set when the definition has no known datum shift to WGS 84 (positions may be off). */
  datumWarning?: string;
  /** WGS 84 longitude/latitude already: nothing to convert. */
  identity?: boolean;
}

const VN2000 = `+ellps=WGS84 +towgs84=${VN2000_TOWGS84}`;

const EPSG: Record<number, { label: string; def: string }> = {
  4326: { label: 'WGS 84 (EPSG:4326)', def: '+proj=longlat +datum=WGS84 +no_defs' },
  4756: { label: 'VN-2000 geographic (EPSG:4756)', def: `+proj=longlat ${VN2000} +no_defs` },
  3405: {
    label: 'VN-2000 / UTM zone 48N (EPSG:3405)',
    def: `+proj=utm +zone=48 ${VN2000} +units=m +no_defs`,
  },
  3406: {
    label: 'VN-2000 / UTM zone 49N (EPSG:3406)',
    def: `+proj=utm +zone=49 ${VN2000} +units=m +no_defs`,
  },
  32648: {
    label: 'WGS 84 / UTM zone 48N (EPSG:32648)',
    def: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs',
  },
  32649: {
    label: 'WGS 84 / UTM zone 49N (EPSG:32649)',
    def: '+proj=utm +zone=49 +datum=WGS84 +units=m +no_defs',
  },
  3857: {
    label: 'Web Mercator (EPSG:3857)',
    def: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  },
};

/** The EPSG codes `--crs` accepts. */
const KNOWN_EPSG = Object.keys(EPSG).map(Number);

/** The proj definition of a VN-2000 TM-3 provincial zone: k = 0.9999, false easting 500 000 m. */
export function vn2000Tm3(meridian: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${meridian} +k=0.9999 +x_0=500000 +y_0=0 ${VN2000} +units=m +no_defs`;
}

/** "108°30′" for 108.5. */
function dm(deg: number): string {
  const d = Math.floor(deg);
  const m = Math.round((deg - d) * 60);
  return `${d}°${String(m).padStart(2, '0')}′`;
}

/** Reads `--crs`: "EPSG:3405", "epsg:32648", "3405", or an OGC URN "urn:ogc:def:crs:EPSG::3405". */
export function parseCrsOption(raw: string): CrsChoice {
  const s = raw.trim();
  if (/^(urn:ogc:def:crs:)?OGC:(1\.3:)?CRS84$/i.test(s)) return { kind: 'epsg', code: 4326 };
  const m = /^(?:urn:ogc:def:crs:)?(?:EPSG:{1,2}(?:[\d.]*:)?)?(\d{4,5})$/i.exec(s);
  if (!m) throw new UserError(`--crs "${raw}": expected an EPSG code such as EPSG:3405.`);
  return { kind: 'epsg', code: Number(m[1]) };
}

/**
 * Reads `--vn2000-meridian`: degrees (`108.5`, `108,5`, `108°30'`) or a province name (`Gia Lai`,
 * `dak nong`: compared without case or diacritics).
 */
export function parseMeridian(raw: string): number {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  const province = Object.entries(VN2000_PROVINCE_MERIDIANS).find(([name]) => fold(name) === fold(raw));
  if (province) return province[1];
  const dmMatch = /^\s*(\d{3})\s*°\s*(\d{1,2})\s*['′]?\s*$/.exec(raw);
  const value = dmMatch ? Number(dmMatch[1]) + Number(dmMatch[2]) / 60 : Number(raw.trim().replace(',', '.'));
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new UserError(
      `--vn2000-meridian "${raw}": give the central meridian in degrees (108.5) or a province (${Object.keys(VN2000_PROVINCE_MERIDIANS).join(', ')}).`,
    );
  }
  return checkMeridian(value);
}

/** Checks a user-chosen VN-2000 central meridian (degrees east, within Vietnam's TM-3 zones). */
export function checkMeridian(meridian: number): number {
  if (!Number.isFinite(meridian) || meridian < 102 || meridian > 110) {
    throw new UserError(
      `--vn2000-meridian must be a provincial central meridian in degrees between 102 and 110 (108.5 for Gia Lai and Đắk Nông); got ${meridian}.`,
    );
  }
  return meridian;
}

function converter(def: string): (x: number, y: number) => [number, number] {
  const conv = proj4(def, 'WGS84');
  return (x, y) => {
    try {
      const [lon, lat] = conv.forward([x, y]) as [number, number];
      return [lon, lat];
    } catch {
      return [Number.NaN, Number.NaN];
    }
  };
}

function inverse(def: string): (lon: number, lat: number) => [number, number] {
  const conv = proj4(def, 'WGS84');
  return (lon, lat) => {
    try {
      const [x, y] = conv.inverse([lon, lat]) as [number, number];
      return [x, y];
    } catch {
      return [Number.NaN, Number.NaN];
    }
  };
}

/** WKT parameter value by any of its names (WKT1 OGC/ESRI or WKT2), compared without case or separators. */
function wktParameter(wkt: string, names: string[]): number | null {
  const key = (s: string) => s.toLowerCase().replace(/[\s_]/g, '');
  const wanted = new Set(names.map(key));
  for (const m of wkt.matchAll(/PARAMETER\s*\[\s*"([^"]+)"\s*,\s*([-+0-9.eE]+)/gi)) {
    if (wanted.has(key(m[1]!))) return Number(m[2]);
  }
  return null;
}

/** A VN-2000 .prj (ESRI WKT carries no datum shift): rebuilt as tmerc/longlat with the national shift. */
function vn2000FromWkt(wkt: string, file: string): Crs {
  if (!/^\s*PROJ(CS|CRS)\b/i.test(wkt)) {
    return { label: 'VN-2000 geographic (from .prj)', projected: false, toWgs84: converter(EPSG[4756]!.def) };
  }
  if (!/Transverse[_ ]Mercator/i.test(wkt)) {
    throw new UserError(
      `${file}: the .prj is VN-2000 but not Transverse Mercator; only TM-3 and UTM zones are read.`,
    );
  }
  const lon0 = wktParameter(wkt, ['central_meridian', 'longitude_of_natural_origin', 'longitude_of_origin']);
  const k = wktParameter(wkt, ['scale_factor', 'scale_factor_at_natural_origin']) ?? 1;
  const x0 = wktParameter(wkt, ['false_easting']) ?? 0;
  const y0 = wktParameter(wkt, ['false_northing']) ?? 0;
  const lat0 = wktParameter(wkt, ['latitude_of_origin', 'latitude_of_natural_origin']) ?? 0;
  if (lon0 === null) throw new UserError(`${file}: the .prj has no central meridian.`);
  const def = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=${y0} ${VN2000} +units=m +no_defs`;
  return {
    label: `VN-2000 / TM ${dm(lon0)} (k = ${k}, from .prj)`,
    projected: true,
    toWgs84: converter(def),
  };
}

/** Resolves a coordinate system choice into a converter to WGS 84 (proj4). */
export function resolveCrs(choice: CrsChoice, file: string): Crs {
  if (choice.kind === 'epsg') {
    const known = EPSG[choice.code];
    if (!known) {
      throw new UserError(
        `${file}: EPSG:${choice.code} is not a coordinate system Vùng Phủ converts; use one of ${KNOWN_EPSG.map((c) => `EPSG:${c}`).join(', ')}, a VN-2000 TM-3 meridian, or convert the file to WGS 84 first.`,
      );
    }
    const projected = !known.def.startsWith('+proj=longlat');
    return {
      label: known.label,
      projected,
      toWgs84: converter(known.def),
      fromWgs84: inverse(known.def),
      identity: choice.code === 4326,
    };
  }
  if (choice.kind === 'vn2000-tm3') {
    const meridian = checkMeridian(choice.meridian);
    return {
      label: `VN-2000 / TM-3 ${dm(meridian)} (k = 0.9999)`,
      projected: true,
      toWgs84: converter(vn2000Tm3(meridian)),
      fromWgs84: inverse(vn2000Tm3(meridian)),
    };
  }
  const wkt = choice.wkt.trim();
  if (/VN[-_ ]?2000|Vietnam[_ ]?2000/i.test(wkt)) return vn2000FromWkt(wkt, file);
  let toWgs84: Crs['toWgs84'];
  try {
    toWgs84 = converter(wkt);
  } catch (e) {
    throw new UserError(
      `${file}: the .prj coordinate system could not be read (${e instanceof Error ? e.message : String(e)}); choose it with --crs EPSG:xxxx.`,
    );
  }
  const projected = /^\s*PROJ(CS|CRS)\b/i.test(wkt);
  const name = /^\s*\w+\s*\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? 'coordinate system';
  const datum = /DATUM\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? '';
  const wgs84 = /WGS[_ ]?(19)?84/i.test(datum) || datum === '';
  const crs: Crs = { label: `${name} (from .prj)`, projected, toWgs84, identity: !projected && wgs84 };
  if (!wgs84 && !/TOWGS84/i.test(wkt)) {
    crs.datumWarning = `the .prj datum "${datum}" carries no shift to WGS 84; positions may be off by up to a few hundred metres`;
  }
  return crs;
}

/** The coordinate system a GeoJSON file declares in its (pre-RFC 7946) `crs` member, or null. */
export function crsFromGeoJsonMember(data: unknown): CrsChoice | null {
  const crs = (data as { crs?: { type?: unknown; properties?: { name?: unknown } } } | null)?.crs;
  const name = crs?.properties?.name;
  if (typeof name !== 'string') return null;
  try {
    return parseCrsOption(name);
  } catch {
    return null;
  }
}
