import type { ScaleThreshold } from 'd3';
import { classLabels } from '../../io/export/map_classes.ts';
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import type { DataStore } from '../state/data_store.ts';
import type { ClassMode, IndicatorId, ViewState } from '../state/view_state.ts';
import { el, field, selectBox } from '../ui/dom.ts';
import { NO_DATA_COLOR, operatorColor } from './color_scale.ts';
import { viewScale } from './fitted_scale.ts';
import { indicatorTitle } from './indicators.ts';
import { POSTAL_TYPE_COLORS, SPEED_COLOR } from './map_style.ts';

/** One legend row: a colour and what it means. */
export interface LegendClass {
  color: string;
  label: string;
}

const breakText = (v: number) => fmt.decimal(v, 0, 1);

/**
 * The scale's classes as legend rows, highest first, e.g. "≥ 99%", "95–99%", …, "< 50%", then "no
 * data". The target indicator lists met / not met / not evaluable.
 */
export function legendClasses(id: IndicatorId, scale: ScaleThreshold<number, string>): LegendClass[] {
  if (id === 'target') {
    const [notEvaluable, notMet, met] = scale.range();
    return [
      { color: met!, label: t('status.met') },
      { color: notMet!, label: t('status.not_met') },
      { color: notEvaluable!, label: t('status.not_evaluable') },
      { color: NO_DATA_COLOR, label: t('legend.notApplicable') },
    ];
  }
  // The labels the PDF's maps print for the same classes (io/export/map_classes.ts).
  const labels = classLabels(scale.domain(), id === 'postal_radius' ? ' km' : '%', breakText);
  const rows = scale.range().map((color, i) => {
    let label = labels[i] ?? '';
    if (id === 'postal_radius' && i === labels.length - 1) label += ` ${t('legend.orNoPoint')}`;
    return { color, label };
  });
  return [...rows.reverse(), { color: NO_DATA_COLOR, label: t('legend.noData') }];
}

/** Draws the legend of the map's indicator, from the same d3 scale that colours the map. */
export function renderLegend(
  container: HTMLElement,
  view: ViewState,
  store: DataStore | null,
  onClasses: (classes: ClassMode) => void,
): void {
  const defs = store?.snapshot.targetDefs ?? [];
  const scale = viewScale(view, store);
  const list = el('ul', { className: 'legend-list' });
  for (const row of legendClasses(view.indicator, scale)) {
    const swatch = el('span', { className: 'legend-swatch', attrs: { 'aria-hidden': 'true' } });
    swatch.style.backgroundColor = row.color;
    list.append(el('li', { dataset: { color: row.color } }, [swatch, el('span', { text: row.label })]));
  }
  const note =
    view.indicator === 'postal_radius'
      ? t('legend.radiusNote')
      : view.indicator === 'mobile_pop' ||
          view.indicator === 'mobile_area' ||
          view.indicator === 'mobile_populated'
        ? t('legend.modelledNote')
        : '';
  // Fixed classes (the plans' thresholds) or classes fitted to the communes' values (issue 15).
  const classes =
    view.indicator === 'target'
      ? []
      : [
          field(
            t('legend.classes'),
            selectBox(
              [
                ['fixed', t('legend.classesFixed')],
                ['quantile', t('legend.classesQuantile')],
              ],
              view.classes,
              (v) => onClasses(v as ClassMode),
              { attrs: { id: 'legend-classes' } },
            ),
            'field legend-classes',
          ),
        ];
  const speed = store?.snapshot.datasets.some((d) => d.kind === 'speedtests' && d.kept > 0) ?? false;
  container.replaceChildren(
    el('div', { className: 'legend-title', text: indicatorTitle(view, defs) }),
    list,
    ...classes,
    ...(note ? [el('p', { className: 'muted', text: note })] : []),
    ...pointLegends(view, store),
    ...(speed && view.layers.speedtests.visible ? [speedLegend()] : []),
  );
}

/**
 * The speed-test layer's classes, read off the layer's own colour expression (SPEED_COLOR: a `step`
 * on the download) so that the legend and the map cannot disagree: no service, then each band in
 * Mb/s; then how points and tiles are drawn and the black ring of a test the model disagrees with.
 */
export function speedLegendClasses(): LegendClass[] {
  const [, , first, ...steps] = SPEED_COLOR as unknown as [string, unknown, string, ...(number | string)[]];
  const colors = [first];
  const breaks: number[] = [];
  for (let i = 0; i + 1 < steps.length; i += 2) {
    breaks.push(steps[i] as number);
    colors.push(steps[i + 1] as string);
  }
  // The first step (0.001 Mb/s) only separates "no service" (0) from the rest.
  const rows: LegendClass[] = colors.map((color, i) => {
    if (i === 0) return { color, label: t('legend.speed.none') };
    const lo = i === 1 ? 0 : breaks[i - 1]!;
    const hi = breaks[i];
    return {
      color,
      label: hi === undefined ? `≥ ${fmt.int(lo)} Mb/s` : `${fmt.int(lo)}–${fmt.int(hi)} Mb/s`,
    };
  });
  return rows.reverse();
}

function speedLegend(): HTMLElement {
  const list = el('ul', { className: 'legend-list', dataset: { field: 'speed-legend' } });
  for (const row of speedLegendClasses()) {
    const swatch = el('span', { className: 'legend-swatch', attrs: { 'aria-hidden': 'true' } });
    swatch.style.backgroundColor = row.color;
    list.append(el('li', { dataset: { color: row.color } }, [swatch, el('span', { text: row.label })]));
  }
  const ring = el('span', { className: 'legend-swatch legend-ring', attrs: { 'aria-hidden': 'true' } });
  ring.style.backgroundColor = '#ffffff';
  ring.style.border = '2px solid #000000';
  ring.style.borderRadius = '50%';
  ring.style.width = '10px';
  ring.style.height = '10px';
  list.append(
    el('li', { dataset: { field: 'disagree' } }, [ring, el('span', { text: t('legend.speed.disagree') })]),
  );
  return el('div', { className: 'legend-speed' }, [
    el('div', { className: 'legend-title', text: t('legend.speed.title') }),
    list,
    el('p', { className: 'muted', text: t('legend.speed.shapes') }),
  ]);
}

/** A small legend list of colour swatches (dot-shaped, like the map's points). */
function swatchList(id: string, rows: readonly LegendClass[]): HTMLElement {
  const list = el('ul', { className: 'legend-list legend-points', attrs: { id } });
  for (const row of rows) {
    const swatch = el('span', { className: 'legend-swatch legend-dot', attrs: { 'aria-hidden': 'true' } });
    swatch.style.backgroundColor = row.color;
    list.append(el('li', { dataset: { color: row.color } }, [swatch, el('span', { text: row.label })]));
  }
  return list;
}

/**
 * What the points' colours mean (issue 15), for the layers shown: the sites' operator colours, and
 * the postal points' types (their ring: staffed or not).
 */
function pointLegends(view: ViewState, store: DataStore | null): HTMLElement[] {
  const out: HTMLElement[] = [];
  const operators = store?.snapshot.operators ?? [];
  if (view.layers.sites.visible && operators.length)
    out.push(
      el('div', { className: 'legend-title', text: t('legend.operators') }),
      swatchList(
        'legend-operators',
        operators.map((o) => ({ color: operatorColor(o, operators), label: o })),
      ),
    );
  if (view.layers.postal.visible)
    out.push(
      el('div', { className: 'legend-title', text: t('legend.postalTypes') }),
      swatchList(
        'legend-postal',
        (Object.entries(POSTAL_TYPE_COLORS) as [keyof typeof POSTAL_TYPE_COLORS, string][]).map(
          ([type, color]) => ({
            color,
            label: t(`postalType.${type}`),
          }),
        ),
      ),
      el('p', { className: 'muted', text: t('legend.postalRing') }),
    );
  return out;
}
