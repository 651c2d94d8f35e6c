/**
 * The table of sites (issue 13): searchable by code, name, operator or commune (without case or
 * diacritics); the rows come from the worker (worker_sites.ts). Only the first matches are drawn (a province has thousands of sites), and the caption
 * says how many match. A row flies the map to the site and opens its popup.
 */
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { matchSites, type SiteRow } from '../state/site_info.ts';
import { button, el } from '../ui/dom.ts';

/** Rows drawn at most; typing more narrows the matches. */
const SITE_ROWS_SHOWN = 200;

export class SiteTable {
  private query = '';
  private readonly search = el('input', {
    className: 'search',
    attrs: { type: 'search', autocomplete: 'off', id: 'site-search' },
  });
  private readonly caption = el('p', {
    className: 'muted',
    attrs: { 'aria-live': 'polite', id: 'site-count' },
  });
  private readonly head = el('thead');
  private readonly body = el('tbody');
  private rows: SiteRow[] | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly onOpen: (siteId: string) => void,
  ) {
    this.search.addEventListener('input', () => {
      this.query = this.search.value;
      this.renderRows();
    });
  }

  /** Rebuilds the static parts in the current language. */
  build(): void {
    this.search.placeholder = t('sites.search');
    this.search.setAttribute('aria-label', t('sites.search'));
    const table = el('table', { className: 'commune-table site-table', attrs: { id: 'site-table' } }, [
      this.head,
      this.body,
    ]);
    this.container.replaceChildren(
      el('label', { className: 'field' }, [el('span', { text: t('sites.searchLabel') }), this.search]),
      this.caption,
      el('div', { className: 'table-wrap' }, [table]),
    );
  }

  /** Draws the sites (the worker's rows of the current scenario). */
  render(rows: SiteRow[]): void {
    this.rows = rows;
    this.head.replaceChildren(
      el(
        'tr',
        {},
        (['sites.code', 'sites.operator', 'sites.commune', 'sites.cells'] as const).map((k) =>
          el('th', { className: k === 'sites.cells' ? 'num' : '', attrs: { scope: 'col' }, text: t(k) }),
        ),
      ),
    );
    this.renderRows();
  }

  private renderRows(): void {
    if (!this.rows) return;
    const all = this.rows;
    const { shown, matches } = matchSites(all, this.query, SITE_ROWS_SHOWN);
    this.body.replaceChildren(
      ...shown.map((r) => {
        const tr = el('tr', { dataset: { siteId: r.id } }, [
          el('td', {}, [
            button(r.id, () => this.onOpen(r.id), { className: 'link' }),
            ...(r.name ? [el('div', { className: 'muted-line', text: r.name })] : []),
          ]),
          el('td', {}, [
            el('div', { text: r.operator }),
            el('div', { className: 'muted-line', text: r.technologies.join(', ') }),
          ]),
          el('td', { text: r.commune ?? '–' }),
          el('td', { className: 'num' }, [
            el('div', { text: fmt.int(r.cells) }),
            ...(r.planned > 0
              ? [
                  el('div', {
                    className: 'muted-line',
                    text: t('sites.plannedCells', { n: fmt.int(r.planned) }),
                  }),
                ]
              : []),
          ]),
        ]);
        if (!r.counted) tr.classList.add('not-counted');
        tr.addEventListener('click', (event) => {
          if (!(event.target instanceof HTMLButtonElement)) this.onOpen(r.id);
        });
        return tr;
      }),
    );
    const params = { matches: fmt.int(matches), total: fmt.int(all.length), shown: fmt.int(shown.length) };
    this.caption.textContent =
      all.length === 0
        ? t('sites.none')
        : t(matches > shown.length ? 'sites.countLimited' : 'sites.count', params);
  }
}
