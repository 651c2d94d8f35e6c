const C = 299_792_458;

/** Options of the RMa model: average building height h and street width W, metres (ns-3's defaults 5 and 20). */
export interface RmaOptions {
  buildingHeight_m?: number;
  streetWidth_m?: number;
}

/**
 * `rma38901` for one frequency, user height and LOS state: the terms that do not depend on the base
 * height or the distance are computed once. Returns (hBS m, d2D m) → dB.
 */
export function rma38901Fn(
  f_mhz: number,
  hut_m: number,
  los: boolean,
  options: RmaOptions = {},
): (hbs_m: number, d2d_m: number) => number {
  const h = options.buildingHeight_m ?? 5;
  const w = options.streetWidth_m ?? 20;
  const fc = f_mhz / 1000;
  const a = Math.min(0.03 * h ** 1.72, 10);
  const b = Math.min(0.044 * h ** 1.72, 14.77);
  const c = 0.002 * Math.log10(h);
  const k0 = 20 * Math.log10((40 * Math.PI * fc) / 3);
  const pl1 = (d: number) => {
    const ld = Math.log10(d);
    return k0 + 20 * ld + a * ld - b + c * d;
  };
  const nlos0 =
    161.04 +
    -7.1 * Math.log10(w) +
    7.5 * Math.log10(h) +
    20 * Math.log10(fc) -
    (3.2 * Math.log10(11.75 * hut_m) ** 2 - 4.97);
  const dbpPerHbs = (2 * Math.PI * hut_m * fc * 1e9) / C;
  return (hbs_m, d2d_m) => {
    const d3d = Math.hypot(d2d_m, hbs_m - hut_m);
    const dbp = dbpPerHbs * hbs_m;
    const losLoss = d2d_m <= dbp ? pl1(d3d) : pl1(dbp) + 40 * Math.log10(d3d / dbp);
    if (los) return losLoss;
    const lh = Math.log10(hbs_m);
    const nlos = nlos0 - (24.37 - 3.7 * (h / hbs_m) ** 2) * lh + (43.42 - 3.1 * lh) * (Math.log10(d3d) - 3);
    return Math.max(losLoss, nlos);
  };
}

/**
 * 3GPP TR 38.901 Table 7.4.1-1 rural macro (RMa) basic loss, dB, line of sight or not: f in MHz
 * (0.5–30 GHz in the TR), base height hBS (10–150 m), user height hUT (1–10 m), ground distance d2D
 * in metres (LOS 10 m–10 km, NLOS 10 m–5 km; the formulas are used as they are outside).
 *   d3D = √(d2D² + (hBS − hUT)²), breakpoint dBP = 2π·hBS·hUT·fc/c,
 *   PL1(d) = 20 log(40π·d·fc/3) + min(0.03 h^1.72, 10) log d − min(0.044 h^1.72, 14.77) + 0.002 log(h)·d,
 *   LOS: PL1(d3D) up to dBP, then PL1(dBP) + 40 log(d3D/dBP);
 *   NLOS: max(LOS, 161.04 − 7.1 log W + 7.5 log h − (24.37 − 3.7 (h/hBS)²) log hBS
 *         + (43.42 − 3.1 log hBS)(log d3D − 3) + 20 log fc − (3.2 (log(11.75 hUT))² − 4.97)),
 * with fc in GHz (in Hz inside dBP), h the average building height and W the street width.
 */
export function rma38901(
  f_mhz: number,
  hbs_m: number,
  hut_m: number,
  d2d_m: number,
  los: boolean,
  options: RmaOptions = {},
): number {
  return rma38901Fn(f_mhz, hut_m, los, options)(hbs_m, d2d_m);
}
