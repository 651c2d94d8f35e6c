import { UserError } from '../core/base/errors.ts';

/** A numeric command-line flag (decimal point or comma), or a UserError naming it when it is not a number. */
export function optionalNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  const v = Number(t.replace(/^(-?\d+),(\d+)$/, '$1.$2'));
  if (t === '' || !Number.isFinite(v)) throw new UserError(`${flag} must be a number (got "${raw}").`);
  return v;
}
