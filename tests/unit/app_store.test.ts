/**
 * The app's store (src/app/state/app_store.ts) and its scenario model (scenario.ts): undo steps, redo,
 * ids a new item must not take, the stored session's steps, the import results kept, and what the
 * subscribers hear. Pure: no DOM, no map, no worker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppStore, type Slice } from '../../src/app/state/app_store.ts';
import {
  addStep,
  EMPTY_SCENARIO,
  redoStep,
  replaceEdits,
  restoreScenario,
  type Scenario,
  takenIds,
  undoStep,
} from '../../src/app/state/scenario.ts';
import type { Edit } from '../../src/app/state/scenario_edits.ts';
import { DEFAULT_VIEW } from '../../src/app/state/view_state.ts';
import { failedImport } from '../../src/app/worker/worker_protocol.ts';

const addSite = (id: string): Edit => ({
  kind: 'add-site',
  site: { id, operator: 'Viettel', lon: 108, lat: 14, technologies: ['5G'] },
});
const del = (id: string): Edit => ({ kind: 'delete-site', id });

describe('scenario undo steps', () => {
  it('one undo takes out a whole step ("Accept all"), redo puts it back', () => {
    let s = replaceEdits([del('A')]);
    s = addStep(s, [addSite('S1'), addSite('S2'), addSite('S3')]);
    expect(s.steps).toEqual([1, 3]);
    s = undoStep(s);
    expect(s.edits).toEqual([del('A')]);
    expect(s.redo).toEqual([[addSite('S1'), addSite('S2'), addSite('S3')]]);
    s = redoStep(s);
    expect(s.edits.map((e) => (e.kind === 'add-site' ? e.site.id : e.kind))).toEqual([
      'delete-site',
      'S1',
      'S2',
      'S3',
    ]);
    expect(s.redo).toEqual([]);
  });

  it('a new step clears what could be redone; undo and redo on nothing change nothing', () => {
    let s = addStep(EMPTY_SCENARIO, [addSite('X')]);
    s = undoStep(s);
    expect(undoStep(s)).toBe(s);
    s = addStep(s, [addSite('Y')]);
    expect(s.redo).toEqual([]);
    expect(redoStep(s)).toBe(s);
  });

  it('undo then redo of any sequence of steps gives the same scenario back (property)', () => {
    const step = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.nat(10), (steps, undos) => {
        let s: Scenario = EMPTY_SCENARIO;
        for (const ids of steps) s = addStep(s, ids.map(addSite));
        const full = s;
        for (let i = 0; i < undos; i++) s = undoStep(s);
        const n = Math.min(undos, steps.length);
        expect(s.steps).toEqual(full.steps.slice(0, full.steps.length - n));
        expect(s.edits.length).toBe(s.steps.reduce((a, b) => a + b, 0));
        for (let i = 0; i < undos; i++) s = redoStep(s);
        expect(s.edits).toEqual(full.edits);
        expect(s.steps).toEqual(full.steps);
      }),
      { seed: 18, numRuns: 200 },
    );
  });

  it('the stored steps are kept only when they add up to the stored edits', () => {
    const edits = [addSite('A'), addSite('B'), addSite('C')];
    expect(restoreScenario(edits, [1, 2]).steps).toEqual([1, 2]);
    expect(restoreScenario(edits, [2, 2]).steps).toEqual([1, 1, 1]);
    expect(restoreScenario(edits, [3, 0]).steps).toEqual([1, 1, 1]);
    expect(restoreScenario(edits, 'junk').steps).toEqual([1, 1, 1]);
    expect(restoreScenario(edits, null).steps).toEqual([1, 1, 1]);
  });

  it('ids taken: the data, the added items and the undone ones', () => {
    let s = addStep(EMPTY_SCENARIO, [addSite('KB-TRAM-1')]);
    s = addStep(s, [addSite('KB-TRAM-2')]);
    s = undoStep(s);
    expect([...takenIds(s, ['T1'])].sort()).toEqual(['KB-TRAM-1', 'KB-TRAM-2', 'T1']);
  });
});

describe('AppStore', () => {
  it('named actions change their own part of the state and leave every other part as it was', () => {
    const store = new AppStore(DEFAULT_VIEW);
    const parts: Slice[] = ['view', 'data', 'imported', 'scenario', 'editor', 'library', 'importer'];
    const changedBy = (action: () => void): Slice[] => {
      const before = store.state;
      action();
      return parts.filter((k) => store.state[k] !== before[k]);
    };
    expect(changedBy(() => store.setView({ technology: '5G' }))).toEqual(['view']);
    expect(changedBy(() => store.addStep([addSite('A')]))).toEqual(['scenario']);
    expect(changedBy(() => store.setMode({ kind: 'add-site' }))).toEqual(['editor']);
    expect(changedBy(() => store.setSaveName('x'))).toEqual(['library']);
    expect(changedBy(() => store.setBusy(true))).toEqual(['importer']);
    expect(changedBy(() => store.setImported([]))).toEqual(['imported']);
    expect(changedBy(() => store.undo() && store.undo())).toEqual(['scenario']);
    expect(changedBy(() => store.undo())).toEqual([]);
  });

  it('a state, once read, never changes under the reader', () => {
    const store = new AppStore(DEFAULT_VIEW);
    const before = store.state;
    store.addStep([addSite('A')]);
    store.selectUnit('commune', '23557');
    expect(before.scenario.edits).toEqual([]);
    expect(before.view.selection).toEqual({ kind: 'none' });
    expect(store.view.selection).toEqual({ kind: 'unit', level: 'commune', id: '23557' });
  });

  it('undo and redo say whether they did anything', () => {
    const store = new AppStore(DEFAULT_VIEW);
    expect(store.undo()).toBe(false);
    store.addStep([addSite('A'), addSite('B')]);
    expect(store.undo()).toBe(true);
    expect(store.edits).toEqual([]);
    expect(store.redo()).toBe(true);
    expect(store.redo()).toBe(false);
    expect(store.edits).toHaveLength(2);
  });

  it('a new boundary set drops the selection and the camera; clearAll empties what was stored', () => {
    const store = new AppStore({ ...DEFAULT_VIEW, camera: { lon: 108, lat: 14, zoom: 9 } });
    store.selectUnit('commune', '1');
    store.switchBoundarySet('2025');
    expect(store.view).toMatchObject({ boundarySet: '2025', selection: { kind: 'none' }, camera: null });
    store.putImported({ kind: 'sites', name: 'a.csv', bytes: new ArrayBuffer(1), importedAt: '' });
    store.putImported({ kind: 'sites', name: 'b.csv', bytes: new ArrayBuffer(1), importedAt: '' });
    expect(store.state.imported.map((d) => d.name)).toEqual(['b.csv']);
    store.addStep([addSite('A')]);
    store.addReports([failedImport('sites', 'x.csv', 'bad')]);
    store.clearAll();
    expect(store.state.imported).toEqual([]);
    expect(store.edits).toEqual([]);
    expect(store.state.importer.reports).toEqual([]);
  });

  it('keeps the ten newest import results, newest first', () => {
    const store = new AppStore(DEFAULT_VIEW);
    for (let i = 0; i < 12; i++) store.addReports([failedImport('sites', `f${i}.csv`, 'bad')]);
    const names = store.state.importer.reports.map((r) => r.name);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('f11.csv');
    expect(names.at(-1)).toBe('f2.csv');
  });
});
