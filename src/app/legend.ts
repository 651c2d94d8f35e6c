import type { ScaleThreshold } from 'd3';
import { legendClasses, NO_DATA_COLOR } from './color_scale.ts';
import { el } from './dom.ts';
import type { Indicator } from './indicators.ts';

/** Draws the legend for the selected indicator: one swatch per class of the scale, plus "no data". */
export function renderLegend(
  container: HTMLElement,
  scale: ScaleThreshold<number, string>,
  indicator: Indicator,
): void {
  const title = el('div', {
    className: 'legend-title',
    text: `${indicator.label} (%, mọi nhà mạng)`,
  });
  const list = el('ul', { className: 'legend-list' });
  const rows = [...legendClasses(scale)].reverse();
  rows.push({ color: NO_DATA_COLOR, label: 'Không có số liệu' });
  for (const row of rows) {
    const item = el('li');
    const swatch = el('span', { className: 'legend-swatch' });
    swatch.style.backgroundColor = row.color;
    item.append(swatch, el('span', { text: row.label }));
    list.append(item);
  }
  const sites = el('li');
  sites.append(el('span', { className: 'legend-site' }), el('span', { text: 'Trạm di động (mẫu tổng hợp)' }));
  list.append(sites);
  container.replaceChildren(title, list);
}
