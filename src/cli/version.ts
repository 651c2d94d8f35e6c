/** The CLI's version: the "version" of the project's package.json, read when asked for. */
import { readFileSync } from 'node:fs';
import { ROOT } from './paths.ts';

/** package.json's version, e.g. "0.1.0". */
export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
  return version;
}
