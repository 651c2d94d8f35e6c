import type { TechnologyKey } from '../core/types.ts';
import { el } from './dom.ts';
import { formatArea, formatInteger, formatPercent } from './format.ts';
import { coverageFor } from './indicators.ts';
import type { ResultIndex } from './result_index.ts';

const PANEL_TECHNOLOGIES: readonly { technology: TechnologyKey; label: string }[] = [
  { technology: '4G', label: '4G' },
  { technology: '5G', label: '5G' },
  { technology: 'any', label: 'Mọi công nghệ' },
];

function row(list: HTMLElement, label: string, value: string, field: string): void {
  list.append(el('dt', { text: label }), el('dd', { text: value, dataset: { field } }));
}

/**
 * Fills the commune panel: name, district, population, area (km²) and the modelled population
 * coverage (%) for 4G, 5G and any technology, operator "all". All data goes in as text.
 */
export function renderCommunePanel(container: HTMLElement, index: ResultIndex, communeId: string): void {
  const commune = index.commune(communeId);
  if (!commune) {
    container.replaceChildren(el('p', { text: 'Xã này không có kết quả phân tích.' }));
    container.hidden = false;
    return;
  }
  const close = el('button', { className: 'panel-close', text: '×' });
  close.type = 'button';
  close.title = 'Đóng';
  close.setAttribute('aria-label', 'Đóng');
  close.addEventListener('click', () => container.dispatchEvent(new CustomEvent('panel-close')));

  const title = el('h2', { text: commune.name, dataset: { field: 'name' } });
  const list = el('dl');
  const district = index.districtOf(commune);
  row(list, 'Huyện', district?.name ?? '–', 'district');
  row(list, 'Dân số', formatInteger(commune.population), 'population');
  row(list, 'Diện tích', formatArea(commune.area_km2), 'area');
  const coverage = el('dl');
  for (const { technology, label } of PANEL_TECHNOLOGIES) {
    row(
      coverage,
      label,
      formatPercent(coverageFor(commune, technology)?.population_pct),
      `pct-${technology}`,
    );
  }
  const heading = el('h3', { text: 'Dân số được phủ sóng (mọi nhà mạng)' });
  const note = el('p', { className: 'panel-note', text: 'Vùng phủ mô hình hoá, không phải đo đạc.' });
  container.replaceChildren(close, title, list, heading, coverage, note);
  container.dataset.communeId = commune.id;
  container.hidden = false;
}

/** Hides the commune panel. */
export function hideCommunePanel(container: HTMLElement): void {
  container.hidden = true;
  container.replaceChildren();
  delete container.dataset.communeId;
}
