export { foldText } from '../../core/base/fold_text.ts';

const TRUE = new Set(['true', '1', 'yes', 'y', 'có', 'co', 'x']);
const FALSE = new Set(['false', '0', 'no', 'n', 'không', 'khong', '']);

/** Reads a yes/no flag: true/false, yes/no, 1/0, có/không (any case); undefined when unreadable. */
export function parseFlag(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (v === undefined || v === null) return false;
  if (typeof v !== 'string') return undefined;
  const s = v.normalize('NFC').trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}
