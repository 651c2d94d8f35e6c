import type { MapLibreMap } from 'maplibre-gl';
import type { DataStore } from './state/data_store.ts';
import type { ViewState } from './state/view_state.ts';

/**
 * What the page exposes on `window.__vungphu` for the browser tests (and for poking at in devtools).
 * `ready` turns true once the coloured choropleth has been drawn; `loads` counts finished analyses.
 */
export interface VungPhuHook {
  ready: boolean;
  loads: number;
  /** ms from navigation start until the first frame of the quick mobile-only choropleth. */
  previewMs: number | null;
  /** ms from navigation start until the full analysis was drawn. */
  renderMs: number | null;
  /** ms the worker spent loading and parsing the data, and analysing it (first load). */
  loadMs: number | null;
  analysisMs: number | null;
  /**
   * The last what-if update: ms from the edit to the panels updated, inside the worker, and of that
   * the incremental analysis; the communes it recomputed.
   */
  lastUpdate: { totalMs: number; workerMs: number; analysisMs: number; communes: number } | null;
  /** Edits applied so far (counts replies from the worker). */
  updates: number;
  /** Set when the analysis failed. */
  error: string | null;
  /** The boundary set whose district and province outlines are drawn (they follow the first render). */
  outlines: string | null;
  map: MapLibreMap | null;
  /** Overrides the import size limit (bytes), so that a test can check the refusal with a small file. */
  maxImportBytes: number | null;
  store: DataStore | null;
  view: () => ViewState;
}

declare global {
  interface Window {
    __vungphu: VungPhuHook;
  }
}

/** Installs the hook with everything unset and returns it. */
export function installHook(view: () => ViewState): VungPhuHook {
  const hook: VungPhuHook = {
    ready: false,
    loads: 0,
    previewMs: null,
    renderMs: null,
    loadMs: null,
    analysisMs: null,
    lastUpdate: null,
    updates: 0,
    error: null,
    outlines: null,
    map: null,
    maxImportBytes: null,
    store: null,
    view,
  };
  window.__vungphu = hook;
  return hook;
}
