import type { MultiLineString, MultiPolygon } from 'geojson';
import type { CoverageReport } from '../../core/report/report.ts';
import { reportIndicators } from '../../core/report/report_indicators.ts';
import { choroplethClasses, classColor } from './report_colors.ts';
import {
  type LayerGeometry,
  type ReportGeometry,
  type ReportLayer,
  reportLayers,
} from './report_features.ts';
import type { ReportLang } from './report_labels.ts';
import { reportNote } from './report_note.ts';
import { footprintsText } from './report_tables.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** KML colour aabbggrr from RGB and an alpha byte. */
const kmlColor = ([r, g, b]: [number, number, number], alpha: number) =>
  [alpha, b, g, r].map((x) => x.toString(16).padStart(2, '0')).join('');

function polygonKml(g: MultiPolygon): string {
  const ring = (r: number[][]) =>
    `<LinearRing><coordinates>${r.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates></LinearRing>`;
  const polys = g.coordinates.map(
    (poly) =>
      `<Polygon><outerBoundaryIs>${ring(poly[0] ?? [])}</outerBoundaryIs>${poly
        .slice(1)
        .map((h) => `<innerBoundaryIs>${ring(h)}</innerBoundaryIs>`)
        .join('')}</Polygon>`,
  );
  return polys.length === 1 ? polys[0]! : `<MultiGeometry>${polys.join('')}</MultiGeometry>`;
}

function lineKml(g: MultiLineString): string {
  const lines = g.coordinates.map(
    (l) => `<LineString><coordinates>${l.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates></LineString>`,
  );
  return lines.length === 1 ? lines[0]! : `<MultiGeometry>${lines.join('')}</MultiGeometry>`;
}

function geometryKml(g: LayerGeometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${g.coordinates[0]},${g.coordinates[1]}</coordinates></Point>`;
    case 'MultiLineString':
      return lineKml(g);
    case 'MultiPolygon':
      return polygonKml(g);
  }
}

/** Point colours of the infrastructure by source, and the line colour of fiber routes. */
const INFRA_STYLES = [
  ['site-input', [31, 119, 180]],
  ['site-what-if', [255, 127, 14]],
  ['site-suggested', [44, 160, 44]],
  ['postal', [148, 103, 189]],
  ['village', [140, 86, 75]],
] as const;

const infraStyles = (): string[] => [
  ...INFRA_STYLES.map(
    ([id, rgb]) =>
      `<Style id="${id}"><IconStyle><color>${kmlColor([...rgb], 255)}</color><scale>0.8</scale></IconStyle><LabelStyle><scale>0</scale></LabelStyle></Style>`,
  ),
  `<Style id="fiber"><LineStyle><color>${kmlColor([23, 190, 207], 255)}</color><width>2</width></LineStyle></Style>`,
];

/** The style of an infrastructure placemark: by layer, and by source for sites and cells. */
function infraStyleUrl(layer: ReportLayer, values: LayerFeatureValues): string {
  if (layer.name === 'sites' || layer.name === 'cells') {
    const src = values[layer.fields.findIndex((f) => f.name === 'source')];
    return `#site-${src === 'what-if' || src === 'suggested' ? src : 'input'}`;
  }
  return layer.name === 'fiber_routes' ? '#fiber' : layer.name === 'villages' ? '#village' : '#postal';
}

type LayerFeatureValues = ReportLayer['features'][number]['values'];

/** A placemark's name: the site name or id, the cell id, the record's name or id. */
function infraName(layer: ReportLayer, values: LayerFeatureValues): string {
  const at = (n: string) => {
    const v = values[layer.fields.findIndex((f) => f.name === n)];
    return v === null || v === undefined ? '' : String(v);
  };
  if (layer.name === 'cells') return `${at('site_id')} ${at('cell_id') || at('technology')}`.trim();
  // The record's own name (GDAL's LIBKML driver reads <name> as the `name` field): empty when it has none.
  return at('name');
}

/** The Schema of each layer and its Folder of Placemarks (typed SimpleData, null values left out). */
function layerFolders(
  layers: readonly ReportLayer[],
  placemark: (layer: ReportLayer, values: LayerFeatureValues) => { name: string; style: string },
): { schemas: string[]; folders: string[] } {
  const type = { string: 'string', integer: 'int', real: 'double' } as const;
  const schemas = layers.map(
    (layer) =>
      `<Schema name="${layer.name}" id="${layer.name}">${layer.fields
        .map(
          (f) =>
            `<SimpleField name="${esc(f.name)}" type="${type[f.type]}"><displayName>${esc(f.label)}</displayName></SimpleField>`,
        )
        .join('')}</Schema>`,
  );
  const folders: string[] = [];
  for (const layer of layers) {
    folders.push(`<Folder><name>${layer.name}</name>`);
    for (const f of layer.features) {
      if (!f.geometry) continue;
      const data = layer.fields
        .map((fd, j) => {
          const v = f.values[j];
          return v === null || v === undefined
            ? ''
            : `<SimpleData name="${esc(fd.name)}">${esc(String(v))}</SimpleData>`;
        })
        .join('');
      const { name, style } = placemark(layer, f.values);
      folders.push(
        `<Placemark><name>${esc(name)}</name>${style}<ExtendedData><SchemaData schemaUrl="#${layer.name}">${data}</SchemaData></ExtendedData>${geometryKml(f.geometry)}</Placemark>`,
      );
    }
    folders.push('</Folder>');
  }
  return { schemas, folders };
}

/**
 * Infrastructure layers (sites, cells, postal points, villages, fiber routes) as KML 2.2: one Folder
 * per layer, typed fields in a Schema and SchemaData, sites and cells coloured by source (input blue,
 * what-if orange, suggested green). Opens in Google Earth, QGIS and GDAL (KML and LIBKML drivers).
 */
export function layersKml(
  layers: readonly ReportLayer[],
  doc: { name: string; description: string },
): string {
  const { schemas, folders } = layerFolders(layers, (layer, values) => ({
    name: infraName(layer, values),
    style: `<styleUrl>${infraStyleUrl(layer, values)}</styleUrl>`,
  }));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${esc(doc.name)}</name>`,
    `<description>${esc(doc.description)}</description>`,
    ...schemas,
    ...infraStyles(),
    ...folders,
    '</Document>',
    '</kml>',
  ].join('\n');
}

/**
 * The report as KML 2.2: one Folder per layer (communes with every indicator, gaps, areas beyond 3 km
 * of a staffed postal point), typed fields in a Schema and SchemaData, communes filled by their 4G
 * population coverage (the PDF map's classes); the Document's description is `reportNote` and its
 * ExtendedData has the footprint note. Opens in Google Earth, QGIS and GDAL (KML and LIBKML drivers).
 */
export function reportKml(report: CoverageReport, geometry: ReportGeometry, lang: ReportLang = 'vi'): string {
  const layers = reportLayers(report, geometry, lang);
  const note = reportNote(report, lang);
  const ind = reportIndicators(report).find((i) => i.id === 'mobile.4G.population_pct')!;
  const communeUnits = report.units.filter((u) => u.level === 'commune');
  const classes = choroplethClasses(
    ind.id,
    communeUnits.map((u) => ind.get(u)),
    ind.better,
  );
  const fill = new Map(communeUnits.map((u) => [u.id, classColor(classes, ind.get(u))]));
  const { schemas, folders } = layerFolders(layers, (layer, values) => {
    const id = String(values[0] ?? '');
    const style =
      layer.name === 'communes'
        ? `<Style><LineStyle><color>ff555555</color><width>0.5</width></LineStyle><PolyStyle><color>${kmlColor(fill.get(id) ?? [200, 200, 200], 190)}</color></PolyStyle></Style>`
        : `<styleUrl>#${layer.name === 'gaps' ? 'gap' : 'postal_beyond_3km'}</styleUrl>`;
    const name =
      layer.name === 'communes'
        ? String(values[1] ?? id)
        : `${values[1] ?? id} ${layer.name === 'gaps' ? values[2] : ''}`.trim();
    return { name, style };
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${esc(lang === 'vi' ? 'Vùng Phủ — báo cáo' : 'Vùng Phủ — report')}</name>`,
    `<description>${esc(note)}</description>`,
    // The same facts as fields, for readers that show a Document's data but not its description.
    `<ExtendedData><Data name="footprints"><value>${esc(footprintsText(report.method.footprints, lang === 'vi'))}</value></Data><Data name="synthetic"><value>${report.inputs.synthetic}</value></Data><Data name="generated_at"><value>${esc(report.generated_at)}</value></Data></ExtendedData>`,
    ...schemas,
    `<Style id="gap"><LineStyle><color>${kmlColor([214, 39, 40], 255)}</color><width>1</width></LineStyle><PolyStyle><color>${kmlColor([214, 39, 40], 128)}</color></PolyStyle></Style>`,
    `<Style id="postal_beyond_3km"><LineStyle><color>${kmlColor([148, 103, 189], 255)}</color><width>1</width></LineStyle><PolyStyle><color>${kmlColor([148, 103, 189], 110)}</color></PolyStyle></Style>`,
    ...folders,
    '</Document>',
    '</kml>',
  ].join('\n');
}
