/**
 * The chart page of a province in the PDF report: population coverage by technology and operator, 4G
 * and 5G by district (or the 15 worst communes without districts), and the postal service radius by
 * district against the 3 km target.
 */
import type { ReportIndicator } from '../../../core/report/report_indicators.ts';
import type { FullUnit } from '../../../core/run_analysis.ts';
import { barChartHeight, drawBarChart } from './pdf_charts.ts';
import { MARGIN, type RGB } from './pdf_layout.ts';
import { lcFirst, type PdfReport } from './pdf_report_context.ts';

const OPERATOR_COLORS: RGB[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [148, 103, 189],
  [140, 86, 75],
];

export function drawProvinceCharts(c: PdfReport, p: FullUnit): void {
  const { report, L, vi, fmt, units, ind, mapInd } = c;
  const communes = units.communesOf(p.id);
  const districts = units.districtsOf(p.id);
  L.newPage();
  L.heading(vi ? `Biểu đồ — ${p.name}` : `Charts — ${p.name}`, 2);
  const techs = ['2G', '3G', '4G', '5G', 'any'].filter(
    (t) => t === 'any' || report.technologies.includes(t as never),
  );
  const techLabel = (t: string) => (t === 'any' ? (vi ? 'Mọi công nghệ' : 'Any technology') : t);
  const groups = districts.length ? districts : worst(communes, mapInd, 15);
  const withRadius = districts.length > 0 && p.postal !== null;
  // The page's charts together on one page (issue 15: the radius chart went alone onto a page of its
  // own): the thickest bars, 7 pt down to 4 pt, with which all of them fit below the heading.
  const fits = (b: number) =>
    barChartHeight(techs.length, 1 + report.operators.length, 7) +
      barChartHeight(groups.length, 2, b) +
      (withRadius ? barChartHeight(districts.length, 1, b) : 0) <=
    L.y - MARGIN - 18;
  const bar = [7, 6, 5, 4].find(fits) ?? 7;
  drawBarChart(L, {
    title: vi
      ? 'Tỷ lệ dân số được phủ sóng theo công nghệ và nhà mạng (%)'
      : 'Population coverage by technology and operator (%)',
    categories: techs.map(techLabel),
    series: [
      { name: vi ? 'Mọi nhà mạng' : 'Any operator', color: [60, 60, 60] as RGB, op: 'all' },
      ...report.operators.map((o, k) => ({
        name: o,
        color: OPERATOR_COLORS[k % OPERATOR_COLORS.length]!,
        op: o,
      })),
    ].map((s) => ({
      name: s.name,
      color: s.color,
      values: techs.map(
        (t) => p.coverage.find((c) => c.technology === t && c.operator === s.op)?.population_pct ?? null,
      ),
    })),
    max: 100,
    format: (v) => fmt(v, v % 1 ? 1 : 0),
  });
  drawBarChart(L, {
    bar,
    title: districts.length
      ? vi
        ? 'Tỷ lệ dân số được phủ sóng 4G và 5G theo huyện (%)'
        : '4G and 5G population coverage by district (%)'
      : vi
        ? `15 xã có ${lcFirst(mapInd.vi)} thấp nhất (%)`
        : `The 15 communes with the lowest ${lcFirst(mapInd.en)} (%)`,
    categories: groups.map((g) => g.name),
    series: [
      {
        name: '4G',
        color: [31, 119, 180] as RGB,
        values: groups.map((g) => ind('mobile.4G.population_pct')!.get(g)),
      },
      {
        name: '5G',
        color: [255, 127, 14] as RGB,
        values: groups.map((g) => ind('mobile.5G.population_pct')!.get(g)),
      },
    ],
    max: 100,
    format: (v) => fmt(v, v % 1 ? 1 : 0),
  });
  if (withRadius) {
    const r = ind('postal.avg_service_radius_km')!;
    const vals = districts.map((d) => r.get(d));
    drawBarChart(L, {
      bar,
      title: vi
        ? 'Bán kính phục vụ bình quân của mạng bưu chính theo huyện (km), chỉ tiêu ≤ 3 km'
        : 'Average postal service radius by district (km), target ≤ 3 km',
      categories: districts.map((d) => d.name),
      series: [{ name: 'R̄ = √(S/(π·N))', color: [148, 103, 189], values: vals }],
      max: 4 * Math.ceil(Math.max(4, ...vals.map((v) => v ?? 0)) / 4),
      format: (v) => fmt(v, v % 1 ? 2 : 0),
      reference: { value: 3, label: '3 km' },
    });
  }
}

function worst(list: readonly FullUnit[], ind: ReportIndicator, n: number): FullUnit[] {
  return [...list]
    .filter((u) => ind.get(u) !== null)
    .sort((a, b) => (ind.get(a) ?? 0) - (ind.get(b) ?? 0))
    .slice(0, n);
}
