/**
 * The difference map (issue 15): while it is on, the choropleth shows, commune by commune, the map's
 * indicator in the scenario minus the same indicator in its baseline (the loaded data without the
 * scenario's edits), in percentage points, on a diverging scale centred at 0 (difference_scale.ts).
 *
 * The figures come from the worker's comparison (the Report tab's "compare with the data without
 * edits", `compareReports`), asked for the one indicator shown, so the map and the comparison table
 * always agree. Only the percentage indicators have a difference map; for the others the toggle says so.
 */
import { t } from '../i18n/i18n.ts';
import { differenceColor, differenceLegend } from '../map/difference_scale.ts';
import { indicatorTitle, reportIndicatorOf } from '../map/indicators.ts';
import type { DataStore } from '../state/data_store.ts';
import type { Edit } from '../state/scenario_edits.ts';
import type { IndicatorId, ViewState } from '../state/view_state.ts';
import { el } from '../ui/dom.ts';
import type { Page } from './page.ts';

/** The indicators measured in % (their difference is in percentage points). */
const PERCENT: ReadonlySet<IndicatorId> = new Set([
  'mobile_pop',
  'mobile_area',
  'postal_beyond',
  'fiber_reach',
]);

/** Whether the view's indicator has a difference map. */
export const hasDifference = (view: ViewState): boolean => PERCENT.has(view.indicator);

export class DifferenceMap {
  /** The differences by commune id, and what they were computed for. */
  #values: {
    data: DataStore;
    edits: readonly Edit[];
    indicator: string;
    byCommune: Map<string, number | null>;
  } | null = null;
  /** The request on its way (one at a time; a stale answer asks again). */
  #pending = false;

  constructor(private readonly page: Page) {}

  /** Whether the map shows differences now (the toggle is on and the indicator is a percentage). */
  active(): boolean {
    const view = this.page.store.view;
    return view.difference && hasDifference(view) && this.page.store.data !== null;
  }

  /** A commune's difference (pp), when the difference map is on and its figures have come. */
  valueOf(id: string): number | null | undefined {
    return this.active() && this.#current() ? this.#values?.byCommune.get(id) : undefined;
  }

  #current(): boolean {
    const { store } = this.page;
    const v = this.#values;
    return (
      v !== null &&
      v.data === store.data &&
      v.edits === store.edits &&
      v.indicator === reportIndicatorOf(store.view)
    );
  }

  /** Colours the communes by their difference; asks the worker first when the figures are stale. */
  applyFills(): void {
    const { store, coverage, client, loader } = this.page;
    const data = store.data;
    const indicator = reportIndicatorOf(store.view);
    if (!data || !indicator) return;
    if (this.#current()) {
      const fills = new Map<string, string | null>();
      for (const u of data.unitsOf('commune')) {
        const d = this.#values!.byCommune.get(u.id);
        fills.set(u.id, d === undefined || d === null ? null : differenceColor(d));
      }
      coverage.setFills(fills);
      return;
    }
    const edits = store.edits;
    if (this.#pending) return; // its answer, stale or not, leads to the next request
    this.#pending = true;
    client.compare({ kind: 'data' }, [indicator]).then(
      ({ comparison }) => {
        this.#pending = false;
        // A newer load, edit or indicator since: ask again for what is shown now.
        if (store.data !== data || store.edits !== edits || reportIndicatorOf(store.view) !== indicator) {
          if (this.active()) this.applyFills();
          return;
        }
        const byCommune = new Map<string, number | null>();
        for (const r of comparison.rows)
          if (r.level === 'commune' && r.indicator === indicator) byCommune.set(r.unit_id, r.difference);
        this.#values = { data, edits, indicator, byCommune };
        if (this.active()) {
          this.applyFills();
          this.page.render.controls();
        }
      },
      (error: unknown) => {
        this.#pending = false;
        loader.fail(error);
      },
    );
  }

  /** The legend of the difference map, in place of the indicator's. */
  renderLegend(container: HTMLElement): void {
    const { store } = this.page;
    const view = store.view;
    const list = el('ul', { className: 'legend-list' });
    for (const row of differenceLegend()) {
      const swatch = el('span', { className: 'legend-swatch', attrs: { 'aria-hidden': 'true' } });
      swatch.style.backgroundColor = row.color;
      list.append(el('li', { dataset: { color: row.color } }, [swatch, el('span', { text: row.label })]));
    }
    const defs = store.data?.snapshot.targetDefs ?? [];
    const ready = this.#current();
    const allZero =
      ready && [...this.#values!.byCommune.values()].every((d) => d === null || Math.abs(d) < 0.05);
    container.replaceChildren(
      el('div', {
        className: 'legend-title',
        // data-ready: the map shows the differences (they come from the worker after the toggle).
        attrs: { id: 'difference-title', ...(ready ? { 'data-ready': '' } : {}) },
        text: t('diff.title', { indicator: indicatorTitle(view, defs) }),
      }),
      list,
      ...(allZero
        ? [el('p', { className: 'muted', attrs: { id: 'difference-none' }, text: t('diff.none') })]
        : []),
      ...(view.indicator === 'postal_beyond'
        ? [el('p', { className: 'muted', text: t('diff.lowerBetter') })]
        : []),
    );
  }

  /** The toggle in the Scenario tab, beside the what-if edits. */
  renderToggle(container: HTMLElement): void {
    const { store, views } = this.page;
    const view = store.view;
    const box = el('input', { attrs: { type: 'checkbox', id: 'difference-toggle' } });
    box.checked = view.difference;
    box.addEventListener('change', () => views.changeView({ difference: box.checked }));
    const children: HTMLElement[] = [el('label', { className: 'check' }, [box, ` ${t('diff.toggle')}`])];
    if (view.difference && !hasDifference(view))
      children.push(
        el('p', { className: 'muted', attrs: { id: 'difference-note' }, text: t('diff.notPercent') }),
      );
    container.replaceChildren(...children);
  }
}
