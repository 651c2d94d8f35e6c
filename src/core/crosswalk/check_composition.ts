import type { Crosswalk } from './crosswalk.ts';

/** One new unit whose geometric composition differs from the official one. */
export interface CompositionDisagreement {
  toId: string;
  toName: string;
  /** Old units the official list puts in it that have no non-sliver piece in it. */
  officialOnly: string[];
  /** Old units whose largest piece lies in it but that the official list puts in a unit they do not reach. */
  geometricOnly: string[];
}

export interface CompositionCheck {
  /** New units met by the old set or named by the official list. */
  units: number;
  /** Units whose two compositions are the same set of old units. */
  agreeing: number;
  disagreements: CompositionDisagreement[];
  /** Old units for which the official sources name different successors, and the one taken. */
  sourceConflicts: { fromId: string; successors: string[]; taken: string }[];
  /** Old units of the official list missing from the old set, and old units the official list lacks. */
  officialUnknown: string[];
  notInOfficial: string[];
}

/**
 * Checks the geometric crosswalk against the official composition (old unit id → new unit id, as the
 * 2025 reorganisation lists it; one or more sources, each naming one successor). Where the sources
 * differ, the successor the geometry confirms is taken and the conflict is listed. A new unit agrees when
 * (a) every old unit the official list puts in it has a non-sliver piece in it, and (b) every old
 * unit whose largest piece lies in it is officially in it, or is officially in another unit where it
 * also has a non-sliver piece (a commune split between two units, of which the list names one).
 * Official rows naming a unit outside the new set are disagreements of that unit. Old units missing
 * from the official list (merged away before it was drawn up) are listed apart, not compared.
 */
export function checkComposition(
  crosswalk: Crosswalk,
  official: ReadonlyMap<string, readonly string[]>,
  toNames: ReadonlyMap<string, string> = new Map(),
): CompositionCheck {
  const geometric = new Map<string, Set<string>>();
  const officialSets = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => {
    const s = m.get(k) ?? new Set<string>();
    s.add(v);
    m.set(k, s);
  };
  const known = new Set(crosswalk.oldUnits.map((u) => u.id));
  const pieces = new Set(crosswalk.rows.filter((r) => !r.sliver).map((r) => `${r.fromId}>${r.toId}`));
  const confirmed = (oldId: string, newId: string) => pieces.has(`${oldId}>${newId}`);
  const stated = new Map<string, string>();
  for (const u of crosswalk.oldUnits) {
    const listed = official.get(u.id) ?? [];
    if (listed.length === 0) continue;
    // Where the sources name different successors, the one the geometry confirms is taken.
    const main = listed.find((id) => id === u.mainSuccessor);
    stated.set(u.id, main ?? listed.find((id) => confirmed(u.id, id)) ?? listed[0]!);
  }
  for (const u of crosswalk.oldUnits) {
    const s = stated.get(u.id);
    if (!u.mainSuccessor || s === undefined) continue;
    // A split whose stated successor also holds a real piece is consistent with the list.
    add(geometric, confirmed(u.id, s) ? s : u.mainSuccessor, u.id);
  }
  for (const [oldId, newId] of stated) add(officialSets, newId, oldId);
  const names = new Map(toNames);
  for (const r of crosswalk.rows) if (!names.has(r.toId)) names.set(r.toId, r.toName);
  const ids = [...new Set([...geometric.keys(), ...officialSets.keys()])].sort();
  const disagreements: CompositionDisagreement[] = [];
  for (const id of ids) {
    const g = geometric.get(id) ?? new Set<string>();
    const o = officialSets.get(id) ?? new Set<string>();
    const officialOnly = [...o].filter((x) => !g.has(x) || !confirmed(x, id)).sort();
    const geometricOnly = [...g].filter((x) => !o.has(x)).sort();
    if (officialOnly.length || geometricOnly.length)
      disagreements.push({ toId: id, toName: names.get(id) ?? id, officialOnly, geometricOnly });
  }
  const sourceConflicts = [...official]
    .filter(([id, listed]) => known.has(id) && new Set(listed).size > 1)
    .map(([id, listed]) => ({ fromId: id, successors: [...new Set(listed)], taken: stated.get(id) ?? '' }));
  return {
    units: ids.length,
    sourceConflicts,
    agreeing: ids.length - disagreements.length,
    disagreements,
    officialUnknown: [...official.keys()].filter((k) => !known.has(k)).sort(),
    notInOfficial: [...known].filter((k) => !official.has(k)).sort(),
  };
}
