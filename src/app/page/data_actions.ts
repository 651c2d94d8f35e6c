/**
 * The Data tab's actions, and files dropped anywhere on the page: each file is size-checked before it
 * is read, then read and validated by the importer in the worker (any format, coordinate system,
 * swapped coordinates), its kind detected unless chosen. Files with valid rows are stored (IndexedDB)
 * with the import choices, and the analysis reloads. A saved scenario file goes to the what-if editor.
 */
import { UserError } from '../../core/base/errors.ts';
import { decodeText } from '../../io/formats/csv.ts';
import { checkFileSize, IMPORT_LIMITS } from '../../io/formats/limits.ts';
import { t } from '../i18n/i18n.ts';
import type { DataActions as PanelActions } from '../panels/data_panel.ts';
import type { ImportOutcome, ImportQuestion } from '../state/app_store.ts';
import { rememberColumns, rememberedColumns } from '../state/column_memory.ts';
import {
  type DatasetKind,
  type DatasetPayload,
  detectKind,
  type ImportChoice,
  isAddable,
  mayBeScenario,
} from '../state/dataset_kind.ts';
import { parseScenario } from '../state/scenario_edits.ts';
import { failedImport, type ImportReport } from '../worker/worker_protocol.ts';
import { type DemFileBytes, isDemFile } from './dem_actions.ts';
import type { Page } from './page.ts';
import { isRadioConfigFile, type RadioFile } from './radio_actions.ts';

/** How much of a JSON file is read to tell a saved scenario from a dataset. */
const SCENARIO_SNIFF_BYTES = 20_000;

/** A file whose columns were not recognised, kept for the mapping form's "import". */
interface PendingFile {
  buffer: ArrayBuffer;
  options: ImportChoice;
}

/** The answer to "replace the records in use, or add to them?". */
type ImportAnswer = 'replace' | 'add' | 'cancel';

const outcomeOf = (r: ImportReport, result: ImportOutcome['result']): ImportOutcome => ({
  name: r.name,
  kind: r.kind,
  result,
  kept: r.kept,
  rejected: r.rejected,
  ...(r.fatal ? { message: r.fatal } : {}),
});

export class DataActions {
  readonly actions: PanelActions;
  /** Files waiting for their column mapping, by name. */
  readonly #pending = new Map<string, PendingFile>();
  /** The answer awaited to the replace-or-add question, if one is asked. */
  #answer: ((a: ImportAnswer) => void) | null = null;

  constructor(private readonly page: Page) {
    this.actions = {
      setKind: (k) => page.store.setImportKind(k),
      setChoice: (choice) => {
        page.store.setImportChoice(choice);
        page.render.dataTab();
      },
      importFiles: (files) => void this.importFiles(files),
      applyColumns: (report, columns) => void this.#applyColumns(report, columns),
      answer: (a) => {
        const resolve = this.#answer;
        this.#answer = null;
        page.store.setImportQuestion(null);
        resolve?.(a);
      },
      removeDataset: (kind) => void this.#removeDataset(kind),
      removeDem: () => void page.dem.remove(),
      removeRadio: () => void page.radio.remove(),
      clear: () => void this.#clear(),
    };
  }

  /** Loads a saved scenario file (JSON) into the what-if editor. */
  #importScenario(name: string, text: string): void {
    const { store, editing, loader, render } = this.page;
    const { scenario, problems } = parseScenario(text);
    if (scenario) {
      store.replaceEdits(scenario.edits);
      editing.clearPick();
      void loader.runEdits();
      render.status(t('scenario.loaded', { name: scenario.name }));
    }
    if (problems.length)
      render.status(
        [
          t('scenario.problems', { name }),
          ...problems.map((p) => `${p.edit >= 0 ? `#${p.edit + 1}: ` : ''}${p.message}`),
        ].join('\n'),
        'error',
      );
  }

  async importFiles(files: File[]): Promise<void> {
    const { store, render, hook, loader } = this.page;
    store.setBusy(true);
    store.setView({ tab: 'data' });
    render.tabs();
    render.dataTab();
    let changed = false;
    const fresh: ImportReport[] = [];
    const dems: DemFileBytes[] = [];
    let radio: RadioFile | null = null;
    const outcome: ImportOutcome[] = [];
    store.setImportOutcome([]);
    for (const file of files) {
      try {
        checkFileSize(file.size, file.name, hook.maxImportBytes ?? IMPORT_LIMITS.fileBytes);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        const report = failedImport('sites', file.name, error.message);
        fresh.push(report);
        outcome.push(outcomeOf(report, 'failed'));
        continue;
      }
      const buffer = await file.arrayBuffer();
      // Terrain heights go to the DEM (one mosaic of every tile), not to a dataset; a GeoTIFF only
      // while the kind is detected (one imported as population stays population).
      const tiff = /\.tiff?$/i.test(file.name);
      if ((!tiff || store.state.importer.kind === 'auto') && isDemFile(file.name, new Uint8Array(buffer))) {
        dems.push({ name: file.name, bytes: buffer });
        continue;
      }
      // A radio config (JSON with a "radio" section) goes to the terrain model, not to a dataset.
      if (/\.json$/i.test(file.name)) {
        const text = decodeText(new Uint8Array(buffer));
        if (isRadioConfigFile(file.name, text)) {
          radio = { name: file.name, text };
          continue;
        }
      }
      if (mayBeScenario(file.name)) {
        const head = decodeText(new Uint8Array(buffer.slice(0, SCENARIO_SNIFF_BYTES)));
        if (detectKind(file.name, head) === 'scenario') {
          this.#importScenario(file.name, decodeText(new Uint8Array(buffer)));
          continue;
        }
      }
      try {
        const { report, stored, result } = await this.#importOne(
          file.name,
          buffer,
          store.state.importer.kind,
          { ...store.state.importer.choice },
        );
        fresh.push(report);
        outcome.push(outcomeOf(report, result));
        changed ||= stored;
      } catch (error) {
        loader.fail(error);
      }
    }
    store.addReports(fresh);
    if (dems.length) await this.page.dem.add(dems);
    if (radio) await this.page.radio.add(radio);
    store.setImportOutcome(outcome);
    store.setBusy(false);
    render.dataTab();
    if (changed) await loader.reload();
  }

  /** Asks whether the file's records replace those in use or are added to them (a notice at the top of the Data tab). */
  #ask(question: ImportQuestion): Promise<ImportAnswer> {
    const { store, render } = this.page;
    this.#answer?.('cancel');
    store.setImportQuestion(question);
    render.dataTab();
    return new Promise((resolve) => {
      this.#answer = resolve;
    });
  }

  /**
   * Validates one file in the worker and stores it when it has valid rows. A table whose required
   * columns are not recognised is read again with the mapping remembered for its header, if any;
   * otherwise it waits for the mapping form (its report carries what the form needs).
   */
  async #importOne(
    name: string,
    buffer: ArrayBuffer,
    kind: DatasetKind | 'auto',
    options: ImportChoice,
  ): Promise<{ report: ImportReport; stored: boolean; result: ImportOutcome['result'] }> {
    const { store, render, client, loader } = this.page;
    const validate = (o: ImportChoice, k: DatasetKind | 'auto') =>
      client.validate({ kind: k, name, bytes: buffer, options: o, importedAt: '' });
    let report = await validate(options, kind);
    const request = report.needsColumns;
    if (request && !options.columns) {
      const remembered = rememberedColumns(request.kind, request.header);
      if (remembered) {
        options = { ...options, columns: remembered };
        report = { ...(await validate(options, request.kind)), columnsRemembered: true };
      }
    }
    if (report.needsColumns) this.#pending.set(name, { buffer, options });
    else this.#pending.delete(name);
    if (report.needsColumns) return { report, stored: false, result: 'columns' };
    if (report.fatal) return { report, stored: false, result: 'failed' };
    // Records already in use (the sample's or an earlier file's): replace them, or add to them?
    let result: ImportOutcome['result'] = 'stored';
    let base: DatasetPayload['base'];
    const records = report.kind;
    const inUse = store.data?.snapshot.datasets.find((d) => d.kind === records && d.source !== 'none');
    if (isAddable(records) && inUse && inUse.kept > 0) {
      const answer = await this.#ask({ name, kind: records, kept: report.kept, loaded: inUse.kept });
      render.dataTab();
      if (answer === 'cancel') return { report, stored: false, result: 'cancelled' };
      result = answer === 'add' ? 'added' : 'replaced';
      if (answer === 'add') base = store.state.imported.find((d) => d.kind === records) ?? 'sample';
    }
    const payload: DatasetPayload = {
      kind: records,
      name,
      bytes: buffer,
      options,
      importedAt: new Date().toISOString(),
      ...(base ? { base } : {}),
    };
    store.putImported(payload);
    await this.page.storage?.saveDataset(payload).catch(() => render.status(t('data.saveFailed'), 'error'));
    if (payload.kind === 'boundaries') {
      store.switchBoundarySet('imported');
      loader.cameraPlan = 'fit';
    }
    return { report, stored: true, result };
  }

  /** The mapping form's "import": remembers the mapping for the header and imports the file with it. */
  async #applyColumns(report: ImportReport, columns: Record<string, string>): Promise<void> {
    const { store, render, loader } = this.page;
    const pending = this.#pending.get(report.name);
    const request = report.needsColumns;
    if (!pending || !request) return;
    rememberColumns(request.kind, request.header, columns);
    store.setBusy(true);
    render.dataTab();
    let stored = false;
    try {
      const r = await this.#importOne(report.name, pending.buffer, request.kind, {
        ...pending.options,
        columns,
      });
      // A mapping the importer refused (two fields on one column): the form stays, with the message.
      let shown = r.report;
      if (shown.fatal && !shown.needsColumns) {
        shown = { ...shown, needsColumns: request };
        this.#pending.set(report.name, pending);
      }
      store.dropReportsOf(report.name);
      store.addReports([shown]);
      store.setImportOutcome([outcomeOf(shown, shown.fatal && shown.needsColumns ? 'columns' : r.result)]);
      stored = r.stored;
    } catch (error) {
      loader.fail(error);
    }
    store.setBusy(false);
    render.dataTab();
    if (stored) await loader.reload();
  }

  /** Back to the sample's 2025 communes (the default set) when the imported boundaries go. */
  #leaveImportedBoundaries(): void {
    if (this.page.store.view.boundarySet !== 'imported') return;
    this.page.store.switchBoundarySet('2025');
    this.page.loader.cameraPlan = 'fit';
  }

  async #removeDataset(kind: DatasetKind): Promise<void> {
    const { store, storage, loader } = this.page;
    store.removeImported(kind);
    await storage?.removeDataset(kind);
    if (kind === 'boundaries') this.#leaveImportedBoundaries();
    await loader.reload();
  }

  async #clear(): Promise<void> {
    const { store, storage, editing, loader, render } = this.page;
    await storage?.clear();
    store.clearAll();
    if (this.page.dem.info) await this.page.dem.remove();
    // The terrain footprints the worker stored (footprint_store.ts) go too.
    if (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase('vungphu-footprints');
    editing.clearPick();
    this.#leaveImportedBoundaries();
    await loader.reload();
    render.status(t('data.cleared'));
  }

  /** Files dropped anywhere on the page are imported; the overlay shows while they are dragged over. */
  installDrop(): void {
    const overlay = this.page.ui.dropOverlay;
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    window.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener('dragover', (e) => {
      if (hasFiles(e)) e.preventDefault();
    });
    window.addEventListener('dragleave', (e) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      overlay.hidden = true;
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) void this.importFiles(files);
    });
  }
}
