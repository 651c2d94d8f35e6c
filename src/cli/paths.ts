import { fileURLToPath } from 'node:url';

/** The project root (where data/ lives), resolved from this file so the CLI works from any directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bundled sample: real boundaries and population, synthetic infrastructure. */
export const SAMPLE = {
  boundaries: {
    pre2025: `${ROOT}data/sample/communes-pre2025.geojson`,
    '2025': `${ROOT}data/sample/communes-2025-gialai.geojson`,
  },
  sites: `${ROOT}data/synthetic/sites.synthetic.geojson`,
  postal: `${ROOT}data/synthetic/postal.synthetic.geojson`,
  fiber: `${ROOT}data/synthetic/fiber.synthetic.geojson`,
  villages: `${ROOT}data/synthetic/villages.synthetic.geojson`,
} as const;

/** The bundled target files, by province name (data/targets/). */
export const BUNDLED_TARGETS: Record<string, string> = {
  'Gia Lai': `${ROOT}data/targets/gialai.json`,
  'Đắk Nông': `${ROOT}data/targets/daknong.json`,
};
