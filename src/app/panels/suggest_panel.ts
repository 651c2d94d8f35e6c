/**
 * The "Suggest sites" panel (issue 6), in #suggest-slot of the Scenario tab: where the next mobile
 * sites (or postal points) do the most good on the current scenario. The worker runs the CLI's
 * `planSites` / `suggestPostalPoints`; the panel shows the ranked rows, the cumulative coverage curve
 * and the candidates on the map, and accepting rows adds them to the what-if scenario as edits.
 */
import './suggest.css';
import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import type { InputIssue } from '../../core/base/errors.ts';
import type { PostalPoint } from '../../core/base/infrastructure.ts';
import { type Site, TECHNOLOGIES, type Technology } from '../../core/base/types.ts';
import type { PlanMeasure, PlanScope } from '../../core/planning/plan_types.ts';
import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import { issueText } from '../i18n/issue_text.ts';
import type { ChosenPoint, SuggestLayer } from '../map/suggest_layer.ts';
import { type Edit, freshId } from '../state/scenario_edits.ts';
import { button, el, field, selectBox } from '../ui/dom.ts';
import type {
  PostalSuggestResult,
  SiteSuggestResult,
  SuggestRequest,
  SuggestResult,
} from '../worker/suggest_types.ts';
import { curveChart } from './suggest_chart.ts';

/** What the panel needs to know about the app, read at every render. */
export interface SuggestContext {
  /** Changes identity when the data is loaded again (results of older data are then dropped). */
  loadKey: object;
  provinces: { id: string; name: string }[];
  /** The commune or district selected on the map, if any. */
  selected: { level: 'commune' | 'district'; id: string; name: string } | null;
  operators: readonly string[];
  hasPostal: boolean;
  edits: readonly Edit[];
  /** Ids in use (data, scenario, redo stack), so accepted suggestions get unique ids. */
  takenIds(layer: 'sites' | 'postal'): Set<string>;
}

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

/** Rows shown in the table; "Accept all" takes them all. */
const MAX_TABLE_ROWS = 200;

interface State {
  mode: 'sites' | 'postal';
  technology: Technology;
  operator: string | null;
  onlyOperator: boolean;
  radius: number | null;
  sources: { centres: boolean; villages: boolean; grid: boolean };
  csv: { name: string; text: string } | null;
  goal: 'budget' | 'target';
  k: number;
  target: number;
  measure: PlanMeasure;
  /** 'all', 'province:<id>' or 'selected'. */
  scope: string;
  postalRadiusKm: number;
  running: { done: number; total: number; label: string } | null;
  error: { message: string; issues: InputIssue[] } | null;
  result: SuggestResult | null;
  /** The target of the run shown (for the chart). */
  resultTarget: number | null;
  /** Rank → id of the site or point its acceptance added. */
  accepted: Map<number, string>;
}

export class SuggestPanel {
  private state: State = {
    mode: 'sites',
    technology: '5G',
    operator: null,
    onlyOperator: false,
    radius: null,
    sources: { centres: true, villages: true, grid: true },
    csv: null,
    goal: 'budget',
    k: 10,
    target: 99,
    measure: 'population',
    scope: 'all',
    postalRadiusKm: 3,
    running: null,
    error: null,
    result: null,
    resultTarget: null,
    accepted: new Map(),
  };
  private run = 0;
  /** The data the results were computed on. */
  private resultKey: object | null = null;
  /** What the map layer shows now. */
  private drawn: { result: SuggestResult | null; accepted: string } = { result: null, accepted: '' };

  constructor(
    private readonly root: HTMLElement,
    private readonly deps: SuggestDeps,
  ) {}

  private set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  /** Draws the panel again (after a language switch, an edit, a load, a selection). */
  render(): void {
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
      this.form(ctx),
      this.runRow(),
      ...this.results(ctx),
    ]);
    this.root.replaceChildren(section);
    this.syncMap(ctx);
    if (focused) {
      const again = document.getElementById(focused);
      if (again && this.root.contains(again)) again.focus();
    }
  }

  // ---- form ---------------------------------------------------------------------------------

  private form(ctx: SuggestContext): HTMLElement {
    const s = this.state;
    const mode = selectBox(
      [
        ['sites', t('suggest.modeSites')],
        ['postal', t('suggest.modePostal')],
      ],
      s.mode,
      (v) => this.set({ mode: v as State['mode'], result: null, error: null, accepted: new Map() }),
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
    const scope = selectBox(scopes, this.state.scope, (v) => this.set({ scope: v }), {
      attrs: { id: 'suggest-scope' },
    });
    const parts: HTMLElement[] = [field(t('suggest.mode'), mode), field(t('suggest.scope'), scope)];
    if (s.mode === 'postal') {
      parts.push(
        field(
          t('suggest.postalRadius'),
          this.numberInput('suggest-postal-radius', s.postalRadiusKm, 0.1, 100, 0.1, (v) =>
            this.set({ postalRadiusKm: v ?? 3 }),
          ),
        ),
      );
      return el('div', { className: 'subform' }, parts);
    }
    const tech = selectBox(
      TECHNOLOGIES.map((x) => [x, x] as const),
      s.technology,
      (v) => this.set({ technology: v as Technology }),
      { attrs: { id: 'suggest-technology' } },
    );
    const operators = ctx.operators.length ? ctx.operators : ['Viettel', 'VNPT', 'MobiFone'];
    const operator = selectBox(
      operators.map((o) => [o, o] as const),
      this.operator(ctx),
      (v) => this.set({ operator: v }),
      { attrs: { id: 'suggest-operator' } },
    );
    const only = el('input', { attrs: { type: 'checkbox', id: 'suggest-only-operator' } });
    only.checked = s.onlyOperator;
    only.addEventListener('change', () => this.set({ onlyOperator: only.checked }));
    const radii = DEFAULT_CONFIG.radii[s.technology];
    const radius = this.numberInput('suggest-radius', s.radius, 10, 100_000, 10, (v) =>
      this.set({ radius: v }),
    );
    radius.placeholder = t('suggest.radiusDefault', {
      rural: fmt.int(radii.rural),
      urban: fmt.int(radii.urban),
    });
    const source = (key: keyof State['sources'], label: MessageKey) => {
      const box = el('input', { attrs: { type: 'checkbox', id: `suggest-source-${key}` } });
      box.checked = s.sources[key];
      box.addEventListener('change', () =>
        this.set({ sources: { ...this.state.sources, [key]: box.checked } }),
      );
      return el('label', {}, [box, el('span', { text: t(label) })]);
    };
    const file = el('input', { attrs: { type: 'file', accept: '.csv,text/csv', id: 'suggest-csv' } });
    file.addEventListener('change', async () => {
      const f = file.files?.[0];
      if (!f) return;
      this.set({ csv: { name: f.name, text: await f.text() } });
    });
    const csvLine = s.csv
      ? el('div', { className: 'inline suggest-csv' }, [
          el('span', { className: 'muted', text: s.csv.name, attrs: { id: 'suggest-csv-name' } }),
          button(t('suggest.csvRemove'), () => this.set({ csv: null }), {
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
      (v) => this.set({ goal: v as State['goal'] }),
      { attrs: { id: 'suggest-goal' } },
    );
    const amount =
      s.goal === 'budget'
        ? this.numberInput('suggest-k', s.k, 1, 500, 1, (v) =>
            this.set({ k: v === null ? 10 : Math.max(1, Math.round(v)) }),
          )
        : this.numberInput('suggest-target', s.target, 0.1, 100, 0.1, (v) => this.set({ target: v ?? 99 }));
    amount.setAttribute('aria-label', t(s.goal === 'budget' ? 'suggest.goalBudget' : 'suggest.goalTarget'));
    const measure = selectBox(
      [
        ['population', t('suggest.measurePopulation')],
        ['grid_villages', t('suggest.measureGrid')],
      ],
      s.measure,
      (v) => this.set({ measure: v as PlanMeasure }),
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
      csvLine,
      el('div', { className: 'two' }, [field(t('suggest.goal'), goal), field('\u00a0', amount)]),
      field(t('suggest.measure'), measure),
    );
    return el('div', { className: 'subform' }, parts);
  }

  private operator(ctx: SuggestContext): string {
    const ops = ctx.operators.length ? ctx.operators : ['Viettel'];
    return this.state.operator !== null && ops.includes(this.state.operator) ? this.state.operator : ops[0]!;
  }

  private numberInput(
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

  private runRow(): HTMLElement {
    const s = this.state;
    const run = button(t('suggest.run'), () => void this.start(), { attrs: { id: 'suggest-run' } });
    const clear = button(t('suggest.clear'), () => this.reset(), { attrs: { id: 'suggest-clear' } });
    clear.disabled = s.result === null && s.error === null;
    const status = el('p', { className: 'muted', attrs: { id: 'suggest-status', 'aria-live': 'polite' } });
    if (s.running) {
      const bar = el('progress', { attrs: { max: String(Math.max(1, s.running.total)) } });
      bar.value = s.running.done;
      status.append(
        bar,
        ` ${t('suggest.running', {
          label: s.running.label,
          done: fmt.int(s.running.done),
          total: fmt.int(s.running.total),
        })}`,
      );
    }
    return el('div', {}, [el('div', { className: 'button-row' }, [run, clear]), status]);
  }

  // ---- running ------------------------------------------------------------------------------

  /** The request for the current form. */
  request(ctx: SuggestContext): SuggestRequest {
    const s = this.state;
    const scope: PlanScope =
      s.scope === 'selected' && ctx.selected
        ? { kind: ctx.selected.level, id: ctx.selected.id }
        : s.scope.startsWith('province:')
          ? { kind: 'province', id: s.scope.slice('province:'.length) }
          : { kind: 'all' };
    if (s.mode === 'postal') return { mode: 'postal', radiusKm: s.postalRadiusKm, scope };
    return {
      mode: 'sites',
      technology: s.technology,
      operator: s.onlyOperator ? this.operator(ctx) : null,
      radius_m: s.radius,
      sources: { ...s.sources },
      candidatesCsv: s.csv,
      k: s.goal === 'budget' ? s.k : null,
      targetPct: s.goal === 'target' ? s.target : null,
      measure: s.measure,
      scope,
    };
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
        if (status) this.renderProgressInto(status);
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

  private renderProgressInto(status: Element): void {
    const r = this.state.running;
    if (!r) return;
    const bar = el('progress', { attrs: { max: String(Math.max(1, r.total)) } });
    bar.value = r.done;
    status.replaceChildren(
      bar,
      ` ${t('suggest.running', { label: r.label, done: fmt.int(r.done), total: fmt.int(r.total) })}`,
    );
  }

  /** Clears the results and the map layer. */
  reset(): void {
    this.run++;
    this.set({ result: null, error: null, running: null, accepted: new Map() });
  }

  // ---- results ------------------------------------------------------------------------------

  private isAccepted(ctx: SuggestContext, rank: number): boolean {
    const id = this.state.accepted.get(rank);
    if (id === undefined) return false;
    return ctx.edits.some(
      (e) => (e.kind === 'add-site' && e.site.id === id) || (e.kind === 'add-postal' && e.point.id === id),
    );
  }

  private results(ctx: SuggestContext): Element[] {
    const s = this.state;
    const out: Element[] = [];
    if (s.error) {
      out.push(
        el('div', { className: 'suggest-error', attrs: { role: 'alert', id: 'suggest-error' } }, [
          el('p', { text: t('suggest.failed', { message: s.error.message }) }),
          ...s.error.issues.slice(0, 8).map((i) => el('p', { className: 'muted', text: issueText(i) })),
        ]),
      );
    }
    const r = s.result;
    if (!r) return out;
    out.push(...(r.mode === 'sites' ? this.siteResults(ctx, r) : this.postalResults(ctx, r)));
    return out;
  }

  private siteResults(ctx: SuggestContext, r: SiteSuggestResult): Element[] {
    const byPop = r.measure === 'population';
    const last = r.curve[r.curve.length - 1]!;
    const gained = r.rows.reduce((sum, row) => sum + row.gained_population, 0);
    const pct = (v: number) => fmt.percent(v, 2);
    const lines: Element[] = [
      el('p', {
        attrs: { id: 'suggest-summary' },
        text: t('suggest.summarySites', {
          tech: r.technology,
          measure: t(byPop ? 'suggest.measurePopulation' : 'suggest.measureGrid'),
          before: pct(byPop ? r.existing.population_pct : r.existing.measure_pct),
          after: pct(byPop ? last.population_pct : last.measure_pct),
          n: fmt.int(r.rows.length),
          people: fmt.int(gained),
          ms: fmt.ms(r.ms),
        }),
      }),
      el('p', {
        className: 'muted',
        attrs: { id: 'suggest-candidates' },
        text: t('suggest.candidatesCount', {
          total: fmt.int(r.candidates.total),
          useful: fmt.int(r.candidates.useful),
          shown: fmt.int(r.candidates.points.length),
        }),
      }),
    ];
    const st = r.status;
    const missing = (v: number) =>
      t(byPop ? 'suggest.people' : 'suggest.villages', { n: fmt.int(Math.ceil(v - 1e-9)) });
    if (st.kind === 'reached')
      lines.push(
        el('p', {
          className: 'suggest-ok',
          attrs: { id: 'suggest-status-line' },
          text: t('suggest.reached', {
            target: pct(st.target_pct),
            achieved: pct(st.achieved_pct),
            n: fmt.int(st.sites),
          }),
        }),
      );
    else if (st.kind === 'not_reached')
      lines.push(
        el('p', {
          className: 'suggest-warn',
          attrs: { id: 'suggest-status-line', role: 'status' },
          text: t('suggest.notReached', {
            target: pct(st.target_pct),
            achieved: pct(st.achieved_pct),
            n: fmt.int(r.rows.length),
            short: fmt.decimal(st.shortfall_pct, 2),
            missing: missing(st.shortfall_measure),
          }),
        }),
      );
    else if (st.exhausted)
      lines.push(
        el('p', {
          className: 'suggest-warn',
          attrs: { id: 'suggest-status-line' },
          text: t('suggest.exhausted', { n: fmt.int(st.chosen), k: fmt.int(st.requested_k) }),
        }),
      );
    if (r.csvRows)
      lines.push(
        el('p', {
          className: 'muted',
          text: t('suggest.csvLoaded', {
            name: this.state.csv?.name ?? '',
            kept: fmt.int(r.csvRows.kept),
            total: fmt.int(r.csvRows.total),
          }),
        }),
      );
    if (r.csvIssues.length)
      lines.push(
        el('div', { className: 'suggest-issues', attrs: { id: 'suggest-csv-issues' } }, [
          el('p', { className: 'muted', text: t('suggest.csvIssues') }),
          el(
            'ul',
            {},
            r.csvIssues.slice(0, 10).map((i) => el('li', { text: issueText(i) })),
          ),
        ]),
      );
    if (r.rows.length === 0) {
      lines.push(el('p', { className: 'muted', text: t('suggest.none') }));
      return lines;
    }
    lines.push(
      curveChart(
        r.curve.map((c) => ({ sites: c.sites, pct: byPop ? c.population_pct : c.measure_pct })),
        {
          title: t('suggest.chartTitle'),
          xLabel: t('suggest.chartX'),
          targetLabel: t('suggest.chartTarget'),
          target: this.state.resultTarget,
          format: (v) => fmt.percent(v, 1),
          tick: (v) => fmt.int(v),
        },
      ),
    );
    if (byPop) lines.push(el('p', { className: 'muted', text: t('suggest.modelNote') }));
    const head = [
      t('suggest.colRank'),
      `${t('suggest.colId')} · ${t('suggest.colCommune')}`,
      t('suggest.colGained'),
      t('suggest.colCumulative'),
      ...(r.costAware ? [t('suggest.colCost')] : []),
      t('suggest.colAccept'),
    ];
    const body = r.rows
      .slice(0, MAX_TABLE_ROWS)
      .map((row) =>
        this.tableRow(
          ctx,
          row.rank,
          row.candidate_id,
          row.commune_name ?? row.commune_id ?? '–',
          row.lon,
          row.lat,
          [
            fmt.int(row.gained_population),
            pct(byPop ? row.cumulative_population_pct : row.cumulative_measure_pct),
            ...(r.costAware ? [fmt.decimal(row.cost_per_person, 0, 2)] : []),
          ],
          [true, true, true],
        ),
      );
    lines.push(this.table(ctx, head, body, r.rows.length));
    return lines;
  }

  private postalResults(ctx: SuggestContext, r: PostalSuggestResult): Element[] {
    const km = (v: number) => fmt.km(v, v % 1 === 0 ? 0 : 1);
    const x = r.totals;
    const lines: Element[] = [
      el('p', {
        attrs: { id: 'suggest-summary' },
        text: t('suggest.summaryPostal', {
          n: fmt.int(x.suggested),
          needed: fmt.int(x.needed_for_radius),
          r: km(r.radiusKm),
          before: fmt.int(x.far_population_before),
          after: fmt.int(x.far_population_after),
          gained: fmt.int(x.population_gained),
          ms: fmt.ms(r.ms),
        }),
      }),
      el('p', {
        className: 'muted',
        text: t('suggest.postalFailing', {
          r: km(r.radiusKm),
          n: fmt.int(x.communes_failing_radius_before),
          m: fmt.int(x.communes_without_staffed_point_before),
        }),
      }),
    ];
    if (r.rows.length === 0) {
      lines.push(el('p', { className: 'muted', text: t('suggest.none') }));
      return lines;
    }
    const head = [
      t('suggest.colRank'),
      `${t('suggest.colCommune')} · ${t('suggest.colLonLat')}`,
      t('suggest.colReason'),
      t('suggest.colGained'),
      t('suggest.colAccept'),
    ];
    const body = r.rows
      .slice(0, MAX_TABLE_ROWS)
      .map((row) =>
        this.tableRow(
          ctx,
          row.rank,
          row.commune_name,
          null,
          row.lon,
          row.lat,
          [t(`suggest.reason.${row.reason}` as MessageKey), fmt.int(row.gained_population)],
          [false, true],
        ),
      );
    lines.push(this.table(ctx, head, body, r.rows.length));
    return lines;
  }

  /** One row: rank, a button that flies to the place, the cells, and its accept button. */
  private tableRow(
    ctx: SuggestContext,
    rank: number,
    label: string,
    place: string | null,
    lon: number,
    lat: number,
    cells: string[],
    numeric: readonly boolean[],
  ): HTMLTableRowElement {
    const done = this.isAccepted(ctx, rank);
    const fly = button(label, () => this.deps.flyTo(lon, lat), {
      className: 'link',
      attrs: { 'aria-label': t('suggest.flyTo', { id: label }), id: `suggest-fly-${rank}` },
    });
    const accept = done
      ? el('span', { className: 'suggest-accepted', text: t('suggest.accepted') })
      : button(t('suggest.accept'), () => this.accept([rank]), {
          className: 'small',
          attrs: { 'aria-label': t('suggest.acceptLabel', { id: label }), id: `suggest-accept-${rank}` },
        });
    return el('tr', { className: done ? 'accepted' : '', dataset: { rank: String(rank) } }, [
      el('td', { className: 'num', text: fmt.int(rank) }),
      el('td', { className: 'suggest-where' }, [
        fly,
        el('span', {
          className: 'muted-line',
          text: [place, `${fmt.decimal(lat, 5)}, ${fmt.decimal(lon, 5)}`]
            .filter((x) => x !== null)
            .join(' · '),
        }),
      ]),
      ...cells.map((c, i) => el('td', { className: numeric[i] ? 'num' : '', text: c })),
      el('td', {}, [accept]),
    ]);
  }

  private table(
    ctx: SuggestContext,
    head: string[],
    body: HTMLTableRowElement[],
    total: number,
  ): HTMLElement {
    const s = this.state;
    const open = (s.result?.rows ?? []).filter((row) => !this.isAccepted(ctx, row.rank));
    const all = button(t('suggest.acceptAll'), () => this.accept(open.map((row) => row.rank)), {
      attrs: { id: 'suggest-accept-all' },
    });
    all.disabled = open.length === 0;
    return el('div', {}, [
      el('div', { className: 'button-row' }, [all]),
      el('div', { className: 'suggest-table-wrap' }, [
        el('table', { className: 'small-table suggest-table', attrs: { id: 'suggest-table' } }, [
          el('thead', {}, [
            el(
              'tr',
              {},
              head.map((h) => el('th', { text: h, attrs: { scope: 'col' } })),
            ),
          ]),
          el('tbody', {}, body),
        ]),
      ]),
      ...(total > body.length
        ? [
            el('p', {
              className: 'muted',
              text: t('suggest.tableMore', { shown: fmt.int(body.length), total: fmt.int(total) }),
            }),
          ]
        : []),
    ]);
  }

  // ---- accepting ----------------------------------------------------------------------------

  /** Adds the rows of these ranks to the scenario, as one step. */
  accept(ranks: readonly number[]): void {
    const ctx = this.deps.context();
    const r = this.state.result;
    if (!ctx || !r) return;
    const taken = ctx.takenIds(r.mode === 'sites' ? 'sites' : 'postal');
    const accepted = new Map(this.state.accepted);
    const edits: Edit[] = [];
    for (const rank of ranks) {
      if (this.isAccepted(ctx, rank)) continue;
      if (r.mode === 'sites') {
        const row = r.rows.find((x) => x.rank === rank);
        if (!row) continue;
        const id = taken.has(row.candidate_id) ? freshId(`${row.candidate_id}-`, taken) : row.candidate_id;
        taken.add(id);
        const site: Site = {
          id,
          operator: this.operator(ctx),
          lon: row.lon,
          lat: row.lat,
          technologies: [r.technology],
          radius_m: row.radius_m,
        };
        edits.push({ kind: 'add-site', site });
        accepted.set(rank, id);
      } else {
        const row = r.rows.find((x) => x.rank === rank);
        if (!row) continue;
        const id = freshId(`GY-BC-${row.commune_id}-`, taken);
        taken.add(id);
        const point: PostalPoint = {
          id,
          lon: row.lon,
          lat: row.lat,
          type: 'cultural_post_point',
          staffed: true,
          internet: true,
          online_public_services: true,
        };
        edits.push({ kind: 'add-postal', point });
        accepted.set(rank, id);
      }
    }
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
    const accepted = r.rows.map((row) => (this.isAccepted(ctx, row.rank) ? 1 : 0)).join('');
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
            accepted: this.isAccepted(ctx, row.rank),
          }))
        : r.rows.map((row) => ({
            rank: row.rank,
            id: `${row.commune_id}#${row.rank}`,
            lon: row.lon,
            lat: row.lat,
            radius_m: r.radiusKm * 1000,
            accepted: this.isAccepted(ctx, row.rank),
          }));
    this.deps.layer.set(fresh ? (r.mode === 'sites' ? r.candidates.points : []) : null, chosen);
  }
}
