import type { OffsetFit } from '../measured/calibrate_offset.ts';
import type { RadiusFit } from '../measured/calibrate_radius.ts';

/** The calibrations of an analysis, as the report carries them. */
interface Calibrations {
  calibration?: { applied: boolean; fits: RadiusFit[] } | null;
  offsetCalibration?: { applied: boolean; fits: OffsetFit[] } | null;
}

/** A signed offset in dB with one decimal, in the language's decimal mark: "+6.0 dB", "−2,5 dB". */
function signedDb(db: number, lang: 'vi' | 'en'): string {
  const text = Math.abs(db).toFixed(1);
  return `${db > 0 ? '+' : db < 0 ? '−' : '±'}${lang === 'vi' ? text.replace('.', ',') : text} dB`;
}

/**
 * What the footprint method note adds when the analysis used a calibration (issue 16): the loss
 * offsets (dB) applied as an EIRP that much lower per operator × technology, or the fitted default
 * radii (m, rural); the empty string when nothing fitted was applied. `lang` picks the language.
 */
export function calibrationNote(c: Calibrations, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const offsets = c.offsetCalibration?.applied
    ? c.offsetCalibration.fits.filter((f) => f.offset_db !== 0)
    : [];
  if (c.offsetCalibration?.applied) {
    const list = offsets
      .map((f) => `${f.operator} ${f.technology} ${signedDb(f.offset_db, lang)}`)
      .join(', ');
    return vi
      ? `; đã hiệu chỉnh theo đo thực tế: suy hao cộng thêm ${list || '0 dB'} (EIRP của các ô đó giảm đúng bằng ấy)`
      : `; calibrated to the speed tests: loss offset ${list || '0 dB'} (the EIRP of those cells lowered by as much)`;
  }
  if (c.calibration?.applied) {
    const list = c.calibration.fits
      .map((f) => `${f.operator} ${f.technology} ${f.default_radius_m.rural} → ${f.fitted_radius_m.rural} m`)
      .join(', ');
    return vi
      ? `; đã hiệu chỉnh theo đo thực tế: bán kính mặc định nông thôn ${list} (đô thị theo cùng tỉ lệ)`
      : `; calibrated to the speed tests: default rural radius ${list} (urban scaled alike)`;
  }
  return '';
}
