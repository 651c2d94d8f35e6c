import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { POSTAL_TYPES, type PostalPoint, type PostalType } from '../../core/base/infrastructure.ts';
import { cutText } from '../../core/base/show_value.ts';
import { type CsvTable, parseCsv } from '../formats/csv.ts';
import { idValue, isBlank, own, readPosition, rowRecord, showValue } from '../formats/fields.ts';
import { IssueList, pointFeatures } from '../formats/geojson_input.ts';
import { foldText, parseFlag } from './flags.ts';

export interface PostalImport {
  points: PostalPoint[];
  issues: InputIssue[];
  total: number;
}

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', '1': '1', '2': '2', '3': '3' };

/**
 * Reads a postal point type: the English ids, `post_office_1/2/3`, and common Vietnamese names
 * (bưu cục [cấp I/II/III], điểm BĐVHX / bưu điện văn hóa xã, đại lý, ki ốt), with or without diacritics.
 */
export function parsePostalType(raw: string): PostalType | null {
  const s = foldText(raw).replace(/-/g, '_');
  if ((POSTAL_TYPES as readonly string[]).includes(s.replace(/ /g, '_')))
    return s.replace(/ /g, '_') as PostalType;
  const tier = /^(?:buu cuc|post office)(?: cap| tier| hang)? ?(i{1,3}|[123])?$/.exec(s);
  if (tier) return tier[1] ? (`post_office_${ROMAN[tier[1]]}` as PostalType) : 'post_office';
  if (/^(diem )?(bdvhx|buu dien van hoa xa|diem buu dien van hoa xa)$/.test(s) || s === 'cultural point') {
    return 'cultural_post_point';
  }
  if (/^dai ly( buu dien| buu chinh)?$/.test(s)) return 'agent';
  if (/^(ki ?ot|kiosk)$/.test(s)) return 'kiosk';
  return null;
}

function pointFrom(
  rec: Record<string, unknown>,
  lon: unknown,
  lat: unknown,
  loc: { path: string; row?: number },
  issues: IssueList,
  seen: Set<string>,
): PostalPoint | null {
  const before = issues.items.length;
  const at = (f: string) => (loc.row === undefined ? `${loc.path}.properties.${f}` : `${loc.path}.${f}`);
  const err = (f: string, m: string) =>
    issues.error(at(f), m, { field: f, ...(loc.row ? { row: loc.row } : {}) });
  const idRead = idValue(own(rec, 'id'), 'id');
  const id = 'id' in idRead ? idRead.id : '';
  if ('problem' in idRead) err('id', idRead.problem);
  else if (id === '') err('id', 'missing id');
  else if (seen.has(id)) err('id', `duplicate id "${cutText(id)}"`);
  const { lon: ln, lat: lt, problem: coord, field: coordField } = readPosition(lon, lat);
  if (coord) err(coordField, coord);
  const typeRaw = own(rec, 'type');
  const typeText = typeof typeRaw === 'string' ? typeRaw : isBlank(typeRaw) ? '' : showValue(typeRaw);
  const type = parsePostalType(typeText);
  if (!type) {
    err(
      'type',
      `unknown type "${typeText}" (use post_office, post_office_1/2/3, cultural_post_point, agent, kiosk, or bưu cục, điểm BĐVHX, đại lý, ki ốt)`,
    );
  }
  const flags = ['staffed', 'internet', 'online_public_services'] as const;
  const values = flags.map((f) => {
    const v = parseFlag(own(rec, f));
    if (v === undefined)
      err(f, `must be true/false, yes/no, 1/0 or có/không (got ${showValue(own(rec, f))})`);
    return v;
  });
  if (issues.items.length > before) return null;
  seen.add(id);
  const p: PostalPoint = {
    id,
    lon: ln as number,
    lat: lt as number,
    type: type!,
    staffed: values[0]!,
    internet: values[1]!,
    online_public_services: values[2]!,
  };
  const name = own(rec, 'name');
  if (typeof name === 'string' && name.trim() !== '') p.name = name.normalize('NFC').trim();
  return p;
}

/** Reads postal service points from GeoJSON Point features. */
export function postalFromGeoJSON(input: unknown, file: string): PostalImport {
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const { points: features, total } = pointFeatures(input, issues);
  const points: PostalPoint[] = [];
  for (const f of features) {
    const p = pointFrom(f.properties, f.lon, f.lat, { path: f.path }, issues, seen);
    if (p) points.push(p);
  }
  return { points, issues: issues.items, total };
}

/** Reads postal service points from CSV `id,lon,lat,type,staffed,internet,online_public_services[,name]`. */
export function postalFromCsv(text: string, file: string): PostalImport {
  return postalFromTable(parseCsv(text, file), file);
}

/** Reads postal service points from a table (CSV or the first sheet of an XLSX) with the CSV columns. */
export function postalFromTable(table: CsvTable, file: string): PostalImport {
  const required = ['id', 'lon', 'lat', 'type', 'staffed', 'internet', 'online_public_services'];
  const absent = required.filter((c) => !table.header.includes(c));
  if (absent.length)
    throw new UserError(`${file}: missing column(s) ${absent.join(', ')}; expected ${required.join(',')}.`);
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const points: PostalPoint[] = [];
  for (const r of table.rows) {
    const rec: Record<string, unknown> = rowRecord(table.header, r.cells);
    const p = pointFrom(
      rec,
      own(rec, 'lon'),
      own(rec, 'lat'),
      { path: `rows[${r.row}]`, row: r.row },
      issues,
      seen,
    );
    if (p) points.push(p);
  }
  return { points, issues: issues.items, total: table.rows.length };
}
