/**
 * Import: the datasets in use (bundled sample or imported file, rows kept and rejected), a file picker
 * and drop zone with the file's coordinate system and the swapped-coordinates policy, the report of
 * each import (summary, coordinate system, every problem by row or feature, the rejected rows as a
 * CSV download), and "clear data".
 */

import type { InputIssue } from '../../core/base/errors.ts';
import type { ColumnRequest } from '../../io/import/header_mapping.ts';
import { fmt } from '../i18n/format.ts';
import { hasMessage, type MessageKey, t } from '../i18n/i18n.ts';
import { issueText, messageText } from '../i18n/issue_text.ts';
import { rejectedCsvText } from '../i18n/rejected_csv.ts';
import type { ImportOutcome, ImportQuestion } from '../state/app_store.ts';
import {
  DATASET_KINDS,
  type DatasetKind,
  IMPORT_ACCEPT,
  type ImportChoice,
  isAddable,
} from '../state/dataset_kind.ts';
import { button, download, el, field, selectBox } from '../ui/dom.ts';
import type { DatasetInfo, DemInfo, ImportReport } from '../worker/worker_protocol.ts';

export interface DataView {
  datasets: readonly DatasetInfo[];
  reports: readonly ImportReport[];
  /** Kind chosen in the picker, or "auto". */
  kind: DatasetKind | 'auto';
  /** Coordinate system and swapped policy for the next import. */
  choice: ImportChoice;
  busy: boolean;
  persistent: boolean;
  /** The DEM loaded in the worker (issue 17), and why the last DEM files failed. */
  dem: { info: DemInfo | null; error: string | null };
  /** The radio config file in use (null: the defaults), and why the last one was refused. */
  radio: { name: string | null; error: { message: string; issues: readonly InputIssue[] } | null };
  /** The replace-or-add question being asked, if any. */
  question: ImportQuestion | null;
  /** What became of the latest import's files. */
  outcome: readonly ImportOutcome[];
}

export interface DataActions {
  setKind(kind: DatasetKind | 'auto'): void;
  setChoice(choice: ImportChoice): void;
  importFiles(files: File[]): void;
  /** Imports a file again with the column mapping chosen in its report's form (field → column). */
  applyColumns(report: ImportReport, columns: Record<string, string>): void;
  /** The answer to "replace the records in use, or add to them?". */
  answer(choice: 'replace' | 'add' | 'cancel'): void;
  removeDataset(kind: DatasetKind): void;
  removeDem(): void;
  removeRadio(): void;
  clear(): void;
}

/** The DEM section: what is loaded (tiles, extent, post spacing, voids filled), its warnings, or why it failed. */
function demSection(v: DataView, a: DataActions): HTMLElement[] {
  const { info, error } = v.dem;
  const deg = (x: number) => fmt.decimal(x, 0, 3);
  const lines: HTMLElement[] = [el('h3', { text: t('dem.title') })];
  if (info) {
    const [west, south, east, north] = info.bbox;
    lines.push(
      el('p', {
        attrs: { id: 'dem-status' },
        text: t('dem.status', {
          tiles: fmt.int(info.tiles),
          files: info.files.join(', '),
          west: deg(west),
          east: deg(east),
          south: deg(south),
          north: deg(north),
          spacing: fmt.int(Math.round(info.spacingM)),
          voids: fmt.int(info.voidsFilled),
        }),
      }),
      ...info.warnings.map((w) => el('p', { className: 'muted small', text: w })),
      button(t('dem.remove'), a.removeDem, { className: 'small', attrs: { id: 'dem-remove' } }),
    );
  } else lines.push(el('p', { attrs: { id: 'dem-status' }, className: 'muted', text: t('dem.none') }));
  if (error)
    lines.push(
      el('p', {
        className: 'error',
        attrs: { id: 'dem-error', role: 'alert' },
        text: t('dem.failed', { message: error }),
      }),
    );
  lines.push(el('p', { className: 'muted small', text: t('dem.hint') }));
  return lines;
}

/** The radio config section: the file in use or the defaults, a remove button, every problem of a refused file. */
function radioSection(v: DataView, a: DataActions): HTMLElement[] {
  const { name, error } = v.radio;
  const lines: HTMLElement[] = [
    el('h3', { text: t('radio.title') }),
    el('p', {
      attrs: { id: 'radio-status' },
      className: name ? '' : 'muted',
      text: name ? t('radio.file', { name }) : t('radio.default'),
    }),
  ];
  if (name)
    lines.push(
      button(t('radio.remove'), a.removeRadio, { className: 'small', attrs: { id: 'radio-remove' } }),
    );
  if (error) {
    const box = el('div', { className: 'error', attrs: { id: 'radio-error', role: 'alert' } }, [
      el('p', { text: t('radio.failed', { message: messageText(error.message) }) }),
    ]);
    if (error.issues.length > 0)
      box.append(
        el(
          'ul',
          {},
          error.issues.map((i) => el('li', { text: issueText(i) })),
        ),
      );
    lines.push(box);
  }
  lines.push(el('p', { className: 'muted small', text: t('radio.hint') }));
  return lines;
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
          : d.addedTo
            ? `${t('data.imported')}: ${d.name.slice(d.addedTo.base.length + 3)} (${t('data.addedTo', { base: d.addedTo.base })})`
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

/** A field's caption in the mapping form: its name and what it is, in the page's language. */
function fieldCaption(field: string, required: boolean): string {
  const key = `field.${field}`;
  const text = hasMessage(key) ? `${t(key)} (${field})` : field;
  return required ? `${text} *` : text;
}

/**
 * The mapping form of a table whose required columns were not recognised: each field beside a choice
 * of the file's columns, the recognised ones chosen already; "import" reads the file with the mapping.
 */
function columnsForm(r: ImportReport, a: DataActions): HTMLElement | null {
  const request = r.needsColumns;
  if (!request) return null;
  const none = '\u0000';
  const chosen = new Map<string, string>(Object.entries(request.guess));
  const columns = request.header.filter((h) => h.trim() !== '');
  const rowOf = (name: string, required: boolean) => {
    const caption = fieldCaption(name, required);
    const select = selectBox(
      [[none, t('columns.none')] as const, ...columns.map((c) => [c, c] as const)],
      chosen.get(name) ?? none,
      (value) => {
        if (value === none) chosen.delete(name);
        else chosen.set(name, value);
      },
      { attrs: { 'data-field': name, 'aria-label': caption } },
    );
    return el('tr', {}, [
      el('th', { text: caption, className: 'columns-caption', attrs: { scope: 'row' } }),
      el('td', {}, [select]),
    ]);
  };
  const table = (fields: ColumnRequest['fields']) =>
    el('table', { className: 'small-table columns-table' }, [
      el(
        'tbody',
        {},
        fields.map((f) => rowOf(f.field, f.required)),
      ),
    ]);
  const required = request.fields.filter((f) => f.required);
  const optional = request.fields.filter((f) => !f.required);
  const more = el('details', { className: 'columns-optional' }, [
    el('summary', { text: t('columns.optional', { n: fmt.int(optional.length) }) }),
    table(optional),
  ]);
  // Open when the file's header was partly recognised as optional fields, so the guesses show.
  if (optional.some((f) => chosen.has(f.field))) more.open = true;
  const apply = button(t('columns.apply'), () => a.applyColumns(r, Object.fromEntries(chosen)), {
    className: 'small',
    attrs: { id: 'apply-columns' },
  });
  return el('form', { className: 'columns-form', attrs: { 'data-kind': request.kind } }, [
    el('h5', { text: t('columns.title') }),
    el('p', { className: 'muted small', text: t('columns.hint') }),
    table(required),
    ...(optional.length ? [more] : []),
    apply,
  ]);
}

/** "id ← Mã trạm, lon ← Kinh độ": the mapping an import used, when any header was renamed. */
function columnsUsed(r: ImportReport): HTMLElement[] {
  const entries = Object.entries(r.columns ?? {});
  const out: HTMLElement[] = [];
  if (r.headerRow !== undefined && r.headerRow !== 1)
    out.push(
      el('p', {
        className: 'import-header-row',
        text: t('columns.headerRow', { row: fmt.int(r.headerRow) }),
      }),
    );
  if (entries.length && (r.columnsRemembered || entries.some(([f, c]) => c.trim().toLowerCase() !== f)))
    out.push(
      el('p', {
        className: 'import-columns',
        text: t(r.columnsRemembered ? 'columns.remembered' : 'columns.used', {
          map: entries.map(([f, c]) => `${f} ← ${c}`).join(', '),
        }),
      }),
    );
  return out;
}

/** The report of one imported file: counts, and each problem with its row or feature. */
function importReportElement(r: ImportReport, a: DataActions): HTMLElement {
  const box = el('div', {
    className: `import-report ${r.fatal ? 'import-failed' : r.rejected > 0 ? 'import-partial' : 'import-ok'}`,
    attrs: { role: r.fatal || r.rejected > 0 ? 'alert' : 'status' },
    dataset: { kind: r.kind, kept: String(r.kept), rejected: String(r.rejected) },
  });
  // A file refused before its kind was known (too big, unreadable) is named alone.
  const known = r.format !== null || r.kept > 0;
  box.append(el('h4', { text: known ? `${r.name} · ${t(`kind.${r.kind}` as MessageKey)}` : r.name }));
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
  const form = columnsForm(r, a);
  if (form) box.append(form);
  box.append(...columnsUsed(r));
  if (r.crs && r.crs !== 'WGS 84')
    box.append(el('p', { className: 'import-crs', text: t('import.crs', { crs: r.crs }) }));
  if (r.swapped > 0) box.append(el('p', { text: t('import.swapped', { n: fmt.int(r.swapped) }) }));
  if (r.repaired > 0) box.append(el('p', { text: t('import.repaired', { n: fmt.int(r.repaired) }) }));
  const csv = r.rejectedCsv;
  if (csv)
    box.append(
      button(
        t('import.downloadRejected'),
        // Rebuilt from the issues (they carry their records) in the current language: the worker's
        // copy is the CLI's, in English.
        () =>
          download(
            `${r.name.replace(/\.[^.]+$/, '')}-rejected.csv`,
            rejectedCsvText(r.issues),
            'text/csv;charset=utf-8',
          ),
        { className: 'small download-rejected' },
      ),
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

/** Records of a kind, counted ("3.516 trạm", "3,516 sites"): the word for addable kinds, else the kind's name. */
function whatOf(kind: DatasetKind): string {
  return isAddable(kind) || hasMessage(`what.${kind}`)
    ? t(`what.${kind}` as MessageKey)
    : t(`kind.${kind}` as MessageKey).toLowerCase();
}

/**
 * "Replace the 3,516 sites in use, or add to them?", asked at the top of the Data tab before a file
 * of records already loaded is stored.
 */
function questionElement(q: ImportQuestion, a: DataActions): HTMLElement {
  const what = whatOf(q.kind);
  const loaded = fmt.int(q.loaded);
  const box = el('div', {
    className: 'import-question notice',
    attrs: { id: 'import-question', role: 'alertdialog', 'aria-labelledby': 'import-question-text' },
    dataset: { kind: q.kind },
  });
  box.append(
    el('p', {
      attrs: { id: 'import-question-text' },
      text: t('import.question', { name: q.name, kept: fmt.int(q.kept), what, loaded }),
    }),
    el('p', { className: 'muted small', text: t('import.questionHint') }),
    el('div', { className: 'button-row' }, [
      button(t('import.add'), () => a.answer('add'), { attrs: { id: 'import-add' } }),
      button(t('import.replace', { loaded, what }), () => a.answer('replace'), {
        attrs: { id: 'import-replace' },
      }),
      button(t('import.cancel'), () => a.answer('cancel'), { attrs: { id: 'import-cancel' } }),
    ]),
  );
  return box;
}

/** One line of the latest import's outcome: kept and rejected, replaced or added to what, or why not. */
function outcomeText(o: ImportOutcome, datasets: readonly DatasetInfo[]): string {
  const counts = { name: o.name, kept: fmt.int(o.kept), rejected: fmt.int(o.rejected) };
  const d = datasets.find((x) => x.kind === o.kind && x.source === 'imported' && x.name.endsWith(o.name));
  const inUse = d ? ` ${t('import.inUse', { n: fmt.int(d.kept), what: whatOf(o.kind) })}` : '';
  switch (o.result) {
    case 'added':
      return d?.addedTo
        ? t('import.outcomeAdded', {
            ...counts,
            added: fmt.int(d.addedTo.added),
            replaced: fmt.int(d.addedTo.replaced),
            base: d.addedTo.base,
          }) + inUse
        : t('import.outcomeStored', counts);
    case 'replaced':
      return t('import.outcomeReplaced', counts) + inUse;
    case 'stored':
      return t('import.outcomeStored', counts) + inUse;
    case 'cancelled':
      return t('import.outcomeCancelled', counts);
    case 'failed':
      return t('import.outcomeFailed', { ...counts, message: messageText(o.message ?? '') });
    case 'columns':
      return t('import.outcomeColumns', counts);
  }
}

/** The latest import's outcome, at the top of the Data tab, with a link to the full reports below. */
function outcomeElement(outcome: readonly ImportOutcome[], datasets: readonly DatasetInfo[]): HTMLElement {
  const bad = outcome.some((o) => o.result === 'failed' || o.result === 'columns' || o.rejected > 0);
  const see = button(
    t('import.seeReport'),
    () => document.getElementById('import-reports')?.scrollIntoView({ block: 'start' }),
    { className: 'small link', attrs: { id: 'import-see-report' } },
  );
  return el(
    'div',
    {
      className: `import-outcome notice ${bad ? 'import-partial' : 'import-ok'}`,
      attrs: { id: 'import-outcome', role: bad ? 'alert' : 'status' },
    },
    [
      ...outcome.map((o) =>
        el('p', { text: outcomeText(o, datasets), dataset: { result: o.result, kind: o.kind } }),
      ),
      see,
    ],
  );
}

/** The coordinate systems offered; any other EPSG code can be typed. */
const CRS_CHOICES: readonly (readonly [string, MessageKey])[] = [
  ['auto', 'crs.auto'],
  ['tm3:108.5', 'crs.tm3_108_5'],
  ['tm3:108.25', 'crs.tm3_108_25'],
  ['tm3:107.75', 'crs.tm3_107_75'],
  ['tm3:107.5', 'crs.tm3_107_5'],
  ['EPSG:3405', 'crs.3405'],
  ['EPSG:3406', 'crs.3406'],
  ['EPSG:32648', 'crs.32648'],
  ['EPSG:32649', 'crs.32649'],
  ['EPSG:4756', 'crs.4756'],
  ['other', 'crs.other'],
];

function crsValue(c: ImportChoice): string {
  if (c.vn2000Meridian !== undefined) return `tm3:${c.vn2000Meridian}`;
  if (!c.crs) return 'auto';
  return CRS_CHOICES.some(([v]) => v === c.crs) ? c.crs : 'other';
}

/** The coordinate-system chooser, with a box for any other EPSG code. */
function crsControls(choice: ImportChoice, a: DataActions): HTMLElement[] {
  const value = crsValue(choice);
  const swapped = choice.swapped ? { swapped: choice.swapped } : {};
  const select = selectBox(
    CRS_CHOICES.map(([v, key]) => [v, t(key)] as const),
    value,
    (next) => {
      if (next === 'auto') a.setChoice(swapped);
      else if (next.startsWith('tm3:')) a.setChoice({ ...swapped, vn2000Meridian: Number(next.slice(4)) });
      else if (next === 'other') a.setChoice({ ...swapped, crs: 'EPSG:' });
      else a.setChoice({ ...swapped, crs: next });
    },
    { attrs: { id: 'import-crs' } },
  );
  const controls: HTMLElement[] = [field(t('data.crs'), select)];
  if (value === 'other') {
    const code = el('input', {
      attrs: { id: 'import-epsg', type: 'text', inputmode: 'numeric', placeholder: 'EPSG:9210' },
    });
    code.value = choice.crs === 'EPSG:' ? '' : (choice.crs ?? '');
    code.addEventListener('change', () => a.setChoice({ ...swapped, crs: code.value.trim() || 'EPSG:' }));
    controls.push(field(t('data.epsg'), code));
  }
  controls.push(el('p', { className: 'muted small', text: t('data.crsHint') }));
  return controls;
}

export function renderDataPanel(container: HTMLElement, v: DataView, a: DataActions): void {
  const input = el('input', {
    attrs: {
      type: 'file',
      id: 'file-input',
      multiple: '',
      accept: IMPORT_ACCEPT,
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
    ...crsControls(v.choice, a),
    field(
      t('data.swapped'),
      selectBox(
        [
          ['fix', t('data.swappedFix')],
          ['reject', t('data.swappedReject')],
        ],
        v.choice.swapped ?? 'fix',
        (value) => a.setChoice({ ...v.choice, swapped: value === 'reject' ? 'reject' : 'fix' }),
        { attrs: { id: 'import-swapped' } },
      ),
    ),
    el('div', { className: 'inline' }, [pick, input]),
  ]);
  // Clearing deletes every imported file and saved scenario, with no undo: it asks first (issue 15).
  const confirm = el('div', {
    className: 'confirm',
    attrs: { id: 'clear-data-confirm-box', role: 'alertdialog', 'aria-labelledby': 'clear-data-question' },
  });
  confirm.hidden = true;
  const clear = button(
    t('data.clear'),
    () => {
      confirm.hidden = false;
      confirm.querySelector<HTMLButtonElement>('#clear-data-cancel')?.focus();
    },
    { className: 'danger', attrs: { id: 'clear-data', 'aria-haspopup': 'dialog' } },
  );
  confirm.append(
    el('p', {
      attrs: { id: 'clear-data-question' },
      text: t('data.clearQuestion'),
    }),
    el('div', { className: 'button-row' }, [
      button(t('data.clearConfirm'), a.clear, { className: 'danger', attrs: { id: 'clear-data-confirm' } }),
      button(
        t('data.clearCancel'),
        () => {
          confirm.hidden = true;
          clear.focus();
        },
        { attrs: { id: 'clear-data-cancel' } },
      ),
    ]),
  );
  container.replaceChildren(
    ...(v.question ? [questionElement(v.question, a)] : []),
    ...(v.outcome.length && !v.question ? [outcomeElement(v.outcome, v.datasets)] : []),
    el('h3', { text: t('data.inUse') }),
    datasetTable(v, a),
    el('h3', { text: t('data.import') }),
    el('p', { className: 'muted', text: t('data.formats') }),
    drop,
    ...(v.busy ? [el('p', { className: 'hint', text: t('data.busy') })] : []),
    el(
      'div',
      { attrs: { id: 'import-reports', 'aria-live': 'polite' } },
      v.reports.map((r) => importReportElement(r, a)),
    ),
    ...demSection(v, a),
    ...radioSection(v, a),
    el('h3', { text: t('data.storage') }),
    el('p', { className: 'muted', text: v.persistent ? t('data.persistent') : t('data.notPersistent') }),
    clear,
    confirm,
  );
}
