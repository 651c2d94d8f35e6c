import type { MultiLineString } from 'geojson';
import type { FiberRoute, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import { cellsOf } from '../../core/base/site_cells.ts';
import type { Site, SiteSource } from '../../core/base/types.ts';
import type { LayerField, ReportLayer } from './report_features.ts';
import type { ReportLang } from './report_labels.ts';

/** The infrastructure of a scenario to export; a layer is written for each list given. */
export interface InfrastructureInput {
  /** Input sites, what-if sites and accepted suggestions (Site.source; absent = input). */
  sites?: readonly Site[];
  postal?: readonly PostalPoint[] | null;
  villages?: readonly Village[] | null;
  fiber?: readonly FiberRoute[] | null;
  /** Where a postal point came from (default: input). */
  postalSource?: (p: PostalPoint) => SiteSource;
}

type Value = string | number | null;
const num = (v: number | undefined | null): Value => (v === undefined || v === null ? null : v);
const text = (v: string | undefined | null): Value => (v === undefined || v === null || v === '' ? null : v);
/** Yes/no as 1/0 (null when unknown): every GIS format and spreadsheet reads an integer. */
const flag = (v: boolean | null | undefined): Value => (v === undefined || v === null ? null : v ? 1 : 0);

/** The fields of the `sites` layer: the site record's own attributes. */
export function siteFields(vi: boolean): LayerField[] {
  return [
    { name: 'site_id', short: 'site_id', type: 'string', label: vi ? 'Mã trạm' : 'Site id' },
    { name: 'name', short: 'name', type: 'string', label: vi ? 'Tên trạm' : 'Site name' },
    { name: 'operator', short: 'operator', type: 'string', label: vi ? 'Nhà mạng' : 'Operator' },
    { name: 'technologies', short: 'techs', type: 'string', label: vi ? 'Công nghệ' : 'Technologies' },
    { name: 'cell_count', short: 'cell_count', type: 'integer', label: vi ? 'Số cell' : 'Cells' },
    { name: 'source', short: 'source', type: 'string', label: vi ? 'Nguồn' : 'Source' },
    { name: 'radius_m', short: 'radius_m', type: 'real', label: vi ? 'Bán kính (m)' : 'Radius (m)' },
    {
      name: 'azimuth_deg',
      short: 'azimuth',
      type: 'real',
      label: vi ? 'Góc phương vị (độ)' : 'Azimuth (°)',
    },
    {
      name: 'beamwidth_deg',
      short: 'beamwidth',
      type: 'real',
      label: vi ? 'Độ rộng búp sóng (độ)' : 'Beamwidth (°)',
    },
    { name: 'band', short: 'band', type: 'string', label: vi ? 'Băng tần' : 'Band' },
    {
      name: 'height_m',
      short: 'height_m',
      type: 'real',
      label: vi ? 'Độ cao anten (m)' : 'Antenna height (m)',
    },
    {
      name: 'has_coverage_polygon',
      short: 'cov_poly',
      type: 'integer',
      label: vi ? 'Có vùng phủ dự báo (1/0)' : 'Has a predicted coverage polygon (1/0)',
    },
  ];
}

/** The fields of the `cells` layer (after the site id, name and operator, the cell's own). */
export function cellFields(vi: boolean): LayerField[] {
  return [
    { name: 'site_id', short: 'site_id', type: 'string', label: vi ? 'Mã trạm' : 'Site id' },
    { name: 'site_name', short: 'site_name', type: 'string', label: vi ? 'Tên trạm' : 'Site name' },
    { name: 'operator', short: 'operator', type: 'string', label: vi ? 'Nhà mạng' : 'Operator' },
    { name: 'cell_id', short: 'cell_id', type: 'string', label: vi ? 'Mã cell' : 'Cell id' },
    { name: 'technology', short: 'technology', type: 'string', label: vi ? 'Công nghệ' : 'Technology' },
    { name: 'band', short: 'band', type: 'string', label: vi ? 'Băng tần' : 'Band' },
    {
      name: 'azimuth_deg',
      short: 'azimuth',
      type: 'real',
      label: vi ? 'Góc phương vị (độ)' : 'Azimuth (°)',
    },
    {
      name: 'beamwidth_deg',
      short: 'beamwidth',
      type: 'real',
      label: vi ? 'Độ rộng búp sóng (độ)' : 'Beamwidth (°)',
    },
    {
      name: 'height_m',
      short: 'height_m',
      type: 'real',
      label: vi ? 'Độ cao anten (m)' : 'Antenna height (m)',
    },
    { name: 'radius_m', short: 'radius_m', type: 'real', label: vi ? 'Bán kính (m)' : 'Radius (m)' },
    { name: 'eirp_dbm', short: 'eirp_dbm', type: 'real', label: 'EIRP (dBm)' },
    {
      name: 'tilt_deg',
      short: 'tilt_deg',
      type: 'real',
      label: vi ? 'Góc nghiêng anten (độ)' : 'Downtilt (°)',
    },
    { name: 'status', short: 'status', type: 'string', label: vi ? 'Trạng thái' : 'Status' },
    { name: 'year', short: 'year', type: 'integer', label: vi ? 'Năm phát sóng' : 'Year on air' },
    {
      name: 'has_coverage_polygon',
      short: 'cov_poly',
      type: 'integer',
      label: vi ? 'Có vùng phủ dự báo (1/0)' : 'Has a predicted coverage polygon (1/0)',
    },
    { name: 'source', short: 'source', type: 'string', label: vi ? 'Nguồn' : 'Source' },
  ];
}

/** A site's source: input unless the scenario says what-if or suggested. */
export const siteSource = (s: Site): SiteSource => s.source ?? 'input';

/** The values of one site in the `sites` layer's field order. */
export function siteValues(s: Site): Value[] {
  return [
    s.id,
    text(s.name),
    text(s.operator),
    s.technologies.join(','),
    cellsOf(s).length,
    siteSource(s),
    num(s.radius_m),
    num(s.azimuth_deg),
    num(s.beamwidth_deg),
    text(s.band),
    num(s.height_m),
    s.coverage ? 1 : 0,
  ];
}

/** The values of each cell of a site (`cellsOf`) in the `cells` layer's field order. */
export function cellValues(s: Site): Value[][] {
  return cellsOf(s).map((c) => [
    s.id,
    text(s.name),
    text(s.operator),
    text(c.id),
    c.technology,
    text(c.band),
    num(c.azimuth_deg),
    num(c.beamwidth_deg),
    num(c.height_m),
    num(c.radius_m),
    num(c.eirp_dbm),
    num(c.tilt_deg),
    c.status,
    num(c.year),
    c.coverage ? 1 : 0,
    siteSource(s),
  ]);
}

const asMultiLine = (g: FiberRoute['geometry']): MultiLineString =>
  g.type === 'MultiLineString' ? g : { type: 'MultiLineString', coordinates: [g.coordinates] };

/**
 * The infrastructure as GIS layers, one feature per record with every attribute of it: `sites` (Point),
 * `cells` (Point at the site, one per cell of `cellsOf`), `postal_points`, `villages` (Point) and
 * `fiber_routes` (MultiLineString), each with a `source` (input, what-if or suggested). Yes/no
 * attributes are 1/0 (null when unknown). Positions are the records' own, in WGS84 degrees.
 */
export function infrastructureLayers(input: InfrastructureInput, lang: ReportLang = 'vi'): ReportLayer[] {
  const vi = lang === 'vi';
  const layers: ReportLayer[] = [];
  const src: LayerField = { name: 'source', short: 'source', type: 'string', label: vi ? 'Nguồn' : 'Source' };
  if (input.sites) {
    const sites = input.sites;
    layers.push({
      name: 'sites',
      geometryType: 'Point',
      fields: siteFields(vi),
      features: sites.map((s) => ({
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        values: siteValues(s),
      })),
    });
    layers.push({
      name: 'cells',
      geometryType: 'Point',
      fields: cellFields(vi),
      features: sites.flatMap((s) =>
        cellValues(s).map((values) => ({
          geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] },
          values,
        })),
      ),
    });
  }
  if (input.postal) {
    const sourceOf = input.postalSource ?? (() => 'input' as const);
    layers.push({
      name: 'postal_points',
      geometryType: 'Point',
      fields: [
        { name: 'id', short: 'id', type: 'string', label: vi ? 'Mã điểm' : 'Point id' },
        { name: 'name', short: 'name', type: 'string', label: vi ? 'Tên điểm' : 'Name' },
        { name: 'type', short: 'type', type: 'string', label: vi ? 'Loại điểm' : 'Type' },
        {
          name: 'staffed',
          short: 'staffed',
          type: 'integer',
          label: vi ? 'Có người phục vụ (1/0)' : 'Staffed (1/0)',
        },
        {
          name: 'internet',
          short: 'internet',
          type: 'integer',
          label: vi ? 'Có Internet (1/0)' : 'Internet (1/0)',
        },
        {
          name: 'online_public_services',
          short: 'online_ps',
          type: 'integer',
          label: vi ? 'Hỗ trợ dịch vụ công trực tuyến (1/0)' : 'Online public services (1/0)',
        },
        src,
      ],
      features: input.postal.map((p) => ({
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        values: [
          p.id,
          text(p.name),
          p.type,
          flag(p.staffed),
          flag(p.internet),
          flag(p.online_public_services),
          sourceOf(p),
        ],
      })),
    });
  }
  if (input.villages) {
    layers.push({
      name: 'villages',
      geometryType: 'Point',
      fields: [
        { name: 'id', short: 'id', type: 'string', label: vi ? 'Mã thôn' : 'Village id' },
        { name: 'name', short: 'name', type: 'string', label: vi ? 'Tên thôn' : 'Village' },
        { name: 'commune_id', short: 'commune_id', type: 'string', label: vi ? 'Mã xã' : 'Commune id' },
        {
          name: 'population',
          short: 'population',
          type: 'real',
          label: vi ? 'Dân số (người)' : 'Population (people)',
        },
        {
          name: 'has_grid_power',
          short: 'grid_power',
          type: 'integer',
          label: vi ? 'Có điện lưới (1/0)' : 'On the grid (1/0)',
        },
        src,
      ],
      features: input.villages.map((v) => ({
        geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
        values: [v.id, text(v.name), text(v.communeId), v.population, flag(v.hasGridPower), 'input'],
      })),
    });
  }
  if (input.fiber) {
    layers.push({
      name: 'fiber_routes',
      geometryType: 'MultiLineString',
      fields: [
        { name: 'id', short: 'id', type: 'string', label: vi ? 'Mã tuyến' : 'Route id' },
        { name: 'operator', short: 'operator', type: 'string', label: vi ? 'Đơn vị' : 'Operator' },
        { name: 'medium', short: 'medium', type: 'string', label: vi ? 'Loại cáp' : 'Medium' },
        {
          name: 'placement',
          short: 'placement',
          type: 'string',
          label: vi ? 'Hình thức lắp đặt' : 'Placement',
        },
        { name: 'year', short: 'year', type: 'integer', label: vi ? 'Năm' : 'Year' },
        src,
      ],
      features: input.fiber.map((f) => ({
        geometry: asMultiLine(f.geometry),
        values: [f.id, f.operator, f.medium, text(f.placement), num(f.year), 'input'],
      })),
    });
  }
  return layers;
}
