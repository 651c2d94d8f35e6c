/**
 * Plausible Vietnamese names for SYNTHETIC villages and postal points.
 * They are made up from common name parts; a name that matches a real place does so by chance.
 */
import type { Rng } from './prng.ts';

/** Splits a "|"-separated list of name parts. */
function parts(list: string): readonly string[] {
  return list.split('|');
}

/** Cultural region of a commune, which decides the style of its village names. */
export type NameRegion = 'gia-lai' | 'dak-nong' | 'binh-dinh' | 'binh-dinh-highland';

/** Jrai and Bahnar name parts (Gia Lai; Bình Định highlands). */
const JRAI_FIRST = ['Ia', 'Plei', 'Chư', 'Kơ', 'Đê', 'Tơ', 'Dơ', 'Krông', 'Bơ', 'Ơ'] as const;
const JRAI_SECOND = parts(
  'Dêr|Ring|Phang|Nông|Bă|Ngol|Rưng|Kla|Lang|Mơ|Blang|Ktu|Hrung|Rbol|Sao|Tung|Krăi|Mrong|Pết|Yang|Klah|Bia|Hdrai|Dăng|Kop|Grông|Jut|Brêl|Tô|Rok|Chă|Lâm|Bông|Kênh|Ơi|Nhơ|Hlốp',
);
/** M'Nông name parts (Đắk Nông "bon"). */
const MNONG_FIRST = ['Bu', 'Ja', "N'Jang", 'Sa', "R'Lơ", 'Bu Đơ', 'Ol', 'Đăk'] as const;
const MNONG_SECOND = parts(
  'Dăr|Prăng|Rơ|Ráh|Pri|Sruê|Bơ|Mbah|Lư|Nao|Rmăng|Đơng|Buk|Ngo|Mol|Lao|Drông|Jâng|Sinh|Kriêng|Cháp|Ndung|Srê|Boong',
);
/** Ê Đê name parts (Đắk Nông "buôn"). */
const EDE_FIRST = ['Ea', 'Ko', 'Ama', 'Krông', 'Knia'] as const;
const EDE_SECOND = parts('Pô|Tar|Drông|Kmar|Sup|Ktur|Mdhar|Hning|Bông|Dhăm|Kuêh');
/** Sino-Vietnamese hamlet names used across the Kinh settlements. */
const KINH_NAMES = parts(
  'Tân Lập|Tân Tiến|Tân Hòa|Thanh Bình|Hòa Bình|Đoàn Kết|Quyết Thắng|Thống Nhất|Phú Hòa|Phú Thịnh|An Phú|An Bình|Hiệp Hòa|Đồng Tâm|Thuận An|Xuân Phú|Bình Minh|Nam Sơn|Bắc Sơn|Đông Sơn|Tây Hòa|Trung Thành|Vĩnh An|Phước Lộc|Hưng Thịnh|Đức Thành|Kim Châu|Mỹ Hòa|Cát Tường|Phú Lâm|Tân Bình|Thạnh Mỹ|An Hòa|Long Bình|Hòa Thuận|Tân Phú|Quang Trung|Thắng Lợi|Nghĩa Hòa|Phú Thọ|Chánh Hòa|Lộc Thượng|Trung Lương|Hà Ninh|Thiện Chánh|Phụng Du|Kiều An|Vạn Thuận|Hội Khánh|Diêm Tiêu',
);

/** A two-part ethnic-minority name such as "Ia Dêr" or "Bu Prăng". */
function twoPart(rng: Rng, first: readonly string[], second: readonly string[]): string {
  return `${rng.pick(first)} ${rng.pick(second)}`;
}

/** One candidate village name of a rural commune in the given region. `n` is the village's ordinal. */
function ruralName(rng: Rng, region: NameRegion, n: number): string {
  const r = rng.next();
  switch (region) {
    case 'gia-lai':
      if (r < 0.45) return `Thôn ${n}`;
      if (r < 0.9) return `Làng ${twoPart(rng, JRAI_FIRST, JRAI_SECOND)}`;
      return `Thôn ${rng.pick(KINH_NAMES)}`;
    case 'dak-nong':
      if (r < 0.4) return `Thôn ${n}`;
      if (r < 0.75) return `Bon ${twoPart(rng, MNONG_FIRST, MNONG_SECOND)}`;
      if (r < 0.85) return `Buôn ${twoPart(rng, EDE_FIRST, EDE_SECOND)}`;
      return `Thôn ${rng.pick(KINH_NAMES)}`;
    case 'binh-dinh-highland':
      if (r < 0.5) return `Làng ${twoPart(rng, JRAI_FIRST, JRAI_SECOND)}`;
      return `Thôn ${n}`;
    case 'binh-dinh':
      if (r < 0.15) return `Thôn ${n}`;
      return `Thôn ${rng.pick(KINH_NAMES)}`;
  }
}

/**
 * Names for `count` villages of one commune, unique within it. Urban wards get "Tổ dân phố N";
 * townships a mix of "Tổ dân phố N" (about 60%) and village names.
 */
export function villageNames(
  rng: Rng,
  count: number,
  kind: 'ward' | 'township' | 'rural',
  region: NameRegion,
): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  const urbanCount = kind === 'ward' ? count : kind === 'township' ? Math.ceil(count * 0.6) : 0;
  for (let i = 1; i <= count; i++) {
    let name = i <= urbanCount ? `Tổ dân phố ${i}` : ruralName(rng, region, i - urbanCount);
    for (let attempt = 0; used.has(name) && attempt < 20; attempt++) {
      name = ruralName(rng, region, i - urbanCount);
    }
    if (used.has(name)) name = `Thôn ${i}`;
    if (used.has(name)) name = `Thôn ${i}A`;
    used.add(name);
    names.push(name);
  }
  return names;
}

/** The name without its unit type: "Xã Ia Kênh" → "Ia Kênh", "Huyện Chư Sê" → "Chư Sê". */
export function shortName(name: string): string {
  return name.replace(/^(Thành phố|Thị xã|Thị trấn|Huyện|Phường|Xã)\s+/u, '').replace(/\s+/gu, ' ');
}

/** The unit type in lower case as used inside a name: "xã", "phường" or "thị trấn". */
export function unitTypeLower(name: string): string {
  if (name.startsWith('Phường')) return 'phường';
  if (name.startsWith('Thị trấn')) return 'thị trấn';
  return 'xã';
}
