/**
 * The import flags shared by `analyze` and `plan-sites` (coordinate system, swapped coordinates,
 * column mapping, boundary fields): their parseArgs options and help lines. Kept apart from the loader so the help
 * text loads without the importer.
 */

/** Help lines of the import flags shared by `analyze` and `plan-sites`. */
export const IMPORT_FLAGS_HELP = `  --crs EPSG:CODE       coordinate system of inputs in projected metres that do not declare
                        one (3405/3406 VN-2000 UTM 48N/49N, 32648/32649 WGS 84 UTM, 4756)
  --vn2000-meridian D   the same, for a VN-2000 TM-3 provincial zone with central meridian D
                        in degrees, or a province name (108.5 or "Gia Lai"; Đắk Nông too)
  --swapped fix|reject  rows with latitude and longitude swapped: swap back with a warning
                        (default) or reject
  --columns MAP         the file's column of each field, when its header is not recognised:
                        id="Mã trạm",lon="Kinh độ",… (for the sites file; prefix an entry
                        with its kind for another input: postal:id="Mã BC")
  --KIND-columns MAP    the same for one input: --sites-columns, --postal-columns,
                        --villages-columns, --fiber-columns, --population-columns,
                        --speedtests-columns`;

/** The parseArgs options of the column-mapping flags (parsed by `parseColumnFlags`). */
export const COLUMN_FLAG_OPTIONS = {
  columns: { type: 'string' },
  'sites-columns': { type: 'string' },
  'postal-columns': { type: 'string' },
  'villages-columns': { type: 'string' },
  'fiber-columns': { type: 'string' },
  'population-columns': { type: 'string' },
  'speedtests-columns': { type: 'string' },
} as const;

/** The parseArgs options of the boundary flags (`loadBoundaries`). */
export const BOUNDARY_FLAG_OPTIONS = {
  boundaries: { type: 'string' },
  'id-field': { type: 'string' },
  'name-field': { type: 'string' },
  'population-field': { type: 'string' },
  'boundary-set': { type: 'string' },
} as const;

/** The parseArgs options of those flags. */
export const IMPORT_FLAG_OPTIONS = {
  crs: { type: 'string' },
  'vn2000-meridian': { type: 'string' },
  swapped: { type: 'string' },
  ...COLUMN_FLAG_OPTIONS,
} as const;
