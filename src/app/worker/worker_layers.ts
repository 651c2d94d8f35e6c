/**
 * The map features the worker sends the page, keyed so that an update replaces only what changed:
 * every feature of a layer, or those of some sites, postal points and communes, styled by whether the
 * scenario's edits added or moved them.
 */
import type { Feature, Polygon } from 'geojson';
import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import type { FiberRoute, PostalPoint } from '../../core/base/infrastructure.ts';
import type { Site } from '../../core/base/types.ts';
import type { FullResult } from '../../core/run_analysis.ts';
import type { Edit } from '../state/scenario_edits.ts';
import {
  beyondFeatures,
  type EditState,
  fiberFeature,
  footprintFeatures,
  gapFeatures,
  postalFeature,
  serviceCircleFeatures,
  siteFeature,
  speedTestFeatures,
  villageFeatures,
} from './map_features.ts';
import type { Session } from './session.ts';
import { currentDem } from './worker_dem.ts';
import type { FeatureLayer, LayerPatch } from './worker_protocol.ts';
import { appTerrain } from './worker_radio.ts';

const cfg = DEFAULT_CONFIG;

/** Every feature of one layer, keyed. */
export function layerPatch(s: Session, layer: FeatureLayer): LayerPatch {
  const { result, input } = s.analysis;
  const states = editStates(s.edits);
  const all = () => s.communes.map((c) => c.id);
  switch (layer) {
    case 'sites':
    case 'footprints':
      return sitePatch(s, s.sites, states)[layer];
    case 'postal':
    case 'serviceCircles':
      return postalPatch(input.postal ?? [], states, result.postalOptions.distanceKm, s.inside)[layer];
    case 'fiber':
      return (s.fiber ?? []).map((f) => [f.id, [fiberFeature(f, !routeInside(f, s.inside))]]);
    case 'speedtests':
      return [['all', speedTestFeatures(input.speedTests ?? [], result.measured?.verdicts ?? null)]];
    case 'villages':
    case 'gaps':
    case 'beyond':
      return communePatch(s, result, all())[layer];
    default: {
      const unexpected: never = layer;
      throw new Error(`unknown layer ${String(unexpected)}`);
    }
  }
}

/** Which sites and postal points the edits added or moved (for the map's styling). */
export function editStates(edits: readonly Edit[]): Map<string, EditState> {
  const out = new Map<string, EditState>();
  for (const e of edits) {
    if (e.kind === 'add-site') out.set(`s:${e.site.id}`, 'added');
    else if (e.kind === 'add-postal') out.set(`p:${e.point.id}`, 'added');
    else if (e.kind === 'move-site' && !out.has(`s:${e.id}`)) out.set(`s:${e.id}`, 'moved');
    else if (e.kind === 'move-postal' && !out.has(`p:${e.id}`)) out.set(`p:${e.id}`, 'moved');
  }
  return out;
}

/** The point and footprints of some sites: every cell, each marked counted or not by the session's rule. */
export function sitePatch(s: Session, sites: readonly Site[], states: Map<string, EditState>) {
  // With a DEM, the terrain footprints the analysis computed (the worker's shared cache).
  const dem = currentDem();
  const terrain = dem ? appTerrain(dem) : null;
  return {
    sites: sites.map((x): [string, Feature[]] => [
      x.id,
      [siteFeature(x, states.get(`s:${x.id}`) ?? 'base', s.rule, s.communeOf(x) === null)],
    ]),
    footprints: sites.map((x): [string, Feature[]] => [
      x.id,
      footprintFeatures(x, s.setting(x), cfg, s.rule, terrain),
    ]),
  };
}

/** Whether any vertex of a fiber route lies in a commune of the set (else it is drawn as outside). */
export function routeInside(r: FiberRoute, inside: (lon: number, lat: number) => boolean): boolean {
  const lines = r.geometry.type === 'LineString' ? [r.geometry.coordinates] : r.geometry.coordinates;
  return lines.some((line) => line.some((p) => inside(p[0] ?? 0, p[1] ?? 0)));
}

export function postalPatch(
  points: readonly PostalPoint[],
  states: Map<string, EditState>,
  distanceKm: number,
  inside: (lon: number, lat: number) => boolean = () => true,
) {
  return {
    postal: points.map((p): [string, Feature[]] => [
      p.id,
      [postalFeature(p, states.get(`p:${p.id}`) ?? 'base', !inside(p.lon, p.lat))],
    ]),
    serviceCircles: points.map((p): [string, Feature[]] => [
      p.id,
      serviceCircleFeatures(p, distanceKm, !inside(p.lon, p.lat)),
    ]),
  };
}

/** Gap, village and postal-distance features of some communes. */
export function communePatch(s: Session, result: FullResult, ids: readonly string[]) {
  const wanted = new Set(ids);
  const gaps = new Map<string, FullResult['mobile']['gaps']>();
  for (const g of result.mobile.gaps) {
    if (!wanted.has(g.unitId)) continue;
    const list = gaps.get(g.unitId) ?? [];
    list.push(g);
    gaps.set(g.unitId, list);
  }
  const beyond = new Map<string, Polygon[]>();
  for (const b of result.postalBeyondPolygons) {
    if (!wanted.has(b.unitId)) continue;
    const list = beyond.get(b.unitId) ?? [];
    list.push(b.geometry);
    beyond.set(b.unitId, list);
  }
  const dead = new Set(result.deadZoneVillages.map((d) => d.village_id));
  return {
    gaps: ids.map((id): [string, Feature[]] => [id, gapFeatures(gaps.get(id) ?? [])]),
    beyond: ids.map((id): [string, Feature[]] => [id, beyondFeatures(id, beyond.get(id) ?? [])]),
    villages: ids.map((id): [string, Feature[]] => [
      id,
      villageFeatures(s.villagesByCommune.get(id) ?? [], dead),
    ]),
  };
}
