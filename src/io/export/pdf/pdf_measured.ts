/**
 * The measured section of a province in the PDF report: what the speed tests say (đo thực tế), per
 * technology and operator for the province, and per district or commune for 4G and 5G, beside the
 * modelled population coverage, with the tests' date range.
 */
import type { FullUnit } from '../../../core/run_analysis.ts';
import type { PdfReport } from './pdf_report_context.ts';

/** The measured tables of a province; nothing when the report has no speed tests. */
export function drawProvinceMeasured(c: PdfReport, p: FullUnit): void {
  const { report, L, vi, fmt, units } = c;
  if (!report.measured || !p.measured) return;
  const m = p.measured;
  const span = `${m.date_from ?? '—'} – ${m.date_to ?? '—'}`;
  const n = (x: number | null, d = 1) => (x === null ? '—' : fmt(x, d));
  L.newPage();
  L.heading(
    vi
      ? `Tốc độ đo thực tế — ${p.name} (${fmt(m.tests, 0)} lần đo, ${span})`
      : `Measured speeds — ${p.name} (${fmt(m.tests, 0)} tests, ${span})`,
    2,
  );
  L.paragraph(
    vi
      ? 'Đo thực tế (không phải mô hình): trung bình và trung vị theo lần đo; một ô lưới Ookla được tính theo số lần đo của nó. Tỷ lệ đạt ngưỡng: lần đo có tốc độ tải xuống ≥ ngưỡng.'
      : 'Measured, not modelled: means and medians over tests; an Ookla tile counts with its number of tests. Share at threshold: tests with download ≥ the threshold.',
    { size: 7, color: [90, 90, 90] },
  );
  const tech = (t: string) => (t === 'any' ? (vi ? 'mọi công nghệ' : 'any') : t);
  const op = (o: string) => (o === 'all' ? (vi ? 'mọi nhà mạng' : 'all') : o);
  const modelled = (u: FullUnit, t: string, o: string) => {
    const cov = u.coverage.find((x) => x.technology === t && x.operator === o);
    return cov ? `${fmt(cov.population_pct, 1)}%` : '—';
  };
  L.table(
    [
      { header: vi ? 'Công nghệ' : 'Technology', width: 1.8 },
      { header: vi ? 'Nhà mạng' : 'Operator', width: 1.6 },
      { header: vi ? 'Số lần đo' : 'Tests', width: 1.1, align: 'right' },
      { header: vi ? 'Tải xuống TB (Mb/s)' : 'Mean down (Mb/s)', width: 1.5, align: 'right' },
      { header: vi ? 'Trung vị (Mb/s)' : 'Median (Mb/s)', width: 1.3, align: 'right' },
      { header: vi ? 'Tải lên TB (Mb/s)' : 'Mean up (Mb/s)', width: 1.4, align: 'right' },
      { header: vi ? 'Độ trễ TB (ms)' : 'Latency (ms)', width: 1.2, align: 'right' },
      { header: vi ? 'Đạt ngưỡng' : 'At threshold', width: 1.6, align: 'right' },
      {
        header: vi ? 'Phủ sóng dân số (mô hình)' : 'Population coverage (modelled)',
        width: 1.8,
        align: 'right',
      },
    ],
    m.groups
      .filter((g) => g.tests > 0)
      .map((g) => [
        tech(g.technology),
        op(g.operator),
        fmt(g.tests, 0),
        n(g.download_mean_mbps),
        n(g.download_median_mbps),
        n(g.upload_mean_mbps),
        n(g.latency_mean_ms, 0),
        g.tests_at_or_above_pct === null
          ? '—'
          : `${fmt(g.tests_at_or_above_pct, 1)}% ≥ ${fmt(g.threshold_mbps ?? 0, 0)}`,
        modelled(p, g.technology, g.operator),
      ]),
    7,
  );
  const districts = units.districtsOf(p.id);
  const rows = (districts.length ? districts : units.communesOf(p.id)).filter(
    (u) => (u.measured?.tests ?? 0) > 0,
  );
  if (rows.length === 0) return;
  const g = (u: FullUnit, t: string) =>
    u.measured?.groups.find((x) => x.technology === t && x.operator === 'all');
  L.heading(
    vi ? (districts.length ? 'Theo huyện' : 'Theo xã') : districts.length ? 'By district' : 'By commune',
    3,
  );
  L.table(
    [
      { header: districts.length ? (vi ? 'Huyện' : 'District') : vi ? 'Xã' : 'Commune', width: 2.6 },
      { header: vi ? 'Số lần đo' : 'Tests', width: 1.1, align: 'right' },
      { header: vi ? '4G TB (Mb/s)' : '4G mean (Mb/s)', width: 1.4, align: 'right' },
      { header: vi ? '4G phủ dân số (mô hình)' : '4G pop. coverage (modelled)', width: 1.8, align: 'right' },
      { header: vi ? '5G TB (Mb/s)' : '5G mean (Mb/s)', width: 1.4, align: 'right' },
      { header: vi ? '5G phủ dân số (mô hình)' : '5G pop. coverage (modelled)', width: 1.8, align: 'right' },
      { header: vi ? 'Từ – đến' : 'From – to', width: 2.4 },
    ],
    rows.map((u) => [
      u.name,
      fmt(u.measured!.tests, 0),
      n(g(u, '4G')?.download_mean_mbps ?? null),
      modelled(u, '4G', 'all'),
      n(g(u, '5G')?.download_mean_mbps ?? null),
      modelled(u, '5G', 'all'),
      `${u.measured!.date_from ?? '—'} – ${u.measured!.date_to ?? '—'}`,
    ]),
    7,
  );
}
