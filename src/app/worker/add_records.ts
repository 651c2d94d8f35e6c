/**
 * "Add to the loaded data" (issue 15): the rows of an imported file put on top of the sites, postal
 * points, fiber routes or villages already loaded (the bundled sample or an earlier import). A row
 * whose id is already loaded replaces the loaded one (the newer file wins); the others are appended.
 */

/**
 * The loaded records with the added ones: the loaded records in their order (those with an id the
 * added file also has, replaced in place by the added row), then the added records of new ids.
 * `replaced` counts the loaded records replaced; `added` the new ids.
 */
export function addRecords<T extends { id: string }>(
  loaded: readonly T[],
  added: readonly T[],
): { items: T[]; added: number; replaced: number } {
  const byId = new Map<string, T>();
  for (const r of added) byId.set(r.id, r);
  let replaced = 0;
  const items = loaded.map((r) => {
    const newer = byId.get(r.id);
    if (!newer) return r;
    replaced++;
    byId.delete(r.id);
    return newer;
  });
  const fresh = [...byId.values()];
  return { items: [...items, ...fresh], added: fresh.length, replaced };
}
