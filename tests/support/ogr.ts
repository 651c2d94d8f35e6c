import { execFileSync, spawnSync } from 'node:child_process';

/** Whether a command-line tool is on the PATH (GDAL's ogrinfo, poppler's pdftotext). */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * A test tool that CI must have: in CI (CI=true) a missing tool fails the run, elsewhere the
 * tests that need it are skipped (install with `apt-get install gdal-bin poppler-utils`).
 */
export function requireTool(name: string): boolean {
  const ok = hasTool(name);
  if (!ok && process.env.CI) throw new Error(`${name} is not installed (.ci/run installs it)`);
  return ok;
}

export type OgrValue = string | number | null;

/**
 * Reads one layer with GDAL's `ogrinfo` (an independent reader) and returns its features as
 * name → value maps: Integer/Real fields as numbers, the rest as strings, (null) as null.
 */
export function ogrFeatures(source: string, layer: string): Record<string, OgrValue>[] {
  const text = execFileSync('ogrinfo', ['-ro', '-al', '-geom=NO', '-q', source, layer], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const features: Record<string, OgrValue>[] = [];
  let cur: Record<string, OgrValue> | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('OGRFeature(')) {
      cur = {};
      features.push(cur);
      continue;
    }
    const m = /^ {2}(\S+) \((\w+)\) = (.*)$/.exec(line);
    if (!m || !cur) continue;
    const [, name, type, raw] = m as unknown as [string, string, string, string];
    cur[name] =
      raw === '(null)'
        ? null
        : type === 'Real' || type === 'Integer' || type === 'Integer64'
          ? Number(raw)
          : raw;
  }
  return features;
}

/** Layer names and feature counts from `ogrinfo -so`, plus each layer's geometry type. */
export function ogrSummary(source: string): { layer: string; geometry: string; count: number }[] {
  const text = execFileSync('ogrinfo', ['-ro', '-so', '-al', source], { encoding: 'utf8' });
  const out: { layer: string; geometry: string; count: number }[] = [];
  for (const block of text.split(/\nLayer name: /).slice(1)) {
    const layer = block.split('\n')[0]!.trim();
    const geometry = /Geometry: (.*)/.exec(block)?.[1]?.trim() ?? '';
    const count = Number(/Feature Count: (\d+)/.exec(block)?.[1] ?? Number.NaN);
    out.push({ layer, geometry, count });
  }
  return out;
}
