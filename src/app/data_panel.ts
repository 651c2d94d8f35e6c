/**
 * Import: the datasets in use (bundled sample or imported file, rows kept and rejected), a file picker
 * and drop zone, the report of the last import with every problem by row or feature, and "clear data".
 */

import { DATASET_KINDS, type DatasetKind } from './dataset_kind.ts';
import { button, el, field, selectBox } from './dom.ts';
import { fmt } from './format.ts';
import { type MessageKey, t } from './i18n.ts';
import { issueText, messageText } from './issue_text.ts';
import type { DatasetInfo, ImportReport } from './worker_protocol.ts';

export interface DataView {
  datasets: readonly DatasetInfo[];
  reports: readonly ImportReport[];
  /** Kind chosen in the picker, or "auto". */
  kind: DatasetKind | 'auto';
  busy: boolean;
  persistent: boolean;
}

export interface DataActions {
  setKind(kind: DatasetKind | 'auto'): void;
  importFiles(files: File[]): void;
  removeDataset(kind: DatasetKind): void;
  clear(): void;
}

const MAX_ISSUES_SHOWN = 50;

function datasetTable(v: DataView, a: DataActions): HTMLElement {
  const table = el('table', { className: 'small-table', attrs: { id: 'dataset-table' } });
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: t('data.kind') }),
        el('th', { text: t('data.source') }),
        el('th', { text: t('data.kept'), className: 'num' }),
        el('th', { text: t('data.rejected'), className: 'num' }),
        el('th', { text: '' }),
      ]),
    ]),
  );
  const body = el('tbody');
  for (const kind of DATASET_KINDS) {
    const d = v.datasets.find((x) => x.kind === kind);
    const source =
      !d || d.source === 'none'
        ? t('data.none')
        : d.source === 'sample'
          ? `${t('data.sample')}${d.synthetic ? ` (${t('data.synthetic')})` : ''}`
          : `${t('data.imported')}: ${d.name}`;
    const remove =
      d?.source === 'imported'
        ? button(t('data.useSample'), () => a.removeDataset(kind), { className: 'small' })
        : el('span');
    body.append(
      el('tr', { dataset: { kind, source: d?.source ?? 'none' } }, [
        el('td', { text: t(`kind.${kind}` as MessageKey) }),
        el('td', { text: source, title: d?.name ?? '' }),
        el('td', { className: 'num', text: d && d.source !== 'none' ? fmt.int(d.kept) : '–' }),
        el('td', { className: 'num', text: d && d.source !== 'none' ? fmt.int(d.rejected) : '–' }),
        el('td', {}, [remove]),
      ]),
    );
  }
  table.append(body);
  return table;
}

/** The report of one imported file: counts, and each problem with its row or feature. */
function importReportElement(r: ImportReport): HTMLElement {
  const box = el('div', {
    className: `import-report ${r.fatal ? 'import-failed' : r.rejected > 0 ? 'import-partial' : 'import-ok'}`,
    attrs: { role: r.fatal || r.rejected > 0 ? 'alert' : 'status' },
    dataset: { kind: r.kind, kept: String(r.kept), rejected: String(r.rejected) },
  });
  box.append(el('h4', { text: `${r.name} · ${t(`kind.${r.kind}` as MessageKey)}` }));
  if (r.fatal)
    box.append(
      el('p', { className: 'import-summary', text: t('import.fatal', { message: messageText(r.fatal) }) }),
    );
  else
    box.append(
      el('p', {
        className: 'import-summary',
        text: t('import.summary', {
          total: fmt.int(r.total),
          kept: fmt.int(r.kept),
          rejected: fmt.int(r.rejected),
        }),
      }),
    );
  const errors = r.issues.filter((i) => i.severity === 'error');
  const warnings = r.issues.filter((i) => i.severity === 'warning');
  if (r.issues.length) {
    box.append(
      el('p', {
        text: t('import.problems', { errors: fmt.int(errors.length), warnings: fmt.int(warnings.length) }),
      }),
    );
    const list = el('ul', { className: 'issue-list' });
    for (const i of r.issues.slice(0, MAX_ISSUES_SHOWN))
      list.append(el('li', { className: `issue-${i.severity}`, text: issueText(i) }));
    box.append(list);
    if (r.issues.length > MAX_ISSUES_SHOWN)
      box.append(
        el('p', {
          className: 'muted',
          text: t('list.more', { n: fmt.int(r.issues.length - MAX_ISSUES_SHOWN) }),
        }),
      );
  }
  return box;
}

export function renderDataPanel(container: HTMLElement, v: DataView, a: DataActions): void {
  const input = el('input', {
    attrs: {
      type: 'file',
      id: 'file-input',
      multiple: '',
      accept: '.geojson,.json,.csv,.tsv,.txt,.tif,.tiff',
    },
  });
  input.addEventListener('change', () => {
    if (input.files?.length) a.importFiles([...input.files]);
    input.value = '';
  });
  const kind = selectBox(
    [
      ['auto', t('data.auto')] as const,
      ...DATASET_KINDS.map((k) => [k, t(`kind.${k}` as MessageKey)] as const),
    ],
    v.kind,
    (k) => a.setKind(k as DatasetKind | 'auto'),
    { attrs: { id: 'import-kind' } },
  );
  input.className = 'visually-hidden';
  input.tabIndex = -1;
  input.setAttribute('aria-hidden', 'true');
  const pick = button(t('data.pick'), () => input.click(), { attrs: { id: 'pick-files' } });
  const drop = el('div', { className: 'drop-zone', attrs: { id: 'drop-zone' } }, [
    el('p', { text: t('data.dropHint') }),
    field(t('data.kindLabel'), kind),
    el('div', { className: 'inline' }, [pick, input]),
  ]);
  const clear = button(t('data.clear'), a.clear, { className: 'danger', attrs: { id: 'clear-data' } });
  container.replaceChildren(
    el('h3', { text: t('data.inUse') }),
    datasetTable(v, a),
    el('h3', { text: t('data.import') }),
    el('p', { className: 'muted', text: t('data.formats') }),
    drop,
    ...(v.busy ? [el('p', { className: 'hint', text: t('data.busy') })] : []),
    el('div', { attrs: { id: 'import-reports', 'aria-live': 'polite' } }, v.reports.map(importReportElement)),
    el('h3', { text: t('data.storage') }),
    el('p', { className: 'muted', text: v.persistent ? t('data.persistent') : t('data.notPersistent') }),
    clear,
  );
}
