/**
 * The "Suggest sites" panel (issue 6), in #suggest-slot of the Scenario tab: where the next mobile
 * sites (or postal points) do the most good on the current scenario. The worker runs the CLI's
 * `planSites` / `suggestPostalPoints`; the panel shows the ranked rows, the cumulative coverage curve
 * and the candidates on the map, and accepting rows adds them to the what-if scenario as edits.
 *
 * This file holds the panel itself (its state, runs, accepting, the map layer); the form is in
 * suggest_form.ts, the results in suggest_results.ts and suggest_table.ts, the state and its pure
 * logic in suggest_state.ts.
 */
import './suggest.css';
import type { InputIssue } from '../../core/base/errors.ts';
import { t } from '../i18n/i18n.ts';
import type { ChosenPoint, SuggestLayer } from '../map/suggest_layer.ts';
import type { Edit } from '../state/scenario_edits.ts';
import { el } from '../ui/dom.ts';
import { renderWhenFree } from '../ui/pointer_guard.ts';
import type { SuggestRequest, SuggestResult } from '../worker/suggest_types.ts';
import { renderProgress, runRow, suggestForm } from './suggest_form.ts';
import { suggestResults } from './suggest_results.ts';
import {
  acceptedEdits,
  initialSuggestState,
  isAccepted,
  type SuggestContext,
  type SuggestState,
  suggestRequest,
} from './suggest_state.ts';

export type { SuggestContext } from './suggest_state.ts';

export interface SuggestDeps {
  /** Null until the data is loaded. */
  context(): SuggestContext | null;
  plan(
    request: SuggestRequest,
    onProgress: (done: number, total: number, label: string) => void,
  ): Promise<SuggestResult | null>;
  /** Adds edits to the scenario in one step (one recompute). */
  accept(edits: Edit[]): void;
  flyTo(lon: number, lat: number): void;
  layer: SuggestLayer;
}

export class SuggestPanel {
  private state: SuggestState = initialSuggestState();
  private run = 0;
  /** The data the results were computed on. */
  private resultKey: object | null = null;
  /** What the map layer shows now. */
  private drawn: { result: SuggestResult | null; accepted: string } = { result: null, accepted: '' };

  constructor(
    private readonly root: HTMLElement,
    private readonly deps: SuggestDeps,
  ) {}

  private set(patch: Partial<SuggestState>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  /**
   * Draws the panel again (after a language switch, an edit, a load, a selection); while a pointer is
   * pressed in the panel, once its click is over (a change of a box must not swallow the click).
   */
  render(): void {
    renderWhenFree(this.root, () => this.draw());
  }

  private draw(): void {
    const ctx = this.deps.context();
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
    if (!ctx) {
      this.root.replaceChildren();
      return;
    }
    if (this.resultKey !== null && this.resultKey !== ctx.loadKey) {
      // New data (another boundary set, an import): the plan no longer applies.
      this.run++;
      this.resultKey = null;
      this.state = { ...this.state, result: null, error: null, running: null, accepted: new Map() };
    }
    if (this.state.scope === 'selected' && !ctx.selected) this.state = { ...this.state, scope: 'all' };
    if (
      this.state.scope.startsWith('province:') &&
      !ctx.provinces.some((p) => `province:${p.id}` === this.state.scope)
    )
      this.state = { ...this.state, scope: 'all' };
    const section = el('section', { className: 'suggest', attrs: { 'aria-labelledby': 'suggest-title' } }, [
      el('h3', { text: t('suggest.title'), attrs: { id: 'suggest-title' } }),
      el('p', { className: 'muted', text: t('suggest.intro') }),
      suggestForm({ state: () => this.state, set: (patch) => this.set(patch) }, ctx),
      runRow(this.state, { run: () => void this.start(), clear: () => this.reset() }),
      ...suggestResults({
        state: this.state,
        ctx,
        flyTo: (lon, lat) => this.deps.flyTo(lon, lat),
        accept: (ranks) => this.accept(ranks),
      }),
    ]);
    this.root.replaceChildren(section);
    this.syncMap(ctx);
    if (focused) {
      const again = document.getElementById(focused);
      if (again && this.root.contains(again)) again.focus();
    }
  }

  // ---- running ------------------------------------------------------------------------------

  /** The request for the current form. */
  request(ctx: SuggestContext): SuggestRequest {
    return suggestRequest(this.state, ctx);
  }

  /** Runs the plan; a newer run supersedes this one (its result is dropped). */
  async start(): Promise<void> {
    const ctx = this.deps.context();
    if (!ctx) return;
    const token = ++this.run;
    const request = this.request(ctx);
    this.set({ running: { done: 0, total: 1, label: '' }, error: null });
    try {
      const result = await this.deps.plan(request, (done, total, label) => {
        if (token !== this.run) return;
        this.state = { ...this.state, running: { done, total, label } };
        const status = this.root.querySelector('#suggest-status');
        if (status) renderProgress(status, this.state.running);
      });
      if (token !== this.run || result === null) return;
      this.resultKey = ctx.loadKey;
      this.set({
        running: null,
        result,
        resultTarget: request.mode === 'sites' ? request.targetPct : null,
        accepted: new Map(),
      });
    } catch (error) {
      if (token !== this.run) return;
      const e = error as { message?: string; issues?: InputIssue[] };
      this.set({ running: null, error: { message: e.message ?? String(error), issues: e.issues ?? [] } });
    }
  }

  /** Clears the results and the map layer. */
  reset(): void {
    this.run++;
    this.set({ result: null, error: null, running: null, accepted: new Map() });
  }

  // ---- accepting ----------------------------------------------------------------------------

  /** Adds the rows of these ranks to the scenario, as one step. */
  accept(ranks: readonly number[]): void {
    const ctx = this.deps.context();
    const r = this.state.result;
    if (!ctx || !r) return;
    const { edits, accepted } = acceptedEdits(this.state, r, ctx, ranks);
    if (edits.length === 0) return;
    this.state = { ...this.state, accepted };
    this.deps.accept(edits);
  }

  /** The row of a rank, for a click on its numbered marker. */
  focusRank(rank: number): void {
    const button = this.root.querySelector<HTMLButtonElement>(`#suggest-fly-${rank}`);
    button?.focus();
    button?.scrollIntoView({ block: 'nearest' });
  }

  // ---- map ----------------------------------------------------------------------------------

  private syncMap(ctx: SuggestContext): void {
    const r = this.state.result;
    if (!r) {
      if (this.drawn.result !== null) this.deps.layer.clear();
      this.drawn = { result: null, accepted: '' };
      return;
    }
    // Redraw only what changed: the candidates with a new result, the chosen ones when marks change.
    const accepted = r.rows.map((row) => (isAccepted(this.state, ctx, row.rank) ? 1 : 0)).join('');
    if (this.drawn.result === r && this.drawn.accepted === accepted) return;
    const fresh = this.drawn.result !== r;
    this.drawn = { result: r, accepted };
    const chosen: ChosenPoint[] =
      r.mode === 'sites'
        ? r.rows.map((row) => ({
            rank: row.rank,
            id: row.candidate_id,
            lon: row.lon,
            lat: row.lat,
            radius_m: row.radius_m,
            accepted: isAccepted(this.state, ctx, row.rank),
          }))
        : r.rows.map((row) => ({
            rank: row.rank,
            id: `${row.commune_id}#${row.rank}`,
            lon: row.lon,
            lat: row.lat,
            radius_m: r.radiusKm * 1000,
            accepted: isAccepted(this.state, ctx, row.rank),
          }));
    this.deps.layer.set(fresh ? (r.mode === 'sites' ? r.candidates.points : []) : null, chosen);
  }
}
