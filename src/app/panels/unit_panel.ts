/**
 * The panel of a commune, a district or the province: facts, every indicator with a met / not-met
 * badge per target, d3 charts by operator and by technology, dead-zone villages, postal and fiber
 * facts. Figures are the rounded report units, so they read exactly as the CLI's report.json.
 */

import type { TechnologyKey, UnitLevel } from '../../core/base/types.ts';
import type { ReportedComparison } from '../../core/run_analysis.ts';
import type { TargetEvaluation, TargetStatus } from '../../core/targets/evaluate_targets.ts';
import type { MetricId } from '../../core/targets/targets.ts';
import { deadZoneWhyText } from '../i18n/dead_zone_text.ts';
import { fmt } from '../i18n/format.ts';
import { currentLang, type MessageKey, t } from '../i18n/i18n.ts';
import { operatorColor } from '../map/color_scale.ts';
import {
  coverageOf,
  formatIndicator,
  higherIsBetter,
  indicatorTitle,
  indicatorValue,
  operatorLabel,
  targetLabel,
  targetTech,
  techLabel,
  yearMatches,
} from '../map/indicators.ts';
import type { DataStore } from '../state/data_store.ts';
import type { SiteInfo } from '../state/site_info.ts';
import type { ViewState } from '../state/view_state.ts';
import { barChart } from '../ui/charts.ts';
import { button, el, row } from '../ui/dom.ts';
import type { BoundarySet, DisagreementRow, ReportUnit, TargetDef } from '../worker/worker_protocol.ts';

/** Bar colours of the technologies in the panel's chart (Okabe–Ito: told apart with every common colour-vision deficiency). */
const TECH_BAR_COLORS = {
  '2G': '#666666',
  '3G': '#E69F00',
  '4G': '#0072B2',
  '5G': '#CC79A7',
  any: '#009E73',
} as const;

export interface PanelActions {
  select(level: UnitLevel, id: string): void;
  close(): void;
  /** Centres the map on a place (a disagreeing speed test). */
  flyTo(lon: number, lat: number): void;
  /** A loaded site's cells (from the worker), to explain a dead-zone village; null when not loaded. */
  siteInfo(id: string): Promise<SiteInfo | null>;
  /** Whether the footprints follow the terrain (a DEM is loaded). */
  terrain(): boolean;
}

const LEVEL_KEY: Record<UnitLevel, MessageKey> = {
  commune: 'level.commune',
  district: 'level.district',
  province: 'level.province',
};

const STATUS_KEY: Record<TargetStatus, MessageKey> = {
  met: 'status.met',
  not_met: 'status.not_met',
  not_evaluable: 'status.not_evaluable',
};

/**
 * A badge for one target at this unit: "DN-M8-population (5G): Chưa đạt" (the technology it is scored
 * on, so that a 5G target under a 4G figure does not read as 4G), the gap as its title.
 */
function badge(e: TargetEvaluation, def: TargetDef | undefined): HTMLElement {
  const gap = currentLang() === 'vi' ? e.gap_text_vi : e.gap_text_en;
  return el('span', {
    className: `badge badge-${e.status}`,
    text: `${e.target_id}${def ? targetTech(def) : ''}: ${t(STATUS_KEY[e.status])}`,
    title: gap,
    dataset: { target: e.target_id, status: e.status },
  });
}

interface IndicatorRow {
  label: string;
  value: string;
  field: string;
  metric?: MetricId;
  technology?: string;
}

const pctOf = (n: number, d: number) => (d > 0 ? (100 * n) / d : null);

function indicatorRows(u: ReportUnit, technologies: readonly string[]): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const techs: TechnologyKey[] = [
    ...(['2G', '3G'] as const).filter((x) => technologies.includes(x)),
    '4G',
    '5G',
    'any',
  ];
  for (const tech of techs)
    rows.push({
      label: t('row.pop', { tech: techLabel(tech) }),
      value: fmt.percent(coverageOf(u, tech, 'all')?.population_pct),
      field: `pop-${tech}`,
      metric: 'mobile.population_pct',
      technology: tech,
    });
  for (const tech of ['4G', '5G'] as const)
    rows.push({
      label: t('row.area', { tech: techLabel(tech) }),
      value: fmt.percent(coverageOf(u, tech, 'all')?.area_pct),
      field: `area-${tech}`,
      metric: 'mobile.area_pct',
      technology: tech,
    });
  // The populated area (khu vực có dân cư), when the unit has one: its covered share, its km² and method.
  if (u.populated_area_method) {
    for (const tech of ['4G', '5G'] as const)
      rows.push({
        label: t('row.populated', { tech: techLabel(tech) }),
        value: fmt.percent(coverageOf(u, tech, 'all')?.populated_area_pct),
        field: `populated-${tech}`,
        metric: 'mobile.populated_area_pct',
        technology: tech,
      });
    rows.push({
      label: t('row.populatedArea'),
      value: `${fmt.area(u.populated_area_km2 ?? null)} (${t(`populated.method.${u.populated_area_method}`)})`,
      field: 'populated-area',
    });
  }
  // Measured speeds, for the S1 targets' badges.
  if (u.measured)
    for (const tech of ['4G', '5G'] as const) {
      const g = u.measured.groups.find((x) => x.technology === tech && x.operator === 'all');
      rows.push({
        label: t('row.speed', { tech: techLabel(tech) }),
        value: g && g.tests > 0 ? mbps(g.download_mean_mbps) : '–',
        field: `speed-${tech}`,
        metric: 'speed.download_mbps',
        technology: tech,
      });
      rows.push({
        label: t('row.speedShare', { tech: techLabel(tech) }),
        value: g && g.tests > 0 ? fmt.percent(g.tests_at_or_above_pct) : '–',
        field: `speed-share-${tech}`,
        metric: 'speed.tests_meeting_pct',
        technology: tech,
      });
    }
  const v = u.villages;
  if (v.commune_centres > 0)
    rows.push({
      label: t('row.centres'),
      value: `${fmt.int(v.commune_centres_covered)}/${fmt.int(v.commune_centres)}`,
      field: 'centres',
      metric: 'mobile.commune_centres_covered_pct',
    });
  if (v.villages > 0) {
    const any = v.covered.find((c) => c.technology === 'any')!;
    const g4 = v.covered.find((c) => c.technology === '4G')!;
    rows.push({
      label: t('row.villagesMobile'),
      value: fmt.percent(any.villages_covered_pct),
      field: 'villages-mobile',
      metric: 'villages.with_mobile_pct',
    });
    rows.push({
      label: t('row.gridVillages4g'),
      value: fmt.percent(g4.grid_powered_covered_pct),
      field: 'villages-grid-4g',
      metric: 'villages.grid_powered_with_4g_pct',
    });
  }
  const p = u.postal;
  if (p) {
    rows.push({
      label: t('row.postalRadius'),
      value: formatIndicator('postal_radius', p.avg_service_radius_km ?? Number.POSITIVE_INFINITY),
      field: 'postal-radius',
      metric: 'postal.avg_service_radius_km',
    });
    rows.push({
      label: t('row.staffed'),
      value:
        u.level === 'commune'
          ? t(p.communes_with_staffed_point ? 'yes' : 'no')
          : fmt.percent(pctOf(p.communes_with_staffed_point, p.communes)),
      field: 'postal-staffed',
      metric: 'postal.communes_with_staffed_point_pct',
    });
    rows.push({
      label: t('row.staffedInternet'),
      value: fmt.percent(p.staffed_with_internet_pct),
      field: 'postal-internet',
      metric: 'postal.staffed_points_with_internet_pct',
    });
    rows.push({
      label: t('row.onlineServices'),
      value: fmt.percent(p.online_services_pct),
      field: 'postal-online',
      metric: 'postal.points_with_online_services_pct',
    });
    rows.push({
      label: t('row.cultural'),
      value:
        u.level === 'commune'
          ? t(p.communes_with_cultural_point ? 'yes' : 'no')
          : fmt.percent(pctOf(p.communes_with_cultural_point, p.communes)),
      field: 'postal-cultural',
      metric: 'postal.communes_with_cultural_point_pct',
    });
    rows.push({
      label: t('row.beyond'),
      value: fmt.percent(p.beyond_distance_population_pct),
      field: 'postal-beyond',
    });
  }
  const f = u.fiber;
  if (f) {
    rows.push({
      label: t('row.fiberPop'),
      value: fmt.percent(f.population_within_reach_pct),
      field: 'fiber-reach',
      metric: 'fiber.population_within_reach_pct',
    });
    if (f.communes_with_centre > 0)
      rows.push({
        label: t('row.fiberCentre'),
        value:
          u.level === 'commune'
            ? t(f.centre_within_reach ? 'yes' : 'no')
            : `${fmt.int(f.communes_centre_within_reach)}/${fmt.int(f.communes_with_centre)}`,
        field: 'fiber-centre',
        metric: 'fiber.commune_centres_within_reach_pct',
      });
    if (f.villages > 0)
      rows.push({
        label: t('row.fiberVillages'),
        value: fmt.percent(f.villages_within_reach_pct),
        field: 'fiber-villages',
        metric: 'fiber.villages_within_reach_pct',
      });
  }
  return rows;
}

const REPORTED_WHAT: Partial<Record<MetricId, MessageKey>> = {
  'mobile.populated_area_pct': 'reported.what.populated',
  'mobile.population_pct': 'reported.what.population',
  'mobile.area_pct': 'reported.what.area',
};

/**
 * A result the plan reports beside the model's figure: "Kế hoạch báo cáo (2025): 91% khu vực có dân cư
 * — mô hình: 2,6%", said to be no target (grey, no badge), with the plan and line it comes from.
 * `withTech` names the technology, for a line that is not under its indicator's row.
 */
function reportedRow(r: ReportedComparison, withTech: boolean, set: BoundarySet): HTMLElement {
  const vi = currentLang() === 'vi';
  const what = REPORTED_WHAT[r.metric];
  const line = t('reported.line', {
    year: r.year === null ? '' : ` (${r.year})`,
    value: r.metric.endsWith('_pct')
      ? fmt.percent(r.reported_value, 0, 1)
      : fmt.decimal(r.reported_value, 0, 2),
    what: what ? t(what) : `(${vi ? r.indicator : r.indicator_en})`,
    ours:
      r.value === null
        ? t('reported.oursNone')
        : r.metric.endsWith('_pct')
          ? fmt.percent(r.value)
          : fmt.decimal(r.value),
  });
  // The plan's title after the seed file's name ("seeds/001_….txt — Kế hoạch …").
  const document = r.source.document.split(' — ').slice(1).join(' — ') || r.source.document;
  return el('tr', { className: 'reported-row' }, [
    el('td', { attrs: { colspan: '2' } }, [
      el('p', {
        className: 'reported',
        text: `${withTech && r.technology ? `${techLabel(r.technology as TechnologyKey)} · ` : ''}${line}`,
        dataset: { reported: r.reported_id },
      }),
      el('p', {
        className: 'reported-note',
        text: `${t('reported.notTarget')} ${t('reported.source', {
          document,
          line: String(r.source.line),
          quote: r.source.quote,
        })}${
          // A plan reports on its province as it then was: say so when the map's boundaries differ.
          r.boundary_set && set !== 'imported' && r.boundary_set !== set
            ? ` ${t('reported.otherSet', {
                plan: t(`reported.set.${r.boundary_set}`),
                here: t(`reported.set.${set}`),
                name: r.territory_name ?? r.unit_name,
              })}`
            : ''
        }`,
        dataset: { reportedSource: r.reported_id },
      }),
    ]),
  ]);
}

function section(title: string, ...children: Node[]): HTMLElement {
  return el('section', { className: 'panel-section' }, [el('h3', { text: title }), ...children]);
}

/** Renders the panel of one unit into the container. */
export function renderUnitPanel(
  container: HTMLElement,
  store: DataStore,
  view: ViewState,
  level: UnitLevel,
  id: string,
  actions: PanelActions,
): void {
  const u = store.unit(level, id);
  const close = button('×', actions.close, { className: 'panel-close', title: t('panel.close') });
  close.setAttribute('aria-label', t('panel.close'));
  if (!u) {
    container.replaceChildren(close, el('p', { text: t('panel.missing') }));
    container.hidden = false;
    return;
  }
  const snap = store.snapshot;
  const defs = new Map<string, TargetDef>(snap.targetDefs.map((d) => [d.id, d]));
  const evaluations = store
    .targetsOf(level, id)
    .filter((e) => yearMatches(defs.get(e.target_id) ?? { year: null }, view.year));

  // Breadcrumb: province › district › this unit; the ancestors open their summary.
  const crumbs = el('nav', { className: 'crumbs', attrs: { 'aria-label': t('panel.breadcrumb') } });
  const chain: ReportUnit[] = [];
  for (let p = store.parentOf(u); p; p = store.parentOf(p)) chain.unshift(p);
  for (const p of chain) {
    crumbs.append(
      button(p.name, () => actions.select(p.level, p.id), { className: 'link', dataset: { level: p.level } }),
      el('span', { text: ' › ', attrs: { 'aria-hidden': 'true' } }),
    );
  }
  crumbs.append(el('span', { text: t(LEVEL_KEY[level]) }));

  const title = el('h2', { text: u.name, dataset: { field: 'name' } });
  const facts = el('dl', { className: 'facts' });
  if (level === 'commune') {
    const district = store.parentOf(u);
    row(
      facts,
      t('panel.district'),
      district && district.level === 'district' ? district.name : '–',
      'district',
    );
  }
  if (level !== 'province') row(facts, t('panel.province'), store.provinceOf(u)?.name ?? '–', 'province');
  row(facts, t('panel.population'), fmt.int(u.population), 'population');
  row(facts, t('panel.area'), fmt.area(u.area_km2), 'area');
  if (level !== 'commune')
    row(facts, t('panel.communes'), fmt.int(u.postal?.communes ?? countCommunes(store, u)), 'communes');

  // Indicators, each followed by a badge per target on it.
  const table = el('table', { className: 'indicators' });
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: t('panel.indicator'), attrs: { scope: 'col' } }),
        el('th', { text: t('panel.value'), className: 'num', attrs: { scope: 'col' } }),
      ]),
    ]),
  );
  const body = el('tbody');
  // The plans' reported results for this unit (Gia Lai 2025: 91 % khu vực có dân cư), each under the
  // row of its metric, or at the end when the unit has no such row (no populated area).
  const reported = (snap.reported ?? []).filter((x) => x.unit_id === id && x.level === level);
  const placed = new Set<ReportedComparison>();
  for (const r of indicatorRows(u, snap.technologies)) {
    const matching = evaluations.filter((e) => {
      const d = defs.get(e.target_id);
      return (
        d && d.metric === r.metric && (r.technology === undefined || (d.technology ?? 'any') === r.technology)
      );
    });
    const told = reported.filter(
      (x) =>
        x.metric === r.metric && (r.technology === undefined || (x.technology ?? 'any') === r.technology),
    );
    for (const x of told) placed.add(x);
    const tr = el('tr', { className: matching.length || told.length ? 'has-badges' : '' }, [
      el('th', { text: r.label, attrs: { scope: 'row' } }),
      el('td', { text: r.value, className: 'num', dataset: { field: r.field } }),
    ]);
    body.append(tr);
    if (matching.length)
      body.append(
        el('tr', { className: 'badge-row' }, [
          el('td', { attrs: { colspan: '2' } }, [
            el(
              'div',
              { className: 'badges', dataset: { badges: r.field } },
              matching.map((e) => badge(e, defs.get(e.target_id))),
            ),
            // The gap of each target not met, in the text (issue 15): a tablet has no hover for the
            // badge's title.
            ...matching
              .filter((e) => e.status === 'not_met')
              .map((e) =>
                el('p', {
                  className: 'badge-gap',
                  text: `${e.target_id}: ${currentLang() === 'vi' ? e.gap_text_vi : e.gap_text_en}`,
                  dataset: { gap: e.target_id },
                }),
              ),
          ]),
        ]),
      );
    for (const x of told) body.append(reportedRow(x, false, snap.boundarySet));
  }
  for (const x of reported.filter((y) => !placed.has(y))) body.append(reportedRow(x, true, snap.boundarySet));
  table.append(body);

  const met = evaluations.filter((e) => e.status === 'met').length;
  const notMet = evaluations.filter((e) => e.status === 'not_met').length;
  const summary = el('p', {
    className: 'target-summary',
    text: t('panel.targetSummary', {
      met: fmt.int(met),
      notMet: fmt.int(notMet),
      other: fmt.int(evaluations.length - met - notMet),
    }),
    dataset: { field: 'target-summary' },
  });
  const details = el('details', { className: 'target-details' });
  details.append(el('summary', { text: t('panel.targetDetails', { n: fmt.int(evaluations.length) }) }));
  const list = el('ul', { className: 'target-list' });
  for (const e of evaluations) {
    const d = defs.get(e.target_id);
    list.append(
      el('li', { dataset: { target: e.target_id } }, [
        badge(e, d),
        el('span', { className: 'target-name', text: d ? targetLabel(d) : e.target_id }),
        el('span', { className: 'target-gap', text: currentLang() === 'vi' ? e.gap_text_vi : e.gap_text_en }),
      ]),
    );
  }
  details.append(list);

  // Charts.
  const tech = view.technology;
  const byOperator = barChart(
    ['all', ...snap.operators].map((op) => ({
      label: operatorLabel(op),
      value: coverageOf(u, tech, op)?.population_pct ?? null,
      color: op === 'all' ? '#41b6c4' : operatorColor(op, snap.operators),
    })),
    (v) => fmt.percent(v),
    { title: t('chart.byOperator', { tech: techLabel(tech) }) },
  );
  // A strong colour of its own per technology: the choropleth's class colour made a low figure's bar
  // (pale yellow below 50 %) nearly invisible, and read as a map class it is not (issue 15).
  const byTech = barChart(
    (['2G', '3G', '4G', '5G', 'any'] as const).map((x) => {
      const value = coverageOf(u, x, view.operator)?.population_pct ?? null;
      return { label: techLabel(x), value, color: TECH_BAR_COLORS[x] };
    }),
    (v) => fmt.percent(v),
    { title: t('chart.byTechnology', { op: operatorLabel(view.operator) }) },
  );

  const parts: HTMLElement[] = [
    crumbs,
    title,
    facts,
    section(t('panel.indicatorsTitle'), summary, table, details),
    section(t('chart.byOperator', { tech: techLabel(tech) }), byOperator),
    section(t('chart.byTechnology', { op: operatorLabel(view.operator) }), byTech),
    deadZones(store, u, actions),
    ...(store.snapshot.lists.disagreements.length ? [disagreementList(store, u, actions)] : []),
  ];
  if (u.postal) parts.push(postalFacts(u));
  if (u.fiber) parts.push(fiberFacts(u));
  if (u.measured) parts.push(measuredFacts(u, snap.operators));
  if (level !== 'commune') parts.push(ranking(store, view, u, actions));
  parts.push(el('p', { className: 'panel-note', text: t('panel.modelled') }));
  container.replaceChildren(close, el('div', { className: 'panel-scroll' }, parts));
  container.dataset.level = level;
  container.dataset.unitId = u.id;
  container.hidden = false;
}

function countCommunes(store: DataStore, u: ReportUnit): number {
  if (u.level === 'commune') return 1;
  return store.childrenOf(u.level, u.id).reduce((s, c) => s + countCommunes(store, c), 0);
}

function communesUnder(store: DataStore, u: ReportUnit): ReportUnit[] {
  if (u.level === 'commune') return [u];
  return store.childrenOf(u.level, u.id).flatMap((c) => communesUnder(store, c));
}

type DisagreementKey = 'commune' | 'operator' | 'technology' | 'download' | 'verdict';

/** How the disagreement list is sorted; kept across re-renders of the panel. */
let disagreementSort: { key: DisagreementKey; up: boolean } = { key: 'download', up: true };

/**
 * The speed tests in the unit that the model disagrees with (MEASURED against MODELLED): a table sortable
 * by each column (click its header), each row a button that flies the map to the test.
 */
function disagreementList(store: DataStore, u: ReportUnit, actions: PanelActions): HTMLElement {
  const ids = new Set(communesUnder(store, u).map((c) => c.id));
  const rows = store.snapshot.lists.disagreements.filter(
    (d) => d.commune_id !== null && ids.has(d.commune_id),
  );
  const heading = t('disagree.heading');
  if (rows.length === 0) return section(heading, el('p', { text: t('disagree.none') }));
  const text = (v: string | null) => v ?? '';
  const value: Record<DisagreementKey, (d: DisagreementRow) => string | number> = {
    commune: (d) => text(d.commune_name),
    operator: (d) => text(d.operator),
    technology: (d) => text(d.technology),
    download: (d) => d.download_mbps,
    verdict: (d) => d.verdict,
  };
  const columns: [DisagreementKey, MessageKey, boolean][] = [
    ['commune', 'level.commune', false],
    ['operator', 'disagree.operator', false],
    ['technology', 'disagree.technology', false],
    ['download', 'disagree.download', true],
    ['verdict', 'disagree.why', false],
  ];
  const table = el('table', { className: 'small-table', dataset: { field: 'disagreements' } });
  const body = el('tbody');
  const head = el('tr');
  const fill = () => {
    const { key, up } = disagreementSort;
    const get = value[key];
    const sorted = [...rows].sort((a, b) => {
      const x = get(a);
      const y = get(b);
      const c =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi');
      return up ? c : -c;
    });
    body.replaceChildren(
      ...sorted.slice(0, 50).map((d) =>
        el('tr', { dataset: { test: d.test } }, [
          el('td', {}, [
            button(d.commune_name ?? d.test, () => actions.flyTo(d.lon, d.lat), {
              className: 'link',
              attrs: { 'aria-label': t('disagree.flyTo', { test: d.test }) },
            }),
          ]),
          el('td', { text: d.operator ?? '–' }),
          el('td', { text: d.technology ?? '–' }),
          el('td', { text: `${fmt.decimal(d.download_mbps, 1, 1)} Mb/s`, className: 'num' }),
          el('td', { text: t(d.verdict === 'poor_inside' ? 'disagree.poorInside' : 'disagree.goodOutside') }),
        ]),
      ),
    );
    head.replaceChildren(
      ...columns.map(([k, label, num]) => {
        const mark = k === key ? (up ? ' ▲' : ' ▼') : '';
        const th = el('th', {
          className: num ? 'num' : '',
          attrs: { scope: 'col', 'aria-sort': k === key ? (up ? 'ascending' : 'descending') : 'none' },
        });
        th.append(
          button(
            `${t(label)}${mark}`,
            () => {
              disagreementSort = { key: k, up: k === key ? !up : true };
              fill();
            },
            { className: 'link', dataset: { sort: k } },
          ),
        );
        return th;
      }),
    );
  };
  fill();
  table.append(el('thead', {}, [head]), body);
  const more =
    rows.length > 50
      ? [el('p', { className: 'muted', text: t('list.more', { n: fmt.int(rows.length - 50) }) })]
      : [];
  return section(
    heading,
    el('p', { text: t('disagree.title', { n: fmt.int(rows.length) }) }),
    table,
    ...more,
  );
}

/** The unit's dead-zone villages (no 4G): a list for a commune, the largest for a district or province. */
function deadZones(store: DataStore, u: ReportUnit, actions: PanelActions): HTMLElement {
  const ids = new Set(communesUnder(store, u).map((c) => c.id));
  // With a baseline report (Data tab), the villages newly in a dead zone (DN-M9) are marked and listed first.
  const fresh = store.snapshot.lists.newDeadZoneVillages
    ? new Set(store.snapshot.lists.newDeadZoneVillages)
    : null;
  const isNew = (id: string) => (fresh?.has(id) ? 1 : 0);
  const dead = store.snapshot.lists.deadZoneVillages
    .filter((d) => ids.has(d.commune_id))
    .sort((a, b) => isNew(b.village_id) - isNew(a.village_id) || b.population - a.population);
  const title =
    t('dead.title', {
      n: fmt.int(dead.length),
      people: fmt.int(u.villages.dead_zone_population),
    }) +
    (fresh ? t('dead.newCount', { n: fmt.int(dead.filter((d) => fresh.has(d.village_id)).length) }) : '');
  if (u.villages.villages === 0) return section(t('dead.heading'), el('p', { text: t('dead.noVillages') }));
  if (dead.length === 0) return section(t('dead.heading'), el('p', { text: t('dead.none') }));
  const table = el('table', { className: 'small-table', dataset: { field: 'dead-zones' } });
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: t('dead.village') }),
        ...(u.level === 'commune' ? [] : [el('th', { text: t('level.commune') })]),
        el('th', { text: t('panel.population'), className: 'num' }),
        el('th', { text: t('dead.grid') }),
        el('th', { text: t('dead.nearest'), className: 'num' }),
      ]),
    ]),
  );
  const body = el('tbody');
  const columns = u.level === 'commune' ? 4 : 5;
  const terrain = actions.terrain();
  for (const d of dead.slice(0, 25)) {
    body.append(
      el('tr', {}, [
        el('td', {}, [
          d.name ?? d.village_id,
          ...(fresh?.has(d.village_id)
            ? [
                ' ',
                el('span', {
                  className: 'badge badge-not_met',
                  text: t('dead.newMark'),
                  title: t('dead.new'),
                  dataset: { newDeadZone: '1' },
                }),
              ]
            : []),
        ]),
        ...(u.level === 'commune' ? [] : [el('td', { text: d.commune_name })]),
        el('td', { text: fmt.int(d.population), className: 'num' }),
        el('td', { text: d.has_grid_power === null ? '–' : t(d.has_grid_power ? 'yes' : 'no') }),
        el('td', { text: fmt.km(d.nearest_4g_site_km, 1), className: 'num' }),
      ]),
    );
    // Why: the nearest 4G site's cells and how each misses the village (the site's cells come from the
    // worker; older reports have no site id, and then no line).
    const siteId = d.nearest_4g_site_id ?? null;
    const bearing = d.nearest_4g_bearing_deg ?? null;
    const km = d.nearest_4g_site_km;
    if (siteId === null || bearing === null || km === null) continue;
    const why = el('td', {
      className: 'muted small dead-why',
      text: t('deadWhy.site', { id: siteId }),
      attrs: { colspan: String(columns) },
      dataset: { site: siteId },
    });
    body.append(el('tr', { className: 'dead-why-row' }, [why]));
    void actions.siteInfo(siteId).then(
      (info) => {
        why.textContent = deadZoneWhyText(siteId, info, bearing, km, terrain);
        why.dataset.ready = 'true';
      },
      () => {
        why.dataset.ready = 'true';
      },
    );
  }
  table.append(body);
  const more =
    dead.length > 25
      ? [el('p', { className: 'muted', text: t('list.more', { n: fmt.int(dead.length - 25) }) })]
      : [];
  return section(t('dead.heading'), el('p', { text: title }), table, ...more);
}

function postalFacts(u: ReportUnit): HTMLElement {
  const p = u.postal!;
  const dl = el('dl', { className: 'facts' });
  row(dl, t('postal.points'), fmt.int(p.points), 'postal-points');
  row(
    dl,
    t('postal.byType'),
    t('postal.types', {
      po: fmt.int(
        p.points_by_type.post_office +
          p.points_by_type.post_office_1 +
          p.points_by_type.post_office_2 +
          p.points_by_type.post_office_3,
      ),
      cultural: fmt.int(p.points_by_type.cultural_post_point),
      agent: fmt.int(p.points_by_type.agent),
      kiosk: fmt.int(p.points_by_type.kiosk),
    }),
  );
  row(dl, t('postal.staffedPoints'), fmt.int(p.staffed_points));
  row(dl, t('postal.withInternet'), fmt.int(p.points_with_internet));
  row(
    dl,
    t('postal.radius'),
    formatIndicator('postal_radius', p.avg_service_radius_km ?? Number.POSITIVE_INFINITY),
  );
  row(dl, t('postal.perPoint'), p.population_per_point === null ? '–' : fmt.int(p.population_per_point));
  row(dl, t('postal.needed'), fmt.int(p.points_needed_3km), 'postal-needed');
  row(dl, t('postal.beyondArea'), fmt.percent(p.beyond_distance_area_pct));
  row(dl, t('postal.beyondPeople'), fmt.int(p.beyond_distance_population));
  return section(
    t('postal.heading'),
    dl,
    el('p', {
      className: 'muted',
      text: t('postal.rule', {
        rule: p.counting_rule.map((c) => t(`postalType.${c}` as MessageKey)).join(', '),
      }),
    }),
  );
}

const mbps = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : `${fmt.decimal(v)} Mb/s`;

/** What the speed tests in the unit say, per technology and operator, beside the modelled coverage. */
function measuredFacts(u: ReportUnit, operators: readonly string[]): HTMLElement {
  const m = u.measured!;
  const heading = m.date_from
    ? t('measured.heading', { from: m.date_from, to: m.date_to ?? m.date_from })
    : t('measured.headingNoDates');
  if (m.tests === 0)
    return section(heading, el('p', { text: t('measured.none'), dataset: { field: 'measured-none' } }));
  const table = el('table', { className: 'indicators', dataset: { field: 'measured' } });
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: t('measured.group'), attrs: { scope: 'col' } }),
        el('th', { text: t('measured.tests'), className: 'num', attrs: { scope: 'col' } }),
        el('th', { text: t('measured.mean'), className: 'num', attrs: { scope: 'col' } }),
        el('th', { text: t('measured.median'), className: 'num', attrs: { scope: 'col' } }),
        el('th', { text: t('measured.share'), className: 'num', attrs: { scope: 'col' } }),
        el('th', { text: t('measured.modelled'), className: 'num', attrs: { scope: 'col' } }),
      ]),
    ]),
  );
  const body = el('tbody');
  const order = ['all', ...operators];
  const groups = m.groups
    .filter((g) => g.tests > 0)
    .sort((a, b) => order.indexOf(a.operator) - order.indexOf(b.operator));
  for (const g of groups)
    body.append(
      el('tr', { dataset: { technology: g.technology, operator: g.operator } }, [
        el('th', {
          text: `${techLabel(g.technology)}, ${operatorLabel(g.operator)}`,
          attrs: { scope: 'row' },
        }),
        el('td', { className: 'num', text: fmt.int(g.tests) }),
        el('td', { className: 'num', text: mbps(g.download_mean_mbps) }),
        el('td', { className: 'num', text: mbps(g.download_median_mbps) }),
        el('td', {
          className: 'num',
          text:
            g.tests_at_or_above_pct === null
              ? '–'
              : `${fmt.percent(g.tests_at_or_above_pct)} ≥ ${fmt.int(g.threshold_mbps)}`,
        }),
        el('td', {
          className: 'num',
          text: fmt.percent(coverageOf(u, g.technology, g.operator)?.population_pct),
        }),
      ]),
    );
  table.append(body);
  const parts: HTMLElement[] = [table, el('p', { className: 'muted', text: t('measured.note') })];
  // Model against measurement, per operator.
  const rows = (m.agreement ?? []).filter((x) => x.tests > 0);
  if (rows.length) {
    const agree = el('table', { className: 'indicators', dataset: { field: 'agreement' } });
    agree.append(
      el('thead', {}, [
        el('tr', {}, [
          el('th', { text: t('agree.operator'), attrs: { scope: 'col' } }),
          el('th', { text: t('agree.pct'), className: 'num', attrs: { scope: 'col' } }),
          el('th', { text: t('agree.poorInside'), className: 'num', attrs: { scope: 'col' } }),
          el('th', { text: t('agree.goodOutside'), className: 'num', attrs: { scope: 'col' } }),
        ]),
      ]),
    );
    const tb = el('tbody');
    for (const r of rows)
      tb.append(
        el('tr', { dataset: { operator: r.operator } }, [
          el('th', { text: operatorLabel(r.operator), attrs: { scope: 'row' } }),
          el('td', { className: 'num', text: fmt.percent(r.agreement_pct) }),
          el('td', { className: 'num', text: fmt.int(r.poor_inside) }),
          el('td', { className: 'num', text: fmt.int(r.good_outside) }),
        ]),
      );
    agree.append(tb);
    parts.push(
      el('h4', { text: t('agree.heading') }),
      agree,
      el('p', { className: 'muted', text: t('agree.note') }),
    );
  }
  return section(heading, ...parts);
}

function fiberFacts(u: ReportUnit): HTMLElement {
  const f = u.fiber!;
  const dl = el('dl', { className: 'facts' });
  // The unit's own level word: "trong huyện" on a district's totals, not "trong xã" (issue 15).
  row(
    dl,
    t('fiber.routeKm', { level: t(`level.${u.level}`).toLowerCase() }),
    fmt.km(f.route_km, 1),
    'fiber-km',
  );
  row(dl, t('fiber.reach'), `${fmt.int(f.reach_m)} m`);
  row(
    dl,
    t('fiber.popWithin'),
    `${fmt.percent(f.population_within_reach_pct)} (${fmt.int(f.population_within_reach)})`,
  );
  row(dl, t('fiber.areaWithin'), fmt.percent(f.area_within_reach_pct));
  row(dl, t('fiber.villagesWithin'), `${fmt.int(f.villages_within_reach)}/${fmt.int(f.villages)}`);
  return section(t('fiber.heading'), dl);
}

/** For a district or the province: its communes ranked on the map's indicator, worst first. */
function ranking(store: DataStore, view: ViewState, u: ReportUnit, actions: PanelActions): HTMLElement {
  const communes = communesUnder(store, u);
  const scored = communes
    .map((c) => ({ c, v: indicatorValue(store, c, view) }))
    .filter((x): x is { c: ReportUnit; v: number } => x.v !== null);
  const better = higherIsBetter(view.indicator);
  scored.sort((a, b) => (better ? a.v - b.v : b.v - a.v));
  const list = el('ol', { className: 'ranking' });
  for (const { c, v } of scored.slice(0, 10))
    list.append(
      el('li', {}, [
        button(c.name, () => actions.select('commune', c.id), { className: 'link' }),
        el('span', { className: 'num', text: ` ${formatIndicator(view.indicator, v)}` }),
      ]),
    );
  const without = store.snapshot.lists.communesWithoutStaffedPoint.filter((x) =>
    communes.some((c) => c.id === x.id),
  );
  const extra = u.postal ? [el('p', { text: t('ranking.noStaffed', { n: fmt.int(without.length) }) })] : [];
  return section(
    t('ranking.title', { indicator: indicatorTitle(view, store.snapshot.targetDefs) }),
    list,
    ...extra,
  );
}
