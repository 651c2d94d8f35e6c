/**
 * The tables of a province in the PDF report: its targets (value, status, gap, the plan's source), the
 * dead-zone villages, and the communes without a staffed postal point or a cultural post point.
 */
import type { CoverageReport } from '../../../core/report/report.ts';
import type { FullUnit } from '../../../core/run_analysis.ts';
import type { Target } from '../../../core/targets/targets.ts';
import { type ReportLang, statusText, T, unitText } from '../report_labels.ts';
import { targetSource, targetTechnology } from '../report_tables.ts';
import { type PdfReport, STATUS_FILL } from './pdf_report_context.ts';

/** The target table of a province, on a page of its own. */
export function drawProvinceTargets(c: PdfReport, p: FullUnit): void {
  const { L, lang, vi, tx, fmt, defs, provTargets } = c;
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
            ? `${vi ? d.indicator : d.indicator_en}${d.technology ? ` (${targetTechnology(d, lang)})` : ''}`
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
    L.paragraph(`${vi ? 'Nguồn chỉ tiêu' : 'Target sources'}: ${sourcesByDocument(cited, lang)}`, {
      size: 6.5,
      color: [90, 90, 90],
    });
}

/** Lists: dead-zone villages and communes without a staffed postal point (or a cultural post point). */
export function drawProvinceLists(c: PdfReport, p: FullUnit): void {
  const { report, L, vi, tx, fmt, units } = c;
  const districts = units.districtsOf(p.id);
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

/**
 * The targets' sources, one per plan: "Kế hoạch … (GL-M1, dòng 97; GL-M2, dòng 128)". The plan's title,
 * not the seed file's name (targetSource gives the file only when the document names no title).
 */
function sourcesByDocument(cited: readonly Target[], lang: ReportLang): string {
  const byDoc = new Map<string, string[]>();
  for (const d of cited) {
    const whole = targetSource(d, lang);
    const cut = whole.lastIndexOf(', ');
    const [doc, where] = cut > 0 ? [whole.slice(0, cut), whole.slice(cut + 2)] : [whole, ''];
    const list = byDoc.get(doc) ?? [];
    const item = where ? `${d.id}, ${where}` : d.id;
    if (!list.includes(item)) list.push(item);
    byDoc.set(doc, list);
  }
  return [...byDoc].map(([doc, items]) => `${doc} (${items.join('; ')})`).join(' · ');
}
