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
import { el } from '../ui/dom.ts';
import type { Snapshot } from '../worker/worker_protocol.ts';
import { calibrationGroup } from './calibration_group.ts';

/** A signed loss offset in dB as the panel shows it ("+6,0 dB"). */
function signedDb(db: number): string {
  const sign = db > 0 ? '+' : db < 0 ? '−' : '';
  return `${sign}${fmt.decimal(Math.abs(db), 1)} dB`;
}

const atEnd = (f: OffsetFit) => Math.abs(f.offset_db) >= OFFSET_SPAN_DB;

/** The offset group: the table of fits, the end-of-scan warning, the state line and the apply / undo button. */
export function offsetCalibrationGroup(
  calibration: { applied: boolean; fits: OffsetFit[] },
  analysis: AnalysisChoice,
  setAnalysis: (analysis: AnalysisChoice) => void,
): HTMLElement {
  return calibrationGroup(
    calibration,
    {
      heading: 'calibOffset.heading',
      note: 'calibOffset.note',
      none: 'calibOffset.none',
      valueHeader: 'calibOffset.offset',
      apply: 'calibOffset.apply',
      undo: 'calibOffset.undo',
      applied: 'calibOffset.applied',
      notApplied: 'calibOffset.notApplied',
      valueCell: (f) =>
        el('td', { className: 'num', dataset: { field: 'offset' }, text: signedDb(f.offset_db) }),
      rowData: (f) => ({ offsetDb: String(f.offset_db), ...(atEnd(f) ? { atEnd: '1' } : {}) }),
      afterTable: (fits) => {
        const groups = fits.filter(atEnd).map((f) => `${f.operator} ${f.technology}`);
        return groups.length === 0
          ? []
          : [
              el('p', {
                className: 'small issue-warning',
                dataset: { field: 'calibration-at-end' },
                text: t('calibOffset.atEnd', { groups: groups.join(', '), span: String(OFFSET_SPAN_DB) }),
              }),
            ];
      },
    },
    analysis,
    setAnalysis,
  );
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
