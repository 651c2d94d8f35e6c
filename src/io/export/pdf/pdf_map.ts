import type { MultiPolygon } from 'geojson';
import {
  closePath,
  LineJoinStyle,
  lineTo,
  moveTo,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingRgbColor,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
} from 'pdf-lib';
import { type ColorClass, classColor, NO_DATA } from '../report_colors.ts';
import type { PdfLayout, RGB } from './pdf_layout.ts';

/** One area of a map: its geometry and its value (null = no data). */
export interface MapFeature {
  geometry: MultiPolygon;
  value: number | null;
  /** Drawn with a thicker outline (e.g. the communes of the district a page is about). */
  highlight?: boolean;
  /** Drawn faded (context around the area a page is about). */
  muted?: boolean;
}

export interface MapOptions {
  classes: readonly ColorClass[];
  legendTitle: string;
  /** Legend labels per class, and for "no data". */
  classLabel: (c: ColorClass, last: boolean) => string;
  noDataLabel: string;
  /** Extra geometry drawn on top, unfilled (e.g. gap polygons), with its legend label. */
  overlay?: { geometries: readonly MultiPolygon[]; color: RGB; label: string };
  /** Legend, scale bar and north arrow; false for a small inset. */
  furniture?: boolean;
}

const KM_PER_DEG_LAT = 110.95; // mean metres of a degree of latitude at Vietnam's latitudes, /1000

/**
 * Draws a choropleth map as vector paths in the box (x, y = bottom left; w, h in points): each area
 * filled by the class of its value (even-odd fill, so holes stay holes), thin outlines, then a legend,
 * a scale bar in km and a north arrow. Coordinates are lon/lat, projected equirectangularly with the
 * east–west scale of the map's middle latitude (true to well under 1 % over a province).
 */
export function drawChoropleth(
  layout: PdfLayout,
  box: { x: number; y: number; w: number; h: number },
  features: readonly MapFeature[],
  opt: MapOptions,
): void {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const poly of f.geometry.coordinates)
      for (const p of poly[0] ?? []) {
        x0 = Math.min(x0, p[0]!);
        x1 = Math.max(x1, p[0]!);
        y0 = Math.min(y0, p[1]!);
        y1 = Math.max(y1, p[1]!);
      }
  if (!Number.isFinite(x0)) return;
  const furniture = opt.furniture ?? true;
  const legendW = furniture ? 120 : 0;
  const mapW = box.w - legendW;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-9, (x1 - x0) * k);
  const spanY = Math.max(1e-9, y1 - y0);
  const s = Math.min(mapW / spanX, box.h / spanY); // points per degree of latitude
  const ox = box.x + (mapW - spanX * s) / 2;
  const oy = box.y + (box.h - spanY * s) / 2;
  const px = (lon: number) => ox + (lon - x0) * k * s;
  const py = (lat: number) => oy + (lat - y0) * s;
  const page = layout.page;

  const path = (g: MultiPolygon, ops: PDFOperator[]) => {
    for (const poly of g.coordinates)
      for (const ring of poly) {
        let lx = Number.NaN;
        let ly = Number.NaN;
        ring.forEach((p, i) => {
          const X = px(p[0]!);
          const Y = py(p[1]!);
          if (i === 0) ops.push(moveTo(X, Y));
          else if (Math.abs(X - lx) + Math.abs(Y - ly) < 0.3 && i < ring.length - 1) return;
          else ops.push(lineTo(X, Y));
          lx = X;
          ly = Y;
        });
        ops.push(closePath());
      }
  };
  const ops: PDFOperator[] = [pushGraphicsState(), setLineJoin(LineJoinStyle.Round)];
  for (const f of features) {
    const c = classColor(opt.classes, f.value);
    const [r, g, b] = f.muted ? (c.map((x) => x + (255 - x) * 0.65) as RGB) : c;
    ops.push(
      setFillingRgbColor(r / 255, g / 255, b / 255),
      setStrokingRgbColor(0.35, 0.35, 0.35),
      setLineWidth(0.3),
    );
    path(f.geometry, ops);
    ops.push(PDFOperator.of(PDFOperatorNames.FillEvenOddAndStroke));
  }
  if (opt.overlay) {
    const [r, g, b] = opt.overlay.color;
    ops.push(setStrokingRgbColor(r / 255, g / 255, b / 255), setLineWidth(0.5));
    for (const g2 of opt.overlay.geometries) {
      path(g2, ops);
      ops.push(PDFOperator.of(PDFOperatorNames.StrokePath));
    }
  }
  for (const f of features.filter((x) => x.highlight)) {
    ops.push(setStrokingRgbColor(0.1, 0.1, 0.1), setLineWidth(0.7));
    path(f.geometry, ops);
    ops.push(PDFOperator.of(PDFOperatorNames.StrokePath));
  }
  ops.push(popGraphicsState());
  page.pushOperators(...ops);

  // North arrow (top right of the map area).
  const ax = box.x + mapW - 24;
  const ay = box.y + box.h - 30;
  const black = rgb(0, 0, 0);
  page.drawSvgPath('M 0 -22 L 7 0 L 0 -5 Z', {
    x: ax,
    y: ay,
    color: rgb(1, 1, 1),
    borderColor: black,
    borderWidth: 0.6,
  });
  page.drawSvgPath('M 0 -22 L -7 0 L 0 -5 Z', {
    x: ax,
    y: ay,
    color: black,
    borderColor: black,
    borderWidth: 0.6,
  });
  layout.textAt('N', ax, ay + 26, { size: furniture ? 10 : 8, bold: true }, 'center');

  // Scale bar (bottom left): a round length near a quarter of the map width, in two halves.
  const kmPerPt = KM_PER_DEG_LAT / s;
  const target = (mapW / 4) * kmPerPt;
  const nice = [0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200].reduce((b, v) => (v <= target ? v : b), 0.5);
  const len = nice / kmPerPt;
  const sx = box.x + 4;
  const sy = box.y + 6;
  layout.rect(sx, sy, len / 2, 4, [30, 30, 30], [30, 30, 30]);
  layout.rect(sx + len / 2, sy, len / 2, 4, [255, 255, 255], [30, 30, 30]);
  layout.textAt('0', sx, sy + 7, { size: 6.5 }, 'center');
  layout.textAt(fmtKm(nice / 2), sx + len / 2, sy + 7, { size: 6.5 }, 'center');
  layout.textAt(`${fmtKm(nice)} km`, sx + len, sy + 7, { size: 6.5 }, 'center');

  if (!furniture) return;
  // Legend (right column).
  const lx = box.x + mapW + 10;
  let ly = box.y + box.h - 10;
  for (const line of layout.wrap(opt.legendTitle, legendW - 12, { size: 8, bold: true })) {
    layout.textAt(line, lx, ly, { size: 8, bold: true });
    ly -= 10;
  }
  ly -= 4;
  const entries: [RGB, string][] = [...opt.classes]
    .reverse()
    .map((c, i) => [c.color, opt.classLabel(c, i === 0)] as [RGB, string]);
  entries.push([NO_DATA, opt.noDataLabel]);
  for (const [c, label] of entries) {
    layout.rect(lx, ly - 3, 14, 9, c, [90, 90, 90], 0.4);
    layout.textAt(label, lx + 19, ly - 1, { size: 7.5 });
    ly -= 14;
  }
  if (opt.overlay) {
    const [r, g, b] = opt.overlay.color;
    layout.rect(lx, ly - 3, 14, 9, [255, 255, 255], [r, g, b], 0.9);
    for (const line of layout.wrap(opt.overlay.label, legendW - 32, { size: 7.5 })) {
      layout.textAt(line, lx + 19, ly - 1, { size: 7.5 });
      ly -= 9.5;
    }
  }
}

const fmtKm = (v: number) => (Number.isInteger(v) ? String(v) : String(v).replace('.', ','));
