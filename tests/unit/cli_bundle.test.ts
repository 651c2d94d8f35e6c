/**
 * The compiled CLI: `npm run build:cli` (run by npm install, npm test and test:unit before vitest)
 * leaves dist-cli/vungphu.mjs, the bin runs it with plain node, the project root is found from any
 * directory, and a missing or stale bundle falls back to the TypeScript source with a note. No
 * timing is asserted here (see `npm run bench:cli`).
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectRoot } from '../../src/cli/project_root.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const BUNDLE = join(ROOT, 'dist-cli/vungphu.mjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const node = (args: string[], cwd: string) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });

describe('the bundled CLI', () => {
  it('exists after the build, with the manifest of the sources it was built from', () => {
    expect(existsSync(BUNDLE)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist-cli/manifest.json'), 'utf8'));
    expect(manifest.sources).toContain('src/cli/main.ts');
    expect(manifest.sources).toContain('src/core/coverage/analyze.ts');
    expect(manifest.sources.every((p: string) => p.startsWith('src/'))).toBe(true);
  });

  it('prints package.json’s version, run directly and through the bin (which uses it: no note)', () => {
    const direct = node([BUNDLE, '--version'], tmpdir());
    expect(direct.status).toBe(0);
    expect(direct.stdout).toBe(`${VERSION}\n`);
    const viaBin = node([BIN, '--version'], tmpdir());
    expect(viaBin.stdout).toBe(`${VERSION}\n`);
    expect(viaBin.stderr).toBe('');
  });

  it('runs analyze on the sample from another directory, finding data/ from its own location', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vungphu-cwd-'));
    const r = node([BIN, 'analyze', '--boundary-set', '2025', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/bundled CLI/);
    expect(r.stdout).toMatch(/wrote out\/report\.json/);
    const report: CoverageReport = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(report.inputs.boundaries).toBe(`${ROOT}data/sample/communes-2025.geojson`);
    expect(report.units.filter((u) => u.level === 'commune')).toHaveLength(259);
  });
});

describe('the project root', () => {
  it('is found from the bundle’s folder, the source folder and the root itself', () => {
    for (const start of [join(ROOT, 'dist-cli/chunks'), join(ROOT, 'src/cli'), ROOT])
      expect(findProjectRoot(start)).toBe(ROOT);
  });
  it('is an error outside the project', () => {
    expect(() => findProjectRoot(tmpdir())).toThrowError(/no vungphu package\.json/);
  });
});

describe('the bin without a usable bundle', () => {
  /** A copy of the project's layout (bin, package.json; src, data and node_modules linked) in a temp folder. */
  function layout(): string {
    const dir = mkdtempSync(join(tmpdir(), 'vungphu-layout-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin/vungphu.mjs'));
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    for (const d of ['src', 'data', 'node_modules']) symlinkSync(join(ROOT, d), join(dir, d));
    return dir;
  }

  it('runs the TypeScript source through tsx when dist-cli/ is missing, saying so on stderr', () => {
    const dir = layout();
    const r = node([join(dir, 'bin/vungphu.mjs'), '--version'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.stderr).toMatch(/^vungphu: bundled CLI missing; running the TypeScript source through tsx/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('does the same when a source file is newer than the bundle', () => {
    const dir = layout();
    cpSync(join(ROOT, 'dist-cli'), join(dir, 'dist-cli'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'dist-cli/manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'dist-cli/manifest.json'), JSON.stringify({ ...manifest, builtAtMs: 0 }));
    const r = node([join(dir, 'bin/vungphu.mjs'), '--version'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.stderr).toMatch(/^vungphu: bundled CLI stale: src\/\S+ changed; running the TypeScript source/);
  });
});

describe('big inputs', () => {
  // Every node process of the run prints its V8 flags first (a preload through NODE_OPTIONS).
  const PRINT_FLAGS =
    "--import=data:text/javascript,console.error('flags:'+JSON.stringify(process.execArgv))";
  const run = (args: string[], threshold: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: PRINT_FLAGS, VUNGPHU_BIG_INPUT_BYTES: threshold },
    });
  const flagLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('flags:'));
  const sites = join(ROOT, 'data/synthetic/sites.synthetic.csv');

  it('over the threshold, run in a child node with the heap flags; its exit code and messages come back', () => {
    const r = run(['analyze', '--sites', sites, '--out', '/proc/nowhere'], '1000');
    const flags = flagLines(r.stderr);
    expect(flags).toHaveLength(2);
    expect(flags[1]).toContain('--max-semi-space-size=64');
    expect(flags[1]).toContain('--heap-growing-percent=50');
    expect(r.stderr).toContain('error: --out /proc/nowhere: is on a system pseudo file system');
    expect(r.status).toBe(1);
  });

  it('under it, one process with no extra flags', () => {
    const r = run(['analyze', '--sites', sites, '--out', '/proc/nowhere'], String(2 ** 40));
    expect(flagLines(r.stderr)).toEqual(['flags:[]']);
    expect(r.status).toBe(1);
  });
});
