import type { MultiPolygon } from 'geojson';
import type { CoverageReport } from '../../core/report/report.ts';
import { reportIndicators } from '../../core/report/report_indicators.ts';
import { choroplethClasses, classColor } from './report_colors.ts';
import { type ReportGeometry, reportLayers } from './report_features.ts';
import type { ReportLang } from './report_labels.ts';

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

/**
 * The report as KML 2.2: one Folder per layer (communes with every indicator, gaps, areas beyond 3 km
 * of a staffed postal point), typed fields in a Schema and SchemaData, communes filled by their 4G
 * population coverage (the PDF map's classes). Opens in Google Earth, QGIS and GDAL (LIBKML driver).
 */
export function reportKml(report: CoverageReport, geometry: ReportGeometry, lang: ReportLang = 'vi'): string {
  const layers = reportLayers(report, geometry, lang);
  const ind = reportIndicators(report).find((i) => i.id === 'mobile.4G.population_pct')!;
  const communeUnits = report.units.filter((u) => u.level === 'commune');
  const classes = choroplethClasses(
    communeUnits.map((u) => ind.get(u)),
    ind.unit,
    ind.better,
  );
  const fill = new Map(communeUnits.map((u) => [u.id, classColor(classes, ind.get(u))]));
  const type = { string: 'string', integer: 'int', real: 'double' } as const;
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${esc(lang === 'vi' ? 'Vùng Phủ — báo cáo' : 'Vùng Phủ — report')}</name>`,
    `<description>${esc(`${report.inputs.synthetic ? 'SYNTHETIC SAMPLE. ' : ''}Coverage is MODELLED from footprints, not measured. ${report.generated_at}`)}</description>`,
  ];
  for (const layer of layers) {
    parts.push(
      `<Schema name="${layer.name}" id="${layer.name}">${layer.fields
        .map(
          (f) =>
            `<SimpleField name="${esc(f.name)}" type="${type[f.type]}"><displayName>${esc(f.label)}</displayName></SimpleField>`,
        )
        .join('')}</Schema>`,
    );
  }
  parts.push(
    `<Style id="gap"><LineStyle><color>${kmlColor([214, 39, 40], 255)}</color><width>1</width></LineStyle><PolyStyle><color>${kmlColor([214, 39, 40], 128)}</color></PolyStyle></Style>`,
    `<Style id="postal_beyond_3km"><LineStyle><color>${kmlColor([148, 103, 189], 255)}</color><width>1</width></LineStyle><PolyStyle><color>${kmlColor([148, 103, 189], 110)}</color></PolyStyle></Style>`,
  );
  for (const layer of layers) {
    parts.push(`<Folder><name>${layer.name}</name>`);
    layer.features.forEach((f) => {
      if (!f.geometry) return;
      const id = String(f.values[0] ?? '');
      const style =
        layer.name === 'communes'
          ? `<Style><LineStyle><color>ff555555</color><width>0.5</width></LineStyle><PolyStyle><color>${kmlColor(fill.get(id) ?? [200, 200, 200], 190)}</color></PolyStyle></Style>`
          : `<styleUrl>#${layer.name === 'gaps' ? 'gap' : 'postal_beyond_3km'}</styleUrl>`;
      const data = layer.fields
        .map((fd, j) => {
          const v = f.values[j];
          return v === null || v === undefined
            ? ''
            : `<SimpleData name="${esc(fd.name)}">${esc(String(v))}</SimpleData>`;
        })
        .join('');
      const name =
        layer.name === 'communes'
          ? String(f.values[1] ?? id)
          : `${f.values[1] ?? id} ${layer.name === 'gaps' ? f.values[2] : ''}`.trim();
      parts.push(
        `<Placemark><name>${esc(name)}</name>${style}<ExtendedData><SchemaData schemaUrl="#${layer.name}">${data}</SchemaData></ExtendedData>${polygonKml(f.geometry)}</Placemark>`,
      );
    });
    parts.push('</Folder>');
  }
  parts.push('</Document>', '</kml>');
  return parts.join('\n');
}
