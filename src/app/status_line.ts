import { formatPercent } from './format.ts';
import { type Indicator, indicatorValue } from './indicators.ts';
import type { ResultIndex } from './result_index.ts';

/** "Tỉnh Gia Lai" from "Gia Lai"; names that already say what they are are kept. */
function provinceLabel(name: string): string {
  return /^(tỉnh|thành phố|tp\.?)\s/iu.test(name) ? name : `Tỉnh ${name}`;
}

function subject(indicator: Indicator): string {
  return indicator.technology === 'any' ? 'Mạng di động' : indicator.short;
}

/**
 * One sentence per province with the selected indicator, e.g.
 * "Tỉnh Gia Lai: 4G phủ sóng 87,3% dân số".
 */
export function provinceSummaries(index: ResultIndex, indicator: Indicator): string[] {
  const basis = indicator.basis === 'population' ? 'dân số' : 'diện tích';
  return index
    .provinces()
    .map(
      (province) =>
        `${provinceLabel(province.name)}: ${subject(indicator)} phủ sóng ${formatPercent(
          indicatorValue(province, indicator),
        )} ${basis}`,
    );
}
