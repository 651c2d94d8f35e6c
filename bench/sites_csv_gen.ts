/**
 * A seeded generator of large sites CSV files for the memory benchmark (`bench/memory.ts`): rows of
 * the README's sites columns (id, lon, lat, technology, operator, radius_m, azimuth_deg, beamwidth_deg)
 * at random positions within the sample's provinces (Gia Lai and Đắk Nông), written to disk in 1 MiB
 * pieces so that the generator itself holds almost nothing. About 42 bytes a row: 200 MB is about 5 M
 * rows.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** The bounding box of the sample's communes (pre-2025), degrees. */
const BOX = [107.2074, 11.74886, 108.87332, 14.60316] as const;

const OPERATORS = ['Viettel', 'VNPT', 'MobiFone'];
const PREFIX = ['VT', 'VN', 'MF'];
const TECHS = ['4G', '4G;5G', '2G;4G', '2G;4G;5G', '3G;4G', '5G'];

/** Writes a sites CSV of about `bytes` bytes to `path` (seeded: the same file every time); returns its rows. */
export function writeSitesCsv(path: string, bytes: number, seed = 20261201): { rows: number; bytes: number } {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const fd = openSync(path, 'w');
  let written = 0;
  let rows = 0;
  let buf = 'id,lon,lat,technology,operator,radius_m,azimuth_deg,beamwidth_deg\n';
  try {
    while (written + buf.length < bytes) {
      const o = Math.floor(rnd() * 3);
      const lon = (BOX[0] + rnd() * (BOX[2] - BOX[0])).toFixed(5);
      const lat = (BOX[1] + rnd() * (BOX[3] - BOX[1])).toFixed(5);
      const sector = rnd() < 0.3;
      const radius = rnd() < 0.2 ? String(500 + Math.floor(rnd() * 4000)) : '';
      rows++;
      buf +=
        `${PREFIX[o]}-${rows.toString(36).padStart(5, '0')},${lon},${lat},${TECHS[Math.floor(rnd() * TECHS.length)]},` +
        `${OPERATORS[o]},${radius},${sector ? Math.floor(rnd() * 360) : ''},${sector ? 65 : ''}\n`;
      if (buf.length > 1 << 20) {
        written += writeSync(fd, buf);
        buf = '';
      }
    }
    written += writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return { rows, bytes: written };
}

// `tsx bench/sites_csv_gen.ts OUT.csv MEGABYTES` writes one file (for measuring by hand).
if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, mb] = process.argv.slice(2);
  if (!out || !mb) throw new Error('usage: tsx bench/sites_csv_gen.ts OUT.csv MEGABYTES');
  const r = writeSitesCsv(out, Number(mb) * 1e6);
  console.log(`${out}: ${r.rows} rows, ${r.bytes} bytes`);
}
