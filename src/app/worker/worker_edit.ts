/**
 * The worker's `edit` request: applies the scenario's edits to the loaded data, updates the analysis
 * incrementally (`updateAnalysis`), and posts a delta with only what changed: the recomputed units and
 * targets, and the features of the sites, postal points and communes that changed.
 */
import type { Feature } from 'geojson';
import { unitGroups } from '../../core/base/unit_groups.ts';
import { updateAnalysis } from '../../core/incremental_analysis.ts';
import { applyEdits } from '../state/scenario_edits.ts';
import { countedInputSites, reportLists, type Session, sessionReport } from './session.ts';
import { communePatch, editStates, layerPatch, postalPatch, sitePatch } from './worker_layers.ts';
import {
  type Delta,
  type FeatureLayer,
  unitKey,
  type WorkerMessage,
  type WorkerRequest,
} from './worker_protocol.ts';

/** Items added or changed (new version) and ids removed between two lists keyed by id. */
function changes<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  return {
    upserted: after.filter((x) => old.get(x.id) !== x),
    removed: before.filter((x) => !now.has(x.id)).map((x): [string, Feature[]] => [x.id, []]),
  };
}

export function edit(
  s: Session,
  request: Extract<WorkerRequest, { kind: 'edit' }>,
  post: (message: WorkerMessage) => void,
): void {
  const started = performance.now();
  const previous = s.analysis.input;
  const previousSites = s.sites;
  const applied = applyEdits(s.baseSites, s.basePostal ?? [], request.edits);
  // The figures count the cells the session's rule counts, exactly as the load did.
  const { state, summary } = updateAnalysis(s.analysis, {
    sites: countedInputSites(applied.sites, s.rule, s.countedCache, s.calibrated),
    ...(s.basePostal ? { postal: applied.postal } : {}),
  });
  const analysisMs = performance.now() - started;
  s.analysis = state;
  s.sites = applied.sites;
  s.skipped = applied.skipped;
  s.edits = request.edits;
  const { result, input } = state;

  // Units recomputed: the communes, and the districts and provinces that hold them.
  const recomputed = new Set(summary.recomputedCommunes);
  const n = s.communes.length;
  const touched = new Set<number>();
  s.communes.forEach((c, i) => {
    if (recomputed.has(c.id)) touched.add(i);
  });
  unitGroups(s.communes).forEach((g, k) => {
    if (g.members.some((i) => touched.has(i))) touched.add(n + k);
  });
  const units = [...touched].sort((a, b) => a - b).map((k) => result.units[k]!);
  const keys = new Set(units.map((u) => unitKey(u.level, u.id)));
  const targets = result.targets.filter((t) => keys.has(unitKey(t.level, t.unit_id)));
  const r = sessionReport(s, { ...result, units, targets });

  const states = editStates(request.edits);
  const siteChanges = changes(previousSites, s.sites);
  const postalChanges = changes(previous.postal ?? [], input.postal ?? []);
  const all: Delta['layers'] = {};
  if (siteChanges.upserted.length || siteChanges.removed.length) {
    const p = sitePatch(s, siteChanges.upserted, states);
    all.sites = [...p.sites, ...siteChanges.removed];
    all.footprints = [...p.footprints, ...siteChanges.removed];
  }
  if (postalChanges.upserted.length || postalChanges.removed.length) {
    const p = postalPatch(postalChanges.upserted, states, result.postalOptions.distanceKm, s.inside);
    all.postal = [...p.postal, ...postalChanges.removed];
    all.serviceCircles = [...p.serviceCircles, ...postalChanges.removed];
  }
  Object.assign(all, communePatch(s, result, summary.recomputedCommunes));
  // Which speed tests the model disagrees with follows the sites.
  if (input.speedTests && (siteChanges.upserted.length || siteChanges.removed.length))
    all.speedtests = layerPatch(s, 'speedtests');
  const layers = Object.fromEntries(Object.entries(all).filter(([l]) => s.subscribed.has(l as FeatureLayer)));
  const delta: Delta = {
    units: r.units,
    unitKeys: [...keys],
    targets: r.targets,
    reported: r.reported_results ?? [],
    lists: reportLists(r, s, result),
    operators: r.operators,
    technologies: r.technologies,
    layers,
    skippedEdits: applied.skipped,
    recomputedCommunes: summary.recomputedCommunes,
    workerMs: performance.now() - started,
    analysisMs,
  };
  post({ kind: 'delta', id: request.id, delta });
}
