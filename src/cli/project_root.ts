/**
 * Finds this project's root folder (the one holding vungphu's package.json) by walking up from a
 * directory, so the CLI finds data/ whether it runs from src/cli/ (tsx) or from the bundle in
 * dist-cli/, and from whatever the current directory is.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** The package.json name that marks the root. */
const PACKAGE_NAME = 'vungphu';

/** The nearest folder at or above `start` whose package.json is vungphu's, with a trailing separator. */
export function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (readPackageName(join(dir, 'package.json')) === PACKAGE_NAME)
      return dir.endsWith(sep) ? dir : dir + sep;
    if (dirname(dir) === dir) throw new Error(`no ${PACKAGE_NAME} package.json at or above ${start}`);
  }
}

/** The "name" of a package.json, or undefined when there is none or it is not JSON. */
function readPackageName(path: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
