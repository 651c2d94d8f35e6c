/**
 * The table of all communes ranked by the map's indicator: sortable by any column, searchable by name
 * (without case or diacritics), a row opens the commune and zooms to it.
 */
import { foldText } from '../../core/base/fold_text.ts';
import { competitionRanks } from '../../core/report/competition_ranks.ts';
import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import {
  formatIndicator,
  higherIsBetter,
  indicatorDecimals,
  indicatorTitle,
  indicatorValue,
} from '../map/indicators.ts';
import type { DataStore } from '../state/data_store.ts';
import type { ViewState } from '../state/view_state.ts';
import { button, el } from '../ui/dom.ts';
import type { ReportUnit } from '../worker/worker_protocol.ts';

type SortKey = 'rank' | 'name' | 'population' | 'value';
const COLUMNS: { key: SortKey; label: MessageKey; numeric: boolean }[] = [
  { key: 'rank', label: 'table.rank', numeric: true },
  { key: 'name', label: 'table.name', numeric: false },
  { key: 'population', label: 'table.population', numeric: true },
  { key: 'value', label: 'table.value', numeric: true },
];

interface Row {
  u: ReportUnit;
  rank: number;
  parent: string;
  value: number | null;
}

export class CommuneTable {
  private sort: { key: SortKey; ascending: boolean } = { key: 'rank', ascending: true };
  private query = '';
  private readonly search = el('input', {
    className: 'search',
    attrs: { type: 'search', autocomplete: 'off', id: 'table-search' },
  });
  private readonly caption = el('p', { className: 'muted', attrs: { 'aria-live': 'polite' } });
  private readonly head = el('thead');
  private readonly body = el('tbody');
  private last: { store: DataStore; view: ViewState } | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly onOpen: (communeId: string) => void,
  ) {
    this.search.addEventListener('input', () => {
      this.query = this.search.value;
      this.renderRows();
    });
  }

  /** Rebuilds the static parts in the current language. */
  build(): void {
    this.search.placeholder = t('table.search');
    this.search.setAttribute('aria-label', t('table.search'));
    const table = el('table', { className: 'commune-table', attrs: { id: 'commune-table' } }, [
      this.head,
      this.body,
    ]);
    this.container.replaceChildren(
      el('label', { className: 'field' }, [el('span', { text: t('table.searchLabel') }), this.search]),
      this.caption,
      el('div', { className: 'table-wrap' }, [table]),
    );
  }

  render(store: DataStore, view: ViewState): void {
    this.last = { store, view };
    const headRow = el('tr');
    for (const c of COLUMNS) {
      const label = t(c.label);
      const th = el('th', { className: c.numeric ? 'num' : '', attrs: { scope: 'col' } });
      if (this.sort.key === c.key)
        th.setAttribute('aria-sort', this.sort.ascending ? 'ascending' : 'descending');
      const sort = button(
        label,
        () => {
          this.sort =
            this.sort.key === c.key
              ? { key: c.key, ascending: !this.sort.ascending }
              : { key: c.key, ascending: c.key === 'rank' || !c.numeric };
          this.render(store, view);
        },
        { className: 'sort', dataset: { sort: c.key } },
      );
      th.append(sort);
      // A click anywhere in the header cell sorts, not only on its word (issue 15).
      th.addEventListener('click', (e) => {
        if (e.target === th) sort.click();
      });
      headRow.append(th);
    }
    this.head.replaceChildren(headRow);
    this.renderRows();
  }

  private rows(store: DataStore, view: ViewState): Row[] {
    const better = higherIsBetter(view.indicator);
    const scored = store.unitsOf('commune').map((u) => ({
      u,
      value: indicatorValue(store, u, view),
      parent: store.parentOf(u)?.name ?? '',
      rank: 0,
    }));
    // Competition ranking ("1, 1, 3"), as the XLSX ranking sheet and `vungphu rank` number ties.
    // Ties as the table shows the values (two communes at "100,0 %" share rank 1).
    const ranks = competitionRanks(
      scored.map((r) => r.value),
      better ? 'desc' : 'asc',
      indicatorDecimals(view.indicator),
    );
    scored.forEach((r, i) => {
      r.rank = ranks[i] ?? Number.POSITIVE_INFINITY;
    });
    return scored;
  }

  private renderRows(): void {
    if (!this.last) return;
    const { store, view } = this.last;
    const q = foldText(this.query.trim());
    const all = this.rows(store, view);
    const shown = all.filter(
      (r) => q === '' || foldText(r.u.name).includes(q) || foldText(r.parent).includes(q),
    );
    const { key, ascending } = this.sort;
    const sign = ascending ? 1 : -1;
    const collator = new Intl.Collator(view.lang === 'vi' ? 'vi' : 'en');
    shown.sort((a, b) => {
      switch (key) {
        case 'rank':
          return sign * (a.rank - b.rank || 0);
        case 'name':
          return sign * collator.compare(a.u.name, b.u.name);
        case 'population':
          return sign * (a.u.population - b.u.population);
        case 'value': {
          if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
          return sign * (a.value - b.value);
        }
        default:
          return 0;
      }
    });
    const selected =
      view.selection.kind === 'unit' && view.selection.level === 'commune' ? view.selection.id : null;
    this.body.replaceChildren(
      ...shown.map((r) => {
        const tr = el('tr', { dataset: { communeId: r.u.id } }, [
          el('td', { className: 'num', text: Number.isFinite(r.rank) ? fmt.int(r.rank) : '–' }),
          el('td', {}, [
            button(r.u.name, () => this.onOpen(r.u.id), { className: 'link' }),
            el('div', { className: 'muted-line', text: r.parent }),
          ]),
          el('td', { className: 'num', text: fmt.int(r.u.population) }),
          el('td', { className: 'num', text: formatIndicator(view.indicator, r.value) }),
        ]);
        if (r.u.id === selected) tr.classList.add('selected');
        tr.addEventListener('click', (event) => {
          if (!(event.target instanceof HTMLButtonElement)) this.onOpen(r.u.id);
        });
        return tr;
      }),
    );
    this.caption.textContent = `${t('table.count', { shown: fmt.int(shown.length), total: fmt.int(all.length) })} · ${t('table.rankedBy', { indicator: indicatorTitle(view, store.snapshot.targetDefs) })}`;
  }
}
