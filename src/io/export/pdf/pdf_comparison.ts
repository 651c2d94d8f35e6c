/**
 * The comparison section of the PDF report: the headline indicators of the provinces and districts
 * before and after, the province targets' status before and after, and the communes whose map
 * indicator changed most.
 */
import type { ReportComparison } from '../../../core/report/compare_reports.ts';
import { formatDate, levelText, statusText, T, unitText } from '../report_labels.ts';
import { lcFirst, type PdfReport, STATUS_FILL } from './pdf_report_context.ts';

export function drawComparison(c: PdfReport, cmp: ReportComparison): void {
  const { L, lang, vi, tx, fmt, ind, mapInd } = c;
  L.newPage();
  L.heading(
    vi
      ? `So sánh với kỳ trước (${formatDate(cmp.baseline_generated_at, lang)} → ${formatDate(cmp.current_generated_at, lang)})`
      : `Comparison with the baseline (${formatDate(cmp.baseline_generated_at, lang)} → ${formatDate(cmp.current_generated_at, lang)})`,
    1,
  );
  const headline = new Set([
    'mobile.4G.population_pct',
    'mobile.5G.population_pct',
    'mobile.any.population_pct',
    'postal.avg_service_radius_km',
    'fiber.population_within_reach_pct',
    'villages.dead_zone_villages',
  ]);
  // Provinces first, then districts.
  const rows = cmp.rows
    .filter((r) => r.level !== 'commune' && (r.level === 'province' || headline.has(r.indicator)))
    .sort((a, b) => Number(a.level !== 'province') - Number(b.level !== 'province'));
  const sign = (v: number | null, d: number) => (v === null ? '—' : `${v > 0 ? '+' : ''}${fmt(v, d)}`);
  const dec = (id: string) => ind(id)?.decimals ?? 2;
  L.table(
    [
      { header: tx(T.level), width: 1 },
      { header: tx(T.name), width: 2.5 },
      { header: tx(T.indicator), width: 4.5 },
      { header: tx(T.before), width: 1.4, align: 'right' },
      { header: tx(T.after), width: 1.4, align: 'right' },
      { header: tx(T.difference), width: 1.4, align: 'right' },
    ],
    rows.map((r) => [
      levelText(r.level, lang),
      r.unit_name,
      `${vi ? r.label_vi : r.label_en} (${unitText(r.unit, lang)})`,
      fmt(r.before, dec(r.indicator)),
      fmt(r.after, dec(r.indicator)),
      { text: sign(r.difference, dec(r.indicator)), bold: r.difference !== null && r.difference !== 0 },
    ]),
    7,
  );
  const tch = cmp.targets.filter((t) => t.level === 'province');
  if (tch.length) {
    L.heading(vi ? 'Chỉ tiêu cấp tỉnh: trước và sau' : 'Province targets: before and after', 2);
    L.table(
      [
        { header: tx(T.targetId), width: 1.3 },
        { header: tx(T.province), width: 1.5 },
        { header: `${tx(T.status)} — ${tx(T.before).toLowerCase()}`, width: 1.8 },
        { header: `${tx(T.status)} — ${tx(T.after).toLowerCase()}`, width: 1.8 },
        { header: tx(T.before), width: 1.2, align: 'right' },
        { header: tx(T.after), width: 1.2, align: 'right' },
        { header: tx(T.difference), width: 1.2, align: 'right' },
      ],
      tch.map((t) => [
        t.target_id,
        t.unit_name,
        {
          text: statusText(t.before_status, lang),
          fill: STATUS_FILL[t.before_status ?? ''] ?? [255, 255, 255],
        },
        {
          text: statusText(t.after_status, lang),
          fill: STATUS_FILL[t.after_status ?? ''] ?? [255, 255, 255],
        },
        fmt(t.before_value),
        fmt(t.after_value),
        sign(t.difference, 2),
      ]),
      7,
    );
  }
  const moved = cmp.rows
    .filter((r) => r.level === 'commune' && r.indicator === mapInd.id && r.difference)
    .sort((a, b) => Math.abs(b.difference!) - Math.abs(a.difference!))
    .slice(0, 20);
  L.heading(
    vi ? `Xã thay đổi nhiều nhất: ${lcFirst(mapInd.vi)}` : `Communes that changed most: ${mapInd.en}`,
    2,
  );
  if (moved.length === 0) L.paragraph(vi ? 'Không có xã nào thay đổi.' : 'No commune changed.');
  else
    L.table(
      [
        { header: tx(T.commune), width: 3 },
        { header: tx(T.before), width: 1.3, align: 'right' },
        { header: tx(T.after), width: 1.3, align: 'right' },
        { header: tx(T.difference), width: 1.3, align: 'right' },
      ],
      moved.map((r) => [r.unit_name, fmt(r.before), fmt(r.after), sign(r.difference, 2)]),
      7.5,
    );
  if (cmp.conversion)
    L.paragraph(
      `${vi ? cmp.conversion.method_vi : cmp.conversion.method_en} ${
        vi
          ? `Đơn vị có số liệu kỳ trước quy đổi: ${cmp.conversion.carried} xã/phường; không có số liệu kỳ trước: ${cmp.conversion.without_baseline.length} đơn vị.`
          : `Units with a converted baseline: ${cmp.conversion.carried} communes; no baseline for ${cmp.conversion.without_baseline.length} units.`
      }`,
      { size: 8 },
    );
  else if (cmp.only_in_baseline.length || cmp.only_in_current.length)
    L.paragraph(
      vi
        ? `Đơn vị chỉ có ở kỳ trước: ${cmp.only_in_baseline.length}; chỉ có ở kỳ này: ${cmp.only_in_current.length} (không so sánh được, ví dụ do thay đổi địa giới).`
        : `Units only in the baseline: ${cmp.only_in_baseline.length}; only in the current report: ${cmp.only_in_current.length} (not compared, e.g. after a boundary change).`,
      { size: 8 },
    );
}
