/**
 * The "find a place" box over the map (issue 15): a text field with a list of suggestions, following
 * the ARIA combobox pattern, so that it works with the keyboard alone (↓ ↑ move, Enter chooses, Esc
 * closes) and a screen reader announces the active suggestion. Names go in as text only.
 */
import { t } from '../i18n/i18n.ts';
import { el } from '../ui/dom.ts';
import type { Place } from './place_matches.ts';

/** How many suggestions the list shows. */
const LIMIT = 8;

export class PlaceSearch {
  readonly input: HTMLInputElement;
  readonly #list: HTMLUListElement;
  readonly #status: HTMLElement;
  #results: Place[] = [];
  #active = -1;

  /**
   * @param find the places matching a query, best first
   * @param choose what choosing a place does (fly there and select it)
   */
  constructor(
    container: HTMLElement,
    private readonly find: (query: string, limit: number) => Place[],
    private readonly choose: (place: Place) => void,
  ) {
    this.input = el('input', {
      attrs: {
        id: 'find-place',
        type: 'search',
        role: 'combobox',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-autocomplete': 'list',
        'aria-expanded': 'false',
        'aria-controls': 'find-results',
      },
    });
    this.#list = el('ul', { className: 'find-results', attrs: { id: 'find-results', role: 'listbox' } });
    this.#list.hidden = true;
    this.#status = el('p', { className: 'visually-hidden', attrs: { role: 'status', id: 'find-status' } });
    container.replaceChildren(this.input, this.#list, this.#status);
    this.relabel();
    this.input.addEventListener('input', () => this.#update());
    this.input.addEventListener('focus', () => {
      if (this.input.value.trim() !== '') this.#update();
    });
    this.input.addEventListener('keydown', (e) => this.#key(e));
    // A click on a suggestion must land before the field's blur closes the list.
    this.#list.addEventListener('mousedown', (e) => e.preventDefault());
    this.input.addEventListener('blur', () => this.#close());
  }

  /** Sets the texts in the current language. */
  relabel(): void {
    this.input.placeholder = t('find.placeholder');
    this.input.setAttribute('aria-label', t('find.label'));
    this.#list.setAttribute('aria-label', t('find.label'));
    if (!this.#list.hidden) this.#update();
  }

  #update(): void {
    const q = this.input.value;
    this.#results = q.trim() === '' ? [] : this.find(q, LIMIT);
    this.#active = this.#results.length > 0 ? 0 : -1;
    const items = this.#results.map((p, i) =>
      el(
        'li',
        {
          className: 'find-item',
          attrs: { role: 'option', id: `find-option-${i}`, 'aria-selected': String(i === this.#active) },
          dataset: { kind: p.kind, id: p.id },
        },
        [
          el('span', { className: 'find-kind', text: kindWord(p) }),
          el('span', { className: 'find-name', text: p.name }),
          ...(p.context ? [el('span', { className: 'find-context', text: p.context })] : []),
        ],
      ),
    );
    items.forEach((li, i) => {
      li.addEventListener('click', () => this.#pick(i));
    });
    if (q.trim() !== '' && items.length === 0)
      items.push(el('li', { className: 'find-empty', text: t('find.none', { q: q.trim() }) }));
    this.#list.replaceChildren(...items);
    this.#list.hidden = items.length === 0;
    this.input.setAttribute('aria-expanded', String(this.#results.length > 0));
    this.#status.textContent =
      q.trim() === '' ? '' : this.#results.length ? t('find.count', { n: String(this.#results.length) }) : '';
    this.#mark();
  }

  #mark(): void {
    for (const [i, li] of [...this.#list.querySelectorAll('[role="option"]')].entries())
      li.setAttribute('aria-selected', String(i === this.#active));
    if (this.#active >= 0) {
      this.input.setAttribute('aria-activedescendant', `find-option-${this.#active}`);
      this.#list.querySelector(`#find-option-${this.#active}`)?.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  #key(e: KeyboardEvent): void {
    const n = this.#results.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (this.#list.hidden) this.#update();
        else if (n > 0) this.#active = (this.#active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        this.#mark();
        e.preventDefault();
        break;
      case 'Enter':
        if (this.#list.hidden) this.#update();
        if (this.#active >= 0) this.#pick(this.#active);
        e.preventDefault();
        break;
      case 'Escape':
        // First Esc closes the list, a second clears the field (the page's Esc is not fired for
        // either); in an empty, closed box Esc does what it does on the page: close the popup, deselect.
        if (!this.#list.hidden) {
          this.#close();
          e.stopPropagation();
        } else if (this.input.value !== '') {
          this.input.value = '';
          e.stopPropagation();
        }
        break;
    }
  }

  #pick(i: number): void {
    const place = this.#results[i];
    if (!place) return;
    this.input.value = place.name;
    this.#close();
    this.choose(place);
  }

  #close(): void {
    this.#list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}

function kindWord(p: Place): string {
  return p.kind === 'site' ? t('find.site') : t(`level.${p.kind}`);
}
