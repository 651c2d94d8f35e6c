import { UserError } from '../base/errors.ts';
import type { Commune } from '../base/types.ts';
import type { PlanScope } from './plan_types.ts';

/**
 * The indices of the communes a plan covers and a label for reports. A province or district matches
 * its id or its name (compared after NFC, without case or diacritics). An empty scope is a UserError.
 */
export function communesInScope(
  communes: readonly Commune[],
  scope: PlanScope,
): { indices: number[]; label: string } {
  const key = (s: string | null) => fold(s ?? '');
  const want = scope.kind === 'all' ? '' : key(scope.id);
  const match = (c: Commune): boolean => {
    switch (scope.kind) {
      case 'all':
        return true;
      case 'province':
        return key(c.provinceId) === want || key(c.provinceName) === want;
      case 'district':
        return key(c.districtId) === want || key(c.districtName) === want;
      case 'commune':
        return c.id === scope.id || key(c.id) === want;
    }
  };
  const indices: number[] = [];
  communes.forEach((c, i) => {
    if (match(c)) indices.push(i);
  });
  const label = scope.kind === 'all' ? 'all communes' : `${scope.kind} ${scope.id}`;
  if (indices.length === 0)
    throw new UserError(
      scope.kind === 'all'
        ? 'there are no communes to plan for.'
        : `no commune matches --scope ${scope.kind}:${scope.id}; give a ${scope.kind} id or name from the boundaries file.`,
    );
  return { indices, label };
}

/** NFC, lower case, no diacritics (đ → d), single spaces: how names are compared. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
