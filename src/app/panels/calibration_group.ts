/**
 * The frame both calibrations share in the Settings panel (issue 16): a fieldset with a heading and a
 * note, a table of fits (operator and technology, tests, the fitted value, the agreement before →
 * after), then the state line and one button that applies the fit or goes back. The radius fit and the
 * loss-offset fit differ only in their words, the value column and what follows the table.
 */
import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import type { AnalysisChoice } from '../state/view_state.ts';
import { button, el } from '../ui/dom.ts';

/** The fields of a fit the shared columns read. */
interface FitRow {
  operator: string;
  technology: string;
  tests: number;
  agreement_before_pct: number;
  agreement_after_pct: number;
}

/** One calibration's words and its own column. */
export interface CalibrationGroupSpec<F extends FitRow> {
  heading: MessageKey;
  note: MessageKey;
  none: MessageKey;
  /** The value column's header. */
  valueHeader: MessageKey;
  apply: MessageKey;
  undo: MessageKey;
  applied: MessageKey;
  notApplied: MessageKey;
  /** The value cell of a fit. */
  valueCell(fit: F): HTMLElement;
  /** Extra data attributes of a fit's row. */
  rowData?(fit: F): Record<string, string>;
  /** What goes between the table and the state line (e.g. a warning), from all the fits. */
  afterTable?(fits: readonly F[]): HTMLElement[];
}

/** A calibration's group: the table of fits, the state line and the apply / undo button. */
export function calibrationGroup<F extends FitRow>(
  calibration: { applied: boolean; fits: F[] },
  spec: CalibrationGroupSpec<F>,
  analysis: AnalysisChoice,
  setAnalysis: (analysis: AnalysisChoice) => void,
): HTMLElement {
  const group = el('fieldset', { className: 'radios', attrs: { id: 'calibration-settings' } }, [
    el('legend', { text: t(spec.heading) }),
    el('p', { className: 'muted small', text: t(spec.note) }),
  ]);
  if (calibration.fits.length === 0) {
    group.append(el('p', { text: t(spec.none) }));
    return group;
  }
  const table = el('table', { className: 'small-table', attrs: { id: 'calibration-table' } });
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: t('calib.group') }),
        el('th', { text: t('measured.tests'), className: 'num' }),
        el('th', { text: t(spec.valueHeader), className: 'num' }),
        el('th', { text: t('calib.agreement'), className: 'num' }),
      ]),
    ]),
  );
  const body = el('tbody');
  for (const f of calibration.fits)
    body.append(
      el(
        'tr',
        { dataset: { operator: f.operator, technology: f.technology, ...(spec.rowData?.(f) ?? {}) } },
        [
          el('td', { text: `${f.operator} ${f.technology}` }),
          el('td', { className: 'num', text: fmt.int(f.tests) }),
          spec.valueCell(f),
          el('td', {
            className: 'num',
            text: `${fmt.percent(f.agreement_before_pct)} → ${fmt.percent(f.agreement_after_pct)}`,
          }),
        ],
      ),
    );
  table.append(body);
  const toggle = button(
    calibration.applied ? t(spec.undo) : t(spec.apply),
    () => {
      const { calibrate: _c, ...rest } = analysis;
      setAnalysis(calibration.applied ? rest : { ...rest, calibrate: true });
    },
    { attrs: { id: 'calibration-apply' } },
  );
  group.append(
    table,
    ...(spec.afterTable?.(calibration.fits) ?? []),
    el('p', {
      dataset: { field: 'calibration-state' },
      text: calibration.applied ? t(spec.applied) : t(spec.notApplied),
    }),
    toggle,
  );
  return group;
}
