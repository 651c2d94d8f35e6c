/** The result of ITU-R P.1812 §4.3.1 Bullington diffraction over one profile. */
export interface BullingtonResult {
  /** Lbull, dB (≥ 0). */
  loss_db: number;
  /** The knife-edge loss Luc = J(ν) before the distance correction, dB. */
  luc_db: number;
  /** ν of the Bullington point (non-LOS) or the largest ν of the intermediate points (LOS). */
  nu: number;
  /** True when no intermediate point rises above the straight Tx–Rx line (Stim < Str). */
  lineOfSight: boolean;
}

/** Knife-edge loss J(ν) of ITU-R P.526 as P.1812 eq. (12) uses it, dB; 0 for ν ≤ −0.78. */
export function knifeEdgeLoss(nu: number): number {
  if (nu <= -0.78) return 0;
  return knifeEdgeCurve(nu);
}

/** The curve of J(ν) without its cut-off at ν = −0.78, dB: 6.9 + 20 log10(√((ν − 0.1)² + 1) + ν − 0.1). */
export function knifeEdgeCurve(nu: number): number {
  const v = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(v * v + 1) + v);
}

/**
 * Bullington diffraction loss (dB) over a terrain profile, ITU-R P.1812-6 §4.3.1 eqs. (13)–(21).
 * `d_km[i]` are distances from the transmitter (km, ascending, first 0, last the path length d) and
 * `g_m[i]` heights above sea level (m, terrain plus any clutter); only the intermediate points
 * 1…n−2 are obstacles. `hts_m`, `hrs_m`: antenna heights above sea level. `ae_km`: effective earth
 * radius (6371·k). With Ce = 1/ae and λ = 299.792458/f(MHz) m:
 *   Stim = max (gi + 500 Ce di (d − di) − hts)/di,   Str = (hrs − hts)/d   (m/km);
 *   LOS (Stim < Str): ν = max [gi + 500 Ce di(d − di) − (hts(d − di) + hrs di)/d] √(0.002 d/(λ di (d − di)));
 *   else Srim = max (gi + 500 Ce di(d − di) − hrs)/(d − di), dbp = (hrs − hts + Srim d)/(Stim + Srim),
 *        ν = [hts + Stim dbp − (hts(d − dbp) + hrs dbp)/d] √(0.002 d/(λ dbp (d − dbp)));
 *   Luc = J(ν),  Lbull = Luc + (1 − exp(−Luc/6))(10 + 0.02 d).
 */
export function bullington(
  d_km: ArrayLike<number>,
  g_m: ArrayLike<number>,
  hts_m: number,
  hrs_m: number,
  ae_km: number,
  f_mhz: number,
): BullingtonResult {
  const n = d_km.length;
  const d = d_km[n - 1]!;
  const lambda = 299.792458 / f_mhz;
  const c = 500 / ae_km;
  let stim = -Infinity;
  for (let i = 1; i < n - 1; i++) {
    const di = d_km[i]!;
    stim = Math.max(stim, (g_m[i]! + c * di * (d - di) - hts_m) / di);
  }
  const str = (hrs_m - hts_m) / d;
  let nu: number;
  const lineOfSight = !(stim >= str);
  if (lineOfSight) {
    nu = -Infinity;
    for (let i = 1; i < n - 1; i++) {
      const di = d_km[i]!;
      const clear = g_m[i]! + c * di * (d - di) - (hts_m * (d - di) + hrs_m * di) / d;
      nu = Math.max(nu, clear * Math.sqrt((0.002 * d) / (lambda * di * (d - di))));
    }
    if (n < 3) nu = -Infinity;
  } else {
    let srim = -Infinity;
    for (let i = 1; i < n - 1; i++) {
      const di = d_km[i]!;
      srim = Math.max(srim, (g_m[i]! + c * di * (d - di) - hrs_m) / (d - di));
    }
    const dbp = (hrs_m - hts_m + srim * d) / (stim + srim);
    nu =
      (hts_m + stim * dbp - (hts_m * (d - dbp) + hrs_m * dbp) / d) *
      Math.sqrt((0.002 * d) / (lambda * dbp * (d - dbp)));
  }
  const luc = knifeEdgeLoss(nu);
  return { loss_db: luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * d), luc_db: luc, nu, lineOfSight };
}
