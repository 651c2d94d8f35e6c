import type { HataEnvironment } from './radio_config.ts';

/**
 * Hata's mobile-antenna height correction a(hm), dB: small/medium city (also used for suburban and
 * open areas), or large city (the f ≤ 200 MHz form below 300 MHz, the f ≥ 400 MHz form above).
 */
export function hataMobileCorrection(f_mhz: number, hm_m: number, city: 'medium' | 'large'): number {
  const lf = Math.log10(f_mhz);
  if (city === 'medium') return (1.1 * lf - 0.7) * hm_m - (1.56 * lf - 0.8);
  if (f_mhz < 300) return 8.29 * Math.log10(1.54 * hm_m) ** 2 - 1.1;
  return 3.2 * Math.log10(11.75 * hm_m) ** 2 - 4.97;
}

/**
 * Okumura-Hata median basic loss, dB (Hata 1980, IEEE Trans. Veh. Tech. VT-29(3)): f in MHz (valid
 * 150–1500), effective base height hb (30–200 m), mobile height hm (1–10 m), distance d in km (1–20):
 *   urban L = 69.55 + 26.16 log f − 13.82 log hb − a(hm) + (44.9 − 6.55 log hb) log d
 *   suburban: L − 2 (log(f/28))² − 5.4;  open: L − 4.78 (log f)² + 18.33 log f − 40.94.
 * No clamping here; `basicLoss` decides what happens outside the ranges.
 */
export function okumuraHata(
  f_mhz: number,
  hb_m: number,
  hm_m: number,
  d_km: number,
  environment: HataEnvironment,
  city: 'medium' | 'large' = 'medium',
): number {
  const lf = Math.log10(f_mhz);
  const lhb = Math.log10(hb_m);
  const a = hataMobileCorrection(f_mhz, hm_m, environment === 'urban' ? city : 'medium');
  const urban = 69.55 + 26.16 * lf - 13.82 * lhb - a + (44.9 - 6.55 * lhb) * Math.log10(d_km);
  if (environment === 'urban') return urban;
  if (environment === 'suburban') return urban - 2 * Math.log10(f_mhz / 28) ** 2 - 5.4;
  return urban - 4.78 * lf * lf + 18.33 * lf - 40.94;
}
