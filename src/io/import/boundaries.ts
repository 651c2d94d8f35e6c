import type { MultiPolygon, Polygon } from 'geojson';
import { UserError } from '../../core/base/errors.ts';
import { cutText } from '../../core/base/show_value.ts';
import type { Commune, Setting } from '../../core/base/types.ts';
import { idValue, isBlank, own, showValue, toNumber, valueKind } from '../formats/fields.ts';
import { coordinateProblem, IssueList, pickField, readFeatureCollection } from '../formats/geojson_input.ts';
import { overlappingCommunes } from './overlaps.ts';

export interface BoundaryOptions {
  file: string;
  idField?: string;
  nameField?: string;
  populationField?: string;
}

const ID_FIELDS = ['id', 'gso_code', 'ma_xa', 'commune_id', 'code', 'ma'];
const NAME_FIELDS = ['name', 'commune', 'ten', 'ten_xa', 'ten_don_vi'];
const POP_FIELDS = ['population', 'pop2019', 'pop', 'dan_so', 'danso', 'total'];

/**
 * Reads commune boundaries from GeoJSON. Id, name and population fields are auto-detected (or given).
 * Every problem is reported with its feature index and field; valid features are kept.
 */
export function communesFromGeoJSON(
  input: unknown,
  options: BoundaryOptions,
): { communes: Commune[]; issues: IssueList['items'] } {
  const { file } = options;
  const features = readFeatureCollection(input, file);
  const issues = new IssueList(file);
  const idField = pickField(features, options.idField, ID_FIELDS);
  const nameField = pickField(features, options.nameField, NAME_FIELDS);
  const popField = pickField(features, options.populationField, POP_FIELDS);
  const missing = [
    !idField && 'an id field (tried id, gso_code, ma_xa, code; or pass --id-field)',
    !nameField && 'a name field (tried name, commune, ten; or pass --name-field)',
    !popField && 'a population field (tried population, pop2019, dan_so; or pass --population-field)',
  ].filter(Boolean);
  if (missing.length) throw new UserError(`${file}: could not find ${missing.join('; ')}.`);
  const seen = new Set<string>();
  let communes: Commune[] = [];
  const featureIndex: number[] = [];
  for (const f of features) {
    const path = `features[${f.index}]`;
    const p = f.properties;
    const before = issues.items.length;
    const idRead = idValue(own(p, idField!), idField!);
    const id = 'id' in idRead ? idRead.id : '';
    if ('missing' in idRead) issues.error(`${path}.properties.${idField}`, 'missing id', { field: idField! });
    else if ('problem' in idRead)
      issues.error(`${path}.properties.${idField}`, idRead.problem, { field: idField! });
    else if (seen.has(id))
      issues.error(`${path}.properties.${idField}`, `duplicate id "${cutText(id)}"`, { field: idField! });
    const name = own(p, nameField!);
    if (typeof name !== 'string' || name.trim() === '')
      issues.error(
        `${path}.properties.${nameField}`,
        isBlank(name)
          ? 'missing name'
          : `${nameField} must be text, not ${valueKind(name)} (got ${showValue(name)})`,
        { field: nameField! },
      );
    const popRaw = own(p, popField!);
    const population = toNumber(popRaw);
    if (population === null || population < 0)
      issues.error(
        `${path}.properties.${popField}`,
        `population must be a number ≥ 0 (got ${showValue(popRaw ?? null)})`,
        {
          field: popField!,
        },
      );
    const geomProblem = geometryProblem(f.geometry);
    if (geomProblem) issues.error(`${path}.geometry`, geomProblem, { field: 'geometry' });
    if (issues.items.length > before) continue;
    seen.add(id);
    featureIndex.push(f.index);
    const nameStr = String(name).normalize('NFC').trim();
    const provinceId = str(own(p, 'province_id')) ?? str(own(p, 'province')) ?? 'province';
    communes.push({
      id,
      name: nameStr,
      districtId: str(own(p, 'district_id')),
      districtName: str(own(p, 'district')),
      provinceId,
      provinceName: str(own(p, 'province')) ?? provinceId,
      population: population!,
      setting: settingOf(p, nameStr),
      geometry: f.geometry as unknown as Polygon | MultiPolygon,
      ...centerOf(p),
      ...formerOf(p),
    });
  }
  // The same ground twice would be counted twice in the district's area and population.
  const twice = overlappingCommunes(communes, featureIndex, issues);
  if (twice.size > 0) communes = communes.filter((_, i) => !twice.has(i));
  if (communes.length === 0) {
    throw new UserError(
      `${file}: no valid commune boundaries (${issues.items.length} problem(s)).`,
      issues.items,
    );
  }
  return { communes, issues: issues.items };
}

function str(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v !== 'string' || v.trim() === '' ? null : v.normalize('NFC').trim();
}

function settingOf(p: Record<string, unknown>, name: string): Setting {
  const setting = own(p, 'setting');
  if (setting === 'urban' || setting === 'rural') return setting;
  const type = (str(own(p, 'type')) ?? '').toLowerCase();
  if (type.startsWith('phường') || type.startsWith('thị trấn')) return 'urban';
  return /^(phường|thị trấn)\s/i.test(name) ? 'urban' : 'rural';
}

/** Old provinces named in `share_in_former_<slug>` fields, with their names as written. */
const FORMER_NAMES: Record<string, string> = {
  gia_lai: 'Gia Lai',
  dak_nong: 'Đắk Nông',
  binh_dinh: 'Bình Định',
};

/** The `share_in_former_*` fields of a 2025 unit (shares 0–1), when it has any. */
function formerOf(p: Record<string, unknown>): { former?: { province: string; share: number }[] } {
  const former: { province: string; share: number }[] = [];
  for (const [k, v] of Object.entries(p)) {
    const m = /^share_in_former_([a-z_]+)$/.exec(k);
    const share = toNumber(v);
    if (!m || share === null || share < 0 || share > 1) continue;
    const slug = m[1]!;
    former.push({ province: FORMER_NAMES[slug] ?? slug.replace(/_/g, ' '), share });
  }
  return former.length ? { former } : {};
}

function centerOf(p: Record<string, unknown>): { center?: [number, number] } {
  const c = own(p, 'center') ?? own(p, 'admin_center_lonlat');
  if (Array.isArray(c) && c.length >= 2 && coordinateProblem(c) === null) return { center: [c[0], c[1]] };
  return {};
}

/** Why a geometry can't be used as a polygon (commune boundary, coverage area), or null when it can. */
export function geometryProblem(g: { type: string; coordinates: unknown } | null): string | null {
  if (!g) return 'missing geometry';
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
    return `geometry must be Polygon or MultiPolygon, not ${g.type}`;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polys) || polys.length === 0) return 'empty geometry';
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) return 'empty polygon';
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) return 'a ring needs at least 4 positions';
      for (const pos of ring) {
        const problem = coordinateProblem(pos);
        if (problem) return problem;
      }
    }
  }
  return null;
}
