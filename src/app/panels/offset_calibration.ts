/**
 * The calibration with terrain in the Settings panel (issue 16): with a DEM loaded, the loss offset
 * (dB) fitted to the speed tests per operator and technology, the agreement before and after, and one
 * button that applies it (the terrain model with each cell's EIRP lowered by its offset) or goes back
 * to the link budget as configured. Nothing changes until the button is pressed.
 */
import { OFFSET_SPAN_DB, type OffsetFit } from '../../core/measured/calibrate_offset.ts';
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import type { AnalysisChoice } from '../state/view_state.ts';
import { button, el } from '../ui/dom.ts';
import type { Snapshot } from '../worker/worker_protocol.ts';

/** A signed loss offset in dB as the panel shows it ("+6,0 dB"). */
function signedDb(db: number): string {
  const sign = db > 0 ? '+' : db < 0 ? '−' : '';
  return `${sign}${fmt.decimal(Math.abs(db), 1)} dB`;
}

/** The offset group: the table of fits, the state line and the apply / undo button. */
export function offsetCalibrationGroup(
  calibration: { applied: boolean; fits: OffsetFit[] },
  analysis: AnalysisChoice,
  setAnalysis: (analysis: AnalysisChoice) => void,
): HTMLElement {
  const group = el('fieldset', { className: 'radios', attrs: { id: 'calibration-settings' } }, [
    el('legend', { text: t('calibOffset.heading') }),
    el('p', { className: 'muted small', text: t('calibOffset.note') }),
  ]);
  if (calibration.fits.length === 0) {
    group.append(el('p', { text: t('calibOffset.none') }));
    return group;
  }
  const table = el('table', { className: 'small-table', attrs: { id: 'calibration-table' } });
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: t('calib.group') }),
        el('th', { text: t('measured.tests'), className: 'num' }),
        el('th', { text: t('calibOffset.offset'), className: 'num' }),
        el('th', { text: t('calib.agreement'), className: 'num' }),
      ]),
    ]),
  );
  const body = el('tbody');
  const atEnd: string[] = [];
  for (const f of calibration.fits) {
    const end = Math.abs(f.offset_db) >= OFFSET_SPAN_DB;
    if (end) atEnd.push(`${f.operator} ${f.technology}`);
    body.append(
      el(
        'tr',
        {
          dataset: {
            operator: f.operator,
            technology: f.technology,
            offsetDb: String(f.offset_db),
            ...(end ? { atEnd: '1' } : {}),
          },
        },
        [
          el('td', { text: `${f.operator} ${f.technology}` }),
          el('td', { className: 'num', text: fmt.int(f.tests) }),
          el('td', { className: 'num', dataset: { field: 'offset' }, text: signedDb(f.offset_db) }),
          el('td', {
            className: 'num',
            text: `${fmt.percent(f.agreement_before_pct)} → ${fmt.percent(f.agreement_after_pct)}`,
          }),
        ],
      ),
    );
  }
  table.append(body);
  const toggle = button(
    calibration.applied ? t('calibOffset.undo') : t('calibOffset.apply'),
    () => {
      const { calibrate: _c, ...rest } = analysis;
      setAnalysis(calibration.applied ? rest : { ...rest, calibrate: true });
    },
    { attrs: { id: 'calibration-apply' } },
  );
  group.append(table);
  if (atEnd.length > 0)
    group.append(
      el('p', {
        className: 'small issue-warning',
        dataset: { field: 'calibration-at-end' },
        text: t('calibOffset.atEnd', { groups: atEnd.join(', '), span: String(OFFSET_SPAN_DB) }),
      }),
    );
  group.append(
    el('p', {
      dataset: { field: 'calibration-state' },
      text: calibration.applied ? t('calibOffset.applied') : t('calibOffset.notApplied'),
    }),
    toggle,
  );
  return group;
}

/**
 * The banner's words on a calibration the figures use (nothing otherwise): the loss offsets applied,
 * per operator × technology in dB, or that the radii are the fitted ones.
 */
export function calibrationBanner(
  snapshot: Pick<Snapshot, 'calibration' | 'offsetCalibration'> | null,
): string[] {
  const offsets = snapshot?.offsetCalibration;
  if (offsets?.applied) {
    const list = offsets.fits
      .filter((f) => f.offset_db !== 0)
      .map((f) => `${f.operator} ${f.technology} ${signedDb(f.offset_db)}`)
      .join(', ');
    return [` ${t('banner.calibratedOffset', { list: list || '0 dB' })}`];
  }
  if (snapshot?.calibration?.applied) return [` ${t('banner.calibratedRadius')}`];
  return [];
}
