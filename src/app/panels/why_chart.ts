import { area, axisBottom, axisLeft, line, scaleLinear } from 'd3';
import type { PathProfile } from '../../core/propagation/path_profile.ts';
import { chartSvg } from '../ui/charts.ts';

/**
 * The "why" profile drawn with d3 (x: distance from the cell, km; y: height above sea level, m): the
 * terrain with the earth's bulge added (k = 4/3 curvature, so a flat sea arcs up between the ends),
 * the straight line of sight from the antenna to the receiver, and the first Fresnel zone around it.
 * Samples outside the DEM are drawn dashed at the fallback height. Text is set as text; the key is
 * the panel's (HTML, under the chart).
 */
export function whyChart(
  p: PathProfile,
  labels: { title: string; x: string; y: string },
  width = 420,
): SVGSVGElement {
  const height = 220;
  const margin = { top: 10, right: 12, bottom: 34, left: 48 };
  const n = p.distances_m.length;
  const km = p.distances_m.map((d) => d / 1000);
  const ground = p.terrain_m.map((h, i) => h + p.bulge_m[i]!);
  const lows = [...ground, ...p.ray_m.map((r, i) => r - p.fresnel_m[i]!)];
  const highs = [...ground, p.txHeight_m, p.rxHeight_m, ...p.ray_m.map((r, i) => r + p.fresnel_m[i]!)];
  const lo = Math.min(...lows);
  const hi = Math.max(...highs);
  const pad = Math.max(5, (hi - lo) * 0.08);
  const x = scaleLinear()
    .domain([0, Math.max(km[n - 1] ?? 0, 1e-3)])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const base = y.domain()[0]!;
  const svg = chartSvg(width, height, 'chart why-chart', labels.title);
  const idx = [...Array(n).keys()];
  svg
    .append('path')
    .attr('class', 'why-fresnel')
    .attr(
      'd',
      area<number>()
        .x((i) => x(km[i]!))
        .y0((i) => y(p.ray_m[i]! - p.fresnel_m[i]!))
        .y1((i) => y(p.ray_m[i]! + p.fresnel_m[i]!))(idx) ?? '',
    );
  svg
    .append('path')
    .attr('class', 'why-terrain')
    .attr(
      'd',
      area<number>()
        .x((i) => x(km[i]!))
        .y0(y(base))
        .y1((i) => y(ground[i]!))(idx) ?? '',
    );
  // Stretches outside the DEM: dashed over the fallback height.
  if (p.outsideDem.some(Boolean))
    svg
      .append('path')
      .attr('class', 'why-outside')
      .attr(
        'd',
        line<number>()
          .defined((i) => p.outsideDem[i]!)
          .x((i) => x(km[i]!))
          .y((i) => y(ground[i]!))(idx) ?? '',
      );
  svg
    .append('line')
    .attr('class', 'why-los')
    .attr('x1', x(0))
    .attr('y1', y(p.txHeight_m))
    .attr('x2', x(km[n - 1]!))
    .attr('y2', y(p.rxHeight_m));
  for (const [d, h, cls] of [
    [0, p.txHeight_m, 'why-tx'],
    [km[n - 1]!, p.rxHeight_m, 'why-rx'],
  ] as const)
    svg.append('circle').attr('class', cls).attr('cx', x(d)).attr('cy', y(h)).attr('r', 3.5);
  svg
    .append('g')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .attr('class', 'chart-axis')
    .call(axisBottom(x).ticks(6));
  svg
    .append('g')
    .attr('transform', `translate(${margin.left},0)`)
    .attr('class', 'chart-axis')
    .call(axisLeft(y).ticks(5));
  svg
    .append('text')
    .attr('class', 'chart-label')
    .attr('x', (margin.left + width - margin.right) / 2)
    .attr('y', height - 3)
    .attr('text-anchor', 'middle')
    .text(labels.x);
  svg
    .append('text')
    .attr('class', 'chart-label')
    .attr('transform', `translate(11,${(margin.top + height - margin.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(labels.y);
  return svg.node()!;
}
