/**
 * The "Suggest sites" panel's form: what to plan (sites or postal points, scope, technology, operator,
 * radius, candidate sources and CSV, budget or target, measure) and the run row (run, clear, progress).
 */
import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import { TECHNOLOGIES, type Technology } from '../../core/base/types.ts';
import { DEFAULT_MOVE_RADIUS_M } from '../../core/planning/move_to_highest.ts';
import type { PlanStep } from '../../core/planning/plan_sites.ts';
import type { PlanMeasure } from '../../core/planning/plan_types.ts';
import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import { button, el, field, selectBox } from '../ui/dom.ts';
import { TERRAIN_PROGRESS } from '../worker/worker_protocol.ts';
import { chosenOperator, type SuggestContext, type SuggestState } from './suggest_state.ts';

/** The panel's state now, and how the form changes it (each change draws the panel again). */
export interface SuggestFormView {
  state(): SuggestState;
  set(patch: Partial<SuggestState>): void;
}

/** The form's fields for the current mode (postal: scope and radius only). */
export function suggestForm(view: SuggestFormView, ctx: SuggestContext): HTMLElement {
  const s = view.state();
  const mode = selectBox(
    [
      ['sites', t('suggest.modeSites')],
      ['postal', t('suggest.modePostal')],
    ],
    s.mode,
    (v) => view.set({ mode: v as SuggestState['mode'], result: null, error: null, accepted: new Map() }),
    { attrs: { id: 'suggest-mode' } },
  );
  if (!ctx.hasPostal) mode.querySelector<HTMLOptionElement>('option[value="postal"]')!.disabled = true;
  const scopes: [string, string][] = [['all', t('suggest.scopeAll')]];
  for (const p of ctx.provinces)
    scopes.push([`province:${p.id}`, t('suggest.scopeProvince', { name: p.name })]);
  if (ctx.selected)
    scopes.push([
      'selected',
      t(ctx.selected.level === 'commune' ? 'suggest.scopeCommune' : 'suggest.scopeDistrict', {
        name: ctx.selected.name,
      }),
    ]);
  const scope = selectBox(scopes, view.state().scope, (v) => view.set({ scope: v }), {
    attrs: { id: 'suggest-scope' },
  });
  const parts: HTMLElement[] = [field(t('suggest.mode'), mode), field(t('suggest.scope'), scope)];
  if (s.mode === 'postal') {
    parts.push(
      field(
        t('suggest.postalRadius'),
        numberInput('suggest-postal-radius', s.postalRadiusKm, 0.1, 100, 0.1, (v) =>
          view.set({ postalRadiusKm: v ?? 3 }),
        ),
      ),
    );
    return el('div', { className: 'subform' }, parts);
  }
  const tech = selectBox(
    TECHNOLOGIES.map((x) => [x, x] as const),
    s.technology,
    (v) => view.set({ technology: v as Technology }),
    { attrs: { id: 'suggest-technology' } },
  );
  const operators = ctx.operators.length ? ctx.operators : ['Viettel', 'VNPT', 'MobiFone'];
  const operator = selectBox(
    operators.map((o) => [o, o] as const),
    chosenOperator(s, ctx),
    (v) => view.set({ operator: v }),
    { attrs: { id: 'suggest-operator' } },
  );
  const only = el('input', { attrs: { type: 'checkbox', id: 'suggest-only-operator' } });
  only.checked = s.onlyOperator;
  only.addEventListener('change', () => view.set({ onlyOperator: only.checked }));
  const radii = DEFAULT_CONFIG.radii[s.technology];
  const radius = numberInput('suggest-radius', s.radius, 10, 100_000, 10, (v) => view.set({ radius: v }));
  radius.placeholder = t('suggest.radiusDefault', {
    rural: fmt.int(radii.rural),
    urban: fmt.int(radii.urban),
  });
  const source = (key: keyof SuggestState['sources'], label: MessageKey) => {
    const box = el('input', { attrs: { type: 'checkbox', id: `suggest-source-${key}` } });
    box.checked = s.sources[key];
    box.addEventListener('change', () =>
      view.set({ sources: { ...view.state().sources, [key]: box.checked } }),
    );
    return el('label', {}, [box, el('span', { text: t(label) })]);
  };
  const moveBox = el('input', { attrs: { type: 'checkbox', id: 'suggest-move-highest' } });
  moveBox.checked = s.moveHighest;
  moveBox.addEventListener('change', () => view.set({ moveHighest: moveBox.checked }));
  const moveRadius = numberInput('suggest-move-radius', s.moveRadius, 10, 10_000, 10, (v) =>
    view.set({ moveRadius: v ?? DEFAULT_MOVE_RADIUS_M }),
  );
  moveRadius.disabled = !s.moveHighest;
  const file = el('input', { attrs: { type: 'file', accept: '.csv,text/csv', id: 'suggest-csv' } });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    view.set({ csv: { name: f.name, text: await f.text() } });
  });
  const csvLine = s.csv
    ? el('div', { className: 'inline suggest-csv' }, [
        el('span', { className: 'muted', text: s.csv.name, attrs: { id: 'suggest-csv-name' } }),
        button(t('suggest.csvRemove'), () => view.set({ csv: null }), {
          className: 'small',
          attrs: { id: 'suggest-csv-remove' },
        }),
      ])
    : field(t('suggest.csv'), file);
  const goal = selectBox(
    [
      ['budget', t('suggest.goalBudget')],
      ['target', t('suggest.goalTarget')],
    ],
    s.goal,
    (v) => view.set({ goal: v as SuggestState['goal'] }),
    { attrs: { id: 'suggest-goal' } },
  );
  const amount =
    s.goal === 'budget'
      ? numberInput('suggest-k', s.k, 1, 500, 1, (v) =>
          view.set({ k: v === null ? 10 : Math.max(1, Math.round(v)) }),
        )
      : numberInput('suggest-target', s.target, 0.1, 100, 0.1, (v) => view.set({ target: v ?? 99 }));
  amount.setAttribute('aria-label', t(s.goal === 'budget' ? 'suggest.goalBudget' : 'suggest.goalTarget'));
  const measure = selectBox(
    [
      ['population', t('suggest.measurePopulation')],
      ['grid_villages', t('suggest.measureGrid')],
    ],
    s.measure,
    (v) => view.set({ measure: v as PlanMeasure }),
    { attrs: { id: 'suggest-measure' } },
  );
  parts.push(
    el('div', { className: 'two' }, [
      field(t('suggest.technology'), tech),
      field(t('suggest.operator'), operator),
    ]),
    el('label', { className: 'suggest-check' }, [only, el('span', { text: t('suggest.onlyOperator') })]),
    field(t('suggest.radius'), radius),
    el('fieldset', { className: 'checks' }, [
      el('legend', { text: t('suggest.sources') }),
      source('centres', 'suggest.sourceCentres'),
      source('villages', 'suggest.sourceVillages'),
      source('grid', 'suggest.sourceGrid'),
    ]),
    el('label', { className: 'suggest-check' }, [moveBox, el('span', { text: t('suggest.moveHighest') })]),
    field(t('suggest.moveRadius'), moveRadius),
    csvLine,
    el('div', { className: 'two' }, [field(t('suggest.goal'), goal), field('\u00a0', amount)]),
    field(t('suggest.measure'), measure),
  );
  return el('div', { className: 'subform' }, parts);
}

function numberInput(
  id: string,
  value: number | null,
  min: number,
  max: number,
  step: number,
  onChange: (v: number | null) => void,
): HTMLInputElement {
  const input = el('input', {
    attrs: { type: 'number', id, min: String(min), max: String(max), step: String(step) },
  });
  input.value = value === null ? '' : String(value);
  input.addEventListener('change', () => {
    const v = Number(input.value);
    onChange(input.value.trim() === '' || !Number.isFinite(v) ? null : Math.min(max, Math.max(min, v)));
  });
  return input;
}

/** The run and clear buttons and the status line (progress while running). */
export function runRow(s: SuggestState, actions: { run(): void; clear(): void }): HTMLElement {
  const run = button(t('suggest.run'), () => actions.run(), { attrs: { id: 'suggest-run' } });
  const clear = button(t('suggest.clear'), () => actions.clear(), { attrs: { id: 'suggest-clear' } });
  clear.disabled = s.result === null && s.error === null;
  const status = el('p', { className: 'muted', attrs: { id: 'suggest-status', 'aria-live': 'polite' } });
  if (s.running) {
    const bar = el('progress', { attrs: { max: String(Math.max(1, s.running.total)) } });
    bar.value = s.running.done;
    status.append(
      bar,
      ` ${t('suggest.running', {
        label: stepLabel(s.running.label),
        done: fmt.int(s.running.done),
        total: fmt.int(s.running.total),
      })}`,
    );
  }
  return el('div', {}, [el('div', { className: 'button-row' }, [run, clear]), status]);
}

/** The planner's step names (`PLAN_STEPS`; the postal planner's last step is 'done' too) as messages. */
const PLAN_STEP_KEYS: Record<PlanStep, MessageKey> = {
  'population points': 'suggest.step.points',
  'existing coverage': 'suggest.step.existing',
  candidates: 'suggest.step.candidates',
  'candidate footprints': 'suggest.step.footprints',
  greedy: 'suggest.step.greedy',
  done: 'suggest.step.done',
};

/**
 * A step's label in the page's language: the terrain footprint pool's and the planner's steps; any other
 * label (the postal planner names the commune it is at) as given.
 */
const stepLabel = (label: string): string => {
  if (label === TERRAIN_PROGRESS) return t('suggest.terrainStep');
  // The panel's own first line, before the worker's first step.
  if (label === '') return t('suggest.step.start');
  const key = Object.hasOwn(PLAN_STEP_KEYS, label) ? PLAN_STEP_KEYS[label as PlanStep] : undefined;
  return key ? t(key) : label;
};

/** The run's progress bar and label, drawn into the status line without redrawing the panel. */
export function renderProgress(status: Element, r: SuggestState['running']): void {
  if (!r) return;
  const bar = el('progress', { attrs: { max: String(Math.max(1, r.total)) } });
  bar.value = r.done;
  status.replaceChildren(
    bar,
    ` ${t('suggest.running', { label: stepLabel(r.label), done: fmt.int(r.done), total: fmt.int(r.total) })}`,
  );
}
