import { cellsOf } from '../base/site_cells.ts';
import type { Setting, Site, TerrainSummary } from '../base/types.ts';
import type { TerrainContext } from './terrain_context.ts';

/**
 * How many cells of `sites` get a terrain footprint (their site stands on the DEM) and how many keep
 * their circle or sector (off it); cells with a predicted polygon of their own are neither.
 */
export function terrainCellCounts(
  terrain: TerrainContext,
  sites: readonly Site[],
  settingOf: (s: Site) => Setting,
): { onDem: number; off: number } {
  let onDem = 0;
  let off = 0;
  for (const site of sites)
    for (const cell of cellsOf(site)) {
      if (cell.coverage) continue;
      if (terrain.keyOf(site, cell, settingOf(site))) onDem++;
      else off++;
    }
  return { onDem, off };
}

/** The summary of a terrain context, with the cell counts of the analysis. */
export function terrainSummary(
  t: TerrainContext,
  terrainCells: number,
  fallbackCells: number,
): TerrainSummary {
  return {
    model: { ...t.model.name },
    dem_sources: [...t.dem.sources],
    defaults: t.model.defaults ? { ...t.model.defaults } : null,
    terrain_cells: terrainCells,
    fallback_cells: fallbackCells,
  };
}

/**
 * The one-line method note every output carries about its footprints: terrain (model, DEM sources,
 * defaults used) with a DEM, else circles and sectors. `lang` picks Vietnamese or English.
 */
export function footprintMethodNote(summary: TerrainSummary | null | undefined, lang: 'vi' | 'en'): string {
  if (!summary)
    return lang === 'vi'
      ? 'Vùng phủ: hình tròn và hình quạt theo bán kính (không có mô hình độ cao số DEM)'
      : 'Footprints: circles and sectors by radius (no DEM)';
  const sources = summary.dem_sources.join(', ');
  const fallback =
    summary.fallback_cells > 0
      ? lang === 'vi'
        ? `; ${summary.fallback_cells} ô phát sóng ngoài DEM giữ hình tròn/hình quạt`
        : `; ${summary.fallback_cells} cells off the DEM kept their circle or sector`
      : '';
  const defaults = summary.defaults
    ? lang === 'vi'
      ? `; giá trị mặc định: ${summary.defaults.vi}`
      : `; defaults used: ${summary.defaults.en}`
    : '';
  return lang === 'vi'
    ? `Vùng phủ: theo địa hình (mô hình ${summary.model.vi}; DEM: ${sources}${defaults}${fallback}); vùng phủ là kết quả mô hình, không phải đo thực tế`
    : `Footprints: terrain (model ${summary.model.en}; DEM: ${sources}${defaults}${fallback}); modelled, not measured`;
}
