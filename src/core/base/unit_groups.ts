import { foldText } from './fold_text.ts';
import type { Commune } from './types.ts';

/** A district or province and the indices of its communes. */
export interface UnitGroup {
  id: string;
  name: string;
  level: 'district' | 'province';
  parent: string | null;
  members: number[];
  /** Set on a former province's area: the old province's name (e.g. "Đắk Nông"). */
  formerProvince?: string;
}

/**
 * A 2025 unit belongs to the area of an old province when at least this share of its area lay in it.
 * With the bundled 2025 set this gives 77 units for old Gia Lai and 28 for old Đắk Nông, the counts
 * the reorganisation resolutions give.
 */
export const FORMER_AREA_MIN_SHARE = 0.5;

/** Id of the group of 2025 units covering an old province ("former-dak-nong"). */
export function formerAreaId(province: string): string {
  return `former-${foldText(province).replace(/[^a-z0-9]+/g, '-')}`;
}

/** Name of that group, in Vietnamese as the reports are ("Địa bàn tỉnh Đắk Nông cũ"). */
export function formerAreaName(province: string): string {
  return `Địa bàn tỉnh ${province} cũ`;
}

/**
 * The districts (when the boundary set has them) and provinces the communes belong to: districts first,
 * then provinces, each in order of first appearance; then, for a set of merged provinces (2025), the
 * area of each old province: the units with at least FORMER_AREA_MIN_SHARE of their area in it, at
 * province level with `formerProvince` set. Every rollup walks this same list.
 */
export function unitGroups(communes: readonly Commune[]): UnitGroup[] {
  const districts = new Map<string, UnitGroup>();
  const provinces = new Map<string, UnitGroup>();
  communes.forEach((c, i) => {
    if (c.districtId !== null) {
      const d = districts.get(c.districtId) ?? {
        id: c.districtId,
        name: c.districtName ?? c.districtId,
        level: 'district',
        parent: c.provinceId,
        members: [],
      };
      d.members.push(i);
      districts.set(c.districtId, d);
    }
    const p = provinces.get(c.provinceId) ?? {
      id: c.provinceId,
      name: c.provinceName,
      level: 'province',
      parent: null,
      members: [],
    };
    p.members.push(i);
    provinces.set(c.provinceId, p);
  });
  const former = new Map<string, UnitGroup>();
  communes.forEach((c, i) => {
    for (const f of c.former ?? []) {
      if (!(f.share >= FORMER_AREA_MIN_SHARE)) continue;
      const id = formerAreaId(f.province);
      const g = former.get(id) ?? {
        id,
        name: formerAreaName(f.province),
        level: 'province',
        parent: null,
        members: [],
        formerProvince: f.province,
      };
      g.members.push(i);
      former.set(id, g);
    }
  });
  return [...districts.values(), ...provinces.values(), ...former.values()];
}
