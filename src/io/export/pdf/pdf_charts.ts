import type { PdfLayout, RGB } from './pdf_layout.ts';

export interface BarSeries {
  name: string;
  color: RGB;
  values: readonly (number | null)[];
}

export interface BarChartOptions {
  title: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Axis maximum (100 for %). */
  max: number;
  format: (v: number) => string;
  /** Optional reference line (a target value) with its label. */
  reference?: { value: number; label: string };
  /** Bar thickness in points (default 7); thinner bars keep a page's charts together. */
  bar?: number;
}

/** The height (points) a bar chart takes with bars of `bar` points. */
export function barChartHeight(categories: number, series: number, bar = 7): number {
  return 40 + categories * (series * bar + barGap(bar)) + 16;
}

function barGap(bar: number): number {
  return Math.min(5, Math.round(bar * 0.75));
}

/**
 * A horizontal grouped bar chart at the layout's cursor: one row per category, one bar per series,
 * value labels at the bar ends, grid lines at quarters of the axis, a legend under the title. Moves
 * the cursor below the chart; starts a new page first when it does not fit.
 */
export function drawBarChart(layout: PdfLayout, opt: BarChartOptions): void {
  const bar = opt.bar ?? 7;
  const gap = barGap(bar);
  const rowH = opt.series.length * bar + gap;
  const labelW = 130;
  const height = barChartHeight(opt.categories.length, opt.series.length, bar);
  layout.ensure(height);
  const x0 = layout.page.getWidth() / 2 - layout.width / 2 + labelW;
  const plotW = layout.width - labelW - 36;
  let y = layout.y - 12;
  layout.textAt(opt.title, x0 - labelW, y, { size: 9.5, bold: true });
  y -= 13;
  let lx = x0 - labelW;
  for (const s of opt.series) {
    layout.rect(lx, y - 1, 9, 7, s.color);
    layout.textAt(s.name, lx + 12, y, { size: 7.5 });
    lx += 12 + layout.widthOf(s.name, { size: 7.5 }) + 14;
  }
  y -= 8;
  const top = y;
  const bottom = top - opt.categories.length * rowH;
  const X = (v: number) => x0 + (Math.max(0, Math.min(opt.max, v)) / opt.max) * plotW;
  for (let q = 0; q <= 4; q++) {
    const v = (opt.max * q) / 4;
    layout.line(X(v), top, X(v), bottom, [215, 215, 215], 0.4);
    layout.textAt(opt.format(v), X(v), bottom - 9, { size: 6.5, color: [90, 90, 90] }, 'center');
  }
  opt.categories.forEach((c, i) => {
    const ry = top - i * rowH - gap / 2;
    const label = layout.wrap(c, labelW - 6, { size: 7.5 })[0] ?? c;
    layout.textAt(label, x0 - 6, ry - (opt.series.length * bar) / 2 - 2.5, { size: 7.5 }, 'right');
    opt.series.forEach((s, k) => {
      const v = s.values[i];
      const by = ry - (k + 1) * bar;
      if (v === null || v === undefined) return;
      layout.rect(x0, by + 0.5, Math.max(0.3, X(v) - x0), bar - 1, s.color);
      layout.textAt(opt.format(v), X(v) + 2, by + 1.5, { size: 6 });
    });
  });
  layout.line(x0, top, x0, bottom, [60, 60, 60], 0.6);
  if (opt.reference) {
    const rx = X(opt.reference.value);
    layout.line(rx, top + 2, rx, bottom, [200, 30, 30], 0.8);
    layout.textAt(opt.reference.label, rx, top + 4, { size: 6.5, color: [200, 30, 30] }, 'center');
  }
  layout.y = bottom - 20;
}
