/**
 * Input problems in the user's language. The io parsers (shared with the CLI) word their messages in
 * English; the known ones are translated to Vietnamese here, anything else is shown as it is.
 */
import type { InputIssue } from '../core/errors.ts';
import { fmt } from './format.ts';
import { currentLang, t } from './i18n.ts';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const VI: Rule[] = [
  [/^missing id$/, () => 'thiếu mã (id)'],
  [/^duplicate id "(.*)"$/, (m) => `mã "${m[1]}" bị trùng`],
  [/^missing name$/, () => 'thiếu tên'],
  [/^missing operator$/, () => 'thiếu nhà mạng (operator)'],
  [/^missing technology$/, () => 'thiếu công nghệ (technology)'],
  [/^missing geometry$/, () => 'thiếu hình học (geometry)'],
  [/^empty geometry$/, () => 'hình học rỗng'],
  [/^empty polygon$/, () => 'đa giác rỗng'],
  [/^a ring needs at least 4 positions$/, () => 'một vòng cần ít nhất 4 điểm'],
  [/^a position must be \[lon, lat\]$/, () => 'toạ độ phải có dạng [kinh độ, vĩ độ]'],
  [/^coordinates must be numbers$/, () => 'toạ độ phải là số'],
  [
    /^coordinates \((.*), (.*)\) are outside the lon\/lat range.*$/,
    (m) =>
      `toạ độ (${m[1]}, ${m[2]}) nằm ngoài phạm vi kinh/vĩ độ; toạ độ phẳng (VN-2000, mét) không phải độ`,
  ],
  [
    /^unknown technology "(.*)" .*$/,
    (m) => `công nghệ không hợp lệ "${m[1]}" (dùng 2G, 3G, 4G/LTE hoặc 5G/NR)`,
  ],
  [
    /^must be a number between (.*) and (.*) \(got (.*)\)$/,
    (m) => `phải là số từ ${m[1]} đến ${m[2]} (nhận được ${m[3]})`,
  ],
  [
    /^a sector needs both azimuth_deg and beamwidth_deg$/,
    () => 'hướng phát (sector) cần cả azimuth_deg và beamwidth_deg',
  ],
  [/^population must be a number ≥ 0 \(got (.*)\)$/, (m) => `dân số phải là số ≥ 0 (nhận được ${m[1]})`],
  [/^geometry must be (.*), not (.*)$/, (m) => `hình học phải là ${m[1]}, không phải ${m[2]}`],
  [
    /^unknown type "(.*)" .*$/,
    (m) => `loại điểm không hợp lệ "${m[1]}" (dùng bưu cục, điểm BĐVHX, đại lý, ki ốt)`,
  ],
  [/^must be true\/false.*\(got (.*)\)$/, (m) => `phải là có/không (true/false) (nhận được ${m[1]})`],
  [
    /^medium must be fiber or copper \(got "(.*)"\)$/,
    (m) => `loại cáp phải là fiber hoặc copper (nhận được "${m[1]}")`,
  ],
  [/^year must be a 4-digit year \(got (.*)\)$/, (m) => `năm phải có 4 chữ số (nhận được ${m[1]})`],
  [/^must be a WKT LINESTRING.*$/, () => 'phải là WKT LINESTRING hoặc MULTILINESTRING có ít nhất 2 điểm'],
  [
    /^has_grid_power should be true or false \(got (.*)\); treated as unknown$/,
    (m) => `has_grid_power phải là có/không (nhận được ${m[1]}); coi như chưa biết`,
  ],
  [/^(.*): not valid JSON \((.*)\)\.?$/, (m) => `${m[1]}: không phải JSON hợp lệ (${m[2]})`],
  [
    /^(.*): expected a GeoJSON FeatureCollection.*$/,
    (m) => `${m[1]}: cần một GeoJSON FeatureCollection có mảng "features"`,
  ],
  [/^(.*): missing column\(s\) ([^;]*);.*$/, (m) => `${m[1]}: thiếu cột ${m[2]}`],
  [/^(.*): missing column (\S+).*$/, (m) => `${m[1]}: thiếu cột ${m[2]}`],
  [/^(.*): the file is empty.*$/, (m) => `${m[1]}: tệp rỗng; cần một dòng tiêu đề`],
  [
    /^(.*): row (\d+): a quoted field is never closed\.?$/,
    (m) => `${m[1]}: dòng ${m[2]}: dấu ngoặc kép không được đóng`,
  ],
  [
    /^(.*): no valid record \((\d+) read\)\.?$/,
    (m) => `${m[1]}: không có bản ghi hợp lệ nào (đã đọc ${m[2]})`,
  ],
  [
    /^(.*): no valid commune boundaries \((\d+) problem\(s\)\)\.?$/,
    (m) => `${m[1]}: không có ranh giới xã hợp lệ (${m[2]} vấn đề)`,
  ],
  [
    /^(.*): could not tell what the file holds.*$/,
    (m) => `${m[1]}: không nhận ra loại dữ liệu của tệp; hãy chọn loại rồi nhập lại`,
  ],
  [
    /^(.*): the file is (.*), over the (.*) import limit\..*$/,
    (m) =>
      `${m[1]}: tệp nặng ${m[2]}, vượt giới hạn nhập ${m[3]}. Hãy chia nhỏ (ví dụ theo huyện) hoặc đơn giản hoá hình học rồi nhập từng phần`,
  ],
  [
    /^(\d+) of (\d+) (?:rows|features) had latitude and longitude swapped.*$/,
    (m) =>
      `${m[1]}/${m[2]} bản ghi có vĩ độ và kinh độ bị đảo (chỉ nằm trong ranh giới khi đảo lại); đã đảo lại. Hãy kiểm tra thứ tự cột trong tệp gốc`,
  ],
  [/^(.*): could not find (.*)\.$/, (m) => `${m[1]}: không tìm thấy ${m[2]}`],
  [
    /^(.*): boundaries must be GeoJSON.*$/,
    (m) => `${m[1]}: ranh giới phải là GeoJSON (Polygon/MultiPolygon)`,
  ],
];

/** A message from the parsers in the current language. */
export function messageText(message: string): string {
  if (currentLang() === 'en') return message;
  for (const [re, to] of VI) {
    const m = re.exec(message);
    if (m) return to(m);
  }
  return message;
}

/** Where a problem is: "Dòng 13, trường "lon"" / "Feature 12, field "lon"" (features counted from 1). */
function issueWhere(issue: InputIssue): string {
  const parts: string[] = [];
  const feature = /^features\[(\d+)\]/.exec(issue.path);
  if (issue.row !== undefined) parts.push(t('issue.row', { n: fmt.int(issue.row) }));
  else if (feature) parts.push(t('issue.feature', { n: fmt.int(Number(feature[1]) + 1) }));
  else if (issue.path) parts.push(issue.path);
  if (issue.field) parts.push(t('issue.field', { field: issue.field }));
  return parts.join(', ');
}

/** One problem as a line: where, then what. */
export function issueText(issue: InputIssue): string {
  const where = issueWhere(issue);
  return `${where}${where ? ': ' : ''}${messageText(issue.message)}`;
}
