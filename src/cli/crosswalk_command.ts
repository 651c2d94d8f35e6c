/**
 * `vungphu crosswalk`: the crosswalk between the bundled boundary sets, from the geometry, checked
 * against the official composition of the 2025 units.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../core/base/errors.ts';
import type { Commune } from '../core/base/types.ts';
import { checkComposition } from '../core/crosswalk/check_composition.ts';
import { buildCrosswalk, type Crosswalk, DEFAULT_SLIVER_SHARE } from '../core/crosswalk/crosswalk.ts';
import { crosswalkCsv } from '../io/export/crosswalk_csv.ts';
import { communesFromGeoJSON } from '../io/import/boundaries.ts';
import { compositionFromCsv } from '../io/import/crosswalk_file.ts';
import { optionalNumber } from './number_flag.ts';
import { writeOutputFile } from './output_files.ts';
import { SAMPLE } from './paths.ts';
import { readText } from './read_inputs.ts';

export const CROSSWALK_HELP = `vungphu crosswalk — old communes to new units, from the geometry

Usage: vungphu crosswalk [--from pre2025] [--to 2025] [--out FILE.csv]

  --from SET            the old boundary set: pre2025 (default) or 2025
  --to SET              the new boundary set: 2025 (default) or pre2025
  --sliver-share S      pieces under this share of the old unit's area are slivers
                        (default ${DEFAULT_SLIVER_SHARE})
  --out FILE            write the CSV there (default: standard output)
  -h, --help            this help

Writes one row per piece of an old unit lying in a new unit: from_id, from_name, to_id,
to_name, area_km2 (geodesic), area_share (of the old unit's area), population_share (of
the new unit's census population carried from the old units, people spread evenly over
each old unit) and sliver. On standard error: the units whose shares do not add up to 1,
the slivers, and (pre2025 → 2025) how many 2025 units the official composition
(before_merger and the admin-units list) agrees with, and the ones it does not.
Exit codes: 0 success, 1 bad option, 2 internal error.`;

type SetName = 'pre2025' | '2025';

function setFlag(flag: string, value: string | undefined, fallback: SetName): SetName {
  const v = value ?? fallback;
  if (v !== 'pre2025' && v !== '2025') throw new UserError(`${flag} must be pre2025 or 2025 (got "${v}").`);
  return v;
}

function loadSet(set: SetName): Commune[] {
  const path = SAMPLE.boundaries[set];
  return communesFromGeoJSON(JSON.parse(readText(path)), { file: path }).communes;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The summary lines for stderr. */
export function crosswalkSummary(
  crosswalk: Crosswalk,
  from: SetName,
  to: SetName,
  official: ReadonlyMap<string, readonly string[]> | null,
): string[] {
  const lines: string[] = [];
  const slivers = crosswalk.rows.filter((r) => r.sliver);
  lines.push(
    `crosswalk ${from} → ${to}: ${crosswalk.oldUnits.length} old units, ${crosswalk.rows.length} pieces, ` +
      `${slivers.length} slivers (under ${pct(crosswalk.sliverShare)} of the old unit; ${slivers
        .reduce((s, r) => s + r.areaKm2, 0)
        .toFixed(1)} km² in all)`,
  );
  const off = crosswalk.oldUnits.filter((u) => Math.abs(u.matchedShare - 1) > 0.01);
  const worst = [...crosswalk.oldUnits].sort(
    (a, b) => Math.abs(b.matchedShare - 1) - Math.abs(a.matchedShare - 1),
  )[0];
  lines.push(
    `shares of each old unit add up to 1 within 1 % for ${crosswalk.oldUnits.length - off.length} of ${crosswalk.oldUnits.length}` +
      (worst ? `; the largest gap is ${worst.id} ${worst.name}: ${worst.matchedShare.toFixed(4)}` : '') +
      ' (the two sources do not trace the same edges; the gap is the part of the old unit outside every new unit)',
  );
  for (const u of off) lines.push(`  ${u.id} ${u.name}: shares add up to ${u.matchedShare.toFixed(4)}`);
  if (!official) return lines;
  const check = checkComposition(crosswalk, official);
  lines.push(
    `official composition: ${check.agreeing} of ${check.units} units agree with the geometry (${pct(check.agreeing / Math.max(1, check.units))})`,
  );
  for (const d of check.disagreements)
    lines.push(
      `  ${d.toId} ${d.toName}: officially also ${d.officialOnly.join(', ') || '—'}; by geometry also ${d.geometricOnly.join(', ') || '—'}`,
    );
  for (const c of check.sourceConflicts)
    lines.push(
      `  ${c.fromId}: the official sources name ${c.successors.join(' and ')}; the geometry confirms ${c.taken}`,
    );
  if (check.notInOfficial.length)
    lines.push(`  not in the official lists (merged before 2025): ${check.notInOfficial.join(', ')}`);
  return lines;
}

export async function crosswalkCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      'sliver-share': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${CROSSWALK_HELP}\n`);
    return 0;
  }
  const from = setFlag('--from', values.from, 'pre2025');
  const to = setFlag('--to', values.to, from === 'pre2025' ? '2025' : 'pre2025');
  if (from === to) throw new UserError(`--from and --to name the same set (${from}).`);
  const sliverShare = optionalNumber('--sliver-share', values['sliver-share']);
  if (sliverShare !== undefined && !(sliverShare >= 0 && sliverShare < 1))
    throw new UserError(`--sliver-share must be a share from 0 to below 1 (got ${sliverShare}).`);
  const crosswalk = buildCrosswalk(
    loadSet(from),
    loadSet(to),
    sliverShare === undefined ? {} : { sliverShare },
  );
  const official =
    from === 'pre2025' ? compositionFromCsv(readText(SAMPLE.composition), SAMPLE.composition) : null;
  const csv = crosswalkCsv(crosswalk);
  if (values.out) {
    writeOutputFile(values.out, csv);
    process.stdout.write(`wrote ${values.out}\n`);
  } else process.stdout.write(csv);
  for (const line of crosswalkSummary(crosswalk, from, to, official)) process.stderr.write(`${line}\n`);
  return 0;
}
