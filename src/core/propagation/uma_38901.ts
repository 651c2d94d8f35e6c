const C = 299_792_458;

/**
 * `uma38901` for one frequency, user height and LOS state, the constant terms computed once.
 * Returns (hBS m, d2D m) → dB.
 */
export function uma38901Fn(
  f_mhz: number,
  hut_m: number,
  los: boolean,
): (hbs_m: number, d2d_m: number) => number {
  const fc = f_mhz / 1000;
  const lf = 20 * Math.log10(fc);
  const dbpPerHbs = (4 * (hut_m - 1) * fc * 1e9) / C;
  const nlos0 = 13.54 + lf - 0.6 * (hut_m - 1.5);
  return (hbs_m, d2d_m) => {
    const ld = Math.log10(Math.hypot(d2d_m, hbs_m - hut_m));
    const dbp = dbpPerHbs * (hbs_m - 1);
    const losLoss =
      d2d_m <= dbp ? 28 + 22 * ld + lf : 28 + 40 * ld + lf - 9 * Math.log10(dbp * dbp + (hbs_m - hut_m) ** 2);
    if (los) return losLoss;
    return Math.max(losLoss, nlos0 + 39.08 * ld);
  };
}

/**
 * 3GPP TR 38.901 Table 7.4.1-1 urban macro (UMa) basic loss, dB, line of sight or not: f in MHz,
 * base height hBS (25 m in the TR), user height hUT (1.5–22.5 m), ground distance d2D in metres
 * (10 m–5 km). Effective heights h' = h − 1 m (hE = 1 m), breakpoint d'BP = 4 h'BS h'UT fc/c;
 *   LOS: 28 + 22 log d3D + 20 log fc up to d'BP, then 28 + 40 log d3D + 20 log fc − 9 log(d'BP² + (hBS − hUT)²);
 *   NLOS: max(LOS, 13.54 + 39.08 log d3D + 20 log fc − 0.6 (hUT − 1.5)), fc in GHz.
 */
export function uma38901(f_mhz: number, hbs_m: number, hut_m: number, d2d_m: number, los: boolean): number {
  return uma38901Fn(f_mhz, hut_m, los)(hbs_m, d2d_m);
}
