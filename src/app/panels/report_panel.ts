/**
 * The "Báo cáo" / "Report" tab: one button per export format (built in the worker with the CLI's
 * functions), the map image (PNG), and the comparison of the current scenario with a baseline — the
 * loaded data without edits, a saved scenario, or an imported report.json — per unit and indicator,
 * before / after / difference, filtered by level and indicator, sortable, changed rows first.
 */
import type { ComparisonRow, ReportComparison } from '../../core/report/compare_reports.ts';
import { fmt } from '../i18n/format.ts';
import { currentLang, type MessageKey, t } from '../i18n/i18n.ts';
import { messageText } from '../i18n/issue_text.ts';
import type { ScenarioFile } from '../state/scenario_edits.ts';
import { button, el, field, selectBox } from '../ui/dom.ts';
import { renderWhenFree } from '../ui/pointer_guard.ts';
import type { AnalysisClient } from '../worker/analysis_client.ts';
import {
  type CompareFilter,
  type CompareLevel,
  type CompareSortKey,
  compareView,
  EXPORT_FILES,
  type ExportFormat,
  exportFileName,
  INFRA_FORMATS,
  REPORT_FORMATS,
  rowChanged,
} from '../worker/export_logic.ts';
import type { BaselineSpec } from '../worker/worker_protocol.ts';

/** What the panel reads from the page each time it renders. */
export interface ReportContext {
  /** Province names of the loaded communes (for file names). */
  provinces: string[];
  savedScenarios: readonly ScenarioFile[];
  /** Changes whenever the data were (re)loaded: the comparison is then recomputed. */
  generation: unknown;
  /** Set when the analysis is loaded and exports can be made. */
  ready: boolean;
}

export interface ReportPanelDeps {
  client: AnalysisClient;
  context: () => ReportContext;
  download: (name: string, bytes: Uint8Array, mime: string) => void;
  /** The map image as PNG bytes, and the factor it was drawn at. */
  mapImage: () => Promise<Uint8Array>;
  /** Factor of the PNG over the view's CSS pixels, and its width in CSS pixels (for the dpi note). */
  pngFactor: () => { factor: number; cssWidth: number };
  /** The report.json indicator the ranking and the PDF maps go by (the map's), and its name. */
  exportIndicator: () => { id: string; label: string; classes: 'fixed' | 'quantile' };
}

/** Rows drawn at most in the page (the XLSX has every row). */
const ROW_LIMIT = 400;

const LEVELS: CompareLevel[] = ['all', 'province', 'district', 'commune'];
const COLUMNS: { key: CompareSortKey; label: MessageKey; numeric: boolean }[] = [
  { key: 'unit', label: 'compare.unit', numeric: false },
  { key: 'before', label: 'compare.before', numeric: true },
  { key: 'after', label: 'compare.after', numeric: true },
  { key: 'difference', label: 'compare.difference', numeric: true },
];

const decimalsOf = (unit: string) => (unit === '%' || unit === 'km' || unit === 'km²' ? 2 : 0);

function value(v: number | null, unit: string): string {
  if (v === null) return '–';
  const d = decimalsOf(unit);
  const n = fmt.decimal(v, 0, d);
  return unit === '%' ? `${n}%` : unit === 'km' || unit === 'km²' ? `${n} ${unit}` : n;
}

function difference(v: number | null, unit: string): string {
  if (v === null) return '–';
  const d = decimalsOf(unit);
  const n = fmt.decimal(Math.abs(v), 0, d);
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const suffix =
    unit === '%'
      ? currentLang() === 'vi'
        ? ' điểm\u00a0%'
        : ' pp'
      : unit === 'km' || unit === 'km²'
        ? ` ${unit}`
        : '';
  return `${sign}${n}${suffix}`;
}

export class ReportPanel {
  private lang: 'vi' | 'en' = 'vi';
  private busy: string | null = null;
  private message: { text: string; error: boolean } | null = null;
  private baselineChoice = 'none';
  private imported: { name: string; json: string } | null = null;
  private comparison: ReportComparison | null = null;
  private better: Record<string, 'higher' | 'lower' | null> = {};
  private comparing = false;
  private stale = false;
  private generation: unknown = null;
  private filter: CompareFilter = {
    level: 'commune',
    indicator: '',
    changedOnly: true,
    sort: 'difference',
    descending: true,
  };
  private readonly fileInput = el('input', {
    attrs: { type: 'file', accept: '.json,application/json', id: 'compare-file', hidden: '' },
  });

  constructor(
    private readonly container: HTMLElement,
    private readonly deps: ReportPanelDeps,
  ) {
    this.lang = currentLang();
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (!file) return;
      void file.text().then((json) => {
        this.imported = { name: file.name, json };
        this.baselineChoice = 'report';
        void this.compare();
      });
    });
  }

  /** The chosen baseline, or null for none. */
  baseline(): BaselineSpec | null {
    const c = this.baselineChoice;
    if (c === 'data') return { kind: 'data' };
    if (c === 'report') return this.imported ? { kind: 'report', ...this.imported } : null;
    if (c.startsWith('scenario:')) {
      const name = c.slice('scenario:'.length);
      const s = this.deps.context().savedScenarios.find((x) => x.name === name);
      return s ? { kind: 'scenario', name: s.name, edits: s.edits } : null;
    }
    return null;
  }

  private baselineName(): string {
    const b = this.baseline();
    if (!b) return '';
    if (b.kind === 'data') return t('compare.data');
    if (b.kind === 'scenario') return t('compare.scenario', { name: b.name });
    return t('compare.imported', { name: b.name });
  }

  /** The scenario changed (an edit, undo, reset): the comparison is redone. */
  scenarioChanged(): void {
    if (!this.baseline()) return;
    if (this.container.hidden) this.stale = true;
    else void this.compare();
  }

  private async compare(): Promise<void> {
    const baseline = this.baseline();
    this.stale = false;
    if (!baseline) {
      this.comparison = null;
      this.render();
      return;
    }
    this.comparing = true;
    this.message = null;
    this.render();
    try {
      ({ comparison: this.comparison, better: this.better } = await this.deps.client.compare(baseline));
    } catch (error) {
      this.comparison = null;
      this.message = {
        text: t('compare.failed', {
          // The worker's message in the page's language (an input problem has a Vietnamese rule).
          message: error instanceof Error ? messageText(error.message) : String(error),
        }),
        error: true,
      };
      if (baseline.kind === 'report') {
        this.imported = null;
        this.baselineChoice = 'none';
      }
    } finally {
      this.comparing = false;
      this.render();
    }
  }

  private exportFile(format: ExportFormat): Promise<void> {
    return this.makeFile(format, t(`export.${format}` as MessageKey), async () => ({
      bytes: await this.deps.client.exportFile(
        format,
        this.lang,
        this.baseline(),
        this.deps.exportIndicator().id,
        this.deps.exportIndicator().classes,
      ),
      name: exportFileName(this.deps.context().provinces, new Date(), EXPORT_FILES[format].suffix),
      mime: EXPORT_FILES[format].mime,
    }));
  }

  private exportPng(): Promise<void> {
    return this.makeFile('png', t('export.png'), async () => ({
      bytes: await this.deps.mapImage(),
      name: exportFileName(this.deps.context().provinces, new Date(), '.png', 'map'),
      mime: 'image/png',
    }));
  }

  /** Makes one file (busy state, then the download or the error as text). */
  private async makeFile(
    busy: string,
    what: string,
    make: () => Promise<{ bytes: Uint8Array; name: string; mime: string }>,
  ): Promise<void> {
    this.busy = busy;
    this.message = { text: t('export.building', { what }), error: false };
    this.render();
    try {
      const { bytes, name, mime } = await make();
      this.deps.download(name, bytes, mime);
      this.message = { text: t('export.done', { name, size: sizeText(bytes.length) }), error: false };
    } catch (error) {
      this.message = {
        text: t('export.failed', { what, message: error instanceof Error ? error.message : String(error) }),
        error: true,
      };
    } finally {
      this.busy = null;
      this.render();
    }
  }

  /** Draws the tab in the current language. */
  render(): void {
    renderWhenFree(this.container, () => this.draw());
  }

  private draw(): void {
    const ctx = this.deps.context();
    if (ctx.generation !== this.generation) {
      this.generation = ctx.generation;
      if (ctx.ready && this.baseline()) this.stale = true;
    }
    if (this.stale && !this.container.hidden && ctx.ready && !this.comparing) {
      void this.compare();
      return;
    }
    const focused = document.activeElement?.id;
    const disabled = !ctx.ready || this.busy !== null;
    const exportButton = (f: ExportFormat) => {
      const b = button(t(`export.${f}` as MessageKey), () => void this.exportFile(f), {
        className: 'small',
        attrs: { id: `export-${f}` },
      });
      b.disabled = disabled;
      if (this.busy === f) b.setAttribute('aria-busy', 'true');
      return b;
    };
    const exportButtons = REPORT_FORMATS.map(exportButton);
    const infraButtons = INFRA_FORMATS.map(exportButton);
    const { factor, cssWidth } = this.deps.pngFactor();
    const png = button(t('export.png'), () => void this.exportPng(), {
      className: 'small',
      attrs: { id: 'export-png' },
    });
    png.disabled = disabled;
    const langBox = selectBox(
      [
        ['vi', t('export.lang.vi')],
        ['en', t('export.lang.en')],
      ],
      this.lang,
      (v) => {
        this.lang = v === 'en' ? 'en' : 'vi';
      },
      { attrs: { id: 'export-lang' } },
    );
    const status = el('p', {
      className: this.message?.error ? 'export-status error' : 'export-status muted',
      attrs: { id: 'export-status', role: 'status' },
      text: this.message?.text ?? '',
    });
    const baselineName = this.baselineName();
    this.container.replaceChildren(
      el('h3', { text: t('export.title') }),
      el('p', { className: 'muted', text: t('export.intro') }),
      field(t('export.lang'), langBox),
      el('p', {
        className: 'muted',
        attrs: { id: 'export-indicator' },
        text: t('export.rankBy', { indicator: this.deps.exportIndicator().label }),
      }),
      el('div', { className: 'export-buttons' }, exportButtons),
      ...(baselineName
        ? [el('p', { className: 'muted', text: t('export.withComparison', { name: baselineName }) })]
        : []),
      el('div', { className: 'export-buttons' }, [png]),
      el('p', {
        className: 'muted',
        text: t('export.pngNote', {
          factor: String(factor),
          dpi: fmt.int((cssWidth * factor) / (297 / 25.4)),
        }),
      }),
      el('h4', { text: t('export.infraTitle') }),
      el('p', { className: 'muted', text: t('export.infraNote') }),
      el('div', { className: 'export-buttons', attrs: { id: 'export-infra' } }, infraButtons),
      status,
      el('h3', { text: t('compare.title') }),
      this.baselineChooser(ctx),
      this.fileInput,
      ...this.comparisonTable(),
    );
    if (focused) document.getElementById(focused)?.focus();
  }

  private baselineChooser(ctx: ReportContext): HTMLElement {
    const options: [string, string][] = [
      ['none', t('compare.none')],
      ['data', t('compare.data')],
      ...ctx.savedScenarios.map((s): [string, string] => [
        `scenario:${s.name}`,
        t('compare.scenario', { name: s.name }),
      ]),
      ...(this.imported
        ? [['report', t('compare.imported', { name: this.imported.name })] as [string, string]]
        : []),
      ['import', t('compare.import')],
    ];
    const box = selectBox(
      options,
      this.baselineChoice,
      (v) => {
        if (v === 'import') {
          box.value = this.baselineChoice;
          this.fileInput.click();
          return;
        }
        this.baselineChoice = v;
        void this.compare();
      },
      { attrs: { id: 'compare-baseline' } },
    );
    box.disabled = !ctx.ready;
    return field(t('compare.baseline'), box);
  }

  private comparisonTable(): HTMLElement[] {
    if (this.comparing) return [el('p', { className: 'muted', text: t('compare.computing') })];
    const c = this.comparison;
    if (!c) return [];
    const indicators = new Map<string, string>();
    for (const r of c.rows) if (!indicators.has(r.indicator)) indicators.set(r.indicator, label(r));
    const controls = el('div', { className: 'inline compare-controls' }, [
      field(
        t('compare.level'),
        selectBox(
          LEVELS.map((l) => [l, t(`compare.level.${l}` as MessageKey)] as const),
          this.filter.level,
          (v) => {
            this.filter = { ...this.filter, level: v as CompareLevel };
            this.render();
          },
          { attrs: { id: 'compare-level' } },
        ),
      ),
      field(
        t('compare.indicator'),
        selectBox(
          [['', t('compare.allIndicators')], ...indicators],
          this.filter.indicator,
          (v) => {
            this.filter = { ...this.filter, indicator: v };
            this.render();
          },
          { attrs: { id: 'compare-indicator' } },
        ),
      ),
    ]);
    const changed = el('input', { attrs: { type: 'checkbox', id: 'compare-changed' } });
    changed.checked = this.filter.changedOnly;
    changed.addEventListener('change', () => {
      this.filter = { ...this.filter, changedOnly: changed.checked };
      this.render();
    });
    const rows = compareView(c, this.filter);
    const total = c.rows.filter(
      (r) =>
        (this.filter.level === 'all' || r.level === this.filter.level) &&
        (this.filter.indicator === '' || r.indicator === this.filter.indicator),
    );
    const head = el(
      'tr',
      {},
      COLUMNS.map((col) => {
        const on = this.filter.sort === col.key;
        const th = el('th', { className: col.numeric ? 'num' : '' }, [
          button(
            t(col.label),
            () => {
              this.filter = {
                ...this.filter,
                sort: col.key,
                descending: on ? !this.filter.descending : col.numeric,
              };
              this.render();
            },
            {
              className: 'sort',
              attrs: { id: `compare-sort-${col.key}`, title: t('compare.sortBy', { column: t(col.label) }) },
            },
          ),
        ]);
        if (on) th.setAttribute('aria-sort', this.filter.descending ? 'descending' : 'ascending');
        return th;
      }),
    );
    const body = el(
      'tbody',
      {},
      rows.slice(0, ROW_LIMIT).map((r) =>
        el(
          'tr',
          {
            className: rowChanged(r) ? 'changed' : '',
            dataset: { unit: `${r.level}:${r.unit_id}`, indicator: r.indicator },
          },
          [
            el('td', {}, [
              el('span', { text: r.unit_name }),
              el('br'),
              el('span', { className: 'muted', text: label(r) }),
            ]),
            el('td', { className: 'num', dataset: { field: 'before' }, text: value(r.before, r.unit) }),
            el('td', { className: 'num', dataset: { field: 'after' }, text: value(r.after, r.unit) }),
            el('td', {
              className: `num ${diffClass(r, this.better[r.indicator] ?? null)}`,
              dataset: { field: 'difference' },
              text: difference(r.difference, r.unit),
            }),
          ],
        ),
      ),
    );
    const out: HTMLElement[] = [
      controls,
      el('label', { className: 'check' }, [changed, ` ${t('compare.changedOnly')}`]),
      el('p', {
        className: 'muted',
        attrs: { id: 'compare-count', 'aria-live': 'polite' },
        text: t('compare.count', {
          shown: fmt.int(rows.length),
          total: fmt.int(total.length),
          changed: fmt.int(total.filter(rowChanged).length),
        }),
      }),
    ];
    if (c.conversion) {
      const conv = c.conversion;
      out.push(
        el('p', {
          className: 'muted',
          attrs: { id: 'compare-converted' },
          text: `${t('compare.converted', {
            from: conv.direction === 'old→new' ? t('set.pre2025') : t('set.2025'),
            carried: fmt.int(conv.carried),
            without: fmt.int(conv.without_baseline.length),
          })} ${this.lang === 'vi' ? conv.method_vi : conv.method_en}`,
        }),
      );
      if (conv.without_baseline.length)
        out.push(
          el('p', {
            className: 'muted',
            attrs: { id: 'compare-no-baseline' },
            text: t('compare.noBaseline', {
              names: conv.without_baseline
                .slice(0, 12)
                .map((u) => u.name)
                .join(', ')
                .concat(conv.without_baseline.length > 12 ? ', …' : ''),
            }),
          }),
        );
    } else if (c.only_in_baseline.length || c.only_in_current.length)
      out.push(
        el('p', {
          className: 'muted',
          text: t('compare.onlyIn', {
            before: fmt.int(c.only_in_baseline.length),
            after: fmt.int(c.only_in_current.length),
          }),
        }),
      );
    if (!rows.length && this.filter.changedOnly)
      out.push(el('p', { className: 'muted', attrs: { id: 'compare-empty' }, text: t('compare.empty') }));
    else
      out.push(
        el('div', { className: 'table-wrap' }, [
          el('table', { className: 'commune-table compare-table', attrs: { id: 'compare-table' } }, [
            el('thead', {}, [head]),
            body,
          ]),
        ]),
      );
    if (rows.length > ROW_LIMIT)
      out.push(el('p', { className: 'muted', text: t('compare.truncated', { limit: fmt.int(ROW_LIMIT) }) }));
    return out;
  }
}

const label = (r: ComparisonRow) => (currentLang() === 'vi' ? r.label_vi : r.label_en);

/** `up` for a gain (green), `down` for a loss (red), nothing when no direction is better. */
function diffClass(r: ComparisonRow, better: 'higher' | 'lower' | null): string {
  if (r.difference === null || r.difference === 0 || better === null) return '';
  return r.difference > 0 === (better === 'higher') ? 'up' : 'down';
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${fmt.decimal(bytes / 1024 / 1024, 1)} MB`
    : `${fmt.int(Math.ceil(bytes / 1024))} kB`;
}
