/**
 * The first pages of the PDF report: the title, reporting and "as of" dates and boundary set, the
 * synthetic-data warning, the data sources, and the summary table with a column per province.
 */
import type { CoverageReport } from '../../../core/report/report.ts';
import type { ReportUnits } from '../../../core/report/report_units.ts';
import { indicatorHeader, T } from '../report_labels.ts';
import { MARGIN, type PdfColumn } from './pdf_layout.ts';
import type { PdfReport } from './pdf_report_context.ts';

export function drawCover(c: PdfReport): void {
  const { report, L, lang, vi, tx, fmt, units, ind, key, provTargets } = c;
  L.y -= 60;
  L.paragraph(tx(T.title).toUpperCase(), { size: 18, bold: true, color: [20, 60, 110] }, 0, 2);
  L.paragraph(`${vi ? 'Tỉnh' : 'Province'}: ${c.provinceNames}`, { size: 16, bold: true }, 0, 4);
  L.paragraph(tx(T.subtitle), { size: 10, color: [70, 70, 70] }, 0, 16);
  L.table(
    [
      { header: tx(T.item), width: 2 },
      { header: vi ? 'Thông tin' : 'Detail', width: 5 },
    ],
    [
      [tx(T.reportDate), c.reportDate],
      [tx(T.asOf), c.asOf],
      [tx(T.generatedAt), report.generated_at],
      [vi ? 'Đơn vị hành chính' : 'Boundaries', boundaryText(report, units, vi)],
    ],
    9,
  );
  if (report.inputs.synthetic) {
    L.ensure(40);
    const lines = L.wrap(tx(T.synthetic), L.width - 16, { size: 9, bold: true });
    const h = lines.length * 11 + 10;
    L.rect(MARGIN, L.y - h, L.width, h, [255, 235, 235], [200, 40, 40], 0.8);
    lines.forEach((l, i) => {
      L.textAt(l, MARGIN + 8, L.y - 14 - i * 11, { size: 9, bold: true, color: [170, 20, 20] });
    });
    L.y -= h + 10;
  }
  L.paragraph(tx(T.modelled), { size: 9, bold: true }, 0, 10);
  L.heading(tx(T.sources), 2);
  const src = (label: string, path: string | null) => (path ? [[label, baseName(path)]] : []);
  L.table(
    [
      { header: vi ? 'Dữ liệu' : 'Data', width: 2 },
      { header: vi ? 'Tệp' : 'File', width: 5 },
    ],
    [
      ...src(vi ? 'Ranh giới xã, dân số' : 'Commune boundaries, population', report.inputs.boundaries),
      ...src(vi ? 'Trạm di động' : 'Mobile sites', report.inputs.sites),
      ...src(vi ? 'Điểm dân cư / raster dân số' : 'Population points / raster', report.inputs.population),
      ...src(vi ? 'Điểm phục vụ bưu chính' : 'Postal service points', report.inputs.postal),
      ...src(vi ? 'Tuyến cáp quang' : 'Fiber routes', report.inputs.fiber),
      ...src(vi ? 'Thôn, làng' : 'Villages', report.inputs.villages),
      ...src(vi ? 'Khu dân cư (vùng)' : 'Settlements (polygons)', report.inputs.settlements ?? null),
      ...report.inputs.targets.map((t) => [vi ? 'Chỉ tiêu kế hoạch' : 'Plan targets', baseName(t)]),
    ],
    8.5,
  );
  L.heading(vi ? 'Tóm tắt theo tỉnh' : 'Summary by province', 2);
  L.table(
    [
      { header: vi ? 'Chỉ số' : 'Figure', width: 4 },
      ...units.provinces.map((p): PdfColumn => ({ header: p.name, width: 2, align: 'right' })),
    ],
    [
      [tx(T.population), ...units.provinces.map((p) => fmt(p.population, 0))],
      [`${vi ? 'Diện tích' : 'Area'} (km²)`, ...units.provinces.map((p) => fmt(p.area_km2, 1))],
      [
        vi ? 'Số xã/phường/thị trấn' : 'Communes',
        ...units.provinces.map((p) => fmt(units.communesOf(p.id).length, 0)),
      ],
      ...(['4G', '5G', 'any'] as const).map((t) => [
        indicatorHeader(ind(`mobile.${t}.population_pct`)!, lang),
        ...units.provinces.map((p) => key(p, `mobile.${t}.population_pct`)),
      ]),
      // The populated area (khu vực có dân cư), and what the plan reports for it, when there is one.
      ...(ind('mobile.5G.populated_area_pct')
        ? (['4G', '5G'] as const).map((t) => [
            indicatorHeader(ind(`mobile.${t}.populated_area_pct`)!, lang),
            ...units.provinces.map((p) => key(p, `mobile.${t}.populated_area_pct`)),
          ])
        : []),
      ...reportedRows(report, units, vi, fmt),
      [
        indicatorHeader(ind('postal.avg_service_radius_km')!, lang),
        ...units.provinces.map((p) => key(p, 'postal.avg_service_radius_km', 2)),
      ],
      [
        indicatorHeader(ind('fiber.population_within_reach_pct')!, lang),
        ...units.provinces.map((p) => key(p, 'fiber.population_within_reach_pct')),
      ],
      [
        indicatorHeader(ind('villages.dead_zone_villages')!, lang),
        ...units.provinces.map((p) => key(p, 'villages.dead_zone_villages', 0)),
      ],
      [
        vi ? 'Chỉ tiêu: đạt / chưa đạt / chưa đánh giá' : 'Targets: met / not met / not evaluable',
        ...units.provinces.map((p) => {
          const ts = provTargets(p);
          const n = (s: string) => ts.filter((t) => t.status === s).length;
          return `${n('met')} / ${n('not_met')} / ${n('not_evaluable')}`;
        }),
      ],
    ],
    8.5,
  );
}

/**
 * One row per result a plan reports (`reported_results`: Gia Lai 2025, 5G 91 % khu vực có dân cư),
 * with the plan's figure and year in the province's column: shown beside ours, never met or not met.
 */
function reportedRows(
  report: CoverageReport,
  units: ReportUnits,
  vi: boolean,
  fmt: PdfReport['fmt'],
): string[][] {
  const list = (report.reported_results ?? []).filter((r) => r.level === 'province');
  const ids = [...new Set(list.map((r) => r.reported_id))];
  return ids.map((id) => {
    const first = list.find((r) => r.reported_id === id)!;
    const label = `${vi ? first.indicator : first.indicator_en}${first.technology ? ` (${first.technology})` : ''}: ${
      vi ? 'kế hoạch báo cáo' : 'reported by the plan'
    }`;
    return [
      label,
      ...units.provinces.map((p) => {
        const r = list.find((x) => x.reported_id === id && x.unit_id === p.id);
        return r ? `${fmt(r.reported_value, 0)}%${r.year === null ? '' : ` (${r.year})`}` : '—';
      }),
    ];
  });
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function boundaryText(report: CoverageReport, units: ReportUnits, vi: boolean): string {
  const d = report.units.filter((u) => u.level === 'district').length;
  const c = units.communes.length;
  return d
    ? vi
      ? `Trước 01/7/2025: ${d} huyện, ${c} xã/phường/thị trấn`
      : `Before 1 July 2025: ${d} districts, ${c} communes`
    : vi
      ? `Từ 01/7/2025 (chính quyền hai cấp, không có huyện): ${c} xã/phường`
      : `From 1 July 2025 (two-level government, no districts): ${c} communes`;
}
