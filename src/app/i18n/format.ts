/**
 * Number and date formatting in the current language: Vietnamese 1.234,5 and 93,7%; English 1,234.5.
 * Every number on screen goes through here.
 */
import { currentLang } from './i18n.ts';

const LOCALES = { vi: 'vi-VN', en: 'en-US' } as const;
const cache = new Map<string, Intl.NumberFormat>();

function nf(min: number, max: number): Intl.NumberFormat {
  const key = `${currentLang()}|${min}|${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[currentLang()], {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    cache.set(key, f);
  }
  return f;
}

const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export const fmt = {
  /** A number with between `min` and `max` decimals; "–" when unknown. */
  decimal(v: number | null | undefined, min = 1, max = min): string {
    return ok(v) ? nf(min, max).format(v) : '–';
  },
  /** A share in %, one decimal by default: 93.74 → "93,7%". */
  percent(v: number | null | undefined, min = 1, max = min): string {
    return ok(v) ? `${nf(min, max).format(v)}%` : '–';
  },
  /** People or a count: 12345 → "12.345". */
  int(v: number | null | undefined): string {
    return ok(v) ? nf(0, 0).format(v) : '–';
  },
  /** An area: 186.04 → "186,0 km²". */
  area(km2: number | null | undefined): string {
    return ok(km2) ? `${nf(1, 1).format(km2)} km²` : '–';
  },
  /** A distance in km with two decimals: "2,41 km". */
  km(v: number | null | undefined, decimals = 2): string {
    return ok(v) ? `${nf(decimals, decimals).format(v)} km` : '–';
  },
  /** Milliseconds: "23 ms". */
  ms(v: number): string {
    return `${nf(0, 0).format(v)} ms`;
  },
  /** A date and time in the current language. */
  dateTime(iso: string): string {
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? iso
      : new Intl.DateTimeFormat(LOCALES[currentLang()], {
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        }).format(d);
  },
};

/**
 * A position as "14.12009° N, 107.83813° E" in both languages (degrees, 5 decimals ≈ 1 m, a decimal
 * point and the hemisphere letters): "14,12009, 107,83813" with decimal commas cannot be read as a pair.
 */
export function coordText(lat: number, lon: number): string {
  const part = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(5)}° ${v < 0 ? neg : pos}`;
  return `${part(lat, 'N', 'S')}, ${part(lon, 'E', 'W')}`;
}
