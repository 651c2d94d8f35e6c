/**
 * Input problems in the user's language. The io parsers (shared with the CLI) word their messages in
 * English; the known ones are translated to Vietnamese here, anything else is shown as it is.
 */
import type { InputIssue } from '../../core/base/errors.ts';
import { fmt } from './format.ts';
import { currentLang, t } from './i18n.ts';

type Rule = [RegExp, (m: RegExpExecArray) => string];

/** The hint of an out-of-range position (coordinateProblem), in Vietnamese. */
function rangeHint(hint: string): string {
  const lat = /^latitude (.*) is not within −90…90$/.exec(hint);
  if (lat) return `vĩ độ ${lat[1]} không nằm trong −90…90`;
  const lon = /^longitude (.*) is not within −180…180$/.exec(hint);
  if (lon) return `kinh độ ${lon[1]} không nằm trong −180…180`;
  if (hint.startsWith('latitude and longitude look swapped')) return 'có vẻ kinh độ và vĩ độ bị đổi chỗ';
  if (hint.startsWith('projected metres')) return 'toạ độ phẳng (VN-2000, mét) không phải độ';
  return hint;
}

/** A feature's label in a repair message ("feature 3 ("Xã A")"): its name, when it has one. */
const named = (name: string | undefined) => (name ? `"${name}": ` : '');

/**
 * The importer's messages about formats, archives, coordinate systems and repairs (the readers of
 * XLSX, KML/KMZ, zipped shapefiles and GeoTIFF, and the coordinate conversion).
 */
const FORMAT_RULES: Rule[] = [
  [
    /^(.*): Excel 97–2003 \(\.xls\) files are not read.*$/,
    (m) => `${m[1]}: không đọc tệp Excel 97–2003 (.xls); hãy lưu trang tính thành .xlsx hoặc "CSV UTF-8"`,
  ],
  [
    /^(.*): import a shapefile as one \.zip.*$/,
    (m) => `${m[1]}: hãy nhập shapefile thành một tệp .zip chứa .shp, .shx, .dbf và .prj`,
  ],
  [
    /^(.*): unknown file type "(.*)";.*$/,
    (m) =>
      `${m[1]}: không nhận ra loại tệp "${m[2]}"; hãy dùng GeoJSON, CSV, XLSX, KML/KMZ, shapefile nén .zip, (dân số) GeoTIFF hoặc (khu dân cư) GeoPackage`,
  ],
  [
    /^(.*): (\S+) need polygons;.*$/,
    (m) =>
      m[2] === 'settlements'
        ? `${m[1]}: khu dân cư cần đa giác; hãy nhập GeoJSON, KML/KMZ, shapefile nén .zip (kèm .prj) hoặc GeoPackage`
        : `${m[1]}: ranh giới cần đa giác; hãy nhập GeoJSON, KML/KMZ hoặc shapefile nén .zip (kèm .prj)`,
  ],
  [
    /^(.*): a GeoTIFF raster can only be imported as population\.$/,
    (m) => `${m[1]}: ảnh GeoTIFF chỉ nhập được làm dữ liệu dân số`,
  ],
  // GeoPackage (settlements).
  [
    /^the GeoPackage has (\d+) layers \((.*)\); read "(.*)"(, the first polygon layer; name another with the layer option)?$/,
    (m) =>
      `GeoPackage có ${m[1]} lớp (${m[2]}); đã đọc lớp "${m[3]}"${m[4] ? ', lớp đa giác đầu tiên; muốn lớp khác thì chọn tên lớp' : ''}`,
  ],
  [/^the geometry could not be decoded \((.*)\)$/, (m) => `không giải mã được hình học (${m[1]})`],
  [
    /^(.*): no layer "(.*)" in the GeoPackage; its layers are (.*)\.$/,
    (m) => `${m[1]}: GeoPackage không có lớp "${m[2]}"; các lớp của tệp: ${m[3]}`,
  ],
  [
    /^(.*): (\S+) need polygons, and the GeoPackage has no polygon layer \((.*)\)\.$/,
    (m) => `${m[1]}: khu dân cư cần đa giác, mà GeoPackage không có lớp đa giác nào (${m[3]})`,
  ],
  [/^(.*): the GeoPackage has no feature layer\.$/, (m) => `${m[1]}: GeoPackage không có lớp đối tượng nào`],
  [
    /^(.*): not a GeoPackage \(the file does not start as an SQLite database does\)\.$/,
    (m) => `${m[1]}: không phải GeoPackage (tệp không mở đầu như một cơ sở dữ liệu SQLite)`,
  ],
  [
    /^(.*): an SQLite file without the GeoPackage tables.*$/,
    (m) =>
      `${m[1]}: tệp SQLite không có các bảng của GeoPackage (gpkg_contents, gpkg_geometry_columns); hãy lưu thành GeoPackage`,
  ],
  [/^(.*): not a readable GeoPackage \((.*)\)\.$/, (m) => `${m[1]}: không đọc được GeoPackage (${m[2]})`],
  [
    /^(.*): a GeoPackage is read for settlements \(polygons\) only;.*$/,
    (m) =>
      `${m[1]}: GeoPackage chỉ được đọc làm khu dân cư (đa giác); hãy xuất lớp này thành GeoJSON, CSV hoặc shapefile nén .zip`,
  ],
  [
    /^the file is not UTF-8; it was read as Windows-1258.*$/,
    () =>
      'tệp không phải UTF-8; đã đọc theo bảng mã Windows-1258 (ANSI tiếng Việt, như Excel lưu "CSV"). Hãy kiểm tra dấu, hoặc lưu thành "CSV UTF-8"',
  ],
  [
    /^(.*): not well-formed XML at line (\d+): (.*)\.$/,
    (m) => `${m[1]}: XML sai cú pháp ở dòng ${m[2]}: ${m[3]}`,
  ],
  [/^(.*): not XML \(no element found\)\.$/, (m) => `${m[1]}: không phải XML (không có phần tử nào)`],
  [
    /^(.*): not KML \(the top element is <(.*)>, expected <kml>\)\.$/,
    (m) => `${m[1]}: không phải KML (phần tử gốc là <${m[2]}>, cần <kml>)`,
  ],
  [/^(.*): the KMZ holds no \.kml file\.$/, (m) => `${m[1]}: tệp KMZ không chứa tệp .kml nào`],
  [/^(.*): not an Excel workbook \(\.xlsx\).*$/, (m) => `${m[1]}: không phải sổ tính Excel (.xlsx)`],
  [
    /^(.*): the workbook has no readable first worksheet.*$/,
    (m) => `${m[1]}: sổ tính không có trang tính đầu tiên đọc được`,
  ],
  [/^(.*): more than (\S+) rows in the first sheet\.$/, (m) => `${m[1]}: trang tính đầu có hơn ${m[2]} dòng`],
  [/^(.*): row (\d+) has a cell beyond column XFD\.$/, (m) => `${m[1]}: dòng ${m[2]} có ô nằm ngoài cột XFD`],
  [
    /^(.*): the first sheet is empty; expected a header row\.$/,
    (m) => `${m[1]}: trang tính đầu trống; cần một dòng tiêu đề`,
  ],
  [
    /^(.*): the archive entry "(.*)" .* \(path traversal\); the archive was refused\.$/,
    (m) => `${m[1]}: mục "${m[2]}" trỏ ra ngoài tệp nén (path traversal); tệp nén bị từ chối`,
  ],
  [
    /^(.*): the archive has more than (\S+) entries; refused\.$/,
    (m) => `${m[1]}: tệp nén có hơn ${m[2]} mục; bị từ chối`,
  ],
  [
    /^(.*): "(.*)" would expand to (.*), over the (.*) limit per file; refused as a possible zip bomb\.$/,
    (m) =>
      `${m[1]}: "${m[2]}" sẽ giải nén thành ${m[3]}, vượt giới hạn ${m[4]} mỗi tệp; bị từ chối vì có thể là "zip bomb"`,
  ],
  [
    /^(.*): the archive would expand to more than (.*); refused as a possible zip bomb\.$/,
    (m) => `${m[1]}: tệp nén sẽ giải nén thành hơn ${m[2]}; bị từ chối vì có thể là "zip bomb"`,
  ],
  [
    /^(.*): "(.*)" would expand (\S+)× \((.*) → (.*)\); archives that expand more than (\S+)× are refused as possible zip bombs\.$/,
    (m) =>
      `${m[1]}: "${m[2]}" sẽ giải nén gấp ${m[3]} lần (${m[4]} → ${m[5]}); tệp nén giải nén gấp hơn ${m[6]} lần bị từ chối vì có thể là "zip bomb"`,
  ],
  [/^(.*): not a readable zip archive \((.*)\)\.$/, (m) => `${m[1]}: không đọc được tệp nén zip (${m[2]})`],
  [
    /^(.*): the zip holds no \.shp file;.*$/,
    (m) => `${m[1]}: tệp zip không có tệp .shp; shapefile phải được nén cùng .shp, .shx, .dbf và .prj`,
  ],
  [
    /^the zip holds (\d+) shapefiles \((.*)\); only (.*) was read$/,
    (m) => `tệp zip chứa ${m[1]} shapefile (${m[2]}); chỉ đọc ${m[3]}`,
  ],
  [
    /^(.*): (.*)\.dbf is missing; the attributes live in it\.$/,
    (m) => `${m[1]}: thiếu ${m[2]}.dbf (tệp chứa thuộc tính)`,
  ],
  [
    /^(.*)\.shx is missing \(not needed: records are read in order\)$/,
    (m) => `thiếu ${m[1]}.shx (không cần: các bản ghi được đọc theo thứ tự)`,
  ],
  [
    /^(.*)\.dbf is shorter than its header says: (\d+) record\(s\) are missing$/,
    (m) => `${m[1]}.dbf ngắn hơn phần đầu tệp khai báo: thiếu ${m[2]} bản ghi`,
  ],
  [/^(.*): (.*) is too short to be a shapefile\.$/, (m) => `${m[1]}: ${m[2]} quá ngắn, không phải shapefile`],
  [
    /^(.*): (.*) is not a shapefile \(bad file code\)\.$/,
    (m) => `${m[1]}: ${m[2]} không phải shapefile (mã tệp sai)`,
  ],
  [
    /^(.*) has (\d+) shape\(s\) but (.*)\.dbf has (\d+) record\(s\); only the first (\d+) were paired$/,
    (m) => `${m[1]} có ${m[2]} hình nhưng ${m[3]}.dbf có ${m[4]} bản ghi; chỉ ghép ${m[5]} cặp đầu`,
  ],
  [/^shape record (\d+) is corrupt: (.*)$/, (m) => `bản ghi hình thứ ${m[1]} bị hỏng: ${messageText(m[2]!)}`],
  [/^the record needs (\d+) bytes but holds (\d+)$/, (m) => `bản ghi cần ${m[1]} byte nhưng chỉ có ${m[2]}`],
  [/^the record runs past the end of the file$/, () => 'bản ghi vượt quá cuối tệp'],
  [/^the record is too short$/, () => 'bản ghi quá ngắn'],
  [/^a negative (?:point|part or point) count$/, () => 'số điểm âm'],
  [/^a part index is out of range$/, () => 'chỉ số phần nằm ngoài phạm vi'],
  [
    /^shape type (\S+) is not supported.*$/,
    (m) => `kiểu hình ${m[1]} không được hỗ trợ (chỉ điểm, đường và đa giác)`,
  ],
  [
    /^(.*): the \.dbf is too short to be a dBase table\.$/,
    (m) => `${m[1]}: tệp .dbf quá ngắn, không phải bảng dBase`,
  ],
  [/^(.*): the \.dbf declares no fields\.$/, (m) => `${m[1]}: tệp .dbf không khai báo trường nào`],
  [
    /^(.*): the \.dbf header is corrupt \(record length (.*)\)\.$/,
    (m) => `${m[1]}: phần đầu tệp .dbf bị hỏng (độ dài bản ghi ${m[2]})`,
  ],
  [
    /^(.*): the \.prj is VN-2000 but not Transverse Mercator;.*$/,
    (m) =>
      `${m[1]}: tệp .prj là VN-2000 nhưng không phải phép chiếu Transverse Mercator; chỉ đọc TM-3 và các múi UTM`,
  ],
  [/^(.*): the \.prj has no central meridian\.$/, (m) => `${m[1]}: tệp .prj không có kinh tuyến trục`],
  [
    /^(.*): EPSG:(\d+) is not a coordinate system Vùng Phủ converts;.*$/,
    (m) =>
      `${m[1]}: Vùng Phủ không chuyển đổi hệ EPSG:${m[2]}; hãy chọn một hệ trong danh sách, một kinh tuyến trục VN-2000 TM-3, hoặc chuyển tệp sang WGS 84 trước`,
  ],
  [
    /^(.*): the \.prj coordinate system could not be read \((.*)\);.*$/,
    (m) => `${m[1]}: không đọc được hệ toạ độ trong tệp .prj (${m[2]}); hãy chọn "Hệ toạ độ của tệp"`,
  ],
  [
    /^the \.prj datum "(.*)" carries no shift to WGS 84;.*$/,
    (m) =>
      `datum "${m[1]}" trong tệp .prj không có tham số chuyển sang WGS 84; vị trí có thể lệch tới vài trăm mét`,
  ],
  [/^(.*): not a readable GeoTIFF \((.*)\)\.$/, (m) => `${m[1]}: không đọc được tệp GeoTIFF (${m[2]})`],
  [
    /^(.*): the raster's compression \(TIFF code (\d+)(?:, (.*))?\) is not read;.*$/,
    (m) =>
      `${m[1]}: không đọc kiểu nén của ảnh raster (mã TIFF ${m[2]}${m[3] ? `, ${m[3]}` : ''}); ảnh dân số được đọc khi không nén hoặc nén LZW, Deflate, PackBits. Hãy lưu lại, ví dụ: gdal_translate -co COMPRESS=DEFLATE in.tif out.tif`,
  ],
  [
    /^(.*): the raster must be in WGS84 lon\/lat \(EPSG:4326\); found (.*)\.$/,
    (m) => `${m[1]}: ảnh raster phải theo kinh độ/vĩ độ WGS84 (EPSG:4326); tệp dùng ${m[2]}`,
  ],
  [
    /^(.*): the GeoTIFF has no georeferencing.*$/,
    (m) => `${m[1]}: tệp GeoTIFF không có thông tin định vị (gốc toạ độ và độ phân giải)`,
  ],
  [/^coverage polygon: (.*)$/, (m) => `đa giác vùng phủ: ${messageText(m[1]!)}`],
  [
    /^--crs "(.*)": expected an EPSG code.*$/,
    (m) => `mã hệ toạ độ "${m[1]}" không hợp lệ; cần dạng EPSG:3405`,
  ],
  [
    /^(.*): the coordinates are projected metres(?: \(for example (.*)\))?, not longitude\/latitude degrees.*$/,
    (m) =>
      `${m[1]}: toạ độ là mét của một phép chiếu${m[2] ? ` (ví dụ ${viPair(m[2])})` : ''}, không phải kinh độ/vĩ độ, và tệp không cho biết hệ toạ độ. Hãy chọn "Hệ toạ độ của tệp": VN-2000 TM-3 theo kinh tuyến trục của tỉnh (108°30′ cho Gia Lai và Đắk Nông) hoặc một mã EPSG. Shapefile nên có tệp .prj trong tệp zip`,
  ],
  [
    /^the shapefile has no \.prj; its coordinates are in degrees and were read as WGS 84$/,
    () => 'shapefile không có tệp .prj; toạ độ là độ nên được đọc theo WGS 84',
  ],
  [
    /^(.*): the coordinates are longitude\/latitude degrees, but (.*) is projected \(metres\)\.$/,
    (m) => `${m[1]}: toạ độ là kinh độ/vĩ độ (độ), nhưng ${m[2]} là hệ phẳng (mét)`,
  ],
  [
    /^(.*): the coordinates are metres \(for example (.*)\), but (.*) is in degrees\.$/,
    (m) => `${m[1]}: toạ độ là mét (ví dụ ${viPair(m[2]!)}), nhưng ${m[3]} dùng độ`,
  ],
  [
    /^the coordinates are written northing first.*$/,
    () =>
      'toạ độ được ghi theo thứ tự bắc trước (X = bắc, Y = đông, theo quy ước trắc địa Việt Nam); đã đọc lại thành đông, bắc',
  ],
  [
    /^(\d+) of (\d+) (?:rows|features) look like latitude and longitude swapped.*$/,
    (m) =>
      `${m[1]}/${m[2]} bản ghi có vẻ bị đảo vĩ độ và kinh độ (chỉ nằm trong ranh giới khi đảo lại); đã loại bỏ. Hãy nhập lại và chọn đảo lại vĩ độ/kinh độ`,
  ],
  [
    /^feature \d+(?: \("(.*)"\))?: (\d+) ring\(s\) were not closed; closed them$/,
    (m) => `${named(m[1])}${m[2]} vòng chưa khép kín; đã khép lại`,
  ],
  [
    /^feature \d+(?: \("(.*)"\))?: the polygon crosses itself \((\d+) crossing\(s\), first at (.*)\); repaired into (\d+) valid part\(s\)\..*$/,
    (m) =>
      `${named(m[1])}đa giác tự cắt (${m[2]} điểm cắt, điểm đầu tại ${m[3]}); đã sửa thành ${m[4]} phần hợp lệ. Hãy kiểm tra ranh giới trong dữ liệu gốc`,
  ],
  [
    /^feature \d+(?: \("(.*)"\))?: the polygon crosses itself \(first at (.*)\) and (.*); fix it in a GIS$/,
    (m) =>
      `${named(m[1])}đa giác tự cắt (điểm đầu tại ${m[2]}) và ${repairWhy(m[3]!)}; hãy sửa bằng phần mềm GIS`,
  ],
  // issue 12, geometry (commune boundaries)
  [
    /^feature \d+(?: \("(.*)"\))?: the polygon spans (.*)° of longitude \((.*) to (.*)\); it crosses the antimeridian \(±180°\), which no boundary in Vietnam does; fix it in a GIS$/,
    (m) =>
      `${named(m[1])}đa giác trải rộng ${m[2]}° kinh độ (từ ${m[3]} đến ${m[4]}), tức là vượt qua kinh tuyến 180°, điều mà không ranh giới nào ở Việt Nam có; hãy sửa bằng phần mềm GIS`,
  ],
  [
    /^feature \d+(?: \("(.*)"\))?: (.*) (?:is a hole|are holes) outside the outer ring; made (?:it an outer ring|them outer rings) of (?:its|their) own \(the area counts (?:it|them)\)\..*$/,
    (m) =>
      `${named(m[1])}${m[2]!.replace(/ring (\d+) of polygon (\d+)/g, 'vòng $1 của đa giác $2').replace(/ring (\d+)/g, 'vòng $1')} là lỗ nằm ngoài vòng ngoài; đã coi là vòng ngoài riêng (diện tích có tính phần này). Hãy kiểm tra ranh giới trong dữ liệu gốc`,
  ],
  [
    /^feature \d+(?: \("(.*)"\))?: the polygon has no area \((.*) m², or fewer than 3 distinct positions\); fix it in a GIS$/,
    (m) =>
      `${named(m[1])}đa giác không có diện tích (${m[2]} m², hoặc ít hơn 3 điểm phân biệt); hãy sửa bằng phần mềm GIS`,
  ],
  [
    /^feature \d+(?: \("(.*)"\))?: the holes of polygon (\d+) cover its outer ring \(net area (.*) m²\); fix it in a GIS$/,
    (m) =>
      `${named(m[1])}các lỗ của đa giác ${m[2]} phủ hết vòng ngoài (diện tích còn lại ${m[3]} m²); hãy sửa bằng phần mềm GIS`,
  ],
  [
    /^feature \d+(?: \("(.*)"\))?: dropped (\d+) ring\(s\) with no area \(less than (.*) m², or fewer than 3 distinct positions\)$/,
    (m) =>
      `${named(m[1])}đã bỏ ${m[2]} vòng không có diện tích (dưới ${m[3]} m², hoặc ít hơn 3 điểm phân biệt)`,
  ],
  [
    /^feature \d+ \("(.*)", id (.*)\) has the same geometry as feature (\d+) \("(.*)", id (.*)\) \((.*)\); rejected, so that its area and population are not counted twice$/,
    (m) =>
      `"${m[1]}" (mã ${m[2]}) có ranh giới trùng với đối tượng ${Number(m[3]) + 1} "${m[4]}" (mã ${m[5]}) (${m[6]}); đã loại bỏ để diện tích và dân số không bị tính hai lần`,
  ],
  [
    /^feature \d+ \("(.*)", id (.*)\) overlaps feature (\d+) \("(.*)", id (.*)\) by (.*) \((.*) % of the smaller\); .*$/,
    (m) =>
      `"${m[1]}" (mã ${m[2]}) chồng lấn đối tượng ${Number(m[3]) + 1} "${m[4]}" (mã ${m[5]}) ${m[6]} (${m[7]} % đơn vị nhỏ hơn); phần chồng lấn được tính vào diện tích của cả hai xã và tổng của huyện. Hãy kiểm tra ranh giới trong dữ liệu gốc`,
  ],
];

/**
 * An example coordinate pair as the readers print it in English ("451,205.53, 1,553,882.5"), in
 * Vietnamese number format ("451.205,53; 1.553.882,5"); anything else is kept.
 */
function viPair(pair: string): string {
  const m = /^(-?[\d,]+(?:\.\d+)?), (-?[\d,]+(?:\.\d+)?)$/.exec(pair);
  if (!m) return pair;
  const vi = (s: string) => {
    const [int = '', frac] = s.split('.');
    return `${int.replace(/,/g, '.')}${frac ? `,${frac}` : ''}`;
  };
  return `${vi(m[1]!)}; ${vi(m[2]!)}`;
}

/** Why a self-crossing polygon was not repaired. */
function repairWhy(why: string): string {
  const many = /^more than (\d+) times/.exec(why);
  if (many) return `cắt hơn ${many[1]} lần, quá nhiều để sửa`;
  if (why === 'could not be repaired') return 'không sửa được';
  if (why === 'nothing is left once it is repaired') return 'không còn gì sau khi sửa';
  return why;
}

const VI: Rule[] = [
  // issue 13, cells
  [
    /^site "(.*)" is already at (.*) \((row \d+|features\[\d+\])\); this row puts it (.*) m away at (.*): one id at two positions \(rows of one site must be within (\d+) m\)$/,
    (m) =>
      `trạm "${m[1]}" đã ở ${m[2]} (${m[3]!.replace(/^row /, 'dòng ')}); dòng này đặt nó cách ${m[4]} m, tại ${m[5]}: một mã ở hai vị trí (các dòng của một trạm phải cách nhau không quá ${m[6]} m)`,
  ],
  [
    /^site "(.*)" is (.*)'s on (row \d+|features\[\d+\]) but (.*)'s here: one id under two operators$/,
    (m) =>
      `trạm "${m[1]}" thuộc ${m[2]} ở ${m[3]!.replace(/^row /, 'dòng ')} nhưng thuộc ${m[4]} ở đây: một mã dưới hai nhà mạng`,
  ],
  [
    /^repeats a (\w+) cell of site "(.*)" \((row \d+|features\[\d+\]): same technology, band, azimuth and beamwidth\); counted once$/,
    (m) =>
      `lặp lại một ô ${m[1]} của trạm "${m[2]}" (${m[3]!.replace(/^row /, 'dòng ')}: cùng công nghệ, băng tần, góc phương vị và độ rộng búp sóng); chỉ tính một lần`,
  ],
  [
    /^unknown status (.*); use .*$/,
    (m) =>
      `trạng thái ${m[1]} không rõ; dùng "Đang phát sóng", "Đang hoạt động", "on air" (đang phát sóng) hoặc "Quy hoạch", "Kế hoạch", "Dự kiến", "planned" (quy hoạch)`,
  ],
  [
    /^no status and a year on air of (\d+), after (\d+): counted as planned$/,
    (m) => `không có trạng thái và năm phát sóng ${m[1]} sau năm ${m[2]}: tính là quy hoạch`,
  ],
  [/^must be a whole year \(got (.*)\)$/, (m) => `phải là một năm (số nguyên) (nhận ${m[1]})`],
  [
    /^([\d,.]+) cell\(s\) have an azimuth but no beamwidth: .*$/,
    (m) =>
      `${m[1]} ô có góc phương vị nhưng không có độ rộng búp sóng: mỗi ô nhận 360° ÷ số sector cùng công nghệ của trạm (ba sector: 120°); thêm cột "Độ rộng búp sóng" (beamwidth_deg) để dùng giá trị của anten`,
  ],
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
    /^coordinates \((.*), (.*)\) are outside the lon\/lat range; (.*)$/,
    (m) => `toạ độ (${m[1]}, ${m[2]}) nằm ngoài phạm vi kinh/vĩ độ; ${rangeHint(m[3]!)}`,
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
  // Speed tests (issue 16).
  [
    /^technology must be 2G, 3G, 4G or 5G \(got (.*)\)$/,
    (m) => `công nghệ phải là 2G, 3G, 4G hoặc 5G (nhận được ${m[1]})`,
  ],
  [
    /^(\w+) must be (a number|a whole number) from (\S+) to (\S+) \(got (.*)\)$/,
    (m) =>
      `${m[1]} phải là ${m[2] === 'a number' ? 'số' : 'số nguyên'} từ ${m[3]!.replace(/,/g, '.')} đến ${m[4]!.replace(/,/g, '.')} (nhận được ${m[5]})`,
  ],
  [
    /^tests must be a whole number from 1 \(got (.*)\)$/,
    (m) => `số lần đo phải là số nguyên từ 1 (nhận được ${m[1]})`,
  ],
  [/^(\w+) is required$/, (m) => `thiếu ${m[1]} (bắt buộc)`],
  [
    /^date is not a calendar day between 2000 and 2100 \(got (.*)\)$/,
    (m) => `ngày đo không có thật hoặc ngoài khoảng 2000–2100 (nhận được ${m[1]})`,
  ],
  [
    /^date must be YYYY-MM-DD or DD\/MM\/YYYY \(got (.*)\)$/,
    (m) => `ngày đo phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY (nhận được ${m[1]})`,
  ],
  [
    /^quadkey must be 16 digits 0–3 \(a zoom-16 tile, as Ookla publishes; got (.*)\)$/,
    (m) => `quadkey phải gồm 16 chữ số 0–3 (ô lưới mức 16 như Ookla công bố; nhận được ${m[1]})`,
  ],
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
  [
    /^(.*): the column mapping reads both (\S+) and (\S+) from column "(.*)"; .*$/,
    (m) => `${m[1]}: cách gán cột đọc cả ${m[2]} và ${m[3]} từ cột "${m[4]}"; mỗi trường cần một cột riêng`,
  ],
  [
    /^(.*): the column mapping reads (\S+) from column "(.*)", but the file has no such column; .*$/,
    (m) => `${m[1]}: cách gán cột đọc ${m[2]} từ cột "${m[3]}", nhưng tệp không có cột đó`,
  ],
  [
    /^(.*): the column mapping names an unknown (\S+) field "(.*)" \(for column "(.*)"\); the fields are (.*)\.$/,
    (m) => `${m[1]}: cách gán cột có trường không biết "${m[3]}" (cho cột "${m[4]}"); các trường là ${m[5]}`,
  ],
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
  ...FORMAT_RULES,
  // issue 12, raster part (GeoTIFF population rasters: src/io/import/population.ts, src/io/formats/tiff_read.ts)
  [
    /^(.*): the raster is (\S+) × (\S+) cells \((\S+)\), over the limit of (\S+) cells\..*$/,
    (m) =>
      `${m[1]}: ảnh raster có ${m[2]} × ${m[3]} ô (${m[4]}), vượt giới hạn ${m[5]} ô. Hãy cắt theo ranh giới tỉnh hoặc lấy mẫu lại thành ô lớn hơn (ví dụ bằng gdalwarp) rồi nhập lại`,
  ],
  [
    /^(.*): the raster has more than (\S+) populated cells \(the limit was reached at row (\S+) of (\S+)\)\..*$/,
    (m) =>
      `${m[1]}: ảnh raster có hơn ${m[2]} ô có dân (đạt giới hạn ở hàng ${m[3]}/${m[4]}). Hãy lấy mẫu lại thành ô lớn hơn (ví dụ: gdalwarp -tr 0.01 0.01 -r sum) hoặc cắt theo ranh giới tỉnh rồi nhập lại`,
  ],
  [
    /^(.*): the raster is rotated or sheared.*$/,
    (m) =>
      `${m[1]}: ảnh raster bị xoay hoặc xiên; hãy nắn lại theo hướng bắc (gdalwarp -t_srs EPSG:4326) rồi nhập lại`,
  ],
  [
    /^(.*): the raster is in the (projected|geographic) coordinate system (EPSG:\d+), which Vùng Phủ does not convert;.*$/,
    (m) =>
      `${m[1]}: ảnh raster dùng hệ toạ độ ${m[2] === 'projected' ? 'phẳng' : 'địa lý'} ${m[3]}, Vùng Phủ không chuyển đổi được; hãy chuyển sang kinh độ/vĩ độ WGS 84 trước (ví dụ: gdalwarp -t_srs EPSG:4326 in.tif out.tif). Đọc được raster theo EPSG:4326, 4756, 3405, 3406, 32648, 32649 và 3857`,
  ],
  [
    /^(.*): the raster is in a projected coordinate system \(metres\) without an EPSG code.*$/,
    (m) =>
      `${m[1]}: ảnh raster dùng một hệ toạ độ phẳng (mét) tự định nghĩa, không có mã EPSG; hãy chuyển sang kinh độ/vĩ độ WGS 84 trước (ví dụ: gdalwarp -t_srs EPSG:4326 in.tif out.tif)`,
  ],
  [
    /^(.*): the raster says longitude\/latitude \((EPSG:\d+)\) but its extent \((.*)\) is outside.*$/,
    (m) =>
      `${m[1]}: ảnh raster ghi là kinh độ/vĩ độ (${m[2]}) nhưng phạm vi (${m[3]}) nằm ngoài −180…180, −90…90; thông tin định vị bị sai`,
  ],
  [
    /^(.*): the raster declares no coordinate system and its extent \((.*)\) is not longitude\/latitude degrees.*$/,
    (m) =>
      `${m[1]}: ảnh raster không ghi hệ toạ độ và phạm vi (${m[2]}) không phải kinh độ/vĩ độ (có lẽ là mét của một phép chiếu); không đọc thành độ. Hãy lưu lại kèm hệ toạ độ (GeoKeys) hoặc chuyển sang WGS 84 (gdalwarp -t_srs EPSG:4326)`,
  ],
  [
    /^the raster declares no coordinate system \(no GeoKeys\); its extent \((.*)\) was read as WGS 84.*$/,
    (m) =>
      `ảnh raster không ghi hệ toạ độ (không có GeoKeys); phạm vi (${m[1]}) đã được đọc theo kinh độ/vĩ độ WGS 84 (EPSG:4326)`,
  ],
  [
    /^(\S+) cell\(s\) were skipped \(first at row (\S+), column (\S+): (\S+); .*?\): (.*)$/,
    (m) => {
      const why = m[5]!;
      const nodata = /nodata value \((.*)\)$/.exec(why)?.[1];
      const over = /over (\S+) per cell or (\S+) per km²/.exec(why);
      const reason = why.startsWith('their value is not a finite number')
        ? `giá trị không phải số hữu hạn (NaN hoặc ±vô cực) và không phải giá trị nodata (${nodata === 'the raster declares none' ? 'tệp không khai báo nodata' : nodata})`
        : why.startsWith('their population is negative')
          ? 'dân số âm'
          : why.startsWith('they hold more people') && over
            ? `số người vượt quá mức một ô có thể có (trên ${over[1]} người/ô hoặc ${over[2]} người/km²)`
            : 'vị trí sau khi chuyển hệ toạ độ không nằm trên Trái Đất';
      return `đã bỏ qua ${m[1]} ô (ô đầu tiên ở hàng ${m[2]}, cột ${m[3]}: ${m[4]}; hàng và cột đếm từ 0 ở góc trên bên trái): ${reason}`;
    },
  ],
  // issue 12, type coercion, zip sizes, XML entities, CSV headers
  [
    /^coordinates must be numbers \(got lon (.*), lat (.*)\)$/,
    (m) => `toạ độ phải là số (nhận được kinh độ ${m[1]}, vĩ độ ${m[2]})`,
  ],
  [
    /^(\S+) must be text or a number, not (?:an object|an array|a boolean|.*?) \(got (.*)\)$/,
    (m) => `${m[1]} phải là chữ hoặc số, không phải mảng, đối tượng hay giá trị đúng/sai (nhận được ${m[2]})`,
  ],
  [
    /^(\S+) must be text, not (?:an object|an array|a boolean|.*?) \(got (.*)\)$/,
    (m) => `${m[1]} phải là chữ, không phải mảng, đối tượng hay giá trị đúng/sai (nhận được ${m[2]})`,
  ],
  [
    /^(.*): duplicate columns: (.*)\. Delete or rename one of them\.$/,
    (m) =>
      `${m[1]}: cột bị trùng: ${(m[2] ?? '')
        .replace(/ \(column (\w+)\)/g, ' (cột $1)')
        .replace(/ are both the (\S+) field/g, ' cùng là trường $1')
        .replace(/ and /g, ' và ')}. Hãy xoá hoặc đổi tên một cột`,
  ],
  [
    /^(.*): line (\d+): the DOCTYPE declares the entity "(.*)"; XML entity declarations are refused.*$/,
    (m) =>
      `${m[1]}: dòng ${m[2]}: DOCTYPE khai báo thực thể "${m[3]}"; khai báo thực thể XML bị từ chối (có thể giấu nội dung hoặc phình to vô hạn) nên tệp không được đọc. Hãy xoá DOCTYPE`,
  ],
  [/^(.*): a DOCTYPE or declaration is never closed.*$/, (m) => `${m[1]}: khai báo DOCTYPE không được đóng`],
  [
    /^(.*): the archive holds the entry "(.*)" twice;.*$/,
    (m) =>
      `${m[1]}: tệp nén chứa mục "${m[2]}" hai lần; không biết bản nào đúng nên tệp nén bị từ chối. Hãy tạo lại tệp nén`,
  ],
  [
    /^(.*): "(.*)" inflates (\S+)× \((.*) from the first (.*), whatever its header claims\); archives that expand more than (\S+)× are refused as possible zip bombs\.$/,
    (m) =>
      `${m[1]}: "${m[2]}" giải nén gấp ${m[3]} lần (${m[4]} từ ${m[5]} đầu tiên, bất kể phần đầu tệp khai báo gì); tệp nén giải nén gấp hơn ${m[6]} lần bị từ chối vì có thể là "zip bomb"`,
  ],
  [
    /^(.*): "(.*)" expands past the (.*) limit per file \((.*) so far\); refused as a possible zip bomb\.$/,
    (m) =>
      `${m[1]}: "${m[2]}" giải nén vượt giới hạn ${m[3]} mỗi tệp (đã ${m[4]}); bị từ chối vì có thể là "zip bomb"`,
  ],
  [
    /^(.*): the archive expands to more than (.*); refused as a possible zip bomb\.$/,
    (m) => `${m[1]}: tệp nén giải nén thành hơn ${m[2]}; bị từ chối vì có thể là "zip bomb"`,
  ],
  // issue 12, files
  [
    /^(.*): not a valid Vùng Phủ report\.json \((\d+) problem\(s\)\): (.*)\. Use a report\.json written by 'vungphu analyze', unedited\.$/,
    (m) =>
      `${m[1]}: không phải tệp report.json hợp lệ của Vùng Phủ (${m[2]} vấn đề): ${m[3]}. Hãy dùng tệp report.json do Vùng Phủ xuất ra, không chỉnh sửa`,
  ],
  [
    /^(.*): not a Vùng Phủ report\.json \(no units or method\)\.$/,
    (m) => `${m[1]}: không phải tệp report.json của Vùng Phủ (không có units hoặc method)`,
  ],
  // The radio config (validateRadioConfig, radioConfigFromJson, worker_radio.ts).
  [
    /^(.*): (\d+) problem\(s\) in the radio config\.$/,
    (m) => `${m[1]}: ${m[2]} lỗi trong cấu hình vô tuyến.`,
  ],
  [
    /^(.*): no "radio" section: .*$/,
    (m) =>
      `${m[1]}: không có mục "radio": cấu hình vô tuyến là một đối tượng JSON có đối tượng "radio" (như --config của dòng lệnh).`,
  ],
  [
    /^must be a number of (.+) in \[(.+), (.+)\] \(got (.*)\)$/,
    (m) =>
      `phải là một số ${({ metres: 'mét', degrees: 'độ', '(a factor)': '(hệ số)' } as Record<string, string>)[m[1]!] ?? m[1]} trong khoảng [${m[2]}, ${m[3]}] (giá trị: ${m[4]})`,
  ],
  [/^unknown option \(known: (.*)\)$/, (m) => `không có tuỳ chọn này (các tuỳ chọn: ${m[1]})`],
  [/^unknown technology \(use (.*)\)$/, (m) => `công nghệ không có (dùng ${m[1]})`],
];

/** Longer messages are shown as they are: a rule's `(.*)` groups cost time in the length of the text. */
const MAX_TRANSLATED = 2000;

/** A message from the parsers in the current language. */
export function messageText(message: string): string {
  if (message.length > MAX_TRANSLATED) return message;
  // A GeoPackage row's fid ("missing geometry (fid 15)") is kept after the translated message.
  const fid = / \(fid [^()]*\)$/.exec(message);
  const text = fid ? message.slice(0, fid.index) : message;
  for (const [re, to] of currentLang() === 'en' ? EN : VI) {
    const m = re.exec(text);
    if (m) return `${to(m)}${fid ? fid[0] : ''}`;
  }
  return message;
}

/**
 * The few English messages that name the CLI's flags, pointed at the app's controls instead (the rest
 * of the English is the readers' own wording).
 */
const EN: Rule[] = [
  [
    /^(.*: the coordinates are projected metres.*?in\.) Choose it: .*$/,
    (m) =>
      `${m[1]} Choose it under "Coordinate system of the file": VN-2000 TM-3 with the province's central meridian (108°30′ for Gia Lai and Đắk Nông), or an EPSG code. A shapefile should carry its .prj in the zip.`,
  ],
  [
    /^(.* they were rejected\.) Import with the swap fix \(CLI: --swapped fix\) to swap them back\.$/,
    (m) => `${m[1]} Import again with "Latitude and longitude swapped: Swap back" to keep them.`,
  ],
  [
    /^(.*: missing column\(s\) .*) Name the column of each field with a column mapping \(CLI: --\S+ .*\)\.$/s,
    (m) => `${m[1]} Choose the column of each field in "Choose the column of each field".`,
  ],
];

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
