/**
 * Keeps a form from being redrawn under a pressed pointer (issue 15).
 *
 * Typing in a box and then clicking a button of the same form fires the box's `change` on the
 * button's mousedown (the box loses focus). When that change redraws the form, the button under the
 * pointer is replaced before the mouseup, and the browser sends no click: the planner had to click
 * twice. `renderWhenFree` runs a redraw at once, unless a pointer is pressed inside the element being
 * redrawn; then the redraw waits until that press has ended and its click (if any) has been handled,
 * so the click reaches the button the planner pressed. The state the change set is kept at once; only
 * the drawing waits. A later redraw of the same element replaces a waiting one (the newest wins).
 */

/** Where the pointer that is down now was pressed (null when none is). */
let pressed: EventTarget | null = null;
/** Waiting redraws, by the element they redraw. */
const waiting = new Map<Element, () => void>();
let installed = false;

function flush(): void {
  if (pressed !== null) return;
  const all = [...waiting.values()];
  waiting.clear();
  for (const redraw of all) redraw();
}

/** After the click that follows a release (dispatched in the same task as the pointerup in Chromium,
 * and a little later on touch screens), then the redraws run. */
function released(event: PointerEvent): void {
  pressed = null;
  if (waiting.size === 0) return;
  setTimeout(flush, event.pointerType === 'touch' ? 350 : 0);
}

function install(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener(
    'pointerdown',
    (e) => {
      if (e.isPrimary) pressed = e.target;
    },
    true,
  );
  window.addEventListener('pointerup', (e) => e.isPrimary && released(e), true);
  window.addEventListener('pointercancel', (e) => e.isPrimary && released(e), true);
  // The click itself: run what waits right after its handlers.
  window.addEventListener('click', () => waiting.size > 0 && setTimeout(flush, 0), true);
}

/**
 * Runs `redraw` (which redraws `root`) now, or, while a pointer is pressed inside `root`, once that
 * press and its click are over.
 */
export function renderWhenFree(root: Element, redraw: () => void): void {
  install();
  if (pressed instanceof Node && root.contains(pressed)) {
    waiting.set(root, redraw);
    return;
  }
  waiting.delete(root);
  redraw();
}
