import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { cutText, showValue } from '../../core/base/show_value.ts';
import {
  COMPARATORS,
  type Comparator,
  METRIC_IDS,
  type MetricId,
  metricInfo,
  TARGET_LEVELS,
  TARGET_SCOPES,
  TARGET_TECHNOLOGIES,
  type Target,
  type TargetLevel,
  type TargetNetwork,
  type TargetScope,
  type TargetSource,
} from '../../core/targets/targets.ts';
import { parseCsv, parseNumber } from '../formats/csv.ts';
import { IssueList } from '../formats/geojson_input.ts';
import { parseJsonText } from '../formats/json_text.ts';

/** A parsed targets file: the valid targets, and every problem found in the others. */
export interface TargetsFile {
  /** The file's `province`, or null for a bare array. */
  province: string | null;
  targets: Target[];
  /**
   * Results the plans report (the file's `reported`: "đạt tỷ lệ phủ sóng 91% khu vực có dân cư"),
   * written like targets but never met or not met: shown beside the tool's own figure.
   */
  reported: Target[];
  issues: InputIssue[];
}

const TARGET_FIELDS = [
  'id',
  'indicator',
  'indicator_en',
  'network',
  'technology',
  'metric',
  'comparator',
  'value',
  'unit',
  'year',
  'scope',
  'levels',
  'source',
  'note',
  'boundary_set',
  'threshold_mbps',
];
const NETWORKS: readonly TargetNetwork[] = ['mobile', 'postal', 'fiber'];
const ASCII_COMPARATORS: Record<string, Comparator> = { '>=': '≥', '<=': '≤', '>': '>' };

/**
 * Reads a targets file (`{ "province": …, "targets": [ … ] }` or a bare array of targets) and checks
 * every target: known metric, comparator (≥, >, ≤; ASCII >=, <= accepted), numeric value in the
 * metric's unit, year, scope, levels and the cited source. All problems are returned at once with a
 * path such as `targets[3].comparator`; valid targets are kept. Malformed JSON or a top level that is
 * neither an object nor an array is a UserError naming the file.
 */
export function targetsFromJson(text: string, file: string): TargetsFile {
  const raw = parseJsonText(text, file);
  const issues = new IssueList(file);
  let list: unknown[];
  let reportedList: unknown[] = [];
  let province: string | null = null;
  if (Array.isArray(raw)) list = raw;
  else if (raw && typeof raw === 'object') {
    const obj = raw as Record<string, unknown>;
    if (!Array.isArray(obj.targets))
      throw new UserError(`${file}: expected { "province": "…", "targets": [ … ] } or an array of targets.`);
    list = obj.targets;
    if (Array.isArray(obj.reported)) reportedList = obj.reported;
    else if (obj.reported !== undefined)
      issues.error('reported', 'must be an array of reported results', { field: 'reported' });
    if (typeof obj.province === 'string' && obj.province.trim()) province = obj.province.trim();
    else if (obj.province !== undefined)
      issues.warn('province', 'should be the province name, e.g. "Gia Lai"', { field: 'province' });
    for (const k of Object.keys(obj))
      if (!['province', 'targets', 'reported', 'description', '$schema'].includes(k))
        issues.warn(k, 'unknown field (ignored)', { field: k });
  } else {
    throw new UserError(`${file}: expected { "province": "…", "targets": [ … ] } or an array of targets.`);
  }
  const targets = collect(list, issues, (i) => `targets[${i}]`);
  // A reported result has no comparator: it is read as a target that is never evaluated against one.
  const reported = collect(
    reportedList.map((r) =>
      r && typeof r === 'object' && !Array.isArray(r) && !('comparator' in r) ? { ...r, comparator: '≥' } : r,
    ),
    issues,
    (i) => `reported[${i}]`,
  );
  return { province, targets, reported, issues: issues.items };
}

/** Validates every item, drops duplicates by id, and returns the valid targets. */
function collect(list: unknown[], issues: IssueList, at: (i: number) => string): Target[] {
  const targets: Target[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const t = readTarget(item, at(i), issues);
    if (!t) return;
    const first = seen.get(t.id);
    if (first !== undefined) {
      issues.error(`${at(i)}.id`, `duplicate id "${cutText(String(t.id))}" (already used by ${at(first)})`, {
        field: 'id',
      });
      return;
    }
    seen.set(t.id, i);
    targets.push(t);
  });
  return targets;
}

/**
 * Reads targets from CSV: one row per target, columns named like the JSON fields, with `levels`
 * separated by ";" and the source as `source_document`, `source_line`, `source_quote`. Problems carry
 * the CSV row number.
 */
export function targetsFromCsv(text: string, file: string): TargetsFile {
  const table = parseCsv(text, file);
  const issues = new IssueList(file);
  const rows = table.rows;
  const list = rows.map((r) => {
    const rec: Record<string, unknown> = {};
    table.header.forEach((h, i) => {
      const v = r.cells[i]?.trim() ?? '';
      if (v !== '') rec[h] = v;
    });
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) {
      if (k === 'value' || k === 'year') out[k] = parseNumber(String(v)) ?? v;
      else if (k === 'levels')
        out[k] = String(v)
          .split(/[;|]/)
          .map((x) => x.trim())
          .filter(Boolean);
      else if (k === 'technology') out[k] = v === 'null' ? null : v;
      else if (!k.startsWith('source_')) out[k] = v;
    }
    if (!('technology' in out)) out.technology = null;
    if (
      rec.source_document !== undefined ||
      rec.source_line !== undefined ||
      rec.source_quote !== undefined
    ) {
      out.source = {
        document: rec.source_document,
        line: parseNumber(String(rec.source_line ?? '')) ?? rec.source_line,
        quote: rec.source_quote,
      };
    }
    return out;
  });
  const before = issues.items.length;
  const targets = collect(list, issues, (i) => `rows[${rows[i]!.row}]`);
  for (const issue of issues.items.slice(before)) {
    const m = /^rows\[(\d+)\]/.exec(issue.path);
    if (m) issue.row = Number(m[1]);
  }
  return { province: null, targets, reported: [], issues: issues.items };
}

/** Validates one target; returns it when it has no errors (warnings allowed). */
function readTarget(item: unknown, at: string, issues: IssueList): Target | null {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    issues.error(at, 'each target must be an object');
    return null;
  }
  const o = item as Record<string, unknown>;
  const before = issues.items.filter((x) => x.severity === 'error').length;
  const err = (field: string, message: string) => issues.error(`${at}.${field}`, message, { field });
  const warn = (field: string, message: string) => issues.warn(`${at}.${field}`, message, { field });
  const text = (field: string, required: boolean): string | undefined => {
    const v = o[field];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (v !== undefined || required)
      err(field, required ? 'is required (a non-empty text)' : 'must be a text');
    return undefined;
  };

  for (const k of Object.keys(o))
    if (!TARGET_FIELDS.includes(k)) warn(k, `unknown field (ignored; known: ${TARGET_FIELDS.join(', ')})`);

  const id = text('id', true);
  const indicator = text('indicator', true);
  const indicatorEn = text('indicator_en', false);
  const note = text('note', false);
  const boundarySet = o.boundary_set;
  if (boundarySet !== undefined && boundarySet !== 'pre2025' && boundarySet !== '2025')
    err(
      'boundary_set',
      `must be "pre2025" or "2025": the boundaries the plan was written for (got ${showValue(boundarySet)})`,
    );

  let metric: MetricId | undefined;
  const info = typeof o.metric === 'string' ? metricInfo(o.metric) : undefined;
  if (info) metric = o.metric as MetricId;
  else if (o.metric === undefined) err('metric', `is required; known metrics: ${METRIC_IDS.join(', ')}`);
  else err('metric', `unknown metric ${showValue(o.metric)}; known metrics: ${METRIC_IDS.join(', ')}`);

  let comparator: Comparator | undefined;
  const c = typeof o.comparator === 'string' ? o.comparator.trim() : undefined;
  if (c && (COMPARATORS as readonly string[]).includes(c)) comparator = c as Comparator;
  else if (c && ASCII_COMPARATORS[c]) comparator = ASCII_COMPARATORS[c];
  else
    err(
      'comparator',
      `${o.comparator === undefined ? 'is required' : `${showValue(o.comparator)} is not a comparator`}: ` +
        'use "≥" (đạt X%), ">" (trên X%) or "≤" (tối đa, không quá); ASCII ">=" and "<=" are accepted',
    );
  if (info && comparator && comparator !== '≤' && (info.kind === 'radius' || info.kind === 'per_point'))
    err('comparator', `${metric} is a maximum ("tối đa"): use "≤"`);

  let value: number | undefined;
  if (typeof o.value === 'number' && Number.isFinite(o.value)) value = o.value;
  else if (typeof o.value === 'string' && Number.isFinite(Number.parseFloat(o.value.replace(',', '.'))))
    err(
      'value',
      `must be a number, not the text ${showValue(o.value)}: write ${Number.parseFloat(
        o.value.replace(',', '.'),
      )}${info ? ` (in ${info.unit})` : ''}`,
    );
  else err('value', `must be a number${info ? ` in ${info.unit}` : ''} (got ${showValue(o.value)})`);
  if (value !== undefined && info) {
    if (value < 0) err('value', `must not be negative (got ${value})`);
    else if (info.unit === '%' && value > 100)
      err('value', `a percentage must be within 0–100 (got ${value})`);
    else if (info.unit === '%' && value === 100 && comparator === '>')
      err('value', '"> 100%" can never be met: use "≥" 100');
    else if ((info.kind === 'radius' || info.kind === 'per_point') && value === 0)
      err('value', 'a maximum radius or population per point must be above 0');
    else if (info.unit === 'count' && !Number.isInteger(value))
      err('value', `a count must be whole (got ${value})`);
  }

  if (o.unit !== undefined && info && o.unit !== info.unit)
    err('unit', `${metric} is measured in "${info.unit}" (got ${showValue(o.unit)}); convert the value`);

  let network: TargetNetwork | undefined = info?.network;
  if (o.network !== undefined) {
    if (!NETWORKS.includes(o.network as TargetNetwork))
      err('network', `must be one of ${NETWORKS.join(', ')} (got ${showValue(o.network)})`);
    else if (info && o.network !== info.network)
      err('network', `${metric} belongs to the ${info.network} network (got ${showValue(o.network)})`);
    else network = o.network as TargetNetwork;
  }

  let technology: string | null = null;
  const techOk = TARGET_TECHNOLOGIES.map((x) => x.toLowerCase());
  if (info?.needsTechnology) {
    const k = typeof o.technology === 'string' ? techOk.indexOf(o.technology.trim().toLowerCase()) : -1;
    if (k >= 0) technology = TARGET_TECHNOLOGIES[k] ?? null;
    else
      err(
        'technology',
        `${metric} needs a technology: one of ${TARGET_TECHNOLOGIES.join(', ')}` +
          (o.technology === undefined ? '' : ` (got ${showValue(o.technology)})`),
      );
  } else if (info && o.technology !== undefined && o.technology !== null) {
    warn('technology', `${metric} has no technology; ${showValue(o.technology)} is ignored`);
  }

  let year: number | null | undefined;
  if (o.year === null) year = null;
  else if (typeof o.year === 'number' && Number.isInteger(o.year) && o.year >= 2000 && o.year <= 2100)
    year = o.year;
  else
    err(
      'year',
      o.year === undefined
        ? 'is required: the horizon year, or null when the plan states none'
        : typeof o.year === 'string' && /^\d{4}$/.test(o.year.trim())
          ? `must be a number: write ${o.year.trim()} without quotes`
          : `must be a year such as 2030, or null (got ${showValue(o.year)})`,
    );

  let scope: TargetScope | undefined;
  if ((TARGET_SCOPES as readonly unknown[]).includes(o.scope)) scope = o.scope as TargetScope;
  else
    err(
      'scope',
      `${o.scope === undefined ? 'is required' : `unknown scope ${showValue(o.scope)}`}; use one of ${TARGET_SCOPES.join(', ')}`,
    );

  let levels: TargetLevel[] = [...TARGET_LEVELS];
  if (o.levels !== undefined) {
    const bad = Array.isArray(o.levels)
      ? o.levels.filter((l) => !(TARGET_LEVELS as readonly unknown[]).includes(l))
      : null;
    if (!Array.isArray(o.levels) || o.levels.length === 0 || bad?.length)
      err(
        'levels',
        `must be a non-empty list of ${TARGET_LEVELS.join(', ')}${bad?.length ? ` (unknown: ${bad.map((b) => showValue(b)).join(', ')})` : ''}`,
      );
    else levels = TARGET_LEVELS.filter((l) => (o.levels as unknown[]).includes(l));
  }

  const source = readSource(o.source, err, warn);

  let threshold: number | undefined;
  if (metric === 'speed.tests_meeting_pct') {
    const t = o.threshold_mbps;
    if (typeof t === 'number' && Number.isFinite(t) && t > 0) threshold = t;
    else
      err(
        'threshold_mbps',
        `${metric} needs the download a test must reach, in Mb/s above 0 (got ${showValue(t ?? null)})`,
      );
  } else if (o.threshold_mbps !== undefined)
    warn(
      'threshold_mbps',
      `only speed.tests_meeting_pct has a threshold; ${showValue(o.threshold_mbps)} is ignored`,
    );

  const errors = issues.items.filter((x) => x.severity === 'error').length;
  if (errors > before || !id || !indicator || !metric || !comparator || value === undefined) return null;
  if (year === undefined || !scope || !source || !network) return null;
  const target: Target = {
    id,
    indicator,
    indicator_en: indicatorEn ?? indicator,
    network,
    technology,
    metric,
    comparator,
    value,
    unit: metricInfo(metric)!.unit,
    year,
    scope,
    levels,
    source,
  };
  if (note) target.note = note;
  if (boundarySet === 'pre2025' || boundarySet === '2025') target.boundary_set = boundarySet;
  if (threshold !== undefined) target.threshold_mbps = threshold;
  return target;
}

/** The cited source: document, the 1-based line with the value, an optional span, and a quote. */
function readSource(
  v: unknown,
  err: (field: string, message: string) => void,
  warn: (field: string, message: string) => void,
): TargetSource | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    err(
      'source',
      `${v === undefined ? 'is missing' : 'must be an object'}: every target cites its plan as { "document", "line", "quote" }`,
    );
    return null;
  }
  const s = v as Record<string, unknown>;
  let ok = true;
  const document = typeof s.document === 'string' && s.document.trim() ? s.document.trim() : null;
  if (!document) {
    err('source.document', 'is required: the plan document (file name and official number/title)');
    ok = false;
  }
  const line = typeof s.line === 'number' && Number.isInteger(s.line) && s.line >= 1 ? s.line : null;
  if (line === null) {
    err('source.line', `must be the 1-based line that states the value (got ${showValue(s.line)})`);
    ok = false;
  }
  const quote = typeof s.quote === 'string' && s.quote.trim() ? s.quote.trim() : null;
  if (!quote) {
    err('source.quote', 'is required: a short quote of the plan text that states the value');
    ok = false;
  }
  let span: [number, number] | undefined;
  if (s.span !== undefined) {
    const a = Array.isArray(s.span) ? s.span : [];
    const [from, to] = a as unknown[];
    if (
      a.length !== 2 ||
      !Number.isInteger(from) ||
      !Number.isInteger(to) ||
      (from as number) > (to as number) ||
      (line !== null && (line < (from as number) || line > (to as number)))
    ) {
      err('source.span', 'must be [first line, last line] of the quote, containing "line"');
      ok = false;
    } else span = [from as number, to as number];
  }
  for (const k of Object.keys(s))
    if (!['document', 'line', 'span', 'quote'].includes(k)) warn(`source.${k}`, 'unknown field (ignored)');
  if (!ok || !document || line === null || !quote) return null;
  return span ? { document, line, span, quote } : { document, line, quote };
}
