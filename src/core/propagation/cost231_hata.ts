import { hataMobileCorrection } from './okumura_hata.ts';

/**
 * COST-231 Hata median urban basic loss, dB (COST Action 231 final report, 1999, ch. 4): f in MHz
 * (valid 1500–2000), effective base height hb (30–200 m), mobile height hm (1–10 m), d in km (1–20):
 *   L = 46.3 + 33.9 log f − 13.82 log hb − a(hm) + (44.9 − 6.55 log hb) log d + Cm,
 * a(hm) the small/medium-city form, Cm = 0 dB (medium city, suburban) or 3 dB (metropolitan centre).
 */
export function cost231Hata(
  f_mhz: number,
  hb_m: number,
  hm_m: number,
  d_km: number,
  metropolitan = false,
): number {
  const lhb = Math.log10(hb_m);
  return (
    46.3 +
    33.9 * Math.log10(f_mhz) -
    13.82 * lhb -
    hataMobileCorrection(f_mhz, hm_m, 'medium') +
    (44.9 - 6.55 * lhb) * Math.log10(d_km) +
    (metropolitan ? 3 : 0)
  );
}
