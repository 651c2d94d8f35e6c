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
import { type DatasetKind, type DatasetPayload, detectKind, mayBeScenario } from '../state/dataset_kind.ts';
import { parseScenario } from '../state/scenario_edits.ts';
import { failedImport, type ImportReport } from '../worker/worker_protocol.ts';
import type { Page } from './page.ts';

/** How much of a JSON file is read to tell a saved scenario from a dataset. */
const SCENARIO_SNIFF_BYTES = 20_000;

export class DataActions {
  readonly actions: PanelActions;

  constructor(private readonly page: Page) {
    this.actions = {
      setKind: (k) => page.store.setImportKind(k),
      setChoice: (choice) => {
        page.store.setImportChoice(choice);
        page.render.dataTab();
      },
      importFiles: (files) => void this.importFiles(files),
      removeDataset: (kind) => void this.#removeDataset(kind),
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
    const { store, render, client, hook, loader } = this.page;
    store.setBusy(true);
    store.setView({ tab: 'data' });
    render.tabs();
    render.dataTab();
    let changed = false;
    const fresh: ImportReport[] = [];
    for (const file of files) {
      try {
        checkFileSize(file.size, file.name, hook.maxImportBytes ?? IMPORT_LIMITS.fileBytes);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        fresh.push(failedImport('sites', file.name, error.message));
        continue;
      }
      const buffer = await file.arrayBuffer();
      if (mayBeScenario(file.name)) {
        const head = decodeText(new Uint8Array(buffer.slice(0, SCENARIO_SNIFF_BYTES)));
        if (detectKind(file.name, head) === 'scenario') {
          this.#importScenario(file.name, decodeText(new Uint8Array(buffer)));
          continue;
        }
      }
      const options = { ...store.state.importer.choice };
      try {
        const report = await client.validate({
          kind: store.state.importer.kind,
          name: file.name,
          bytes: buffer,
          options,
          importedAt: '',
        });
        fresh.push(report);
        if (report.fatal) continue;
        const payload: DatasetPayload = {
          kind: report.kind,
          name: file.name,
          bytes: buffer,
          options,
          importedAt: new Date().toISOString(),
        };
        store.putImported(payload);
        await this.page.storage
          ?.saveDataset(payload)
          .catch(() => render.status(t('data.saveFailed'), 'error'));
        if (payload.kind === 'boundaries') {
          store.switchBoundarySet('imported');
          loader.cameraPlan = 'fit';
        }
        changed = true;
      } catch (error) {
        loader.fail(error);
      }
    }
    store.addReports(fresh);
    store.setBusy(false);
    render.dataTab();
    if (changed) await loader.reload();
  }

  /** Back to the sample's pre-2025 communes when the imported boundaries go. */
  #leaveImportedBoundaries(): void {
    if (this.page.store.view.boundarySet !== 'imported') return;
    this.page.store.switchBoundarySet('pre2025');
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
