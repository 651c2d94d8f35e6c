/**
 * The analysis worker: fetches the bundled communes and sites, validates them with the io parsers
 * and runs the same `analyze` the CLI uses, off the main thread so the map stays responsive.
 */
import { analyze } from '../core/analyze.ts';
import { UserError } from '../core/errors.ts';
import type { Commune } from '../core/types.ts';
import { communesFromGeoJSON } from '../io/boundaries.ts';
import { sitesFromGeoJSON } from '../io/sites.ts';
import type { AnalyzeRequest, BBox, WorkerMessage } from './worker_protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerMessage): void {
  scope.postMessage(message);
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new UserError(`Không tải được tệp dữ liệu ${url} (HTTP ${response.status}).`);
  return response.json();
}

function fileName(url: string): string {
  return new URL(url).pathname.split('/').pop() ?? url;
}

/** Extent of the communes' geometries, in degrees. */
function communesBBox(communes: readonly Commune[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const commune of communes) {
    const polygons =
      commune.geometry.type === 'Polygon' ? [commune.geometry.coordinates] : commune.geometry.coordinates;
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        if (lon === undefined || lat === undefined) continue;
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
    }
  }
  return box;
}

async function run(request: AnalyzeRequest): Promise<void> {
  const started = performance.now();
  const [communesJson, sitesJson] = await Promise.all([
    fetchJson(request.communesUrl),
    fetchJson(request.sitesUrl),
  ]);
  const boundaries = communesFromGeoJSON(communesJson, { file: fileName(request.communesUrl) });
  const infrastructure = sitesFromGeoJSON(sitesJson, fileName(request.sitesUrl));
  const issues = [...boundaries.issues, ...infrastructure.issues];
  if (boundaries.communes.length === 0) {
    throw new UserError('Tệp ranh giới không có xã hợp lệ nào.', issues);
  }
  const warnings: string[] = [];
  const result = analyze({ communes: boundaries.communes, sites: infrastructure.sites }, undefined, {
    onProgress: (done, total, label) => post({ kind: 'progress', done, total, label }),
    onWarning: (message) => warnings.push(message),
  });
  post({
    kind: 'result',
    result,
    bbox: communesBBox(boundaries.communes),
    siteCount: infrastructure.sites.length,
    issues,
    warnings,
    analysisMs: performance.now() - started,
  });
}

scope.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  run(event.data).catch((error: unknown) => {
    if (error instanceof UserError) {
      post({ kind: 'error', userError: true, message: error.message, issues: error.issues });
    } else {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      post({ kind: 'error', userError: false, message, issues: [] });
    }
  });
};
