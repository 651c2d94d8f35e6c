/**
 * The "sites counted" control (issue 13): on air today, or as planned by a year (the CLI's --as-of).
 * Choosing one analyses again in the worker with the planned cells of that year counted; the rule is
 * said in words beside it, with what it kept of the loaded sites.
 */
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { isPlanYear } from '../state/view_state.ts';
import { button, el } from '../ui/dom.ts';
import type { CellCounting } from '../worker/worker_protocol.ts';

/** The rule in words: "Counted: cells on air (planned cells left out)" or "… planned cells on air by 2027". */
export function countingRuleText(asOf: number | null): string {
  return asOf === null ? t('counting.ruleToday') : t('counting.ruleAsOf', { year: String(asOf) });
}

/** What the rule kept of the loaded sites, in one sentence. */
function countingDetailsText(c: CellCounting): string {
  if (c.plannedCounted + c.plannedLeftOut === 0)
    return t('counting.noPlanned', { onAir: fmt.int(c.onAirCells) });
  return t('counting.details', {
    onAir: fmt.int(c.onAirCells),
    counted: fmt.int(c.plannedCounted),
    left: fmt.int(c.plannedLeftOut),
    noYear: fmt.int(c.plannedWithoutYear),
    sites: fmt.int(c.sitesLeftOut),
  });
}

/** The control: two radios and a year; `setAsOf(null)` is today. */
export function countingControl(
  asOf: number | null,
  counting: CellCounting | null,
  setAsOf: (asOf: number | null) => void,
): HTMLElement {
  const today = el('input', { attrs: { type: 'radio', name: 'as-of', id: 'as-of-today', value: 'today' } });
  const planned = el('input', { attrs: { type: 'radio', name: 'as-of', id: 'as-of-year', value: 'year' } });
  today.checked = asOf === null;
  planned.checked = asOf !== null;
  const year = el('input', {
    attrs: {
      type: 'number',
      id: 'as-of-year-value',
      min: '1990',
      max: '2100',
      step: '1',
      inputmode: 'numeric',
      'aria-label': t('counting.year'),
    },
  });
  year.value = String(asOf ?? new Date().getFullYear() + 1);
  const problem = el('p', { className: 'error-text', attrs: { role: 'alert', id: 'as-of-problem' } });
  // What this form last asked for: the year box's change (fired when the Apply button is pressed)
  // and the click that follows ask once, not twice, while the form waits to be redrawn.
  let current = asOf;
  /** A year was typed since the form was drawn (and "today" not chosen since). */
  let touched = false;
  const apply = () => {
    if (today.checked && !touched) {
      if (current !== null) {
        current = null;
        setAsOf(null);
      }
      return;
    }
    const y = Number(year.value);
    if (!isPlanYear(y)) {
      problem.textContent = t('counting.yearBad');
      return;
    }
    problem.textContent = '';
    planned.checked = true;
    if (y !== current) {
      current = y;
      setAsOf(y);
    }
  };
  today.addEventListener('change', () => {
    touched = false;
    apply();
  });
  planned.addEventListener('change', apply);
  // Typing a year means "planned by": Apply then counts that year, with no radio to click first.
  year.addEventListener('input', () => {
    touched = true;
  });
  year.addEventListener('change', () => {
    planned.checked = true;
    apply();
  });
  return el('fieldset', { className: 'radios', attrs: { id: 'cell-counting' } }, [
    el('legend', { text: t('counting.title') }),
    el('label', {}, [today, el('span', { text: t('counting.today') })]),
    el('label', {}, [planned, el('span', { text: t('counting.asOf') }), year]),
    button(t('counting.apply'), apply, { attrs: { id: 'as-of-apply' } }),
    problem,
    el('p', { className: 'muted small', attrs: { id: 'as-of-rule' }, text: countingRuleText(asOf) }),
    ...(counting ? [el('p', { className: 'muted small', text: countingDetailsText(counting) })] : []),
  ]);
}
