import type { SitePlan } from '../../core/planning/plan_types.ts';

/**
 * The cumulative coverage curve as a small standalone SVG chart: coverage of the scope (%, existing
 * sites included) against the number of new sites, with the target as a dashed line when there is one.
 */
export function planCurveSvg(plan: SitePlan): string {
  const W = 640;
  const H = 360;
  const m = { l: 56, r: 16, t: 36, b: 44 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const ys = plan.curve.map((c) => (plan.measure === 'population' ? c.population_pct : c.measure_pct));
  const target = plan.status.kind === 'budget' ? null : plan.status.target_pct;
  const yMin = Math.max(0, Math.floor(Math.min(...ys) / 10) * 10);
  const yMax = Math.min(100, Math.ceil(Math.max(...ys, target ?? 0) / 10) * 10) || 100;
  const n = Math.max(1, plan.curve.length - 1);
  const x = (i: number) => m.l + (pw * i) / n;
  const y = (v: number) => m.t + ph - (ph * (v - yMin)) / Math.max(1e-9, yMax - yMin);
  const path = ys.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const ticks: string[] = [];
  for (let v = yMin; v <= yMax; v += Math.max(1, (yMax - yMin) / 5)) {
    ticks.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>` +
        `<text x="${m.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v)}</text>`,
    );
  }
  const what = plan.measure === 'population' ? 'population' : 'grid-powered villages';
  const title = `${plan.technology} coverage of ${what}, ${esc(plan.scope.label)} (modelled, not measured)`;
  const targetLine =
    target === null
      ? ''
      : `<line x1="${m.l}" x2="${W - m.r}" y1="${y(target).toFixed(1)}" y2="${y(target).toFixed(1)}" stroke="#c0392b" stroke-dasharray="6 4"/>` +
        `<text x="${W - m.r}" y="${(y(target) - 4).toFixed(1)}" text-anchor="end" fill="#c0392b">target ${target} %</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${m.l}" y="20" font-size="14">${title}</text>
${ticks.join('\n')}
${targetLine}
<path d="${path}" fill="none" stroke="#1f6feb" stroke-width="2"/>
<line x1="${m.l}" x2="${W - m.r}" y1="${m.t + ph}" y2="${m.t + ph}" stroke="#333"/>
<text x="${m.l}" y="${H - 12}">0</text>
<text x="${W - m.r}" y="${H - 12}" text-anchor="end">${plan.curve.length - 1} new sites</text>
<text x="14" y="${m.t + ph / 2}" transform="rotate(-90 14 ${m.t + ph / 2})" text-anchor="middle">covered %</text>
</svg>
`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
