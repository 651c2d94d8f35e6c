/** Vietnamese number formatting (decimal comma, dot for thousands), shared by every label in the app. */

const percentFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const areaFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A percentage with one decimal, e.g. 87.34 → "87,3%"; "–" when unknown. */
export function formatPercent(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '–' : `${percentFormat.format(value)}%`;
}

/** A count of people (or sites), e.g. 12345 → "12.345". */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** An area in km² with one decimal, e.g. 186.04 → "186,0 km²". */
export function formatArea(km2: number): string {
  return `${areaFormat.format(km2)} km²`;
}

/** A class-break value for the legend, e.g. 99 → "99". */
export function formatBreak(value: number): string {
  return integerFormat.format(value);
}
