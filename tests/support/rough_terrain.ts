/**
 * Rough synthetic highland terrain (`relief` scales the amplitudes; local metres in, metres out): ridges and valleys at 0.3–6 km scales (wave directions and phases from a seed).
 */
export function roughTerrain(seed: number, relief = 1): (x: number, y: number) => number {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const waves = Array.from({ length: 12 }, (_, i) => ({
    k: (2 * Math.PI) / (6000 / 1.6 ** i),
    a: (relief * 220) / 1.45 ** i,
    dir: rand() * Math.PI,
    phase: rand() * 2 * Math.PI,
  }));
  return (x, y) => {
    let h = 700;
    for (const w of waves) h += w.a * Math.sin(w.k * (x * Math.cos(w.dir) + y * Math.sin(w.dir)) + w.phase);
    return h;
  };
}

/**
 * Deterministic rough terrain over longitude and latitude (degrees in, metres out), for the benches on
 * the sample: a plateau of ~700 m with ranges (~20 km), ridges (~6 km) and hills (~2 km).
 */
export function highlandTerrain(lon: number, lat: number): number {
  const x = lon * 111;
  const y = lat * 111; // km, roughly
  const ranges = 450 * Math.sin(x / 23) * Math.cos(y / 31);
  const ridges = 220 * Math.abs(Math.sin((x + 0.6 * y) / 6.5)) - 110;
  const hills = 90 * Math.sin(x / 2.1 + Math.cos(y / 3.3)) * Math.cos(y / 1.7);
  return Math.max(40, 700 + ranges + ridges + hills);
}
