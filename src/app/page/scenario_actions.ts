/**
 * The what-if panel's actions: the new site's or point's parameters, undo / redo / reset, saving,
 * loading and removing scenarios in the browser, and the scenario and report.json downloads.
 */
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import type { ScenarioActions as PanelActions } from '../panels/scenario_panel.ts';
import type { ScenarioFile } from '../state/scenario_edits.ts';
import { download } from '../ui/dom.ts';
import type { Page } from './page.ts';

export class ScenarioActions {
  readonly actions: PanelActions;

  constructor(private readonly page: Page) {
    // The other controllers are reached through the page when an action runs, not now.
    this.actions = {
      setMode: (mode) => page.editing.setMode(mode),
      setNewSite: (patch) => {
        page.store.setNewSite({ ...page.store.state.editor.newSite, ...patch });
        page.render.scenario();
      },
      setNewPostal: (patch) => {
        page.store.setNewPostal({ ...page.store.state.editor.newPostal, ...patch });
        page.render.scenario();
      },
      addAtCentre: () => page.editing.addAtCentre(),
      movePicked: (lon, lat) => page.editing.movePicked(lon, lat),
      deletePicked: () => page.editing.deletePicked(),
      undo: () => {
        if (page.store.undo()) void page.loader.runEdits();
      },
      redo: () => {
        if (page.store.redo()) void page.loader.runEdits();
      },
      reset: () => {
        page.store.replaceEdits([]);
        page.editing.clearPick();
        void page.loader.runEdits();
      },
      setSaveName: (name) => page.store.setSaveName(name),
      save: () => void this.#save(),
      load: (name) => {
        const s = page.store.state.library.saved.find((x) => x.name === name);
        if (!s) return;
        page.store.replaceEdits([...s.edits]);
        page.editing.clearPick();
        page.render.status(t('scenario.loaded', { name }));
        void page.loader.runEdits();
      },
      remove: (name) => void this.#remove(name),
      exportScenario: () => {
        const file: ScenarioFile = {
          format: 'vungphu-scenario',
          version: 1,
          name: page.store.state.library.saveName.trim() || 'scenario',
          saved_at: new Date().toISOString(),
          edits: [...page.store.edits],
        };
        download('vungphu-scenario.json', JSON.stringify(file, null, 1), 'application/json');
      },
      exportReport: () => void this.#exportReport(),
    };
  }

  async #save(): Promise<void> {
    const { store, storage, render } = this.page;
    const name =
      store.state.library.saveName.trim() ||
      t('scenario.defaultName', { date: fmt.dateTime(new Date().toISOString()) });
    const scenario: ScenarioFile = {
      format: 'vungphu-scenario',
      version: 1,
      name,
      saved_at: new Date().toISOString(),
      edits: [...store.edits],
    };
    if (!storage) {
      render.status(t('data.notPersistent'), 'error');
      return;
    }
    await storage.saveScenario(scenario);
    store.setSaved(await storage.scenarios());
    store.setSaveName('');
    render.status(t('scenario.savedAs', { name }));
    render.scenario();
  }

  async #remove(name: string): Promise<void> {
    const { store, storage, render } = this.page;
    await storage?.removeScenario(name);
    store.setSaved((await storage?.scenarios()) ?? []);
    render.scenario();
  }

  async #exportReport(): Promise<void> {
    const json = await this.page.client.reportJson();
    download('report.json', json, 'application/json');
  }
}
