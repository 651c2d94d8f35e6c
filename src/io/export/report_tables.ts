import type { ReportComparison } from '../../core/report/compare_reports.ts';
import { type RankedCommune, rankDecimals } from '../../core/report/rank_communes.ts';
import type { CoverageReport } from '../../core/report/report.ts';
import { type ReportIndicator, reportIndicators } from '../../core/report/report_indicators.ts';
import { reportUnits } from '../../core/report/report_units.ts';
import type { FullUnit } from '../../core/run_analysis.ts';
import type { Target } from '../../core/targets/targets.ts';
import { decimalsStyle, type XlsxCell, type XlsxColumn, type XlsxSheet } from '../formats/xlsx_write.ts';
import { calibrationColumns, calibrationRows } from './calibration_table.ts';
import { countingText } from './counting_text.ts';
import { methodText, populationMethodsText, postalRuleText, yesNo } from './method_text.ts';
import {
  formatDate,
  formatNumber,
  indicatorHeader,
  levelText,
  type ReportLang,
  statusText,
  T,
  unitText,
} from './report_labels.ts';

/** What the report exports take besides report.json. */
export interface ReportExportOptions {
  lang?: ReportLang;
  /** The date the figures are valid for (ISO yyyy-mm-dd); default: the analysis date. */
  asOf?: string;
  /** The date the report is made (ISO); default: the analysis date. */
  reportDate?: string;
  /** Target definitions (labels, year, source) for the target ids in report.targets. */
  targets?: readonly Target[];
  /** A comparison with a baseline report (compareReports). */
  comparison?: ReportComparison;
  /** A commune ranking (rankCommunes) and the indicator it ranks by. */
  ranking?: { indicator: string; rows: readonly RankedCommune[] };
}

const STATUS_STYLE = { met: 'met', not_met: 'notMet', not_evaluable: 'notEval' } as const;

/**
 * Where a target is written, for a reader: the plan's title and the line of the text it quotes
 * (`seeds/000_….txt — Kế hoạch …` + line 97 → `Kế hoạch …, dòng 97`); the file and line when the
 * document names no title.
 */
export function targetSource(t: Target | undefined, lang: ReportLang = 'vi'): string {
  if (!t) return '';
  const [file, ...title] = t.source.document.split(' — ');
  const line = `${lang === 'vi' ? 'dòng' : 'line'} ${t.source.line}`;
  return title.length ? `${title.join(' — ')}, ${line}` : `${file}:${t.source.line}`;
}

/** A target's technology for the tables ("5G", "any" → "mọi công nghệ"); empty for non-mobile targets. */
export function targetTechnology(t: Pick<Target, 'technology'> | undefined, lang: ReportLang): string {
  if (!t?.technology) return '';
  return t.technology === 'any' ? (lang === 'vi' ? 'mọi công nghệ' : 'any technology') : t.technology;
}

const indicatorColumns = (list: readonly ReportIndicator[], lang: ReportLang): XlsxColumn[] =>
  list.map((i) => ({ header: indicatorHeader(i, lang), style: decimalsStyle(i.decimals), maxWidth: 22 }));

/** A table of the report, with a file-name-safe id (`communes`, `dead_zone_villages`…). */
export interface ReportTable {
  id: string;
  sheet: XlsxSheet;
}

/**
 * The report's tables, shared by the workbook and the CSV export: province summary against every
 * target, districts, communes, dead-zone villages, communes without a staffed postal point (and
 * without a cultural post point), postal, fiber, the comparison and ranking when given, and the method
 * and sources (counting rule, footprint defaults, synthetic-data flag). Headers in Vietnamese or
 * English with units; numbers stay numbers.
 */
export function reportTables(report: CoverageReport, options: ReportExportOptions = {}): ReportTable[] {
  const lang = options.lang ?? 'vi';
  const tx = (e: Record<ReportLang, string>) => e[lang];
  const units = reportUnits(report);
  const indicators = reportIndicators(report);
  const defs = new Map((options.targets ?? []).map((d) => [d.id, d]));
  const sheets: XlsxSheet[] = [];
  const ids: string[] = [];
  const add = (id: string, sheet: XlsxSheet) => {
    ids.push(id);
    sheets.push(sheet);
  };
  const place = (u: FullUnit) => units.byId.get(u.id);
  const yesNo = (b: boolean | null) => (b === null ? tx(T.unknown) : b ? tx(T.yes) : tx(T.no));

  // 1. Province summary against every target.
  add('province_targets', {
    name: tx(T.sheets.summary),
    freezeColumns: 2,
    columns: [
      // A province, or (2025 set, a pre-merger plan) the former province's area the target is evaluated on.
      { header: lang === 'vi' ? 'Tỉnh / địa bàn đánh giá' : 'Province / territory evaluated' },
      { header: tx(T.targetId) },
      { header: tx(T.indicator), maxWidth: 50, style: 'wrap' },
      { header: tx(T.technology) },
      { header: tx(T.year), style: 'int' },
      { header: tx(T.comparator) },
      { header: tx(T.targetValue), style: 'dec2' },
      { header: tx(T.unit) },
      { header: tx(T.value), style: 'dec2' },
      { header: tx(T.status) },
      { header: `${tx(T.gap)} (${lang === 'vi' ? 'theo đơn vị chỉ tiêu' : "target's unit"})`, style: 'dec2' },
      { header: tx(T.gapCount), style: 'int' },
      { header: tx(T.gapText), maxWidth: 70, style: 'wrap' },
      { header: tx(T.source), maxWidth: 40 },
    ],
    rows: report.targets
      .filter((e) => e.level === 'province')
      .map((e) => {
        const d = defs.get(e.target_id);
        return [
          e.unit_name,
          e.target_id,
          d ? (lang === 'vi' ? d.indicator : d.indicator_en) : e.target_id,
          targetTechnology(d, lang),
          d?.year ?? null,
          e.comparator,
          e.target_value,
          d ? unitText(d.unit, lang) : '',
          e.value,
          { v: statusText(e.status, lang), style: STATUS_STYLE[e.status] },
          e.gap,
          e.gap_count ?? null,
          lang === 'vi' ? e.gap_text_vi : e.gap_text_en,
          targetSource(d, lang),
        ];
      }),
  });

  // 2. Districts (and the province totals).
  const aggregate: FullUnit[] = units.provinces.flatMap((p) => [...units.districtsOf(p.id), p]);
  add('districts', {
    name: tx(T.sheets.districts),
    freezeColumns: 4,
    columns: [
      { header: tx(T.level) },
      { header: tx(T.province) },
      { header: tx(T.id) },
      { header: tx(T.name) },
      ...indicatorColumns(indicators, lang),
    ],
    rows: aggregate.map((u) => [
      levelText(u.level, lang),
      place(u)?.province?.name ?? '',
      u.id,
      u.name,
      ...indicators.map((i) => i.get(u)),
    ]),
  });

  // 3. Communes.
  add('communes', {
    name: tx(T.sheets.communes),
    freezeColumns: 2,
    columns: [
      { header: tx(T.id) },
      { header: tx(T.commune) },
      { header: tx(T.district) },
      { header: tx(T.province) },
      ...indicatorColumns(indicators, lang),
    ],
    rows: units.communes.map((u) => [
      u.id,
      u.name,
      place(u)?.district?.name ?? '',
      place(u)?.province?.name ?? '',
      ...indicators.map((i) => i.get(u)),
    ]),
  });

  // 4. Dead-zone villages.
  add('dead_zone_villages', {
    name: tx(T.sheets.deadZones),
    freezeColumns: 2,
    columns: [
      { header: tx(T.villageId) },
      { header: tx(T.village) },
      { header: `${tx(T.id)} ${tx(T.commune).toLowerCase()}` },
      { header: tx(T.commune) },
      { header: tx(T.district) },
      { header: tx(T.province) },
      { header: tx(T.population), style: 'int' },
      { header: tx(T.gridPower) },
      { header: tx(T.nearest4g), style: 'dec3' },
      // Why it is a dead zone: which site is nearest, and where the village lies from it (a sector
      // facing away, a ridge): what the app's panel explains (issue 15).
      { header: tx(T.nearest4gSite) },
      { header: tx(T.nearest4gBearing), style: 'dec1' },
    ],
    rows: report.dead_zone_villages.map((d) => {
      const p = units.byId.get(d.commune_id);
      return [
        d.village_id,
        d.name,
        d.commune_id,
        d.commune_name,
        p?.district?.name ?? '',
        p?.province?.name ?? '',
        d.population,
        yesNo(d.has_grid_power),
        d.nearest_4g_site_km,
        d.nearest_4g_site_id ?? null,
        d.nearest_4g_bearing_deg ?? null,
      ];
    }),
  });

  // 5. Communes without a staffed postal point (and without a cultural post point).
  const communeList = (list: CoverageReport['communes_without_staffed_postal_point']): XlsxCell[][] =>
    list.map((c) => {
      const p = units.byId.get(c.id);
      return [
        c.id,
        c.name,
        p?.district?.name ?? '',
        p?.province?.name ?? '',
        p?.unit.population ?? null,
        p?.unit.postal?.points ?? null,
        p?.unit.postal?.staffed_points ?? null,
      ];
    });
  const communeListColumns: XlsxColumn[] = [
    { header: tx(T.id) },
    { header: tx(T.commune) },
    { header: tx(T.district) },
    { header: tx(T.province) },
    { header: tx(T.population), style: 'int' },
    { header: lang === 'vi' ? 'Số điểm phục vụ bưu chính' : 'Postal points', style: 'int' },
    { header: lang === 'vi' ? 'Số điểm có người phục vụ' : 'Staffed points', style: 'int' },
  ];
  add('communes_without_staffed_postal_point', {
    name: tx(T.sheets.noStaffed),
    freezeColumns: 2,
    columns: communeListColumns,
    rows: communeList(report.communes_without_staffed_postal_point),
  });
  add('communes_without_cultural_post_point', {
    name: tx(T.sheets.noCultural),
    freezeColumns: 2,
    columns: communeListColumns,
    rows: communeList(report.communes_without_cultural_post_point),
  });

  // 6. Postal and 7. fiber, for every unit.
  const ordered = [...aggregate, ...units.communes];
  const postalInd = indicators.filter((i) => i.group === 'postal');
  const byType = [
    'post_office_1',
    'post_office_2',
    'post_office_3',
    'post_office',
    'cultural_post_point',
    'agent',
    'kiosk',
  ] as const;
  const typeVi: Record<(typeof byType)[number], string> = {
    post_office_1: 'Bưu cục cấp I',
    post_office_2: 'Bưu cục cấp II',
    post_office_3: 'Bưu cục cấp III',
    post_office: 'Bưu cục (không rõ cấp)',
    cultural_post_point: 'Điểm BĐVHX',
    agent: 'Đại lý',
    kiosk: 'Ki ốt',
  };
  const typeEn: Record<(typeof byType)[number], string> = {
    post_office_1: 'Post office tier I',
    post_office_2: 'Post office tier II',
    post_office_3: 'Post office tier III',
    post_office: 'Post office (tier unknown)',
    cultural_post_point: 'Cultural post point',
    agent: 'Agent',
    kiosk: 'Kiosk',
  };
  const unitCols: XlsxColumn[] = [
    { header: tx(T.level) },
    { header: tx(T.id) },
    { header: tx(T.name) },
    { header: tx(T.province) },
  ];
  const unitCells = (u: FullUnit): XlsxCell[] => [
    levelText(u.level, lang),
    u.id,
    u.name,
    place(u)?.province?.name ?? '',
  ];
  add('postal', {
    name: tx(T.sheets.postal),
    freezeColumns: 3,
    columns: [
      ...unitCols,
      ...byType.map((k) => ({
        header: `${lang === 'vi' ? typeVi[k] : typeEn[k]} (${unitText('count', lang)})`,
        style: 'int' as const,
      })),
      ...indicatorColumns(postalInd, lang),
    ],
    rows: ordered
      .filter((u) => u.postal)
      .map((u) => [
        ...unitCells(u),
        ...byType.map((k) => u.postal!.points_by_type[k]),
        ...postalInd.map((i) => i.get(u)),
      ]),
  });
  const fiberInd = indicators.filter((i) => i.group === 'fiber');
  add('fiber', {
    name: tx(T.sheets.fiber),
    freezeColumns: 3,
    columns: [
      ...unitCols,
      ...indicatorColumns(fiberInd, lang),
      { header: lang === 'vi' ? 'Trung tâm xã trong tầm cáp quang' : 'Commune centre within reach' },
      { header: lang === 'vi' ? 'Tầm cáp quang (m)' : 'Fiber reach (m)', style: 'int' },
    ],
    rows: ordered
      .filter((u) => u.fiber)
      .map((u) => [
        ...unitCells(u),
        ...fiberInd.map((i) => i.get(u)),
        u.level === 'commune' ? yesNo(u.fiber!.centre_within_reach) : null,
        u.fiber!.reach_m,
      ]),
  });

  // Measured (speed tests): every technology × operator with tests, per unit.
  if (report.measured) {
    const vi = lang === 'vi';
    const span = `${report.measured.date_from ?? '—'} – ${report.measured.date_to ?? '—'}`;
    const h = (v: string, e: string, unit?: string) => `${vi ? v : e}${unit ? ` (${unit})` : ''}`;
    add('measured', {
      name: tx(T.sheets.measured),
      freezeColumns: 3,
      columns: [
        ...unitCols,
        { header: h('Công nghệ', 'Technology') },
        { header: h('Nhà mạng', 'Operator') },
        { header: h(`Số lần đo (đo thực tế, ${span})`, `Tests (measured, ${span})`), style: 'int' },
        { header: h('Tải xuống trung bình', 'Mean download', 'Mb/s'), style: 'dec2' },
        { header: h('Tải xuống trung vị', 'Median download', 'Mb/s'), style: 'dec2' },
        { header: h('Tải lên trung bình', 'Mean upload', 'Mb/s'), style: 'dec2' },
        { header: h('Tải lên trung vị', 'Median upload', 'Mb/s'), style: 'dec2' },
        { header: h('Độ trễ trung bình', 'Mean latency', 'ms'), style: 'dec2' },
        { header: h('Độ trễ trung vị', 'Median latency', 'ms'), style: 'dec2' },
        { header: h('Ngưỡng', 'Threshold', 'Mb/s'), style: 'dec2' },
        { header: h('Lần đo đạt ngưỡng', 'Tests at or above it', '%'), style: 'dec2' },
        { header: h('Từ ngày', 'From') },
        { header: h('Đến ngày', 'To') },
      ],
      rows: ordered.flatMap((u) =>
        (u.measured?.groups ?? [])
          .filter((g) => g.tests > 0)
          .map((g) => [
            ...unitCells(u),
            g.technology === 'any' ? (vi ? 'mọi công nghệ' : 'any') : g.technology,
            g.operator === 'all' ? (vi ? 'mọi nhà mạng' : 'all') : g.operator,
            g.tests,
            g.download_mean_mbps,
            g.download_median_mbps,
            g.upload_mean_mbps,
            g.upload_median_mbps,
            g.latency_mean_ms,
            g.latency_median_ms,
            g.threshold_mbps,
            g.tests_at_or_above_pct,
            g.date_from ?? '',
            g.date_to ?? '',
          ]),
      ),
    });
  }

  // The calibration fits (radii; with a DEM, loss offsets), applied or not.
  const fits = calibrationRows(report, lang === 'vi');
  if (fits.length > 0)
    add('calibration', {
      name: tx(T.sheets.calibration),
      freezeColumns: 3,
      columns: calibrationColumns(lang === 'vi'),
      rows: fits.map((r) => [...r]),
    });

  // Comparison with a baseline, and the ranking.
  const cmp = options.comparison;
  if (cmp) {
    add('comparison', {
      name: tx(T.sheets.comparison),
      freezeColumns: 3,
      columns: [
        { header: tx(T.level) },
        { header: tx(T.id) },
        { header: tx(T.name) },
        { header: tx(T.indicator), maxWidth: 45 },
        { header: tx(T.unit) },
        { header: `${tx(T.before)} (${formatDate(cmp.baseline_generated_at, lang)})`, style: 'dec4' },
        { header: `${tx(T.after)} (${formatDate(cmp.current_generated_at, lang)})`, style: 'dec4' },
        {
          header: `${tx(T.difference)} (${lang === 'vi' ? 'sau − trước' : 'after − before'})`,
          style: 'dec4',
        },
      ],
      rows: [
        ...cmp.rows.map((r) => [
          levelText(r.level, lang),
          r.unit_id,
          r.unit_name,
          lang === 'vi' ? r.label_vi : r.label_en,
          unitText(r.unit, lang),
          r.before,
          r.after,
          r.difference,
        ]),
        // A baseline from the other boundary set: how it was converted, and the units it does not reach.
        ...(cmp.conversion
          ? [
              [
                '',
                '',
                lang === 'vi' ? 'Kỳ trước đã được quy đổi' : 'Baseline converted',
                lang === 'vi' ? cmp.conversion.method_vi : cmp.conversion.method_en,
                '',
                null,
                null,
                null,
              ],
              ...cmp.conversion.without_baseline.map((u) => [
                levelText(u.level, lang),
                u.id,
                u.name,
                lang === 'vi' ? 'Không có số liệu kỳ trước cho đơn vị này' : 'No baseline for this unit',
                '',
                null,
                null,
                null,
              ]),
            ]
          : []),
      ],
    });
    add('comparison_targets', {
      name: tx(T.sheets.targetChanges),
      freezeColumns: 3,
      columns: [
        { header: tx(T.level) },
        { header: tx(T.name) },
        { header: tx(T.targetId) },
        { header: `${tx(T.status)} — ${tx(T.before).toLowerCase()}` },
        { header: `${tx(T.status)} — ${tx(T.after).toLowerCase()}` },
        { header: `${tx(T.value)} — ${tx(T.before).toLowerCase()}`, style: 'dec4' },
        { header: `${tx(T.value)} — ${tx(T.after).toLowerCase()}`, style: 'dec4' },
        { header: tx(T.difference), style: 'dec4' },
      ],
      rows: cmp.targets
        .filter((r) => r.level !== 'commune')
        .map((r) => [
          levelText(r.level, lang),
          r.unit_name,
          r.target_id,
          statusText(r.before_status, lang),
          statusText(r.after_status, lang),
          r.before_value,
          r.after_value,
          r.difference,
        ]),
    });
  }
  if (options.ranking) {
    const ind = indicators.find((i) => i.id === options.ranking!.indicator);
    add('ranking', {
      name: tx(T.sheets.ranking),
      freezeColumns: 3,
      columns: [
        { header: tx(T.rank), style: 'int' },
        { header: tx(T.id) },
        { header: tx(T.commune) },
        { header: tx(T.district) },
        { header: tx(T.province) },
        {
          header: ind ? indicatorHeader(ind, lang) : options.ranking.indicator,
          // Shown as ranked: at the app table's precision (ties are equal as shown).
          style: decimalsStyle(ind ? rankDecimals(ind) : 2),
        },
      ],
      rows: options.ranking.rows.map((r) => [r.rank, r.id, r.name, r.district, r.province, r.value]),
    });
  }

  add('method', methodSheet(report, options, lang));
  return sheets.map((sheet, i) => ({ id: ids[i]!, sheet }));
}

/** Method and sources: counting rules, footprint defaults, the synthetic flag, the inputs. */
function methodSheet(report: CoverageReport, options: ReportExportOptions, lang: ReportLang): XlsxSheet {
  const tx = (e: Record<ReportLang, string>) => e[lang];
  const vi = lang === 'vi';
  const m = report.method;
  const rows: XlsxCell[][] = [
    [tx(T.generatedAt), report.generated_at],
    [tx(T.asOf), formatDate(options.asOf ?? report.generated_at, lang)],
    [tx(T.reportDate), formatDate(options.reportDate ?? report.generated_at, lang)],
    [vi ? 'Dữ liệu mẫu tổng hợp' : 'Synthetic sample data', yesNo(report.inputs.synthetic, lang)],
    [vi ? 'Ghi chú dữ liệu' : 'Data note', report.inputs.synthetic ? tx(T.synthetic) : ''],
    [vi ? 'Mô hình hoá' : 'Modelled', tx(T.modelled)],
    [vi ? 'Ranh giới xã' : 'Commune boundaries', report.inputs.boundaries],
    [vi ? 'Trạm di động' : 'Mobile sites', report.inputs.sites],
    [vi ? 'Dân số (điểm/raster)' : 'Population (points/raster)', report.inputs.population ?? ''],
    [vi ? 'Điểm phục vụ bưu chính' : 'Postal points', report.inputs.postal ?? ''],
    [vi ? 'Tuyến cáp quang' : 'Fiber routes', report.inputs.fiber ?? ''],
    [vi ? 'Thôn, làng' : 'Villages', report.inputs.villages ?? ''],
    [vi ? 'Đo tốc độ (đo thực tế)' : 'Speed tests (measured)', report.inputs.speedtests ?? ''],
    [vi ? 'Tệp chỉ tiêu' : 'Target files', report.inputs.targets.join('; ')],
    [vi ? 'Tệp cấu hình' : 'Config file', report.inputs.config ?? ''],
    [vi ? 'Nhà mạng' : 'Operators', report.operators.join(', ')],
    [vi ? 'Công nghệ có trong dữ liệu' : 'Technologies in the data', report.technologies.join(', ')],
    [vi ? 'Cách tính vùng phủ' : 'Coverage method', methodText(m.coverage, lang)],
    [vi ? 'Cách tính diện tích' : 'Area method', methodText(m.area, lang)],
    [vi ? 'Phân bố dân số' : 'Population surface', methodText(m.population_surface, lang)],
    [
      vi ? 'Thứ tự ưu tiên vùng phủ của trạm' : 'Footprint precedence',
      methodText(m.footprint_precedence, lang),
    ],
    [vi ? 'Dạng vùng phủ của trạm' : 'Footprints', footprintsText(m.footprints, vi)],
  ];
  for (const [tech, r] of Object.entries(m.footprint_radii_m)) {
    rows.push([
      `${vi ? 'Bán kính mặc định' : 'Default radius'} ${tech}, ${vi ? 'nông thôn (m)' : 'rural (m)'}`,
      r.rural,
    ]);
    rows.push([
      `${vi ? 'Bán kính mặc định' : 'Default radius'} ${tech}, ${vi ? 'đô thị (m)' : 'urban (m)'}`,
      r.urban,
    ]);
  }
  rows.push(
    [vi ? 'Số dải tích phân tối đa mỗi xã' : 'Most integration strips per commune', m.scanlines_per_commune],
    [
      vi ? 'Công nghệ tính vùng lõm' : 'Gap technologies',
      m.gap_technologies.map((g) => (g === 'any' && vi ? 'mọi công nghệ' : g)).join(', '),
    ],
    [
      vi ? 'Quy tắc đếm điểm bưu chính (N)' : 'Postal counting rule (N)',
      postalRuleText(m.postal_counting_rule, lang),
    ],
    [vi ? 'Công thức bán kính phục vụ' : 'Service radius formula', methodText(m.postal_radius_formula, lang)],
    [vi ? 'Khoảng cách xem xét bưu chính (km)' : 'Postal distance view (km)', m.postal_distance_km],
    [vi ? 'Tầm cáp quang (m)' : 'Fiber reach (m)', m.fiber_reach_m],
    [vi ? 'Quy tắc thôn' : 'Village rule', methodText(m.villages, lang)],
    [vi ? 'Ô phát sóng được tính' : 'Cells counted', countingText(m.cell_counting, vi)],
    [
      vi ? 'Số liệu đo thực tế' : 'Measured figures',
      m.measured ? methodText(m.measured, lang) : vi ? 'không có tệp đo tốc độ' : 'no speed-test file',
    ],
    [
      vi ? 'Phương pháp dân số theo xã' : 'Population method by commune',
      populationMethodsText(m.population_method_by_commune, lang),
    ],
  );
  for (const d of options.targets ?? []) {
    rows.push([
      `${vi ? 'Chỉ tiêu' : 'Target'} ${d.id}`,
      `${vi ? d.indicator : d.indicator_en}${d.technology ? ` (${targetTechnology(d, lang)})` : ''}: ${d.comparator} ${formatNumber(d.value, Number.isInteger(d.value) ? 0 : 1, lang)} ${unitText(d.unit, lang)}${d.year ? ` (${d.year})` : ''} — ${targetSource(d, lang)}: “${d.source.quote}”`,
    ]);
  }
  return {
    name: vi ? T.sheets.method.vi : T.sheets.method.en,
    columns: [
      { header: tx(T.item), maxWidth: 45 },
      { header: vi ? 'Giá trị' : 'Value', width: 100, style: 'wrap' },
    ],
    rows,
  };
}

/** The footprint note of a report in the sheet's language (a report from before terrain: circles). */
export function footprintsText(f: CoverageReport['method']['footprints'], vi: boolean): string {
  if (f) return vi ? f.vi : f.en;
  return vi
    ? 'Vùng phủ: hình tròn và hình quạt theo bán kính (không có mô hình độ cao số DEM)'
    : 'Footprints: circles and sectors by radius (no DEM)';
}
