import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { button, el } from '../ui/dom.ts';
import type { WhyResult } from '../worker/worker_protocol.ts';
import { whyChart } from './why_chart.ts';

/** What the "why" card shows: waiting for a click for a site, a profile, or nothing (hidden). */
export type WhyView =
  | { kind: 'hidden' }
  | { kind: 'picking'; siteId: string }
  | { kind: 'profile'; result: WhyResult }
  | { kind: 'no-dem' };

const db = (v: number) => `${fmt.decimal(v, 1, 1)} dB`;
const dbm = (v: number) => `${fmt.decimal(v, 1, 1)} dBm`;

/**
 * The "why" card over the map (issue 17): the profile chart and the link budget of the cell received
 * best at the clicked point — distance, basic loss (with its model), diffraction, antenna gain, the
 * received level against the threshold, covered or not — and the other cells' levels.
 */
export function renderWhyPanel(container: HTMLElement, v: WhyView, onClose: () => void): void {
  container.hidden = v.kind === 'hidden';
  if (v.kind === 'hidden') {
    container.replaceChildren();
    return;
  }
  const close = button(t('why.close'), onClose, { className: 'small', attrs: { id: 'why-close' } });
  if (v.kind === 'no-dem') {
    container.replaceChildren(el('p', { text: t('why.noDem') }), close);
    return;
  }
  if (v.kind === 'picking') {
    container.replaceChildren(
      el('p', { attrs: { id: 'why-hint' }, text: t('why.pick', { site: v.siteId }) }),
      close,
    );
    return;
  }
  const r = v.result;
  const p = r.profile;
  const best = r.cells[r.best]!;
  const rows: [string, string, string][] = [
    ['distance', t('why.distance'), fmt.km(p.distance_m / 1000, 2)],
    ['basic', t('why.basic'), `${db(p.basicLoss_db)} (${p.basicLossModel})`],
    ['diffraction', t('why.diffraction'), db(p.diffractionLoss_db)],
    ['gain', t('why.gain'), db(p.antennaGain_db)],
    ['received', t('why.received'), dbm(p.received_dbm)],
    ['threshold', t('why.threshold'), dbm(p.threshold_dbm)],
  ];
  const table = el('table', { className: 'small-table why-numbers', attrs: { id: 'why-numbers' } }, [
    el(
      'tbody',
      {},
      rows.map(([key, caption, value]) =>
        el('tr', { dataset: { key } }, [
          el('th', { text: caption }),
          el('td', { className: 'num', text: value }),
        ]),
      ),
    ),
  ]);
  const verdict = el('p', {
    className: p.covered ? 'why-verdict covered' : 'why-verdict not-covered',
    attrs: { id: 'why-verdict' },
    text: p.covered ? t('why.covered') : t('why.notCovered'),
  });
  const others =
    r.cells.length > 1
      ? el(
          'ul',
          { className: 'why-cells muted small' },
          r.cells.map((c, i) =>
            el('li', {
              text: `${i === r.best ? '▸ ' : ''}${t('why.cell', { cell: c.label })}: ${dbm(c.received_dbm)} / ${dbm(c.threshold_dbm)}`,
            }),
          ),
        )
      : null;
  const title = t('why.title', { site: r.siteId });
  container.replaceChildren(
    el('h4', { text: `${title} — ${best.label}` }),
    whyChart(p, { title, x: t('why.axisDistance'), y: t('why.axisHeight') }),
    el(
      'ul',
      { className: 'why-key small' },
      (
        [
          ['why-key-terrain', t('why.terrain')],
          ['why-key-los', t('why.los')],
          ['why-key-fresnel', t('why.fresnel')],
        ] as const
      ).map(([cls, text]) =>
        el('li', {}, [
          el('span', { className: `why-swatch ${cls}`, attrs: { 'aria-hidden': 'true' } }),
          el('span', { text }),
        ]),
      ),
    ),
    verdict,
    table,
    ...(others ? [others] : []),
    close,
  );
}
