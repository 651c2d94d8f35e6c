import type { MultiPolygon, Polygon } from 'geojson';
import { UserError } from '../../core/base/errors.ts';
import { cutText, showValue } from '../../core/base/show_value.ts';
import type { Commune, Setting } from '../../core/base/types.ts';
import { coordinateProblem, IssueList, pickField, readFeatureCollection } from '../formats/geojson_input.ts';

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
  const communes: Commune[] = [];
  for (const f of features) {
    const path = `features[${f.index}]`;
    const p = f.properties;
    const before = issues.items.length;
    const id = p[idField!];
    if (id === undefined || id === null || String(id).trim() === '')
      issues.error(`${path}.properties.${idField}`, 'missing id', { field: idField! });
    else if (seen.has(String(id)))
      issues.error(`${path}.properties.${idField}`, `duplicate id "${cutText(String(id))}"`, {
        field: idField!,
      });
    const name = p[nameField!];
    if (typeof name !== 'string' || name.trim() === '')
      issues.error(`${path}.properties.${nameField}`, 'missing name', { field: nameField! });
    const population = Number(p[popField!]);
    if (p[popField!] === null || p[popField!] === undefined || !Number.isFinite(population) || population < 0)
      issues.error(
        `${path}.properties.${popField}`,
        `population must be a number ≥ 0 (got ${showValue(p[popField!])})`,
        {
          field: popField!,
        },
      );
    const geomProblem = geometryProblem(f.geometry);
    if (geomProblem) issues.error(`${path}.geometry`, geomProblem, { field: 'geometry' });
    if (issues.items.length > before) continue;
    seen.add(String(id));
    const nameStr = String(name).normalize('NFC').trim();
    const provinceId = str(p.province_id) ?? str(p.province) ?? 'province';
    communes.push({
      id: String(id),
      name: nameStr,
      districtId: str(p.district_id),
      districtName: str(p.district),
      provinceId,
      provinceName: str(p.province) ?? provinceId,
      population,
      setting: settingOf(p, nameStr),
      geometry: f.geometry as unknown as Polygon | MultiPolygon,
      ...centerOf(p),
    });
  }
  if (communes.length === 0) {
    throw new UserError(
      `${file}: no valid commune boundaries (${issues.items.length} problem(s)).`,
      issues.items,
    );
  }
  return { communes, issues: issues.items };
}

function str(v: unknown): string | null {
  return v === undefined || v === null || String(v).trim() === '' ? null : String(v).normalize('NFC').trim();
}

function settingOf(p: Record<string, unknown>, name: string): Setting {
  if (p.setting === 'urban' || p.setting === 'rural') return p.setting;
  const type = String(p.type ?? '').toLowerCase();
  if (type.startsWith('phường') || type.startsWith('thị trấn')) return 'urban';
  return /^(phường|thị trấn)\s/i.test(name) ? 'urban' : 'rural';
}

function centerOf(p: Record<string, unknown>): { center?: [number, number] } {
  const c = p.center ?? p.admin_center_lonlat;
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
