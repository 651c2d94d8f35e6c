import type { Setting } from '../base/types.ts';
import { cost231Hata } from './cost231_hata.ts';
import { okumuraHata } from './okumura_hata.ts';
import type { RadioConfig } from './radio_config.ts';
import { rma38901 } from './rma_38901.ts';
import { uma38901 } from './uma_38901.ts';

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

/** Free-space basic loss, dB, at f MHz over d metres: 20 log(4π d f / c). */
function freeSpace(f_mhz: number, d_m: number): number {
  return 20 * Math.log10(d_m) + 20 * Math.log10(f_mhz) - 27.55;
}

/**
 * The median basic loss (dB) by frequency and setting:
 * - below 1,500 MHz Okumura-Hata with the setting's land-use correction (`config.environment`);
 * - 1,500–2,700 MHz COST-231 Hata (Cm = 3 dB for a large city, else 0) plus Hata's suburban/open
 *   correction at that frequency (COST-231 defines urban only; 2,100 and 2,600 MHz are past its 2,000 MHz);
 * - above 2,700 MHz TR 38.901 NLOS: UMa in urban communes, RMa in rural ones (the NLOS form is the
 *   median for a handset among houses and trees; the terrain's own obstruction is added by diffraction).
 * The effective base height `hb_m` (above the average terrain, Okumura's definition) is clamped to
 * 10–1,000 m for Hata and 10–150 m for 38.901; distance below 20 m (Hata) or 10 m (38.901) is taken as
 * that; beyond 20 km (Hata) or 5 km (38.901 NLOS) the formulas are extrapolated. Never below free space.
 */
export function basicLoss(
  f_mhz: number,
  hb_m: number,
  hm_m: number,
  d_m: number,
  setting: Setting,
  config: Pick<RadioConfig, 'environment' | 'urbanCity'>,
): BasicLoss {
  const env = config.environment[setting];
  const fs = freeSpace(f_mhz, Math.max(1, Math.hypot(d_m, hb_m - hm_m)));
  if (f_mhz < 1500) {
    const hb = clamp(hb_m, HATA_HB);
    const d = Math.max(0.02, d_m / 1000);
    return {
      loss_db: Math.max(fs, okumuraHata(f_mhz, hb, hm_m, d, env, config.urbanCity)),
      model: 'okumura-hata',
    };
  }
  if (f_mhz <= 2700) {
    const hb = clamp(hb_m, HATA_HB);
    const d = Math.max(0.02, d_m / 1000);
    const landUse =
      env === 'urban' ? 0 : okumuraHata(f_mhz, hb, hm_m, d, env) - okumuraHata(f_mhz, hb, hm_m, d, 'urban');
    const l = cost231Hata(f_mhz, hb, hm_m, d, env === 'urban' && config.urbanCity === 'large') + landUse;
    return { loss_db: Math.max(fs, l), model: 'cost231-hata' };
  }
  const hb = clamp(hb_m, TR_HB);
  const d = Math.max(10, d_m);
  if (env === 'urban')
    return { loss_db: Math.max(fs, uma38901(f_mhz, hb, hm_m, d, false)), model: 'uma-38901' };
  return { loss_db: Math.max(fs, rma38901(f_mhz, hb, hm_m, d, false)), model: 'rma-38901' };
}
