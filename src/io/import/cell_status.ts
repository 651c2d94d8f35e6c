import { foldText } from '../../core/base/fold_text.ts';
import type { CellStatus } from '../../core/base/types.ts';

/** Status words (folded: no diacritics, lower case, single spaces) and what they mean. */
const STATUS: Record<string, CellStatus> = {
  'dang phat song': 'on_air',
  'da phat song': 'on_air',
  'phat song': 'on_air',
  'dang hoat dong': 'on_air',
  'hoat dong': 'on_air',
  'on air': 'on_air',
  onair: 'on_air',
  'on-air': 'on_air',
  on_air: 'on_air',
  active: 'on_air',
  'in service': 'on_air',
  operational: 'on_air',
  'quy hoach': 'planned',
  'ke hoach': 'planned',
  'du kien': 'planned',
  'chua phat song': 'planned',
  'dang xay dung': 'planned',
  planned: 'planned',
  plan: 'planned',
  proposed: 'planned',
  'under construction': 'planned',
};

/** The status words a message lists when a value is unknown. */
export const STATUS_WORDS =
  '"Đang phát sóng", "Đang hoạt động", "on air" (on air) or "Quy hoạch", "Kế hoạch", "Dự kiến", "planned" (planned)';

/** Reads a cell status; null when the word is unknown. Blank is not handled here. */
export function parseCellStatus(raw: string): CellStatus | null {
  return STATUS[foldText(raw)] ?? null;
}
