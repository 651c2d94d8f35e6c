import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { ogrSummary, requireTool } from '../support/ogr.ts';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, 'report', ...args], { cwd, encoding: 'utf8' });
const HAS_OGR = requireTool('ogrinfo');
const HAS_POPPLER = requireTool('pdftotext');

describe('vungphu report on the 2025 boundaries (no districts), in English', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-report25-'));
  const out = join(dir, 'out');
  let report: CoverageReport;
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [
        BIN,
        'report',
        '--boundary-set',
        '2025',
        '--format',
        'pdf,xlsx,shp',
        '--lang',
        'en',
        '--as-of',
        '2025-12-31',
        '--out',
        out,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  }, 180_000);

  it('the PDF has pages per group of communes and the as-of date', () => {
    if (!HAS_POPPLER) return;
    const text = execFileSync('pdftotext', [join(out, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Commune group 1/');
    expect(text).toContain('Figures as of');
    expect(text).toContain('2025-12-31');
    expect(text).toContain('Gia Lai');
    expect(text).not.toContain('District');
  });

  it('the workbook rolls communes straight up to the province', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'report.xlsx'));
    const ws = wb.getWorksheet('Districts')!;
    expect(ws.rowCount).toBe(1 + report.units.filter((u) => u.level === 'province').length);
    expect(ws.getCell('A2').value).toBe('Province');
    expect(wb.getWorksheet('Communes')!.rowCount).toBe(
      1 + report.units.filter((u) => u.level === 'commune').length,
    );
  });

  it.skipIf(!HAS_OGR)('the Shapefile holds every 2025 commune', () => {
    const s = ogrSummary(`/vsizip/${join(out, 'report_shp.zip')}`);
    expect(s.find((l) => l.layer === 'communes')?.count).toBe(
      report.units.filter((u) => u.level === 'commune').length,
    );
  });
});

describe('vungphu report: bad options exit 1 with a message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-report-err-'));
  it.each([
    [['--format', 'docx'], /--format: unknown format\(s\) "docx"/],
    [['--lang', 'fr'], /--lang must be vi or en/],
    [['--as-of', '31/12/2025'], /--as-of must be a date YYYY-MM-DD/],
    [['--from', 'nowhere'], /nowhere\/report\.json: file not found/],
    [['--from', 'nowhere', '--sites', 's.csv'], /--sites cannot be used with --from/],
    [['--format'], /--format needs a value/],
    [['--sites', 'missing.csv', '--format', 'csv'], /missing\.csv: file not found/],
  ])('%j', (args, message) => {
    const r = run(args, dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('--help prints the usage', () => {
    const r = run(['--help'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--baseline F');
  });
});
