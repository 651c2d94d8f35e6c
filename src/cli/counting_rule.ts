import { UserError } from '../core/base/errors.ts';
import { POSTAL_CATEGORIES, type PostalCategory } from '../core/base/infrastructure.ts';

/** `--postal-count`: a comma list of postal categories counted for R̄ (shared by analyze and plan-sites). */
export function parseCountingRule(raw: string): PostalCategory[] {
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => !(POSTAL_CATEGORIES as readonly string[]).includes(p));
  if (bad.length || parts.length === 0) {
    throw new UserError(
      `--postal-count: unknown type(s) "${bad.join(', ')}"; use ${POSTAL_CATEGORIES.join(', ')}.`,
    );
  }
  return parts as PostalCategory[];
}
