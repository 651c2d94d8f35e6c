/**
 * The `vungphu` command line: dispatches to a command. Each command's module is imported only when
 * that command runs, so `--help` and `--version` load almost nothing.
 */
import { formatIssue, UserError } from '../core/base/errors.ts';
import { cutText } from '../core/base/show_value.ts';
import { ANALYZE_HELP } from './analyze_help.ts';
import { packageVersion } from './version.ts';

const HELP = `vungphu — coverage analysis for Vietnamese provinces (Vùng Phủ)

Usage: vungphu <command> [options]

Commands:
  analyze    coverage per commune, district and province; writes report.json,
             communes.csv and gaps.geojson (see 'vungphu analyze --help')
  plan-sites where the next mobile sites (or, with --postal, postal points) do
             the most good; writes plan.csv and plan.json
             (see 'vungphu plan-sites --help')
  report     the periodic report: XLSX, PDF, CSV, GeoJSON, GeoPackage, Shapefile,
             KML, with a baseline comparison (see 'vungphu report --help')
  crosswalk  old communes to new units (pre2025 ↔ 2025) from the geometry, checked
             against the official composition (see 'vungphu crosswalk --help')

Options:
  -h, --help     this help
  --version      print the version

${ANALYZE_HELP}`;

/** Dispatches a command; UserError → exit 1 with its message, anything else → exit 2. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (command === '--version') {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (command === 'analyze') return await (await import('./analyze_command.ts')).analyzeCommand(rest);
    if (command === 'plan-sites')
      return await (await import('./plan_sites_command.ts')).planSitesCommand(rest);
    if (command === 'report') return await (await import('./report_command.ts')).reportCommand(rest);
    if (command === 'crosswalk') return await (await import('./crosswalk_command.ts')).crosswalkCommand(rest);
    throw new UserError(`unknown command "${command}". Run 'vungphu --help'.`);
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`error: ${cutText(e.message, 4000)}\n`);
      for (const issue of e.issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
      return 1;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${e.message}. Run 'vungphu ${command} --help'.\n`);
      return 1;
    }
    process.stderr.write(
      `internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
