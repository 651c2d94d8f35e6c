/**
 * The method of report.json (`report.method`, written in English for the file) in the reader's
 * language, for the Vietnamese PDF and workbook (issue 15: no English in Vietnamese outputs). English
 * gives report.json's own words; a text this table does not know is given as it is.
 */
import type { CoverageReport } from '../../core/report/report.ts';
import type { ReportLang } from './report_labels.ts';

type Method = CoverageReport['method'];

/** report.json's English method texts → Vietnamese (the same facts, in the plans' words). */
const VI: Record<string, string> = {
  'union of site footprints ∩ unit; scanline integration in a local area-true plane (exact chords per row, midpoint rule across rows)':
    'hợp các vùng phủ của trạm giao với đơn vị hành chính; tích phân theo dải quét trên mặt phẳng địa phương bảo toàn diện tích (dây cung chính xác trên mỗi dải, quy tắc điểm giữa giữa các dải)',
  'area on the WGS84 ellipsoid (cylindrical equal-area projection of the ellipsoid), km²':
    'diện tích trên ellipsoid WGS84 (phép chiếu trụ đồng diện tích của ellipsoid), km²',
  'uniform: each commune’s census population spread evenly over its area (population % equals area %)':
    'đều: dân số tổng điều tra của mỗi xã trải đều trên diện tích xã (% dân số bằng % diện tích)',
  'points: share of village/raster population points covered, scaled to the commune’s census total; communes without points use the uniform spread':
    'theo điểm: tỷ lệ điểm dân cư (thôn hoặc lưới dân số) được phủ sóng, quy về tổng dân số tổng điều tra của xã; xã không có điểm thì trải đều',
  'one footprint per cell: operator predicted polygon > sector (azimuth_deg + beamwidth_deg) > cell or site radius_m > default radius by technology and commune setting':
    'mỗi ô phát sóng một vùng phủ, theo thứ tự ưu tiên: đa giác dự báo của nhà mạng > hình quạt (góc phương vị và độ rộng búp sóng) > bán kính riêng của ô hoặc trạm > bán kính mặc định theo công nghệ và loại địa bàn của xã',
  'one footprint per cell: operator predicted polygon > terrain footprint over the DEM (site on the DEM) > sector (azimuth_deg + beamwidth_deg) > cell or site radius_m > default radius by technology and commune setting':
    'mỗi ô phát sóng một vùng phủ, theo thứ tự ưu tiên: đa giác dự báo của nhà mạng > vùng phủ theo địa hình trên DEM (trạm nằm trong DEM) > hình quạt (góc phương vị và độ rộng búp sóng) > bán kính riêng của ô hoặc trạm > bán kính mặc định theo công nghệ và loại địa bàn của xã',
  'R̄ = √(S / (π·N)), S = unit area (km²), N = counted points; points needed = ⌈S/(π·3²)⌉ − N':
    'R̄ = √(S / (π·N)), S = diện tích đơn vị (km²), N = số điểm được tính; số điểm cần thêm = ⌈S/(π·3²)⌉ − N',
  'a village is covered by a technology when it lies inside a footprint of that technology from any operator; dead-zone villages have no 4G':
    'thôn có sóng một công nghệ khi nằm trong vùng phủ của công nghệ đó của bất kỳ nhà mạng nào; thôn vùng lõm là thôn không có sóng 4G',
  'Coverage is MODELLED from footprints, not measured.':
    'Vùng phủ được MÔ HÌNH HOÁ từ vùng phủ của trạm, không phải số đo.',
  'MEASURED (đo thực tế), not modelled. Agreement with the model: a test with download below 10 % of its technology’s threshold (0 Mb/s for 2G/3G) inside a footprint of its technology and operator, or at or above the threshold outside every such footprint, disagrees; agreement % = agreeing tests ÷ tests. Each speed test (an Ookla tile: its centre) is placed in the commune it falls in and counted once at every level above; means and medians are over tests (a tile’s means weighted by its test count, its median as if each of its tests had the tile’s mean); the share of tests at or above a threshold counts a tile whole by its mean; technology “any” and operator “all” include the tests that name none':
    'ĐO THỰC TẾ, không phải mô hình. Độ khớp với mô hình: một lần đo có tốc độ tải xuống dưới 10 % ngưỡng của công nghệ (0 Mb/s với 2G/3G) mà nằm trong vùng phủ của công nghệ và nhà mạng đó, hoặc đạt ngưỡng mà nằm ngoài mọi vùng phủ như vậy, là không khớp; % khớp = số lần đo khớp ÷ số lần đo. Mỗi lần đo (ô Ookla: tâm ô) được gán cho xã chứa nó và tính một lần ở mỗi cấp trên; trung bình và trung vị tính trên các lần đo (trung bình của ô có trọng số là số lần đo, trung vị coi mỗi lần đo của ô bằng trung bình của ô); tỷ lệ lần đo đạt ngưỡng tính cả ô theo trung bình của ô; công nghệ "mọi công nghệ" và nhà mạng "mọi nhà mạng" gồm cả các lần đo không ghi công nghệ hay nhà mạng',
};

/** A method text of report.json in the reader's language. */
export function methodText(text: string, lang: ReportLang): string {
  return lang === 'vi' ? (VI[text] ?? text) : text;
}

const POSTAL_TYPE: Record<string, Record<ReportLang, string>> = {
  post_office: { vi: 'bưu cục', en: 'post office' },
  post_office_1: { vi: 'bưu cục cấp I', en: 'post office tier I' },
  post_office_2: { vi: 'bưu cục cấp II', en: 'post office tier II' },
  post_office_3: { vi: 'bưu cục cấp III', en: 'post office tier III' },
  cultural_post_point: { vi: 'điểm bưu điện văn hoá xã', en: 'cultural post point' },
  agent: { vi: 'đại lý', en: 'agent' },
  kiosk: { vi: 'ki ốt', en: 'kiosk' },
};

/** The postal counting rule (the point types counted in N) in the reader's words. */
export function postalRuleText(rule: readonly string[], lang: ReportLang): string {
  return rule.map((r) => POSTAL_TYPE[r]?.[lang] ?? r).join(', ');
}

const POPULATION_METHOD: Record<string, Record<ReportLang, string>> = {
  uniform: { vi: 'trải đều', en: 'uniform' },
  points: { vi: 'theo điểm dân cư', en: 'points' },
};

/** "trải đều: 293 xã" — how many communes got each population method. */
export function populationMethodsText(
  byCommune: Method['population_method_by_commune'],
  lang: ReportLang,
): string {
  const counts = new Map<string, number>();
  for (const v of Object.values(byCommune)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(
      ([k, n]) =>
        `${POPULATION_METHOD[k]?.[lang] ?? k}: ${n} ${lang === 'vi' ? 'xã' : n === 1 ? 'commune' : 'communes'}`,
    )
    .join(', ');
}

/** "Có" / "Không" (or "Yes" / "No"): a yes-or-no cell in words, not the spreadsheet's TRUE/FALSE. */
export function yesNo(v: boolean, lang: ReportLang): string {
  return lang === 'vi' ? (v ? 'Có' : 'Không') : v ? 'Yes' : 'No';
}
