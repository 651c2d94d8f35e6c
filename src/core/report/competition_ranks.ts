/**
 * Competition ranks ("1, 1, 3"), the one ranking rule of the tool (commune table, XLSX ranking sheet,
 * `vungphu rank`): the best value gets 1, equal values share the rank, and the next value's rank is
 * 1 + the number of values better than it. Values without a figure (null) get no rank (null).
 * `order` `desc`: higher is better; `asc`: lower is better. With `decimals`, values equal once rounded to
 * that many decimals (as the table or sheet shows them) are ties: a commune shown at "100,0 %" is not
 * ranked 148th beside others at "100,0 %" ranked 1st. Returns one rank per input, in input order.
 */
export function competitionRanks(
  values: readonly (number | null)[],
  order: 'asc' | 'desc',
  decimals?: number,
): (number | null)[] {
  const scale = decimals === undefined ? null : 10 ** decimals;
  const shown = (v: number) => (scale === null || !Number.isFinite(v) ? v : Math.round(v * scale));
  const sign = order === 'desc' ? -1 : 1;
  const idx = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null)
    .sort((a, b) => sign * (a.v - b.v));
  const ranks: (number | null)[] = values.map(() => null);
  idx.forEach((x, k) => {
    const prev = idx[k - 1];
    ranks[x.i] = prev && shown(prev.v) === shown(x.v) ? (ranks[prev.i] ?? k + 1) : k + 1;
  });
  return ranks;
}
