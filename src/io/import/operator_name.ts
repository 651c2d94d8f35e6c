import { foldText } from '../../core/base/fold_text.ts';

/** Spellings of Vietnam's mobile operators (folded: lower case, no diacritics, no spaces or dashes). */
const OPERATORS: Record<string, string> = {
  viettel: 'Viettel',
  vtl: 'Viettel',
  viettelmobile: 'Viettel',
  vnpt: 'VNPT',
  vinaphone: 'VNPT',
  vnp: 'VNPT',
  vnptvinaphone: 'VNPT',
  vinaphonevnpt: 'VNPT',
  mobifone: 'MobiFone',
  mobiphone: 'MobiFone',
  mobi: 'MobiFone',
  vms: 'MobiFone',
  vmsmobifone: 'MobiFone',
  vietnamobile: 'Vietnamobile',
  vnmobile: 'Vietnamobile',
  vnm: 'Vietnamobile',
  gmobile: 'Gmobile',
  beeline: 'Gmobile',
};

/**
 * An operator's name as the figures group it: "VinaPhone", "vnpt-vinaphone" → "VNPT"; "Mobifone",
 * "VMS" → "MobiFone"; "viettel" → "Viettel"; "Vietnamobile". Other names are kept as written (NFC,
 * trimmed, inner spaces collapsed).
 */
export function operatorName(raw: string): string {
  const known = seen.get(raw);
  if (known !== undefined) return known;
  const name = nameOf(raw);
  // A file repeats a handful of spellings millions of times: each is folded once (and held once).
  if (seen.size < 1000) seen.set(raw, name);
  return name;
}

const seen = new Map<string, string>();

function nameOf(raw: string): string {
  const written = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const key = foldText(written).replace(/[\s\-_./&]+/g, '');
  return OPERATORS[key] ?? written;
}
