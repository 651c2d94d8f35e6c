/** Where the CLI finds the bundled data: the project root, from this module's folder. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProjectRoot } from './project_root.ts';

/**
 * The project root (where data/ and package.json live), with a trailing separator. Found by walking
 * up from this module, so it is the same from src/cli/ (tsx), from the bundle in dist-cli/ and from
 * any current directory.
 */
export const ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** The bundled sample: real boundaries and population, synthetic infrastructure. */
export const SAMPLE = {
  boundaries: {
    pre2025: `${ROOT}data/sample/communes-pre2025.geojson`,
    '2025': `${ROOT}data/sample/communes-2025.geojson`,
  },
  sites: `${ROOT}data/synthetic/sites.synthetic.geojson`,
  postal: `${ROOT}data/synthetic/postal.synthetic.geojson`,
  fiber: `${ROOT}data/synthetic/fiber.synthetic.geojson`,
  villages: `${ROOT}data/synthetic/villages.synthetic.geojson`,
  /** The official successor of each pre-2025 commune (scripts/build_data.ts). */
  composition: `${ROOT}data/sample/composition-pre2025-2025.csv`,
  /** The pre2025 → 2025 crosswalk as `vungphu crosswalk` writes it, for converting baselines. */
  crosswalk: `${ROOT}data/sample/crosswalk-pre2025-2025.csv`,
} as const;

/** The bundled target files, by province name (data/targets/). */
export const BUNDLED_TARGETS: Record<string, string> = {
  'Gia Lai': `${ROOT}data/targets/gialai.json`,
  'Đắk Nông': `${ROOT}data/targets/daknong.json`,
};
