/**
 * The "why" of coverage (issue 17): "why?" in a site's popup, then a click on the map, shows the
 * terrain profile from the site to that point (computed in the worker over the DEM) in a card over
 * the map, with the link budget of its best cell. Esc or "close" hides it.
 */
import { renderWhyPanel, type WhyView } from '../panels/why_panel.ts';
import { el } from '../ui/dom.ts';
import type { Page } from './page.ts';

export class WhyActions {
  view: WhyView = { kind: 'hidden' };
  readonly #card: HTMLElement;

  constructor(private readonly page: Page) {
    this.#card = el('section', {
      className: 'card why-panel',
      attrs: { id: 'why-panel', 'aria-live': 'polite' },
    });
    this.#card.hidden = true;
    document.body.append(this.#card);
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.view.kind !== 'hidden') this.close();
    });
  }

  /** Waits for a click on the map for the profile from this site (or says a DEM is needed). */
  start(siteId: string): void {
    this.view = this.page.dem.info ? { kind: 'picking', siteId } : { kind: 'no-dem' };
    this.render();
  }

  /** A click on the map while waiting: the profile to it. True when the click was taken. */
  takeClick(lon: number, lat: number): boolean {
    const v = this.view;
    if (v.kind !== 'picking') return false;
    void this.page.client.why(v.siteId, lon, lat).then((result) => {
      this.view = result ? { kind: 'profile', result } : { kind: 'no-dem' };
      this.page.coverage.setWhyPath(
        result
          ? [
              [result.siteLon, result.siteLat],
              [lon, lat],
            ]
          : null,
      );
      this.render();
    }, this.page.loader.fail);
    return true;
  }

  close(): void {
    this.view = { kind: 'hidden' };
    this.page.coverage.setWhyPath(null);
    this.render();
  }

  /** Draws the card again (after a language switch too). */
  render(): void {
    renderWhyPanel(this.#card, this.view, () => this.close());
  }
}
