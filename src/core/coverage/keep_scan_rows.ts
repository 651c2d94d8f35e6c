import type { PairName, ScanMemo } from './analyze.ts';
import type { PairRows } from './commune_scan.ts';

/** Pair rows by commune id and pair name: what a scan memo keeps between analyses. */
export type ScanRowsStore = Map<string, Map<PairName, PairRows>>;

/**
 * A scan memo that gives nothing back and keeps the rows of every commune scanned in `store`: a full
 * analysis run with it leaves every commune's rows for the what-if updates that follow
 * (`startAnalysis`, the app's load with a DEM), so that even a site's first move rescans only its own
 * pairs.
 */
export function keepScanRows(store: ScanRowsStore): ScanMemo {
  return {
    unchanged: () => undefined,
    keep(id, rows) {
      store.set(id, rows);
    },
  };
}

/** Bytes held by a store's typed arrays (for the benches' memory figures). */
export function scanRowsBytes(store: ScanRowsStore): number {
  let n = 0;
  for (const pairs of store.values())
    for (const r of pairs.values()) n += r.full.byteLength + r.start.byteLength + r.xs.byteLength;
  return n;
}
