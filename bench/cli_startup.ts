/**
 * CLI start-up: whole-process wall time of `vungphu --version`, `--help` (also through `npx`),
 * `analyze --help` (every module of analyze loaded, no analysis) and `analyze` on the bundled
 * sample, run the built way (bin/vungphu.mjs → dist-cli/, plain node) and the old way (tsx
 * compiling src/cli/main.ts), against `node -e ''` as the floor. Builds the CLI from the current
 * source first.
 * The cases take turns, one run of each per round, so a load spike hits them all alike; each case has
 * one unrecorded warm-up run (tsx's transform cache, the disk cache). Prints median and min–max of
 * the wall time and, on Linux, the median CPU time (user + system) of the process, which a busy
 * machine inflates less than the wall time.
 *
 *   npm run bench:cli [-- runs] [--before DIR]
 *
 * Default 7 runs; `npm run bench` runs it too. `--before DIR` adds the bin of another checkout (e.g.
 * an older commit unpacked with `git archive`, its node_modules linked) as four more cases.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const argv = process.argv.slice(2);
const beforeAt = argv.indexOf('--before');
const BEFORE = beforeAt >= 0 ? argv.splice(beforeAt, 2)[1] : undefined;
const RUNS = Number(argv[0] ?? 7);

interface Case {
  label: string;
  args: string[];
  /** The program, when not this node. */
  command?: string;
}

const out = mkdtempSync(join(tmpdir(), 'vungphu-bench-cli-'));
const bin = join(ROOT, 'bin/vungphu.mjs');
const tsx = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
const CASES: Case[] = [
  { label: "node -e ''", args: ['-e', ''] },
  { label: 'vungphu --version', args: [bin, '--version'] },
  { label: 'vungphu --help', args: [bin, '--help'] },
  // npm's own start (config, the installed tree) comes on top of the bin.
  { label: 'npx vungphu --help', args: ['vungphu', '--help'], command: 'npx' },
  // Loads every module analyze needs, then prints its help: analyze's start-up without the analysis.
  { label: 'vungphu analyze --help', args: [bin, 'analyze', '--help'] },
  { label: 'vungphu analyze', args: [bin, 'analyze', '--out', join(out, 'bundle')] },
  { label: 'tsx --version', args: [...tsx, '--version'] },
  { label: 'tsx --help', args: [...tsx, '--help'] },
  { label: 'tsx analyze --help', args: [...tsx, 'analyze', '--help'] },
  { label: 'tsx analyze', args: [...tsx, 'analyze', '--out', join(out, 'tsx')] },
];
if (BEFORE) {
  const before = join(BEFORE, 'bin/vungphu.mjs');
  CASES.push(
    { label: 'before --version', args: [before, '--version'] },
    { label: 'before --help', args: [before, '--help'] },
    { label: 'before analyze --help', args: [before, 'analyze', '--help'] },
    { label: 'before analyze', args: [before, 'analyze', '--out', join(out, 'before')] },
  );
}

/** CPU time (user + system, ms) of this process's finished children, from /proc; null elsewhere. */
function childrenCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  // Fields after the ")" of the command name: cutime and cstime are the 14th and 15th, in 1/100 s.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Wall and CPU time of one process, in ms; throws when it fails or the bin did not run the bundle. */
function runOnce(c: Case): { wall: number; cpu: number | null } {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.command ?? process.execPath, c.args, { cwd: ROOT, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${c.label}: exit ${r.status}\n${r.stderr}`);
  if (r.stderr.includes('bundled CLI')) throw new Error(`${c.label}: the bin fell back to tsx: ${r.stderr}`);
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

function stats(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s.at(-1)! };
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build_cli.ts')], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const times = new Map<Case, number[]>(CASES.map((c) => [c, []]));
const cpuTimes = new Map<Case, number[]>(CASES.map((c) => [c, []]));
for (const c of CASES) runOnce(c);
const loadBefore = loadavg()[0]!;
for (let round = 0; round < RUNS; round++) {
  for (const c of CASES) {
    const { wall, cpu } = runOnce(c);
    times.get(c)!.push(wall);
    if (cpu !== null) cpuTimes.get(c)!.push(cpu);
  }
}
rmSync(out, { recursive: true, force: true });

const median = (label: string) => stats(times.get(CASES.find((c) => c.label === label)!)!).median;
console.log(
  `CLI start-up: ${RUNS} runs per case, whole process wall time (${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
    `node ${process.version}, load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`,
);
console.log(`| case | median | min–max | CPU (median) | tsx ÷ bundle |${BEFORE ? ' before ÷ bundle |' : ''}`);
console.log(`|---|---|---|---|---|${BEFORE ? '---|' : ''}`);
for (const c of CASES) {
  const s = stats(times.get(c)!);
  const cpu = cpuTimes.get(c)!.length ? `${seconds(stats(cpuTimes.get(c)!).median)} s` : '–';
  const bundled = c.label.startsWith('vungphu ');
  const ratio = (prefix: string) =>
    bundled ? `${(median(c.label.replace('vungphu ', prefix)) / s.median).toFixed(1)}×` : '';
  console.log(
    `| ${c.label} | ${seconds(s.median)} s | ${seconds(s.min)}–${seconds(s.max)} s | ${cpu} | ${ratio('tsx ')} |${BEFORE ? ` ${ratio('before ')} |` : ''}`,
  );
}
const analyzeS = median('vungphu analyze') / 1000;
console.log(
  `vungphu analyze: ${analyzeS.toFixed(2)} s whole process (the ratio to PostGIS on the same figures is ` +
    'measured by bench/postgis.ts, interleaved with its own CLI runs)',
);
