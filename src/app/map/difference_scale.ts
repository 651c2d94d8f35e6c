/**
 * The colours of the difference map (issue 15): scenario minus baseline, in percentage points, on a
 * diverging scale centred at 0. The colours are ColorBrewer's 7-class PuOr (orange for a fall,
 * purple for a rise, near-white for no change), which ColorBrewer lists as colour-blind safe; the
 * colour follows the sign of the value's change, whatever way is better for the indicator.
 */
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { NO_DATA_COLOR } from './color_scale.ts';
import type { LegendClass } from './legend.ts';

/** Class breaks in percentage points: a change under 0.05 pp (0.0 when rounded) is "no change". */
export const DIFF_BREAKS = [-10, -2, -0.05, 0.05, 2, 10] as const;
/** ColorBrewer PuOr, 7 classes, from the largest fall to the largest rise. */
export const DIFF_COLORS = [
  '#b35806',
  '#f1a340',
  '#fee0b6',
  '#f7f7f7',
  '#d8daeb',
  '#998ec3',
  '#542788',
] as const;

/** A difference's colour (pp; null when either side has no value: the no-data grey). */
export function differenceColor(pp: number | null): string {
  if (pp === null || !Number.isFinite(pp)) return NO_DATA_COLOR;
  let i = 0;
  while (i < DIFF_BREAKS.length && pp >= DIFF_BREAKS[i]!) i++;
  return DIFF_COLORS[i]!;
}

const pp = (v: number) => `${v > 0 ? '+' : ''}${fmt.decimal(v, 0, 1)}`;

/**
 * The legend rows, largest rise first: "≥ +10 pp", "+2 … +10 pp", "0 … +2 pp", "0 (no change)" (under
 * 0.05 pp either way), …, "< −10 pp", then no data.
 */
export function differenceLegend(): LegendClass[] {
  const unit = ` ${t('diff.unit')}`;
  const b = DIFF_BREAKS;
  const rows: LegendClass[] = [
    { color: DIFF_COLORS[6], label: `≥ ${pp(b[5])}${unit}` },
    { color: DIFF_COLORS[5], label: `${pp(b[4])} … ${pp(b[5])}${unit}` },
    { color: DIFF_COLORS[4], label: `0 … ${pp(b[4])}${unit}` },
    { color: DIFF_COLORS[3], label: t('diff.zero') },
    { color: DIFF_COLORS[2], label: `${pp(b[1])} … 0${unit}` },
    { color: DIFF_COLORS[1], label: `${pp(b[0])} … ${pp(b[1])}${unit}` },
    { color: DIFF_COLORS[0], label: `< ${pp(b[0])}${unit}` },
  ];
  return [...rows, { color: NO_DATA_COLOR, label: t('legend.noData') }];
}

/** A difference as text with its sign and unit: "+12,3 điểm %", "0,0 pp". */
export function differenceText(v: number | null): string {
  if (v === null) return '–';
  const r = Math.round(v * 10) / 10;
  return `${r > 0 ? '+' : ''}${fmt.decimal(r, 1, 1)} ${t('diff.unit')}`;
}
