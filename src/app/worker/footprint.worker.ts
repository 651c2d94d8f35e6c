/**
 * A footprint worker, started by the analysis worker (footprint_pool.ts): computes terrain footprints
 * on its own core and posts them back (protocol in footprint_jobs.ts).
 */
import { type FootprintBatch, type FootprintInit, footprintJobHandler } from './footprint_jobs.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = footprintJobHandler();
scope.onmessage = (event: MessageEvent<FootprintInit | FootprintBatch>) => {
  const done = handle(event.data);
  if (done) scope.postMessage(done);
};
