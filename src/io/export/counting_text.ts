import type { CellCounting } from '../../core/report/report.ts';

const n = (v: number, vi: boolean) => v.toLocaleString(vi ? 'vi-VN' : 'en-US');

/**
 * The cell-counting rule of a report in the report's language, with what it counted and left out:
 * "On air only: 1,203 cells; 40 planned cells left out". A report without the block (older files) says so.
 */
export function countingText(c: CellCounting | undefined, vi: boolean): string {
  if (!c)
    return vi ? 'Không ghi trong báo cáo (mọi trạm trong tệp)' : 'Not recorded (every site in the file)';
  const without =
    c.planned_without_year > 0
      ? vi
        ? ` (${n(c.planned_without_year, vi)} ô không có năm phát sóng)`
        : ` (${n(c.planned_without_year, vi)} with no year on air)`
      : '';
  if (c.as_of === null)
    return vi
      ? `Chỉ ô đang phát sóng: ${n(c.on_air_cells, vi)} ô; ${n(c.planned_left_out, vi)} ô quy hoạch không tính`
      : `On air only: ${n(c.on_air_cells, vi)} cells; ${n(c.planned_left_out, vi)} planned cells left out`;
  return vi
    ? `Ô đang phát sóng và ô quy hoạch phát sóng đến hết năm ${c.as_of}: ${n(c.on_air_cells, vi)} + ${n(c.planned_counted, vi)} ô; ${n(c.planned_left_out, vi)} ô quy hoạch sau năm đó không tính${without}`
    : `On air, plus planned cells on air by ${c.as_of}: ${n(c.on_air_cells, vi)} + ${n(c.planned_counted, vi)} cells; ${n(c.planned_left_out, vi)} planned cells left out${without}`;
}
