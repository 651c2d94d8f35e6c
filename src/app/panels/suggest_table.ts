/**
 * The table of the "Suggest sites" panel's ranked rows: each row flies the map to its place and has
 * its accept button (or "accepted"), with "Accept all" for the rows not yet accepted above it.
 */
import { coordText, fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { button, el } from '../ui/dom.ts';
import { isAccepted, type SuggestContext, type SuggestState } from './suggest_state.ts';

/** What the results are drawn from (the state and context of this render) and what their buttons do. */
export interface ResultsView {
  state: SuggestState;
  ctx: SuggestContext;
  flyTo(lon: number, lat: number): void;
  accept(ranks: readonly number[]): void;
}

/** One row: rank, a button that flies to the place, the cells, and its accept button. */
export function suggestTableRow(
  view: ResultsView,
  rank: number,
  label: string,
  place: string | null,
  lon: number,
  lat: number,
  cells: string[],
  numeric: readonly boolean[],
): HTMLTableRowElement {
  const done = isAccepted(view.state, view.ctx, rank);
  const fly = button(label, () => view.flyTo(lon, lat), {
    className: 'link',
    attrs: { 'aria-label': t('suggest.flyTo', { id: label }), id: `suggest-fly-${rank}` },
  });
  const accept = done
    ? el('span', { className: 'suggest-accepted', text: t('suggest.accepted') })
    : button(t('suggest.accept'), () => view.accept([rank]), {
        className: 'small',
        attrs: { 'aria-label': t('suggest.acceptLabel', { id: label }), id: `suggest-accept-${rank}` },
      });
  return el('tr', { className: done ? 'accepted' : '', dataset: { rank: String(rank) } }, [
    el('td', { className: 'num', text: fmt.int(rank) }),
    el('td', { className: 'suggest-where' }, [
      fly,
      el('span', {
        className: 'muted-line',
        text: [place, coordText(lat, lon)].filter((x) => x !== null).join(' · '),
      }),
    ]),
    ...cells.map((c, i) => el('td', { className: numeric[i] ? 'num' : '', text: c })),
    el('td', {}, [accept]),
  ]);
}

export function suggestTable(
  view: ResultsView,
  head: string[],
  body: HTMLTableRowElement[],
  total: number,
): HTMLElement {
  const s = view.state;
  const open = (s.result?.rows ?? []).filter((row) => !isAccepted(s, view.ctx, row.rank));
  const all = button(t('suggest.acceptAll'), () => view.accept(open.map((row) => row.rank)), {
    attrs: { id: 'suggest-accept-all' },
  });
  all.disabled = open.length === 0;
  return el('div', {}, [
    el('div', { className: 'button-row' }, [all]),
    el('div', { className: 'suggest-table-wrap' }, [
      el('table', { className: 'small-table suggest-table', attrs: { id: 'suggest-table' } }, [
        el('thead', {}, [
          el(
            'tr',
            {},
            head.map((h) => el('th', { text: h, attrs: { scope: 'col' } })),
          ),
        ]),
        el('tbody', {}, body),
      ]),
    ]),
    ...(total > body.length
      ? [
          el('p', {
            className: 'muted',
            text: t('suggest.tableMore', { shown: fmt.int(body.length), total: fmt.int(total) }),
          }),
        ]
      : []),
  ]);
}
