/**
 * The map pages of the PDF report: the province's choropleth of every commune (with the gap outlines of
 * the map's technology), and a page per district, or per group of neighbouring communes for 2025
 * boundaries, with a small map of its communes, its key figures and a table of its communes.
 */
import type { FullUnit } from '../../../core/run_analysis.ts';
import { indicatorHeader, T } from '../report_labels.ts';
import { MARGIN } from './pdf_layout.ts';
import { drawChoropleth, type MapFeature } from './pdf_map.ts';
import { lcFirst, type PdfReport } from './pdf_report_context.ts';

/** A page with the province's choropleth. */
export function drawProvinceMap(c: PdfReport, p: FullUnit): void {
  const { L, vi, tx, units, mapInd, asOf, featureOf, mapOptions } = c;
  const communes = units.communesOf(p.id);
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
}

/** A page per district, or per group of communes (2025 boundaries). */
export function drawUnitPages(c: PdfReport, p: FullUnit): void {
  const { L, lang, vi, tx, fmt, units, ind, options, featureOf, mapOptions, key } = c;
  const communes = units.communesOf(p.id);
  const districts = units.districtsOf(p.id);
  const centreLat = (u: FullUnit) => {
    const b = bounds(featureOf(u));
    return Number.isFinite(b[1]) ? (b[1] + b[3]) / 2 : 0;
  };
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
