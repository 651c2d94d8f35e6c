/**
 * The analysis worker: loads the datasets (bundled sample or imported files) with the CLI's io parsers,
 * runs the same `runAnalysis` as the CLI (through `startAnalysis`), and after every what-if edit updates
 * it incrementally (`updateAnalysis`), sending the page only what changed, rounded by `buildReport`.
 */
import type { Feature, Polygon } from 'geojson';
import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import { UserError } from '../../core/base/errors.ts';
import { foldText } from '../../core/base/fold_text.ts';
import type { PostalPoint, Village } from '../../core/base/infrastructure.ts';
import type { Commune, PopulationPoint, Site } from '../../core/base/types.ts';
import { unitGroups } from '../../core/base/unit_groups.ts';
import { combineAnalyses } from '../../core/combine_analyses.ts';
import { withDeferredPolygons } from '../../core/deferred_polygons.ts';
import { communeLocator } from '../../core/geometry/commune_locator.ts';
import { resumeAnalysis, updateAnalysis } from '../../core/incremental_analysis.ts';
import { buildReport, type ReportInputs } from '../../core/report/report.ts';
import {
  type FullInput,
  type FullOptions,
  type FullResult,
  infrastructureIndicators,
  runAnalysis,
} from '../../core/run_analysis.ts';
import type { Target } from '../../core/targets/targets.ts';
import { targetsFromJson } from '../../io/import/targets_file.ts';
import { DATASET_KINDS, type DatasetKind, type DatasetPayload } from '../state/dataset_kind.ts';
import { applyEdits, type Edit } from '../state/scenario_edits.ts';
import {
  beyondFeatures,
  communeFeature,
  type EditState,
  fiberFeature,
  footprintFeatures,
  gapFeatures,
  postalFeature,
  serviceCircleFeatures,
  siteFeature,
  villageFeatures,
} from './map_features.ts';
import { type DatasetItems, readBundled, rememberingReader } from './read_dataset.ts';
import type { Session } from './session.ts';
import { notePlanRequest, planSuperseded, runSuggest } from './worker_plan.ts';
import {
  type BBox,
  type DatasetInfo,
  type Delta,
  type FeatureLayer,
  type LayerPatch,
  type ReportLists,
  type TargetDef,
  unitKey,
  type WorkerMessage,
  type WorkerRequest,
} from './worker_protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);
const cfg = DEFAULT_CONFIG;

let session: Session | null = null;

/** Imported files, read once per version and boundaries (the import check, then every reload). */
const readDataset = rememberingReader();

/** The bundled files by URL, fetched and parsed once: they never change. */
const bundledFiles = new Map<string, Promise<ReturnType<typeof readBundled>>>();

function bundled(url: string, kind: DatasetKind): Promise<ReturnType<typeof readBundled>> {
  let file = bundledFiles.get(url);
  if (!file) {
    file = fetchText(url).then((text) => readBundled({ kind, name: fileName(url), text, importedAt: '' }));
    bundledFiles.set(url, file);
    file.catch(() => bundledFiles.delete(url));
  }
  return file;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the bundled file ${url} (HTTP ${response.status})`);
  return response.text();
}

/** A bundled file's name without the content hash Vite adds to built assets (`x-AbCd1234.geojson` → `x.geojson`). */
const fileName = (url: string) =>
  decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url).replace(/-[\w-]{8}(\.[a-z]+)$/i, '$1');

/** Kind → the parsed items of that dataset, if any. */
type Loaded = { [K in DatasetKind]?: Extract<DatasetItems, { kind: K }>['items'] };

async function load(request: Extract<WorkerRequest, { kind: 'load' }>): Promise<void> {
  const started = performance.now();
  const imported = new Map(request.imported.map((d) => [d.kind, d]));
  const sampleUrl: Record<DatasetKind, string | null> = {
    boundaries: request.boundarySet === 'imported' ? null : request.sample.boundaries[request.boundarySet],
    sites: request.sample.sites,
    postal: request.sample.postal,
    fiber: request.sample.fiber,
    villages: request.sample.villages,
    population: null,
  };
  if (request.boundarySet === 'imported' && !imported.has('boundaries'))
    throw new UserError('No imported boundaries: import a boundary file first.');
  const loaded: Loaded = {};
  const datasets: DatasetInfo[] = [];
  const warnings: string[] = [];
  let issues = 0;
  // Every file, from the bundled sample or imported.
  const payloads = new Map<
    DatasetKind,
    { own: true; payload: DatasetPayload } | { own: false; url: string }
  >();
  for (const kind of DATASET_KINDS) {
    const own = imported.get(kind);
    // Imported boundaries are used only when the imported boundary set is chosen.
    const useOwn = own && (kind !== 'boundaries' || request.boundarySet === 'imported');
    const url = sampleUrl[kind];
    if (useOwn) payloads.set(kind, { payload: own, own: true });
    else if (url) payloads.set(kind, { url, own: false });
  }
  // The bundled files are fetched (and parsed) together; a reload finds them parsed already.
  for (const [kind, entry] of payloads) if (!entry.own) void bundled(entry.url, kind);
  for (const kind of DATASET_KINDS) {
    const entry = payloads.get(kind);
    if (!entry) {
      datasets.push({
        kind,
        source: 'none',
        name: '',
        total: 0,
        kept: 0,
        rejected: 0,
        warnings: 0,
        synthetic: false,
      });
      continue;
    }
    const { own } = entry;
    // Swapped latitude/longitude are found against the communes loaded (boundaries come first).
    const { data, report } = entry.own
      ? await readDataset(entry.payload, loaded.boundaries)
      : await bundled(entry.url, kind);
    if (!data) throw new UserError(report.fatal ?? `${report.name}: unreadable`, report.issues);
    (loaded as Record<string, unknown>)[kind] = data.items;
    issues += report.issues.length;
    datasets.push({
      kind,
      source: own ? 'imported' : 'sample',
      name: report.name,
      total: report.total,
      kept: report.kept,
      rejected: report.rejected,
      warnings: report.issues.filter((i) => i.severity === 'warning').length,
      synthetic: !own && /synthetic/i.test(report.name),
    });
  }
  datasets.sort((a, b) => DATASET_KINDS.indexOf(a.kind) - DATASET_KINDS.indexOf(b.kind));
  const communes = loaded.boundaries ?? [];
  const provinces = new Set(communes.map((c) => foldText(c.provinceName)));
  const targetSets: { province: string | null; targets: Target[] }[] = [];
  const targetFiles: string[] = [];
  for (const url of request.sample.targets) {
    const t = targetsFromJson(await fetchText(url), fileName(url));
    if (t.province !== null && !provinces.has(foldText(t.province))) continue;
    targetSets.push({ province: t.province, targets: t.targets });
    targetFiles.push(fileName(url));
  }
  const loadMs = performance.now() - started;

  const basePostal = loaded.postal ?? null;
  const applied = applyEdits(loaded.sites ?? [], basePostal ?? [], request.edits);
  const locator = communeLocator(communes);
  const setting = (site: Site) => {
    const i = locator.locate(site.lon, site.lat);
    return i >= 0 ? communes[i]!.setting : 'rural';
  };
  const base = {
    boundarySet: request.boundarySet,
    hasDistricts: communes.some((c) => c.districtId !== null),
    communes: request.withGeometry
      ? { type: 'FeatureCollection' as const, features: communes.map(communeFeature) }
      : null,
    communeBoxes: communes.map((c): [string, BBox] => [c.id, communesBBox([c])]),
    bbox: communesBBox(communes),
    datasets,
    skippedEdits: applied.skipped,
    issues,
    warnings,
  };

  const input: FullInput = {
    communes,
    sites: applied.sites,
    ...(loaded.population ? { populationPoints: loaded.population as PopulationPoint[] } : {}),
    ...(basePostal ? { postal: applied.postal } : {}),
    ...(loaded.fiber ? { fiber: loaded.fiber } : {}),
    ...(loaded.villages ? { villages: loaded.villages } : {}),
    targets: targetSets,
  };
  // The user's postal counting rule and fiber reach, as the CLI's --postal-count and --fiber-reach-m.
  // The gap and beyond-3-km polygons only draw two layers that are off by default (and go into the
  // GIS exports): traced later, when asked for (withDeferredPolygons), they keep ≈ 0.5 s out of the
  // first render. The figures are the same either way.
  const options: FullOptions = {
    ...(request.analysis.countingRule ? { postal: { countingRule: request.analysis.countingRule } } : {}),
    ...(request.analysis.fiberReachM !== undefined ? { fiberReachM: request.analysis.fiberReachM } : {}),
    ...(request.layers.includes('gaps') ? {} : { gapPolygons: false }),
    ...(request.layers.includes('beyond') ? {} : { postalBeyondPolygons: false }),
  };
  const t0 = performance.now();
  let last = 0;
  // The mobile half first (sites, villages, population): it alone colours the default map.
  const { postal: _postal, fiber: _fiber, targets: _targets, ...common } = input;
  const mobile = runAnalysis(common, options, {
    onProgress: (done, total, label) => {
      if (done - last >= 10 || done === total) {
        last = done;
        post({ kind: 'progress', id: request.id, done, total, label });
      }
    },
    onWarning: (message) => warnings.push(message),
  });

  // A first look as soon as mobile coverage is known: the map is coloured while the rest finishes.
  if (request.preview) {
    const r = buildReport(mobile, cfg, emptyInputs, new Date());
    const states = editStates(request.edits);
    post({
      kind: 'snapshot',
      id: request.id,
      snapshot: {
        ...base,
        partial: true,
        units: r.units,
        targets: [],
        targetDefs: [],
        lists: lists(r),
        operators: r.operators,
        technologies: r.technologies,
        layers: request.layers.includes('sites')
          ? {
              sites: applied.sites.map((x): [string, Feature[]] => [
                x.id,
                [siteFeature(x, states.get(`s:${x.id}`) ?? 'base')],
              ]),
            }
          : {},
        postalDistanceKm: mobile.postalOptions.distanceKm,
        fiberReachM: mobile.fiberReachM,
        countingRule: mobile.postalOptions.countingRule,
        populationPoints: input.populationPoints !== undefined,
        timings: { loadMs, analysisMs: performance.now() - t0, totalMs: performance.now() - started },
      },
    });
  }
  // Then the postal and fiber half, and the two put together exactly as one full run.
  const infra = input.postal || input.fiber ? infrastructureIndicators(input, options) : null;
  const analysis = resumeAnalysis(input, options, combineAnalyses(input, mobile, infra));
  const analysisMs = performance.now() - t0;
  const name = (k: DatasetKind) => datasets.find((d) => d.kind === k && d.source !== 'none')?.name ?? null;
  const villages = loaded.villages ?? [];
  const villagesByCommune = new Map<string, Village[]>();
  for (const v of villages) {
    const i = locator.locate(v.lon, v.lat);
    if (i < 0) continue;
    const list = villagesByCommune.get(communes[i]!.id) ?? [];
    list.push(v);
    villagesByCommune.set(communes[i]!.id, list);
  }
  const s: Session = {
    communes,
    setting,
    baseSites: loaded.sites ?? [],
    basePostal,
    fiber: loaded.fiber ?? null,
    villages,
    villagesByCommune,
    datasets,
    reportInputs: {
      boundaries: name('boundaries') ?? '',
      sites: name('sites') ?? '',
      population: name('population'),
      postal: name('postal'),
      fiber: name('fiber'),
      villages: name('villages'),
      targets: targetFiles,
      config: null,
      synthetic: datasets.some((d) => d.synthetic),
    },
    analysis,
    skipped: applied.skipped,
    edits: request.edits,
    subscribed: new Set(request.layers),
    targets: targetSets.flatMap((set) => set.targets),
  };
  session = s;
  const { result } = analysis;
  const r = report(s, result);
  post({
    kind: 'snapshot',
    id: request.id,
    snapshot: {
      ...base,
      partial: false,
      units: r.units,
      targets: r.targets,
      targetDefs: targetSets.flatMap((set) => set.targets.map((t) => targetDef(set.province, t))),
      lists: lists(r),
      operators: r.operators,
      technologies: r.technologies,
      // The preview already carried the sites (the page keeps them, so the map need not re-cluster).
      layers: Object.fromEntries(
        request.layers.filter((l) => !(request.preview && l === 'sites')).map((l) => [l, layerPatch(s, l)]),
      ),
      postalDistanceKm: result.postalOptions.distanceKm,
      fiberReachM: result.fiberReachM,
      countingRule: result.postalOptions.countingRule,
      populationPoints: input.populationPoints !== undefined,
      timings: { loadMs, analysisMs, totalMs: performance.now() - started },
    },
  });
  // The incremental-update cache, built now that the figures are on their way (the first edit needs it).
  void s.analysis.cache;
}

const emptyInputs: ReportInputs = {
  boundaries: '',
  sites: '',
  population: null,
  postal: null,
  fiber: null,
  villages: null,
  targets: [],
  config: null,
  synthetic: false,
};

function targetDef(province: string | null, t: Target): TargetDef {
  return {
    province,
    id: t.id,
    indicator: t.indicator,
    indicator_en: t.indicator_en,
    metric: t.metric,
    technology: t.technology,
    comparator: t.comparator,
    value: t.value,
    unit: t.unit,
    year: t.year,
    levels: t.levels,
  };
}

/** Every feature of one layer, keyed. */
function layerPatch(s: Session, layer: FeatureLayer): LayerPatch {
  const { result, input } = s.analysis;
  const states = editStates(s.edits);
  const all = () => s.communes.map((c) => c.id);
  switch (layer) {
    case 'sites':
    case 'footprints':
      return sitePatch(s, input.sites, states)[layer];
    case 'postal':
    case 'serviceCircles':
      return postalPatch(input.postal ?? [], states, result.postalOptions.distanceKm)[layer];
    case 'fiber':
      return (s.fiber ?? []).map((f) => [f.id, [fiberFeature(f)]]);
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

function report(s: Session, result: FullResult) {
  return buildReport(result, cfg, s.reportInputs, new Date());
}

function lists(r: ReturnType<typeof report>): ReportLists {
  return {
    deadZoneVillages: r.dead_zone_villages,
    communesWithoutStaffedPoint: r.communes_without_staffed_postal_point,
    communesWithoutCulturalPoint: r.communes_without_cultural_post_point,
  };
}

/** Which sites and postal points the edits added or moved (for the map's styling). */
function editStates(edits: readonly Edit[]): Map<string, EditState> {
  const out = new Map<string, EditState>();
  for (const e of edits) {
    if (e.kind === 'add-site') out.set(`s:${e.site.id}`, 'added');
    else if (e.kind === 'add-postal') out.set(`p:${e.point.id}`, 'added');
    else if (e.kind === 'move-site' && !out.has(`s:${e.id}`)) out.set(`s:${e.id}`, 'moved');
    else if (e.kind === 'move-postal' && !out.has(`p:${e.id}`)) out.set(`p:${e.id}`, 'moved');
  }
  return out;
}

function sitePatch(s: Session, sites: readonly Site[], states: Map<string, EditState>) {
  return {
    sites: sites.map((x): [string, Feature[]] => [x.id, [siteFeature(x, states.get(`s:${x.id}`) ?? 'base')]]),
    footprints: sites.map((x): [string, Feature[]] => [x.id, footprintFeatures(x, s.setting(x), cfg)]),
  };
}

function postalPatch(points: readonly PostalPoint[], states: Map<string, EditState>, distanceKm: number) {
  return {
    postal: points.map((p): [string, Feature[]] => [
      p.id,
      [postalFeature(p, states.get(`p:${p.id}`) ?? 'base')],
    ]),
    serviceCircles: points.map((p): [string, Feature[]] => [p.id, serviceCircleFeatures(p, distanceKm)]),
  };
}

/** Gap, village and postal-distance features of some communes. */
function communePatch(s: Session, result: FullResult, ids: readonly string[]) {
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

function communesBBox(communes: readonly Commune[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of communes) {
    const polygons = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
    for (const polygon of polygons)
      for (const [lon, lat] of polygon[0] ?? []) {
        if (lon === undefined || lat === undefined) continue;
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
  }
  return box;
}

/** Items added or changed (new version) and ids removed between two lists keyed by id. */
function changes<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  return {
    upserted: after.filter((x) => old.get(x.id) !== x),
    removed: before.filter((x) => !now.has(x.id)).map((x): [string, Feature[]] => [x.id, []]),
  };
}

function edit(request: Extract<WorkerRequest, { kind: 'edit' }>): void {
  const s = session;
  if (!s) throw new Error('edit before load');
  const started = performance.now();
  const previous = s.analysis.input;
  const applied = applyEdits(s.baseSites, s.basePostal ?? [], request.edits);
  const { state, summary } = updateAnalysis(s.analysis, {
    sites: applied.sites,
    ...(s.basePostal ? { postal: applied.postal } : {}),
  });
  s.analysis = state;
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
  const r = report(s, { ...result, units, targets });

  const states = editStates(request.edits);
  const siteChanges = changes(previous.sites, input.sites);
  const postalChanges = changes(previous.postal ?? [], input.postal ?? []);
  const all: Delta['layers'] = {};
  if (siteChanges.upserted.length || siteChanges.removed.length) {
    const p = sitePatch(s, siteChanges.upserted, states);
    all.sites = [...p.sites, ...siteChanges.removed];
    all.footprints = [...p.footprints, ...siteChanges.removed];
  }
  if (postalChanges.upserted.length || postalChanges.removed.length) {
    const p = postalPatch(postalChanges.upserted, states, result.postalOptions.distanceKm);
    all.postal = [...p.postal, ...postalChanges.removed];
    all.serviceCircles = [...p.serviceCircles, ...postalChanges.removed];
  }
  Object.assign(all, communePatch(s, result, summary.recomputedCommunes));
  const layers = Object.fromEntries(Object.entries(all).filter(([l]) => s.subscribed.has(l as FeatureLayer)));
  const delta: Delta = {
    units: r.units,
    unitKeys: [...keys],
    targets: r.targets,
    lists: lists(r),
    operators: r.operators,
    technologies: r.technologies,
    layers,
    skippedEdits: applied.skipped,
    recomputedCommunes: summary.recomputedCommunes,
    workerMs: performance.now() - started,
  };
  post({ kind: 'delta', id: request.id, delta });
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.kind) {
    case 'load':
      return load(request);
    case 'edit':
      return edit(request);
    case 'features': {
      const s = session;
      if (!s) throw new Error('features before load');
      for (const l of request.layers) s.subscribed.add(l);
      s.analysis = withDeferredPolygons(s.analysis, {
        gaps: request.layers.includes('gaps'),
        beyond: request.layers.includes('beyond'),
      });
      post({
        kind: 'features',
        id: request.id,
        layers: Object.fromEntries(request.layers.map((l) => [l, layerPatch(s, l)])),
      });
      // Polygons traced afresh make a new state: its update cache is built now, not on the next edit.
      void s.analysis.cache;
      return;
    }
    case 'validate': {
      post({
        kind: 'validated',
        id: request.id,
        report: await (await import('./validate_import.ts')).validateImport(
          request.dataset,
          session?.communes,
          readDataset,
        ),
      });
      return;
    }
    case 'report': {
      if (!session) throw new Error('report before load');
      const json = JSON.stringify(report(session, session.analysis.result), null, 1);
      post({ kind: 'report', id: request.id, json });
      return;
    }
    case 'plan': {
      // "Suggest sites" on the current scenario; a newer plan request makes a queued one moot.
      if (!session) throw new Error('plan before load');
      if (planSuperseded(request.id)) return post({ kind: 'planned', id: request.id, result: null });
      const { input, result } = session.analysis;
      const suggestion = runSuggest(
        {
          communes: session.communes,
          sites: input.sites,
          postal: session.basePostal ? (input.postal ?? []) : null,
          villages: session.villages,
          populationPoints: input.populationPoints ?? null,
          countingRule: result.postalOptions.countingRule,
        },
        request.request,
        (done, total, label) => post({ kind: 'plan-progress', id: request.id, done, total, label }),
      );
      post({ kind: 'planned', id: request.id, result: suggestion });
      return;
    }
    case 'export': {
      if (!session) throw new Error('export before load');
      session.analysis = withDeferredPolygons(session.analysis, { gaps: true, beyond: true });
      // Loaded on first use: the exporters (pdf-lib, sql.js…) stay out of the analysis' start-up.
      const { buildExport } = await import('./worker_export.ts');
      const bytes = await buildExport(
        session,
        request.format,
        request.lang,
        request.baseline,
        request.indicator,
      );
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      scope.postMessage({ kind: 'exported', id: request.id, bytes: buffer } satisfies WorkerMessage, [
        buffer,
      ]);
      return;
    }
    case 'compare': {
      if (!session) throw new Error('compare before load');
      const { compareWithBaseline } = await import('./worker_export.ts');
      post({ kind: 'compared', id: request.id, ...compareWithBaseline(session, request.baseline) });
      return;
    }
    default: {
      const unexpected: never = request;
      throw new Error(`unknown request ${JSON.stringify(unexpected)}`);
    }
  }
}

// One request at a time, in order: an edit never runs against a half-loaded session.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'plan') notePlanRequest(request.id);
  queue = queue.then(() =>
    handle(request).catch((error: unknown) => {
      if (error instanceof UserError) {
        post({
          kind: 'error',
          id: request.id,
          userError: true,
          message: error.message,
          issues: error.issues,
        });
      } else {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        post({ kind: 'error', id: request.id, userError: false, message, issues: [] });
      }
    }),
  );
};
