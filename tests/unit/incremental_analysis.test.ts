/**
 * The what-if update (`updateAnalysis`) must give what a full `runAnalysis` of the edited input gives:
 * every unit, every target, dead-zone villages, gap and postal polygons, probes.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PostalPoint } from '../../src/core/base/infrastructure.ts';
import type { Site } from '../../src/core/base/types.ts';
import { combineAnalyses } from '../../src/core/combine_analyses.ts';
import {
  type AnalysisState,
  resumeAnalysis,
  startAnalysis,
  updateAnalysis,
} from '../../src/core/incremental_analysis.ts';
import { type FullInput, infrastructureIndicators, runAnalysis } from '../../src/core/run_analysis.ts';
import { fiberFromGeoJSON } from '../../src/io/import/fiber.ts';
import { postalFromGeoJSON } from '../../src/io/import/postal.ts';
import { targetsFromJson } from '../../src/io/import/targets_file.ts';
import { villagesFromGeoJSON } from '../../src/io/import/villages.ts';
import { differences } from '../support/differences.ts';
import { deepFreeze } from '../support/freeze.ts';
import { loadSample, ROOT } from '../support/sample.ts';

const read = (file: string) => readFileSync(ROOT + file, 'utf8');

let input: FullInput;
let base: AnalysisState;

beforeAll(() => {
  const { communes, sites } = loadSample();
  const targets = ['gialai', 'daknong'].map((p) => {
    const t = targetsFromJson(read(`data/targets/${p}.json`), p);
    return { province: t.province, targets: t.targets };
  });
  input = deepFreeze({
    communes,
    sites,
    postal: postalFromGeoJSON(read('data/synthetic/postal.synthetic.geojson'), 'postal').points,
    fiber: fiberFromGeoJSON(read('data/synthetic/fiber.synthetic.geojson'), 'fiber').routes,
    villages: villagesFromGeoJSON(read('data/synthetic/villages.synthetic.geojson'), 'villages').villages,
    targets,
  });
  base = startAnalysis(input);
}, 60_000);

function expectSameAsFull(state: AnalysisState): void {
  const full = runAnalysis(state.input);
  expect(differences(state.result, full)).toEqual([]);
}

/** A commune's centre, and the id of one of its sites. */
function communeByName(name: string) {
  const c = input.communes.find((x) => x.name === name);
  if (!c?.center) throw new Error(`no commune ${name} with a centre`);
  return c;
}

describe('updateAnalysis', () => {
  it('adds a 4G/5G site: only nearby communes are recomputed, and the result equals a full run', () => {
    const c = input.communes[40]!;
    const site: Site = {
      id: 'WHATIF-1',
      operator: 'Viettel',
      lon: c.center![0],
      lat: c.center![1],
      technologies: ['4G', '5G'],
    };
    const { state, summary } = updateAnalysis(base, { sites: [...input.sites, site] });
    expect(summary.sitesChanged).toBe(1);
    expect(summary.recomputedCommunes).toContain(c.id);
    expect(summary.recomputedCommunes.length).toBeLessThan(input.communes.length / 4);
    const before = base.result.units[40]!.coverage.find(
      (x) => x.technology === '5G' && x.operator === 'all',
    )!;
    const after = state.result.units[40]!.coverage.find(
      (x) => x.technology === '5G' && x.operator === 'all',
    )!;
    expect(after.population_pct).toBeGreaterThan(before.population_pct);
    expectSameAsFull(state);
  }, 60_000);

  it('moves and deletes sites standing in an urban ward (default radii keep the ward setting)', () => {
    const ward = input.communes.find((c) => c.setting === 'urban' && c.name.startsWith('Phường'))!;
    const inWard = input.sites.filter(
      (s) => Math.hypot(s.lon - ward.center![0], s.lat - ward.center![1]) < 0.01 && !s.radius_m,
    );
    expect(inWard.length).toBeGreaterThan(1);
    const moved = inWard[0]!;
    const sites = input.sites
      .filter((s) => s.id !== inWard[1]!.id)
      .map((s) => (s.id === moved.id ? { ...s, lon: s.lon + 0.03, lat: s.lat - 0.02 } : s));
    const { state, summary } = updateAnalysis(base, { sites });
    expect(summary.sitesChanged).toBe(3);
    expectSameAsFull(state);
  }, 60_000);

  it('adds a site of a new operator with a new technology and its own radius', () => {
    const c = communeByName(input.communes[100]!.name);
    const site: Site = {
      id: 'NEW-OP',
      operator: 'Vietnamobile',
      lon: c.center![0],
      lat: c.center![1],
      technologies: ['3G'],
      radius_m: 2500,
    };
    const { state } = updateAnalysis(base, { sites: [...input.sites, site] });
    expect(state.result.mobile.operators).toContain('Vietnamobile');
    expect(state.result.mobile.technologies).toContain('3G');
    expectSameAsFull(state);
  }, 60_000);

  it('adds, moves and deletes postal points', () => {
    const c = input.communes[7]!;
    const added: PostalPoint = {
      id: 'WHATIF-P',
      lon: c.center![0] + 0.02,
      lat: c.center![1],
      type: 'cultural_post_point',
      staffed: true,
      internet: true,
      online_public_services: false,
    };
    const postal = input.postal!;
    const edited = [...postal.slice(1).map((p, k) => (k === 10 ? { ...p, lon: p.lon + 0.05 } : p)), added];
    const { state, summary } = updateAnalysis(base, { postal: edited });
    expect(summary.postalChanged).toBe(4);
    expect(summary.recomputedCommunes.length).toBeLessThan(input.communes.length / 4);
    expectSameAsFull(state);
  }, 60_000);

  it('chains updates, and undoing them gives back the baseline', () => {
    const c = input.communes[200]!;
    const site: Site = {
      id: 'CHAIN',
      operator: 'VNPT',
      lon: c.center![0],
      lat: c.center![1],
      technologies: ['4G'],
    };
    const one = updateAnalysis(base, { sites: [...input.sites, site] }).state;
    const two = updateAnalysis(one, {
      sites: one.input.sites.map((s) => (s.id === 'CHAIN' ? { ...s, lat: s.lat + 0.01 } : s)),
    }).state;
    expectSameAsFull(two);
    expect(differences(two.result, base.result).length).toBeGreaterThan(0);
    const back = updateAnalysis(two, { sites: input.sites }).state;
    expect(differences(back.result, base.result)).toEqual([]);
  }, 60_000);

  it('returns the same state when nothing changed', () => {
    const { state, summary } = updateAnalysis(base, { sites: [...input.sites] });
    expect(state).toBe(base);
    expect(summary.recomputedCommunes).toEqual([]);
  });
});

describe('combineAnalyses', () => {
  it('puts a mobile half and an infrastructure half together exactly as one full run', () => {
    const { postal, fiber, targets, ...common } = input;
    const mobile = runAnalysis({ ...common, targets: [] });
    const infrastructure = infrastructureIndicators({ ...common, postal, fiber, targets: [] });
    const combined = combineAnalyses(input, mobile, infrastructure);
    expect(differences(combined, base.result)).toEqual([]);
    // And it can be taken up for incremental updates.
    const resumed = resumeAnalysis(input, {}, combined);
    const c = input.communes[12]!;
    const site: Site = {
      id: 'R',
      operator: 'Viettel',
      lon: c.center![0],
      lat: c.center![1],
      technologies: ['5G'],
    };
    expectSameAsFull(updateAnalysis(resumed, { sites: [...input.sites, site] }).state);
  }, 60_000);
});
