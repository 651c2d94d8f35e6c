import { competitionRanks } from './competition_ranks.ts';
import type { CoverageReport } from './report.ts';
import { type ReportIndicator, reportIndicators } from './report_indicators.ts';
import { reportUnits } from './report_units.ts';

/** One commune's place in a ranking. */
export interface RankedCommune {
  /** 1 = best; ties share a rank (competition ranking 1, 2, 2, 4); null when the commune has no value. */
  rank: number | null;
  id: string;
  name: string;
  district: string | null;
  province: string | null;
  value: number | null;
}

export interface RankOptions {
  /** `desc`: highest first. Default: by the indicator's better direction (higher is better → desc). */
  order?: 'asc' | 'desc';
  /** Only communes of this province (id or name). */
  province?: string;
}

/**
 * The decimals a ranking's values are shown and tie at: as the app's commune table shows them, one for
 * a percentage ("93,7%") and two for km ("2,41 km"), else the indicator's own. The XLSX ranking sheet,
 * `vungphu report --rank-by` and the app's table then give two communes the same rank exactly when
 * they show the same value.
 */
export function rankDecimals(ind: Pick<ReportIndicator, 'unit' | 'decimals'>): number {
  if (ind.unit === '%') return 1;
  if (ind.unit === 'km') return 2;
  return ind.decimals;
}

/**
 * Ranks communes by one indicator of report.json (any id of `reportIndicators`), best first: ties
 * share a rank, communes without a value come last, unranked. Ties keep report order. Throws a
 * RangeError for an unknown indicator id.
 */
export function rankCommunes(
  report: CoverageReport,
  indicatorId: string,
  options: RankOptions = {},
): RankedCommune[] {
  const ind = reportIndicators(report).find((i) => i.id === indicatorId);
  if (!ind) throw new RangeError(`unknown indicator "${indicatorId}"`);
  const order = options.order ?? (ind.better === 'lower' ? 'asc' : 'desc');
  const units = reportUnits(report);
  const rows = units.communes.flatMap((u) => {
    const place = units.byId.get(u.id);
    const province = place?.province ?? null;
    if (options.province && province?.id !== options.province && province?.name !== options.province)
      return [];
    return [
      {
        rank: null as number | null,
        id: u.id,
        name: u.name,
        district: place?.district?.name ?? null,
        province: province?.name ?? null,
        value: ind.get(u),
      },
    ];
  });
  const sign = order === 'desc' ? -1 : 1;
  const ranked = rows
    .map((r, k) => ({ r, k }))
    .sort((a, b) => {
      if (a.r.value === null || b.r.value === null)
        return (a.r.value === null ? 1 : 0) - (b.r.value === null ? 1 : 0) || a.k - b.k;
      return sign * (a.r.value - b.r.value) || a.k - b.k;
    })
    .map(({ r }) => r);
  // Ties as the sheet and the app's table show the values.
  const ranks = competitionRanks(
    ranked.map((r) => r.value),
    order,
    rankDecimals(ind),
  );
  ranked.forEach((r, k) => {
    r.rank = ranks[k] ?? null;
  });
  return ranked;
}
