import { UserError } from '../core/base/errors.ts';
import { type CountedSites, type CountingRule, TODAY } from '../core/coverage/counted_sites.ts';

/** `--as-of YEAR`: count planned cells on air by YEAR too (default: today, on air only). */
export function parseAsOf(raw: string | undefined): CountingRule {
  if (raw === undefined) return TODAY;
  const t = raw.trim();
  const year = Number(t);
  if (!/^\d{4}$/.test(t) || year < 1990 || year > 2100)
    throw new UserError(`--as-of must be a year between 1990 and 2100 (got "${raw}").`);
  return { asOf: year };
}

const n = (v: number) => v.toLocaleString('en-US');

/** The line the CLI prints about which cells it counted. */
export function countingLine(c: CountedSites): string {
  const left = `${n(c.plannedLeftOut)} planned cell(s) left out${c.plannedWithoutYear ? ` (${n(c.plannedWithoutYear)} with no year on air)` : ''}${c.sitesLeftOut ? `, so ${n(c.sitesLeftOut)} site(s) not yet on air` : ''}`;
  return c.rule.asOf === null
    ? `counting cells on air today: ${n(c.onAirCells)} cell(s); ${left}; --as-of YEAR counts planned cells too`
    : `counting cells on air plus planned by ${c.rule.asOf}: ${n(c.onAirCells)} + ${n(c.plannedCounted)} cell(s); ${left}`;
}
