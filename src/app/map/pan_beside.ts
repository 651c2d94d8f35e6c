/**
 * Where the map must pan so that a clicked commune is not hidden under the unit panel that its click
 * opened (issue 15): the smallest shift (px) that brings the commune's screen box out of the panel and
 * into the free part of the map, or null when it is not under the panel.
 */

/** A screen rectangle (px, CSS pixels, origin at the map's top left). */
export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: ScreenRect, b: ScreenRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The shift (px, added to screen positions: +x moves the commune right) that puts `target` inside
 * `free` (the map less the side cards), one axis at a time: only the axes on which it sticks out move,
 * and a target wider or taller than `free` is aligned on its left or top edge. Null when `target` does
 * not overlap `panel`, or when no shift is needed.
 */
export function panBeside(
  target: ScreenRect,
  panel: ScreenRect,
  free: ScreenRect,
): { dx: number; dy: number } | null {
  if (!overlaps(target, panel)) return null;
  const shift = (lo: number, hi: number, freeLo: number, freeHi: number) => {
    if (hi - lo > freeHi - freeLo) return freeLo - lo;
    if (hi > freeHi) return freeHi - hi;
    if (lo < freeLo) return freeLo - lo;
    return 0;
  };
  const dx = shift(target.left, target.right, free.left, free.right);
  const dy = shift(target.top, target.bottom, free.top, free.bottom);
  return dx === 0 && dy === 0 ? null : { dx, dy };
}
