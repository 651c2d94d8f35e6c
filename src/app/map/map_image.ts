/**
 * The map image (PNG) of the report tab: the current map view redrawn at `factor` × its CSS size
 * (MapLibre's pixel ratio), copied from the WebGL canvas in the frame it was drawn, and composed on a
 * 2D canvas with a title band (indicator, date, "synthetic data" and "modelled coverage" labels), the
 * legend (indicator, class colours and breaks), a scale bar and a north arrow.
 */
import type { MapLibreMap } from 'maplibre-gl';
import type { LegendClass } from './legend.ts';

/** The PNG's factor over the view's CSS pixels: a 1280 px wide view makes 3840 px (≈ 330 dpi on A4 landscape). */
export const PNG_FACTOR = 3;

export interface MapImageText {
  title: string;
  date: string;
  /** Warnings printed in the title band ("synthetic data", "modelled coverage"). */
  labels: string[];
  legendTitle: string;
  legend: LegendClass[];
  /** Extra legend note (e.g. "modelled"), may be empty. */
  note: string;
}

/** Redraws the map at `factor` and copies the frame (the drawing buffer is only valid while it renders). */
async function captureMap(map: MapLibreMap, factor: number): Promise<HTMLCanvasElement> {
  const original = map.getPixelRatio();
  map.setPixelRatio(factor);
  try {
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    return await new Promise<HTMLCanvasElement>((resolve) => {
      map.once('render', () => {
        const source = map.getCanvas();
        const copy = document.createElement('canvas');
        copy.width = source.width;
        copy.height = source.height;
        copy.getContext('2d')!.drawImage(source, 0, 0);
        resolve(copy);
      });
      map.triggerRepaint();
    });
  } finally {
    map.setPixelRatio(original);
  }
}

/** Metres per CSS pixel across the middle of the view. */
function metresPerPixel(map: MapLibreMap): number {
  const c = map.getContainer();
  const y = c.clientHeight / 2;
  const x = c.clientWidth / 2;
  const a = map.unproject([x - 50, y]);
  const b = map.unproject([x + 50, y]);
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return (2 * 6371008.8 * Math.asin(Math.sqrt(h))) / 100;
}

/** The longest round length (1, 2 or 5 × 10ⁿ m) not longer than `max` metres. */
export function niceLength(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [5, 2, 1]) if (m * p <= max) return m * p;
  return p;
}

const lengthText = (m: number) => (m >= 1000 ? `${m / 1000} km` : `${m} m`);

/**
 * The map view as a PNG at print resolution, with legend, title, date, labels, scale bar and north
 * arrow. `coveredLeft` CSS pixels at the map's left edge (under the open sidebar, which floats over
 * the map) are left out of the image, as they show nothing the user could see; the legend then gets a
 * white column of its own left of the map (never wider than the part left out), so that it covers no
 * commune.
 */
export async function mapImage(
  map: MapLibreMap,
  text: MapImageText,
  factor = PNG_FACTOR,
  coveredLeft = 0,
): Promise<Uint8Array> {
  const shot = await captureMap(map, factor);
  const f = shot.width / map.getContainer().clientWidth;
  const band = Math.round(64 * f);
  const cut = Math.min(Math.max(0, Math.round(coveredLeft * f)), Math.round(shot.width / 2));
  const font = (px: number, bold = false) =>
    `${bold ? '600 ' : ''}${Math.round(px * f)}px system-ui, sans-serif`;
  // The legend box's size, measured before the canvas is sized (its column depends on it).
  const measure = document.createElement('canvas').getContext('2d')!;
  const rowH = 20 * f;
  measure.font = font(13, true);
  const titleW = measure.measureText(text.legendTitle).width;
  measure.font = font(12);
  const labelW = Math.max(...text.legend.map((c) => measure.measureText(c.label).width), 0);
  const noteW = text.note ? measure.measureText(text.note).width : 0;
  const boxW = Math.max(titleW, labelW + 28 * f, noteW) + 20 * f;
  const boxH = (34 + (text.note ? 18 : 0)) * f + rowH * text.legend.length;
  const column = cut > 0 ? Math.min(cut, Math.ceil(boxW + 32 * f)) : 0;
  const mapW = shot.width - cut;
  const canvas = document.createElement('canvas');
  canvas.width = column + mapW;
  canvas.height = shot.height + band;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(shot, cut, 0, mapW, shot.height, column, band, mapW, shot.height);

  // Title band.
  g.fillStyle = '#10202a';
  g.textBaseline = 'top';
  g.font = font(20, true);
  g.fillText(text.title, 16 * f, 10 * f);
  g.font = font(13);
  g.fillStyle = '#44525c';
  g.fillText(text.date, 16 * f, 38 * f);
  g.textAlign = 'right';
  g.fillStyle = '#a01818';
  g.font = font(13, true);
  text.labels.forEach((l, i) => {
    g.fillText(l, canvas.width - 16 * f, (12 + i * 20) * f);
  });
  g.textAlign = 'left';
  g.fillStyle = '#c9d1d6';
  g.fillRect(0, band - Math.max(1, f), canvas.width, Math.max(1, f));

  // Legend, bottom left.
  const bx = 16 * f;
  const by = canvas.height - boxH - 40 * f;
  g.fillStyle = 'rgba(255,255,255,0.92)';
  g.strokeStyle = '#8a979f';
  g.lineWidth = Math.max(1, f);
  g.fillRect(bx, by, boxW, boxH);
  g.strokeRect(bx, by, boxW, boxH);
  g.fillStyle = '#10202a';
  g.font = font(13, true);
  g.fillText(text.legendTitle, bx + 10 * f, by + 9 * f);
  g.font = font(12);
  text.legend.forEach((c, i) => {
    const y = by + 32 * f + i * rowH;
    g.fillStyle = c.color;
    g.fillRect(bx + 10 * f, y, 18 * f, 14 * f);
    g.strokeStyle = '#5b6770';
    g.strokeRect(bx + 10 * f, y, 18 * f, 14 * f);
    g.fillStyle = '#10202a';
    g.fillText(c.label, bx + 36 * f, y + 1 * f);
  });
  if (text.note) {
    g.fillStyle = '#44525c';
    g.fillText(text.note, bx + 10 * f, by + 32 * f + rowH * text.legend.length + 2 * f);
  }

  // Scale bar, bottom right: a round length up to 160 CSS px.
  const mpp = metresPerPixel(map);
  const metres = niceLength(mpp * 160);
  const barW = (metres / mpp) * f;
  const sx = canvas.width - 24 * f - barW;
  const sy = canvas.height - 40 * f;
  g.fillStyle = 'rgba(255,255,255,0.92)';
  g.fillRect(sx - 8 * f, sy - 24 * f, barW + 16 * f, 36 * f);
  g.strokeStyle = '#10202a';
  g.lineWidth = 2 * f;
  g.beginPath();
  g.moveTo(sx, sy - 6 * f);
  g.lineTo(sx, sy);
  g.lineTo(sx + barW, sy);
  g.lineTo(sx + barW, sy - 6 * f);
  g.stroke();
  g.fillStyle = '#10202a';
  g.font = font(12);
  g.textAlign = 'center';
  g.fillText(lengthText(metres), sx + barW / 2, sy - 20 * f);

  // North arrow, top right of the map (the map is never rotated: dragRotate is off).
  const nx = canvas.width - 40 * f;
  const ny = band + 24 * f;
  g.fillStyle = 'rgba(255,255,255,0.92)';
  g.fillRect(nx - 18 * f, ny - 8 * f, 36 * f, 60 * f);
  g.fillStyle = '#10202a';
  g.beginPath();
  g.moveTo(nx, ny + 20 * f);
  g.lineTo(nx - 10 * f, ny + 46 * f);
  g.lineTo(nx, ny + 40 * f);
  g.lineTo(nx + 10 * f, ny + 46 * f);
  g.closePath();
  g.fill();
  g.font = font(14, true);
  g.fillText('N', nx, ny - 4 * f);
  g.textAlign = 'left';

  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the map image could not be encoded'))),
      'image/png',
    ),
  );
  return new Uint8Array(await blob.arrayBuffer());
}
