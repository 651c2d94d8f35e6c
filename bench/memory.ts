/**
 * Memory under the stated limits (issue 12): seeded sites CSVs of 200 MB (about 4.3 M rows) and at the
 * 512 MiB import limit, generated into a temporary folder, each imported alone (`memory_import.ts`)
 * and run through the whole CLI `vungphu analyze`, as child processes: wall time, peak RSS (from
 * /usr/bin/time -v when present, else the child's own figure) and the outcome. Targets: the 200 MB file
 * under 60 s and 2 GB; the 512 MiB file analysed or refused with a clear message.
 * `npm run bench` runs it; `tsx bench/memory.ts 40` runs one size (MB) only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSitesCsv } from './sites_csv_gen.ts';

const root = new URL('../', import.meta.url).pathname;
const TIME = '/usr/bin/time';

interface Run {
  seconds: number;
  peakMiB: number | null;
  code: number | null;
  outcome: string;
}

/** Runs a command, timed; peak RSS from GNU time's "Maximum resident set size" line. */
function run(args: string[]): Run {
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = spawnSync(timed ? TIME : args[0]!, timed ? ['-v', ...args] : args.slice(1), {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '' && !/^\t/.test(l));
  const outcome =
    lines.find((l) => /sites.*imported|refused|error|limit|heap/i.test(l)) ?? lines.at(-1) ?? '';
  const exit = /Exit status: (\d+)/.exec(r.stderr)?.[1];
  return {
    seconds,
    peakMiB: kb ? Number(kb) / 1024 : null,
    code: exit !== undefined ? Number(exit) : r.status,
    outcome: outcome.trim().slice(0, 240),
  };
}

const fmt = (r: Run, targetS?: number, targetMiB?: number) => {
  const over = (targetS && r.seconds > targetS) || (targetMiB && r.peakMiB && r.peakMiB > targetMiB);
  const target = targetS ? ` (target < ${targetS} s, < ${targetMiB} MiB${over ? ', OVER' : ''})` : '';
  return `${r.seconds.toFixed(1)} s, peak RSS ${r.peakMiB === null ? '?' : r.peakMiB.toFixed(0)} MiB, exit ${r.code}${target}\n      ${r.outcome}`;
};

const sizes = process.argv[2] ? [Number(process.argv[2]) * 1e6] : [200e6, 512 * 1024 * 1024 - 4096];
const dir = mkdtempSync(join(tmpdir(), 'vungphu-bench-'));
console.log('memory under the stated limits (sites CSV, seeded, within Gia Lai and Đắk Nông):');
try {
  for (const bytes of sizes) {
    const path = join(dir, `sites-${Math.round(bytes / 1e6)}mb.csv`);
    const gen = writeSitesCsv(path, bytes);
    const label = `${(gen.bytes / 1e6).toFixed(0)} MB, ${gen.rows.toLocaleString('en-US')} rows`;
    const small = bytes <= 250e6;
    const imp = run([process.execPath, '--import', 'tsx', join(root, 'bench/memory_import.ts'), path]);
    try {
      const child = JSON.parse(imp.outcome) as { outcome: string; seconds: number; peakRssMiB: number };
      imp.outcome = child.outcome;
      imp.peakMiB ??= child.peakRssMiB;
    } catch {
      // the child crashed: its last line is the outcome
    }
    console.log(`  ${label}, import alone: ${fmt(imp, small ? 60 : undefined, small ? 2048 : undefined)}`);
    const out = join(dir, 'out');
    const cli = run([
      process.execPath,
      join(root, 'bin/vungphu.mjs'),
      'analyze',
      '--boundary-set',
      'pre2025', // the generator's box: old Gia Lai and Đắk Nông
      '--sites',
      path,
      '--out',
      out,
    ]);
    console.log(`  ${label}, vungphu analyze: ${fmt(cli, small ? 60 : undefined, small ? 2048 : undefined)}`);
    rmSync(path, { force: true });
    rmSync(out, { recursive: true, force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
