import type { MapLibreMap } from 'maplibre-gl';
import type { AnalysisResult } from '../core/types.ts';

/**
 * What the page exposes on `window.__vungphu` for the browser tests (and for poking at in devtools).
 * `ready` turns true once the coloured choropleth has been drawn.
 */
export interface VungPhuHook {
  ready: boolean;
  result: AnalysisResult | null;
  /** ms from navigation start until the choropleth was drawn. */
  renderMs: number | null;
  /** ms the worker spent fetching, parsing and analysing. */
  analysisMs: number | null;
  /** Set when the analysis failed. */
  error: string | null;
  map: MapLibreMap | null;
}

declare global {
  interface Window {
    __vungphu: VungPhuHook;
  }
}

/** Installs the hook with everything unset and returns it. */
export function installHook(): VungPhuHook {
  const hook: VungPhuHook = {
    ready: false,
    result: null,
    renderMs: null,
    analysisMs: null,
    error: null,
    map: null,
  };
  window.__vungphu = hook;
  return hook;
}
