import { groupDigits } from '../../core/base/group_digits.ts';
import type { IndicatorUnit, ReportIndicator } from '../../core/report/report_indicators.ts';
import type { TargetStatus } from '../../core/targets/evaluate_targets.ts';

/** The languages of the report exports: Vietnamese (default) and English. */
export type ReportLang = 'vi' | 'en';

const UNIT_TEXT: Record<IndicatorUnit, Record<ReportLang, string>> = {
  '%': { vi: '%', en: '%' },
  km: { vi: 'km', en: 'km' },
  'km²': { vi: 'km²', en: 'km²' },
  m: { vi: 'm', en: 'm' },
  people: { vi: 'người', en: 'people' },
  count: { vi: 'số lượng', en: 'count' },
  'people/point': { vi: 'người/điểm', en: 'people/point' },
  'Mb/s': { vi: 'Mb/s', en: 'Mb/s' },
  ms: { vi: 'ms', en: 'ms' },
};

/** An indicator's header with its unit, e.g. "Dân số được phủ sóng 4G (%)". */
export function indicatorHeader(ind: Pick<ReportIndicator, 'vi' | 'en' | 'unit'>, lang: ReportLang): string {
  return `${ind[lang]} (${UNIT_TEXT[ind.unit][lang]})`;
}

/** A unit's word in the language. */
export function unitText(unit: string, lang: ReportLang): string {
  return (UNIT_TEXT as Record<string, Record<ReportLang, string>>)[unit]?.[lang] ?? unit;
}

const STATUS: Record<TargetStatus, Record<ReportLang, string>> = {
  met: { vi: 'Đạt', en: 'Met' },
  not_met: { vi: 'Chưa đạt', en: 'Not met' },
  not_evaluable: { vi: 'Chưa đánh giá được', en: 'Not evaluable' },
};

/** "Đạt" / "Chưa đạt" / "Chưa đánh giá được" (or English). */
export function statusText(s: TargetStatus | null, lang: ReportLang): string {
  return s ? STATUS[s][lang] : '—';
}

const LEVEL: Record<string, Record<ReportLang, string>> = {
  commune: { vi: 'Xã', en: 'Commune' },
  district: { vi: 'Huyện', en: 'District' },
  province: { vi: 'Tỉnh', en: 'Province' },
};

/** "Xã" / "Huyện" / "Tỉnh" (or English). */
export function levelText(level: string, lang: ReportLang): string {
  return LEVEL[level]?.[lang] ?? level;
}

/**
 * A number for reading: Vietnamese uses a decimal comma and dot thousands (1.513.847; 93,70), English
 * the opposite. `null` prints as an em dash.
 */
export function formatNumber(v: number | null | undefined, decimals: number, lang: ReportLang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const fixed = Math.abs(v).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const grouped = groupDigits(int, lang === 'vi' ? '.' : ',');
  const sign = v < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${frac ? (lang === 'vi' ? ',' : '.') + frac : ''}`;
}

/** A date as dd/mm/yyyy (vi) or yyyy-mm-dd (en), from an ISO date or timestamp (UTC calendar day). */
export function formatDate(iso: string, lang: ReportLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return lang === 'vi' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** Fixed texts of the report exports, in both languages. */
export const T = {
  title: { vi: 'Báo cáo hạ tầng viễn thông và bưu chính', en: 'Telecom and postal infrastructure report' },
  subtitle: {
    vi: 'Vùng Phủ — phủ sóng di động, bưu chính, cáp quang theo xã',
    en: 'Vùng Phủ — mobile coverage, postal network and fiber per commune',
  },
  reportDate: { vi: 'Ngày lập báo cáo', en: 'Reporting date' },
  asOf: { vi: 'Số liệu tính đến ngày', en: 'Figures as of' },
  generatedAt: { vi: 'Thời điểm phân tích', en: 'Analysis run at' },
  sources: { vi: 'Nguồn dữ liệu', en: 'Data sources' },
  synthetic: {
    vi: 'DỮ LIỆU MẪU TỔNG HỢP: trạm, điểm bưu chính, cáp quang và thôn là dữ liệu giả lập, không phải hạ tầng thật.',
    en: 'SYNTHETIC SAMPLE: the sites, postal points, fiber and villages are made up, not real infrastructure.',
  },
  modelled: {
    vi: 'Vùng phủ được MÔ HÌNH HOÁ từ bán kính phủ sóng của trạm, không phải số đo thực tế.',
    en: 'Coverage is MODELLED from site footprints, not measured.',
  },
  province: { vi: 'Tỉnh', en: 'Province' },
  district: { vi: 'Huyện', en: 'District' },
  commune: { vi: 'Xã', en: 'Commune' },
  level: { vi: 'Cấp', en: 'Level' },
  id: { vi: 'Mã', en: 'Id' },
  name: { vi: 'Tên', en: 'Name' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  targetId: { vi: 'Mã chỉ tiêu', en: 'Target id' },
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  technology: { vi: 'Công nghệ', en: 'Technology' },
  year: { vi: 'Năm', en: 'Year' },
  comparator: { vi: 'So sánh', en: 'Comparator' },
  targetValue: { vi: 'Giá trị chỉ tiêu', en: 'Target value' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  value: { vi: 'Giá trị hiện tại', en: 'Current value' },
  status: { vi: 'Kết quả', en: 'Status' },
  gap: { vi: 'Khoảng cách đến chỉ tiêu', en: 'Gap to target' },
  gapCount: { vi: 'Số lượng còn thiếu', en: 'Count still missing' },
  gapText: { vi: 'Diễn giải', en: 'Explanation' },
  source: { vi: 'Nguồn (văn bản, dòng)', en: 'Source (document, line)' },
  village: { vi: 'Thôn', en: 'Village' },
  villageId: { vi: 'Mã thôn', en: 'Village id' },
  population: { vi: 'Dân số (người)', en: 'Population (people)' },
  gridPower: { vi: 'Có điện lưới', en: 'Grid power' },
  nearest4g: { vi: 'Khoảng cách đến trạm 4G gần nhất (km)', en: 'Distance to nearest 4G site (km)' },
  nearest4gSite: { vi: 'Mã trạm 4G gần nhất', en: 'Nearest 4G site' },
  nearest4gBearing: {
    vi: 'Hướng từ trạm 4G gần nhất đến thôn (độ, từ hướng Bắc theo chiều kim đồng hồ)',
    en: 'Bearing from the nearest 4G site to the village (degrees clockwise from north)',
  },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
  before: { vi: 'Trước', en: 'Before' },
  after: { vi: 'Sau', en: 'After' },
  difference: { vi: 'Chênh lệch', en: 'Difference' },
  rank: { vi: 'Hạng', en: 'Rank' },
  item: { vi: 'Mục', en: 'Item' },
  page: { vi: 'Trang', en: 'Page' },
  sheets: {
    summary: { vi: 'Tổng hợp chỉ tiêu', en: 'Province targets' },
    districts: { vi: 'Huyện', en: 'Districts' },
    communes: { vi: 'Xã', en: 'Communes' },
    deadZones: { vi: 'Thôn lõm sóng', en: 'Dead-zone villages' },
    noStaffed: { vi: 'Xã chưa có điểm BC', en: 'No staffed postal point' },
    noCultural: { vi: 'Xã chưa có BĐVHX', en: 'No cultural post point' },
    postal: { vi: 'Bưu chính', en: 'Postal' },
    fiber: { vi: 'Cáp quang', en: 'Fiber' },
    measured: { vi: 'Đo thực tế', en: 'Measured' },
    calibration: { vi: 'Hiệu chỉnh theo đo', en: 'Calibration' },
    comparison: { vi: 'So sánh kỳ trước', en: 'Comparison' },
    targetChanges: { vi: 'So sánh chỉ tiêu', en: 'Target changes' },
    ranking: { vi: 'Xếp hạng xã', en: 'Commune ranking' },
    method: { vi: 'Phương pháp và nguồn', en: 'Method and sources' },
  },
} as const satisfies Record<string, unknown>;
