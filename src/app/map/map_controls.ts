/** The map tab's selectors: indicator, technology, operator, boundary set, target year and target. */
import type { TechnologyKey } from '../../core/base/types.ts';
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import type { DataStore } from '../state/data_store.ts';
import {
  INDICATOR_IDS,
  type IndicatorId,
  TECH_CHOICES,
  type ViewState,
  type YearFilter,
} from '../state/view_state.ts';
import { el, field, selectBox } from '../ui/dom.ts';
import type { BoundarySet } from '../worker/worker_protocol.ts';
import {
  coverageOf,
  formatIndicator,
  indicatorName,
  indicatorValue,
  mappableTargets,
  operatorLabel,
  targetLabel,
  techLabel,
} from './indicators.ts';

export function renderMapControls(
  container: HTMLElement,
  view: ViewState,
  store: DataStore | null,
  hasImportedBoundaries: boolean,
  onChange: (patch: Partial<ViewState>) => void,
): void {
  const snap = store?.snapshot;
  const indicator = selectBox(
    INDICATOR_IDS.map((id) => [id, indicatorName(id)] as const),
    view.indicator,
    (v) => onChange({ indicator: v as IndicatorId }),
    { attrs: { id: 'indicator' } },
  );
  const technology = selectBox(
    TECH_CHOICES.map((x) => [x, techLabel(x)] as const),
    view.technology,
    (v) => onChange({ technology: v as TechnologyKey }),
    { attrs: { id: 'technology' } },
  );
  // A technology no loaded site has is greyed, and says why (issue 15: the sample has no 3G).
  if (snap)
    for (const o of technology.querySelectorAll('option')) {
      if (o.value === 'any' || snap.technologies.includes(o.value) || o.value === view.technology) continue;
      o.disabled = true;
      o.textContent = t('filter.noSites', { tech: o.textContent ?? o.value });
    }
  const operators = snap?.operators ?? [];
  const operator = selectBox(
    [['all', operatorLabel('all')] as const, ...operators.map((o) => [o, o] as const)],
    operators.includes(view.operator) ? view.operator : 'all',
    (v) => onChange({ operator: v }),
    { attrs: { id: 'operator' } },
  );
  const sets: [BoundarySet, string][] = [
    ['2025', t('set.2025')],
    ['pre2025', t('set.pre2025')],
  ];
  if (hasImportedBoundaries) sets.push(['imported', t('set.imported')]);
  const boundary = selectBox(sets, view.boundarySet, (v) => onChange({ boundarySet: v as BoundarySet }), {
    attrs: { id: 'boundary-set' },
  });
  const years = [...new Set((snap?.targetDefs ?? []).map((d) => d.year))];
  const numeric = years.filter((y): y is number => y !== null).sort((a, b) => a - b);
  const yearOptions: [string, string][] = [
    ['all', t('year.all')],
    ...numeric.map((y): [string, string] => [String(y), String(y)]),
  ];
  if (years.includes(null)) yearOptions.push(['none', t('year.none')]);
  const year = selectBox(
    yearOptions,
    String(view.year),
    (v) => onChange({ year: (v === 'all' || v === 'none' ? v : Number(v)) as YearFilter }),
    { attrs: { id: 'target-year' } },
  );
  const children: HTMLElement[] = [
    field(t('controls.indicator'), indicator),
    el('div', { className: 'two' }, [
      field(t('controls.technology'), technology),
      field(t('controls.operator'), operator),
    ]),
    field(t('controls.boundarySet'), boundary),
  ];
  const outside = snap?.outsideSites ?? 0;
  const outsideOther = (snap?.outsidePostal ?? 0) + (snap?.outsideFiber ?? 0);
  if (outside > 0 || outsideOther > 0) {
    const box = el('input', { attrs: { type: 'checkbox', id: 'show-outside' } });
    box.checked = view.showOutside;
    box.addEventListener('change', () => onChange({ showOutside: box.checked }));
    const label = t('controls.showOutside', {
      n: fmt.int(outside),
      postal: fmt.int(snap?.outsidePostal ?? 0),
      fiber: fmt.int(snap?.outsideFiber ?? 0),
    });
    children.push(el('label', { className: 'check' }, [box, ` ${label}`]));
  }
  const yearField = field(t('controls.year'), year);
  if (view.indicator !== 'target') children.push(el('div', { className: 'two' }, [yearField]));
  else {
    const targets = snap ? mappableTargets(snap.targetDefs, view.year) : [];
    const target = selectBox(
      targets.map((d) => [d.id, targetLabel(d)] as const),
      view.targetId ?? '',
      (v) => onChange({ targetId: v }),
      { attrs: { id: 'target' } },
    );
    target.disabled = targets.length === 0;
    children.push(el('div', { className: 'two' }, [yearField]), field(t('controls.target'), target));
  }
  container.replaceChildren(...children);
}

/**
 * One line per province with the map's indicator, e.g. "Tỉnh Gia Lai: 4G phủ sóng 93,7% dân số"; each
 * opens the province summary.
 */
export function provinceLines(store: DataStore, view: ViewState): { id: string; text: string }[] {
  return store.unitsOf('province').map((p) => {
    const name = /^(tỉnh|thành phố|tp\.?|địa bàn)\s/iu.test(p.name)
      ? p.name
      : t('summary.province', { name: p.name });
    let text: string;
    switch (view.indicator) {
      case 'mobile_pop':
      case 'mobile_area':
      case 'mobile_populated': {
        const c = coverageOf(p, view.technology, view.operator);
        const value = c
          ? view.indicator === 'mobile_pop'
            ? c.population_pct
            : view.indicator === 'mobile_area'
              ? c.area_pct
              : (c.populated_area_pct ?? null)
          : null;
        const key =
          view.indicator === 'mobile_pop'
            ? 'summary.pop'
            : view.indicator === 'mobile_area'
              ? 'summary.area'
              : 'summary.populated';
        text = t(key, {
          name,
          tech: view.technology === 'any' ? t('summary.mobile') : techLabel(view.technology),
          value: fmt.percent(value),
          op: view.operator === 'all' ? '' : ` (${view.operator})`,
        });
        break;
      }
      default:
        text = `${name}: ${formatIndicator(view.indicator, indicatorValue(store, p, view))}`;
    }
    return { id: p.id, text };
  });
}
