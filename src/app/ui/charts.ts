import { scaleBand, scaleLinear, select } from 'd3';

/** One bar: a label, a value in % (or null for no data), and its colour. */
export interface Bar {
  label: string;
  value: number | null;
  color: string;
}

/** A new, empty chart: an SVG scaled to its container's width, read out as an image by its title. */
export function chartSvg(width: number, height: number, className: string, title: string) {
  const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%')
    .attr('role', 'img')
    .attr('class', className);
  svg.append('title').text(title);
  return svg;
}

/**
 * A horizontal bar chart of percentages (0–100) drawn with d3 into a new SVG: one row per bar with
 * its label, the bar, and the formatted value. Labels and values are set as text, never as markup.
 */
export function barChart(
  bars: readonly Bar[],
  format: (v: number | null) => string,
  options: { title: string; width?: number },
): SVGSVGElement {
  const width = options.width ?? 300;
  const row = 20;
  const margin = { top: 4, right: 58, bottom: 4, left: 92 };
  const height = margin.top + margin.bottom + row * bars.length;
  const x = scaleLinear()
    .domain([0, 100])
    .range([margin.left, width - margin.right]);
  const y = scaleBand<number>()
    .domain(bars.map((_b, i) => i))
    .range([margin.top, height - margin.bottom])
    .padding(0.22);
  const svg = chartSvg(width, height, 'chart', options.title);
  const g = svg
    .selectAll('g.bar')
    .data(bars)
    .join('g')
    .attr('class', 'bar')
    .attr('transform', (_b, i) => `translate(0,${y(i) ?? 0})`);
  g.append('rect')
    .attr('class', 'track')
    .attr('x', x(0))
    .attr('width', x(100) - x(0))
    .attr('height', y.bandwidth())
    .attr('fill', '#eceff1');
  g.append('rect')
    .attr('x', x(0))
    .attr('width', (b) => Math.max(0, x(Math.min(100, b.value ?? 0)) - x(0)))
    .attr('height', y.bandwidth())
    .attr('fill', (b) => b.color);
  g.append('text')
    .attr('x', margin.left - 6)
    .attr('y', y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('class', 'chart-label')
    .text((b) => b.label);
  g.append('text')
    .attr('x', width - margin.right + 6)
    .attr('y', y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('class', 'chart-value')
    .text((b) => format(b.value));
  return svg.node()!;
}
