import type { Technology } from '../base/types.ts';

/** The carrier frequency a technology is assumed to use when its band is missing or not understood, MHz. */
const DEFAULT_FREQUENCY_MHZ: Readonly<Record<Technology, number>> = {
  '2G': 900,
  '3G': 2100,
  '4G': 1800,
  '5G': 3500,
};

/** A band label read as a carrier frequency. */
export interface BandFrequency {
  /** Carrier frequency, MHz (the band's nominal name: B3 → 1800, n78 → 3500). */
  frequency_mhz: number;
  /** True when the frequency is the technology default rather than read from the band. */
  defaulted: boolean;
  /** Why the default was used (no band, or a band that was not understood), for the outputs' notes. */
  reason?: string;
}

// Nominal band names (the MHz the band is usually called by) of the 3GPP E-UTRA and NR operating bands
// (3GPP TS 36.101 Table 5.5-1, TS 38.104 Table 5.2-1). The nominal name is within a few % of the
// downlink centre, which moves a Hata loss by well under 1 dB.
const LTE_BANDS: Readonly<Record<number, number>> = {
  1: 2100,
  3: 1800,
  5: 850,
  7: 2600,
  8: 900,
  20: 800,
  28: 700,
  38: 2600,
  40: 2300,
  41: 2500,
  42: 3500,
  43: 3700,
};
const NR_BANDS: Readonly<Record<number, number>> = {
  1: 2100,
  3: 1800,
  5: 850,
  7: 2600,
  8: 900,
  20: 800,
  28: 700,
  40: 2300,
  41: 2500,
  77: 3700,
  78: 3500,
  79: 4700,
};

const PREFIX: readonly [RegExp, Technology][] = [
  [/^(?:G|GSM|DCS|2G)$/, '2G'],
  [/^(?:U|W|UMTS|WCDMA|3G)$/, '3G'],
  [/^(?:L|LTE|4G|B|BAND)$/, '4G'],
  [/^(?:N|NR|5G)$/, '5G'],
];

interface Token {
  technology?: Technology;
  mhz?: number;
}

/** Reads one band token ("L1800", "B3", "n78", "GSM 900", "1800MHz", "3.5GHz", "4G-1800", "Băng 3"). */
function readToken(raw: string): Token {
  const t = raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toUpperCase()
    .replace(/BANG TAN|BANG/g, 'BAND')
    .replace(/[\s_\-()]/g, '');
  const ghz = /^([A-Z0-9]*?)(\d+(?:[.,]\d+)?)GHZ?$/.exec(t);
  if (ghz && /^\d+[.,]\d+$|^\d$/.test(ghz[2]!)) {
    const tech = techOf(ghz[1]!);
    const mhz = Number(ghz[2]!.replace(',', '.')) * 1000;
    return tech === null ? {} : { ...(tech ? { technology: tech } : {}), mhz };
  }
  const m = /^([A-Z0-9]*?[A-Z])?(\d+)(?:MHZ)?$/.exec(t) ?? /^(\d?G)(\d+)(?:MHZ)?$/.exec(t);
  if (!m) return {};
  const prefix = m[1] ?? '';
  const n = Number(m[2]);
  const tech = techOf(prefix);
  if (tech === null) return {};
  if (n >= 400 && n <= 100_000) return { ...(tech ? { technology: tech } : {}), mhz: n };
  // A small number is a 3GPP band number: B3/BAND3 (LTE), n78/N78 (NR).
  if (prefix === 'B' || prefix === 'BAND' || prefix === 'L' || prefix === 'LTE' || prefix === '4G') {
    const mhz = LTE_BANDS[n];
    return mhz ? { technology: '4G', mhz } : {};
  }
  if (prefix === 'N' || prefix === 'NR' || prefix === '5G') {
    const mhz = NR_BANDS[n];
    return mhz ? { technology: '5G', mhz } : {};
  }
  return {};
}

/** The technology a band prefix names; undefined for no prefix; null for a prefix not understood. */
function techOf(prefix: string): Technology | undefined | null {
  if (prefix === '') return undefined;
  for (const [re, tech] of PREFIX) if (re.test(prefix)) return tech;
  return null;
}

/**
 * The carrier frequency (MHz) of a cell from its band label and technology. A label may list several
 * bands ("G900;L1800;L2100;N3500", as a site row without cells carries them): the first band of the
 * cell's technology is used, else the first plain frequency ("1800", "900 MHz"). Understood spellings:
 * G900, GSM900, DCS1800, U900, U2100, WCDMA2100, L700…L2600, LTE1800, 4G-1800, B3/Band 3/Băng tần 3,
 * N700, N3500, NR3500, n28/n41/n78, 3.5 GHz, and plain numbers in MHz. Anything else (or no band) gives
 * the technology default (2G 900, 3G 2100, 4G 1800, 5G 3500 MHz) with a reason.
 */
export function bandFrequency(band: string | undefined, technology: Technology): BandFrequency {
  const fallback = DEFAULT_FREQUENCY_MHZ[technology];
  if (band === undefined || band.trim() === '')
    return {
      frequency_mhz: fallback,
      defaulted: true,
      reason: `no band; ${technology} default ${fallback} MHz`,
    };
  const tokens = band
    .split(/[;,/+|&]| và | and /i)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(readToken);
  const own = tokens.find((t) => t.mhz !== undefined && t.technology === technology);
  const plain = tokens.find((t) => t.mhz !== undefined && t.technology === undefined);
  const hit = own ?? plain;
  if (hit?.mhz !== undefined) return { frequency_mhz: hit.mhz, defaulted: false };
  const why = tokens.some((t) => t.mhz !== undefined)
    ? `band "${band}" names no ${technology} band`
    : `band "${band}" not understood`;
  return {
    frequency_mhz: fallback,
    defaulted: true,
    reason: `${why}; ${technology} default ${fallback} MHz`,
  };
}
