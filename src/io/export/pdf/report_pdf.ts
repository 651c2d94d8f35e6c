import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import type { CoverageReport } from '../../../core/report/report.ts';
import { type ReportIndicator, reportIndicators } from '../../../core/report/report_indicators.ts';
import { reportUnits } from '../../../core/report/report_units.ts';
import type { FullUnit } from '../../../core/run_analysis.ts';
import { choroplethClasses } from '../report_colors.ts';
import { asMultiPolygon, type ReportGeometry } from '../report_features.ts';
import {
  formatDate,
  formatNumber,
  indicatorHeader,
  levelText,
  type ReportLang,
  statusText,
  T,
  unitText,
} from '../report_labels.ts';
import { type ReportExportOptions, targetSource } from '../report_tables.ts';
import { drawBarChart } from './pdf_charts.ts';
import { MARGIN, type PdfColumn, PdfLayout, type RGB } from './pdf_layout.ts';
import { drawChoropleth, type MapFeature } from './pdf_map.ts';

/** The TrueType fonts to embed (regular and bold); they must cover Vietnamese (e.g. DejaVu Sans). */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface PdfReportOptions extends ReportExportOptions {
  /** The indicator the maps show (default `mobile.4G.population_pct`). */
  mapIndicator?: string;
  /** Communes per page for boundary sets without districts (2025). Default 22. */
  communesPerGroup?: number;
}

const STATUS_FILL: Record<string, RGB> = {
  met: [198, 239, 206],
  not_met: [255, 199, 206],
  not_evaluable: [237, 237, 237],
};
const OPERATOR_COLORS: RGB[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [148, 103, 189],
  [140, 86, 75],
];

/**
 * The periodic report as a PDF (A4, Vietnamese by default): title, reporting and "as of" dates and the
 * data sources; per province a choropleth map of the communes drawn as vector paths (legend, scale bar,
 * north arrow), the target table, charts, a page per district (or per group of communes for 2025
 * boundaries), the dead-zone villages and the communes without a staffed postal point; the comparison
 * with a baseline and the ranking when given; the method. Embeds (subsets) the given fonts, so the
 * diacritics render and can be searched. Pure: returns the bytes, in Node and in the browser alike.
 */
export async function reportPdf(
  report: CoverageReport,
  geometry: ReportGeometry,
  fonts: PdfFonts,
  options: PdfReportOptions = {},
): Promise<Uint8Array> {
  const lang = options.lang ?? 'vi';
  const vi = lang === 'vi';
  const tx = (e: Record<ReportLang, string>) => e[lang];
  const fmt = (v: number | null | undefined, d = 2) => formatNumber(v, d, lang);
  const pct = (v: number | null | undefined, d = 2) =>
    v === null || v === undefined ? '—' : `${fmt(v, d)}%`;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const created = new Date(report.generated_at);
  doc.setTitle(
    `${tx(T.title)} — ${report.units
      .filter((u) => u.level === 'province')
      .map((u) => u.name)
      .join(', ')}`,
  );
  doc.setAuthor('Vùng Phủ');
  doc.setCreator('Vùng Phủ (pdf-lib)');
  doc.setLanguage(vi ? 'vi-VN' : 'en');
  if (!Number.isNaN(created.getTime())) {
    doc.setCreationDate(created);
    doc.setModificationDate(created);
  }
  const L = new PdfLayout(
    doc,
    await doc.embedFont(fonts.regular, { subset: true }),
    await doc.embedFont(fonts.bold, { subset: true }),
  );
  const units = reportUnits(report);
  const indicators = reportIndicators(report);
  const ind = (id: string) => indicators.find((i) => i.id === id);
  const mapInd: ReportIndicator =
    ind(options.mapIndicator ?? 'mobile.4G.population_pct') ?? ind('mobile.4G.population_pct')!;
  const allCommuneValues = units.communes.map((u) => mapInd.get(u));
  const classes = choroplethClasses(allCommuneValues, mapInd.unit, mapInd.better);
  const defs = new Map((options.targets ?? []).map((d) => [d.id, d]));
  const asOf = formatDate(options.asOf ?? report.generated_at, lang);
  const reportDate = formatDate(options.reportDate ?? report.generated_at, lang);
  const gapTech = /^mobile\.(2G|3G|4G|5G|any)\./.exec(mapInd.id)?.[1];
  const gapGeoms = geometry.gaps.filter((g) => g.technology === gapTech);
  const featureOf = (u: FullUnit, highlight = false): MapFeature[] => {
    const g = geometry.communes.get(u.id);
    return g ? [{ geometry: asMultiPolygon(g), value: mapInd.get(u), highlight }] : [];
  };
  const centreLat = (u: FullUnit) => {
    const b = bounds(featureOf(u));
    return Number.isFinite(b[1]) ? (b[1] + b[3]) / 2 : 0;
  };
  const classLabel = (c: { from: number; to: number }) =>
    `${fmt(c.from, mapInd.unit === '%' ? 0 : mapInd.decimals)}–${fmt(c.to, mapInd.unit === '%' ? 0 : mapInd.decimals)}${mapInd.unit === '%' ? '%' : ` ${unitText(mapInd.unit, lang)}`}`;
  const mapOptions = (withOverlay: boolean, communeIds: Set<string>) => ({
    classes,
    legendTitle: indicatorHeader(mapInd, lang),
    classLabel,
    noDataLabel: vi ? 'Không có số liệu' : 'No data',
    ...(withOverlay && gapTech && gapGeoms.length
      ? {
          overlay: {
            geometries: gapGeoms
              .filter((g) => communeIds.has(g.unitId))
              .map((g) => asMultiPolygon(g.geometry)),
            color: [120, 0, 60] as RGB,
            label: vi ? `Vùng lõm sóng ${gapTech} (viền)` : `Areas without ${gapTech} (outline)`,
          },
        }
      : {}),
  });

  // ---- Cover: title, dates, sources.
  const provinceNames = units.provinces.map((p) => p.name).join(', ');
  L.y -= 60;
  L.paragraph(tx(T.title).toUpperCase(), { size: 18, bold: true, color: [20, 60, 110] }, 0, 2);
  L.paragraph(`${vi ? 'Tỉnh' : 'Province'}: ${provinceNames}`, { size: 16, bold: true }, 0, 4);
  L.paragraph(tx(T.subtitle), { size: 10, color: [70, 70, 70] }, 0, 16);
  L.table(
    [
      { header: tx(T.item), width: 2 },
      { header: vi ? 'Thông tin' : 'Detail', width: 5 },
    ],
    [
      [tx(T.reportDate), reportDate],
      [tx(T.asOf), asOf],
      [tx(T.generatedAt), report.generated_at],
      [vi ? 'Đơn vị hành chính' : 'Boundaries', boundaryText(report, units, vi)],
    ],
    9,
  );
  if (report.inputs.synthetic) {
    L.ensure(40);
    const lines = L.wrap(tx(T.synthetic), L.width - 16, { size: 9, bold: true });
    const h = lines.length * 11 + 10;
    L.rect(MARGIN, L.y - h, L.width, h, [255, 235, 235], [200, 40, 40], 0.8);
    lines.forEach((l, i) => {
      L.textAt(l, MARGIN + 8, L.y - 14 - i * 11, { size: 9, bold: true, color: [170, 20, 20] });
    });
    L.y -= h + 10;
  }
  L.paragraph(tx(T.modelled), { size: 9, bold: true }, 0, 10);
  L.heading(tx(T.sources), 2);
  const src = (label: string, path: string | null) => (path ? [[label, baseName(path)]] : []);
  L.table(
    [
      { header: vi ? 'Dữ liệu' : 'Data', width: 2 },
      { header: vi ? 'Tệp' : 'File', width: 5 },
    ],
    [
      ...src(vi ? 'Ranh giới xã, dân số' : 'Commune boundaries, population', report.inputs.boundaries),
      ...src(vi ? 'Trạm di động' : 'Mobile sites', report.inputs.sites),
      ...src(vi ? 'Điểm dân cư / raster dân số' : 'Population points / raster', report.inputs.population),
      ...src(vi ? 'Điểm phục vụ bưu chính' : 'Postal service points', report.inputs.postal),
      ...src(vi ? 'Tuyến cáp quang' : 'Fiber routes', report.inputs.fiber),
      ...src(vi ? 'Thôn, làng' : 'Villages', report.inputs.villages),
      ...report.inputs.targets.map((t) => [vi ? 'Chỉ tiêu kế hoạch' : 'Plan targets', baseName(t)]),
    ],
    8.5,
  );
  L.heading(vi ? 'Tóm tắt theo tỉnh' : 'Summary by province', 2);
  const key = (u: FullUnit, id: string, d = 2) => {
    const i = ind(id);
    const v = i?.get(u) ?? null;
    return i?.unit === '%' ? pct(v, d) : fmt(v, d);
  };
  const provTargets = (p: FullUnit) =>
    report.targets.filter((t) => t.level === 'province' && t.unit_id === p.id);
  L.table(
    [
      { header: vi ? 'Chỉ số' : 'Figure', width: 4 },
      ...units.provinces.map((p): PdfColumn => ({ header: p.name, width: 2, align: 'right' })),
    ],
    [
      [tx(T.population), ...units.provinces.map((p) => fmt(p.population, 0))],
      [`${vi ? 'Diện tích' : 'Area'} (km²)`, ...units.provinces.map((p) => fmt(p.area_km2, 1))],
      [
        vi ? 'Số xã/phường/thị trấn' : 'Communes',
        ...units.provinces.map((p) => fmt(units.communesOf(p.id).length, 0)),
      ],
      ...(['4G', '5G', 'any'] as const).map((t) => [
        indicatorHeader(ind(`mobile.${t}.population_pct`)!, lang),
        ...units.provinces.map((p) => key(p, `mobile.${t}.population_pct`)),
      ]),
      [
        indicatorHeader(ind('postal.avg_service_radius_km')!, lang),
        ...units.provinces.map((p) => key(p, 'postal.avg_service_radius_km', 2)),
      ],
      [
        indicatorHeader(ind('fiber.population_within_reach_pct')!, lang),
        ...units.provinces.map((p) => key(p, 'fiber.population_within_reach_pct')),
      ],
      [
        indicatorHeader(ind('villages.dead_zone_villages')!, lang),
        ...units.provinces.map((p) => key(p, 'villages.dead_zone_villages', 0)),
      ],
      [
        vi ? 'Chỉ tiêu: đạt / chưa đạt / chưa đánh giá' : 'Targets: met / not met / not evaluable',
        ...units.provinces.map((p) => {
          const ts = provTargets(p);
          const n = (s: string) => ts.filter((t) => t.status === s).length;
          return `${n('met')} / ${n('not_met')} / ${n('not_evaluable')}`;
        }),
      ],
    ],
    8.5,
  );

  // ---- Per province.
  for (const p of units.provinces) {
    const communes = units.communesOf(p.id);
    const districts = units.districtsOf(p.id);
    L.newPage();
    L.heading(`${vi ? 'Tỉnh' : 'Province'} ${p.name}`, 1);
    L.paragraph(
      vi
        ? `Bản đồ: ${lcFirst(mapInd.vi)} theo xã (${communes.length} xã/phường/thị trấn), số liệu tính đến ngày ${asOf}.`
        : `Map: ${lcFirst(mapInd.en)} by commune (${communes.length} communes), figures as of ${asOf}.`,
      { size: 9 },
    );
    const mapH = Math.min(520, L.y - MARGIN - 40);
    const ids = new Set(communes.map((c) => c.id));
    drawChoropleth(
      L,
      { x: MARGIN, y: L.y - mapH, w: L.width, h: mapH },
      communes.flatMap((c) => featureOf(c)),
      mapOptions(true, ids),
    );
    L.y -= mapH + 8;
    L.paragraph(tx(T.modelled), { size: 7.5, color: [90, 90, 90] });

    // Target table.
    L.newPage();
    L.heading(vi ? `Kết quả thực hiện chỉ tiêu — ${p.name}` : `Targets — ${p.name}`, 2);
    const targets = provTargets(p);
    if (targets.length === 0)
      L.paragraph(vi ? 'Không có chỉ tiêu nào cho tỉnh này.' : 'No targets for this province.');
    else
      L.table(
        [
          { header: tx(T.targetId), width: 1.9 },
          { header: tx(T.indicator), width: 3.6 },
          { header: tx(T.year), width: 0.8, align: 'right' },
          { header: tx(T.target), width: 1.3, align: 'right' },
          { header: tx(T.value), width: 1.3, align: 'right' },
          { header: tx(T.status), width: 1.4 },
          { header: tx(T.gapText), width: 5 },
        ],
        targets.map((t) => {
          const d = defs.get(t.target_id);
          const u = d ? (d.unit === '%' ? '%' : ` ${unitText(d.unit, lang)}`) : '';
          return [
            t.target_id,
            d
              ? `${vi ? d.indicator : d.indicator_en}${d.technology ? ` (${d.technology})` : ''}`
              : t.target_id,
            d?.year ? String(d.year) : '—',
            `${t.comparator} ${fmt(t.target_value, t.target_value % 1 ? 2 : 0)}${u}`,
            t.value === null ? '—' : `${fmt(t.value, 2)}${u}`,
            { text: statusText(t.status, lang), fill: STATUS_FILL[t.status]!, bold: true },
            vi ? t.gap_text_vi : t.gap_text_en,
          ];
        }),
        7,
      );
    const cited = targets.map((t) => defs.get(t.target_id)).filter((d) => d !== undefined);
    if (cited.length)
      L.paragraph(
        `${vi ? 'Nguồn chỉ tiêu (văn bản:dòng)' : 'Target sources (document:line)'}: ${[...new Set(cited.map((d) => `${d.id} ${targetSource(d)}`))].join('; ')}`,
        { size: 6.5, color: [90, 90, 90] },
      );

    // Charts.
    L.newPage();
    L.heading(vi ? `Biểu đồ — ${p.name}` : `Charts — ${p.name}`, 2);
    const techs = ['2G', '3G', '4G', '5G', 'any'].filter(
      (t) => t === 'any' || report.technologies.includes(t as never),
    );
    const techLabel = (t: string) => (t === 'any' ? (vi ? 'Mọi công nghệ' : 'Any technology') : t);
    drawBarChart(L, {
      title: vi
        ? 'Tỷ lệ dân số được phủ sóng theo công nghệ và nhà mạng (%)'
        : 'Population coverage by technology and operator (%)',
      categories: techs.map(techLabel),
      series: [
        { name: vi ? 'Mọi nhà mạng' : 'Any operator', color: [60, 60, 60] as RGB, op: 'all' },
        ...report.operators.map((o, k) => ({
          name: o,
          color: OPERATOR_COLORS[k % OPERATOR_COLORS.length]!,
          op: o,
        })),
      ].map((s) => ({
        name: s.name,
        color: s.color,
        values: techs.map(
          (t) => p.coverage.find((c) => c.technology === t && c.operator === s.op)?.population_pct ?? null,
        ),
      })),
      max: 100,
      format: (v) => fmt(v, v % 1 ? 1 : 0),
    });
    const groups = districts.length ? districts : worst(communes, mapInd, 15);
    drawBarChart(L, {
      title: districts.length
        ? vi
          ? 'Tỷ lệ dân số được phủ sóng 4G và 5G theo huyện (%)'
          : '4G and 5G population coverage by district (%)'
        : vi
          ? `15 xã có ${lcFirst(mapInd.vi)} thấp nhất (%)`
          : `The 15 communes with the lowest ${lcFirst(mapInd.en)} (%)`,
      categories: groups.map((g) => g.name),
      series: [
        {
          name: '4G',
          color: [31, 119, 180] as RGB,
          values: groups.map((g) => ind('mobile.4G.population_pct')!.get(g)),
        },
        {
          name: '5G',
          color: [255, 127, 14] as RGB,
          values: groups.map((g) => ind('mobile.5G.population_pct')!.get(g)),
        },
      ],
      max: 100,
      format: (v) => fmt(v, v % 1 ? 1 : 0),
    });
    if (districts.length && p.postal) {
      const r = ind('postal.avg_service_radius_km')!;
      const vals = districts.map((d) => r.get(d));
      drawBarChart(L, {
        title: vi
          ? 'Bán kính phục vụ bình quân của mạng bưu chính theo huyện (km), chỉ tiêu ≤ 3 km'
          : 'Average postal service radius by district (km), target ≤ 3 km',
        categories: districts.map((d) => d.name),
        series: [{ name: 'R̄ = √(S/(π·N))', color: [148, 103, 189], values: vals }],
        max: 4 * Math.ceil(Math.max(4, ...vals.map((v) => v ?? 0)) / 4),
        format: (v) => fmt(v, v % 1 ? 2 : 0),
        reference: { value: 3, label: '3 km' },
      });
    }

    // A page per district, or per group of communes (2025 boundaries).
    const pages: { title: string; members: FullUnit[]; unit: FullUnit | null }[] = districts.length
      ? districts.map((d) => ({ title: d.name, members: units.communesOf(d.id), unit: d }))
      : // No districts (2025): groups of neighbouring communes, in bands from north to south.
        chunk(
          [...communes].sort((a, b) => centreLat(b) - centreLat(a)),
          options.communesPerGroup ?? 22,
        ).map((members, i, all) => ({
          title: `${vi ? 'Nhóm xã' : 'Commune group'} ${i + 1}/${all.length} (${vi ? 'từ bắc xuống nam' : 'north to south'})`,
          members: members.sort((a, b) => a.name.localeCompare(b.name, 'vi')),
          unit: null,
        }));
    for (const pg of pages) {
      L.newPage();
      L.heading(`${pg.title} (${p.name})`, 2, 240);
      const top = L.y;
      const mapW = 250;
      const mapH = 220;
      const memberIds = new Set(pg.members.map((m) => m.id));
      const feats = communes.flatMap((c) =>
        featureOf(c, memberIds.has(c.id)).map((f) => ({ ...f, muted: !memberIds.has(c.id) })),
      );
      const bb = bounds(pg.members.flatMap((c) => featureOf(c)));
      const clipped = feats.filter((f) => intersects(bounds([f]), grow(bb, 0.15)));
      drawChoropleth(L, { x: MARGIN, y: top - mapH, w: mapW, h: mapH }, clipped, {
        ...mapOptions(false, memberIds),
        furniture: false,
      });
      const facts: [string, string][] = pg.unit
        ? [
            [tx(T.population), fmt(pg.unit.population, 0)],
            [`${vi ? 'Diện tích' : 'Area'} (km²)`, fmt(pg.unit.area_km2, 1)],
            [vi ? 'Số xã' : 'Communes', String(pg.members.length)],
            ...(
              [
                'mobile.4G.population_pct',
                'mobile.5G.population_pct',
                'mobile.any.population_pct',
                'postal.avg_service_radius_km',
                'postal.beyond_distance_population_pct',
                'fiber.population_within_reach_pct',
                'villages.dead_zone_villages',
              ] as const
            ).map((id): [string, string] => [
              indicatorHeader(ind(id)!, lang),
              key(pg.unit!, id, ind(id)!.decimals),
            ]),
          ]
        : [
            [
              tx(T.population),
              fmt(
                pg.members.reduce((s, m) => s + m.population, 0),
                0,
              ),
            ],
            [vi ? 'Số xã' : 'Communes', String(pg.members.length)],
          ];
      let fy = top - 4;
      const fx = MARGIN + mapW + 14;
      for (const [label, value] of facts) {
        const lines = L.wrap(label, 160, { size: 8 });
        lines.forEach((l, i) => {
          L.textAt(l, fx, fy - i * 9.5, { size: 8 });
        });
        L.textAt(value, MARGIN + L.width, fy, { size: 8.5, bold: true }, 'right');
        fy -= lines.length * 9.5 + 4;
      }
      L.y = Math.min(top - mapH, fy) - 10;
      L.table(
        [
          { header: tx(T.commune), width: 3.2 },
          { header: tx(T.population), width: 1.5, align: 'right' },
          { header: vi ? '4G (% dân số)' : '4G (% people)', width: 1.3, align: 'right' },
          { header: vi ? '5G (% dân số)' : '5G (% people)', width: 1.3, align: 'right' },
          { header: vi ? 'Có sóng (% dân số)' : 'Any signal (% people)', width: 1.4, align: 'right' },
          { header: vi ? 'R̄ bưu chính (km)' : 'Postal R̄ (km)', width: 1.3, align: 'right' },
          {
            header: vi ? 'Dân số > 3 km đến điểm BC (%)' : 'People > 3 km from a postal point (%)',
            width: 1.6,
            align: 'right',
          },
          {
            header: vi ? 'Trong tầm cáp quang (% dân số)' : 'Within fiber reach (% people)',
            width: 1.6,
            align: 'right',
          },
          { header: vi ? 'Thôn lõm sóng 4G' : 'Dead-zone villages', width: 1.2, align: 'right' },
        ],
        pg.members.map((m) => [
          m.name,
          fmt(m.population, 0),
          fmt(ind('mobile.4G.population_pct')!.get(m)),
          fmt(ind('mobile.5G.population_pct')!.get(m)),
          fmt(ind('mobile.any.population_pct')!.get(m)),
          m.postal?.avg_service_radius_km === null
            ? vi
              ? 'không có điểm'
              : 'no point'
            : fmt(m.postal?.avg_service_radius_km),
          fmt(m.postal?.beyond_distance_population_pct),
          fmt(m.fiber?.population_within_reach_pct),
          fmt(m.villages.dead_zone_villages, 0),
        ]),
        7,
      );
    }

    // Lists: dead-zone villages and communes without a staffed postal point.
    const inProvince = (communeId: string) => units.byId.get(communeId)?.province?.id === p.id;
    const dead = report.dead_zone_villages.filter((d) => inProvince(d.commune_id));
    L.newPage();
    L.heading(
      vi
        ? `Danh sách thôn lõm sóng 4G — ${p.name} (${dead.length} thôn)`
        : `Dead-zone villages (no 4G) — ${p.name} (${dead.length})`,
      2,
    );
    if (dead.length === 0) L.paragraph(vi ? 'Không có thôn lõm sóng.' : 'No dead-zone village.');
    else
      L.table(
        [
          { header: tx(T.village), width: 2.2 },
          { header: tx(T.commune), width: 2.5 },
          ...(districts.length ? [{ header: tx(T.district), width: 2.5 }] : []),
          { header: tx(T.population), width: 1.3, align: 'right' },
          { header: tx(T.gridPower), width: 1.1 },
          { header: tx(T.nearest4g), width: 1.8, align: 'right' },
        ],
        dead.map((d) => [
          d.name ?? d.village_id,
          d.commune_name,
          ...(districts.length ? [units.byId.get(d.commune_id)?.district?.name ?? '—'] : []),
          fmt(d.population, 0),
          d.has_grid_power === null ? tx(T.unknown) : d.has_grid_power ? tx(T.yes) : tx(T.no),
          fmt(d.nearest_4g_site_km, 1),
        ]),
        7,
      );
    const listCommunes = (title: string, list: CoverageReport['communes_without_staffed_postal_point']) => {
      const rows = list.filter((c) => inProvince(c.id));
      L.heading(`${title} (${rows.length})`, 2);
      if (rows.length === 0) {
        L.paragraph(vi ? 'Không có.' : 'None.');
        return;
      }
      L.table(
        [
          { header: tx(T.id), width: 1 },
          { header: tx(T.commune), width: 3 },
          ...(districts.length ? [{ header: tx(T.district), width: 3 }] : []),
          { header: tx(T.population), width: 1.5, align: 'right' },
          { header: vi ? 'Số điểm phục vụ bưu chính' : 'Postal points', width: 1.5, align: 'right' },
        ],
        rows.map((c) => {
          const u = units.byId.get(c.id);
          return [
            c.id,
            c.name,
            ...(districts.length ? [u?.district?.name ?? '—'] : []),
            fmt(u?.unit.population, 0),
            fmt(u?.unit.postal?.points, 0),
          ];
        }),
        7.5,
      );
    };
    listCommunes(
      vi
        ? `Xã chưa có điểm phục vụ bưu chính có người phục vụ — ${p.name}`
        : `Communes without a staffed postal point — ${p.name}`,
      report.communes_without_staffed_postal_point,
    );
    listCommunes(
      vi
        ? `Xã chưa có điểm bưu điện văn hoá xã — ${p.name}`
        : `Communes without a cultural post point — ${p.name}`,
      report.communes_without_cultural_post_point,
    );
  }

  // ---- Comparison with a baseline.
  const cmp = options.comparison;
  if (cmp) {
    L.newPage();
    L.heading(
      vi
        ? `So sánh với kỳ trước (${formatDate(cmp.baseline_generated_at, lang)} → ${formatDate(cmp.current_generated_at, lang)})`
        : `Comparison with the baseline (${formatDate(cmp.baseline_generated_at, lang)} → ${formatDate(cmp.current_generated_at, lang)})`,
      1,
    );
    const headline = new Set([
      'mobile.4G.population_pct',
      'mobile.5G.population_pct',
      'mobile.any.population_pct',
      'postal.avg_service_radius_km',
      'fiber.population_within_reach_pct',
      'villages.dead_zone_villages',
    ]);
    // Provinces first, then districts.
    const rows = cmp.rows
      .filter((r) => r.level !== 'commune' && (r.level === 'province' || headline.has(r.indicator)))
      .sort((a, b) => Number(a.level !== 'province') - Number(b.level !== 'province'));
    const sign = (v: number | null, d: number) => (v === null ? '—' : `${v > 0 ? '+' : ''}${fmt(v, d)}`);
    const dec = (id: string) => ind(id)?.decimals ?? 2;
    L.table(
      [
        { header: tx(T.level), width: 1 },
        { header: tx(T.name), width: 2.5 },
        { header: tx(T.indicator), width: 4.5 },
        { header: tx(T.before), width: 1.4, align: 'right' },
        { header: tx(T.after), width: 1.4, align: 'right' },
        { header: tx(T.difference), width: 1.4, align: 'right' },
      ],
      rows.map((r) => [
        levelText(r.level, lang),
        r.unit_name,
        `${vi ? r.label_vi : r.label_en} (${unitText(r.unit, lang)})`,
        fmt(r.before, dec(r.indicator)),
        fmt(r.after, dec(r.indicator)),
        { text: sign(r.difference, dec(r.indicator)), bold: r.difference !== null && r.difference !== 0 },
      ]),
      7,
    );
    const tch = cmp.targets.filter((t) => t.level === 'province');
    if (tch.length) {
      L.heading(vi ? 'Chỉ tiêu cấp tỉnh: trước và sau' : 'Province targets: before and after', 2);
      L.table(
        [
          { header: tx(T.targetId), width: 1.3 },
          { header: tx(T.province), width: 1.5 },
          { header: `${tx(T.status)} — ${tx(T.before).toLowerCase()}`, width: 1.8 },
          { header: `${tx(T.status)} — ${tx(T.after).toLowerCase()}`, width: 1.8 },
          { header: tx(T.before), width: 1.2, align: 'right' },
          { header: tx(T.after), width: 1.2, align: 'right' },
          { header: tx(T.difference), width: 1.2, align: 'right' },
        ],
        tch.map((t) => [
          t.target_id,
          t.unit_name,
          {
            text: statusText(t.before_status, lang),
            fill: STATUS_FILL[t.before_status ?? ''] ?? [255, 255, 255],
          },
          {
            text: statusText(t.after_status, lang),
            fill: STATUS_FILL[t.after_status ?? ''] ?? [255, 255, 255],
          },
          fmt(t.before_value),
          fmt(t.after_value),
          sign(t.difference, 2),
        ]),
        7,
      );
    }
    const moved = cmp.rows
      .filter((r) => r.level === 'commune' && r.indicator === mapInd.id && r.difference)
      .sort((a, b) => Math.abs(b.difference!) - Math.abs(a.difference!))
      .slice(0, 20);
    L.heading(
      vi ? `Xã thay đổi nhiều nhất: ${lcFirst(mapInd.vi)}` : `Communes that changed most: ${mapInd.en}`,
      2,
    );
    if (moved.length === 0) L.paragraph(vi ? 'Không có xã nào thay đổi.' : 'No commune changed.');
    else
      L.table(
        [
          { header: tx(T.commune), width: 3 },
          { header: tx(T.before), width: 1.3, align: 'right' },
          { header: tx(T.after), width: 1.3, align: 'right' },
          { header: tx(T.difference), width: 1.3, align: 'right' },
        ],
        moved.map((r) => [r.unit_name, fmt(r.before), fmt(r.after), sign(r.difference, 2)]),
        7.5,
      );
    if (cmp.only_in_baseline.length || cmp.only_in_current.length)
      L.paragraph(
        vi
          ? `Đơn vị chỉ có ở kỳ trước: ${cmp.only_in_baseline.length}; chỉ có ở kỳ này: ${cmp.only_in_current.length} (không so sánh được, ví dụ do thay đổi địa giới).`
          : `Units only in the baseline: ${cmp.only_in_baseline.length}; only in the current report: ${cmp.only_in_current.length} (not compared, e.g. after a boundary change).`,
        { size: 8 },
      );
  }

  // ---- Ranking.
  if (options.ranking) {
    const rInd = ind(options.ranking.indicator);
    const rows = options.ranking.rows;
    const hasDistricts = report.units.some((u) => u.level === 'district');
    L.newPage();
    L.heading(
      vi
        ? `Xếp hạng xã theo ${rInd ? lcFirst(indicatorHeader(rInd, 'vi')) : options.ranking.indicator}`
        : `Commune ranking by ${rInd ? indicatorHeader(rInd, 'en') : options.ranking.indicator}`,
      1,
    );
    const shown = rows.length > 40 ? [...rows.slice(0, 20), ...rows.slice(-20)] : rows;
    if (rows.length > 40)
      L.paragraph(
        vi
          ? '20 xã đứng đầu và 20 xã cuối bảng; danh sách đầy đủ trong tệp Excel.'
          : 'The top 20 and bottom 20; the full list is in the workbook.',
        { size: 8 },
      );
    L.table(
      [
        { header: tx(T.rank), width: 0.8, align: 'right' },
        { header: tx(T.commune), width: 3 },
        ...(hasDistricts ? [{ header: tx(T.district), width: 3 }] : []),
        { header: tx(T.province), width: 1.8 },
        { header: vi ? 'Giá trị' : 'Value', width: 1.4, align: 'right' },
      ],
      shown.map((r) => [
        r.rank === null ? '—' : String(r.rank),
        r.name,
        ...(hasDistricts ? [r.district ?? '—'] : []),
        r.province ?? '—',
        fmt(r.value, rInd?.decimals ?? 2),
      ]),
      7.5,
    );
  }

  // ---- Method and sources.
  L.newPage();
  L.heading(vi ? 'Phương pháp và nguồn số liệu' : 'Method and sources', 1);
  const m = report.method;
  const radii = Object.entries(m.footprint_radii_m)
    .map(
      ([t, r]) =>
        `${t}: ${fmt(r.rural, 0)} m (${vi ? 'nông thôn' : 'rural'}), ${fmt(r.urban, 0)} m (${vi ? 'đô thị' : 'urban'})`,
    )
    .join('; ');
  const methodRows: [string, string][] = [
    [vi ? 'Vùng phủ' : 'Coverage', `${m.coverage}. ${tx(T.modelled)}`],
    [
      vi ? 'Bán kính phủ sóng mặc định' : 'Default footprint radii',
      `${radii}. ${vi ? 'Đây là giá trị mặc định (GSMA/Collins cho nông thôn), không phải số đo.' : 'Defaults (GSMA/Collins for rural areas), not measurements.'}`,
    ],
    [vi ? 'Thứ tự ưu tiên vùng phủ' : 'Footprint precedence', m.footprint_precedence],
    [vi ? 'Diện tích' : 'Area', m.area],
    [vi ? 'Dân số' : 'Population', m.population_surface],
    [
      vi ? 'Quy tắc đếm điểm bưu chính' : 'Postal counting rule',
      `${m.postal_counting_rule.join(', ')}. ${m.postal_radius_formula}`,
    ],
    [
      vi ? 'Khoảng cách bưu chính' : 'Postal distance view',
      `${fmt(m.postal_distance_km, 0)} km ${vi ? '(đường chim bay đến điểm có người phục vụ gần nhất)' : '(straight line to the nearest staffed point)'}`,
    ],
    [vi ? 'Tầm cáp quang' : 'Fiber reach', `${fmt(m.fiber_reach_m, 0)} m`],
    [vi ? 'Thôn' : 'Villages', m.villages],
    [
      vi ? 'Dữ liệu mẫu tổng hợp' : 'Synthetic sample',
      report.inputs.synthetic ? tx(T.synthetic) : vi ? 'Không' : 'No',
    ],
  ];
  L.table(
    [
      { header: tx(T.item), width: 1.6 },
      { header: vi ? 'Nội dung' : 'Detail', width: 6 },
    ],
    methodRows,
    8,
  );
  L.paragraph(
    vi
      ? 'Báo cáo được tạo bằng Vùng Phủ; các con số trùng với report.json của cùng lần phân tích. Chỉ tiêu được ghi kèm năm và nguồn (văn bản:dòng) như trong kế hoạch của tỉnh.'
      : 'Made with Vùng Phủ; every figure equals report.json of the same analysis. Targets carry their year and source (document:line) as the provincial plans state them.',
    { size: 8, color: [90, 90, 90] },
  );

  L.footers(
    `Vùng Phủ — ${tx(T.title)} — ${provinceNames} — ${tx(T.asOf).toLowerCase()} ${asOf}`,
    tx(T.page),
    report.inputs.synthetic ? tx(T.synthetic) : null,
  );
  return doc.save();
}

/** Lower-cases the first letter (for a label inside a sentence), keeping "4G", "R̄"… as they are. */
function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function boundaryText(report: CoverageReport, units: ReturnType<typeof reportUnits>, vi: boolean): string {
  const d = report.units.filter((u) => u.level === 'district').length;
  const c = units.communes.length;
  return d
    ? vi
      ? `Trước 01/7/2025: ${d} huyện, ${c} xã/phường/thị trấn`
      : `Before 1 July 2025: ${d} districts, ${c} communes`
    : vi
      ? `Từ 01/7/2025 (chính quyền hai cấp, không có huyện): ${c} xã/phường`
      : `From 1 July 2025 (two-level government, no districts): ${c} communes`;
}

function worst(list: readonly FullUnit[], ind: ReportIndicator, n: number): FullUnit[] {
  return [...list]
    .filter((u) => ind.get(u) !== null)
    .sort((a, b) => (ind.get(a) ?? 0) - (ind.get(b) ?? 0))
    .slice(0, n);
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

type Box = [number, number, number, number];
function bounds(features: readonly MapFeature[]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const poly of f.geometry.coordinates)
      for (const p of poly[0] ?? []) {
        b[0] = Math.min(b[0], p[0]!);
        b[1] = Math.min(b[1], p[1]!);
        b[2] = Math.max(b[2], p[0]!);
        b[3] = Math.max(b[3], p[1]!);
      }
  return b;
}
const grow = (b: Box, f: number): Box => {
  const dx = (b[2] - b[0]) * f;
  const dy = (b[3] - b[1]) * f;
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
};
const intersects = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
