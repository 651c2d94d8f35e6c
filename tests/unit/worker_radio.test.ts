/**
 * The app's radio config (issue 17, worker_radio.ts): a config file's `radio` section, validated with
 * every problem named, becomes the terrain model of the analysis, the map, the footprint pool and the
 * "why" card; its name goes into the outputs' defaults line ("cấu hình vô tuyến: tệp X" / "mặc định");
 * removing it restores the defaults. The DEM is a flat 3″ tile at 500 m loaded with the worker's loadDem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText } from '../../src/app/i18n/issue_text.ts';
import type { Session } from '../../src/app/worker/session.ts';
import { loadDem } from '../../src/app/worker/worker_dem.ts';
import {
  appTerrain,
  appTerrainModel,
  currentRadio,
  radioFileName,
  setRadioConfig,
} from '../../src/app/worker/worker_radio.ts';
import { whyProfile } from '../../src/app/worker/worker_why.ts';
import { UserError } from '../../src/core/base/errors.ts';
import type { Site } from '../../src/core/base/types.ts';
import { DEFAULT_RADIO } from '../../src/core/propagation/radio_config.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';

const site: Site = { id: 'S1', operator: 'Viettel', lon: 108.5, lat: 13.5, technologies: ['4G'] };
const session = { sites: [site], setting: () => 'rural' } as unknown as Session;
const flat = gridDem([syntheticGrid([108, 13, 109, 14], 1 / 1200, () => 500, 'flat')]);
const file = (radio: unknown) => ({ name: 'radio.json', text: JSON.stringify({ radio }) });

function tile(): Uint8Array {
  const b = new Uint8Array(1201 * 1201 * 2);
  const v = new DataView(b.buffer);
  for (let i = 0; i < 1201 * 1201; i++) v.setInt16(2 * i, 500, false);
  return b;
}

beforeAll(async () => {
  await loadDem([{ name: 'N13E108.hgt', bytes: tile() }]);
}, 60_000);
afterAll(() => setRadioConfig(null));

/** The footprint's box east–west half-width in km (an omni cell on a plain: its radius). */
const reachKm = () => {
  const f = appTerrain(flat).footprintOf(site, { technology: '4G', status: 'on_air' }, 'rural')!;
  return ((f.bbox[2] - f.bbox[0]) / 2) * 111.32 * Math.cos((13.5 * Math.PI) / 180);
};

describe('the radio config in the worker', () => {
  it('defaults until a file is given; the defaults line says so', () => {
    expect(setRadioConfig(null)).toBeNull();
    expect(currentRadio()).toEqual(DEFAULT_RADIO);
    expect(radioFileName()).toBeNull();
    expect(appTerrainModel().defaults!.vi).toMatch(/^cấu hình vô tuyến: mặc định; 2G: ngưỡng/);
    expect(appTerrainModel().defaults!.en).toMatch(/^radio config: default; 2G: threshold/);
  });

  it('a file’s radio section is the model from then on: a stricter 4G threshold covers less', () => {
    const before = reachKm();
    const threshold = DEFAULT_RADIO.technologies['4G'].threshold_dbm + 10;
    expect(setRadioConfig(file({ technologies: { '4G': { threshold_dbm: threshold } } }))).toEqual({
      name: 'radio.json',
    });
    expect(currentRadio().technologies['4G'].threshold_dbm).toBe(threshold);
    // Other values keep their defaults (the section is merged over DEFAULT_RADIO).
    expect(currentRadio().technologies['5G']).toEqual(DEFAULT_RADIO.technologies['5G']);
    expect(appTerrainModel().defaults!.vi).toContain(`cấu hình vô tuyến: tệp radio.json; `);
    expect(appTerrainModel().defaults!.vi).toContain(`4G: ngưỡng ${threshold} dBm`);
    // Hata's loss grows 10·(44.9 − 6.55·log10 hb)·log10 d dB per decade; 10 dB less budget is a
    // shorter reach on the plain (and the model key changed, so nothing cached is reused).
    const after = reachKm();
    expect(after).toBeLessThan(0.75 * before);
    // The why card's threshold is the file's.
    const why = whyProfile(session, 'S1', 108.52, 13.5)!;
    expect(why.cells[0]!.threshold_dbm).toBe(threshold);
  });

  it('a bad file is refused with every problem named, and the config in use stays', () => {
    const bad = file({
      receiverHeight_m: 0,
      technologies: { '4G': { threshold_dbm: 5, eirp_dbm: 'high' }, '6G': {} },
      colour: 'red',
    });
    let error: unknown;
    try {
      setRadioConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    expect(e.message).toBe('radio.json: 5 problem(s) in the radio config.');
    expect(e.issues.map((i) => i.path).sort()).toEqual([
      'radio.colour',
      'radio.receiverHeight_m',
      'radio.technologies.4G.eirp_dbm',
      'radio.technologies.4G.threshold_dbm',
      'radio.technologies.6G',
    ]);
    expect(e.issues.every((i) => i.file === 'radio.json')).toBe(true);
    expect(radioFileName()).toBe('radio.json');
    // In Vietnamese in the app.
    expect(messageText(e.message)).toBe('radio.json: 5 lỗi trong cấu hình vô tuyến.');
    const t = e.issues.find((i) => i.path === 'radio.technologies.4G.threshold_dbm')!;
    expect(messageText(t.message)).toBe('phải là một số dBm trong khoảng [-160, -30] (giá trị: 5)');
  });

  it('a JSON file without a radio section, or not JSON, is refused', () => {
    expect(() => setRadioConfig({ name: 'c.json', text: '{"radii": {}}' })).toThrow(/no "radio" section/);
    expect(() => setRadioConfig({ name: 'c.json', text: '{"radio": ' })).toThrow(UserError);
  });

  it('removing it restores the defaults', () => {
    setRadioConfig(null);
    expect(currentRadio()).toEqual(DEFAULT_RADIO);
    expect(appTerrainModel().defaults!.en).toMatch(/^radio config: default;/);
  });
});
