import type { AnalyzeRequest, WorkerMessage } from './worker_protocol.ts';

/** What the analysis worker produced: its result message. */
export type AnalysisOutcome = Extract<WorkerMessage, { kind: 'result' }>;

/** A failure reported by the worker (bad input or a bug). */
export class AnalysisError extends Error {
  readonly userError: boolean;
  readonly detail: Extract<WorkerMessage, { kind: 'error' }>;
  constructor(detail: Extract<WorkerMessage, { kind: 'error' }>) {
    super(detail.message);
    this.name = 'AnalysisError';
    this.userError = detail.userError;
    this.detail = detail;
  }
}

/**
 * Runs the coverage analysis of the given same-origin files in a Web Worker and resolves with its
 * result; `onProgress` receives the engine's progress (communes done of total).
 */
export function runAnalysis(
  request: Omit<AnalyzeRequest, 'kind'>,
  onProgress: (done: number, total: number, label: string) => void,
): Promise<AnalysisOutcome> {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<AnalysisOutcome>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      switch (message.kind) {
        case 'progress':
          onProgress(message.done, message.total, message.label);
          break;
        case 'result':
          worker.terminate();
          resolve(message);
          break;
        case 'error':
          worker.terminate();
          reject(new AnalysisError(message));
          break;
        default: {
          const unexpected: never = message;
          reject(new Error(`Unexpected worker message ${JSON.stringify(unexpected)}`));
        }
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`Analysis worker failed: ${event.message}`));
    };
    worker.postMessage({ kind: 'analyze', ...request } satisfies AnalyzeRequest);
  });
}
