import type { InputIssue } from '../../core/base/errors.ts';
import type { ReportComparison } from '../../core/report/compare_reports.ts';
import type { Edit } from '../state/scenario_edits.ts';
import type { SiteInfo, SiteRow } from '../state/site_info.ts';
import type { ExportFormat } from './export_logic.ts';
import type { SuggestRequest, SuggestResult } from './suggest_types.ts';
import type {
  BaselineSpec,
  Delta,
  DemInfo,
  DemShade,
  FeatureLayer,
  ImportPayload,
  ImportReport,
  LayerPatch,
  LoadOptions,
  Snapshot,
  WhyResult,
  WorkerMessage,
  WorkerRequest,
} from './worker_protocol.ts';

/** A failure reported by the worker: bad input (a user error) or a bug. */
export class AnalysisError extends Error {
  readonly userError: boolean;
  readonly issues: InputIssue[];
  constructor(message: string, userError: boolean, issues: InputIssue[]) {
    super(message);
    this.name = 'AnalysisError';
    this.userError = userError;
    this.issues = issues;
  }
}

type Pending = { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void };

/** Distributes Omit over a union, so each request variant keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The page's side of the analysis worker: one long-lived worker, requests answered in order, each
 * resolved with its own reply. Progress of a load goes to `onProgress`.
 */
export class AnalysisClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly previews = new Map<number, (s: Snapshot) => void>();
  private readonly planProgress = new Map<number, (done: number, total: number, label: string) => void>();
  private nextId = 1;

  constructor(private readonly onProgress: (done: number, total: number, label: string) => void) {
    this.worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      const error = new Error(`Analysis worker failed: ${event.message}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'progress') {
      this.onProgress(message.done, message.total, message.label);
      return;
    }
    if (message.kind === 'plan-progress') {
      this.planProgress.get(message.id)?.(message.done, message.total, message.label);
      return;
    }
    if (message.kind === 'snapshot' && message.snapshot.partial) {
      this.previews.get(message.id)?.(message.snapshot);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.previews.delete(message.id);
    this.planProgress.delete(message.id);
    this.pending.delete(message.id);
    if (message.kind === 'error')
      pending.reject(new AnalysisError(message.message, message.userError, message.issues));
    else pending.resolve(message);
  }

  private request(body: WithoutId<WorkerRequest>, transfer: Transferable[] = []): Promise<WorkerMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  /**
   * Loads the datasets (imported ones replace the sample), applies the edits and analyses everything.
   * With `onPreview`, a quick mobile-only snapshot arrives first.
   */
  async load(options: LoadOptions, onPreview?: (snapshot: Snapshot) => void): Promise<Snapshot> {
    const id = this.nextId;
    if (onPreview) this.previews.set(id, onPreview);
    const m = await this.request({ kind: 'load', ...options, preview: onPreview !== undefined });
    if (m.kind !== 'snapshot') throw new Error(`unexpected reply ${m.kind}`);
    return m.snapshot;
  }

  /** The features of some layers (the page shows them from now on; later updates include them). */
  async features(layers: FeatureLayer[]): Promise<Partial<Record<FeatureLayer, LayerPatch>>> {
    const m = await this.request({ kind: 'features', layers });
    if (m.kind !== 'features') throw new Error(`unexpected reply ${m.kind}`);
    return m.layers;
  }

  /** One site of the scenario with its cells described (its popup); null when it is gone. */
  async siteInfo(siteId: string): Promise<SiteInfo | null> {
    const m = await this.request({ kind: 'site-info', siteId });
    if (m.kind !== 'site-info') throw new Error(`unexpected reply ${m.kind}`);
    return m.info;
  }

  /** Every site of the scenario as a row of the Sites tab. */
  async siteRows(): Promise<SiteRow[]> {
    const m = await this.request({ kind: 'site-rows' });
    if (m.kind !== 'site-rows') throw new Error(`unexpected reply ${m.kind}`);
    return m.rows;
  }

  /** Re-analyses after the scenario's edits changed (incrementally). */
  async edit(edits: Edit[]): Promise<Delta> {
    const m = await this.request({ kind: 'edit', edits });
    if (m.kind !== 'delta') throw new Error(`unexpected reply ${m.kind}`);
    return m.delta;
  }

  /**
   * Reads a file with the importer (in the worker) and reports what was kept and what was rejected;
   * a kind of "auto" is detected from the file's fields (the report says which).
   */
  async validate(dataset: ImportPayload): Promise<ImportReport> {
    const m = await this.request({ kind: 'validate', dataset });
    if (m.kind !== 'validated') throw new Error(`unexpected reply ${m.kind}`);
    return m.report;
  }

  /** report.json of the current scenario, as the CLI would write it. */
  async reportJson(): Promise<string> {
    const m = await this.request({ kind: 'report' });
    if (m.kind !== 'report') throw new Error(`unexpected reply ${m.kind}`);
    return m.json;
  }

  /**
   * "Suggest sites": plans new sites or postal points on the current scenario, in the worker. Resolves
   * null when a newer plan request superseded this one before it started.
   */
  async plan(
    request: SuggestRequest,
    onProgress: (done: number, total: number, label: string) => void,
  ): Promise<SuggestResult | null> {
    this.planProgress.set(this.nextId, onProgress);
    const m = await this.request({ kind: 'plan', request });
    if (m.kind !== 'planned') throw new Error(`unexpected reply ${m.kind}`);
    return m.result;
  }

  /** An export of the current scenario (the CLI's file for the same inputs), optionally with a comparison. */
  async exportFile(
    format: ExportFormat,
    lang: 'vi' | 'en',
    baseline: BaselineSpec | null,
    indicator: string,
    classes: 'fixed' | 'quantile' = 'fixed',
  ): Promise<Uint8Array> {
    const m = await this.request({ kind: 'export', format, lang, baseline, indicator, classes });
    if (m.kind !== 'exported') throw new Error(`unexpected reply ${m.kind}`);
    return new Uint8Array(m.bytes);
  }

  /** The current scenario compared with a baseline: per unit and indicator, before, after and difference; and which way is better. */
  async compare(
    baseline: BaselineSpec,
    indicators?: string[],
  ): Promise<{ comparison: ReportComparison; better: Record<string, 'higher' | 'lower' | null> }> {
    const m = await this.request({ kind: 'compare', baseline, ...(indicators ? { indicators } : {}) });
    if (m.kind !== 'compared') throw new Error(`unexpected reply ${m.kind}`);
    return { comparison: m.comparison, better: m.better };
  }

  /**
   * Reads DEM files in the worker (they replace the DEM loaded; none forgets it): what the Data tab
   * says about it and its hillshade image, or null when forgotten. The bytes are copied, not moved.
   */
  async dem(
    files: { name: string; bytes: ArrayBuffer }[],
  ): Promise<{ info: DemInfo; shade: DemShade } | null> {
    const m = await this.request({ kind: 'dem', files });
    if (m.kind !== 'dem') throw new Error(`unexpected reply ${m.kind}`);
    return m.dem;
  }

  /**
   * Sends a radio config file (JSON with a `radio` section) to the worker, or null for the defaults;
   * rejects with every problem of a bad file (the settings in use then stay).
   */
  async radio(file: { name: string; text: string } | null): Promise<{ name: string } | null> {
    const m = await this.request({ kind: 'radio', file });
    if (m.kind !== 'radio') throw new Error(`unexpected reply ${m.kind}`);
    return m.radio;
  }

  /** The profile from a site to a point over the DEM, with each cell's link budget; null without a DEM. */
  async why(siteId: string, lon: number, lat: number): Promise<WhyResult | null> {
    const m = await this.request({ kind: 'why', siteId, lon, lat });
    if (m.kind !== 'why') throw new Error(`unexpected reply ${m.kind}`);
    return m.why;
  }
}
