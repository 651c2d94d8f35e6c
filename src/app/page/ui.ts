/**
 * The page's fixed elements (index.html), and the small helpers every controller uses on them: the
 * status line, keeping the keyboard focus across a re-render, and map padding clear of the panels.
 */
import { requireElement } from '../ui/dom.ts';
import { renderWhenFree } from '../ui/pointer_guard.ts';

export function findUi() {
  return {
    map: requireElement('map', HTMLDivElement),
    banner: requireElement('banner', HTMLParagraphElement),
    subtitle: requireElement('subtitle', HTMLParagraphElement),
    status: requireElement('status', HTMLParagraphElement),
    controls: requireElement('map-controls', HTMLDivElement),
    summary: requireElement('summary', HTMLDivElement),
    legend: requireElement('legend', HTMLDivElement),
    layers: requireElement('layers', HTMLDivElement),
    table: requireElement('tab-table', HTMLElement),
    sites: requireElement('tab-sites', HTMLElement),
    scenario: requireElement('scenario-controls', HTMLDivElement),
    data: requireElement('tab-data', HTMLElement),
    settings: requireElement('tab-settings', HTMLElement),
    report: requireElement('tab-report', HTMLElement),
    suggest: requireElement('suggest-slot', HTMLDivElement),
    panel: requireElement('unit-panel', HTMLElement),
    modeHint: requireElement('mode-hint', HTMLDivElement),
    dropOverlay: requireElement('drop-overlay', HTMLDivElement),
    find: requireElement('find', HTMLDivElement),
    mapTools: requireElement('map-tools', HTMLDivElement),
    baseLayers: requireElement('base-layers', HTMLDivElement),
    difference: requireElement('difference-slot', HTMLDivElement),
  };
}

export type Ui = ReturnType<typeof findUi>;

/** Shows a line in the status bar; errors are announced (role=alert). */
export function setStatus(ui: Ui, text: string, kind: 'info' | 'error' = 'info'): void {
  ui.status.textContent = text;
  ui.status.classList.toggle('status-error', kind === 'error');
  ui.status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

/**
 * Redraws `root` with `render`, keeping focus on the control with the same id (keyboard users keep
 * their place). While a pointer is pressed inside `root` the redraw waits for the click to be over
 * (renderWhenFree), so that a change fired by that press does not swallow the click.
 */
export function keepFocus(root: Element, render: () => void): void {
  renderWhenFree(root, () => {
    const id = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
    render();
    if (id) document.getElementById(id)?.focus();
  });
}

/**
 * How many CSS pixels at the map's left edge the open sidebar covers (with its margin), when it stands
 * beside the map; 0 when it is collapsed or lies across the top (narrow screens).
 */
export function sidebarCover(ui: Ui): number {
  const side = document.getElementById('sidebar');
  if (!side || side.getClientRects().length === 0) return 0;
  const r = side.getBoundingClientRect();
  const m = ui.map.getBoundingClientRect();
  if (r.width >= m.width * 0.7) return 0;
  return Math.max(0, Math.round(r.right + 12 - m.left));
}

/** Map padding that keeps a fitted box clear of the sidebar and the unit panel. */
export function mapPadding(ui: Ui): { top: number; bottom: number; left: number; right: number } {
  const pad = { top: 30, bottom: 30, left: 30, right: 30 };
  const w = window.innerWidth;
  const h = window.innerHeight;
  const side = document.getElementById('sidebar')?.getBoundingClientRect();
  if (side && side.width < w * 0.7) pad.left = Math.max(pad.left, side.right + 20);
  else if (side) pad.top = Math.max(pad.top, side.bottom + 20);
  const panel = ui.panel.hidden ? null : ui.panel.getBoundingClientRect();
  if (panel && panel.top < h * 0.3) pad.right = Math.max(pad.right, w - panel.left + 20);
  else if (panel) pad.bottom = Math.max(pad.bottom, h - panel.top + 20);
  // Never leave less than a third of the map.
  if (pad.left + pad.right > w * 0.7) pad.right = 30;
  if (pad.top + pad.bottom > h * 0.7) pad.bottom = 30;
  return pad;
}
