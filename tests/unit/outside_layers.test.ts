/**
 * Infrastructure outside every unit of the boundary set is marked `outside` in the map layers the
 * worker sends (issue 14), so the page hides it, or greys it when asked: the postal points, and their
 * service circles with them.
 */
import { describe, expect, it } from 'vitest';
import { postalPatch } from '../../src/app/worker/worker_layers.ts';
import type { PostalPoint } from '../../src/core/base/infrastructure.ts';

const point = (id: string, lon: number, staffed = true): PostalPoint => ({
  id,
  lon,
  lat: 14,
  type: 'post_office',
  staffed,
  internet: true,
  online_public_services: false,
});

describe('postal layers outside the boundary set', () => {
  const inside = (lon: number) => lon < 108.5;
  const patch = postalPatch([point('in', 108), point('out', 109)], new Map(), 3, inside);
  const props = (entries: [string, { properties: unknown }[]][]) =>
    Object.fromEntries(entries.map(([id, fs]) => [id, fs.map((f) => f.properties)]));

  it('marks the point and its service circle outside, and only those', () => {
    const points = props(patch.postal);
    expect((points.in![0] as { outside?: boolean }).outside).toBeFalsy();
    expect((points.out![0] as { outside?: boolean }).outside).toBe(true);
    expect(props(patch.serviceCircles)).toEqual({ in: [{ id: 'in' }], out: [{ id: 'out', outside: true }] });
  });

  it('an unstaffed point has no circle, inside or out', () => {
    const p = postalPatch([point('u', 109, false)], new Map(), 3, inside);
    expect(p.serviceCircles).toEqual([['u', []]]);
  });
});
