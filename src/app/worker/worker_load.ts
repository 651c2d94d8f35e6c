/**
 * The worker's `load` request: reads every dataset (the bundled sample, fetched and parsed once, or the
 * imported files) and the target files, applies the scenario's edits, runs the analysis (the mobile
 * half first, posted as a preview snapshot when asked), and posts the full snapshot of the new session.
 */
import type { Feature } from 'geojson';
import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import { UserError } from '../../core/base/errors.ts';
import { foldText } from '../../core/base/fold_text.ts';
import type { Village } from '../../core/base/infrastructure.ts';
import type { Commune, PopulationPoint, Site } from '../../core/base/types.ts';
import { combineAnalyses } from '../../core/combine_analyses.ts';
import { type CountedSites, type CountingRule, countedSites } from '../../core/coverage/counted_sites.ts';
import { keepScanRows, type ScanRowsStore } from '../../core/coverage/keep_scan_rows.ts';
import { communeLocator } from '../../core/geometry/commune_locator.ts';
import { resumeAnalysis } from '../../core/incremental_analysis.ts';
import { buildReport, type ReportInputs } from '../../core/report/report.ts';
import {
  type FullInput,
  type FullOptions,
  infrastructureIndicators,
  runAnalysis,
} from '../../core/run_analysis.ts';
import type { Target } from '../../core/targets/targets.ts';
import { targetsFromJson } from '../../io/import/targets_file.ts';
import { DATASET_KINDS, type DatasetKind, type DatasetPayload, isAddable } from '../state/dataset_kind.ts';
import { applyEdits } from '../state/scenario_edits.ts';
import { addRecords } from './add_records.ts';
import { communeFeature, siteFeature } from './map_features.ts';
import { type DatasetItems, readBundled, type readImported } from './read_dataset.ts';
import { countedInputSites, reportLists, type Session, sessionReport } from './session.ts';
import { sessionCalibration } from './worker_calibration.ts';
import { currentDem, precomputeOnCores } from './worker_dem.ts';
import { editStates, layerPatch, routeInside } from './worker_layers.ts';
import type {
  BBox,
  CellCounting,
  DatasetInfo,
  TargetDef,
  WorkerMessage,
  WorkerRequest,
} from './worker_protocol.ts';
import { appTerrainModel, currentRadio, radioFileName } from './worker_radio.ts';

const cfg = DEFAULT_CONFIG;

/** What `load` posts with, reads imported files with, and hands the new session to. */
export interface LoadDeps {
  post: (message: WorkerMessage) => void;
  /** Reads an imported file (remembering it for the next load). */
  readDataset: typeof readImported;
  /** Takes the new session, once its analysis is complete (before the full snapshot is posted). */
  adopt: (s: Session) => void;
}

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

/** Answers a `load` request: the new session, its preview and full snapshots. */
export async function load(request: Extract<WorkerRequest, { kind: 'load' }>, deps: LoadDeps): Promise<void> {
  const { post, readDataset } = deps;
  const started = performance.now();
  const imported = new Map(request.imported.map((d) => [d.kind, d]));
  const sampleUrl: Record<DatasetKind, string | null> = {
    boundaries: request.boundarySet === 'imported' ? null : request.sample.boundaries[request.boundarySet],
    sites: request.sample.sites,
    postal: request.sample.postal,
    fiber: request.sample.fiber,
    villages: request.sample.villages,
    population: null,
    speedtests: null,
    settlements: null,
    baseline: null,
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
    const read = (payload: DatasetPayload) => readDataset(payload, loaded.boundaries);
    const { data, report, addedTo, sampleName } = entry.own
      ? await readOwn(entry.payload, read, sampleUrl[kind])
      : { ...(await bundled(entry.url, kind)), addedTo: undefined, sampleName: null };
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
      synthetic: /synthetic/i.test(own ? (sampleName ?? '') : report.name),
      ...(addedTo ? { addedTo } : {}),
    });
  }
  datasets.sort((a, b) => DATASET_KINDS.indexOf(a.kind) - DATASET_KINDS.indexOf(b.kind));
  const communes = loaded.boundaries ?? [];
  const provinces = new Set(communes.map((c) => foldText(c.provinceName)));
  const targetSets: { province: string | null; targets: Target[]; reported?: Target[] }[] = [];
  const targetFiles: string[] = [];
  for (const url of request.sample.targets) {
    const t = targetsFromJson(await fetchText(url), fileName(url));
    if (t.province !== null && !provinces.has(foldText(t.province))) continue;
    targetSets.push({ province: t.province, targets: t.targets, reported: t.reported });
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
  const inside = (lon: number, lat: number) => locator.locate(lon, lat) >= 0;
  const communeOf = (site: Site) => {
    const i = locator.locate(site.lon, site.lat);
    return i >= 0 ? communes[i]!.name : null;
  };
  // Which cells the figures count (the CLI's --as-of): on air today, or as planned by the year.
  const rule: CountingRule = { asOf: request.analysis.asOf ?? null };
  const countedCache = new WeakMap<Site, Site | null>();
  const counting = countedSites(applied.sites, rule);
  const outside = new Set(applied.sites.filter((x) => communeOf(x) === null).map((x) => x.id));
  const base = {
    outsideSites: outside.size,
    outsidePostal: applied.postal.filter((p) => !inside(p.lon, p.lat)).length,
    outsideFiber: (loaded.fiber ?? []).filter((f) => !routeInside(f, inside)).length,
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

  const dem = currentDem();
  // The default radii (with a DEM: the loss offsets) fitted to the speed tests, always shown, used
  // only when the user asks.
  const { calibration, offsetCalibration, calibrated } = sessionCalibration(
    loaded.speedtests ?? null,
    communes,
    countedInputSites(applied.sites, rule, new WeakMap()),
    dem,
    setting,
    locator,
    request.analysis.calibrate === true,
    // The same link budget as the analysis: the radio config in use (imported, else the defaults).
    dem ? { terrain: { model: appTerrainModel() }, radio: currentRadio() } : {},
  );
  const input: FullInput = {
    communes,
    sites: countedInputSites(applied.sites, rule, countedCache, calibrated),
    ...(loaded.population ? { populationPoints: loaded.population as PopulationPoint[] } : {}),
    ...(basePostal ? { postal: applied.postal } : {}),
    ...(loaded.fiber ? { fiber: loaded.fiber } : {}),
    ...(loaded.villages ? { villages: loaded.villages } : {}),
    ...(loaded.speedtests ? { speedTests: loaded.speedtests } : {}),
    ...(dem ? { dem } : {}),
    ...(loaded.settlements ? { settlements: loaded.settlements.map((s) => s.geometry) } : {}),
    // A baseline report.json (the CLI's --baseline): its dead zones are not new (DN-M9).
    ...(loaded.baseline ? { baselineDeadZones: loaded.baseline } : {}),
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
    // With a DEM: the terrain model of the radio config in use (imported in the Data tab, else the defaults).
    ...(dem ? { terrain: { model: appTerrainModel() }, radio: currentRadio() } : {}),
  };
  const t0 = performance.now();
  // With a DEM: the footprints not in the cache first, on the other cores (the figures are the same).
  if (dem) await precomputeOnCores(input.sites, setting, dem, request.id, post);
  let last = 0;
  // The mobile half first (sites, villages, population): it alone colours the default map.
  const { postal: _postal, fiber: _fiber, targets: _targets, speedTests: _speedTests, ...common } = input;
  // With a DEM, every commune's pair rows are kept for the what-if updates (as startAnalysis does).
  const scanRows: ScanRowsStore | undefined = dem ? new Map() : undefined;
  const mobile = runAnalysis(common, scanRows ? { ...options, scanMemo: keepScanRows(scanRows) } : options, {
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
        reported: [],
        lists: reportLists(r),
        operators: r.operators,
        technologies: r.technologies,
        layers: request.layers.includes('sites')
          ? {
              sites: applied.sites.map((x): [string, Feature[]] => [
                x.id,
                [siteFeature(x, states.get(`s:${x.id}`) ?? 'base', rule, outside.has(x.id))],
              ]),
            }
          : {},
        postalDistanceKm: mobile.postalOptions.distanceKm,
        fiberReachM: mobile.fiberReachM,
        countingRule: mobile.postalOptions.countingRule,
        cellCounting: cellCounting(counting),
        populationPoints: input.populationPoints !== undefined,
        timings: { loadMs, analysisMs: performance.now() - t0, totalMs: performance.now() - started },
      },
    });
  }
  // Then the postal and fiber half, and the two put together exactly as one full run.
  const infra = input.postal || input.fiber ? infrastructureIndicators(input, options) : null;
  const analysis = resumeAnalysis(input, options, combineAnalyses(input, mobile, infra, options), scanRows);
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
    sites: applied.sites,
    rule,
    countedCache,
    communeOf,
    inside,
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
      speedtests: name('speedtests'),
      settlements: name('settlements'),
      targets: targetFiles,
      config: radioFileName(),
      synthetic: datasets.some((d) => d.synthetic),
    },
    analysis,
    skipped: applied.skipped,
    edits: request.edits,
    subscribed: new Set(request.layers),
    targets: targetSets.flatMap((set) => set.targets),
    crosswalkUrl: request.sample.crosswalk,
    calibration,
    offsetCalibration,
    calibrated,
  };
  deps.adopt(s);
  const { result } = analysis;
  const r = sessionReport(s, result);
  post({
    kind: 'snapshot',
    id: request.id,
    snapshot: {
      ...base,
      partial: false,
      units: r.units,
      targets: r.targets,
      targetDefs: targetSets.flatMap((set) => set.targets.map((t) => targetDef(set.province, t))),
      reported: r.reported_results ?? [],
      lists: reportLists(r, s, result),
      operators: r.operators,
      technologies: r.technologies,
      // The preview already carried the sites (the page keeps them, so the map need not re-cluster).
      layers: Object.fromEntries(
        request.layers.filter((l) => !(request.preview && l === 'sites')).map((l) => [l, layerPatch(s, l)]),
      ),
      postalDistanceKm: result.postalOptions.distanceKm,
      fiberReachM: result.fiberReachM,
      countingRule: result.postalOptions.countingRule,
      cellCounting: cellCounting(counting),
      populationPoints: input.populationPoints !== undefined,
      calibration: r.calibration ?? null,
      offsetCalibration: r.offset_calibration ?? null,
      timings: { loadMs, analysisMs, totalMs: performance.now() - started },
    },
  });
  // The incremental-update cache, built now that the figures are on their way (the first edit needs it).
  void s.analysis.cache;
}

type ReadResult = Awaited<ReturnType<typeof readImported>>;

/**
 * An imported file, with the records it was added to when it was added rather than replacing them
 * (the bundled sample at `sampleUrl`, or the earlier import it carries, read the same way): the
 * merged records, one report for them all (named "base + file"), and what the addition did.
 */
async function readOwn(
  payload: DatasetPayload,
  read: (p: DatasetPayload) => Promise<ReadResult>,
  sampleUrl: string | null,
): Promise<ReadResult & { addedTo: DatasetInfo['addedTo']; sampleName: string | null }> {
  const own = await read(payload);
  const kind = payload.kind;
  if (!payload.base || !own.data || !isAddable(kind)) return { ...own, addedTo: undefined, sampleName: null };
  const under =
    payload.base === 'sample'
      ? sampleUrl
        ? { ...(await bundled(sampleUrl, kind)), sampleName: null }
        : null
      : await readOwn(payload.base, read, sampleUrl);
  if (!under?.data) return { ...own, addedTo: undefined, sampleName: null };
  const merged = addRecords(under.data.items as { id: string }[], own.data.items as { id: string }[]);
  return {
    data: { kind, items: merged.items } as DatasetItems,
    report: {
      ...own.report,
      name: `${under.report.name} + ${own.report.name}`,
      total: under.report.total + own.report.total,
      kept: merged.items.length,
      rejected: under.report.rejected + own.report.rejected,
      issues: [...under.report.issues, ...own.report.issues],
    },
    addedTo: { base: under.report.name, added: merged.added, replaced: merged.replaced },
    sampleName: payload.base === 'sample' ? under.report.name : under.sampleName,
  };
}

/** What the rule counted of the loaded sites, for the words beside the figures. */
function cellCounting(c: CountedSites): CellCounting {
  return {
    asOf: c.rule.asOf,
    onAirCells: c.onAirCells,
    plannedCounted: c.plannedCounted,
    plannedLeftOut: c.plannedLeftOut,
    plannedWithoutYear: c.plannedWithoutYear,
    sitesLeftOut: c.sitesLeftOut,
  };
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
