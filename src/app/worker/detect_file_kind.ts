/**
 * What an imported file holds, when the user left the kind on "detect": the format from the bytes
 * (`formatOfFile`), then the first feature's geometry type and property names (GeoJSON, KML, KMZ,
 * zipped shapefile) or the table's header (CSV, XLSX). Runs in the import worker; a file that cannot
 * be read at all throws the same UserError the import would.
 */
import { decodeBytes, parseCsv } from '../../io/formats/csv.ts';
import { IssueList } from '../../io/formats/geojson_input.ts';
import { kmlFeatures, kmzFeatures, type PlainFeatureCollection } from '../../io/formats/kml_read.ts';
import { shapefileFeatures } from '../../io/formats/shapefile_read.ts';
import { xlsxTable } from '../../io/formats/xlsx_read.ts';
import { guessTableKind } from '../../io/import/header_mapping.ts';
import { formatOfFile } from '../../io/import/import_file.ts';
import { type DatasetKind, detectKind, kindFromFeatures, kindFromHeader } from '../state/dataset_kind.ts';

function fromCollection(fc: PlainFeatureCollection): DatasetKind | null {
  const first = fc.features.find((f) => f.geometry) ?? fc.features[0];
  if (!first) return null;
  return kindFromFeatures(first.geometry?.type ?? null, Object.keys(first.properties));
}

/** The dataset kind of a file, or null when its fields say nothing recognisable. */
export function detectFileKind(bytes: Uint8Array, fileName: string): DatasetKind | null {
  const format = formatOfFile(bytes, fileName);
  switch (format) {
    case 'geotiff':
      return 'population';
    case 'geojson': {
      // From the head of the text, not a parse of the whole file (the import parses it next).
      const kind = detectKind(fileName, decodeBytes(bytes.subarray(0, 200_000)).text);
      return kind === 'scenario' ? null : kind;
    }
    case 'csv': {
      const { text } = decodeBytes(bytes.subarray(0, 200_000));
      const kind = kindFromHeader(parseCsv(text.split(/\r?\n/, 1)[0] ?? '', fileName).header);
      if (kind) return kind;
      // Headers as people write them ("Mã trạm", "Kinh độ"), maybe under a title row.
      try {
        return guessTableKind(parseCsv(text.split(/\r?\n/, 25).join('\n'), fileName));
      } catch {
        return null; // a quoted field cut by the 25 lines
      }
    }
    case 'xlsx': {
      const table = xlsxTable(bytes, fileName);
      return kindFromHeader(table.header) ?? guessTableKind(table);
    }
    case 'kml':
      return fromCollection(kmlFeatures(decodeBytes(bytes).text, fileName));
    case 'kmz':
      return fromCollection(kmzFeatures(bytes, fileName));
    case 'shapefile':
      return fromCollection(shapefileFeatures(bytes, fileName, new IssueList(fileName)).collection);
    case 'geopackage':
      // Read for settlements only (polygon layers).
      return 'settlements';
  }
}
