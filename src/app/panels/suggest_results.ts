/**
 * The "Suggest sites" panel's results: the error of a failed run, and for a plan its summary (coverage
 * before and after, candidates, whether the target was reached, the CSV's rows and problems), the
 * cumulative coverage curve and the table of ranked rows (suggest_table.ts).
 */
import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import { issueText } from '../i18n/issue_text.ts';
import { el } from '../ui/dom.ts';
import type { PostalSuggestResult, SiteSuggestResult } from '../worker/suggest_types.ts';
import { curveChart } from './suggest_chart.ts';
import { MAX_TABLE_ROWS } from './suggest_state.ts';
import { type ResultsView, suggestTable, suggestTableRow } from './suggest_table.ts';

export function suggestResults(view: ResultsView): Element[] {
  const s = view.state;
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
  out.push(...(r.mode === 'sites' ? siteResults(view, r) : postalResults(view, r)));
  return out;
}

function siteResults(view: ResultsView, r: SiteSuggestResult): Element[] {
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
    // What the map will show after "Accept all" (exact footprints; the plan counts on a 250 m grid).
    ...(r.onMap
      ? [
          el('p', {
            className: 'suggest-on-map',
            attrs: { id: 'suggest-on-map' },
            text: t('suggest.onMap', {
              tech: r.technology,
              before: pct(r.onMap.beforePct),
              after: pct(r.onMap.afterPct),
              people: fmt.int(r.onMap.gainedPopulation),
            }),
          }),
        ]
      : []),
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
  if (r.moves)
    lines.push(
      el('p', {
        className: 'muted',
        attrs: { id: 'suggest-moved' },
        text: t('suggest.moved', {
          n: fmt.int(r.moves.moved),
          total: fmt.int(r.moves.total),
          radius: fmt.int(r.moves.radius_m),
          up: fmt.int(r.moves.medianUp_m),
        }),
      }),
    );
  if (r.noDem) lines.push(el('p', { className: 'suggest-warn', text: t('suggest.noDem') }));
  if (r.csvRows)
    lines.push(
      el('p', {
        className: 'muted',
        text: t('suggest.csvLoaded', {
          name: view.state.csv?.name ?? '',
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
        target: view.state.resultTarget,
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
      suggestTableRow(
        view,
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
  lines.push(suggestTable(view, head, body, r.rows.length));
  return lines;
}

function postalResults(view: ResultsView, r: PostalSuggestResult): Element[] {
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
      suggestTableRow(
        view,
        row.rank,
        row.commune_name,
        null,
        row.lon,
        row.lat,
        [t(`suggest.reason.${row.reason}` as MessageKey), fmt.int(row.gained_population)],
        [false, true],
      ),
    );
  lines.push(suggestTable(view, head, body, r.rows.length));
  return lines;
}
