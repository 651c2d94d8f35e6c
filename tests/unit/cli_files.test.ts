/**
 * Files that are not files, the output folder and the report reader, through the CLI: each case is
 * exit 1 with a message naming the flag (or file) and what is wrong — never exit 2, a stack trace or a
 * hang (a hang fails by the test timeout).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniReport } from '../support/mini_report.ts';
import { ROOT } from '../support/sample.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary JSON
type Json = any;

const BIN = join(ROOT, 'bin/vungphu.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vungphu-files-'));
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Exit 1 with exactly one "error:" line containing `message`, and no stack trace. */
function expectRefused(r: ReturnType<typeof run>, message: string) {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stderr).toContain(`error: ${message}`);
  expect(r.status).toBe(1);
}

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const isRoot = process.getuid?.() === 0;

describe('inputs that are not regular files', () => {
  let server: Server;
  const socket = join(dir, 'sites.sock');
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((ok) => server.listen(socket, ok));
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('a folder', () => {
    mkdirSync(join(dir, 'a-folder.geojson'), { recursive: true });
    expectRefused(
      run(['analyze', '--sites', 'a-folder.geojson', '--out', 'o1']),
      '--sites a-folder.geojson: is a folder, not a file; give the path of a data file.',
    );
  });

  it('/dev/zero (stat says 0 bytes; reading would never end)', () => {
    expectRefused(
      run(['analyze', '--sites', '/dev/zero', '--out', 'o2']),
      '--sites /dev/zero: is a device, not a file',
    );
  });

  it.skipIf(!hasMkfifo)('a FIFO made with mkfifo (opening it would wait for a writer)', () => {
    const fifo = join(dir, 'pipe.csv');
    spawnSync('mkfifo', [fifo]);
    expectRefused(
      run(['analyze', '--population', fifo, '--out', 'o3']),
      `--population ${fifo}: is a named pipe (FIFO), not a file`,
    );
  });

  it('a socket', () => {
    expectRefused(
      run(['analyze', '--boundaries', socket, '--out', 'o4']),
      `--boundaries ${socket}: is a socket`,
    );
  });

  it('a folder as --config and --targets', () => {
    expectRefused(run(['analyze', '--config', '/tmp', '--out', 'o5']), '--config /tmp: is a folder');
    mkdirSync(join(dir, 'targets.json'), { recursive: true });
    expectRefused(
      run(['analyze', '--targets', 'targets.json', '--out', 'o5']),
      '--targets targets.json: is a folder',
    );
  });
});

describe('the output folder, checked before the analysis', () => {
  it('--out naming an existing file', () => {
    writeFileSync(join(dir, 'a-file'), 'keep me');
    expectRefused(
      run(['analyze', '--out', 'a-file']),
      '--out a-file: is a file, not a folder; choose a folder (it is created when missing).',
    );
    expectRefused(run(['analyze', '--out', 'a-file/sub']), '--out a-file/sub: ');
  });

  it('--out under /proc (a pseudo file system; judged on the real path)', () => {
    expectRefused(
      run(['analyze', '--out', '/proc/self/x']),
      '--out /proc/self/x: is on a system pseudo file system',
    );
    expectRefused(
      run(['plan-sites', '--out', '/sys/kernel/x']),
      '--out /sys/kernel/x: is on a system pseudo file system',
    );
  });

  it('--out through a symbolic link into /proc', () => {
    const link = join(dir, 'proc-link');
    spawnSync('ln', ['-s', '/proc/self', link]);
    expectRefused(
      run(['analyze', '--out', `${link}/out`]),
      `--out ${link}/out: is on a system pseudo file system (/proc/`,
    );
  });

  // As root, permissions do not stop a write (CI often runs as root): there the CLI is run as the
  // unprivileged user "nobody" (uid 65534) when possible; otherwise the case is skipped, and the atomic
  // writer's EACCES/EROFS handling is still covered with an injected fs in bounded_output.test.ts.
  const asNobody = isRoot ? { uid: 65534, gid: 65534 } : {};
  // As root the check runs the CLI as nobody, which needs the checkout to be readable by other users
  // (a clone inside a 0700 mktemp folder is not): the CLI itself must start as nobody.
  const canDropRoot =
    !isRoot || spawnSync(process.execPath, [BIN, '--version'], { ...asNobody, cwd: '/' }).status === 0;
  it.skipIf(!canDropRoot)('--out a read-only folder (chmod 555)', () => {
    const base = mkdtempSync(join(tmpdir(), 'vungphu-ro-'));
    chmodSync(base, 0o777);
    const ro = join(base, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const runRo = (args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { cwd: base, encoding: 'utf8', ...asNobody });
    expectRefused(
      runRo(['analyze', '--out', ro]),
      `--out ${ro}: the output folder is not writable (permission denied, EACCES)`,
    );
    expectRefused(
      runRo(['report', '--out', join(ro, 'sub')]),
      `--out ${join(ro, 'sub')}: the output folder cannot be created (permission denied, EACCES)`,
    );
  });

  it('report --out naming a file is refused before the analysis runs', () => {
    const r = run(['report', '--out', 'a-file', '--format', 'csv']);
    expectRefused(r, '--out a-file: is a file');
    expect(r.stderr).not.toContain('imported');
  });
});

describe('report --from and --baseline with a tampered report.json', () => {
  const good = join(dir, 'good');
  beforeAll(() => {
    mkdirSync(good, { recursive: true });
    writeFileSync(join(good, 'report.json'), JSON.stringify(miniReport()));
  });
  const tamper = (name: string, text: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'report.json'), text);
    return name;
  };
  const edited = (edit: (r: Record<string, Json>) => void) => {
    const r = JSON.parse(JSON.stringify(miniReport()));
    edit(r);
    return JSON.stringify(r);
  };

  it('a valid report is reported on', () => {
    const r = run(['report', '--from', 'good', '--format', 'csv', '--out', 'good-out']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    [
      'a text for a percentage',
      edited((r) => (r.units[3].coverage[0].population_pct = 'abc')),
      'units[3].coverage[0].population_pct: must be a number (got "abc")',
    ],
    ['units not a list', edited((r) => (r.units = {})), 'units: must be a list (got an object)'],
    ['a unit without coverage', edited((r) => delete r.units[0].coverage), 'units[0].coverage: is missing'],
    ['a null target', edited((r) => (r.targets[0] = null)), 'targets[0]: must be an object (got null)'],
    ['no method', edited((r) => delete r.method), 'method: is missing'],
  ])('--from with %s', (name, text, problem) => {
    const d = tamper(`t-${name.replace(/\W+/g, '-')}`, text);
    expectRefused(
      run(['report', '--from', d, '--format', 'csv']),
      `${join(d, 'report.json')}: not a valid Vùng Phủ report.json (1 problem(s)): ${problem}.`,
    );
  });

  it.each([
    ['a list', '[]'],
    ['a target file', '{"province":"Gia Lai","targets":[]}'],
  ])('--from with %s instead of a report', (name, text) => {
    const d = tamper(`t-${name.replace(/\W+/g, '-')}`, text);
    expectRefused(
      run(['report', '--from', d, '--format', 'csv']),
      `${join(d, 'report.json')}: not a Vùng Phủ report.json (no units or method).`,
    );
  });

  it('--from with cut JSON', () => {
    const d = tamper('t-cut', JSON.stringify(miniReport()).slice(0, 300));
    expectRefused(
      run(['report', '--from', d, '--format', 'csv']),
      `${join(d, 'report.json')}: not valid JSON`,
    );
  });

  it('--baseline with a tampered file, named with its field', () => {
    const d = tamper(
      't-baseline',
      edited((r) => (r.units[1].area_km2 = -3)),
    );
    expectRefused(
      run([
        'report',
        '--from',
        'good',
        '--baseline',
        join(d, 'report.json'),
        '--format',
        'csv',
        '--out',
        'b-out',
      ]),
      `${join(d, 'report.json')}: not a valid Vùng Phủ report.json (1 problem(s)): units[1].area_km2: must be at least 0 (got -3).`,
    );
  });

  it('--from naming a missing folder or a file', () => {
    writeFileSync(join(dir, 'a-file'), 'keep me');
    expectRefused(
      run(['report', '--from', 'no-such-folder', '--format', 'csv']),
      'no-such-folder/report.json: file not found (--from no-such-folder: no such folder).',
    );
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    expectRefused(run(['report', '--from', 'a-file', '--format', 'csv']), '--from a-file: is not a folder');
  });

  it('--baseline naming a folder', () => {
    expectRefused(
      run(['report', '--from', 'good', '--baseline', 'good', '--format', 'csv']),
      '--baseline good: is a folder',
    );
  });

  it('a tampered gaps.geojson beside a valid report.json', () => {
    const d = tamper('t-gaps', JSON.stringify(miniReport()));
    writeFileSync(join(dir, d, 'gaps.geojson'), '{"type":"FeatureCollection","features":{"a":1}}');
    const r = run([
      'report',
      '--from',
      d,
      '--format',
      'geojson',
      '--boundaries',
      join(ROOT, 'tests/fixtures/bad/base/boundaries.geojson'),
    ]);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.status).toBe(1);
  });
});

describe('huge and deep values echoed', () => {
  it('a 50 MB cell: stderr shows a bounded excerpt', () => {
    const big = join(dir, 'big-cell.csv');
    writeFileSync(big, `id,lon,lat,operator,technology\nS1,108.05,14.05,Viettel,${'4'.repeat(50_000_000)}\n`);
    const r = run([
      'analyze',
      '--sites',
      big,
      '--boundaries',
      join(ROOT, 'tests/fixtures/bad/base/boundaries.geojson'),
      '--out',
      'big-out',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('unknown technology "4444');
    expect(r.stderr).toContain('… (50,000,000 characters)');
    expect(r.stderr.length).toBeLessThan(5000);
  }, 180_000);

  it('a rejected feature with a 5,000-level nested property: rejected.csv shows "[nested too deep]"', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const file = join(dir, 'deep.geojson');
    writeFileSync(
      file,
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"S1","technology":"4G","operator":"Viettel","deep":${deep}},"geometry":{"type":"Point","coordinates":[500,14]}}]}`,
    );
    const r = run([
      'analyze',
      '--sites',
      file,
      '--boundaries',
      join(ROOT, 'tests/fixtures/bad/base/boundaries.geojson'),
      '--out',
      'deep-out',
    ]);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'deep-out'))).toContain('rejected.csv');
    expect(existsSync(join(dir, 'deep-out', 'report.json'))).toBe(true);
    const rejected = readFileSync(join(dir, 'deep-out', 'rejected.csv'), 'utf8');
    expect(rejected).toContain('[nested too deep]');
    expect(rejected.length).toBeLessThan(20_000);
  });
});
