/**
 * Settings: the language, the analysis choices that change the figures (which postal points count for
 * R̄, the fiber reach distance: the CLI's --postal-count and --fiber-reach-m), and the optional online
 * basemap (off by default: the app is offline).
 */
import { POSTAL_CATEGORIES, type PostalCategory } from '../../core/base/infrastructure.ts';
import type { OffsetFit } from '../../core/measured/calibrate_offset.ts';
import type { RadiusFit } from '../../core/measured/calibrate_radius.ts';
import { DEFAULT_FIBER_REACH_M as DEFAULT_REACH_M, isFiberReach } from '../../core/run_analysis.ts';
import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import type { AnalysisChoice, Basemap, Lang } from '../state/view_state.ts';
import { button, el, field } from '../ui/dom.ts';
import type { CellCounting } from '../worker/worker_protocol.ts';
import { calibrationGroup } from './calibration_group.ts';
import { countingControl } from './counting_control.ts';
import { offsetCalibrationGroup } from './offset_calibration.ts';

export interface SettingsActions {
  setLang(lang: Lang): void;
  setBasemap(basemap: Basemap): void;
  setAnalysis(analysis: AnalysisChoice): void;
}

/** The sites-counted rule the figures were computed with (issue 13). */
export interface CountingState {
  counting: CellCounting | null;
  /** The radii fitted to the speed tests, and whether the figures use them (issue 16). */
  calibration?: { applied: boolean; fits: RadiusFit[] } | null;
  /** With a DEM: the loss offsets fitted instead, which the button then applies. */
  offsetCalibration?: { applied: boolean; fits: OffsetFit[] } | null;
}

/**
 * The calibration of the default radii against the imported speed tests: the fitted radius and the
 * agreement before and after per operator and technology, and one button that applies it (or goes back
 * to the configured radii). Nothing changes until the button is pressed.
 */
function radiusCalibrationGroup(
  calibration: { applied: boolean; fits: RadiusFit[] },
  analysis: AnalysisChoice,
  a: SettingsActions,
): HTMLElement {
  return calibrationGroup(
    calibration,
    {
      heading: 'calib.heading',
      note: 'calib.note',
      none: 'calib.none',
      valueHeader: 'calib.radius',
      apply: 'calib.apply',
      undo: 'calib.undo',
      applied: 'calib.applied',
      notApplied: 'calib.notApplied',
      valueCell: (f) =>
        el('td', {
          className: 'num',
          text: `${fmt.int(f.default_radius_m.rural)} → ${fmt.int(f.fitted_radius_m.rural)} m`,
        }),
    },
    analysis,
    (x) => a.setAnalysis(x),
  );
}

/** The analysis choice counting cells on air today (no `asOf`, as a link without one reads). */
function withoutAsOf(analysis: AnalysisChoice): AnalysisChoice {
  const { asOf: _asOf, ...rest } = analysis;
  return rest;
}

function analysisGroup(analysis: AnalysisChoice, a: SettingsActions): HTMLElement {
  const types = el('div', { className: 'checks' });
  const group = el('fieldset', { className: 'radios', attrs: { id: 'analysis-settings' } }, [
    el('legend', { text: t('settings.analysis') }),
    el('p', { className: 'muted small', text: t('settings.countingRule') }),
    types,
  ]);
  const rule = analysis.countingRule ?? [...POSTAL_CATEGORIES];
  const boxes = POSTAL_CATEGORIES.map((category) => {
    const box = el('input', { attrs: { type: 'checkbox', id: `count-${category}`, value: category } });
    box.checked = rule.includes(category);
    types.append(el('label', {}, [box, el('span', { text: t(`postalType.${category}` as MessageKey) })]));
    return box;
  });
  const reach = el('input', {
    attrs: { type: 'number', id: 'fiber-reach', min: '1', max: '100000', step: '50', inputmode: 'numeric' },
  });
  reach.value = String(analysis.fiberReachM ?? DEFAULT_REACH_M);
  const problem = el('p', { className: 'error-text', attrs: { role: 'alert', id: 'analysis-problem' } });
  const apply = () => {
    const chosen = POSTAL_CATEGORIES.filter((_, i) => boxes[i]!.checked) as PostalCategory[];
    const metres = Number(reach.value);
    if (chosen.length === 0) {
      problem.textContent = t('settings.countingRuleEmpty');
      return;
    }
    if (!isFiberReach(metres)) {
      problem.textContent = t('settings.reachBad');
      return;
    }
    a.setAnalysis({
      ...analysis,
      countingRule: chosen.length === POSTAL_CATEGORIES.length ? null : chosen,
      fiberReachM: metres === DEFAULT_REACH_M ? null : metres,
    });
  };
  group.append(
    field(t('settings.fiberReach'), reach),
    button(t('settings.applyAnalysis'), apply, { attrs: { id: 'analysis-apply' } }),
    problem,
    el('p', {
      className: 'muted small',
      text: t('settings.analysisNote', { reach: fmt.int(DEFAULT_REACH_M) }),
    }),
  );
  return group;
}

export function renderSettingsPanel(
  container: HTMLElement,
  lang: Lang,
  basemap: Basemap,
  analysis: AnalysisChoice,
  a: SettingsActions,
  state: CountingState = { counting: null },
): void {
  const langGroup = el('fieldset', { className: 'radios' }, [el('legend', { text: t('settings.language') })]);
  for (const [value, label] of [
    ['vi', 'Tiếng Việt'],
    ['en', 'English'],
  ] as const) {
    const r = el('input', { attrs: { type: 'radio', name: 'lang', id: `settings-lang-${value}`, value } });
    r.checked = lang === value;
    r.addEventListener('change', () => a.setLang(value));
    langGroup.append(el('label', {}, [r, el('span', { text: label, attrs: { lang: value } })]));
  }
  const group = el('fieldset', { className: 'radios' }, [el('legend', { text: t('settings.basemap') })]);
  const url = el('input', {
    attrs: { type: 'url', id: 'basemap-url', placeholder: 'https://…/style.json', spellcheck: 'false' },
  });
  url.value = basemap.kind === 'style' ? basemap.url : '';
  const choose = (kind: Basemap['kind']) => {
    if (kind === 'style') {
      if (/^https:\/\//.test(url.value.trim())) a.setBasemap({ kind: 'style', url: url.value.trim() });
      else url.focus();
    } else a.setBasemap(kind === 'osm' ? { kind: 'osm' } : { kind: 'none' });
  };
  for (const [kind, label] of [
    ['none', t('settings.basemapNone')],
    ['osm', t('settings.basemapOsm')],
    ['style', t('settings.basemapStyle')],
  ] as const) {
    const r = el('input', { attrs: { type: 'radio', name: 'basemap', id: `basemap-${kind}`, value: kind } });
    r.checked = basemap.kind === kind;
    r.addEventListener('change', () => choose(kind));
    group.append(el('label', {}, [r, el('span', { text: label })]));
  }
  group.append(
    field(t('settings.styleUrl'), url),
    button(t('settings.apply'), () => choose('style'), { attrs: { id: 'basemap-apply' } }),
  );
  const counting = countingControl(analysis.asOf ?? null, state.counting, (asOf) =>
    a.setAnalysis(asOf === null ? withoutAsOf(analysis) : { ...analysis, asOf }),
  );
  container.replaceChildren(
    langGroup,
    counting,
    analysisGroup(analysis, a),
    ...(state.offsetCalibration
      ? [offsetCalibrationGroup(state.offsetCalibration, analysis, (x) => a.setAnalysis(x))]
      : state.calibration
        ? [radiusCalibrationGroup(state.calibration, analysis, a)]
        : []),
    group,
    el('p', { className: 'muted', text: t('settings.onlineNote') }),
  );
}
