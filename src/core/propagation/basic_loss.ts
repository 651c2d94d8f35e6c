import type { Setting } from '../base/types.ts';
import { cost231Hata } from './cost231_hata.ts';
import { okumuraHata } from './okumura_hata.ts';
import type { RadioConfig } from './radio_config.ts';
import { rma38901Fn } from './rma_38901.ts';
import { uma38901Fn } from './uma_38901.ts';

/** Which formula gave a basic loss. */
export type BasicLossModel = 'okumura-hata' | 'cost231-hata' | 'rma-38901' | 'uma-38901';

/** A median basic loss between a cell and a point, before terrain diffraction. */
export interface BasicLoss {
  /** dB, never below the free-space loss. */
  loss_db: number;
  model: BasicLossModel;
}

/** Lowest and highest effective base heights the Hata formulas are fed, metres (Okumura's curves end at 1,000 m). */
const HATA_HB = [10, 1000] as const;
/** The same for TR 38.901 (RMa is defined for 10–150 m). */
const TR_HB = [10, 150] as const;

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

/**
 * The median basic loss (dB) by frequency and setting, as a function of the effective base height
 * `hb_m` and the ground distance `d_m` for one cell (frequency, mobile height and setting fixed):
 * - below 1,500 MHz Okumura-Hata with the setting's land-use correction (`config.environment`);
 * - 1,500–2,700 MHz COST-231 Hata (Cm = 3 dB for a large city, else 0) plus Hata's suburban/open
 *   correction at that frequency (COST-231 defines urban only; 2,100 and 2,600 MHz are past its 2,000 MHz);
 * - above 2,700 MHz TR 38.901 NLOS: UMa in urban communes, RMa in rural ones (the NLOS form is the
 *   median for a handset among houses and trees; the terrain's own obstruction is added by diffraction).
 * The effective base height (above the average terrain, Okumura's definition) is clamped to 10–1,000 m
 * for Hata and 10–150 m for 38.901; distance below 20 m (Hata) or 10 m (38.901) is taken as that; beyond
 * 20 km (Hata) or 5 km (38.901 NLOS) the formulas are extrapolated. Never below the free-space loss
 * 20 log(4π d f/c) over the ground distance.
 *
 * Both Hata forms are L = P + Q log hb + (R + S log hb) log d for fixed f, hm and setting, so the
 * returned function reads P, Q, R, S off `okumuraHata` / `cost231Hata` once and then costs two
 * logarithms per call (the sweep calls it at every sample).
 */
export function basicLossFn(
  f_mhz: number,
  hm_m: number,
  setting: Setting,
  config: Pick<RadioConfig, 'environment' | 'urbanCity'>,
): {
  model: BasicLossModel;
  /** The loss, dB; `logD` = log10(max(20, d_m)) may be passed in when the caller has it. */
  loss: (hb_m: number, d_m: number, logD?: number) => number;
  /**
   * The Hata forms' constants, for a caller that inlines `loss` in a hot loop (the radial sweep):
   * loss = max(p + q·lh + (r + s·lh)(logD − 3), 20·logD + fs) with lh = log10 of hb clamped to 10–1,000 m
   * (d in m, logD = log10(max(20, d))). Absent for TR 38.901.
   */
  hata?: { p: number; q: number; r: number; s: number; fs: number };
} {
  const env = config.environment[setting];
  const fsConst = 20 * Math.log10(f_mhz) - 27.55;
  if (f_mhz <= 2700) {
    const hata = f_mhz < 1500;
    const at = (hb: number, d: number) =>
      hata
        ? okumuraHata(f_mhz, hb, hm_m, d, env, config.urbanCity)
        : cost231Hata(f_mhz, hb, hm_m, d, env === 'urban' && config.urbanCity === 'large') +
          (env === 'urban'
            ? 0
            : okumuraHata(f_mhz, hb, hm_m, d, env) - okumuraHata(f_mhz, hb, hm_m, d, 'urban'));
    const p = at(1, 1);
    const q = at(10, 1) - p;
    const r = at(1, 10) - p;
    const s = at(10, 10) - p - q - r;
    return {
      model: hata ? 'okumura-hata' : 'cost231-hata',
      hata: { p, q, r, s, fs: fsConst },
      loss(hb_m, d_m, ld = Math.log10(Math.max(20, d_m))) {
        const lhb = Math.log10(clamp(hb_m, HATA_HB));
        const l = p + q * lhb + (r + s * lhb) * (ld - 3);
        const fs = 20 * ld + fsConst;
        return Math.max(l, fs);
      },
    };
  }
  const uma = env === 'urban';
  const tr = uma ? uma38901Fn(f_mhz, hm_m, false) : rma38901Fn(f_mhz, hm_m, false);
  return {
    model: uma ? 'uma-38901' : 'rma-38901',
    loss(hb_m, d_m) {
      const d = Math.max(10, d_m);
      return Math.max(tr(clamp(hb_m, TR_HB), d), 20 * Math.log10(d) + fsConst);
    },
  };
}

/** `basicLossFn` for one cell–point pair (`hb_m` effective base height, `d_m` ground distance, metres). */
export function basicLoss(
  f_mhz: number,
  hb_m: number,
  hm_m: number,
  d_m: number,
  setting: Setting,
  config: Pick<RadioConfig, 'environment' | 'urbanCity'>,
): BasicLoss {
  const fn = basicLossFn(f_mhz, hm_m, setting, config);
  return { loss_db: fn.loss(hb_m, d_m), model: fn.model };
}
