/**
 * A stand-in for the app's footprint worker in Node tests: the handler footprint.worker.ts runs,
 * answering each message asynchronously, with messages structured-cloned both ways as postMessage
 * does. `log` gets one list per worker of the cache keys it was sent.
 */
import {
  type FootprintBatch,
  type FootprintInit,
  footprintJobHandler,
} from '../../src/app/worker/footprint_jobs.ts';
import type { PoolWorker } from '../../src/app/worker/footprint_pool.ts';

/** One stand-in footprint worker; it adds the list of the keys it is sent to `log`. */
export function fakeWorker(log: string[][]): PoolWorker {
  const handle = footprintJobHandler();
  const got: string[] = [];
  log.push(got);
  const w: PoolWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message: FootprintInit | FootprintBatch) {
      const m = structuredClone(message);
      if (m.kind === 'batch') got.push(...m.cells.map((c) => c.key));
      setTimeout(() => {
        const done = handle(m);
        if (done) w.onmessage?.({ data: structuredClone(done) });
      }, 0);
    },
    terminate() {},
  };
  return w;
}
