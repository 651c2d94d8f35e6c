/**
 * The app's state in one place: the view (what the URL holds), the worker's results, the imported
 * datasets, the what-if scenario with its undo steps, the editor, the saved scenarios and the import
 * form. Every change goes through a named action, which replaces only the part it changes (the state
 * read before it never changes). The page's controllers (src/app/page/) call the actions and draw
 * what they changed; the panels read the state they are given.
 *
 * No DOM and no map here, so that the transitions are tested in Node (tests/unit/app_store.test.ts).
 */
import type { UnitLevel } from '../../core/base/types.ts';
import type { Delta, FeatureLayer, ImportReport, Snapshot } from '../worker/worker_protocol.ts';
import { DataStore } from './data_store.ts';
import type { AddableKind, DatasetKind, DatasetPayload, ImportChoice } from './dataset_kind.ts';
import {
  DEFAULT_NEW_POSTAL,
  DEFAULT_NEW_SITE,
  type EditMode,
  type NewPostal,
  type NewSite,
  type Picked,
} from './editor.ts';
import {
  addStep,
  EMPTY_SCENARIO,
  redoStep,
  replaceEdits,
  restoreScenario,
  type Scenario,
  takenIds,
  undoStep,
} from './scenario.ts';
import type { Edit, ScenarioFile } from './scenario_edits.ts';
import type { ViewState } from './view_state.ts';

/** The last what-if update: ms from the edit to the panels updated, and inside the worker. */
export interface LastUpdate {
  totalMs: number;
  workerMs: number;
  communes: number;
}

export interface AppState {
  readonly view: ViewState;
  /** The worker's results for the current data and scenario (null until the first analysis). */
  readonly data: DataStore | null;
  /** Files the user imported (kept in IndexedDB), at most one per kind. */
  readonly imported: readonly DatasetPayload[];
  readonly scenario: Scenario;
  readonly editor: {
    readonly mode: EditMode;
    readonly picked: Picked | null;
    readonly newSite: NewSite;
    readonly newPostal: NewPostal;
    readonly lastUpdate: LastUpdate | null;
  };
  /** Scenarios saved in the browser, and the name typed for the next one. */
  readonly library: { readonly saved: readonly ScenarioFile[]; readonly saveName: string };
  /** The Data tab's import form and its latest results (newest first, at most 10). */
  readonly importer: {
    readonly kind: DatasetKind | 'auto';
    readonly choice: ImportChoice;
    readonly busy: boolean;
    readonly reports: readonly ImportReport[];
    /** The question asked before an import of records already loaded: replace them, or add to them. */
    readonly question: ImportQuestion | null;
    /** What became of the latest import's files, shown at the top of the Data tab. */
    readonly outcome: readonly ImportOutcome[];
  };
}

/** "Replace the 3,516 sites in use, or add to them?": asked before a file of loaded records is stored. */
export interface ImportQuestion {
  name: string;
  kind: AddableKind;
  kept: number;
  /** Records of the kind in use now. */
  loaded: number;
}

/** What became of one imported file. */
export interface ImportOutcome {
  name: string;
  kind: DatasetKind;
  result: 'replaced' | 'added' | 'stored' | 'cancelled' | 'failed' | 'columns';
  kept: number;
  rejected: number;
  message?: string;
}

export type Slice = keyof AppState;

/** How many import results the Data tab keeps. */
const KEPT_REPORTS = 10;

export class AppStore {
  #state: AppState;

  constructor(view: ViewState) {
    this.#state = {
      view,
      data: null,
      imported: [],
      scenario: EMPTY_SCENARIO,
      editor: {
        mode: { kind: 'browse' },
        picked: null,
        newSite: DEFAULT_NEW_SITE,
        newPostal: DEFAULT_NEW_POSTAL,
        lastUpdate: null,
      },
      library: { saved: [], saveName: '' },
      importer: { kind: 'auto', choice: {}, busy: false, reports: [], question: null, outcome: [] },
    };
  }

  get state(): AppState {
    return this.#state;
  }

  /** Short names for what is read most. */
  get view(): ViewState {
    return this.#state.view;
  }
  get data(): DataStore | null {
    return this.#state.data;
  }
  get edits(): readonly Edit[] {
    return this.#state.scenario.edits;
  }

  #set<K extends Slice>(slice: K, value: AppState[K]): void {
    if (this.#state[slice] !== value) this.#state = { ...this.#state, [slice]: value };
  }

  // ---- view ------------------------------------------------------------------------------------

  setView(patch: Partial<ViewState>): void {
    this.#set('view', { ...this.#state.view, ...patch });
  }

  /** Replaces the whole view (the URL was edited by hand, or a link opened). */
  replaceView(view: ViewState): void {
    this.#set('view', view);
  }

  /** Selects a unit (its panel opens), or nothing. */
  selectUnit(level: UnitLevel | null, id?: string): void {
    this.setView({ selection: level === null || !id ? { kind: 'none' } : { kind: 'unit', level, id } });
  }

  /** Another boundary set: nothing selected, and the camera is fitted to the new communes. */
  switchBoundarySet(boundarySet: ViewState['boundarySet']): void {
    this.setView({ boundarySet, selection: { kind: 'none' }, camera: null });
  }

  // ---- the worker's results ----------------------------------------------------------------------

  /**
   * Takes a snapshot from the worker. The full snapshot leaves out what its quick preview already
   * brought (the sites), so those layers are carried over from the preview.
   */
  adoptSnapshot(snapshot: Snapshot): DataStore {
    const previous = this.#state.data;
    const data = new DataStore(snapshot);
    if (previous?.snapshot.partial && !snapshot.partial)
      for (const layer of previous.loaded)
        if (!data.loaded.has(layer)) data.setLayers({ [layer]: previous.entries(layer) });
    this.#set('data', data);
    return data;
  }

  /** Applies the worker's reply to an edit; returns the layers whose features changed. */
  applyDelta(delta: Delta): FeatureLayer[] {
    const data = this.#state.data;
    if (!data) return [];
    return data.apply(delta);
  }

  // ---- imported datasets -----------------------------------------------------------------------

  setImported(list: readonly DatasetPayload[]): void {
    this.#set('imported', [...list]);
  }

  /** Adds an imported file, replacing the earlier one of its kind. */
  putImported(payload: DatasetPayload): void {
    this.#set('imported', [...this.#state.imported.filter((d) => d.kind !== payload.kind), payload]);
  }

  removeImported(kind: DatasetKind): void {
    this.#set(
      'imported',
      this.#state.imported.filter((d) => d.kind !== kind),
    );
  }

  hasImported(kind: DatasetKind): boolean {
    return this.#state.imported.some((d) => d.kind === kind);
  }

  // ---- the scenario ----------------------------------------------------------------------------

  /** A whole new scenario (a saved one, a file, none): one undo step per edit. */
  replaceEdits(edits: readonly Edit[]): void {
    this.#set('scenario', replaceEdits(edits));
  }

  /** The stored scenario of the last visit, with its undo steps when they still fit. */
  restoreScenario(edits: readonly Edit[], steps: unknown): void {
    this.#set('scenario', restoreScenario(edits, steps));
  }

  /** Adds edits as one undo step (one click, or all the rows "Accept all" takes). */
  addStep(edits: readonly Edit[]): void {
    this.#set('scenario', addStep(this.#state.scenario, edits));
  }

  /** Takes the last step out; false when there was none. */
  undo(): boolean {
    const before = this.#state.scenario;
    this.#set('scenario', undoStep(before));
    return this.#state.scenario !== before;
  }

  /** Puts the last undone step back; false when there was none. */
  redo(): boolean {
    const before = this.#state.scenario;
    this.#set('scenario', redoStep(before));
    return this.#state.scenario !== before;
  }

  /** Ids a new site or postal point must not take. */
  takenIds(layer: 'sites' | 'postal'): Set<string> {
    return takenIds(this.#state.scenario, this.#state.data?.keys(layer) ?? []);
  }

  // ---- the editor ------------------------------------------------------------------------------

  #editor(patch: Partial<AppState['editor']>): void {
    this.#set('editor', { ...this.#state.editor, ...patch });
  }

  setMode(mode: EditMode): void {
    this.#editor({ mode });
  }

  pick(picked: Picked | null): void {
    this.#editor({ picked });
  }

  setNewSite(newSite: NewSite): void {
    this.#editor({ newSite });
  }

  setNewPostal(newPostal: NewPostal): void {
    this.#editor({ newPostal });
  }

  setLastUpdate(lastUpdate: LastUpdate): void {
    this.#editor({ lastUpdate });
  }

  // ---- saved scenarios -------------------------------------------------------------------------

  setSaved(saved: readonly ScenarioFile[]): void {
    this.#set('library', { ...this.#state.library, saved: [...saved] });
  }

  setSaveName(saveName: string): void {
    this.#set('library', { ...this.#state.library, saveName });
  }

  // ---- the import form -------------------------------------------------------------------------

  #importer(patch: Partial<AppState['importer']>): void {
    this.#set('importer', { ...this.#state.importer, ...patch });
  }

  setImportKind(kind: DatasetKind | 'auto'): void {
    this.#importer({ kind });
  }

  setImportChoice(choice: ImportChoice): void {
    this.#importer({ choice });
  }

  setBusy(busy: boolean): void {
    this.#importer({ busy });
  }

  /** Adds the results of one import, newest first. */
  addReports(fresh: readonly ImportReport[]): void {
    this.#importer({ reports: [...fresh, ...this.#state.importer.reports].slice(0, KEPT_REPORTS) });
  }

  setImportQuestion(question: ImportQuestion | null): void {
    this.#importer({ question });
  }

  setImportOutcome(outcome: readonly ImportOutcome[]): void {
    this.#importer({ outcome });
  }

  /** Drops the reports of one file (its column form, once it is imported again with a mapping). */
  dropReportsOf(name: string): void {
    this.#importer({ reports: this.#state.importer.reports.filter((r) => r.name !== name) });
  }

  /** Everything stored is gone: no imports, no scenario, no saved scenarios, no import results. */
  clearAll(): void {
    this.setImported([]);
    this.replaceEdits([]);
    this.setSaved([]);
    this.#importer({ reports: [], outcome: [], question: null });
  }
}
