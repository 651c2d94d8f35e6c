/**
 * Competition ranks ("1, 1, 3"), the one ranking rule of the tool (commune table, XLSX ranking sheet,
 * `vungphu rank`): the best value gets 1, equal values share the rank, and the next value's rank is
 * 1 + the number of values better than it. Values without a figure (null) get no rank (null).
 * `order` `desc`: higher is better; `asc`: lower is better. Returns one rank per input, in input order.
 */
export function competitionRanks(
  values: readonly (number | null)[],
  order: 'asc' | 'desc',
): (number | null)[] {
  const sign = order === 'desc' ? -1 : 1;
  const idx = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null)
    .sort((a, b) => sign * (a.v - b.v));
  const ranks: (number | null)[] = values.map(() => null);
  idx.forEach((x, k) => {
    const prev = idx[k - 1];
    ranks[x.i] = prev && prev.v === x.v ? (ranks[prev.i] ?? k + 1) : k + 1;
  });
  return ranks;
}
