/**
 * "Find a place" (issue 15): the search box over the map, fed with the loaded units (communes, districts,
 * provinces) and the scenario's sites, all in the page already, so it works offline. Choosing a unit
 * selects it and fits the map to it; choosing a site flies to it and picks it.
 */
import { t } from '../i18n/i18n.ts';
import { type Place, type PlaceIndex, placeIndex } from '../map/place_matches.ts';
import { PlaceSearch } from '../map/place_search.ts';
import type { DataStore } from '../state/data_store.ts';
import type { BBox } from '../worker/worker_protocol.ts';
import type { Page } from './page.ts';
import { mapPadding } from './ui.ts';

export class PlaceFinder {
  #search: PlaceSearch | null = null;
  /** The index and what it was built from (the store, and how many sites it had). */
  #index: { data: DataStore; sites: number; index: PlaceIndex } | null = null;

  constructor(private readonly page: Page) {}

  install(container: HTMLElement): void {
    this.#search = new PlaceSearch(
      container,
      (q, limit) => this.#indexNow()?.find(q, limit) ?? [],
      (p) => this.choose(p),
    );
  }

  relabel(): void {
    this.#search?.relabel();
  }

  #indexNow(): PlaceIndex | null {
    const data = this.page.store.data;
    if (!data) return null;
    const sites = data.keys('sites').length;
    if (this.#index?.data !== data || this.#index.sites !== sites)
      this.#index = { data, sites, index: placeIndex(placesOf(data)) };
    return this.#index.index;
  }

  choose(place: Place): void {
    const { views, editing, store, coverage, ui } = this.page;
    if (place.kind === 'site') {
      editing.openSite(place.id);
      return;
    }
    const data = store.data;
    if (!data) return;
    views.selectUnit(place.kind, place.id);
    const box =
      place.kind === 'commune'
        ? data.communeBox(place.id)
        : unionBox(communesUnder(data, place.kind, place.id).map((c) => data.communeBox(c)));
    if (box) coverage.fit(box, true, mapPadding(ui));
  }
}

/** Every unit and site of the loaded data, with where it lies. */
function placesOf(data: DataStore): Place[] {
  const out: Place[] = [];
  for (const level of ['province', 'district', 'commune'] as const)
    for (const u of data.unitsOf(level)) {
      const chain: string[] = [];
      for (let p = data.parentOf(u); p; p = data.parentOf(p)) chain.push(p.name);
      out.push({ kind: level, id: u.id, name: u.name, context: chain.join(', ') });
    }
  for (const id of data.keys('sites')) {
    const f = data.feature('sites', id);
    if (f?.geometry.type !== 'Point') continue;
    const op = f.properties?.operator;
    out.push({ kind: 'site', id, name: id, context: typeof op === 'string' ? op : t('find.site') });
  }
  return out;
}

function communesUnder(data: DataStore, level: 'district' | 'province', id: string): string[] {
  const out: string[] = [];
  for (const child of data.childrenOf(level, id))
    if (child.level === 'commune') out.push(child.id);
    else out.push(...communesUnder(data, 'district', child.id));
  return out;
}

function unionBox(boxes: (BBox | undefined)[]): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) {
    if (!b) continue;
    out = out
      ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])]
      : [...b];
  }
  return out;
}
