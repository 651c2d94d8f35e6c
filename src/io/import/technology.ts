import type { Technology } from '../../core/base/types.ts';

const SPELLINGS: Record<string, Technology> = {
  '2g': '2G',
  gsm: '2G',
  '3g': '3G',
  umts: '3G',
  wcdma: '3G',
  hspa: '3G',
  '4g': '4G',
  lte: '4G',
  '4glte': '4G',
  'lte-a': '4G',
  '5g': '5G',
  nr: '5G',
  '5gnr': '5G',
};

/** Reads one technology spelling ("5g", "NR", "LTE", "4G LTE", "GSM"…); null when unknown. */
export function parseTechnology(raw: string): Technology | null {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');
  return SPELLINGS[key] ?? null;
}

type Parsed = { readonly technologies: readonly Technology[]; readonly unknown: readonly string[] };

/** Lists already read: a file repeats a handful of them millions of times. */
const seen = new Map<string, Parsed>();

/**
 * Reads a list of technologies separated by `;`, `|`, `/` or `+` (or a JSON array). The result is
 * shared between calls with the same text: read it, never change it.
 */
export function parseTechnologies(raw: unknown): Parsed {
  if (typeof raw !== 'string') return parseList(raw);
  let parsed = seen.get(raw);
  if (!parsed) {
    parsed = parseList(raw);
    Object.freeze(parsed.technologies);
    Object.freeze(parsed.unknown);
    if (seen.size < 1000) seen.set(raw, parsed);
  }
  return parsed;
}

function parseList(raw: unknown): Parsed {
  const parts = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[;|/+]/);
  const technologies: Technology[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    if (p.trim() === '') continue;
    const t = parseTechnology(p);
    if (t) {
      if (!technologies.includes(t)) technologies.push(t);
    } else unknown.push(p.trim());
  }
  // A copy of the exact length: the array pushed into holds 17 slots (~150 bytes), for every site.
  return { technologies: technologies.slice(), unknown };
}
