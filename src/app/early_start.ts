/**
 * What the page starts before the map and the rest of the UI are even parsed (boot.ts imports it
 * first): it opens IndexedDB, starts the analysis worker and, for the usual visit with nothing stored,
 * the analysis of the bundled sample. main.ts picks all three up, and starts again when something was
 * stored.
 */
import communes2025Url from '../../data/sample/communes-2025.geojson?url';
import communesPre2025Url from '../../data/sample/communes-pre2025.geojson?url';
import crosswalkUrl from '../../data/sample/crosswalk-pre2025-2025.csv?url';
import fiberUrl from '../../data/synthetic/fiber.synthetic.geojson?url';
import postalUrl from '../../data/synthetic/postal.synthetic.geojson?url';
import sitesUrl from '../../data/synthetic/sites.synthetic.geojson?url';
import villagesUrl from '../../data/synthetic/villages.synthetic.geojson?url';
import daknongTargetsUrl from '../../data/targets/daknong.json?url';
import gialaiTargetsUrl from '../../data/targets/gialai.json?url';
import { Storage } from './state/storage.ts';
import { analysisOptions, decodeView } from './state/view_state.ts';
import { AnalysisClient } from './worker/analysis_client.ts';
import { FEATURE_LAYERS, type SampleUrls, type Snapshot } from './worker/worker_protocol.ts';

performance.mark('vp:boot');

const abs = (url: string) => new URL(url, location.href).href;

/** Same-origin URLs of the bundled sample (Vite copies the files into the build). */
export const SAMPLE: SampleUrls = {
  boundaries: { pre2025: abs(communesPre2025Url), '2025': abs(communes2025Url) },
  sites: abs(sitesUrl),
  postal: abs(postalUrl),
  fiber: abs(fiberUrl),
  villages: abs(villagesUrl),
  targets: [abs(gialaiTargetsUrl), abs(daknongTargetsUrl)],
  crosswalk: abs(crosswalkUrl),
};

/** The browser's storage, or null when IndexedDB is not available. */
export const storageOpening: Promise<Storage | null> = Storage.open().catch(() => null);

let progress: (done: number, total: number, label: string) => void = () => {};

/**
 * Sets what receives the analysis progress (the status line, once the UI exists); `label` is
 * 'terrain' while the terrain footprints are computed, else the analysis' own step.
 */
export function onProgress(handler: (done: number, total: number, label: string) => void): void {
  progress = handler;
}

/** The one analysis worker of the page. */
export const client = new AnalysisClient((done, total, label) => progress(done, total, label));

/** A load already under way: its final snapshot, and its quick preview for whoever asks. */
export interface EarlyLoad {
  snapshot: Promise<Snapshot>;
  onPreview(handler: (snapshot: Snapshot) => void): void;
}

/** The sample's analysis, started now unless the URL asks for imported boundaries. */
export const earlyLoad: EarlyLoad | null = (() => {
  const view = decodeView(location.hash);
  if (view.boundarySet === 'imported') return null;
  let handler: ((s: Snapshot) => void) | null = null;
  let pending: Snapshot | null = null;
  const snapshot = client.load(
    {
      boundarySet: view.boundarySet,
      sample: SAMPLE,
      imported: [],
      edits: [],
      layers: FEATURE_LAYERS.filter((l) => view.layers[l].visible),
      withGeometry: false,
      analysis: analysisOptions(view.analysis),
    },
    (p) => {
      if (handler) handler(p);
      else pending = p;
    },
  );
  snapshot.catch(() => undefined);
  return {
    snapshot,
    onPreview(h) {
      handler = h;
      if (pending) h(pending);
      pending = null;
    },
  };
})();
