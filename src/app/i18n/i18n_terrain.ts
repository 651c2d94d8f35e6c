/**
 * Strings of the terrain features (issue 17): the DEM in the Data tab, the hillshade layer and the
 * "why" profile panel, in Vietnamese (default) and English.
 */

export const terrainVi = {
  'layer.hillshade': 'Bóng địa hình (từ DEM)',
  'dem.title': 'Địa hình (DEM)',
  'dem.hint':
    'Ô SRTM .hgt (1″ hoặc 3″, vị trí theo tên ô như N14E108.hgt), GeoTIFF độ cao (EPSG:4326, UTM 48N/49N, VN-2000 TM-3) hoặc tệp .zip chứa các ô .hgt. Nhiều ô ghép thành một. Chọn hoặc thả vào ô nhập tệp ở trên.',
  'dem.none': 'Chưa có DEM: vùng phủ là hình tròn và hình quạt.',
  'dem.status':
    '{tiles} ô ({files}); kinh độ {west}–{east}° Đ, vĩ độ {south}–{north}° B; điểm lưới cách {spacing} m; {voids} điểm trống đã được lấp.',
  'dem.remove': 'Bỏ DEM',
  'radio.title': 'Cấu hình vô tuyến (mô hình địa hình)',
  'radio.default': 'Cấu hình vô tuyến: mặc định (ngưỡng, EIRP, độ cao ăng-ten theo công nghệ; xem README).',
  'radio.file': 'Cấu hình vô tuyến: tệp {name}',
  'radio.remove': 'Bỏ cấu hình, dùng mặc định',
  'radio.failed': 'Không dùng được cấu hình vô tuyến: {message}',
  'radio.hint':
    'Tệp JSON có mục "radio" (như --config của dòng lệnh): ngưỡng thu, EIRP, độ cao, góc nghiêng, tầm tối đa theo công nghệ, độ cao máy thu, k. Chỉ dùng khi đã nạp DEM. Chọn hoặc thả vào ô nhập tệp ở trên.',
  'dem.failed': 'Không đọc được DEM: {message}',
  'why.button': 'Vì sao? (mặt cắt)',
  'why.pick': 'Bấm một điểm trên bản đồ để xem mặt cắt từ trạm {site} đến điểm đó.',
  'why.title': 'Mặt cắt từ {site}',
  'why.close': 'Đóng',
  'why.noDem': 'Cần nạp DEM (thẻ Dữ liệu) để xem mặt cắt địa hình.',
  'why.distance': 'Khoảng cách',
  'why.basic': 'Suy hao cơ bản',
  'why.diffraction': 'Suy hao nhiễu xạ',
  'why.gain': 'Độ lợi ăng-ten',
  'why.received': 'Mức thu',
  'why.threshold': 'Ngưỡng',
  'why.covered': 'Có sóng',
  'why.notCovered': 'Không có sóng',
  'why.terrain': 'Địa hình (có độ cong Trái Đất)',
  'why.los': 'Đường nhìn thẳng',
  'why.fresnel': 'Miền Fresnel thứ nhất',
  'why.axisDistance': 'Khoảng cách (km)',
  'why.axisHeight': 'Độ cao (m)',
  'why.cell': 'Ô {cell}',
};

export const terrainEn: Record<keyof typeof terrainVi, string> = {
  'layer.hillshade': 'Hillshade (from the DEM)',
  'dem.title': 'Terrain (DEM)',
  'dem.hint':
    'SRTM .hgt tiles (1″ or 3″, placed by the tile name such as N14E108.hgt), elevation GeoTIFFs (EPSG:4326, UTM 48N/49N, VN-2000 TM-3) or a .zip of .hgt tiles. Several tiles make one mosaic. Pick or drop them in the file import above.',
  'dem.none': 'No DEM: footprints are circles and sectors.',
  'dem.status':
    '{tiles} tile(s) ({files}); longitude {west}–{east}° E, latitude {south}–{north}° N; posts every {spacing} m; {voids} void post(s) filled.',
  'dem.remove': 'Remove the DEM',
  'radio.title': 'Radio config (terrain model)',
  'radio.default': 'Radio config: default (thresholds, EIRP, antenna heights by technology; see the README).',
  'radio.file': 'Radio config: file {name}',
  'radio.remove': 'Remove the config, use the defaults',
  'radio.failed': 'Could not use the radio config: {message}',
  'radio.hint':
    'A JSON file with a "radio" section (as the CLI\'s --config): receive threshold, EIRP, height, tilt and range by technology, receiver height, k. Used only with a DEM loaded. Pick or drop it in the file input above.',
  'dem.failed': 'The DEM could not be read: {message}',
  'why.button': 'Why? (profile)',
  'why.pick': 'Click a point on the map to see the profile from site {site} to it.',
  'why.title': 'Profile from {site}',
  'why.close': 'Close',
  'why.noDem': 'Load a DEM (Data tab) to see the terrain profile.',
  'why.distance': 'Distance',
  'why.basic': 'Basic loss',
  'why.diffraction': 'Diffraction loss',
  'why.gain': 'Antenna gain',
  'why.received': 'Received level',
  'why.threshold': 'Threshold',
  'why.covered': 'Covered',
  'why.notCovered': 'Not covered',
  'why.terrain': 'Terrain (with earth curvature)',
  'why.los': 'Line of sight',
  'why.fresnel': 'First Fresnel zone',
  'why.axisDistance': 'Distance (km)',
  'why.axisHeight': 'Height (m)',
  'why.cell': 'Cell {cell}',
};
