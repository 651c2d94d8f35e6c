/**
 * Vùng Phủ web app, first milestone: the bundled sample communes coloured by modelled mobile
 * coverage. Everything the page loads is bundled with it, so it works offline.
 */
import communesUrl from '../../data/sample/communes-pre2025.geojson?url';
import sitesUrl from '../../data/synthetic/sites.synthetic.geojson?url';
import { formatIssue } from '../core/errors.ts';
import { AnalysisError, runAnalysis } from './analysis_client.ts';
import { coverageScale } from './color_scale.ts';
import { hideCommunePanel, renderCommunePanel } from './commune_panel.ts';
import {
  applyIndicator,
  createCoverageMap,
  highlightCommune,
  loaded,
  nextIdle,
  onCommuneClick,
} from './coverage_map.ts';
import { el, requireElement } from './dom.ts';
import { formatInteger } from './format.ts';
import { DEFAULT_INDICATOR, INDICATORS, type Indicator, indicatorById } from './indicators.ts';
import { renderLegend } from './legend.ts';
import { ResultIndex } from './result_index.ts';
import { provinceSummaries } from './status_line.ts';
import { installHook } from './test_hook.ts';
import './style.css';

type AppState = { kind: 'loading' } | { kind: 'ready'; index: ResultIndex } | { kind: 'failed' };
type Selection = { kind: 'none' } | { kind: 'commune'; id: string };

const hook = installHook();
const scale = coverageScale();
const ui = {
  map: requireElement('map', HTMLDivElement),
  indicator: requireElement('indicator', HTMLSelectElement),
  summary: requireElement('summary', HTMLDivElement),
  status: requireElement('status', HTMLParagraphElement),
  legend: requireElement('legend', HTMLDivElement),
  panel: requireElement('commune-panel', HTMLElement),
};

let state: AppState = { kind: 'loading' };
let selection: Selection = { kind: 'none' };
let indicator: Indicator = DEFAULT_INDICATOR;

for (const option of INDICATORS) {
  const item = el('option', { text: option.label });
  item.value = option.id;
  ui.indicator.append(item);
}
ui.indicator.value = indicator.id;

const urls = {
  communesUrl: new URL(communesUrl, location.href).href,
  sitesUrl: new URL(sitesUrl, location.href).href,
};
const map = createCoverageMap(ui.map, urls, scale);
hook.map = map;
map.on('error', (event) => console.error('map error', event.error));

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  ui.status.textContent = text;
  ui.status.classList.toggle('status-error', kind === 'error');
  ui.status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

function renderSummary(index: ResultIndex): void {
  ui.summary.replaceChildren(...provinceSummaries(index, indicator).map((text) => el('div', { text })));
}

function select(next: Selection): void {
  const previous = selection.kind === 'commune' ? selection.id : null;
  selection = next;
  switch (next.kind) {
    case 'none':
      hideCommunePanel(ui.panel);
      highlightCommune(map, previous, null);
      break;
    case 'commune':
      if (state.kind !== 'ready') return;
      renderCommunePanel(ui.panel, state.index, next.id);
      highlightCommune(map, previous, next.id);
      break;
    default: {
      const unexpected: never = next;
      throw new Error(`Unknown selection ${JSON.stringify(unexpected)}`);
    }
  }
}

ui.indicator.addEventListener('change', () => {
  indicator = indicatorById(ui.indicator.value);
  renderLegend(ui.legend, scale, indicator);
  if (state.kind === 'ready') {
    applyIndicator(map, state.index, indicator);
    renderSummary(state.index);
  }
});
ui.panel.addEventListener('panel-close', () => select({ kind: 'none' }));
onCommuneClick(map, (id) => {
  if (state.kind === 'ready') select(id === null ? { kind: 'none' } : { kind: 'commune', id });
});

async function start(): Promise<void> {
  renderLegend(ui.legend, scale, indicator);
  setStatus('Đang tải dữ liệu và phân tích vùng phủ…');
  const analysis = runAnalysis(urls, (done, total) => {
    setStatus(`Đang phân tích vùng phủ: ${formatInteger(done)}/${formatInteger(total)} xã…`);
  });
  const [outcome] = await Promise.all([analysis, loaded(map)]);
  const index = new ResultIndex(outcome.result);
  state = { kind: 'ready', index };
  hook.result = outcome.result;
  hook.analysisMs = outcome.analysisMs;

  map.fitBounds(outcome.bbox, { padding: 24, animate: false });
  applyIndicator(map, index, indicator);
  renderSummary(index);
  const seconds = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(
    outcome.analysisMs / 1000,
  );
  const parts = [
    `${formatInteger(index.communes().length)} xã`,
    `${formatInteger(outcome.siteCount)} trạm (mẫu tổng hợp)`,
    `phân tích ${seconds} giây`,
  ];
  if (outcome.issues.length > 0) parts.push(`${formatInteger(outcome.issues.length)} vấn đề trong dữ liệu`);
  if (outcome.warnings.length > 0) parts.push(`${formatInteger(outcome.warnings.length)} cảnh báo`);
  setStatus(parts.join(' · '));
  ui.status.title = [...outcome.issues.map(formatIssue), ...outcome.warnings].slice(0, 20).join('\n');

  await nextIdle(map);
  hook.renderMs = performance.now();
  hook.ready = true;
  document.body.dataset.state = 'ready';
}

start().catch((error: unknown) => {
  state = { kind: 'failed' };
  const message =
    error instanceof AnalysisError && error.userError
      ? `Dữ liệu không hợp lệ: ${error.message}`
      : `Lỗi khi phân tích (lỗi chương trình): ${error instanceof Error ? error.message : String(error)}`;
  hook.error = message;
  document.body.dataset.state = 'failed';
  setStatus(message, 'error');
  console.error(error);
});
