/**
 * The analysis worker: loads the datasets (bundled sample or imported files) with the CLI's io parsers,
 * runs the same `runAnalysis` as the CLI (through `startAnalysis`), and after every what-if edit updates
 * it incrementally (`updateAnalysis`), sending the page only what changed, rounded by `buildReport`.
 *
 * This file keeps the session and answers the page's requests one at a time, in order; loading is in
 * worker_load.ts, edits in worker_edit.ts, the map features in worker_layers.ts, plans in
 * worker_plan.ts and the exports in worker_export.ts.
 */
import { UserError } from '../../core/base/errors.ts';
import { withDeferredPolygons } from '../../core/deferred_polygons.ts';
import { planPreview } from './plan_preview.ts';
import { rememberingReader } from './read_dataset.ts';
import { type Session, sessionReport } from './session.ts';
import { clearDem, currentDem, loadDem, persistFootprintsSoon, precomputeOnCores } from './worker_dem.ts';
import { edit } from './worker_edit.ts';
import { layerPatch } from './worker_layers.ts';
import { load } from './worker_load.ts';
import { notePlanRequest, planSuperseded, prepareSuggest, runSuggest } from './worker_plan.ts';
import type { WorkerMessage, WorkerRequest } from './worker_protocol.ts';
import { setRadioConfig } from './worker_radio.ts';
import { siteInfo, siteRows } from './worker_sites.ts';
import { whyProfile } from './worker_why.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

let session: Session | null = null;

/** Imported files, read once per version and boundaries (the import check, then every reload). */
const readDataset = rememberingReader();

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.kind) {
    case 'load':
      await load(request, {
        post,
        readDataset,
        adopt: (s) => {
          session = s;
        },
      });
      return persistFootprintsSoon();
    case 'edit':
      if (!session) throw new Error('edit before load');
      await edit(session, request, post);
      return persistFootprintsSoon();
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
      const json = JSON.stringify(sessionReport(session, session.analysis.result), null, 1);
      post({ kind: 'report', id: request.id, json });
      return;
    }
    case 'site-info':
      if (!session) throw new Error('site-info before load');
      return post({ kind: 'site-info', id: request.id, info: siteInfo(session, request.siteId) });
    case 'site-rows':
      if (!session) throw new Error('site-rows before load');
      return post({ kind: 'site-rows', id: request.id, rows: siteRows(session) });
    case 'plan': {
      // "Suggest sites" on the current scenario; a newer plan request makes a queued one moot.
      if (!session) throw new Error('plan before load');
      if (planSuperseded(request.id)) return post({ kind: 'planned', id: request.id, result: null });
      const { input, result } = session.analysis;
      const scenario = {
        communes: session.communes,
        sites: input.sites,
        postal: session.basePostal ? (input.postal ?? []) : null,
        villages: session.villages,
        populationPoints: input.populationPoints ?? null,
        countingRule: result.postalOptions.countingRule,
      };
      // With a DEM, the candidates' terrain footprints first, on the other cores.
      const dem = currentDem();
      const setting = session.setting;
      const prepared =
        dem && request.request.mode === 'sites'
          ? await prepareSuggest(scenario, request.request, (sites) =>
              precomputeOnCores(sites, setting, dem, request.id, post, 'plan-progress'),
            )
          : undefined;
      if (planSuperseded(request.id)) return post({ kind: 'planned', id: request.id, result: null });
      const suggestion = runSuggest(
        scenario,
        request.request,
        (done, total, label) => post({ kind: 'plan-progress', id: request.id, done, total, label }),
        prepared,
      );
      if (suggestion.mode === 'sites' && request.request.mode === 'sites')
        suggestion.onMap = planPreview(session, request.request, suggestion, request.request.siteOperator);
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
        request.classes,
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
      const result = await compareWithBaseline(session, request.baseline, request.indicators);
      post({ kind: 'compared', id: request.id, ...result });
      return;
    }
    case 'dem': {
      if (request.files.length === 0) {
        clearDem();
        return post({ kind: 'dem', id: request.id, dem: null });
      }
      const dem = await loadDem(request.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
      scope.postMessage({ kind: 'dem', id: request.id, dem } satisfies WorkerMessage, [dem.shade.rgba]);
      return;
    }
    case 'radio':
      return post({ kind: 'radio', id: request.id, radio: setRadioConfig(request.file) });
    case 'why':
      if (!session) throw new Error('why before load');
      return post({
        kind: 'why',
        id: request.id,
        why: whyProfile(session, request.siteId, request.lon, request.lat),
      });
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
