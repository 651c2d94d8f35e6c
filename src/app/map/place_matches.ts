/**
 * "Find a place" (issue 15): which communes, districts, provinces and sites a typed query names. The
 * comparison folds Vietnamese (foldText: no diacritics, đ → d, lower case), so "dak mil", "Đắk Mil"
 * and "ĐĂK MIL" find the same district; the unit's type word ("Xã", "Phường", "Huyện" …) may be typed
 * or left out. Pure: no DOM, so it is tested in Node.
 */
import { foldText } from '../../core/base/fold_text.ts';

export type PlaceKind = 'commune' | 'district' | 'province' | 'site';

/** One place the search can find: a unit by its name, or a site by its code. */
export interface Place {
  kind: PlaceKind;
  id: string;
  /** What is searched and shown: the unit's name, or the site's code. */
  name: string;
  /** Where it lies, shown after the name and searched too ("Huyện Chư Sê, Tỉnh Gia Lai"). */
  context: string;
}

/** The type words in front of unit names, folded; a query may leave them out. */
const TYPE_WORDS = [
  'thanh pho',
  'thi xa',
  'thi tran',
  'huyen',
  'phuong',
  'xa',
  'tinh',
  'tp.',
  'tp',
  'quan',
  'dac khu',
];

/** A folded name without its type word ("xa ia grai" → "ia grai"). */
function bareName(folded: string): string {
  for (const w of TYPE_WORDS) if (folded.startsWith(`${w} `)) return folded.slice(w.length + 1);
  return folded;
}

/** Kinds in the order their equally good matches are listed: the larger unit first. */
const KIND_ORDER: Record<PlaceKind, number> = { province: 0, district: 1, commune: 2, site: 3 };

interface Indexed {
  place: Place;
  full: string;
  bare: string;
  context: string;
}

/** A search index over places: fold once, query many times. */
export interface PlaceIndex {
  /** The best `limit` places for a query, best first; an empty query finds nothing. */
  find(query: string, limit?: number): Place[];
}

/**
 * Builds the index. A query matches a place when its folded text is (best first) the name exactly,
 * the start of the name, the start of a word of the name, or inside the name; or, failing those, when
 * every word of the query is found in the name or the context ("chu se gia lai"). Sites match by code
 * only (exact, then prefix, then inside).
 */
export function placeIndex(places: readonly Place[]): PlaceIndex {
  const items: Indexed[] = places.map((place) => {
    const full = foldText(place.name);
    const bare = place.kind === 'site' ? full : bareName(full);
    return { place, full, bare, context: foldText(place.context) };
  });
  return {
    find(query, limit = 8) {
      const q = foldText(query);
      if (q === '') return [];
      const qBare = bareName(q);
      const tokens = q.split(' ');
      const scored: { item: Indexed; score: number }[] = [];
      for (const item of items) {
        const score = matchScore(item, q, qBare, tokens);
        if (score !== null) scored.push({ item, score });
      }
      scored.sort(
        (a, b) =>
          a.score - b.score ||
          KIND_ORDER[a.item.place.kind] - KIND_ORDER[b.item.place.kind] ||
          a.item.bare.length - b.item.bare.length ||
          a.item.bare.localeCompare(b.item.bare),
      );
      return scored.slice(0, limit).map((s) => s.item.place);
    },
  };
}

/** 0 = exact … 5 = every word somewhere; null = no match. */
function matchScore(item: Indexed, q: string, qBare: string, tokens: string[]): number | null {
  if (item.place.kind === 'site') {
    if (item.full === q) return 0;
    if (item.full.startsWith(q)) return 1;
    return item.full.includes(q) ? 3 : null;
  }
  if (item.full === q || item.bare === qBare) return 0;
  if (item.bare.startsWith(qBare) || item.full.startsWith(q)) return 1;
  if (` ${item.bare}`.includes(` ${qBare}`)) return 2;
  if (item.bare.includes(qBare)) return 3;
  const hay = `${item.full} ${item.context}`;
  return tokens.length > 1 && tokens.every((tok) => hay.includes(tok)) ? 5 : null;
}
