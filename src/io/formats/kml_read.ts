import { UserError } from '../../core/base/errors.ts';
import { parseNumberText, setOwn } from './fields.ts';
import type { LooseGeometry } from './positions.ts';
import { child, children, descendants, parseXml, type XmlElement } from './xml_read.ts';
import { readZip } from './zip_read.ts';

type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] };

export interface PlainFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: LooseGeometry | null; properties: Record<string, unknown> }[];
}

/** Positions from a KML `<coordinates>` text: "lon,lat[,alt]" tuples separated by whitespace. */
function positions(el: XmlElement | undefined): number[][] {
  const raw = el ? child(el, 'coordinates')?.text : undefined;
  if (!raw) return [];
  return raw
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) =>
      t
        .split(',')
        .slice(0, 2)
        .map((n) => parseNumberText(n) ?? Number.NaN),
    );
}

function ring(boundary: XmlElement | undefined): number[][] {
  return positions(boundary ? child(boundary, 'LinearRing') : undefined);
}

function geometryOf(el: XmlElement): Geometry | null {
  switch (el.local) {
    case 'Point':
      return { type: 'Point', coordinates: positions(el)[0] ?? [] };
    case 'LineString':
      return { type: 'LineString', coordinates: positions(el) };
    case 'LinearRing':
      return { type: 'Polygon', coordinates: [positions(el)] };
    case 'Polygon': {
      const outer = ring(child(el, 'outerBoundaryIs'));
      const inner = children(el, 'innerBoundaryIs').map(ring);
      return { type: 'Polygon', coordinates: outer.length ? [outer, ...inner] : [] };
    }
    case 'MultiGeometry': {
      const parts = el.children.map(geometryOf).filter((g): g is Geometry => g !== null);
      const type = parts[0]?.type;
      if (parts.length > 0 && parts.every((p) => p.type === type) && type !== 'GeometryCollection') {
        return { type: `Multi${type}`, coordinates: parts.map((p) => p.coordinates) };
      }
      return { type: 'GeometryCollection', geometries: parts };
    }
    default:
      return null;
  }
}

const GEOMETRY = new Set(['Point', 'LineString', 'LinearRing', 'Polygon', 'MultiGeometry']);

/**
 * Reads KML Placemarks as GeoJSON features. Properties come from `<name>`, `<description>`,
 * `<ExtendedData>` (`<Data name><value>` and `<SchemaData><SimpleData name>`) and the Placemark's `id`
 * attribute (as `id` when no data field is called that). Coordinates are WGS 84 lon/lat, as KML requires.
 */
export function kmlFeatures(text: string, file: string): PlainFeatureCollection {
  const doc = parseXml(text, file);
  const top = doc.children[0]!;
  if (top.local !== 'kml' && top.local !== 'Document' && top.local !== 'Folder')
    throw new UserError(`${file}: not KML (the top element is <${top.name}>, expected <kml>).`);
  const features = descendants(doc, 'Placemark').map((pm) => {
    const properties: Record<string, unknown> = {};
    const name = child(pm, 'name')?.text.trim();
    if (name) properties.name = name.normalize('NFC');
    const description = child(pm, 'description')?.text.trim();
    if (description) properties.description = description.normalize('NFC');
    const data = child(pm, 'ExtendedData');
    if (data) {
      for (const d of children(data, 'Data')) {
        if (d.attrs.name)
          setOwn(properties, d.attrs.name, (child(d, 'value')?.text ?? '').trim().normalize('NFC'));
      }
      for (const sd of descendants(data, 'SimpleData')) {
        if (sd.attrs.name) setOwn(properties, sd.attrs.name, sd.text.trim().normalize('NFC'));
      }
    }
    if (!Object.hasOwn(properties, 'id') && pm.attrs.id) properties.id = pm.attrs.id;
    const g = pm.children.find((c) => GEOMETRY.has(c.local));
    return { type: 'Feature' as const, geometry: g ? geometryOf(g) : null, properties };
  });
  return { type: 'FeatureCollection', features };
}

/** Reads a KMZ (a zip holding doc.kml, or else its first .kml file) as GeoJSON features. */
export function kmzFeatures(bytes: Uint8Array, file: string): PlainFeatureCollection {
  const entries = readZip(bytes, file);
  const names = [...entries.keys()].filter((n) => /\.kml$/i.test(n)).sort();
  const main = names.find((n) => /(^|\/)doc\.kml$/i.test(n)) ?? names[0];
  if (!main) throw new UserError(`${file}: the KMZ holds no .kml file.`);
  return kmlFeatures(new TextDecoder('utf-8').decode(entries.get(main)!), `${file}: ${main}`);
}
