import { axisBottom, axisLeft, line, scaleLinear } from 'd3';
import { chartSvg } from '../ui/charts.ts';

/**
 * The cumulative coverage curve of a plan (x: new sites, 0 = existing only; y: coverage %), drawn with
 * d3 into a new SVG in the style of charts.ts, with the target as a dashed line. Text is set as text.
 */
export function curveChart(
  points: readonly { sites: number; pct: number }[],
  options: {
    title: string;
    xLabel: string;
    targetLabel: string;
    target: number | null;
    format: (v: number) => string;
    tick: (v: number) => string;
    width?: number;
  },
): SVGSVGElement {
  const width = options.width ?? 320;
  const height = 170;
  const margin = { top: 10, right: 14, bottom: 32, left: 44 };
  const maxSites = Math.max(1, ...points.map((p) => p.sites));
  const values = points.map((p) => p.pct);
  if (options.target !== null) values.push(options.target);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(0.5, (hi - lo) * 0.1);
  const x = scaleLinear()
    .domain([0, maxSites])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([Math.max(0, lo - pad), Math.min(100, hi + pad)])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const svg = chartSvg(width, height, 'chart suggest-curve', options.title);
  svg
    .append('g')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(
      axisBottom(x)
        .ticks(Math.min(maxSites, 6))
        .tickFormat((v) => options.tick(Number(v))),
    )
    .attr('class', 'chart-axis');
  svg
    .append('g')
    .attr('transform', `translate(${margin.left},0)`)
    .call(
      axisLeft(y)
        .ticks(5)
        .tickFormat((v) => options.format(Number(v))),
    )
    .attr('class', 'chart-axis');
  svg
    .append('text')
    .attr('x', (margin.left + width - margin.right) / 2)
    .attr('y', height - 3)
    .attr('text-anchor', 'middle')
    .attr('class', 'chart-label')
    .text(options.xLabel);
  if (options.target !== null) {
    const ty = y(options.target);
    svg
      .append('line')
      .attr('x1', margin.left)
      .attr('x2', width - margin.right)
      .attr('y1', ty)
      .attr('y2', ty)
      .attr('stroke', '#e65100')
      .attr('stroke-dasharray', '4 3');
    svg
      .append('text')
      .attr('x', width - margin.right - 2)
      .attr('y', ty < margin.top + 14 ? ty + 12 : ty - 4)
      .attr('text-anchor', 'end')
      .attr('class', 'chart-label')
      .text(`${options.targetLabel} ${options.format(options.target)}`);
  }
  const path = line<{ sites: number; pct: number }>()
    .x((p) => x(p.sites))
    .y((p) => y(p.pct));
  svg
    .append('path')
    .datum(points as { sites: number; pct: number }[])
    .attr('fill', 'none')
    .attr('stroke', '#c2185b')
    .attr('stroke-width', 2)
    .attr('d', path);
  svg
    .selectAll('circle.pt')
    .data(points)
    .join('circle')
    .attr('class', 'pt')
    .attr('cx', (p) => x(p.sites))
    .attr('cy', (p) => y(p.pct))
    .attr('r', points.length > 40 ? 0 : 2.5)
    .attr('fill', '#c2185b');
  return svg.node()!;
}
