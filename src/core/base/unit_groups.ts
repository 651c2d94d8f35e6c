import type { Commune } from './types.ts';

/** A district or province and the indices of its communes. */
export interface UnitGroup {
  id: string;
  name: string;
  level: 'district' | 'province';
  parent: string | null;
  members: number[];
}

/**
 * The districts (when the boundary set has them) and provinces the communes belong to: districts first,
 * then provinces, each in order of first appearance. Every rollup walks this same list.
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
  return [...districts.values(), ...provinces.values()];
}
