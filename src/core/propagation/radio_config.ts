import type { InputIssue } from '../base/errors.ts';
import { showValue } from '../base/show_value.ts';
import { type Setting, TECHNOLOGIES, type Technology } from '../base/types.ts';

/** Hata's land-use correction applied to a setting: urban (none), suburban, or open area. */
export type HataEnvironment = 'urban' | 'suburban' | 'open';

/** What a technology's cells are assumed to be when the input says nothing, and what counts as covered. */
export interface TechnologyRadio {
  /**
   * Received level at or above which a point is covered, dBm: 2G the BCCH carrier's RxLev, 3G the
   * CPICH RSCP, 4G the RSRP, 5G the SS-RSRP (the last two are per resource element).
   */
  threshold_dbm: number;
  /**
   * EIRP in the main beam when a cell has none, dBm, in the same unit as the threshold: 2G the whole
   * BCCH carrier, 3G the CPICH, 4G one cell-specific reference-signal resource element, 5G one SSB
   * resource element.
   */
  eirp_dbm: Record<Setting, number>;
  /** Antenna height above ground when neither cell nor site has one, metres. */
  height_m: Record<Setting, number>;
  /** Downtilt (electrical + mechanical) when a cell has none, degrees, positive is down. */
  tilt_deg: Record<Setting, number>;
  /** Farthest distance swept from a cell, metres. */
  maxRange_m: number;
}

/**
 * The link budget's and the sweep's parameters. A plain JSON-able object, so that it can sit under
 * `radio` in the engine's `--config` file; `validateRadioConfig` reads one.
 */
export interface RadioConfig {
  /** Receiver (handset) height above ground, metres. */
  receiverHeight_m: number;
  /** Effective earth radius factor k (the earth's radius is taken as k × 6371 km). */
  k: number;
  technologies: Record<Technology, TechnologyRadio>;
  /** Hata's land-use correction per commune setting (also used by COST-231 Hata). */
  environment: Record<Setting, HataEnvironment>;
  /** Hata's mobile-antenna correction a(hm) for urban: small/medium city, or large city. */
  urbanCity: 'medium' | 'large';
  antenna: {
    /** Maximum horizontal attenuation (front-to-back) Am, dB. */
    am_db: number;
    /** Vertical 3 dB beamwidth θ3dB, degrees. */
    verticalBeamwidth_deg: number;
    /** Vertical side-lobe attenuation limit SLAv, dB. */
    slav_db: number;
  };
  sweep: {
    /** Angle between radials, degrees. */
    angularStep_deg: number;
    /** Distance between samples along a radial, metres; null: the DEM's post spacing. */
    rangeStep_m: number | null;
    /**
     * Tolerance (metres) to which a footprint's traced outline is simplified (`simplifyRings`):
     * null, one range step; 0 keeps the traced outline of polar cells.
     */
    simplifyTolerance_m: number | null;
  };
}

/** The defaults (sources in the README, "The propagation model"). */
export const DEFAULT_RADIO: RadioConfig = {
  receiverHeight_m: 1.5,
  k: 4 / 3,
  technologies: {
    '2G': {
      threshold_dbm: -95,
      eirp_dbm: { urban: 55, rural: 58 },
      height_m: { urban: 25, rural: 35 },
      tilt_deg: { urban: 4, rural: 2 },
      maxRange_m: 35_000,
    },
    '3G': {
      threshold_dbm: -100,
      eirp_dbm: { urban: 45, rural: 48 },
      height_m: { urban: 25, rural: 35 },
      tilt_deg: { urban: 4, rural: 2 },
      maxRange_m: 20_000,
    },
    '4G': {
      threshold_dbm: -110,
      eirp_dbm: { urban: 30, rural: 33 },
      height_m: { urban: 25, rural: 35 },
      tilt_deg: { urban: 4, rural: 2 },
      maxRange_m: 20_000,
    },
    '5G': {
      threshold_dbm: -110,
      eirp_dbm: { urban: 40, rural: 40 },
      height_m: { urban: 25, rural: 30 },
      tilt_deg: { urban: 6, rural: 3 },
      maxRange_m: 10_000,
    },
  },
  environment: { urban: 'urban', rural: 'suburban' },
  urbanCity: 'medium',
  antenna: { am_db: 25, verticalBeamwidth_deg: 10, slav_db: 20 },
  sweep: { angularStep_deg: 1, rangeStep_m: null, simplifyTolerance_m: null },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a `radio` config object (any subset of `DEFAULT_RADIO`, merged over it) and returns the
 * merged config and every problem at once, each naming its field (`radio.technologies.4G.threshold_dbm`).
 * Bad fields keep their default.
 */
export function validateRadioConfig(
  json: unknown,
  path = 'radio',
): { config: RadioConfig; issues: InputIssue[] } {
  const config: RadioConfig = structuredClone(DEFAULT_RADIO);
  const issues: InputIssue[] = [];
  const bad = (p: string, message: string) =>
    issues.push({ path: p, field: p.slice(p.lastIndexOf('.') + 1), message, severity: 'error' });
  if (json === undefined) return { config, issues };
  if (!isObj(json)) {
    bad(path, `must be an object (got ${showValue(json)})`);
    return { config, issues };
  }
  const unknownKeys = (o: Obj, p: string, known: readonly string[]) => {
    for (const k of Object.keys(o))
      if (!known.includes(k)) bad(`${p}.${k}`, `unknown option (known: ${known.join(', ')})`);
  };
  /** A number in [lo, hi], or undefined (and an issue) when given and wrong. */
  const num = (o: Obj, k: string, p: string, lo: number, hi: number, unit: string): number | undefined => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
      bad(`${p}.${k}`, `must be a number of ${unit} in [${lo}, ${hi}] (got ${showValue(v)})`);
      return undefined;
    }
    return v;
  };
  const perSetting = (
    o: Obj,
    k: string,
    p: string,
    target: Record<Setting, number>,
    lo: number,
    hi: number,
    unit: string,
  ) => {
    const v = o[k];
    if (v === undefined) return;
    if (typeof v === 'number') {
      const n = num(o, k, p, lo, hi, unit);
      if (n !== undefined) target.urban = target.rural = n;
      return;
    }
    if (!isObj(v)) return bad(`${p}.${k}`, `must be a number or { urban, rural } (got ${showValue(v)})`);
    unknownKeys(v, `${p}.${k}`, ['urban', 'rural']);
    for (const s of ['urban', 'rural'] as const) {
      const n = num(v, s, `${p}.${k}`, lo, hi, unit);
      if (n !== undefined) target[s] = n;
    }
  };
  unknownKeys(json, path, [
    'receiverHeight_m',
    'k',
    'technologies',
    'environment',
    'urbanCity',
    'antenna',
    'sweep',
  ]);
  const rh = num(json, 'receiverHeight_m', path, 0.5, 30, 'metres');
  if (rh !== undefined) config.receiverHeight_m = rh;
  const k = num(json, 'k', path, 0.5, 10, '(a factor)');
  if (k !== undefined) config.k = k;
  const techs = json.technologies;
  if (techs !== undefined) {
    if (!isObj(techs)) bad(`${path}.technologies`, 'must be an object keyed by 2G, 3G, 4G, 5G');
    else
      for (const [tech, v] of Object.entries(techs)) {
        const p = `${path}.technologies.${tech}`;
        if (!(TECHNOLOGIES as readonly string[]).includes(tech)) {
          bad(p, `unknown technology (use ${TECHNOLOGIES.join(', ')})`);
          continue;
        }
        if (!isObj(v)) {
          bad(p, 'must be an object');
          continue;
        }
        const t = config.technologies[tech as Technology];
        unknownKeys(v, p, ['threshold_dbm', 'eirp_dbm', 'height_m', 'tilt_deg', 'maxRange_m']);
        const th = num(v, 'threshold_dbm', p, -160, -30, 'dBm');
        if (th !== undefined) t.threshold_dbm = th;
        perSetting(v, 'eirp_dbm', p, t.eirp_dbm, -20, 90, 'dBm');
        perSetting(v, 'height_m', p, t.height_m, 1, 500, 'metres');
        perSetting(v, 'tilt_deg', p, t.tilt_deg, -20, 45, 'degrees');
        const mr = num(v, 'maxRange_m', p, 100, 100_000, 'metres');
        if (mr !== undefined) t.maxRange_m = mr;
      }
  }
  const env = json.environment;
  if (env !== undefined) {
    if (!isObj(env)) bad(`${path}.environment`, 'must be { urban, rural }');
    else {
      unknownKeys(env, `${path}.environment`, ['urban', 'rural']);
      for (const s of ['urban', 'rural'] as const) {
        const v = env[s];
        if (v === undefined) continue;
        if (v === 'urban' || v === 'suburban' || v === 'open') config.environment[s] = v;
        else bad(`${path}.environment.${s}`, `must be urban, suburban or open (got ${showValue(v)})`);
      }
    }
  }
  if (json.urbanCity !== undefined) {
    if (json.urbanCity === 'medium' || json.urbanCity === 'large') config.urbanCity = json.urbanCity;
    else bad(`${path}.urbanCity`, `must be medium or large (got ${showValue(json.urbanCity)})`);
  }
  const ant = json.antenna;
  if (ant !== undefined) {
    if (!isObj(ant)) bad(`${path}.antenna`, 'must be an object');
    else {
      const p = `${path}.antenna`;
      unknownKeys(ant, p, ['am_db', 'verticalBeamwidth_deg', 'slav_db']);
      const am = num(ant, 'am_db', p, 0, 60, 'dB');
      if (am !== undefined) config.antenna.am_db = am;
      const vb = num(ant, 'verticalBeamwidth_deg', p, 1, 180, 'degrees');
      if (vb !== undefined) config.antenna.verticalBeamwidth_deg = vb;
      const sl = num(ant, 'slav_db', p, 0, 60, 'dB');
      if (sl !== undefined) config.antenna.slav_db = sl;
    }
  }
  const sw = json.sweep;
  if (sw !== undefined) {
    if (!isObj(sw)) bad(`${path}.sweep`, 'must be an object');
    else {
      const p = `${path}.sweep`;
      unknownKeys(sw, p, ['angularStep_deg', 'rangeStep_m', 'simplifyTolerance_m']);
      const a = num(sw, 'angularStep_deg', p, 0.05, 10, 'degrees');
      if (a !== undefined) config.sweep.angularStep_deg = a;
      if (sw.rangeStep_m === null) config.sweep.rangeStep_m = null;
      else {
        const r = num(sw, 'rangeStep_m', p, 1, 1000, 'metres');
        if (r !== undefined) config.sweep.rangeStep_m = r;
      }
      if (sw.simplifyTolerance_m === null) config.sweep.simplifyTolerance_m = null;
      else {
        const t = num(sw, 'simplifyTolerance_m', p, 0, 1000, 'metres');
        if (t !== undefined) config.sweep.simplifyTolerance_m = t;
      }
    }
  }
  return { config, issues };
}
