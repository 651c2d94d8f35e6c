/**
 * The what-if scenario as undo steps: the edits in order, how many edits each undo step added (a click
 * adds one; "Accept all" in the Suggest panel adds its rows as one step), and the undone steps that
 * redo puts back. Pure values: every operation returns a new scenario.
 */
import type { Edit } from './scenario_edits.ts';

export interface Scenario {
  readonly edits: readonly Edit[];
  /** Edits per undo step, oldest first; their sum is `edits.length`. */
  readonly steps: readonly number[];
  /** Undone steps, each as its edits, the last undone last. */
  readonly redo: readonly (readonly Edit[])[];
}

export const EMPTY_SCENARIO: Scenario = { edits: [], steps: [], redo: [] };

/** A whole new scenario (a saved one, a file, none): one step per edit, nothing to redo. */
export function replaceEdits(edits: readonly Edit[]): Scenario {
  return { edits: [...edits], steps: edits.map(() => 1), redo: [] };
}

/** The stored scenario of the last visit: its steps when they still add up to its edits, else one per edit. */
export function restoreScenario(edits: readonly Edit[], steps: unknown): Scenario {
  const fresh = replaceEdits(edits);
  const valid =
    Array.isArray(steps) &&
    steps.every((n) => Number.isInteger(n) && n > 0) &&
    steps.reduce((a: number, b: number) => a + b, 0) === edits.length;
  return valid ? { ...fresh, steps: [...(steps as number[])] } : fresh;
}

/** Adds edits as one undo step; what was undone can no longer be redone. */
export function addStep(s: Scenario, added: readonly Edit[]): Scenario {
  if (added.length === 0) return s;
  return { edits: [...s.edits, ...added], steps: [...s.steps, added.length], redo: [] };
}

/** Takes the last step out (unchanged when there is none). */
export function undoStep(s: Scenario): Scenario {
  if (s.edits.length === 0) return s;
  const n = Math.min(s.edits.length, s.steps.at(-1) ?? 1);
  return { edits: s.edits.slice(0, -n), steps: s.steps.slice(0, -1), redo: [...s.redo, s.edits.slice(-n)] };
}

/** Puts the last undone step back (unchanged when there is none). */
export function redoStep(s: Scenario): Scenario {
  const next = s.redo.at(-1);
  if (!next) return s;
  return { edits: [...s.edits, ...next], steps: [...s.steps, next.length], redo: s.redo.slice(0, -1) };
}

/**
 * Ids a new item must not take: those of the data (`existing`), plus every id the scenario adds (sites
 * and postal points alike), undone steps included, so that a redo never brings back a second item with
 * an id given out since.
 */
export function takenIds(s: Scenario, existing: Iterable<string>): Set<string> {
  const ids = new Set(existing);
  for (const e of [...s.edits, ...s.redo.flat()]) {
    if (e.kind === 'add-site') ids.add(e.site.id);
    if (e.kind === 'add-postal') ids.add(e.point.id);
  }
  return ids;
}
